"""The draft-text index of similarToText: built once, its version checked once per period, rebuilt on change."""

from __future__ import annotations

import pytest

from graph.backend import Graph, count_queries
from queries import discovery as q
from tests.integration.api_data import load_samples

DRAFT = "public register of the beneficial owners of companies"


@pytest.fixture
async def samples(graph: Graph) -> Graph:
    await load_samples(graph)
    return graph


def _age(graph: Graph) -> None:
    """Pretend the last version check is older than the period."""
    q._CACHE[id(graph)].checked -= q.VERSION_CHECK_SECONDS + 1


def _version_checks(log: list[str]) -> int:
    return sum(cypher == q.COMMITMENT_VERSION for cypher in log)


async def test_the_version_is_checked_once_per_period(samples: Graph) -> None:
    first = await q.similar_to_text(samples, DRAFT, 5, q.SimilarityFilter())
    assert first, "the samples have beneficial-ownership commitments"
    with count_queries() as fresh:
        await q.similar_to_text(samples, DRAFT, 5, q.SimilarityFilter())
    _age(samples)
    with count_queries() as due:
        await q.similar_to_text(samples, DRAFT, 5, q.SimilarityFilter())
    with count_queries() as after:
        again = await q.similar_to_text(samples, DRAFT, 5, q.SimilarityFilter())
    assert (_version_checks(fresh), _version_checks(due), _version_checks(after)) == (0, 1, 0)
    assert len(after) == 1  # the nodes of the matches: the index itself is in memory
    assert [r["node"]["id"] for r in again] == [r["node"]["id"] for r in first]


async def test_a_change_in_the_graph_rebuilds_the_index(samples: Graph) -> None:
    before = await q.similar_to_text(samples, DRAFT, 5, q.SimilarityFilter())
    best = before[0]["node"]["id"]
    # Another process could do this: the index learns of it at the next version check.
    await samples.write(
        "MATCH (c:Commitment {id: $id}) SET c.title = 'Bus timetables', c.full_text = 'Bus timetables', "
        "c.short_title = 'Bus', c.loaded_at = '2999-01-01T00:00:00+00:00'",
        {"id": best},
    )
    _age(samples)
    after = await q.similar_to_text(samples, DRAFT, 5, q.SimilarityFilter())
    assert best not in [r["node"]["id"] for r in after]
