"""``kill -9`` at four points of a load, on both backends: the graph is either as before the run, or has the
run's data with its derivation owed, and the next ``ogp load`` (or ``ogp serve``) completes the derivation.

Finding 1 of the reliability issue: a kill during the similarity step left ``similar`` empty for good.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest

from graph.backend import Graph, open_graph
from graph.config import Settings
from tests.helpers import BACKENDS, Neo4jServer
from tests.reliability.processes import ROOT, ApiServer, child_env, embedded_server_pid, kill_hard, ogp
from tests.reliability.stop_at import BEFORE_DERIVATION, POINTS

pytestmark = pytest.mark.slow

SAMPLES = str(ROOT / "samples")
STATE = (
    "MATCH (c:Commitment) WITH count(c) AS commitments "
    "OPTIONAL MATCH (:Commitment)-[s:SIMILAR_TO]->(:Commitment) WITH commitments, count(s) AS similar "
    "OPTIONAL MATCH (:Commitment)-[n:CONTINUES]->(:Commitment) WITH commitments, similar, count(n) AS continues "
    "OPTIONAL MATCH (o:DerivationOwed) RETURN commitments, similar, continues, count(o) AS owed"
)


@dataclass
class Target:
    """Where the child processes load: a graph URL, and how to clean up after a killed one."""

    kind: str
    url: str
    db: Path | None = None  # the embedded file, when there is one

    async def state(self) -> dict[str, Any]:
        """Counts of commitments, derived links and owed markers, read through a fresh connection (on the
        embedded backend, opening is what restores an interrupted transaction's snapshot)."""
        graph = await open_graph(Settings(graph_url=self.url))
        async with graph.session():
            return (await graph.read(STATE))[0]

    def stop_embedded_server(self) -> None:
        """Stop a redis-server a killed process left behind (once the watchdog exists it is gone already)."""
        if self.db is not None and (pid := embedded_server_pid(self.db)) is not None:
            psutil.Process(pid).terminate()


@pytest.fixture(params=BACKENDS)
async def target(
    request: pytest.FixtureRequest,
    neo4j_server: Neo4jServer,
    open_graph: Callable[[str, str], Awaitable[Graph]],
    tmp_path: Path,
) -> AsyncIterator[Target]:
    if request.param == "falkordb":
        db = tmp_path / "g.db"
        found = Target("falkordb", f"falkordb-lite://{db}", db)
        yield found
        found.stop_embedded_server()
        return
    graph = await open_graph("neo4j", "interrupted")
    await graph.clear()
    assert neo4j_server.url is not None
    yield Target("neo4j", neo4j_server.url)
    await graph.clear()


@pytest.fixture(scope="session")
def complete() -> dict[str, int]:
    """What a clean load of the samples derives (the same on both backends: the derivation is in Python)."""
    return {}


async def _reference(target: Target, complete: dict[str, int]) -> dict[str, Any]:
    if not complete:
        done = ogp(["load", SAMPLES], target.url)
        assert done.returncode == 0, done.stderr[-2000:]
        complete.update(await target.state())
        assert complete["similar"] > 1000 and complete["continues"] > 0 and complete["owed"] == 0, complete
        await _clear(target)
    return complete


async def _clear(target: Target) -> None:
    graph = await open_graph(Settings(graph_url=target.url))
    async with graph.session():
        await graph.clear()


def _load_until(point: str, target: Target) -> None:
    """``ogp load samples/`` stopped at ``point``, then killed with SIGKILL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.stop_at", point, "load", SAMPLES],
        cwd=ROOT,
        env=child_env(target.url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    child = psutil.Process(process.pid)
    while child.status() != psutil.STATUS_STOPPED:
        try:
            child.wait(timeout=0.05)
        except psutil.TimeoutExpired:
            continue
        assert process.stderr is not None
        raise AssertionError(f"the load ended ({process.returncode}) before {point}:\n{process.stderr.read()[-2000:]}")
    kill_hard(process)


@pytest.mark.parametrize("point", POINTS)
async def test_a_load_killed_at_any_point_is_completed_by_the_next_load(
    target: Target, point: str, complete: dict[str, int]
) -> None:
    reference = await _reference(target, complete)
    _load_until(point, target)
    after_kill = await target.state()
    if point == "main-write":
        assert after_kill == {"commitments": 0, "similar": 0, "continues": 0, "owed": 0}  # as before the run
    else:
        assert after_kill["commitments"] == reference["commitments"] and after_kill["owed"] == 1, after_kill
    again = ogp(["load", SAMPLES], target.url)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "derived: SIMILAR_TO" in again.stdout, again.stdout
    assert await target.state() == reference


async def test_serve_completes_an_owed_derivation(target: Target, complete: dict[str, int], tmp_path: Path) -> None:
    reference = await _reference(target, complete)
    _load_until(BEFORE_DERIVATION, target)
    assert (await target.state())["similar"] == 0
    target.stop_embedded_server()
    server = ApiServer(target.url, tmp_path / "serve.log", through_ogp_serve=True)
    try:
        status, health = server.get("/healthz")
        assert status == 200 and "derivedLinks" not in health, health
    finally:
        server.stop()
    assert await target.state() == reference
