"""The two backends behave the same for what the project relies on."""

from __future__ import annotations

import contextlib

import pytest
from redis.exceptions import ResponseError

from graph.backend import FulltextIndex, Graph, GraphSchema, count_queries
from graph.errors import GraphError
from graph.falkordb_backend import FalkorGraph

SCHEMA = GraphSchema(labels=("Thing",), indexes=(("Thing", "year"),), fulltext=(FulltextIndex("Thing", ("title",)),))


async def test_merge_is_idempotent_and_counted(graph: Graph) -> None:
    await graph.ensure_schema(SCHEMA)
    await graph.ensure_schema(SCHEMA)  # twice: no error
    rows = [{"id": "a", "props": {"title": "Open budget portal", "year": 2014}}]
    stmt = "UNWIND $rows AS row MERGE (n:Thing {id: row.id}) SET n += row.props"
    first = await graph.write(stmt, {"rows": rows})
    second = await graph.write(stmt, {"rows": rows})
    assert first.nodes_created == 1 and second.nodes_created == 0
    assert await graph.read("MATCH (n:Thing) RETURN n.id AS id, n.year AS year") == [{"id": "a", "year": 2014}]


async def test_fulltext_search_finds_prefix_and_ignores_syntax(graph: Graph) -> None:
    await graph.ensure_schema(SCHEMA)
    await graph.write(
        "CREATE (:Thing {id: 'a', title: 'Beneficial ownership register'}), "
        "(:Thing {id: 'b', title: 'Open budget portal'})"
    )
    query = graph.fulltext_call("Thing") + " RETURN node.id AS id ORDER BY score DESC"
    hits = await graph.read(query, {"fulltext": graph.fulltext_query("benefic OWNERSHIP")})
    assert [h["id"] for h in hits] == ["a"]
    # query syntax in user text is neutralised, not an error
    assert await graph.read(query, {"fulltext": graph.fulltext_query('budget") (*:* ~')}) == [{"id": "b"}]


async def test_atomic_block_rolls_back_on_error(graph: Graph) -> None:
    await graph.write("CREATE (:Thing {id: 'kept'})")
    with pytest.raises(RuntimeError):
        async with graph.atomic():
            await graph.write("CREATE (:Thing {id: 'lost'})")
            raise RuntimeError("boom")
    assert await graph.read("MATCH (n:Thing) RETURN n.id AS id") == [{"id": "kept"}]
    async with graph.atomic():
        await graph.write("CREATE (:Thing {id: 'added'})")
    assert {r["id"] for r in await graph.read("MATCH (n:Thing) RETURN n.id AS id")} == {"kept", "added"}


async def test_unique_id_constraint(graph: Graph) -> None:
    await graph.ensure_schema(SCHEMA)
    await graph.write("CREATE (:Thing {id: 'a'})")
    with pytest.raises(GraphError):
        await graph.write("CREATE (:Thing {id: 'a'})")


async def test_queries_are_counted(graph: Graph) -> None:
    with count_queries() as log:
        await graph.read("RETURN 1 AS one")
        await graph.read("RETURN 2 AS two")
    assert len(log) == 2


async def test_atomic_waits_for_a_background_rewrite(graph: Graph) -> None:
    """FalkorDB's snapshot forks the server, which is refused while an append-only rewrite runs."""
    if not isinstance(graph, FalkorGraph):
        pytest.skip("a FalkorDB persistence detail; Neo4j uses a transaction")
    await graph.write("UNWIND range(1, 20000) AS i CREATE (:Thing {id: toString(i), note: 'padding for the log'})")
    with contextlib.suppress(ResponseError):  # "already in progress" is as good for this test
        await graph._command("BGREWRITEAOF")
    async with graph.atomic():
        await graph.write("CREATE (:Thing {id: 'during-rewrite'})")
    assert await graph.read("MATCH (n:Thing {id: 'during-rewrite'}) RETURN count(n) AS n") == [{"n": 1}]
