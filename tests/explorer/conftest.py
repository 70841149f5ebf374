"""Fixtures of the explorer's tests: a loaded graph per backend (samples, real data) and one headless Chromium
(Debian's, driven by Playwright; nothing is downloaded). The app and server helpers are in tests/helpers.py.

Screenshots go to ``var/screenshots/`` (not committed): look at them after a run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from graph.backend import Graph
from loaders.run import run_load
from tests.helpers import BACKENDS, CHROMIUM, CHROMIUM_ARGS, EXPLORER_REAL_FILES, SAMPLES, SHARED_DATA


@pytest.fixture(scope="module", params=BACKENDS)
async def samples(
    request: pytest.FixtureRequest, open_graph: Callable[[str, str], Awaitable[Graph]]
) -> AsyncIterator[Graph]:
    """The project's sample data, loaded once per module and backend (the explorer's pages keep a module's app)."""
    graph = await open_graph(request.param, "explorer")
    await graph.clear()
    await run_load(graph, [SAMPLES])
    yield graph
    await graph.clear()


@pytest.fixture(scope="module", params=BACKENDS)
async def real(
    request: pytest.FixtureRequest, open_graph: Callable[[str, str], Awaitable[Graph]]
) -> AsyncIterator[Graph]:
    """The real shared OGP data, loaded once per module and backend (skips when the files are absent)."""
    missing = [name for name in EXPLORER_REAL_FILES if not (SHARED_DATA / name).exists()]
    if missing:
        pytest.skip(f"real OGP data not found in {SHARED_DATA} ({', '.join(missing)})")
    graph = await open_graph(request.param, "explorer-real")
    await graph.clear()
    await run_load(graph, [*(SHARED_DATA / name for name in EXPLORER_REAL_FILES), SAMPLES / "coalitions.yaml"])
    yield graph
    await graph.clear()


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
