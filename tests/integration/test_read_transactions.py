"""``graph.reading()``: every read of one GraphQL request in one read transaction (issue 11).

On Neo4j each statement used to open its own session and transaction (several round trips each); inside
``reading()`` they share one, begun on the first read and closed at the end of the block. The embedded
backend has nothing to share and reads as before. Both backends must give the same answers either way,
and a statement that fails must not fail the block's other reads.
"""

from __future__ import annotations

import asyncio

import pytest

from graph.backend import Graph
from graph.errors import GraphError

# Neo4j names the transaction a statement runs in; SHOW TRANSACTIONS may run inside an explicit one.
TRANSACTION_ID = (
    "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
    "WHERE currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN transactionId AS id"
)


async def _transaction(graph: Graph) -> str:
    rows = await graph.read(TRANSACTION_ID)
    assert len(rows) == 1, rows
    return str(rows[0]["id"])


async def test_reads_inside_a_block_answer_as_outside(graph: Graph) -> None:
    await graph.write("UNWIND range(1, 5) AS i CREATE (:Member {id: 'm' + toString(i), name: 'M' + toString(i)})")
    query = "MATCH (m:Member) RETURN m.id AS id ORDER BY id"
    outside = await graph.read(query)
    async with graph.reading():
        inside = await graph.read(query)
        together = await asyncio.gather(*(graph.read(query) for _ in range(4)))  # DataLoaders ask concurrently
    assert outside == inside == [{"id": f"m{i}"} for i in range(1, 6)]
    assert all(rows == outside for rows in together)


async def test_a_failing_statement_does_not_fail_the_blocks_other_reads(graph: Graph) -> None:
    async with graph.reading():
        assert await graph.read("RETURN 1 AS one") == [{"one": 1}]
        with pytest.raises(GraphError):
            await graph.read("UNWIND [1, 0] AS d RETURN 1 / d AS x")
        assert await graph.read("RETURN 2 AS two") == [{"two": 2}]


async def test_a_block_nested_in_a_block_or_a_write_transaction_reads_there(graph: Graph) -> None:
    async with graph.reading(), graph.reading():
        assert await graph.read("RETURN 1 AS one") == [{"one": 1}]
    async with graph.atomic():
        await graph.write("CREATE (:Member {id: 'new', name: 'New'})")
        async with graph.reading():  # sees the write transaction's own uncommitted write
            assert await graph.read("MATCH (m:Member {id: 'new'}) RETURN m.name AS name") == [{"name": "New"}]


async def test_neo4j_runs_a_blocks_reads_in_one_transaction(graph: Graph) -> None:
    if graph.kind != "neo4j":
        pytest.skip("the embedded backend has no transactions to share")
    separate = {await _transaction(graph) for _ in range(3)}
    assert len(separate) == 3  # outside a block: a transaction per statement
    async with graph.reading():
        shared = {await _transaction(graph) for _ in range(3)}
        shared |= set(await asyncio.gather(*(_transaction(graph) for _ in range(3))))
    assert len(shared) == 1, shared
    async with graph.reading():
        with pytest.raises(GraphError):
            await graph.read("UNWIND [1, 0] AS d RETURN 1 / d AS x")
        after_failure = await _transaction(graph)
    assert after_failure not in shared  # the failed transaction was closed; the next read began a new one
