"""Organisations named in commitments: split institution cells, classify each name, resolve spellings to one node.

Ids: government and parliament bodies are national (``alb-ministry-of-justice``, ``member_id`` set);
civil society, private, multilateral and unknown organisations with a proper name may span members
(``world-bank``). A bare acronym we cannot expand ("IDFI") stays inside its member (``geo-idfi``).
Generic groups ("civil society organisations", "other interested NGOs and CSOs", "line ministries") and
non-answers ("NA", "TBD", "Unclear") produce no organisation at all: the raw cell stays on the
commitment (``lead_institutions_text`` / ``supporting_institutions_text``); we never make a node
named "CSOs", and never one node for "civil society" across countries.

Resolution, in order: exact normalised key in the scope (unidecode, lower case, no punctuation or
articles, British/US spellings, the member's own name removed from national bodies: "Parliament of
Georgia" = "Parliament"); an acronym given in parentheses in the same member ("IDFI" after
"Institute for Development of Freedom of Information (IDFI)"); then rapidfuzz ``token_sort_ratio``
>= 92 against the names already in the scope. Exact keys are order-independent; a fuzzy or acronym
match takes the id of the spelling seen first (the graph's, when ``known`` is given).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from graph.backend import Graph
from graph.model import Organization, OrganizationKind
from loaders._org_lexicon import KNOWN_ACRONYMS, classify, has_proper_name
from loaders._org_split import Piece, fold, is_acronym, split_cell
from loaders.member_names import slugify

Role = Literal["lead", "support"]
# International organisations whose names are made of descriptive words only: still one node across members.
INTERNATIONAL_NAMES: frozenset[str] = frozenset(KNOWN_ACRONYMS.values()) | {
    "Transparency International", "Open Knowledge Foundation", "Open Contracting Partnership", "Article 19",
    "Publish What You Pay", "Global Integrity", "Open Data Charter", "Open Ownership",
}
NATIONAL_KINDS: frozenset[str] = frozenset({"government", "parliament"})
FUZZY_THRESHOLD = 92
FUZZY_MIN_LENGTH = 12

KNOWN_ORGANIZATIONS = (
    "MATCH (o:Organization) "
    "RETURN o.id AS id, o.name AS name, o.kind AS kind, o.member_id AS member_id, o.aliases AS aliases"
)

SYNONYMS: dict[str, str] = {
    "organisation": "organization", "organisations": "organizations", "labour": "labor", "centre": "center",
    "centres": "centers", "programme": "program", "programmes": "programs", "defence": "defense",
    "min": "ministry", "dept": "department", "govt": "government", "gov": "government", "natl": "national",
    "intl": "international", "co": "co", "cooperation": "cooperation", "favour": "favor", "honourable": "honorable",
}
_DROP_TOKENS = frozenset({"the"})
# Acronyms that stand for a body only when that body already exists in the member ("MoJ" -> Ministry of Justice).
CONTEXT_ACRONYMS: dict[str, str] = {
    "moj": "ministry of justice", "mof": "ministry of finance", "mfa": "ministry of foreign affairs",
    "moe": "ministry of education", "moh": "ministry of health", "moi": "ministry of interior",
    "pmo": "prime ministers office", "gog": "government", "cog": "council of governors",
}


@dataclass(frozen=True)
class OrgMention:
    """One organisation named in one cell: the resolved organisation, the spelling there, and the role."""

    organization: Organization
    as_written: str
    role: Role


@dataclass
class _Entry:
    id: str
    kind: OrganizationKind
    member_id: str | None
    scope: str
    key: str
    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    fixed_name: str | None = None

    def name(self) -> str:
        if self.fixed_name:
            return self.fixed_name
        return sorted(self.names.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0][0]

    def model(self, aliases: Iterable[str] | None = None) -> Organization:
        shown = sorted(self.aliases) if aliases is None else list(aliases)
        return Organization(id=self.id, name=self.name(), kind=self.kind, member_id=self.member_id, aliases=shown)


def normal_key(name: str, member_words: str = "") -> str:
    """The comparison key of a name: folded, synonyms expanded, articles dropped, the member's own name removed."""
    tokens = [SYNONYMS.get(t, t) for t in fold(name).split() if t not in _DROP_TOKENS]
    key = " ".join(tokens)
    if member_words and key != member_words:
        key = re.sub(
            rf"\s+(?:of|de|du|da|do|del|in)\s+(?:la\s+|el\s+)?(?:republic\s+of\s+|republica\s+de\s+|kingdom\s+of\s+)?"
            rf"(?:la\s+)?{re.escape(member_words)}$", "", key)
        if key.startswith(member_words + " ") and len(key) > len(member_words) + 3:
            key = key[len(member_words) + 1:]
    return key


