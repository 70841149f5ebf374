"""First paint and bytes of every explorer view on the real data, in Chromium: ``python -m bench.explorer_paint``.

Loads the real shared OGP files (and the project's coalition file) into a temporary embedded graph, serves it
with ``ogp serve`` in its own process on a free loopback port, warms every view twice, then opens each view
``N`` times in a fresh browser context (nothing cached: a first-time reader) and reports the medians of
Chromium's own paint timing (``first-contentful-paint``) and of the server's answer (``responseEnd``), with
the bytes transferred (the page, gzipped, plus its scripts) and the page's size unpacked. The first row, a
404 page that reads no data, is the floor this machine and browser set (timings on a shared machine are
noisy: compare rows of one run). Needs Debian's chromium.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from graph.config import PROJECT_ROOT
from graph.falkordb_backend import FalkorGraph

N = 7
SHARED = PROJECT_ROOT.parent / "shared" / "data" / "ogp"
FILES = (
    "ogp_members_seed.csv",
    "ogp_local_members_partial.csv",
    "ogp_participation_country_year_2011_2019.csv",
    "ogp_participating_countries_status_2016_okfde.csv",
    "irm_process_database_2016_vizzuality.csv",
    "commitments_open_parliament_g0v.csv",
    "openownership_bo_commitments_by_country.csv",
    "openownership_bo_registers.csv",
)
VIEWS = {
    "/no-such-page": "floor: 404, no data",
    "/": "home",
    "/search?q=beneficial+ownership": "search",
    "/search?q=open+contracting&region=europe&outcome=substantial": "search, filtered",
    "/commitments/AL0066": "commitment",
    "/draft?text=A+public+register+of+the+beneficial+owners+of+companies+bidding+for+contracts": "draft",
    "/members/albania": "member",
    "/members": "members",
    "/policy-areas": "policy areas",
    "/policy-areas/beneficial-ownership": "policy area",
    "/coalitions": "coalitions",
    "/coalitions/beneficial-ownership-leadership-group": "coalition (+ network)",
    "/organizations/ukr-ministry-of-justice": "organisation",
    "/connections?from=Kenya&to=Indonesia": "connections",
}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMING = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
  const resources = performance.getEntriesByType('resource');
  return {
    fcp: paint['first-contentful-paint'], fp: paint['first-paint'], response: nav.responseEnd,
    page: nav.transferSize, decoded: nav.decodedBodySize,
    assets: resources.reduce((sum, r) => sum + r.transferSize, 0),
  };
}"""


async def measure(url: str, browser: Any) -> dict[str, float]:
    """One visit in a fresh context (empty cache); waits for the load event, then reads the timing entries."""
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(url, wait_until="load")
    await page.wait_for_function("performance.getEntriesByType('paint').length > 0")
    found: dict[str, float] = await page.evaluate(TIMING)
    await context.close()
    return found


async def main() -> int:
    from playwright.async_api import async_playwright

    from loaders.run import run_load

    chromium = shutil.which("chromium")
    missing = [name for name in FILES if not (SHARED / name).exists()]
    if chromium is None or missing:
        print(f"needs chromium and the real data in {SHARED} (missing: {missing or 'chromium'})", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp(prefix="ogp-paint-"))
    graph = await FalkorGraph.open(folder / "paint.db", "ogp", 60_000)
    try:
        await run_load(graph, [*(SHARED / name for name in FILES), PROJECT_ROOT / "samples" / "coalitions.yaml"])
    finally:
        await graph.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    environment = {**os.environ, "OGP_GRAPH_URL": f"falkordb-lite://{folder / 'paint.db'}"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "ogp"), "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(600):
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(base + "/healthz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for path in VIEWS:  # warm: the server's caches and the draft index, as on a running server
                for _ in range(2):
                    await measure(base + path, browser)
            print(f"{'view':24} {'first paint':>12} {'server':>8} {'page':>9} {'+assets':>9} {'unpacked':>9}")
            worst = 0.0
            for path, name in VIEWS.items():
                runs = [await measure(base + path, browser) for _ in range(N)]
                fcp = statistics.median(r["fcp"] for r in runs)
                worst = max(worst, fcp)
                response = statistics.median(r["response"] for r in runs)
                page, assets, decoded = (
                    int(statistics.median(r[k] for r in runs)) for k in ("page", "assets", "decoded")
                )
                print(
                    f"{name:24} {fcp:9.0f} ms {response:5.0f} ms {page / 1024:6.1f} kB {assets / 1024:6.1f} kB "
                    f"{decoded / 1024:6.1f} kB"
                )
            await browser.close()
        print(
            f"\nslowest first contentful paint: {worst:.0f} ms (median of {N} cold-cache visits per view, warm server)"
        )
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
