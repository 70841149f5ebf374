"""The alias table (``loaders/data/organizations.yaml``): known bodies, their spellings, and chapter networks.

``lookup`` finds the table entry a spelling names in a member (that member's bodies first, then the
international ones). ``chapter`` recognises a national chapter of a network with chapters
("Transparency International PNG", "TIKenya", "GHEITI", "American Chamber of Commerce in Ukraine",
"Open Society Foundation – Georgia", a bare "TI" in Georgia's cell) and ``office`` a country office of
an international body ("UNDP Ukraine", "National Democratic Institute – Romania"). The file format and
how to add an alias are in the comment at the top of the data file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graph.model import OrganizationKind
from loaders._org_keys import match_key, member_words
from loaders._org_lexicon import fold
from loaders.member_names import MEMBER_CODES, member_slug, slugify

PLACE_WORDS = frozenset(
    [
        "in",
        "office",
        "national",
        "country",
        "mission",
        "africa",
        "african",
        "east",
        "eastern",
        "west",
        "western",
        "north",
        "northern",
        "south",
        "southern",
        "central",
        "latin",
        "america",
        "americas",
        "asia",
        "pacific",
        "europe",
        "european",
        "caribbean",
        "middle",
        "region",
        "regional",
        "ea",
        "the",
        "for",
        "and",
        "of",
    ]
)


class TableEntry(BaseModel):
    """One body of the table."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    kind: OrganizationKind
    id: str | None = None
    aliases: list[str] = Field(default_factory=list)
    national: Literal["offices", "chapters"] = "offices"
    chapter_kind: OrganizationKind | None = None
    qualifiers: list[str] = Field(default_factory=list)
    chapter_of: str | None = None

    @property
    def slug(self) -> str:
        """The entry's id (international) or id suffix (member bodies)."""
        return self.id or slugify(self.name)

    def spellings(self) -> list[str]:
        """The name and every alias."""
        return [self.name, *self.aliases]


class MemberTable(BaseModel):
    """The table's part for one member."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    words: list[str] = Field(default_factory=list)
    organizations: list[TableEntry] = Field(default_factory=list)


class AliasFile(BaseModel):
    """The whole data file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    international: list[TableEntry]
    members: dict[str, MemberTable] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _references(self) -> AliasFile:
        ids = [e.slug for e in self.international]
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        if doubled:
            raise ValueError(f"international ids used twice: {', '.join(doubled)}")
        networks = {e.slug for e in self.international if e.national == "chapters"}
        known_members = {member_slug(name) for name in MEMBER_CODES}
        for member, table in self.members.items():
            if member not in known_members:
                raise ValueError(f"members: {member!r} is not an OGP member slug")
            for entry in table.organizations:
                if entry.chapter_of is not None and entry.chapter_of not in networks:
                    raise ValueError(
                        f"members.{member}: {entry.name!r}: chapter_of {entry.chapter_of!r} is not a network"
                    )
        return self


@dataclass(frozen=True)
class Found:
    """What the table says a spelling is: the entry, where it belongs, and (chapters) its network."""

    entry: TableEntry
    member_id: str | None
    network: TableEntry | None = None
    qualifier: str = ""


