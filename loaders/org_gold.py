"""The hand-checked organisation gold sets (``loaders/data/org_gold/``) and the figures they give.

A gold cell names one real institution cell and the organisations a careful reader finds in it, each
with its kind and the real body it is (the *entity*). Scoring compares what the resolver made of the
same cells: extraction precision and recall (full cells), kind accuracy, and resolution precision and
recall, pairwise and B-cubed, over every gold mention the resolver found (full and partial cells).
The rule the gold was judged by is in ``loaders/data/org_gold/README.md``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources

import yaml

from graph.model import OrganizationKind
from loaders._org_lexicon import fold
from loaders._org_names import strip_article
from loaders.member_names import slugify

KINDS: dict[str, OrganizationKind] = {
    "gov": "government",
    "parl": "parliament",
    "cso": "civil_society",
    "priv": "private",
    "multi": "multilateral",
    "unk": "unknown",
}
GOLD_FILES = ("extraction.yaml", "resolution.yaml")


class GoldError(ValueError):
    """The gold files are malformed or do not fit the source data (names the cell and why)."""


@dataclass(frozen=True)
class GoldOrg:
    """One organisation a careful reader finds in a cell."""

    spellings: tuple[str, ...]
    kind: OrganizationKind
    entity: str

    @property
    def name(self) -> str:
        """The name as the reader wrote it (the first spelling)."""
        return self.spellings[0]

    def match_keys(self) -> set[str]:
        """Comparison keys of every accepted spelling, with and without a parenthesised acronym."""
        return {k for s in self.spellings for k in spelling_keys(s)}


@dataclass(frozen=True)
class GoldCell:
    """One real cell and its organisations; ``partial`` cells list only some of them (resolution only)."""

    ref: str
    split: str
    partial: bool
    orgs: tuple[GoldOrg, ...]
    not_orgs: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        """``lead`` or ``support``: the column of the cell."""
        return self.ref.rsplit(" ", 1)[1]


@dataclass(frozen=True)
class SourceCell:
    """The text of a cell in the real data, and the member it belongs to."""

    text: str
    member_id: str
    member_code: str


@dataclass(frozen=True)
class Found:
    """One organisation the resolver found in a cell: its node id and kind, and the spellings to compare."""

    org_id: str
    kind: OrganizationKind
    role: str
    spellings: tuple[str, ...]

    def match_keys(self) -> set[str]:
        """Comparison keys of the spellings."""
        return {k for s in self.spellings for k in spelling_keys(s)}


def key(text: str) -> str:
    """The comparison key of a name: folded, without a leading article, spaces ignored ("Multi Stakeholder")."""
    return fold(strip_article(text.strip(" \"“”'‘’"))).replace(" ", "")


def spelling_keys(spelling: str) -> set[str]:
    """Keys of a spelling as written, and without an acronym given in brackets or after a dash ("… - ZELS"),
    and of that acronym."""
    out = {key(spelling)}
    if "(" in spelling:
        head, _, rest = spelling.partition("(")
        out.add(key(head))
        inner = rest.split(")")[0]
        if inner.strip():
            out.add(key(inner))
    dash = re.match(r"^(.{4,}?)\s+[-–]\s+([A-Z][A-Za-z\-]{1,10})$", spelling.strip())
    if dash and sum(c.isupper() for c in dash.group(2)) >= 2:
        out |= {key(dash.group(1)), key(dash.group(2))}
    return {k for k in out if k}


def parse_org(text: str, scope: str, where: str) -> GoldOrg:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) not in (2, 3) or parts[1] not in KINDS:
        raise GoldError(f"{where}: {text!r} is not 'name | kind | =entity' with kind one of {', '.join(KINDS)}")
    spellings = tuple(s.strip() for s in parts[0].split("~") if s.strip())
    if len(parts) == 3:
        if not parts[2].startswith("=") or len(parts[2]) < 3:
            raise GoldError(f"{where}: entity {parts[2]!r} must be written '=entity'")
        entity = parts[2][1:]
    else:  # "Ministry of Justice (MoJ)" in a Ukrainian cell -> ukr:ministry-of-justice
        entity = f"{scope}:{slugify(fold(strip_article(re.sub(r'[(][^()]*[)]', ' ', spellings[0]))))}"
    return GoldOrg(spellings, KINDS[parts[1]], entity)


IRM2015_PREFIX = "irm2015 row "  # cell references of the IRM Combined Database 2015 (the others: commitment ids)


def load_gold(sources: Mapping[str, SourceCell]) -> list[GoldCell]:
    """Every gold cell of both files, checked against the source cells (``sources`` by cell reference).

    Cells of a file that was not read (the IRM database when only the commitments export is given) are left
    out. Raises ``GoldError`` when a cell is unknown, listed twice, or a gold name appears nowhere in its cell.
    """
    cells: list[GoldCell] = []
    seen: set[str] = set()
    problems: list[str] = []
    read = {ref.startswith(IRM2015_PREFIX) for ref in sources}  # which of the two files were given
    for file_name in GOLD_FILES:
        text = resources.files("loaders").joinpath("data", "org_gold", file_name).read_text(encoding="utf-8")
        for entry in yaml.safe_load(text)["cells"]:
            ref = str(entry["cell"])
            where = f"{file_name}: {ref}"
            if ref in seen:
                problems.append(f"{where}: listed twice")
            seen.add(ref)
            source = sources.get(ref)
            if source is None and ref.startswith(IRM2015_PREFIX) not in read:
                continue
            if source is None:
                problems.append(f"{where}: no such cell in the source data")
                continue
            scope = source.member_code.lower() or source.member_id  # "geo": the prefix written-out entities use
            orgs = tuple(parse_org(str(o), scope, where) for o in entry.get("orgs") or [])
            squeezed = fold(source.text).replace(" ", "")  # words glued in the source ("CommissionRevenue") still count
            for org in orgs:
                if not any(k in squeezed for k in org.match_keys()):
                    problems.append(f"{where}: {org.name!r} is not in the cell")
            partial = file_name == "resolution.yaml"
            not_orgs = tuple(str(n) for n in entry.get("not") or [])
            cells.append(GoldCell(ref, str(entry.get("split", "dev")), partial, orgs, not_orgs))
    if problems:
        raise GoldError("; ".join(problems))
    return cells


@dataclass
class Match:
    """The gold organisations of a cell paired with what the resolver found there."""

    cell: GoldCell
    pairs: list[tuple[GoldOrg, Found]] = field(default_factory=list)
    missed: list[GoldOrg] = field(default_factory=list)
    extra: list[Found] = field(default_factory=list)


def match_cell(cell: GoldCell, found: list[Found]) -> Match:
    """Pair each gold organisation with the first unpaired found organisation sharing a spelling key."""
    result = Match(cell)
    left = list(found)
    for org in cell.orgs:
        wanted = org.match_keys()
        hit = next((f for f in left if f.match_keys() & wanted), None)
        if hit is None:
            result.missed.append(org)
        else:
            left.remove(hit)
            result.pairs.append((org, hit))
    result.extra = left
    return result


@dataclass
class Scores:
    """Every figure of one gold split: extraction, role, kind and resolution."""

    expected: int = 0
    found: int = 0
    correct: int = 0
    role_right: int = 0
    kind_right: int = 0
    unknown_found: int = 0
    unknown_gold: int = 0
    people_or_labels: int = 0
    pairwise: tuple[float, float] = (1.0, 1.0)
    bcubed: tuple[float, float] = (1.0, 1.0)
    resolution_mentions: int = 0
    false_merges: list[tuple[str, list[str]]] = field(default_factory=list)
    splits: list[tuple[str, list[str]]] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)
    extras: list[tuple[str, str]] = field(default_factory=list)
    wrong_kinds: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Extraction precision: share of found organisations the reader also found."""
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Extraction recall: share of the reader's organisations that were found."""
        return self.correct / self.expected if self.expected else 1.0

    @property
    def kind_accuracy(self) -> float:
        """Share of found gold organisations whose kind is right."""
        return self.kind_right / self.correct if self.correct else 1.0


