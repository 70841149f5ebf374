"""Order-independent clustering of organisation spellings: nodes (scope, key), edges, components, canonical ids.

A node is one match key in one scope (a member, or ``*`` for international bodies); nodes the alias table
fixes (``=<entry>`` keys) carry their id, name and kind. Edges: rapidfuzz ``token_sort_ratio`` >= 92
between keys of one scope (never between keys whose numbers differ: "Bureau for Sessions I" and "… II"
are two bodies, and never to a fixed node); names given the same acronym in one member ("Union Générale
des Travailleurs (UGTCI)" and "General Union of Workers (UGTCI)": a translation); a bare acronym to the
one organisation that acronym is given for in parentheses (in the member first, else anywhere for
shared organisations), else to the table's body of that acronym. Components are the organisations.
Which spelling names and ids a component is a total order over everything seen (a fixed node first,
then a full name before a bare acronym, most mentions, shortest key, alphabetical), so any order of cells
gives the same ids. A component holding an organisation already in the graph (``known``) takes the
graph's id (the smallest, if several): across files, the graph's id wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from graph.model import Organization, OrganizationKind
from loaders._org_keys import numbers
from loaders.member_names import slugify

NodeKey = tuple[str, str]
_TITLED = re.compile(r"^(?:\d\w*\s+|acting\s+)?(?:head|chief|chair|director)\b", re.IGNORECASE)
FUZZY_THRESHOLD = 92
FUZZY_MIN_LENGTH = 12
SHARED_ACRONYM_MIN = 3
GLOBAL = "*"
# A body one spelling places in a parliament ("Head of Bureau for Sessions I of DPR RI") is a parliament body,
# even where another spelling has only a generic head word ("Bureau for Session I").
PARLIAMENT_OR_VAGUE: frozenset[OrganizationKind] = frozenset({"parliament", "government", "civil_society"})
FIXED = "="
KIND_ORDER: tuple[OrganizationKind, ...] = (
    "government",
    "parliament",
    "civil_society",
    "multilateral",
    "private",
    "unknown",
)


@dataclass(frozen=True)
class Fixed:
    """What the alias table says a node is."""

    id: str
    name: str
    kind: OrganizationKind
    member_id: str | None
    network: str | None = None


@dataclass
class Node:
    """Every mention of one key in one scope."""

    scope: str
    key: str
    member_code: str = ""
    count: int = 0
    kinds: Counter[OrganizationKind] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    slugs: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    known: Organization | None = None
    fixed: Fixed | None = None
    bare: bool = False


@dataclass
class Cluster:
    """One resolved organisation: the id, its name and kind, every spelling, and its network (chapters)."""

    id: str
    kind: OrganizationKind
    member_id: str | None
    name: str
    aliases: list[str]
    seen: bool
    network: str | None = None

    def model(self, aliases: list[str] | None = None) -> Organization:
        """The graph node (``aliases`` overrides the full alias list, e.g. with the one cell spelling)."""
        return Organization(
            id=self.id,
            name=self.name,
            kind=self.kind,
            member_id=self.member_id,
            aliases=self.aliases if aliases is None else aliases,
        )


class SpellingGraph:
    """The spelling graph: add nodes and acronym facts in any order, then read the clusters."""

    def __init__(self) -> None:
        self.nodes: dict[NodeKey, Node] = {}
        self._edges: dict[NodeKey, set[NodeKey]] = {}
        self._by_scope: dict[str, list[str]] = {}
        self.defs: dict[tuple[str, str], set[NodeKey]] = {}
        self.bare: dict[NodeKey, tuple[str, str, NodeKey | None]] = {}
        self._clusters: dict[NodeKey, list[Node]] | None = None  # node -> the nodes of its component
        self._summary: dict[int, Cluster] = {}  # id() of a component's node list -> its organisation

    def node(self, scope: str, key: str) -> Node:
        """The node of ``key`` in ``scope``, created (with its fuzzy edges) on first use."""
        nk = (scope, key)
        found = self.nodes.get(nk)
        if found is not None:
            return found
        node = self.nodes[nk] = Node(scope, key)
        self._edges[nk] = set()
        keys = self._by_scope.setdefault(scope, [])
        if len(key) >= FUZZY_MIN_LENGTH and not key.startswith(FIXED):
            for other in keys:
                if len(other) < FUZZY_MIN_LENGTH or other.startswith(FIXED) or numbers(other) != numbers(key):
                    continue
                if fuzz.token_sort_ratio(key, other) >= FUZZY_THRESHOLD:
                    self._edges[nk].add((scope, other))
                    self._edges[(scope, other)].add(nk)
        keys.append(key)
        self._clusters = None
        return node

    def define_acronym(self, member_id: str, acronym: str, nk: NodeKey) -> None:
        """Record that ``acronym`` was given for the organisation ``nk`` in ``member_id``."""
        for where in (member_id, GLOBAL) if nk[0] == GLOBAL else (member_id,):
            targets = self.defs.setdefault((where, acronym), set())
            if nk not in targets:
                targets.add(nk)
                self._clusters = None

    def mark_bare(self, nk: NodeKey, member_id: str, token: str, fallback: NodeKey | None) -> None:
        """Record that node ``nk`` is a bare acronym (``fallback``: the body it stands for when no cell says)."""
        if nk not in self.bare:
            self.bare[nk] = (member_id, token, fallback)
            self.nodes[nk].bare = True
            self._clusters = None

    def touch(self, nk: NodeKey) -> None:
        """Node ``nk`` got another mention: its organisation's name, kind or id may change."""
        if self._clusters is not None:
            self._summary.pop(id(self._clusters[nk]), None)

    def cluster(self, nk: NodeKey) -> Cluster:
        """The organisation node ``nk`` belongs to."""
        if self._clusters is None:
            self._clusters, self._summary = self._build(), {}
        members = self._clusters[nk]
        found = self._summary.get(id(members))
        if found is None:
            found = self._summary[id(members)] = _summarise(_cluster_id(members), members)
        return found

    def clusters(self) -> list[Cluster]:
        """Every organisation with at least one mention, by id (components that got one id are combined)."""
        if self._clusters is None:
            self._clusters, self._summary = self._build(), {}
        by_id: dict[str, list[Node]] = {}
        for members in {id(m): m for m in self._clusters.values()}.values():
            by_id.setdefault(_cluster_id(members), []).extend(members)
        found = [_summarise(cid, members) for cid, members in sorted(by_id.items())]
        return [c for c in found if c.seen]

    def _build(self) -> dict[NodeKey, list[Node]]:
        parent = {nk: nk for nk in self.nodes}

        def root(nk: NodeKey) -> NodeKey:
            while parent[nk] != nk:
                parent[nk] = parent[parent[nk]]
                nk = parent[nk]
            return nk

        def union(a: NodeKey, b: NodeKey) -> None:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        for nk in sorted(self._edges):
            for other in sorted(self._edges[nk]):
                union(nk, other)
        for (where, acronym), targets in sorted(self.defs.items()):
            named = sorted(t for t in targets if not self.nodes[t].bare)
            if where != GLOBAL and len(acronym) >= SHARED_ACRONYM_MIN and len(named) > 1 and _compatible(self, named):
                for other in named[1:]:  # one acronym, two names in one member: one body in two languages
                    union(named[0], other)
        links: list[tuple[NodeKey, NodeKey]] = []
        for nk, (member_id, token, fallback) in sorted(self.bare.items()):
            targets = (self.defs.get((member_id, token), set()) or self.defs.get((GLOBAL, token), set())) - {nk}
            roots = {root(t) for t in targets}
            if len(roots) == 1:  # an acronym given for two different organisations links to neither
                links.append((nk, min(targets)))
            elif not targets and fallback is not None and fallback in self.nodes:
                links.append((nk, fallback))
        for a, b in links:
            union(a, b)
        groups: dict[NodeKey, list[Node]] = {}
        for nk in sorted(self.nodes):
            groups.setdefault(root(nk), []).append(self.nodes[nk])
        return {(n.scope, n.key): members for members in groups.values() for n in members}


