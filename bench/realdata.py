"""The real OGP commitments export, read directly with the csv module for benchmarks and quality checks.

``read_docs`` turns the export into similarity ``Doc``s without a graph (the quality command);
``load_real_graph`` fills a graph through the project's loaders and derives the similarity edges.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from graph.backend import Graph
from loaders.member_names import canonical_member_name, member_slug, slugify
from queries.discovery_scoring import Doc

DEFAULT_CSV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ogp" / (
    "commitments_open_parliament_g0v.csv"
)
FIRST_AREA, LAST_AREA = "Anti-Corruption and Integrity", "Money in Politics"
# Broad parent areas of the export and their sub-areas (the columns that follow each parent).
PARENT_AREAS: dict[str, tuple[str, ...]] = {
    "Anti-Corruption and Integrity": (
        "Anti-corruption Institutions", "Anti-Corruption Strategies", "Asset Disclosure", "Audits",
        "Beneficial Ownership", "Conflicts Of Interest", "Elections", "Political Finance", "Lobbying",
        "Open Contracting", "Public Procurement", "Right To Information", "Whistleblower Protections"),
    "Civic Space and Enabling Environment": (
        "Freedom of Assembly", "Freedom of Association", "Freedom of Expression"),
    "Democratizing Decision-Making": (
        "Digital Participation", "Mainstreaming Participation", "Regulatory Governance", "Social Accountability"),
    "Digital Governance": (
        "Automated Decision-making", "Data Stewardship and Privacy", "Digital Inclusion",
        "Disinformation/Misinformation", "Online Civic Space"),
    "Environment & Climate": (
        "Climate Finance", "Climate Mitigation and Adaptation", "Environmental Regulation",
        "International Environmental Agreements"),
    "Fiscal Openness": (
        "Publication Of Budget/Fiscal Information", "Public Participation In Budget/Fiscal Policy",
        "Oversight Of Budget/Fiscal Policies", "Stimulus and Economic Recovery", "Tax", "Debt"),
    "Inclusion": ("Gender", "Gender-Based Violence", "Economic Inclusion", "LGBTQIA+", "People with Disabilities",
                  "Youth"),
    "Justice": ("Access to Justice", "Open Justice", "Policing & Corrections", "Judiciary"),
    "Public Service Delivery": ("Citizenship & Immigration", "Education", "Health & Nutrition",
                                "Infrastructure & Transport", "Water & Sanitation"),
}
PARENT_SLUGS = {slugify(p) for p in PARENT_AREAS}
_MISSING = {"", "ND", "NR", "NA", "N/A"}
_COMPLETION = {"Not Started": 0.0, "Limited": 0.33, "Substantial": 0.67, "Complete": 1.0}
_DIOG = {"Worsens": 0.0, "Did Not Change": 0.0, "Marginal": 0.33, "Major": 0.67, "Outstanding": 1.0}


def read_rows(path: Path = DEFAULT_CSV) -> list[dict[str, str]]:
    """All data rows of the export as dicts keyed by header (``utf-8-sig``)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row.get("Commitment Unique Identifier", "").strip()]


def area_columns(header: list[str]) -> list[str]:
    """The policy-area 0/1 columns, in file order."""
    return header[header.index(FIRST_AREA) : header.index(LAST_AREA) + 1]


def outcome_of(row: dict[str, str]) -> float | None:
    """A 0-1 summary of the IRM results of a row (completion, did it open government, starred), or None."""
    parts = [_COMPLETION.get(row.get("Completion (End Of Term)", "")),
             _DIOG.get(row.get("Did It Open Government (Overall)", ""))]
    known = [p for p in parts if p is not None]
    if not known:
        return None
    star = 0.2 if row.get("Starred (Current Formula) End of Term") == "1" else 0.0
    return min(1.0, sum(known) / len(known) + star)


def _orgs(member: str, *cells: str) -> frozenset[str]:
    names = [n.strip() for cell in cells for n in cell.replace(";", ",").replace("\n", ",").split(",")]
    return frozenset(f"{member}-{slugify(n)}" for n in names if n and n not in _MISSING)


def _member(row: dict[str, str]) -> str:
    return member_slug(canonical_member_name(row["Country/Locality"].strip()))


def read_docs(path: Path = DEFAULT_CSV) -> tuple[list[Doc], set[str]]:
    """The export as similarity documents (no graph), and the set of parent-area slugs."""
    rows = read_rows(path)
    areas = area_columns(list(rows[0].keys()))
    docs = []
    for row in rows:
        member = _member(row)
        docs.append(Doc(
            id=row["Commitment Unique Identifier"].strip(), member_id=member,
            title=f"{row['Commitment Title']}\n{row['Short Title']}", text=row["Full Text"],
            year=int(row["Year Of Submission"]) if row["Year Of Submission"].isdigit() else None,
            areas=frozenset(slugify(a) for a in areas if row.get(a) == "1"),
            organizations=_orgs(member, row["Lead Institution"], row["Supporting Institution(s)"]),
            outcome=outcome_of(row) or 0.0,
            meta={"short_title": row["Short Title"], "title": row["Commitment Title"]},
        ))
    return docs, set(PARENT_SLUGS)


async def load_real_graph(graph: Graph, path: Path = DEFAULT_CSV) -> None:
    """Load the real export into ``graph`` through the project's loaders, then derive similarity."""
    from loaders.run import run_load
    from loaders.similarity import derive_similarity

    await run_load(graph, [path])
    await derive_similarity(graph)


def summary(value: Any) -> str:
    """A compact printable form of a number for the reports."""
    return f"{value:.3f}" if isinstance(value, float) else str(value)
