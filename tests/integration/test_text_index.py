"""The discovery index: owned by whoever serves, built once, its version checked once per period, rebuilt on change."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.context import open_discovery
from discovery.index import DiscoveryIndex
from graph.backend import Graph, count_queries
from graph.config import Settings
from graph.falkordb_backend import FalkorGraph
from queries.corpus import COMMITMENT_CORPUS, COMMITMENT_VERSION
from queries.similarity_filter import SimilarityFilter
from queries.similarity_ranked import similar_to_text
from tests.helpers import load_samples

DRAFT = "public register of the beneficial owners of companies"


@pytest.fixture
async def samples(graph: Graph) -> Graph:
    await load_samples(graph)
    return graph


def _version_checks(log: list[str]) -> int:
    return sum(cypher == COMMITMENT_VERSION for cypher in log)


async def test_the_version_is_checked_once_per_period(samples: Graph) -> None:
    index = open_discovery(samples, Settings())
    first = await similar_to_text(samples, index, DRAFT, 5, SimilarityFilter())
    assert first, "the samples have beneficial-ownership commitments"
    with count_queries() as fresh:
        await similar_to_text(samples, index, DRAFT, 5, SimilarityFilter())
    index.check_seconds = 0.0  # every use is now past the period
    with count_queries() as due:
        again = await similar_to_text(samples, index, DRAFT, 5, SimilarityFilter())
    assert (_version_checks(fresh), _version_checks(due)) == (0, 1)
    assert len(fresh) == 1  # the nodes of the matches: the index itself is in memory
    assert COMMITMENT_CORPUS not in due  # the version did not change: nothing is read again
    assert [r["node"]["id"] for r in again] == [r["node"]["id"] for r in first]


async def test_a_change_in_the_graph_rebuilds_the_index(samples: Graph) -> None:
    index = open_discovery(samples, Settings())
    before = await similar_to_text(samples, index, DRAFT, 5, SimilarityFilter())
    best = before[0]["node"]["id"]
    # Another process could do this: the index learns of it at the next version check.
    await samples.write(
        "MATCH (c:Commitment {id: $id}) SET c.title = 'Bus timetables', c.full_text = 'Bus timetables', "
        "c.short_title = 'Bus', c.loaded_at = '2999-01-01T00:00:00+00:00'",
        {"id": best},
    )
    index.check_seconds = 0.0
    after = await similar_to_text(samples, index, DRAFT, 5, SimilarityFilter())
    assert best not in [r["node"]["id"] for r in after]


async def test_two_owners_keep_two_indexes(samples: Graph) -> None:
    # The index belongs to its owner (an app, a test): nothing is shared through a module global.
    one, two = open_discovery(samples, Settings()), open_discovery(samples, Settings())
    await one.warm()
    assert one.built is not None and two.built is None
    with count_queries() as log:
        await similar_to_text(samples, two, DRAFT, 5, SimilarityFilter())
    assert COMMITMENT_CORPUS in log and two.built is not None and two.built is not one.built


async def test_warming_builds_the_index_so_the_first_draft_reads_no_corpus(samples: Graph) -> None:
    index = open_discovery(samples, Settings())
    await index.warm()
    with count_queries() as log:
        found = await similar_to_text(samples, index, DRAFT, 5, SimilarityFilter())
    assert found and COMMITMENT_CORPUS not in log


async def test_a_served_app_warms_its_own_index_at_startup(tmp_path: Path) -> None:
    # The app opens its own graph (as `ogp serve` does) and builds its index in the background.
    from api.app import create_app

    url = f"falkordb-lite://{tmp_path}/g.db"
    loader = await FalkorGraph.open(tmp_path / "g.db", "ogp", 10_000)
    await load_samples(loader)
    await loader.close()
    app = create_app(Settings(graph_url=url))
    async with app.router.lifespan_context(app):
        index: DiscoveryIndex = app.state.discovery
        assert index.built is None  # serving started before the index was built
        await app.state.discovery_warming
        assert index.built is not None and len(index.built.docs) == 64  # the samples' commitments


async def test_a_changed_text_is_the_only_one_embedded_again(samples: Graph) -> None:
    from uuid import uuid4

    from loaders.similarity import derive_similarity

    # What a reload with one edited commitment does: its text changes, every other vector stays on its node.
    edited = f"Open budget hearings in every district ({uuid4().hex})"  # a text no cache can know
    await samples.write("MATCH (c:Commitment {id: 'UK9001'}) SET c.full_text = $text", {"text": edited})
    stats = await derive_similarity(samples)
    assert (stats.embedded.computed, stats.embedded.cached) == (1, 0)
    assert stats.embedded.stored == stats.commitments - 1
    again = await derive_similarity(samples)
    assert (again.embedded.computed, again.embedded.stored) == (0, again.commitments)
