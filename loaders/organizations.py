"""Organisations named in commitments: split institution cells, classify each name, resolve spellings to one node.

Ids: government and parliament bodies are national (``alb-ministry-of-justice``, ``member_id`` set);
civil society, private, multilateral and unknown organisations with a proper name may span members
(``world-bank``). A bare acronym we cannot expand ("IDFI") stays inside its member (``geo-idfi``).
Generic groups ("civil society organisations", "other interested NGOs and CSOs", "line ministries") and
non-answers ("NA", "TBD", "Unclear") produce no organisation at all: the raw cell stays on the
commitment (``lead_institutions_text`` / ``supporting_institutions_text``); we never make a node
named "CSOs", and never one node for "civil society" across countries.

Resolution (loaders/_org_cluster.py): spellings with the same normalised key in a scope are one node
(unidecode, lower case, no punctuation or articles, British/US spellings, the member's own name removed
from national bodies: "Parliament of Georgia" = "Parliament"); nodes join when rapidfuzz
``token_sort_ratio`` >= 92, and a bare acronym joins the organisation it is given for in parentheses
("IDFI" and "Institute for Development of Freedom of Information (IDFI)"). The id and name of each
organisation come from a total order over everything seen (most mentions, shortest key, alphabetical),
so ids do not depend on the order of cells or files when every cell is ``observe``d before ``mentions``;
across files, an organisation already in the graph (``known``) keeps the graph's id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from graph.backend import Graph
from graph.model import Organization, OrganizationKind
from loaders._org_cluster import GLOBAL, NodeKey, SpellingGraph
from loaders._org_lexicon import KNOWN_ACRONYMS, classify, has_proper_name
from loaders._org_split import Piece, fold, is_acronym, split_cell

Role = Literal["lead", "support"]
# International organisations whose names are made of descriptive words only: still one node across members.
INTERNATIONAL_NAMES: frozenset[str] = frozenset(KNOWN_ACRONYMS.values()) | {
    "Transparency International",
    "Open Knowledge Foundation",
    "Open Contracting Partnership",
    "Article 19",
    "Publish What You Pay",
    "Global Integrity",
    "Open Data Charter",
    "Open Ownership",
}
NATIONAL_KINDS: frozenset[str] = frozenset({"government", "parliament"})

KNOWN_ORGANIZATIONS = (
    "MATCH (o:Organization) "
    "RETURN o.id AS id, o.name AS name, o.kind AS kind, o.member_id AS member_id, o.aliases AS aliases"
)

SYNONYMS: dict[str, str] = {
    "organisation": "organization",
    "organisations": "organizations",
    "labour": "labor",
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "defence": "defense",
    "min": "ministry",
    "dept": "department",
    "govt": "government",
    "gov": "government",
    "natl": "national",
    "intl": "international",
    "co": "co",
    "cooperation": "cooperation",
    "favour": "favor",
    "honourable": "honorable",
}
_DROP_TOKENS = frozenset({"the"})
# Acronyms that stand for a body only when that body already exists in the member ("MoJ" -> Ministry of Justice).
CONTEXT_ACRONYMS: dict[str, str] = {
    "moj": "ministry of justice",
    "mof": "ministry of finance",
    "mfa": "ministry of foreign affairs",
    "moe": "ministry of education",
    "moh": "ministry of health",
    "moi": "ministry of interior",
    "pmo": "prime ministers office",
    "gog": "government",
    "cog": "council of governors",
}


@dataclass(frozen=True)
class OrgMention:
    """One organisation named in one cell: the resolved organisation, the spelling there, and the role."""

    organization: Organization
    as_written: str
    role: Role


def normal_key(name: str, member_words: str = "") -> str:
    """The comparison key of a name: folded, synonyms expanded, articles dropped, the member's own name removed."""
    tokens = [SYNONYMS.get(t, t) for t in fold(name).split() if t not in _DROP_TOKENS]
    key = " ".join(tokens)
    if member_words and key != member_words:
        key = re.sub(
            rf"\s+(?:of|de|du|da|do|del|in)\s+(?:la\s+|el\s+)?(?:republic\s+of\s+|republica\s+de\s+|kingdom\s+of\s+)?"
            rf"(?:la\s+)?{re.escape(member_words)}$",
            "",
            key,
        )
        if key.startswith(member_words + " ") and len(key) > len(member_words) + 3:
            key = key[len(member_words) + 1 :]
    return key


