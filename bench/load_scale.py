"""Load time and peak memory of ``ogp load`` at each scale, on each backend (``make bench``'s first part).

Each load starts from an empty graph (a new embedded file, or a cleared Neo4j) and runs ``ogp load`` on
the scale's folder (``bench/scale_corpus.py``) plus the project's coalition sample, in its own process,
as a user would. Peak memory is the resident memory of the loader and its children (the embedded
redis-server is one) and, on Neo4j, of the database's JVM, sampled every 0.1 s, and the largest
transaction Neo4j reports (``SHOW TRANSACTIONS``, every 0.5 s) against its 256 MiB transaction limit.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j

from bench.processes import OGP, PeakMemory, ogp_env
from graph.config import PROJECT_ROOT

COALITIONS = PROJECT_ROOT / "samples" / "coalitions.yaml"


@dataclass(frozen=True)
class LoadResult:
    """One load: how long, how much memory (loader + its children, and the database server if separate)."""

    backend: str
    scale: int
    seconds: float
    loader_peak: int
    server_peak: int | None
    ok: bool
    message: str
    largest_transaction: int | None = None  # bytes, Neo4j only

    @property
    def peak_mib(self) -> float:
        """The loader's peak in MiB (the embedded database included, since it is the loader's child)."""
        return self.loader_peak / 2**20


class LargestTransaction:
    """Polls Neo4j's ``SHOW TRANSACTIONS`` for the largest ``estimatedUsedHeapMemory`` until stopped."""

    def __init__(self, url: str) -> None:
        self.url, self.peak = url, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with neo4j.GraphDatabase.driver(self.url) as driver:
            while not self._stop.wait(0.5):
                try:
                    records, _, _ = driver.execute_query(
                        "SHOW TRANSACTIONS YIELD estimatedUsedHeapMemory AS used RETURN max(used) AS used"
                    )
                    self.peak = max(self.peak, int(records[0]["used"] or 0))
                except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError):
                    continue

    def __enter__(self) -> LargestTransaction:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def embedded_url(folder: Path, scale: int) -> str:
    """A fresh embedded graph file for one scale."""
    return f"falkordb-lite://{folder / f'bench-{scale}x.db'}"


def clear(graph_url: str) -> None:
    """Empty the graph (``ogp reset --yes``)."""
    subprocess.run([OGP, "reset", "--yes"], env=ogp_env(graph_url), check=True, capture_output=True)


def run_load(backend: str, scale: int, graph_url: str, folder: Path, server_pid: int | None = None) -> LoadResult:
    """``ogp load FOLDER samples/coalitions.yaml`` into ``graph_url``, timed and sampled."""
    log = Path(tempfile.mkstemp(prefix=f"ogp-bench-load-{backend}-{scale}x-", suffix=".log")[1])
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [OGP, "load", str(folder), str(COALITIONS)], env=ogp_env(graph_url), stdout=out, stderr=subprocess.STDOUT
        )
        server = PeakMemory(server_pid) if server_pid is not None else None
        transactions = LargestTransaction(graph_url) if backend == "neo4j" else None
        with PeakMemory(process.pid) as loader:
            for watcher in (server, transactions):
                if watcher is not None:
                    watcher.__enter__()
            try:
                code = process.wait()
            finally:
                for watcher in (server, transactions):
                    if watcher is not None:
                        watcher.__exit__(None, None, None)
    seconds = time.perf_counter() - started
    text = log.read_text(errors="replace")
    message = "ok" if code == 0 else (text.strip().splitlines() or ["(no output)"])[-1][:300]
    return LoadResult(
        backend,
        scale,
        seconds,
        loader.peak,
        server.peak if server is not None else None,
        code == 0,
        message,
        transactions.peak if transactions is not None else None,
    )
