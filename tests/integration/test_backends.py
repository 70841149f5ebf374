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


VALUES = (
    "RETURN 'é' AS s, 42 AS i, -1.5 AS f, true AS t, false AS b, null AS n, [1, 'x', [2.5, null]] AS l, "
    "{k: 'v', m: {z: [true]}} AS m, [] AS empty, {} AS nothing"
)


async def test_values_come_back_as_plain_python_on_both_backends(graph: Graph) -> None:
    rows = await graph.read(VALUES)
    assert rows == [
        {
            "s": "é", "i": 42, "f": -1.5, "t": True, "b": False, "n": None, "l": [1, "x", [2.5, None]],
            "m": {"k": "v", "m": {"z": [True]}}, "empty": [], "nothing": {},
        }
    ]  # fmt: skip
    assert [type(v) for v in rows[0].values()][:6] == [str, int, float, bool, bool, type(None)]
    await graph.write("CREATE (:Thing {id: 'a', n: 1, tags: ['x', 'y']})")
    nodes = await graph.read("MATCH (t:Thing) RETURN t AS node, [t] AS inside, {wrapped: t, k: 1} AS mixed")
    node = {"id": "a", "n": 1, "tags": ["x", "y"]}
    assert nodes == [{"node": node, "inside": [node], "mixed": {"wrapped": node, "k": 1}}]


async def test_embedded_reads_decode_as_the_falkordb_library_does(graph: Graph) -> None:
    """FalkorGraph decodes replies itself (faster); the library's parser is the reference."""
    if not isinstance(graph, FalkorGraph):
        pytest.skip("FalkorDB's reply decoding")
    from graph.falkordb_backend import _plain

    await graph.write("CREATE (:Thing {id: 'a', n: 1, tags: ['x', 'y']})")
    for cypher in (VALUES, "MATCH (t:Thing) RETURN t AS node, [t, 1] AS inside, {wrapped: t} AS mixed, t.tags AS tags"):
        result = await graph._graph.ro_query(cypher)
        names = [h[1] for h in result.header]
        expected = [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in result.result_set]
        assert await graph.read(cypher) == expected
