"""A soak: every example query of the GraphiQL page, mixed, from 16 connections for a few minutes against a
running server on each backend: no errors, and the server's memory (API process and embedded database)
flat after warm-up. ``OGP_SOAK_SECONDS`` sets the duration (default 120 s per backend).
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from api.app import load_examples
from tests.helpers import BACKENDS, Neo4jServer
from tests.reliability.processes import ROOT, ApiServer, embedded_server_pid, ogp

pytestmark = pytest.mark.slow

CONNECTIONS = 16
SECONDS = float(os.environ.get("OGP_SOAK_SECONDS", "120"))
WARM_UP_SHARE = 0.25  # memory is measured from here on: caches, indexes and pools are built by then
GROWTH_MB = 40  # allowed growth of resident memory after warm-up (the text index rebuilds, allocator noise)


@pytest.fixture(scope="module", params=BACKENDS)
def soaked(
    request: pytest.FixtureRequest, neo4j_server: Neo4jServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ApiServer, Path | None]]:
    folder = tmp_path_factory.mktemp(f"soak-{request.param}")
    db: Path | None = None
    if request.param == "falkordb":
        db = folder / "g.db"
        url = f"falkordb-lite://{db}"
    else:
        neo4j_server.start()
        if not neo4j_server.url:
            pytest.skip(neo4j_server.reason)
        url = neo4j_server.url
        assert ogp(["reset", "--yes"], url).returncode == 0
    loaded = ogp(["load", str(ROOT / "samples")], url)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    server = ApiServer(url, folder / "server.log", environment="production")
    yield server, db
    server.stop()
    if request.param == "neo4j":
        ogp(["reset", "--yes"], url)


def _resident_mb(pids: list[int]) -> float:
    return sum(psutil.Process(pid).memory_info().rss for pid in pids) / 2**20


async def _soak(server: ApiServer, pids: list[int]) -> tuple[Counter[str], list[tuple[float, float]]]:
    examples = [{"query": e["query"], "variables": json.loads(e["variables"])} for e in load_examples()]
    outcomes: Counter[str] = Counter()
    memory: list[tuple[float, float]] = []
    started = time.monotonic()
    deadline = started + SECONDS

    async def worker(index: int, client: httpx.AsyncClient) -> None:
        turn = index
        while time.monotonic() < deadline:
            body = examples[turn % len(examples)]
            turn += 1
            response = await client.post("/graphql", json=body)
            payload: dict[str, Any] = response.json()
            ok = response.status_code == 200 and not payload.get("errors")
            outcomes["ok" if ok else f"{response.status_code}: {json.dumps(payload)[:200]}"] += 1

    async def sampler() -> None:
        while time.monotonic() < deadline:
            memory.append((time.monotonic() - started, _resident_mb(pids)))
            await asyncio.sleep(1)

    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as client:
        await asyncio.gather(sampler(), *(worker(i, client) for i in range(CONNECTIONS)))
    return outcomes, memory


def test_sixteen_connections_for_minutes_no_errors_flat_memory(soaked: tuple[ApiServer, Path | None]) -> None:
    server, db = soaked
    pids = [server.process.pid]
    if db is not None and (redis := embedded_server_pid(db)) is not None:
        pids.append(redis)
    outcomes, memory = asyncio.run(_soak(server, pids))
    warm = [mb for at, mb in memory if at >= SECONDS * WARM_UP_SHARE]
    requests = sum(outcomes.values())
    print(
        f"soak {SECONDS:.0f}s x {CONNECTIONS} connections: {requests} requests ({requests / SECONDS:.0f}/s), "
        f"{dict(outcomes)}; resident MB after warm-up {warm[0]:.0f} -> {warm[-1]:.0f} (max {max(warm):.0f})"
    )
    assert set(outcomes) == {"ok"}, dict(outcomes)
    assert requests > CONNECTIONS * 10
    assert max(warm) - warm[0] < GROWTH_MB, memory
