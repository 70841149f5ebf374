"""Fixtures of the explorer's tests: a loaded graph per backend, the app over it (in-process and on a loopback
port), and one headless Chromium (Debian's, driven by Playwright; nothing is downloaded).

Screenshots go to ``var/screenshots/`` (not committed): look at them after a run.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app
from graph.backend import Graph
from graph.config import PROJECT_ROOT, Settings
from loaders.run import run_load
from tests.conftest import BACKENDS, SHARED_DATA, Neo4jServer, open_backend

SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SAMPLES = PROJECT_ROOT / "samples"
# The real shared files the explorer shows (the 2015 combined database is not a supported layout yet),
# plus the project's Beneficial Ownership Leadership Group coalition file.
REAL_FILES = (
    "ogp_members_seed.csv",
    "ogp_local_members_partial.csv",
    "ogp_participation_country_year_2011_2019.csv",
    "ogp_participating_countries_status_2016_okfde.csv",
    "irm_process_database_2016_vizzuality.csv",
    "commitments_open_parliament_g0v.csv",
    "openownership_bo_commitments_by_country.csv",
    "openownership_bo_registers.csv",
)


def app_over(graph: Graph) -> FastAPI:
    """The real app (project schema, explorer mounted) over an already-open graph."""
    return create_app(Settings(), graph=graph)


def client_for(app: FastAPI) -> httpx.AsyncClient:
    """An in-process HTTP client that asks for pages as a browser does."""
    headers = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8", "accept-language": "en"}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://test", headers=headers)


@pytest.fixture(scope="module", params=BACKENDS)
async def samples(
    request: pytest.FixtureRequest, neo4j_server: Neo4jServer, embedded_dir: Path
) -> AsyncIterator[Graph]:
    """The project's sample data, loaded once per module and backend."""
    graph = await open_backend(request.param, neo4j_server, embedded_dir, name="explorer")
    await graph.clear()
    await run_load(graph, [SAMPLES])
    yield graph
    await graph.clear()


@pytest.fixture(scope="module", params=BACKENDS)
async def real(request: pytest.FixtureRequest, neo4j_server: Neo4jServer, embedded_dir: Path) -> AsyncIterator[Graph]:
    """The real shared OGP data, loaded once per module and backend (skips when the files are absent)."""
    missing = [name for name in REAL_FILES if not (SHARED_DATA / name).exists()]
    if missing:
        pytest.skip(f"real OGP data not found in {SHARED_DATA} ({', '.join(missing)})")
    graph = await open_backend(request.param, neo4j_server, embedded_dir, name="explorer-real")
    await graph.clear()
    await run_load(graph, [*(SHARED_DATA / name for name in REAL_FILES), SAMPLES / "coalitions.yaml"])
    yield graph
    await graph.clear()


class LiveServer:
    """The app served by uvicorn on a free loopback port, in the tests' event loop."""

    def __init__(self, app: FastAPI) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> LiveServer:
        self.task = asyncio.create_task(self.server.serve(sockets=[self.socket]))
        while not self.server.started:
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await self.task
        self.socket.close()


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[object]:
    """One headless Chromium for the session (Debian's package: `apt-get install chromium`)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("no chromium: install Debian's package (`apt-get install -y chromium`, as .ci/run does)")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


def screenshot_path(name: str) -> Path:
    """Where a test saves its screenshot (var/screenshots/<name>.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
