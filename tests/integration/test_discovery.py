"""Peer-learning discovery on the real OGP commitments export, on both backends (hand-checked cases)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from graphql import ExecutionResult, GraphQLError

from bench.realdata import load_real_graph
from graph.backend import Graph, count_queries
from loaders.similarity import derive_similarity
from queries import discovery as q
from queries.commitments import commitments_count
from tests.conftest import BACKENDS, Neo4jServer, open_backend, real_file

pytestmark = pytest.mark.realdata
BO = "beneficial-ownership"


@pytest.fixture(scope="module", params=BACKENDS)
async def real(request: pytest.FixtureRequest, neo4j_server: Neo4jServer, embedded_dir: Path) -> AsyncIterator[Graph]:
    """The real export loaded once per backend (its own FalkorDB graph; Neo4j's one database, cleared)."""
    path = real_file("commitments_open_parliament_g0v.csv")
    graph = await open_backend(request.param, neo4j_server, embedded_dir, name="discovery")
    await graph.clear()
    await load_real_graph(graph, path)
    yield graph
    await graph.clear()


def _adds_up(row: dict[str, object]) -> bool:
    return abs(sum(q.contributions(row).values()) - float(row["score"])) < 1e-9  # type: ignore[arg-type]


async def _areas(graph: Graph, ids: list[str]) -> dict[str, set[str]]:
    rows = await graph.read(
        "MATCH (c:Commitment)-[:ADDRESSES]->(pa:PolicyArea) WHERE c.id IN $ids "
        "RETURN c.id AS id, collect(pa.id) AS areas",
        {"ids": ids},
    )
    return {r["id"]: set(r["areas"]) for r in rows}


async def test_beneficial_ownership_register_finds_other_bo_commitments_first(real: Graph) -> None:
    # AL0066 "Beneficial Ownership Register" (Albania): the best matches elsewhere are BO commitments.
    rows = await q.similar(real, "AL0066", 5, q.SimilarityFilter())
    assert len(rows) == 5
    areas = await _areas(real, [r["node"]["id"] for r in rows])
    assert all(BO in areas[r["node"]["id"]] for r in rows[:3]), [(r["node"]["id"], r["node"]["title"]) for r in rows]
    assert BO in rows[0]["shared_policy_areas"]
    assert all(r["node"]["member_id"] != "albania" for r in rows)  # other members only, by default
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(_adds_up(r) for r in rows)


async def test_specific_areas_come_before_broad_parents(real: Graph) -> None:
    rows = await q.similar(real, "AL0066", 1, q.SimilarityFilter())
    shared = rows[0]["shared_policy_areas"]
    assert shared[0] == BO and "anti-corruption-and-integrity" not in shared[:1]


async def test_filters_really_filter(real: Graph) -> None:
    europe = await q.similar(real, "NG0020", 10, q.SimilarityFilter(region="europe"))
    assert europe
    regions = await real.read(
        "MATCH (m:Member)-[:IN_REGION]->(r:Region) WHERE m.id IN $ids RETURN DISTINCT r.id AS id",
        {"ids": [r["node"]["member_id"] for r in europe]},
    )
    assert {r["id"] for r in regions} == {"europe"}
    starred = await q.similar(real, "NG0020", 10, q.SimilarityFilter(outcome="starred"))
    assert starred and all(r["node"]["starred"] is True for r in starred)
    done = await q.similar(real, "NG0020", 10, q.SimilarityFilter(outcome="substantial_or_complete"))
    assert done and all(r["node"]["completion"] in ("substantial", "complete") for r in done)
    recent = await q.similar(real, "NG0020", 10, q.SimilarityFilter(year_from=2020, year_to=2022))
    assert recent and all(2020 <= r["node"]["year"] <= 2022 for r in recent)
    own = await q.similar(real, "NG0020", 100, q.SimilarityFilter(other_members_only=False))
    assert any(r["node"]["member_id"] == "nigeria" for r in own)
    in_bo = await q.similar(real, "NG0020", 10, q.SimilarityFilter(policy_area=BO))
    assert in_bo
    assert all(BO in a for a in (await _areas(real, [r["node"]["id"] for r in in_bo])).values())


async def test_similar_to_text_in_english_and_spanish(real: Graph) -> None:
    rows = await q.similar_to_text(
        real, "public register of the beneficial owners of companies", 5, q.SimilarityFilter()
    )
    areas = await _areas(real, [r["node"]["id"] for r in rows])
    assert sum(BO in areas.get(r["node"]["id"], set()) for r in rows) >= 4
    assert all(_adds_up(r) for r in rows)
    spanish = await q.similar_to_text(
        real, "Transparencia y participación ciudadana en el Congreso", 5, q.SimilarityFilter()
    )
    assert spanish and spanish[0]["text"] > 0.1
    # accent folding: a Paraguayan title typed without accents still finds it first
    folded = await q.similar_to_text(real, "mecanismos de transparencia y anticorrupcion", 3, q.SimilarityFilter())
    assert folded[0]["node"]["id"] == "PY0054"


async def test_a_short_title_finds_its_commitment_first(real: Graph) -> None:
    for cid in ("NG0020", "AL0066", "NZ0028", "SK0143"):
        title = (await real.read("MATCH (c:Commitment {id: $id}) RETURN c.short_title AS t", {"id": cid}))[0]["t"]
        rows = await q.similar_to_text(real, title, 3, q.SimilarityFilter(other_members_only=False))
        assert rows[0]["node"]["id"] == cid, (cid, title, [r["node"]["id"] for r in rows])


async def test_facets_equal_the_filtered_list_counts(real: Graph) -> None:
    spec = {"policy_areas": {"some": ["anti-corruption-and-integrity"]}}
    found = await q.facets(real, spec)
    total = await commitments_count(real, spec, None)
    assert total > 10
    for region in found["region"]:
        assert region["count"] == await commitments_count(
            real, {"and": [spec, {"region": {"some": [region["value"]]}}]}, None
        )
    assert sum(r["count"] for r in found["region"]) == total
    for year in found["year"][:4]:
        assert year["count"] == await commitments_count(
            real, {"and": [spec, {"year": {"eq": int(year["value"])}}]}, None
        )
    for c in found["completion"][:3]:
        assert c["count"] == await commitments_count(real, {"and": [spec, {"completion": {"in_": [c["value"]]}}]}, None)
    for area in found["policy_area"][:5]:
        assert (
            area["count"]
            == await commitments_count(real, {"and": [spec, {"policy_areas": {"some": [area["value"]]}}]}, None)
            or area["value"] != BO
        )


async def test_lineage_follows_one_member_through_later_plans(real: Graph) -> None:
    rows = await real.read("MATCH (a:Commitment)-[:CONTINUES]->(b:Commitment) RETURN a.id AS a, b.id AS b LIMIT 5")
    assert rows
    chain = await q.lineage(real, rows[0]["a"])
    assert len(chain) >= 2
    assert len({r["node"]["member_id"] for r in chain}) == 1
    years = [r["node"]["year"] for r in chain]
    assert years == sorted(years)


async def test_learn_from_ranks_members_in_an_area(real: Graph) -> None:
    rows = await q.learn_from(real, "open-parliaments", q.SimilarityFilter(), 5)
    assert len(rows) == 5
    assert [r["rank_score"] for r in rows] == sorted((r["rank_score"] for r in rows), reverse=True)
    assert all(r["best"] and r["commitments"] >= len(r["best"]) for r in rows)


async def test_peers_share_policy_areas(real: Graph) -> None:
    rows = await q.peers(real, "albania", 5)
    assert len(rows) == 5 and all(r["member_id"] != "albania" and r["shared"] for r in rows)


async def test_derivation_is_idempotent(real: Graph) -> None:
    first = (await real.read(q.SIMILAR_EDGE_COUNT))[0]["n"]
    stats = await derive_similarity(real)
    assert stats.similar_to == first == (await real.read(q.SIMILAR_EDGE_COUNT))[0]["n"]


async def _execute(graph: Graph, query: str) -> ExecutionResult:
    from api.context import Context
    from api.schema import schema

    return await schema.execute(query, context_value=Context(graph=graph))


NESTED = "{ commitments(first: %d) { nodes { id similar(first: 5) { score commitment { id } } lineage { id } } } }"


async def test_nested_similar_and_lineage_cost_the_same_queries_for_5_or_20_commitments(real: Graph) -> None:
    counts = {}
    for n in (5, 20):
        with count_queries() as log:
            result = await _execute(real, NESTED % n)
        assert result.errors is None, result.errors
        nodes = result.data["commitments"]["nodes"]  # type: ignore[index]
        assert len(nodes) == n and all(len(c["similar"]) == 5 for c in nodes)
        assert all(c["id"] in [x["id"] for x in c["lineage"]] for c in nodes)
        counts[n] = len(log)
    # the commitments page, one SIMILAR_BATCH and one LINEAGE_BATCH statement: never one per node
    assert counts[5] == counts[20] <= 3, counts
    print(f"statements for 5 and 20 commitments: {counts}")


PEERS = "{ members(first: %d) { nodes { id peers(first: 3) { score member { id } sharedPolicyAreas } } } }"


async def test_peers_of_many_members_cost_the_same_queries_and_match_the_single_answer(real: Graph) -> None:
    counts = {}
    for n in (3, 30):
        with count_queries() as log:
            result = await _execute(real, PEERS % n)
        assert result.errors is None, result.errors
        nodes = result.data["members"]["nodes"]  # type: ignore[index]
        counts[n] = len(log)
    # the members page (+ its count), then one portfolio read and one member lookup for ALL members
    assert counts[3] == counts[30] <= 4, counts
    albania = next(m for m in nodes if m["id"] == "albania")
    alone = await q.peers(real, "albania", 3)
    assert [p["member"]["id"] for p in albania["peers"]] == [r["member_id"] for r in alone]


async def test_nested_similar_equals_the_single_commitment_answer(real: Graph) -> None:
    result = await _execute(real, '{ commitment(id: "AL0066") { similar(first: 5) { score commitment { id } } } }')
    alone = [(r["commitment"]["id"], r["score"]) for r in result.data["commitment"]["similar"]]  # type: ignore[index]
    rows = await q.similar(real, "AL0066", 5, q.SimilarityFilter())
    assert [i for i, _ in alone] == [r["node"]["id"] for r in rows]
    assert [s for _, s in alone] == pytest.approx([r["score"] for r in rows], abs=1e-12)


@pytest.mark.parametrize(
    "query, message",
    [
        ('{ commitment(id: "AL0066") { similar(first: 0) { score } } }', "first must be between 1 and 100, got 0"),
        ('{ similarToText(text: "open data", first: 500) { score } }', "first must be between 1 and 100, got 500"),
        ('{ similarToText(text: "   ") { score } }', "the text is empty"),
        ('{ similarToText(text: "budget", filter: {yearFrom: 2022, yearTo: 2018}) { score } }', "is after yearTo"),
    ],
)
async def test_user_errors_are_graphql_errors(real: Graph, query: str, message: str) -> None:
    result = await _execute(real, query)
    assert result.errors and message in result.errors[0].message
    assert result.errors[0].original_error is None or isinstance(result.errors[0].original_error, GraphQLError)


@pytest.mark.parametrize(
    "flt",
    [q.SimilarityFilter(), q.SimilarityFilter(region="europe", outcome="substantial_or_complete")],
    ids=["default", "region-and-outcome"],
)
async def test_one_commitment_statement_equals_its_part_of_the_batch(real: Graph, flt: q.SimilarityFilter) -> None:
    # A lone commitment is read with SIMILAR_ONE (LIMIT), a level of several with SIMILAR_BATCH (slices).
    rows = await real.read("MATCH (c:Commitment) RETURN c.id AS id ORDER BY id")
    ids = [r["id"] for r in rows][::97][:6]  # spread over the members
    batch = await q.similar_batch(real, ids, 4, flt, ("id", "title"))
    assert len(batch) >= 3 and all(batch.values()), batch.keys()
    for key in ids:
        with count_queries() as log:
            alone = await q.similar_batch(real, [key], 4, flt, ("id", "title"))
        assert log == [log[0]] and "LIMIT $first" in log[0]
        assert alone.get(key, []) == batch.get(key, []), key