def score(matches: Iterable[Match]) -> Scores:
    """Extraction and kind figures over full cells; resolution over every paired gold mention."""
    out = Scores()
    mentions: list[tuple[str, str, str]] = []  # (gold entity, node id, label for listings)
    for m in matches:
        for org, hit in m.pairs:
            mentions.append((org.entity, hit.org_id, f"{m.cell.ref}: {org.name}"))
        if m.cell.partial:
            continue
        out.expected += len(m.cell.orgs)
        out.found += len(m.pairs) + len(m.extra)
        out.correct += len(m.pairs)
        not_keys = {k for n in m.cell.not_orgs for k in spelling_keys(n)}
        out.people_or_labels += sum(1 for f in m.extra if f.match_keys() & not_keys)
        out.misses += [(m.cell.ref, o.name) for o in m.missed]
        out.extras += [(m.cell.ref, f.spellings[0]) for f in m.extra]
        for org, hit in m.pairs:
            out.role_right += hit.role == m.cell.role
            out.kind_right += hit.kind == org.kind
            out.unknown_gold += org.kind == "unknown"
            out.unknown_found += hit.kind == "unknown"
            if hit.kind != org.kind:
                out.wrong_kinds.append((m.cell.ref, org.name, org.kind, hit.kind))
    out.resolution_mentions = len(mentions)
    out.pairwise, out.bcubed = _pairwise(mentions), _bcubed(mentions)
    out.false_merges, out.splits = _errors(mentions)
    return out


def _pairwise(mentions: list[tuple[str, str, str]]) -> tuple[float, float]:
    same_both = same_gold = same_found = 0
    for (g1, s1, _), (g2, s2, _) in itertools.combinations(mentions, 2):
        same_gold += g1 == g2
        same_found += s1 == s2
        same_both += g1 == g2 and s1 == s2
    return (same_both / same_found if same_found else 1.0, same_both / same_gold if same_gold else 1.0)


def _bcubed(mentions: list[tuple[str, str, str]]) -> tuple[float, float]:
    if not mentions:
        return 1.0, 1.0
    by_gold = Counter(g for g, _, _ in mentions)
    by_found = Counter(s for _, s, _ in mentions)
    both = Counter((g, s) for g, s, _ in mentions)
    precision = sum(both[(g, s)] / by_found[s] for g, s, _ in mentions) / len(mentions)
    recall = sum(both[(g, s)] / by_gold[g] for g, s, _ in mentions) / len(mentions)
    return precision, recall


def _errors(mentions: list[tuple[str, str, str]]) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """Nodes holding several real bodies (false merges) and real bodies spread over several nodes (splits)."""
    entities_of: dict[str, set[str]] = defaultdict(set)
    nodes_of: dict[str, set[str]] = defaultdict(set)
    for entity, node, _ in mentions:
        entities_of[node].add(entity)
        nodes_of[entity].add(node)
    merges = [(node, sorted(es)) for node, es in sorted(entities_of.items()) if len(es) > 1]
    splits = [(entity, sorted(ns)) for entity, ns in sorted(nodes_of.items()) if len(ns) > 1]
    return merges, splits
