"""Members and 2016 process facts loaded from the real files, on both backends."""

from __future__ import annotations

import csv

import pytest

from graph.backend import Graph
from loaders.run import run_load
from tests.helpers import real_file

pytestmark = pytest.mark.realdata

FOUNDERS = {"brazil", "indonesia", "mexico", "norway", "philippines", "south-africa", "united-kingdom", "united-states"}

MEMBER_KINDS = "MATCH (m:Member) RETURN m.kind AS kind, count(*) AS n"
FOUNDING = "MATCH (m:Member) WHERE m.founding_member = true RETURN m.id AS id"
LOCATED = "MATCH (l:Member)-[:LOCATED_IN]->(c:Member) RETURN l.id AS local, c.id AS country, c.kind AS kind"
PLAN = (
    "MATCH (m:Member)-[:HAS_ACTION_PLAN]->(p:ActionPlan {id: $id}) RETURN m.id AS member, p.number AS number, "
    "p.submission_year AS year, p.consultation_steps_followed AS steps, p.regular_forum AS forum, "
    "p.self_assessment_published AS self_assessment"
)
FORMER = "MATCH (m:Member {id: $id}) RETURN m.former_names AS former, m.status AS status, m.code AS code"


async def test_members_seed(graph: Graph) -> None:
    """103 members (83 national, 20 local), the 8 founders, every local member LOCATED_IN its country."""
    await run_load(graph, [real_file("ogp_members_seed.csv")])
    kinds = {r["kind"]: r["n"] for r in await graph.read(MEMBER_KINDS)}
    assert kinds == {"national": 83, "local": 20}
    assert {r["id"] for r in await graph.read(FOUNDING)} == FOUNDERS
    located = {(r["local"], r["country"], r["kind"]) for r in await graph.read(LOCATED)}
    assert len(located) == 20
    assert ("kaduna-state-nigeria", "nigeria", "national") in located
    assert ("seoul-republic-of-korea", "republic-of-korea", "national") in located


async def test_local_members_and_old_names(graph: Graph) -> None:
    """Local members join their country; the 2016 list's old names resolve to today's members."""
    await run_load(
        graph,
        [
            real_file("ogp_members_seed.csv"),
            real_file("ogp_local_members_partial.csv"),
            real_file("ogp_participating_countries_status_2016_okfde.csv"),
        ],
    )
    located = {(r["local"], r["country"]) for r in await graph.read(LOCATED)}
    assert ("cordoba-province-argentina", "argentina") in located
    assert ("buenos-aires-argentina", "argentina") in located
    uk = (await graph.read(FORMER, {"id": "united-kingdom"}))[0]
    assert uk == {"former": ["UK"], "status": "active", "code": "GBR"}
    assert (await graph.read(FORMER, {"id": "north-macedonia"}))[0]["former"] == ["Macedonia"]
    kinds = {r["kind"]: r["n"] for r in await graph.read(MEMBER_KINDS)}
    assert kinds["local"] == 20 + 64 - 20  # the partial list repeats the 20 pioneers


async def test_process_2016_facts(graph: Graph) -> None:
    """AP_ALB01 carries the consultation facts of its CSV row and hangs off Albania."""
    path = real_file("irm_process_database_2016_vizzuality.csv")
    await run_load(graph, [real_file("ogp_members_seed.csv"), path])
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    header = rows[2]
    albania = next(r for r in rows[3:] if r[0] == "Albania" and r[1] == "1")
    expected_steps = int(albania[header.index("_Number of steps followed (out of 6)")])
    plan = (await graph.read(PLAN, {"id": "AP_ALB01"}))[0]
    assert plan == {
        "member": "albania",
        "number": 1,
        "year": 2012,
        "steps": expected_steps,
        "forum": albania[header.index("_Regular forum")] == "1",
        "self_assessment": True,
    }
    assert (await graph.read("MATCH (p:ActionPlan) RETURN count(p) AS n"))[0]["n"] == 116
    slovakia = await graph.read(PLAN, {"id": "AP_SVK01"})
    assert slovakia and slovakia[0]["member"] == "slovak-republic"


async def test_members_load_twice_unchanged(graph: Graph) -> None:
    """Loading the seed a second time creates and updates nothing."""
    await run_load(graph, [real_file("ogp_members_seed.csv")])
    again = await run_load(graph, [real_file("ogp_members_seed.csv")])
    assert again.total.nodes_created == {} and again.total.nodes_updated == {}
    assert again.total.nodes_unchanged == {"Member": 103}
    assert again.total.rels_created == {}
