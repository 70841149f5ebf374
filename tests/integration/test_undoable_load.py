"""A run too large for one transaction is committed in parts on Neo4j, and still undone when it fails (issue 11).

Ten times the real export broke Neo4j's 256 MiB transaction memory limit in the load's one transaction.
``graph.atomic_parts`` commits such a block in parts, after saving the graph to a file, and puts the file
back if the block fails or its process dies (``graph/neo4j_undo.py``); on the embedded backend it is one
``atomic()`` block. Either way a failed run leaves the graph as it was. Small part sizes make the samples
span many parts here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graph import neo4j_undo
from graph.backend import Graph
from graph.errors import GraphError
from loaders.run import prepare, run_load, write

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
RELS = "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props"
REFUSED = "MATCH (c:Commitment) WITH c LIMIT 1 SET c.broken = $value"  # a map is no property value


async def _state(graph: Graph) -> list[str]:
    """Every node and relationship with its properties, in a comparable order."""
    nodes = [json.dumps(["node", sorted(r["labels"]), r["props"]], sort_keys=True) for r in await graph.read(NODES)]
    rels = [json.dumps(["rel", r["a"], r["type"], r["b"], r["props"]], sort_keys=True) for r in await graph.read(RELS)]
    return sorted(nodes + rels)


def _saved_files() -> set[Path]:
    return set(neo4j_undo.UNDO_FOLDER.glob("undo-*.jsonl")) if neo4j_undo.UNDO_FOLDER.exists() else set()


async def test_a_block_in_parts_that_fails_leaves_the_graph_as_it_was(graph: Graph) -> None:
    await run_load(graph, [SAMPLES])
    before, files = await _state(graph), _saved_files()
    with pytest.raises(GraphError):
        async with graph.atomic_parts(1):  # on Neo4j every statement is a part of its own
            await graph.write("CREATE (:Member {id: 'new-member', name: 'New'})")
            await graph.write("MATCH (c:Commitment) WITH c ORDER BY c.id LIMIT 5 SET c.title = 'changed'")
            await graph.write("MATCH (c:Commitment) WITH c ORDER BY c.id DESC LIMIT 3 DETACH DELETE c")
            await graph.write("MATCH (a:Commitment)-[r:SIMILAR_TO]->() WITH r LIMIT 50 DELETE r")
            await graph.write(REFUSED, {"value": {"a": {"b": 1}}})
    assert await _state(graph) == before
    assert _saved_files() == files  # the saved copy is gone with the block


async def test_a_load_in_many_parts_writes_what_one_transaction_writes(graph: Graph) -> None:
    await run_load(graph, [SAMPLES])
    whole = await graph.read("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels")
    await graph.clear()
    files = _saved_files()
    report = await write(graph, prepare([SAMPLES]), part_bytes=64 * 1024)
    assert report.written and report.derived is not None
    parts = await graph.read("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels")
    assert parts == whole
    assert await graph.read(f"MATCH (m:{neo4j_undo.MARKER_LABEL}) RETURN m") == []
    assert _saved_files() == files


# A process that dies half-way through a block of parts: some parts committed, the saved copy left behind.
DIES = """
import asyncio, os, sys
from graph.neo4j_backend import Neo4jGraph

async def main() -> None:
    graph = await Neo4jGraph.open(sys.argv[1], 15_000)
    async with graph.atomic_parts(1):
        await graph.write("CREATE (:Member {id: 'half-way', name: 'Half'})")
        await graph.write("MATCH (c:Commitment) SET c.title = 'overwritten'")
        os._exit(9)

asyncio.run(main())
"""


async def test_neo4j_puts_back_a_block_whose_process_died_at_the_next_load(graph: Graph, neo4j_server: Any) -> None:
    if graph.kind != "neo4j":
        pytest.skip("the embedded backend restores its GRAPH.COPY snapshot when it opens (test_interrupted_loads)")
    await run_load(graph, [SAMPLES])
    before = await _state(graph)
    died = subprocess.run([sys.executable, "-c", DIES, neo4j_server.url], cwd=ROOT, capture_output=True, text=True)
    assert died.returncode == 9, died.stderr[-2000:]
    marker = await graph.read(f"MATCH (m:{neo4j_undo.MARKER_LABEL}) RETURN m.file AS file")
    assert len(marker) == 1 and Path(marker[0]["file"]).exists()
    assert await graph.read("MATCH (m:Member {id: 'half-way'}) RETURN m.id AS id") == [{"id": "half-way"}]
    report = await run_load(graph, [SAMPLES])  # the next load puts the graph back first, then loads
    assert report.owed_before is None
    assert await _state(graph) == before
    assert not Path(marker[0]["file"]).exists()
