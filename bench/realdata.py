"""The real OGP commitments export, read directly with the csv module for benchmarks and quality checks.

``read_docs`` turns the export into similarity ``Doc``s without a graph (the quality command);
``load_real_graph`` fills a graph (a quick stand-in writer by default, or the project's loaders) and
derives the similarity edges.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from graph.backend import Graph
from graph.model import ActionPlan, Commitment, Member, Organization, PolicyArea, Region
from graph.ratings import outcome_score, parse_rating
from loaders._write import Provenance, Rel, write_nodes, write_rels
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


async def load_real_graph(graph: Graph, path: Path = DEFAULT_CSV, project_loaders: bool = False) -> None:
    """Load the real export into ``graph``, then derive similarity.

    ``project_loaders=True`` goes through ``loaders.run.run_load`` (organisation resolution and all);
    the default is the quick stand-in below, which writes the same labels, links and rating properties
    that discovery reads, so benchmarks and tests measure discovery rather than the load.
    """
    from loaders.run import run_load
    from loaders.similarity import derive_similarity

    if project_loaders:
        await run_load(graph, [path])
    else:
        await _load_stand_in(graph, path)
    await derive_similarity(graph)


def _ratings(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for prop, scale, column in (("completion", "completion", "Completion (End Of Term)"),
                                ("early_results", "early_results", "Early Results"),
                                ("did_it_open_government", "did_it_open_government",
                                 "Did It Open Government (Overall)")):
        try:
            out[prop], out[f"{prop}_level"] = parse_rating(scale, row.get(column))
        except ValueError:
            out[prop], out[f"{prop}_level"] = None, None
    out["starred"] = row.get("Starred (Current Formula) End of Term") == "1"
    out["outcome_score"] = outcome_score(out)
    return out


async def _load_stand_in(graph: Graph, path: Path) -> None:
    rows = read_rows(path)
    areas = area_columns(list(rows[0].keys()))
    parent_of = {slugify(c): slugify(p) for p, cs in PARENT_AREAS.items() for c in cs}
    at, prov = "2024-01-01T00:00:00Z", Provenance(path.name)
    regions: dict[str, Region] = {}
    members: dict[str, Member] = {}
    plans: dict[str, ActionPlan] = {}
    commitments, addresses, leads, orgs = [], [], [], {}
    for row in rows:
        mid, rid = _member(row), slugify(row["Region"])
        regions[rid] = Region(id=rid, name=row["Region"])
        members[mid] = Member(id=mid, name=canonical_member_name(row["Country/Locality"].strip()),
                              kind="national" if row["National Or Local"] == "National" else "local")
        pid = row.get("Action Plan ID") or f"{mid}-{row['Action Plan Number']}"
        plans[pid] = ActionPlan(id=pid, member_id=mid, number=int(row["Action Plan Number"]))
        cid = row["Commitment Unique Identifier"].strip()
        commitments.append(Commitment(
            id=cid, title=row["Commitment Title"], short_title=row["Short Title"] or None,
            full_text=row["Full Text"] or None, natural_key=f"{mid}|{row['Action Plan Number']}|{cid}",
            member_id=mid, action_plan_id=pid,
            year=int(row["Year Of Submission"]) if row["Year Of Submission"].isdigit() else None, **_ratings(row)))
        addresses += [Rel(cid, slugify(a)) for a in areas if row.get(a) == "1"]
        for oid in _orgs(mid, row["Lead Institution"]):
            orgs[oid] = Organization(id=oid, name=oid, member_id=mid, kind="government")
            leads.append(Rel(oid, cid))
    pas = [PolicyArea(id=slugify(a), name=a, parent_id=parent_of.get(slugify(a))) for a in areas]
    for items in (list(regions.values()), list(members.values()), list(plans.values()), commitments, pas,
                  list(orgs.values())):
        await write_nodes(graph, items, [prov] * len(items), loaded_at=at)
    links = (
        ("Member", "IN_REGION", "Region", sorted({Rel(_member(r), slugify(r["Region"])) for r in rows},
                                                 key=lambda x: x.start)),
        ("Member", "HAS_ACTION_PLAN", "ActionPlan", [Rel(p.member_id, p.id) for p in plans.values()]),
        ("ActionPlan", "INCLUDES", "Commitment", [Rel(c.action_plan_id, c.id) for c in commitments]),
        ("Commitment", "ADDRESSES", "PolicyArea", addresses),
        ("PolicyArea", "PART_OF", "PolicyArea", [Rel(c, p) for c, p in parent_of.items()]),
        ("Organization", "LEADS", "Commitment", leads),
    )
    for start, rel_type, end, rels in links:
        await write_rels(graph, start, rel_type, end, rels)


def summary(value: Any) -> str:
    """A compact printable form of a number for the reports."""
    return f"{value:.3f}" if isinstance(value, float) else str(value)
