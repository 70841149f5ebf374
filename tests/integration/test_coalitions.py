"""Coalition files in the graph: loading, updating with removals, and touching nothing else."""

from __future__ import annotations

import pytest

from graph.backend import Graph
from loaders._source import ValidationFailed
from loaders.coalitions import load_file
from tests.helpers import DATA, NOW, build_world

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
