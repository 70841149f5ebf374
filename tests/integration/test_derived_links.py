"""Derived links are written in bounded batches, staged first: a derivation that fails keeps the previous links.

Issue 11: on Neo4j the ~100k ``SIMILAR_TO`` links of a large load, written in one transaction, broke the
256 MiB transaction memory limit. Now every statement carries at most a batch, and the new set is staged
before any commitment's list changes (``loaders/derived_links.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.backend import Graph, count_queries
from graph.errors import GraphError
from graph.model import SimilarTo
from loaders._write import BATCH_SIZE, Rel
from loaders.derived_links import LinkSet, NodeUpdate, replace_links
from loaders.run import run_load
from loaders.similarity import derive_similarity
from queries.derivation_state import mark_owed, owed_since
from tests.helpers import real_file

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "commitments_sample.csv"
LINKS = (
    "MATCH (a:Commitment)-[s]->(b:Commitment) WHERE type(s) STARTS WITH 'SIMILAR_TO' OR type(s) STARTS WITH "
    "'CONTINUES' RETURN a.id AS a, type(s) AS type, b.id AS b, s.score AS score ORDER BY a, type, b"
)


async def _links(graph: Graph) -> list[tuple[Any, ...]]:
    return [(r["a"], r["type"], r["b"], r["score"]) for r in await graph.read(LINKS)]


async def test_a_derivation_failing_half_way_keeps_the_previous_links(graph: Graph) -> None:
    await run_load(graph, [SAMPLE])
    before = await _links(graph)
    assert before and not [link for link in before if link[1].endswith("_STAGED")]
    ids = sorted({link[0] for link in before})
    other = [Rel(a, b, SimilarTo(score=0.5)) for a in ids for b in ids if a != b]
    await mark_owed(graph, "2026-01-01T00:00:00+00:00")
    # A whole new set is staged (two links per statement), then a write fails as a database error would
    # (memory, a lost connection): a map is not a property value on either backend.
    with pytest.raises(GraphError):
        await replace_links(graph, [LinkSet(SimilarTo.TYPE, other, options={"batch_size": 2})], [_BrokenUpdate()])
    staged = [link for link in await _links(graph) if link[1].endswith("_STAGED")]
    assert len(staged) == len(other)
    assert [link for link in await _links(graph) if not link[1].endswith("_STAGED")] == before
    assert await owed_since(graph) is not None  # the derivation is still owed
    await derive_similarity(graph)  # the next derivation clears the leftovers and completes
    assert await _links(graph) == before
    assert await owed_since(graph) is None


class _BrokenUpdate(NodeUpdate):
    """A node update the database refuses (a map as a property value), run after the links are staged."""

    def __init__(self) -> None:
        super().__init__(
            "UNWIND $rows AS row MATCH (c:Commitment) SET c.broken = row.value",
            [{"value": {"a": {"b": 1}}}],
        )


async def test_derivation_writes_only_bounded_statements(graph: Graph) -> None:
    with count_queries() as statements:
        await run_load(graph, [SAMPLE])
    derived = [s for s in statements if "SIMILAR_TO" in s or "CONTINUES" in s]
    assert any("SIMILAR_TO_STAGED" in s for s in derived)
    writes = [s for s in derived if any(verb in s for verb in ("MERGE", "CREATE", "DELETE", "SET "))]
    # every write of derived links is one batch: rows from a bounded $rows/$ids list, or a LIMIT
    assert writes and all(s.startswith("UNWIND $") or "LIMIT $limit" in s for s in writes), writes


@pytest.mark.realdata
async def test_the_real_derivation_is_written_in_bounded_statements(graph: Graph) -> None:
    path = real_file("commitments_open_parliament_g0v.csv")
    await run_load(graph, [path], derive=False)
    with count_queries() as statements:
        stats = await derive_similarity(graph)
    assert stats.similar_to > 15_000
    counted = await graph.read("MATCH (:Commitment)-[s:SIMILAR_TO]->(:Commitment) RETURN count(s) AS n")
    assert counted[0]["n"] == stats.similar_to
    staged = [s for s in statements if "SIMILAR_TO_STAGED" in s and s.startswith("UNWIND $rows")]
    assert len(staged) >= stats.similar_to // BATCH_SIZE  # one statement per batch of new links


async def test_the_launchers_neo4j_limits_a_transaction_to_256_mib(graph: Graph) -> None:
    """The limit the derivation's batches are sized for is the one the tests and benchmarks run under."""
    if graph.kind != "neo4j":
        pytest.skip("FalkorDB has no transaction memory limit (its writes are batched all the same)")
    rows = await graph.read("SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' RETURN value")
    assert rows and rows[0]["value"] in ("256.00MiB", "268435456", "256m"), rows
