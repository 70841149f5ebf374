"""Peer-learning discovery on the real OGP commitments export, on both backends (hand-checked cases)."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from graphql import ExecutionResult, GraphQLError

from api.context import open_discovery
from bench.realdata import load_real_graph
from discovery.index import DiscoveryIndex
from discovery.ranking import Arrangement, contributions
from graph.backend import Graph, count_queries
from graph.config import Settings
from loaders.similarity import derive_similarity
from queries import discovery as q
from queries import similarity
from queries.commitments import commitments_count
from queries.corpus import COMMITMENT_VERSION
from queries.similarity import SIMILAR_EDGE_COUNT
from queries.similarity_filter import SimilarityFilter
from queries.similarity_ranked import similar_to_text
from tests.helpers import BACKENDS, real_file

pytestmark = pytest.mark.realdata
BO = "beneficial-ownership"


@pytest.fixture(scope="module", params=BACKENDS)
async def real(
    request: pytest.FixtureRequest, open_graph: Callable[[str, str], Awaitable[Graph]]
) -> AsyncIterator[Graph]:
    """The real export loaded once per backend (its own FalkorDB graph; Neo4j's one database, cleared)."""
    path = real_file("commitments_open_parliament_g0v.csv")
    graph = await open_graph(request.param, "discovery")
    await graph.clear()
    await load_real_graph(graph, path)
    yield graph
    await graph.clear()


@pytest.fixture(scope="module")
def index(real: Graph) -> DiscoveryIndex:
    """The discovery index over the real graph, shared by the module's tests (as an app shares its own)."""
    return open_discovery(real, Settings())


def _requested(log: list[str]) -> list[str]:
    """The statements a call sent, less the discovery index's corpus version check: the index makes it at most
    every few seconds, for whichever call comes first, so on a slow backend it may fall inside any call."""
    return [statement for statement in log if statement != COMMITMENT_VERSION]


def _adds_up(row: dict[str, object]) -> bool:
    return abs(sum(contributions(row).values()) - float(row["score"])) < 1e-9  # type: ignore[arg-type]


async def _areas(graph: Graph, ids: list[str]) -> dict[str, set[str]]:
    rows = await graph.read(
        "MATCH (c:Commitment)-[:ADDRESSES]->(pa:PolicyArea) WHERE c.id IN $ids "
        "RETURN c.id AS id, collect(pa.id) AS areas",
        {"ids": ids},
    )
    return {r["id"]: set(r["areas"]) for r in rows}


async def test_beneficial_ownership_register_finds_other_bo_commitments_first(
    real: Graph, index: DiscoveryIndex
) -> None:
    # AL0066 "Beneficial Ownership Register" (Albania): the best matches elsewhere are BO commitments.
    rows = await similarity.similar(real, index, "AL0066", 5, SimilarityFilter())
    assert len(rows) == 5
    areas = await _areas(real, [r["node"]["id"] for r in rows])
    assert all(BO in areas[r["node"]["id"]] for r in rows[:3]), [(r["node"]["id"], r["node"]["title"]) for r in rows]
    assert BO in rows[0]["shared_policy_areas"]
    assert all(r["node"]["member_id"] != "albania" for r in rows)  # other members only, by default
    assert max(Counter(r["node"]["member_id"] for r in rows).values()) <= 2  # the member cap
    assert all(_adds_up(r) for r in rows)


async def test_specific_areas_come_before_broad_parents(real: Graph, index: DiscoveryIndex) -> None:
    rows = await similarity.similar(real, index, "AL0066", 1, SimilarityFilter())
    shared = rows[0]["shared_policy_areas"]
    assert shared[0] == BO and "anti-corruption-and-integrity" not in shared[:1]


async def test_filters_really_filter(real: Graph, index: DiscoveryIndex) -> None:
    europe = await similarity.similar(real, index, "NG0020", 10, SimilarityFilter(region="europe"))
    assert europe
    regions = await real.read(
        "MATCH (m:Member)-[:IN_REGION]->(r:Region) WHERE m.id IN $ids RETURN DISTINCT r.id AS id",
        {"ids": [r["node"]["member_id"] for r in europe]},
    )
    assert {r["id"] for r in regions} == {"europe"}
    starred = await similarity.similar(real, index, "NG0020", 10, SimilarityFilter(outcome="starred"))
    assert starred and all(r["node"]["starred"] is True for r in starred)
    done = await similarity.similar(real, index, "NG0020", 10, SimilarityFilter(outcome="substantial_or_complete"))
    assert done and all(r["node"]["completion"] in ("substantial", "complete") for r in done)
    recent = await similarity.similar(real, index, "NG0020", 10, SimilarityFilter(year_from=2020, year_to=2022))
    assert recent and all(2020 <= r["node"]["year"] <= 2022 for r in recent)
    own = await similarity.similar(real, index, "NG0020", 100, SimilarityFilter(other_members_only=False))
    assert any(r["node"]["member_id"] == "nigeria" for r in own)
    in_bo = await similarity.similar(real, index, "NG0020", 10, SimilarityFilter(policy_area=BO))
    assert in_bo
    assert all(BO in a for a in (await _areas(real, [r["node"]["id"] for r in in_bo])).values())


async def test_similar_to_text_in_english_and_spanish(real: Graph, index: DiscoveryIndex) -> None:
    rows = await similar_to_text(
        real, index, "public register of the beneficial owners of companies", 5, SimilarityFilter()
    )
    areas = await _areas(real, [r["node"]["id"] for r in rows])
    assert sum(BO in areas.get(r["node"]["id"], set()) for r in rows) >= 4
    assert all(_adds_up(r) for r in rows)
    spanish = await similar_to_text(
        real, index, "Transparencia y participación ciudadana en el Congreso", 5, SimilarityFilter()
    )
    assert spanish and spanish[0]["words"] > 0.1
    # accent folding: a Paraguayan title typed without accents still finds it first
    folded = await similar_to_text(real, index, "mecanismos de transparencia y anticorrupcion", 3, SimilarityFilter())
    assert folded[0]["node"]["id"] == "PY0054"


async def test_a_short_title_finds_its_commitment_first(real: Graph, index: DiscoveryIndex) -> None:
    for cid in ("NG0020", "AL0066", "NZ0028", "SK0143"):
        title = (await real.read("MATCH (c:Commitment {id: $id}) RETURN c.short_title AS t", {"id": cid}))[0]["t"]
        rows = await similar_to_text(real, index, title, 3, SimilarityFilter(other_members_only=False))
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
    rows = await q.learn_from(real, "open-parliaments", SimilarityFilter(), 5)
    assert len(rows) == 5
    assert [r["rank_score"] for r in rows] == sorted((r["rank_score"] for r in rows), reverse=True)
    assert all(r["best"] and r["commitments"] >= len(r["best"]) for r in rows)


async def test_peers_share_policy_areas(real: Graph) -> None:
    rows = await q.peers(real, "albania", 5)
    assert len(rows) == 5 and all(r["member_id"] != "albania" and r["shared"] for r in rows)


async def test_derivation_is_idempotent_and_embeds_nothing_twice(real: Graph) -> None:
    first = (await real.read(SIMILAR_EDGE_COUNT))[0]["n"]
    stats = await derive_similarity(real)
    assert stats.similar_to == first == (await real.read(SIMILAR_EDGE_COUNT))[0]["n"]
    # every commitment's vector is on its node under the key of its current text: none is embedded again
    assert (stats.embedded.computed, stats.embedded.cached, stats.embedded.stored) == (0, 0, stats.commitments)


async def _execute(graph: Graph, index: DiscoveryIndex, query: str) -> ExecutionResult:
    from api.context import Context
    from api.schema import schema

    return await schema.execute(query, context_value=Context(graph=graph, discovery=index))


NESTED = "{ commitments(first: %d) { nodes { id similar(first: 5) { score commitment { id } } lineage { id } } } }"


async def test_nested_similar_and_lineage_cost_the_same_queries_for_5_or_20_commitments(
    real: Graph, index: DiscoveryIndex
) -> None:
    counts = {}
    for n in (5, 20):
        with count_queries() as log:
            result = await _execute(real, index, NESTED % n)
        assert result.errors is None, result.errors
        nodes = result.data["commitments"]["nodes"]  # type: ignore[index]
        assert len(nodes) == n and all(len(c["similar"]) == 5 for c in nodes)
        assert all(c["id"] in [x["id"] for x in c["lineage"]] for c in nodes)
        counts[n] = len(log)
    # the commitments page, one SIMILAR_BATCH and one LINEAGE_BATCH statement: never one per node
    assert counts[5] == counts[20] <= 3, counts
    print(f"statements for 5 and 20 commitments: {counts}")


PEERS = "{ members(first: %d) { nodes { id peers(first: 3) { score member { id } sharedPolicyAreas } } } }"


async def test_peers_of_many_members_cost_the_same_queries_and_match_the_single_answer(
    real: Graph, index: DiscoveryIndex
) -> None:
    counts = {}
    for n in (3, 30):
        with count_queries() as log:
            result = await _execute(real, index, PEERS % n)
        assert result.errors is None, result.errors
        nodes = result.data["members"]["nodes"]  # type: ignore[index]
        counts[n] = len(log)
    # the members page (+ its count), then one portfolio read and one member lookup for ALL members
    assert counts[3] == counts[30] <= 4, counts
    albania = next(m for m in nodes if m["id"] == "albania")
    alone = await q.peers(real, "albania", 3)
    assert [p["member"]["id"] for p in albania["peers"]] == [r["member_id"] for r in alone]


async def test_nested_similar_equals_the_single_commitment_answer(real: Graph, index: DiscoveryIndex) -> None:
    result = await _execute(
        real, index, '{ commitment(id: "AL0066") { similar(first: 5) { score commitment { id } } } }'
    )
    alone = [(r["commitment"]["id"], r["score"]) for r in result.data["commitment"]["similar"]]  # type: ignore[index]
    rows = await similarity.similar(real, index, "AL0066", 5, SimilarityFilter())
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
async def test_user_errors_are_graphql_errors(real: Graph, index: DiscoveryIndex, query: str, message: str) -> None:
    result = await _execute(real, index, query)
    assert result.errors and message in result.errors[0].message
    assert result.errors[0].original_error is None or isinstance(result.errors[0].original_error, GraphQLError)


@pytest.mark.parametrize(
    "flt",
    [
        SimilarityFilter(),
        SimilarityFilter(region="europe", outcome="substantial_or_complete"),
        SimilarityFilter(member_kind="local", year_from=2019),
    ],
    ids=["default", "region-and-outcome", "kind-and-year"],
)
async def test_one_commitment_statement_equals_its_part_of_the_batch(
    real: Graph, index: DiscoveryIndex, flt: SimilarityFilter
) -> None:
    # A lone commitment is read with SIMILAR_ONE (LIMIT), a level of several with SIMILAR_BATCH (slices).
    rows = await real.read("MATCH (c:Commitment) RETURN c.id AS id ORDER BY id")
    ids = [r["id"] for r in rows][::97][:6]  # spread over the members
    batch = await similarity.similar_batch(real, index, ids, 4, flt, properties=("id", "title"))
    assert len(batch) >= 3 and all(batch.values()), batch.keys()
    for key in ids:
        with count_queries() as log:
            alone = await similarity.similar_batch(real, index, [key], 4, flt, properties=("id", "title"))
        statements = _requested(log)
        assert "LIMIT $first" in statements[0]
        # a narrow filter that leaves fewer than 4 stored matches ranks all commitments: 2 statements more
        assert len(statements) in ((1, 3) if flt.narrows else (1,)), statements
        assert alone.get(key, []) == batch.get(key, []), key


STORED_IN_AREA = (
    "MATCH (c:Commitment {id: $id})-[s:SIMILAR_TO]->(o:Commitment)-[:ADDRESSES]->(:PolicyArea {id: $area}) "
    "WHERE o.member_id <> c.member_id RETURN o.id AS id ORDER BY s.score DESC, o.id"
)


async def test_a_narrow_filter_ranks_every_commitment_not_only_the_stored_matches(
    real: Graph, index: DiscoveryIndex
) -> None:
    # UK0098 "Open contracting": a reformer asks for beneficial-ownership commitments like it. Only 5 of its
    # 40 stored matches are BO commitments, but more BO commitments elsewhere share text, areas or
    # organisations with it: the filter must not stop at the stored ones.
    stored = [r["id"] for r in await real.read(STORED_IN_AREA, {"id": "UK0098", "area": BO})]
    assert 0 < len(stored) < 10, stored  # the case this test is about
    uncapped = Arrangement(per_member=None)  # the ranking itself; the cap is tested on its own
    rows = await similarity.similar(real, index, "UK0098", 10, SimilarityFilter(policy_area=BO), uncapped)
    ids = [r["node"]["id"] for r in rows]
    assert len(rows) == 10 and len(set(ids)) == 10
    assert ids[: len(stored)] == stored  # the stored ones are the best overall: they come first, in order
    in_bo = await _areas(real, ids)
    assert len(in_bo) == 10 and all(BO in a for a in in_bo.values())
    assert all(r["node"]["member_id"] != "united-kingdom" for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(_adds_up(r) for r in rows)
    assert all(r["meaning"] > 0 or r["words"] > 0 for r in rows)  # text evidence: tags alone are not likeness
    areas = await _areas(real, ["UK0098", *ids])  # the explanation names exactly the areas both address
    assert all(set(r["shared_policy_areas"]) == areas["UK0098"] & areas[r["node"]["id"]] for r in rows)


async def test_a_narrow_filter_fills_the_list_for_every_commitment(real: Graph, index: DiscoveryIndex) -> None:
    # Every 25th commitment, "did it open government" (major/outstanding): about 1 in 8 commitments pass,
    # so 40 stored matches usually hold fewer than 10 of them; all the ranked lists are full.
    ids = [r["id"] for r in await real.read("MATCH (c:Commitment) RETURN c.id AS id ORDER BY id")][::25]
    flt = SimilarityFilter(outcome="opened_government")
    with count_queries() as log:
        found = await similarity.similar_batch(real, index, ids, 10, flt, properties=("id", "did_it_open_government"))
    statements = _requested(log)  # the stored matches, the ids that pass, the chosen nodes: for ALL commitments
    assert len(statements) == 3, statements
    assert set(found) == set(ids)
    for key, rows in found.items():
        assert len(rows) == 10, key
        assert all(r["node"]["did_it_open_government"] in ("major", "outstanding") for r in rows), key


DRAFT = "publish public contracts as open data and let citizens monitor procurement"
LOCAL = "MATCH (o:Commitment), (m:Member {id: o.member_id}) WHERE m.kind = 'local' RETURN o.id AS id"
AFRICA_FROM_2020 = (
    "MATCH (o:Commitment)<-[:INCLUDES]-(:ActionPlan)<-[:HAS_ACTION_PLAN]-(m:Member)-[:IN_REGION]->"
    "(:Region {id: 'africa-and-the-middle-east'}) WHERE o.year >= 2020 RETURN o.id AS id"
)


@pytest.mark.parametrize(
    "passing_cypher, flt",
    [
        (LOCAL, SimilarityFilter(member_kind="local")),
        (AFRICA_FROM_2020, SimilarityFilter(region="africa-and-the-middle-east", year_from=2020)),
    ],
    ids=["local", "africa-2020"],
)
async def test_similar_to_text_filters_rank_every_commitment_that_passes(
    real: Graph, index: DiscoveryIndex, passing_cypher: str, flt: SimilarityFilter
) -> None:
    # The filtered list is the unfiltered ranking restricted to the commitments that pass (counted here by
    # a separate query): nothing that passes and ranks above the last result is left out, whatever its rank.
    passing = {r["id"] for r in await real.read(passing_cypher)}
    assert passing
    uncapped = Arrangement(per_member=None)  # the ranking itself; the cap is tested on its own
    everything = await similar_to_text(real, index, DRAFT, 100, SimilarityFilter(other_members_only=False), uncapped)
    filtered = await similar_to_text(real, index, DRAFT, 10, flt, uncapped)
    assert filtered and all(r["node"]["id"] in passing for r in filtered)
    assert len(filtered) == 10 and len({r["node"]["id"] for r in filtered}) == 10
    last = filtered[-1]["score"]
    expected = [r["node"]["id"] for r in everything if r["node"]["id"] in passing and r["score"] > last]
    assert [r["node"]["id"] for r in filtered][: len(expected)] == expected


FILTERED_OVER_HTTP = """
query ($id: ID!, $draft: String!) {
  commitment(id: $id) {
    similar(
      first: 10, perMember: null, filter: {policyArea: "beneficial-ownership", outcome: SUBSTANTIAL_OR_COMPLETE}
    ) {
      score commitment { id irm { completion { value } } policyAreas { id } } reasons { component contribution }
    }
  }
  similarToText(text: $draft, first: 10, filter: {memberKind: LOCAL}) { score commitment { id member { kind } } }
}
"""


async def test_narrow_filters_over_http(real: Graph) -> None:
    from api.app import create_app
    from graph.config import Settings
    from tests.helpers import GQL, client_for

    async with client_for(create_app(Settings(), graph=real)) as client:
        response = await client.post(
            "/graphql",
            json={"query": FILTERED_OVER_HTTP, "variables": {"id": "UK0098", "draft": DRAFT}},
            headers={"accept": GQL},
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    similar, text = body["data"]["commitment"]["similar"], body["data"]["similarToText"]
    # every BO commitment of another member that was substantially or fully completed (6 in this export,
    # of which the 40 stored matches of UK0098 hold fewer) is found, and nothing else
    passing = await real.read(
        "MATCH (o:Commitment)-[:ADDRESSES]->(:PolicyArea {id: $area}) WHERE o.member_id <> 'united-kingdom' "
        "AND o.completion IN ['substantial', 'complete'] RETURN o.id AS id",
        {"area": BO},
    )
    assert sorted(m["commitment"]["id"] for m in similar) == sorted(r["id"] for r in passing) and len(passing) >= 5
    stored = [r["id"] for r in await real.read(STORED_IN_AREA, {"id": "UK0098", "area": BO})]
    assert len(set(stored) & {r["id"] for r in passing}) < len(passing)
    assert len(text) == 10
    for match in similar:
        assert match["commitment"]["irm"]["completion"]["value"] in ("substantial", "complete")
        assert BO in {a["id"] for a in match["commitment"]["policyAreas"]}
        assert sum(r["contribution"] for r in match["reasons"]) == pytest.approx(match["score"], abs=1e-9)
    assert all(m["commitment"]["member"]["kind"] == "LOCAL" for m in text)
    assert [m["score"] for m in similar] == sorted((m["score"] for m in similar), reverse=True)
