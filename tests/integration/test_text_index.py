"""The draft-text index of similarToText: built once, its version checked once per period, rebuilt on change."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from graph.backend import Graph, count_queries
from graph.config import Settings
from graph.falkordb_backend import FalkorGraph
from queries import discovery as q
from tests.helpers import load_samples

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


async def test_warming_builds_the_index_so_the_first_draft_reads_no_corpus(samples: Graph) -> None:
    q.invalidate_text_index(samples)
    await q.warm_text_index(samples)
    with count_queries() as log:
        found = await q.similar_to_text(samples, DRAFT, 5, q.SimilarityFilter())
    assert found and q.COMMITMENT_CORPUS not in log


async def test_a_served_app_warms_the_index_at_startup(tmp_path: Path) -> None:
    # The app opens its own graph (as `ogp serve` does) and builds the index in the background.
    from api.app import create_app

    url = f"falkordb-lite://{tmp_path}/g.db"
    loader = await FalkorGraph.open(tmp_path / "g.db", "ogp", 10_000)
    await load_samples(loader)
    await loader.close()
    app = create_app(Settings(graph_url=url))
    async with app.router.lifespan_context(app):
        graph = app.state.graph
        for _ in range(300):
            cache = q._CACHE.get(id(graph))
            if cache is not None and cache.corpus is not None:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the draft-text index was not built in 30 s")
        assert len(cache.corpus.docs) == 64  # the samples' commitments
