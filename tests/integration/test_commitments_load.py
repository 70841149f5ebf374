"""Loading both commitment layouts into a real graph (both backends): real facts, idempotence, dedup, pruning."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from graph.backend import Graph
from loaders.run import run_load
from tests.helpers import BACKENDS, DATA, REAL_COMMITMENTS, real_file

REAL = REAL_COMMITMENTS

NODES = "MATCH (n) RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props"
RELS = "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props"
FACTS = {
    "members": "MATCH (m:Member)-[:HAS_ACTION_PLAN]->(:ActionPlan) RETURN count(DISTINCT m) AS n",
    "all_members": "MATCH (m:Member) RETURN count(m) AS n",
    "commitments": "MATCH (c:Commitment) RETURN count(c) AS n",
    "plans": "MATCH (p:ActionPlan) RETURN count(p) AS n",
    "addresses": "MATCH (:Commitment)-[r:ADDRESSES]->(:PolicyArea) RETURN count(r) AS n",
    "advances": "MATCH (:Commitment)-[r:ADVANCES]->(:OgpValue) RETURN count(r) AS n",
}
AL0002 = (
    "MATCH (m:Member)-[:HAS_ACTION_PLAN]->(p:ActionPlan)-[:INCLUDES]->(c:Commitment {id: 'AL0002'}) "
    "MATCH (o:Organization)-[l:LEADS]->(c) "
    "RETURN c.title AS title, m.id AS member, p.id AS plan, o.name AS lead, o.aliases AS aliases, "
    "l.as_written AS as_written, c.source_layouts AS layouts, c.legacy_tags AS tags"
)
LOCAL = (
    "MATCH (l:Member {kind: 'local'})-[:LOCATED_IN]->(n:Member) RETURN l.id AS local, n.id AS national, n.kind AS kind"
)
COMMITMENTS = (
    "MATCH (c:Commitment) WHERE c.member_id IN $members "
    "RETURN c.id AS id, c.number AS number, c.title AS title, c.source_layouts AS layouts, c.legacy_tags AS tags"
)
AREAS_OF = "MATCH (c:Commitment {id: $id})-[:ADDRESSES]->(p:PolicyArea) RETURN p.id AS id"


async def dump(graph: Graph) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """Every node (label, id, props) and relationship (start, type, end, props), sorted, comparable."""
    nodes = sorted((r["label"], r["id"], repr(sorted(r["props"].items()))) for r in await graph.read(NODES))
    rels = sorted((r["a"], r["type"], r["b"], repr(sorted(r["props"].items()))) for r in await graph.read(RELS))
    return nodes, rels


def csv_area_links() -> int:
    """ADDRESSES links the real file states, counted straight from its 0/1 columns (first area column on)."""
    with real_file(REAL).open(encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        first, last = header.index("Anti-Corruption and Integrity"), header.index("Money in Politics")
        return sum(cell.strip() == "1" for row in reader for cell in row[first : last + 1])


@dataclass
class RealLoad:
    """What loading the real file (twice, then an Explorer file) did on one backend."""

    backend: str
    facts: dict[str, int] = field(default_factory=dict)
    al0002: list[dict[str, Any]] = field(default_factory=list)
    local: list[dict[str, Any]] = field(default_factory=list)
    first: Any = None
    second: Any = None
    after_explorer: list[dict[str, Any]] = field(default_factory=list)
    commitments_after: int = 0


@pytest.fixture(scope="module", params=BACKENDS)
async def real(
    request: pytest.FixtureRequest, open_graph: Callable[[str, str], Awaitable[Graph]]
) -> AsyncIterator[RealLoad]:
    """Load the real file twice and then the Explorer fixture; record facts (the graph is cleared after)."""
    graph = await open_graph(request.param, "real-load")
    path = real_file(REAL)
    out = RealLoad(request.param)
    await graph.clear()
    for _ in range(2):
        await run_load(graph, [path])
        if out.first is None:
            out.first = await dump(graph)
            out.facts = {k: (await graph.read(q))[0]["n"] for k, q in FACTS.items()}
            out.al0002 = await graph.read(AL0002)
            out.local = await graph.read(LOCAL)
    out.second = await dump(graph)
    await run_load(graph, [DATA / "explorer_sample.csv"])
    out.after_explorer = await graph.read(COMMITMENTS, {"members": ["albania", "united-kingdom", "north-macedonia"]})
    out.commitments_after = (await graph.read(FACTS["commitments"]))[0]["n"]
    yield out
    await graph.clear()


@pytest.mark.realdata
def test_real_counts(real: RealLoad) -> None:
    assert real.facts["members"] == 75
    assert real.facts["all_members"] == 76  # + Mexico, the country of the local member Jalisco
    assert real.facts["commitments"] == 558
    assert real.facts["plans"] == 214
    assert real.facts["addresses"] == csv_area_links()
    assert real.facts["advances"] == 578  # OGP Value columns = 1: 245 + 156 + 94 + 83


@pytest.mark.realdata
def test_al0002_is_e_acts_of_albania_led_by_the_council_of_ministers(real: RealLoad) -> None:
    assert len(real.al0002) == 1
    row = real.al0002[0]
    assert (row["title"], row["member"], row["plan"]) == ("e-Acts", "albania", "AP_ALB01")
    assert row["as_written"] == "Council of Ministers" and "Council of Ministers" in row["aliases"]


@pytest.mark.realdata
def test_local_members_are_located_in_their_country(real: RealLoad) -> None:
    located = {(r["local"], r["national"]) for r in real.local}
    assert ("scotland-united-kingdom", "united-kingdom") in located
    assert ("kaduna-state-nigeria", "nigeria") in located
    assert ("jalisco-mexico", "mexico") in located
    assert len(located) == 7 and {r["kind"] for r in real.local} == {"national"}


@pytest.mark.realdata
def test_loading_twice_leaves_the_graph_unchanged(real: RealLoad) -> None:
    (nodes1, rels1), (nodes2, rels2) = real.first, real.second
    assert set(nodes1) ^ set(nodes2) == set()
    assert set(rels1) ^ set(rels2) == set()
    assert (len(nodes1), len(rels1)) == (len(nodes2), len(rels2))


@pytest.mark.realdata
def test_explorer_after_current_merges_same_commitments_and_keeps_mangled_apart(real: RealLoad) -> None:
    by_id = {r["id"]: r for r in real.after_explorer}
    assert sorted(by_id["AL0002"]["layouts"]) == ["current", "explorer"]
    assert by_id["AL0002"]["tags"] == ["E-government", "Legislation & Regulation"]
    assert sorted(by_id["UK0051"]["layouts"]) == ["current", "explorer"]
    assert sorted(by_id["MK0063"]["layouts"]) == ["current", "explorer"]
    assert by_id["EXPL-north-macedonia-2-1.1"]["title"].startswith("1.1 ")
    assert by_id["EXPL-north-macedonia-2-1.10"]["title"].startswith("1.10 ")
    assert not {i for i in by_id if i.startswith("EXPL-albania") or i.startswith("EXPL-united-kingdom")}
    # 558 + the two mangled Macedonian rows + the Korean one: nothing else was duplicated
    assert real.commitments_after == 561


async def test_both_load_orders_give_the_same_commitments_and_links(graph: Graph) -> None:
    results = []
    for order in (("explorer_sample.csv", "commitments_sample.csv"), ("commitments_sample.csv", "explorer_sample.csv")):
        await graph.clear()
        for name in order:
            await run_load(graph, [DATA / name])
        rows = await graph.read(
            COMMITMENTS,
            {"members": ["albania", "north-macedonia", "republic-of-korea", "united-kingdom", "nairobi-kenya"]},
        )
        _, rels = await dump(graph)
        results.append(
            (
                sorted(
                    (r["id"], r["number"], tuple(sorted(r["layouts"])), tuple(sorted(r["tags"] or ()))) for r in rows
                ),
                [r[:3] for r in rels],
            )
        )
    assert results[0] == results[1]
    ids = {r[0] for r in results[0][0]}
    assert ids == {
        "AL0002",
        "MK0063",
        "KENMS0002",
        "EXPL-north-macedonia-2-1.1",
        "EXPL-north-macedonia-2-1.10",
        "EXPL-republic-of-korea-1-3",
        "EXPL-united-kingdom-2-10",
    }
    links = set(results[0][1])
    assert ("AP_MKD02", "INCLUDES", "EXPL-north-macedonia-2-1.10") in links  # the Explorer plan was re-keyed
    assert ("AL0002", "ADDRESSES", "regulation") in links  # only the Explorer tag "Legislation & Regulation" says so
    assert ("EXPL-republic-of-korea-1-3", "ADDRESSES", "right-to-information") in links


async def test_reloading_an_edited_file_removes_stale_links(graph: Graph) -> None:
    await run_load(graph, [DATA / "commitments_sample.csv"])
    before = {r["id"] for r in await graph.read(AREAS_OF, {"id": "AL0002"})}
    assert before == {"legislation", "digital-transformation"}
    await run_load(graph, [DATA / "commitments_edited.csv"])
    assert {r["id"] for r in await graph.read(AREAS_OF, {"id": "AL0002"})} == {"legislation"}
    values = await graph.read("MATCH (:Commitment {id: 'AL0002'})-[:ADVANCES]->(v:OgpValue) RETURN v.id AS id")
    assert [r["id"] for r in values] == ["access-to-information"]
    supporters = await graph.read("MATCH (o:Organization)-[:SUPPORTS]->(:Commitment {id: 'AL0002'}) RETURN o.id AS id")
    assert supporters == []


async def test_no_contact_data_reaches_the_graph(graph: Graph) -> None:
    await run_load(graph, [DATA / "explorer_sample.csv"])
    nodes, rels = await dump(graph)
    text = repr(nodes) + repr(rels)
    assert "jane.example@example.org" not in text and "Jane Example" not in text and "+355 4" not in text
