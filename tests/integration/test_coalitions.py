"""Coalition files in the graph: loading, updating with removals, and touching nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.backend import Graph
from graph.model import (
    ADDRESSES,
    HAS_ACTION_PLAN,
    INCLUDES,
    ActionPlan,
    Commitment,
    Leads,
    Member,
    Organization,
    PolicyArea,
    Supports,
)
from loaders._source import Batch, ValidationFailed, write_batch
from loaders._write import Provenance, Rel
from loaders.coalitions import load_file

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = "2024-01-01T00:00:00Z"

MEMBERS = [
    Member(id="albania", name="Albania", code="ALB"),
    Member(id="united-kingdom", name="United Kingdom", code="GBR", former_names=["UK"]),
    Member(id="kenya", name="Kenya", code="KEN"),
    Member(id="armenia", name="Armenia", code="ARM"),
]
AREAS = [
    PolicyArea(id="open-contracting", name="Open Contracting"),
    PolicyArea(id="public-procurement", name="Public Procurement"),
    PolicyArea(id="beneficial-ownership", name="Beneficial Ownership"),
]
# (commitment id, member, area, completion_level, outcome_score, lead organisation, supporting organisation)
COMMITMENTS = [
    ("AL0066", "albania", "beneficial-ownership", 3, 0.8, "alb-ministry-of-finance", "transparency-international"),
    ("AL0010", "albania", "open-contracting", 2, 0.5, "alb-ministry-of-finance", None),
    ("UK0107", "united-kingdom", "beneficial-ownership", 4, 1.0, "gbr-companies-house", "transparency-international"),
    ("KE0025", "kenya", "open-contracting", 1, 0.2, None, "transparency-international"),
    ("KE0030", "kenya", "beneficial-ownership", None, None, None, None),
]
ORGS = [
    Organization(id="alb-ministry-of-finance", name="Ministry of Finance", kind="government", member_id="albania"),
    Organization(id="gbr-companies-house", name="Companies House", kind="government", member_id="united-kingdom"),
    Organization(
        id="transparency-international",
        name="Transparency International",
        kind="civil_society",
        aliases=["Transparency International", "TI"],
    ),
]


async def build_world(graph: Graph) -> None:
    """A tiny real-shaped graph: 4 members, 3 areas, 5 commitments with plans and organisations."""
    batch = Batch("world.csv")
    prov = Provenance("world.csv", 2)
    plans = {(m, f"AP_{m[:3].upper()}01") for _, m, *_ in COMMITMENTS}
    commitments = [
        Commitment(
            id=cid,
            title=f"Commitment {cid}",
            natural_key=f"{m}|1|{i}",
            member_id=m,
            action_plan_id=f"AP_{m[:3].upper()}01",
            completion_level=level,
            outcome_score=score,
        )
        for i, (cid, m, _, level, score, _, _) in enumerate(COMMITMENTS)
    ]
    batch.add_nodes(MEMBERS, [prov] * len(MEMBERS))
    batch.add_nodes(AREAS, [prov] * len(AREAS))
    batch.add_nodes(ORGS, [prov] * len(ORGS))
    batch.add_nodes([ActionPlan(id=p, member_id=m, number=1) for m, p in sorted(plans)], [prov] * len(plans))
    batch.add_nodes(commitments, [prov] * len(commitments))
    batch.add_rels("Member", HAS_ACTION_PLAN, "ActionPlan", [Rel(m, p) for m, p in sorted(plans)])
    batch.add_rels("ActionPlan", INCLUDES, "Commitment", [Rel(c.action_plan_id, c.id) for c in commitments])
    batch.add_rels("Commitment", ADDRESSES, "PolicyArea", [Rel(c[0], c[2]) for c in COMMITMENTS])
    batch.add_rels(
        "Organization", Leads.TYPE, "Commitment", [Rel(c[5], c[0], Leads(as_written=c[5])) for c in COMMITMENTS if c[5]]
    )
    batch.add_rels(
        "Organization",
        Supports.TYPE,
        "Commitment",
        [Rel(c[6], c[0], Supports(as_written=c[6])) for c in COMMITMENTS if c[6]],
    )
    await write_batch(graph, batch, NOW)


PARTICIPANTS = (
    "MATCH (p)-[r:PARTICIPATES_IN]->(c:Coalition) "
    "RETURN c.id AS coalition, p.id AS participant, r.role AS role, r.since AS since, r.note AS note"
)
SNAPSHOT = (
    "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) "
    "RETURN labels(n)[0] AS label, n.id AS id, n.loaded_at AS loaded_at, type(r) AS rel, m.id AS other"
)


async def participants(graph: Graph) -> set[tuple[str, str, str, int | None, str | None]]:
    rows = await graph.read(PARTICIPANTS)
    return {(r["coalition"], r["participant"], r["role"], r["since"], r["note"]) for r in rows}


async def snapshot(graph: Graph, exclude: str) -> set[tuple[object, ...]]:
    rows = await graph.read(SNAPSHOT)
    return {tuple(r.values()) for r in rows if exclude not in (r["id"], r["other"])}


async def test_load_v1_gives_participants_and_focus_areas(graph: Graph) -> None:
    await build_world(graph)
    await load_file(graph, DATA / "coalition_v1.yaml", NOW)
    assert await participants(graph) == {
        ("open-contracting-partners", "albania", "co-chair", 2019, None),
        ("open-contracting-partners", "united-kingdom", "member", 2020, "Old name on purpose."),
        ("open-contracting-partners", "kenya", "member", None, None),
        ("open-contracting-partners", "open-contracting-partnership", "supporter", None, None),
    }
    focus = await graph.read(
        "MATCH (:Coalition {id: 'open-contracting-partners'})-[:FOCUSES_ON]->(p:PolicyArea) RETURN p.id AS id"
    )
    assert {r["id"] for r in focus} == {"open-contracting", "public-procurement"}
    org = await graph.read("MATCH (o:Organization {id: 'open-contracting-partnership'}) RETURN o.kind AS kind")
    assert org == [{"kind": "civil_society"}]


async def test_v2_removes_and_changes_exactly_what_changed(graph: Graph) -> None:
    await build_world(graph)
    await load_file(graph, DATA / "coalition_other.yaml", NOW)
    await load_file(graph, DATA / "coalition_v1.yaml", NOW)
    before = await participants(graph)
    others_before = await snapshot(graph, "open-contracting-partners")
    stats = await load_file(graph, DATA / "coalition_v2.yaml", "2024-02-01T00:00:00Z")
    after = await participants(graph)
    assert before - after == {
        ("open-contracting-partners", "albania", "co-chair", 2019, None),
        ("open-contracting-partners", "kenya", "member", None, None),
    }
    assert after - before == {("open-contracting-partners", "albania", "member", 2019, None)}
    assert stats.rels_removed == {"PARTICIPATES_IN": 1}
    # the other coalition (Kenya is still in it), every commitment and organisation: unchanged
    assert await snapshot(graph, "open-contracting-partners") == others_before


async def test_loading_twice_changes_nothing(graph: Graph) -> None:
    await build_world(graph)
    await load_file(graph, DATA / "coalition_v1.yaml", NOW)
    first = await snapshot(graph, "-")
    stats = await load_file(graph, DATA / "coalition_v1.yaml", "2025-01-01T00:00:00Z")
    assert await snapshot(graph, "-") == first
    assert stats.nodes_created == {} and stats.nodes_updated == {} and stats.rels_removed == {}


async def test_unknown_member_and_area_are_refused_before_any_write(graph: Graph) -> None:
    await build_world(graph)
    with pytest.raises(ValidationFailed) as info:
        await load_file(graph, DATA / "coalition_unknown.yaml", NOW)
    messages = [str(e) for e in info.value.errors]
    assert messages == [
        "coalition_unknown.yaml, row 8: participant #2: unknown member 'Atlantis' (use the OGP name, "
        "slug such as 'united-kingdom', or code such as 'GBR')"
    ]
    assert await graph.read("MATCH (c:Coalition) RETURN c.id AS id") == []
    await graph.write("MATCH (p:PolicyArea {id: 'beneficial-ownership'}) DETACH DELETE p")
    with pytest.raises(ValidationFailed, match="unknown policy area 'beneficial-ownership'"):
        await load_file(graph, DATA / "coalition_unknown.yaml", NOW)