class OrganizationResolver:
    """Resolves institution cells to organisations, merging spellings within a scope (member or global)."""

    def __init__(self, known: Iterable[Organization] = ()) -> None:
        self._entries: dict[str, _Entry] = {}
        self._by_key: dict[tuple[str, str], str] = {}
        self._acronyms: dict[tuple[str, str], str] = {}
        self._seen: set[str] = set()
        for org in known:
            scope = org.member_id if org.member_id else "*"
            entry = _Entry(org.id, org.kind, org.member_id, scope, normal_key(org.name), fixed_name=org.name)
            entry.aliases.update(org.aliases)
            self._entries[org.id] = entry
            for spelling in [org.name, *org.aliases]:
                self._by_key.setdefault((scope, normal_key(spelling)), org.id)

    def mentions(self, text: str | None, *, member_id: str, member_code: str, role: Role) -> list[OrgMention]:
        """The organisations named in one cell of one member's commitment, each once, in order."""
        pieces = split_cell(text)
        out: list[OrgMention] = []
        done: set[str] = set()
        for piece in pieces:
            entry = self._resolve(piece, member_id, member_code)
            if entry.id in done:
                continue
            done.add(entry.id)
            self._seen.add(entry.id)
            out.append(OrgMention(entry.model([piece.as_written]), piece.as_written, role))
        return out

    def organizations(self) -> list[Organization]:
        """Every organisation resolved so far (not the unused known ones), aliases = every source spelling."""
        return [self._entries[i].model() for i in sorted(self._seen)]

    def _resolve(self, piece: Piece, member_id: str, member_code: str) -> _Entry:
        member_words = fold(member_id.replace("-", " "))
        entry = self._lookup_acronym(piece.name, member_id)
        if entry is None:
            folded = fold(piece.name)
            kind = classify(folded, piece.name)
            national = kind in NATIONAL_KINDS or (
                kind in {"civil_society", "unknown"} and piece.name not in INTERNATIONAL_NAMES
                and (not has_proper_name(folded) or is_acronym(piece.name.replace(" ", "")))
            )
            scope = member_id if national else "*"
            key = normal_key(piece.name, member_words if national else "")
            entry = self._find(scope, key)
            if entry is None:
                prefix = f"{member_code.lower()}-" if national else ""
                slug = slugify(key) or slugify(piece.name)
                entry = self._entries.get(prefix + slug)
                if entry is None:
                    entry = _Entry(prefix + slug, kind, member_id if national else None, scope, key)
                    self._entries[entry.id] = entry
                self._by_key[(scope, key)] = entry.id
        entry.names[piece.name] += 1
        entry.aliases.add(piece.as_written)
        if piece.acronym:
            entry.aliases.add(piece.acronym)
            self._acronyms[(member_id, fold(piece.acronym))] = entry.id
            if entry.scope == "*":
                self._acronyms.setdefault(("*", fold(piece.acronym)), entry.id)
        return entry

    def _lookup_acronym(self, name: str, member_id: str) -> _Entry | None:
        token = normal_key(name, fold(member_id.replace("-", " ")))
        if not is_acronym(name.replace(" ", "")) and token not in CONTEXT_ACRONYMS:
            return None
        found = self._acronyms.get((member_id, token)) or self._acronyms.get(("*", token))
        if found:
            return self._entries[found]
        full = CONTEXT_ACRONYMS.get(token)
        if full is not None:
            key = normal_key(full, fold(member_id.replace("-", " ")))
            hit = self._by_key.get((member_id, key))
            return self._entries[hit] if hit else None
        return None

    def _find(self, scope: str, key: str) -> _Entry | None:
        hit = self._by_key.get((scope, key))
        if hit:
            return self._entries[hit]
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        best: tuple[float, str] | None = None
        for (other_scope, other_key), org_id in sorted(self._by_key.items()):
            if other_scope != scope or len(other_key) < FUZZY_MIN_LENGTH:
                continue
            score = fuzz.token_sort_ratio(key, other_key)
            if score >= FUZZY_THRESHOLD and (best is None or score > best[0]):
                best = (score, org_id)
        if best is None:
            return None
        self._by_key[(scope, key)] = best[1]
        return self._entries[best[1]]


async def known_organizations(graph: Graph) -> list[Organization]:
    """The organisations already in the graph (to pass as ``known`` so files resolve against each other)."""
    rows = await graph.read(KNOWN_ORGANIZATIONS, {})
    return [
        Organization(id=r["id"], name=r["name"] or r["id"], kind=r["kind"] or "unknown", member_id=r["member_id"],
                     aliases=list(r["aliases"] or []))
        for r in rows
    ]