class AliasTable:
    """The indexed table."""

    def __init__(self, data: AliasFile) -> None:
        self.data = data
        self.international = {e.slug: e for e in data.international}
        self.networks = [e for e in data.international if e.national == "chapters"]
        self._global: dict[str, TableEntry] = {}
        for entry in data.international:
            for spelling in entry.spellings():
                _claim(self._global, match_key(spelling), entry, f"international: {spelling!r}")
        self._member: dict[tuple[str, str], TableEntry] = {}
        for member, table in data.members.items():
            names = self.member_words(member)
            for entry in table.organizations:
                for spelling in entry.spellings():
                    key = (member, match_key(spelling, names))
                    _claim(self._member, key, entry, f"members.{member}: {spelling!r}")
        self._network_keys = {
            e.slug: sorted({match_key(s) for s in e.spellings()}, key=len, reverse=True) for e in self.networks
        }
        self._acronyms = {
            e.slug: sorted({fold(s) for s in e.spellings() if s.isupper() and len(s) >= 2}, key=len, reverse=True)
            for e in self.networks
        }
        self._named_chapters: dict[tuple[str, str], TableEntry] = {
            (member, e.chapter_of): e
            for member, table in data.members.items()
            for e in table.organizations
            if e.chapter_of
        }

    @cache  # noqa: B019 (one table per process; the cache lives as long as it)
    def member_words(self, member_id: str) -> tuple[str, ...]:
        """Folded names of a member (slug words and the table's ``words``), longest first."""
        table = self.data.members.get(member_id)
        return member_words(member_id, table.words if table else ())

    def lookup(self, member_id: str, key: str) -> Found | None:
        """The table entry a match key names in a member: the member's own bodies first, then international."""
        for where in dict.fromkeys((member_id, national_member(member_id))):  # a local member's country's bodies
            own = self._member.get((where, key))
            if own is not None:
                network = self.international.get(own.chapter_of) if own.chapter_of else None
                return Found(own, where, network)
        shared = self._global.get(key)
        if shared is None:
            return None
        if shared.national == "chapters":
            return self._chapter_of(member_id, shared, "")
        return Found(shared, None)

    def lookup_international(self, key: str) -> TableEntry | None:
        """The international body (or network) a match key names, whatever the member."""
        return self._global.get(key)

    def chapter(self, member_id: str, original: str, key: str) -> Found | None:
        """The national chapter a name denotes in a member, if it names a network with chapters."""
        folded = fold(original)
        words = self.member_words(member_id)
        for network in self.networks:
            for network_key in self._network_keys[network.slug]:
                padded = f" {key} "
                if f" {network_key} " not in padded:
                    continue
                rest = padded.replace(f" {network_key} ", " ", 1).split()
                if any(w in ("international", "initiative", "global") for w in rest) and network.slug != "eiti":
                    return Found(network, None)  # "the international initiative Publish What You Pay"
                qualifier = next((q for q in network.qualifiers if f" {fold(q)} " in f" {folded} "), "")
                return self._chapter_of(member_id, network, qualifier)
            tokens = [fold(t) for t in original.split() if sum(c.isupper() for c in t) >= 3]  # "GHEITI", "TIKenya"
            for acronym in self._acronyms[network.slug]:
                for token in tokens:
                    head, tail = token[: len(acronym)], token[len(acronym) :]
                    glued_after = token.endswith(acronym) and token[: -len(acronym)] in _abbreviations(member_id)
                    glued_before = head == acronym and tail and any(tail == w.replace(" ", "") for w in words)
                    if token != acronym and (glued_after or glued_before):
                        qualifier = next((q for q in network.qualifiers if f" {fold(q)} " in f" {folded} "), "")
                        return self._chapter_of(member_id, network, qualifier)
        return None

    def office(self, key: str) -> TableEntry | None:
        """The international body a key names with only place words after it ("undp ukraine")."""
        tokens = key.split()
        for cut in range(len(tokens) - 1, 0, -1):
            entry = self._global.get(" ".join(tokens[:cut]))
            places = all(t in PLACE_WORDS or t in _COUNTRY_WORDS for t in tokens[cut:])
            if entry is not None and entry.national == "offices" and places:
                return entry
        return None

    def _chapter_of(self, member_id: str, network: TableEntry, qualifier: str) -> Found:
        national = national_member(member_id)
        named = self._named_chapters.get((national, network.slug)) if not qualifier else None
        if named is not None:
            return Found(named, national, network)  # the table names this member's chapter
        kind = network.chapter_kind or network.kind
        chapter = TableEntry(name=network.name, kind=kind, id=network.slug, chapter_of=network.slug)
        return Found(chapter, national, network, fold(qualifier))


def _claim(index: dict[Any, TableEntry], key: Any, entry: TableEntry, where: str) -> None:
    """Index one spelling; two bodies with one spelling would make the table's answer depend on file order."""
    other = index.setdefault(key, entry)
    if other is not entry and other.slug != entry.slug:
        raise ValueError(f"loaders/data/organizations.yaml: {where} also names {other.name!r}")


def national_member(member_id: str) -> str:
    """The national member of a local one ("scotland-united-kingdom" -> "united-kingdom"), else itself; a local
    member the name list does not know yet ("nairobi-kenya") by the country slug its own slug ends with."""
    if member_id in _COUNTRY_OF or member_id in _NATIONAL:
        return _COUNTRY_OF.get(member_id, member_id)
    country = max((n for n in _NATIONAL if member_id.endswith(f"-{n}")), key=len, default=None)
    return country or member_id


_COUNTRY_OF = {member_slug(name): member_slug(name.split(", ", 1)[1]) for name in MEMBER_CODES if ", " in name}
_NATIONAL = frozenset(member_slug(name) for name in MEMBER_CODES if ", " not in name)
_CODE_OF = {member_slug(name): code.lower() for name, code in MEMBER_CODES.items()}


@cache
def _abbreviations(member_id: str) -> frozenset[str]:
    """Short forms of a member glued to a network's acronym: "GH" EITI, "PNG" EITI, "SL" EITI, "TT" EITI
    (the code's first two or three letters, the initials of its name); "CR" + "TI" in Ghana is no chapter."""
    national = national_member(member_id)
    code = _CODE_OF.get(national, "")
    names = member_words(national, ())
    initials = {"".join(w[0] for w in n.split() if w not in ("and", "of", "the")) for n in names}
    return frozenset({code[:2], code[:3], *initials, *(n for n in names if len(n) <= 4)} - {""})


_COUNTRY_WORDS = frozenset(w for name in MEMBER_CODES for w in fold(name).split())


@cache
def alias_table() -> AliasTable:
    """The table, read once from the package data (``ValueError`` says what is wrong in the file)."""
    text = resources.files("loaders").joinpath("data", "organizations.yaml").read_text(encoding="utf-8")
    return parse_alias_table(text)


def parse_alias_table(text: str) -> AliasTable:
    """The table of an alias file's text; ``ValueError`` says which entry is wrong and why."""
    try:
        data = AliasFile.model_validate(yaml.safe_load(text))
    except (ValidationError, yaml.YAMLError) as exc:
        raise ValueError(f"loaders/data/organizations.yaml: {exc}") from exc
    return AliasTable(data)