def _compatible(graph: SpellingGraph, keys: list[NodeKey]) -> bool:
    """Names sharing an acronym join only when nothing says they are different kinds of body."""
    kinds = set()
    for nk in keys:
        node = graph.nodes[nk]
        top = [k for k, _ in node.kinds.most_common(1) if k != "unknown"]
        kinds.update(top)
    return len(kinds) <= 1


def _order(node: Node) -> tuple[bool, bool, int, int, str]:
    # a fixed node first, then a full name over an acronym, then the most mentioned
    return (node.fixed is None, node.bare, -node.count, len(node.key), node.key)


def _cluster_id(members: list[Node]) -> str:
    known = sorted(n.known.id for n in members if n.known is not None)
    if known:
        return known[0]
    fixed = sorted(n.fixed.id for n in members if n.fixed is not None)
    if fixed:
        return fixed[0]
    shared = [n for n in members if n.scope == GLOBAL] or members
    best = min(shared, key=_order)
    slug = slugify(max(best.slugs, key=lambda s: (best.slugs[s], s)) if best.slugs else best.key)
    return slug if best.scope == GLOBAL else f"{best.member_code.lower()}-{slug}"


def _summarise(cid: str, members: list[Node]) -> Cluster:
    aliases = sorted({a for n in members for a in n.aliases})
    seen = any(n.count for n in members)
    known = next(
        (
            n.known
            for n in sorted(members, key=lambda n: n.known.id if n.known else "")
            if n.known is not None and n.known.id == cid
        ),
        None,
    )
    fixed = next((n.fixed for n in sorted(members, key=lambda n: n.key) if n.fixed and n.fixed.id == cid), None)
    network = next((n.fixed.network for n in members if n.fixed and n.fixed.network), None)
    any_fixed = fixed or next((n.fixed for n in members if n.fixed), None)
    if any_fixed is not None:  # the alias table says what the body is; a graph id (known) only names it
        return Cluster(cid, any_fixed.kind, any_fixed.member_id, any_fixed.name, aliases, seen, network)
    if known is not None:
        return Cluster(cid, known.kind, known.member_id, known.name, aliases, seen, network)
    voters = [n for n in members if n.scope == GLOBAL] or members
    voters = [n for n in voters if not n.bare] or voters
    kinds: Counter[OrganizationKind] = Counter()
    names: Counter[str] = Counter()
    for n in voters:
        kinds.update(n.kinds)
        names.update(n.names)
    for n in members:  # an acronym's kind counts when the full name's is unknown ("GIZ" vs its German name)
        kinds.update({k: 0 for k in n.kinds})
    if kinds.get("parliament") and set(k for k in kinds if kinds[k] and k != "unknown") <= PARLIAMENT_OR_VAGUE:
        return Cluster(cid, "parliament", _member(voters), _name(names, cid), aliases, seen, network)
    known_kinds: list[OrganizationKind] = [k for k in KIND_ORDER if kinds.get(k) is not None and k != "unknown"]
    if not known_kinds:
        known_kinds = ["unknown"]
    kind = min(known_kinds, key=lambda k: (-kinds[k], KIND_ORDER.index(k)))
    return Cluster(cid, kind, _member(voters), _name(names, cid), aliases, seen, network)


def _member(voters: list[Node]) -> str | None:
    return None if voters[0].scope == GLOBAL else voters[0].scope


def _name(names: Counter[str], cid: str) -> str:
    """The most used spelling, one without an office holder's title first ("Bureau for Sessions I", not "Head of …")."""
    return min(names, key=lambda s: (bool(_TITLED.match(s)), -names[s], len(s), s)) if names else cid
