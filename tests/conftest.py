"""Shared fixtures: a real graph on each backend (embedded FalkorDB always, Neo4j when reachable).

The Neo4j leg uses ``NEO4J_URI`` when set; otherwise it starts Neo4j 5.26 through
``neo4j-launcher/run.sh`` (Java + Maven) once per test run. Where neither is possible the Neo4j
leg skips with the reason. ``graph`` is an empty graph on each backend; ``samples`` the project's
sample data on each backend, loaded once per session and only read; ``open_graph`` opens a named
graph for a module-scoped fixture. Helpers other than fixtures are in ``tests/helpers.py``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from graph.backend import Graph
from graph.falkordb_backend import FalkorGraph
from graph.neo4j_backend import Neo4jGraph
from tests.helpers import BACKENDS, Neo4jServer, load_samples

# Generous: tests read whole real graphs (every SIMILAR_TO edge) on a machine other test runs share.
QUERY_TIMEOUT_MS = 60_000


def pytest_report_header() -> str:
    return "graph tests on: " + ", ".join(BACKENDS) + ("" if "neo4j" in BACKENDS else " (OGP_SKIP_NEO4J is set)")


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    server = Neo4jServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def embedded_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="ogp-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


_open: dict[str, Graph] = {}
# What the sample data looks like once loaded (node and relationship counts, per backend): the read-only
# ``samples`` fixture reloads when the graph no longer looks like that (on Neo4j, whose one database the
# other tests clear and fill, or on a FalkorDB graph a test changed by mistake).
SIGNATURE = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels"
_samples_signature: dict[str, dict[str, int]] = {}


async def open_backend(kind: str, neo4j_server: Neo4jServer, embedded_dir: Path, name: str = "test") -> Graph:
    """The session's graph on one backend (one embedded server; one Neo4j), opened on first use."""
    key = f"{kind}:{name}"
    if key in _open:
        return _open[key]
    if kind == "falkordb":
        graph: Graph = await FalkorGraph.open(embedded_dir / "graph.db", name, QUERY_TIMEOUT_MS)
    else:
        neo4j_server.start()
        if not neo4j_server.url:
            pytest.skip(neo4j_server.reason)
        graph = await Neo4jGraph.open(neo4j_server.url, QUERY_TIMEOUT_MS)
    _open[key] = graph
    return graph


@pytest.fixture(params=BACKENDS)
async def graph(request: pytest.FixtureRequest, neo4j_server: Neo4jServer, embedded_dir: Path) -> AsyncIterator[Graph]:
    """An empty graph on each backend. Neo4j Community has one database: tests share it, cleared."""
    g = await open_backend(request.param, neo4j_server, embedded_dir)
    await g.clear()
    yield g
    await g.clear()


@pytest.fixture(scope="session", autouse=True)
async def _close_graphs() -> AsyncIterator[None]:
    yield
    for g in _open.values():
        await g.close()
    _open.clear()


@pytest.fixture(scope="session")
def open_graph(neo4j_server: Neo4jServer, embedded_dir: Path) -> Callable[[str, str], Awaitable[Graph]]:
    """Opens a named graph on a backend for a module-scoped fixture (its own FalkorDB graph; Neo4j's one
    database, which the caller clears and fills)."""

    async def opened(kind: str, name: str) -> Graph:
        return await open_backend(kind, neo4j_server, embedded_dir, name)

    return opened


@pytest.fixture(params=BACKENDS)
async def samples(request: pytest.FixtureRequest, neo4j_server: Neo4jServer, embedded_dir: Path) -> Graph:
    """The project's sample data on each backend, loaded once and reloaded only when another test changed the
    graph (Neo4j's one database is shared with every other test). Only read it: a test that writes loads the
    samples into ``graph``."""
    kind = request.param
    graph = await open_backend(kind, neo4j_server, embedded_dir, "samples")
    found = (await graph.read(SIGNATURE))[0]
    if found != _samples_signature.get(kind):
        await graph.clear()
        await load_samples(graph)
        _samples_signature[kind] = (await graph.read(SIGNATURE))[0]
    return graph
