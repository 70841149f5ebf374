"""Organisations named in commitments: split institution cells, classify each name, resolve spellings to one node.

Scope: an organisation belongs to its member unless it is really international. International bodies
are the ones the alias table lists (``loaders/data/organizations.yaml``: the UN system, donors, international
NGOs and networks); everything else is national, with ids made from the member code
(``alb-ministry-of-justice``), even when its name sounds international ("African Network for Economic and
Environmental Justice" and Kyrgyzstan's "International Business Council" are national bodies: a body
really active across members is added to the table).
In a local member (Scotland, Buenos Aires), civil society and companies
belong to the country, government bodies to the local member. A national chapter of a network with
chapters (Transparency International, EITI, the Open Society foundations, AmCham, Publish What You Pay)
is a body of its own in its country (``geo-transparency-international``), linked to its network by
``chapter_links``. Generic groups ("civil society organisations", "line ministries") and non-answers
("NA", "None specified") produce no organisation; the raw cell stays on the commitment.

Resolution (loaders/_org_cluster.py): spellings with one match key in a scope are one node (see
loaders/_org_keys.py); the alias table fixes known bodies with all their spellings; fuzzy-equal keys,
names sharing an acronym in one member, and a bare acronym and the name it is given for join. The id and
name of each organisation come from a total order over everything seen, so ids do not depend on the order
of cells or files when every cell is ``observe``d before ``mentions``; across files, an organisation
already in the graph (``known``) keeps the graph's id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from graph.backend import Graph
from graph.model import Organization, OrganizationKind
from loaders._org_aliases import Found, alias_table, national_member
from loaders._org_cluster import FIXED, GLOBAL, Fixed, NodeKey, SpellingGraph
from loaders._org_keys import display_key, match_key, title_key
from loaders._org_lexicon import classify, fold
from loaders._org_names import Piece, is_acronym
from loaders._org_split import split_cell
from loaders.member_names import MEMBER_CODES, member_slug, slugify

Role = Literal["lead", "support"]
NATIONAL_KINDS: frozenset[str] = frozenset({"government", "parliament"})
_LISTED_KINDS = frozenset({"government", "civil_society"})
_CODES = {member_slug(name): code for name, code in MEMBER_CODES.items()}

KNOWN_ORGANIZATIONS = (
    "MATCH (o:Organization) "
    "RETURN o.id AS id, o.name AS name, o.kind AS kind, o.member_id AS member_id, o.aliases AS aliases"
)


@dataclass(frozen=True)
class OrgMention:
    """One organisation named in one cell: the resolved organisation, the spelling there, and the role."""

    organization: Organization
    as_written: str
    role: Role
    name: str = ""
    acronym: str | None = None


class OrganizationResolver:
    """Resolves institution cells to organisations, merging spellings within a scope (member or international).

    Single pass: ``mentions`` for each cell (ids of early mentions may change as later spellings arrive;
    ``organizations()`` is always order-independent). Two passes: ``observe`` every cell first, then
    ``mentions`` gives the same ids whatever the order.
    """

    def __init__(self, known: Iterable[Organization] = ()) -> None:
        self._graph = SpellingGraph()
        self._table = alias_table()
        self._pending: Counter[tuple[str, str, str]] = Counter()
        for org in sorted(known, key=lambda o: o.id):
            scope = org.member_id if org.member_id else GLOBAL
            words = self._table.member_words(org.member_id) if org.member_id else ()
            for spelling in [org.name, *org.aliases]:
                node = self._graph.node(*self._known_key(spelling, org, scope, words))
                if node.known is None:
                    node.known = org
                    node.aliases.update(org.aliases)

    def observe(self, text: str | None, *, member_id: str, member_code: str) -> None:
        """First pass: count one cell's spellings without returning mentions (call ``mentions`` for it later)."""
        pieces = split_cell(text, member_id)
        for piece, resolved in zip(pieces, self._cell(pieces, member_id), strict=True):
            self._add(piece, resolved, member_id, member_code)
        self._pending[(text or "", member_id, member_code)] += 1

    def mentions(self, text: str | None, *, member_id: str, member_code: str, role: Role) -> list[OrgMention]:
        """The organisations named in one cell of one member's commitment, each once, in order."""
        cell = (text or "", member_id, member_code)
        pieces = split_cell(text, member_id)
        resolved_cell = self._cell(pieces, member_id)
        if self._pending[cell] > 0:
            self._pending[cell] -= 1
            keys = [r[0] for r in resolved_cell]
        else:
            keys = [self._add(p, r, member_id, member_code) for p, r in zip(pieces, resolved_cell, strict=True)]
        out: list[OrgMention] = []
        done: set[str] = set()
        for piece, nk in zip(pieces, keys, strict=True):
            cluster = self._graph.cluster(nk)
            if cluster.id not in done:
                done.add(cluster.id)
                model = cluster.model([piece.as_written])
                out.append(OrgMention(model, piece.as_written, role, piece.name, piece.acronym))
        return out

    def organizations(self) -> list[Organization]:
        """Every organisation mentioned so far (and the networks of its chapters), aliases = every source spelling."""
        found = {c.id: c.model() for c in self._graph.clusters()}
        for _, network in self.chapter_links():
            if network not in found:
                entry = self._table.international[network]
                found[network] = Organization(id=network, name=entry.name, kind=entry.kind, aliases=[])
        return [found[i] for i in sorted(found)]

    def chapter_links(self) -> list[tuple[str, str]]:
        """(chapter id, network id) for every national chapter mentioned: the CHAPTER_OF relationships."""
        return sorted({(c.id, c.network) for c in self._graph.clusters() if c.network and c.network != c.id})

    def _table_node(self, found: Found, member_id: str) -> tuple[NodeKey, Fixed]:
        entry, network = found.entry, found.network
        if found.member_id is None:
            return (GLOBAL, FIXED + entry.slug), Fixed(entry.slug, entry.name, entry.kind, None)
        code = _CODES.get(found.member_id, found.member_id).lower()
        if network is not None and entry.slug == network.slug:  # an unnamed chapter: "<network> <country>"
            suffix = f"-{slug_of(found.qualifier)}" if found.qualifier else ""
            ident = f"{code}-{network.slug}{suffix}"
            name = f"{network.name} {_country_name(found.member_id)}" + (f", {found.qualifier}" if suffix else "")
            fixed = Fixed(ident, name, entry.kind, found.member_id, network.slug)
            return (found.member_id, FIXED + ident), fixed
        words = self._table.member_words(found.member_id)
        ident = entry.id or f"{code}-{slugify(display_key(entry.name, words, leading=False))}"
        chapter_of = entry.chapter_of if entry.chapter_of else None
        return (found.member_id, FIXED + ident), Fixed(ident, entry.name, entry.kind, found.member_id, chapter_of)

    def _known_key(self, spelling: str, org: Organization, scope: str, words: tuple[str, ...]) -> NodeKey:
        """Where a spelling of an organisation already in the graph sits: the alias table's node for it (so the
        graph's id stays the id of that body), else its match key in its scope."""
        if org.member_id:
            found = self._lookup(Piece(spelling, None, spelling), org.member_id)
            bare = is_acronym(spelling.replace(" ", "")) and (found is None or found.network is None)
            if found is not None and not bare and (found.member_id or found.entry.national == "offices"):
                return self._table_node(found, org.member_id)[0]
        else:
            entry = self._table.lookup_international(match_key(spelling))
            if entry is not None:
                return GLOBAL, FIXED + entry.slug
        return scope, match_key(spelling, words)

    def _lookup(self, piece: Piece, member_id: str) -> Found | None:
        """The table's body for a piece: by name (with and without the member's own name), as a chapter, as a
        country office, or by the acronym given with it when its name holds one of the body's spellings."""
        words = self._table.member_words(member_id)
        key = match_key(piece.name, words)
        plain = match_key(piece.name)  # "U.S Agency for International Development" in the United States
        table = self._table
        found = table.lookup(member_id, key) or table.lookup(member_id, plain)
        found = found or table.chapter(member_id, piece.name, key)
        if found is None and not is_acronym(piece.name.replace(" ", "")):
            office = table.office(key)
            found = Found(office, None) if office is not None else None
        if found is None and piece.acronym:
            by_acronym = table.lookup(member_id, match_key(piece.acronym))
            spellings = [match_key(s) for s in by_acronym.entry.spellings()] if by_acronym else []
            if by_acronym and any(len(s) >= 8 and f" {s} " in f" {plain} " for s in spellings):
                found = by_acronym  # "the joint United States Agency for International Development (USAID)"
        return found

    def _node_key(self, piece: Piece, member_id: str) -> tuple[NodeKey, OrganizationKind, Fixed | None]:
        words = self._table.member_words(member_id)
        key = match_key(piece.name, words)
        found = self._lookup(piece, member_id)
        if found is not None and not (is_acronym(piece.name.replace(" ", "")) and found.network is None):
            nk, fixed = self._table_node(found, member_id)
            return nk, fixed.kind, fixed
        kind = classify(fold(piece.name), piece.name, piece.hint)
        unit = piece.parent and kind in ("government", "civil_society", "unknown")
        if unit and classify(fold(piece.parent or ""), piece.parent or "") == "parliament":
            kind = "parliament"  # the Chamber's "Departamento de Informática" is a parliament unit
        scope = member_id if kind in NATIONAL_KINDS else national_member(member_id)
        if piece.parent and scope != GLOBAL:
            key = f"{match_key(piece.parent, words)} > {key}"
        return (scope, key), kind, None

    def _cell(self, pieces: list[Piece], member_id: str) -> list[tuple[NodeKey, OrganizationKind, Fixed | None]]:
        """Every piece of one cell resolved; a piece of unknown kind between two of one kind takes it (cells list
        government bodies together, then civil society: "ARTICLE 19 • Civil Forum • URAC • SYNPICS • 3D NGO")."""
        resolved = [self._node_key(p, member_id) for p in pieces]
        kinds = [kind for _, kind, _ in resolved]
        for i, (nk, kind, fixed) in enumerate(resolved):
            if kind != "unknown" or fixed is not None:
                continue
            before = [k for k in kinds[:i] if k != "unknown"]
            after = [k for k in kinds[i + 1 :] if k != "unknown"]
            if (
                before
                and after
                and before[-1] == after[0] in _LISTED_KINDS
                or len(before) >= 2
                and before[-1] == before[-2] in _LISTED_KINDS
                and not after
            ):
                resolved[i] = (nk, before[-1], fixed)
        return resolved

    def _add(
        self, piece: Piece, resolved: tuple[NodeKey, OrganizationKind, Fixed | None], member_id: str, member_code: str
    ) -> NodeKey:
        nk, kind, fixed = resolved
        node = self._graph.node(*nk)
        if nk[0] != GLOBAL:
            code = _CODES.get(nk[0], member_code)
            if not node.member_code or code < node.member_code:
                node.member_code = code
        if fixed is not None:
            node.fixed = fixed
        node.count += 1
        node.kinds[kind] += 1
        node.names[_display_name(piece)] += 1
        words = self._table.member_words(member_id)
        unit = f"{display_key(piece.parent, words)} " if piece.parent else ""  # "senado departamento de informatica"
        node.slugs[unit + title_key(piece.name, words)] += 1
        node.aliases.add(piece.as_written)
        self._graph.touch(nk)
        acronym_scope = member_id if nk[0] == GLOBAL else nk[0]
        if piece.acronym:
            node.aliases.add(piece.acronym)
            self._graph.define_acronym(acronym_scope, acronym_key(piece.acronym), nk)
        if is_acronym(piece.name.replace(" ", "")) and fixed is None:
            fallback = self._acronym_fallback(piece, member_id)
            self._graph.mark_bare(nk, acronym_scope, acronym_key(piece.name), fallback)
        return nk

    def _acronym_fallback(self, piece: Piece, member_id: str) -> NodeKey | None:
        """The table's body for a bare acronym ("GIZ", "UNDP", "IDSCS"), used when no cell of the member says."""
        key = match_key(piece.name, self._table.member_words(member_id))
        found = self._table.lookup(member_id, key)
        if found is None:
            return None
        nk, fixed = self._table_node(found, member_id)
        node = self._graph.node(*nk)
        node.fixed = fixed
        if nk[0] != GLOBAL and not node.member_code:
            node.member_code = _CODES.get(nk[0], "")
        return nk


def acronym_key(text: str) -> str:
    """One key for "UNATR-CI" and "UNATRCI", "CDD-Ghana" and "CDD Ghana"."""
    return fold(text).replace(" ", "")


def slug_of(text: str) -> str:
    """A slug of any text."""
    return "-".join(fold(text).split())


def _country_name(member_id: str) -> str:
    names = {member_slug(name): name for name in MEMBER_CODES}
    return names.get(member_id, member_id.replace("-", " ").title())


def _display_name(piece: Piece) -> str:
    return f"{piece.name} ({piece.parent})" if piece.parent else piece.name


async def known_organizations(graph: Graph) -> list[Organization]:
    """The organisations already in the graph (to pass as ``known`` so files resolve against each other)."""
    rows = await graph.read(KNOWN_ORGANIZATIONS, {})
    return [
        Organization(
            id=r["id"],
            name=r["name"] or r["id"],
            kind=r["kind"] or "unknown",
            member_id=r["member_id"],
            aliases=list(r["aliases"] or []),
        )
        for r in rows
    ]