class OrganizationResolver:
    """Resolves institution cells to organisations, merging spellings within a scope (member or global).

    Single pass: ``mentions`` for each cell (ids of early mentions may change as later spellings arrive;
    ``organizations()`` is always order-independent). Two passes: ``observe`` every cell first, then
    ``mentions`` gives the same ids whatever the order.
    """

    def __init__(self, known: Iterable[Organization] = ()) -> None:
        self._graph = SpellingGraph()
        self._pending: Counter[tuple[str, str, str]] = Counter()
        for org in sorted(known, key=lambda o: o.id):
            scope = org.member_id if org.member_id else GLOBAL
            words = fold(org.member_id.replace("-", " ")) if org.member_id else ""
            for spelling in [org.name, *org.aliases]:
                node = self._graph.node(scope, normal_key(spelling, words))
                if node.known is None:
                    node.known = org
                    node.aliases.update(org.aliases)

    def observe(self, text: str | None, *, member_id: str, member_code: str) -> None:
        """First pass: count one cell's spellings without returning mentions (call ``mentions`` for it later)."""
        for piece in split_cell(text):
            self._add(piece, member_id, member_code)
        self._pending[(text or "", member_id, member_code)] += 1

    def mentions(self, text: str | None, *, member_id: str, member_code: str, role: Role) -> list[OrgMention]:
        """The organisations named in one cell of one member's commitment, each once, in order."""
        cell = (text or "", member_id, member_code)
        pieces = split_cell(text)
        if self._pending[cell] > 0:
            self._pending[cell] -= 1
            keys = [self._node_key(p, member_id)[0] for p in pieces]
        else:
            keys = [self._add(p, member_id, member_code) for p in pieces]
        out: list[OrgMention] = []
        done: set[str] = set()
        for piece, nk in zip(pieces, keys, strict=True):
            cluster = self._graph.cluster(nk)
            if cluster.id not in done:
                done.add(cluster.id)
                out.append(OrgMention(cluster.model([piece.as_written]), piece.as_written, role))
        return out

    def organizations(self) -> list[Organization]:
        """Every organisation mentioned so far (not the unused known ones), aliases = every source spelling."""
        return [c.model() for c in self._graph.clusters()]

    def _node_key(self, piece: Piece, member_id: str) -> tuple[NodeKey, OrganizationKind]:
        folded = fold(piece.name)
        kind = classify(folded, piece.name)
        national = kind in NATIONAL_KINDS or (
            kind in {"civil_society", "unknown"}
            and piece.name not in INTERNATIONAL_NAMES
            and (not has_proper_name(folded) or is_acronym(piece.name.replace(" ", "")))
        )
        scope = member_id if national else GLOBAL
        return (scope, normal_key(piece.name, fold(member_id.replace("-", " ")) if national else "")), kind

    def _add(self, piece: Piece, member_id: str, member_code: str) -> NodeKey:
        nk, kind = self._node_key(piece, member_id)
        node = self._graph.node(*nk)
        if nk[0] != GLOBAL and (not node.member_code or member_code < node.member_code):
            node.member_code = member_code
        node.count += 1
        node.kinds[kind] += 1
        node.names[piece.name] += 1
        node.aliases.add(piece.as_written)
        self._graph.touch(nk)
        if piece.acronym:
            node.aliases.add(piece.acronym)
            self._graph.define_acronym(member_id, fold(piece.acronym), nk)
        token = normal_key(piece.name, fold(member_id.replace("-", " ")))
        canonical = piece.name in INTERNATIONAL_NAMES  # "GIZ", "OECD": the name we chose, not a bare acronym
        if not canonical and (is_acronym(piece.name.replace(" ", "")) or token in CONTEXT_ACRONYMS):
            full = CONTEXT_ACRONYMS.get(token)
            context_key = normal_key(full, fold(member_id.replace("-", " "))) if full else None
            self._graph.mark_bare(nk, member_id, token, context_key)
        return nk


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
