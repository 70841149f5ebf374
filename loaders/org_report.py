"""`python -m loaders.org_report FILE...`: what the organisation resolver makes of real exports, and its gold figures.

Give it the OGP commitments export and/or the IRM Combined Database 2015 (recognised by their headers).
It resolves every institution cell of all the files together (as one load would), prints whole-data
facts (mentions, organisations per kind, the most shared ones), then the gold figures of
``loaders/data/org_gold`` for the dev cells, the holdout cells and both: extraction precision and recall,
role, people and labels taken for organisations, kind accuracy, unknown kinds, and resolution precision
and recall (pairwise and B-cubed). ``--details`` lists every error of the dev cells (holdout errors stay
hidden unless ``--details=all``: the holdout is for measuring, not for tuning).
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from loaders.member_names import canonical_member_name, member_code, member_slug
from loaders.org_gold import Found, GoldCell, Match, Scores, SourceCell, load_gold, match_cell, score
from loaders.organizations import OrganizationResolver, Role

COMMITMENT_COLUMNS: tuple[tuple[str, Role], ...] = (
    ("Lead Institution", "lead"),
    ("Supporting Institution(s)", "support"),
)
IRM2015_COLUMNS: tuple[tuple[str, Role], ...] = (
    ("Lead institution (Responsible Instutitution)", "lead"),
    ("Supporting Institution", "support"),
)
ROLE_WORD = {"lead": "lead", "support": "support"}


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a commitments export."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_cells(path: Path) -> dict[str, SourceCell]:
    """Every institution cell of a commitments export or of the IRM Combined Database 2015, by cell reference."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells: dict[str, SourceCell] = {}
    if rows and "Commitment Unique Identifier" in rows[0]:
        header = rows[0]
        for values in rows[1:]:
            row = dict(zip(header, values, strict=False))
            for column, role in COMMITMENT_COLUMNS:
                ref = f"{row['Commitment Unique Identifier']} {role}"
                cells[ref] = SourceCell(row.get(column) or "", member_slug(row["Country/Locality"]), row["Code"])
        return cells
    if len(rows) > 1 and IRM2015_COLUMNS[0][0] in rows[1]:
        header = rows[1]
        for number, values in enumerate(rows[2:], start=3):
            row = dict(zip(header, values, strict=False))
            country = row.get("Country", "").strip()
            if not country:
                continue
            name = canonical_member_name(country)
            for column, role in IRM2015_COLUMNS:
                cells[f"irm2015 row {number} {role}"] = SourceCell(
                    row.get(column) or "", member_slug(name), member_code(name) or ""
                )
        return cells
    raise SystemExit(f"{path}: neither the OGP commitments export nor the IRM Combined Database 2015")


def resolve(sources: dict[str, SourceCell]) -> tuple[OrganizationResolver, dict[str, list[Found]]]:
    """Resolve every cell together (observe all, then read each cell's mentions), as one load would."""
    resolver = OrganizationResolver()
    for cell in sources.values():
        resolver.observe(cell.text, member_id=cell.member_id, member_code=cell.member_code)
    found: dict[str, list[Found]] = {}
    for ref, cell in sources.items():
        role: Role = "lead" if ref.endswith(" lead") else "support"
        out: list[Found] = []
        for mention in resolver.mentions(cell.text, member_id=cell.member_id, member_code=cell.member_code, role=role):
            spellings = [mention.name, mention.as_written, mention.organization.name]
            spellings += [mention.acronym] if mention.acronym else []
            out.append(Found(mention.organization.id, mention.organization.kind, role, tuple(spellings)))
        found[ref] = out
    return resolver, found


def _figures(title: str, s: Scores) -> list[str]:
    return [
        f"{title}:",
        f"  extraction: {s.expected} expected, {s.found} found, {s.correct} right: "
        f"precision {s.precision:.3f}, recall {s.recall:.3f}",
        f"  role right {s.role_right}/{s.correct}; people or labels taken for organisations: {s.people_or_labels}",
        f"  kind right {s.kind_right}/{s.correct} = {s.kind_accuracy:.3f}; 'unknown' given {s.unknown_found} "
        f"(the reader could not tell {s.unknown_gold})",
        f"  resolution over {s.resolution_mentions} mentions: pairwise precision {s.pairwise[0]:.3f} "
        f"recall {s.pairwise[1]:.3f}; B-cubed precision {s.bcubed[0]:.3f} recall {s.bcubed[1]:.3f}",
    ]


def _details(s: Scores) -> list[str]:
    lines = [f"  missed: {ref}: {name}" for ref, name in s.misses]
    lines += [f"  extra: {ref}: {name}" for ref, name in s.extras]
    lines += [f"  kind: {ref}: {name}: {want} -> {got}" for ref, name, want, got in s.wrong_kinds]
    lines += [f"  false merge: {node} holds {', '.join(es)}" for node, es in s.false_merges]
    lines += [f"  split: {entity} in {', '.join(ns)}" for entity, ns in s.splits]
    return lines


def report(paths: list[Path], details: str = "none") -> str:
    """Whole-data facts and the gold figures (dev, holdout, all) of the given files."""
    sources: dict[str, SourceCell] = {}
    for path in paths:
        sources.update(read_cells(path))
    resolver, found = resolve(sources)
    orgs = resolver.organizations()
    members_of: dict[str, set[str]] = defaultdict(set)
    for ref, items in found.items():
        for item in items:
            members_of[item.org_id].add(sources[ref].member_id)
    kinds = Counter(o.kind for o in orgs)
    shared = sorted((o for o in orgs if len(members_of[o.id]) >= 2), key=lambda o: (-len(members_of[o.id]), o.id))
    lines = [f"mentions: {sum(len(v) for v in found.values())}", f"distinct organisations: {len(orgs)}"]
    lines += [f"  {kind}: {count} ({count / len(orgs):.1%})" for kind, count in sorted(kinds.items())]
    lines.append(f"  tied to no member: {sum(1 for o in orgs if o.member_id is None)}")
    lines.append(f"organisations in >= 2 members: {len(shared)}")
    lines += [f"  {o.id} ({o.kind}): {len(members_of[o.id])} members" for o in shared[:15]]
    gold = [c for c in load_gold(sources)]
    matches = {c.ref: match_cell(c, found[c.ref]) for c in gold}
    for split in ("dev", "holdout", "all"):
        chosen: list[GoldCell] = [c for c in gold if split in ("all", c.split)]
        figures = score(matches[c.ref] for c in chosen)
        full = sum(1 for c in chosen if not c.partial)
        lines += _figures(f"gold {split} ({full} cells, {len(chosen) - full} resolution-only)", figures)
        if details == "all" or (details == "dev" and split == "dev"):
            lines += _details(figures)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and print the report."""
    parser = argparse.ArgumentParser(prog="python -m loaders.org_report", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="commitments export and/or IRM Combined Database 2015")
    parser.add_argument("--details", choices=("none", "dev", "all"), default="none", const="dev", nargs="?")
    args = parser.parse_args(argv)
    print(report(args.files, args.details))


def gold_matches(paths: list[Path]) -> dict[str, Match]:
    """The gold cells paired with the resolver's findings (for tests)."""
    sources: dict[str, SourceCell] = {}
    for path in paths:
        sources.update(read_cells(path))
    _, found = resolve(sources)
    return {c.ref: match_cell(c, found[c.ref]) for c in load_gold(sources)}


if __name__ == "__main__":
    main()
