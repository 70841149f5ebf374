"""Shared fixtures: a real graph on each backend (embedded FalkorDB always, Neo4j when reachable).

The Neo4j leg uses ``NEO4J_URI`` when set; otherwise it starts Neo4j 5.26 through
``neo4j-launcher/run.sh`` (Java + Maven) once per test run. Where neither is possible the Neo4j
leg skips with the reason. ``graph`` is an empty graph on each backend; ``samples`` the project's
sample data on each backend, loaded once per session and only read; ``open_graph`` opens a named
graph for a module-scoped fixture. Helpers other than fixtures are in ``tests/helpers.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from graph.backend import Graph
from graph.config import PROJECT_ROOT
from graph.falkordb_backend import FalkorGraph
from graph.neo4j_backend import Neo4jGraph
from tests.helpers import BACKENDS, load_samples

LAUNCHER = PROJECT_ROOT / "neo4j-launcher" / "run.sh"
# Generous: tests read whole real graphs (every SIMILAR_TO edge) on a machine other test runs share.
QUERY_TIMEOUT_MS = 60_000


def pytest_report_header() -> str:
    return "graph tests on: " + ", ".join(BACKENDS) + ("" if "neo4j" in BACKENDS else " (OGP_SKIP_NEO4J is set)")


class Neo4jServer:
    """A Neo4j reachable for the test run (started here, or given by NEO4J_URI)."""

    def __init__(self) -> None:
        self.url: str | None = os.environ.get("NEO4J_URI")
        self.reason = ""
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        if self.url or self.reason:
            return
        if os.environ.get("OGP_SKIP_NEO4J"):
            self.reason = "OGP_SKIP_NEO4J is set"
            return
        missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
        if missing:
            self.reason = f"no Neo4j: NEO4J_URI is unset and {' and '.join(missing)} not found to start one"
            return
        self._process = subprocess.Popen(
            [str(LAUNCHER), "--port", "0", "--wait-stdin"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,
            text=True,
        )
        assert self._process.stdout is not None
        for line in self._process.stdout:
            if line.startswith("NEO4J_READY "):
                self.url = line.split()[1]
                return
        self.reason = f"the Neo4j launcher exited ({self._process.wait()}) without printing NEO4J_READY"

    def stop(self) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                self._process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._process.kill()


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
# What the single Neo4j database holds now ("samples" when the shared sample graph is loaded), so the
# read-only ``samples`` fixture reloads only after another test changed it. FalkorDB has one graph per name.
_neo4j_holds: dict[str, str | None] = {"content": None}


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
    if request.param == "neo4j":
        _neo4j_holds["content"] = None
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
        if kind == "neo4j":
            _neo4j_holds["content"] = name
        return await open_backend(kind, neo4j_server, embedded_dir, name)

    return opened


@pytest.fixture(params=BACKENDS)
async def samples(request: pytest.FixtureRequest, neo4j_server: Neo4jServer, embedded_dir: Path) -> Graph:
    """The project's sample data on each backend, loaded once per session (again on Neo4j after another test
    changed its one database). Only read it: a test that writes loads the samples into ``graph``."""
    if request.param == "falkordb":
        graph = await open_backend("falkordb", neo4j_server, embedded_dir, "samples")
        if not await graph.read("MATCH (c:Commitment) RETURN c.id AS id LIMIT 1"):
            await load_samples(graph)
        return graph
    graph = await open_backend("neo4j", neo4j_server, embedded_dir)
    if _neo4j_holds["content"] != "samples":
        await graph.clear()
        await load_samples(graph)
        _neo4j_holds["content"] = "samples"
    return graph
