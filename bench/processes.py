"""The real processes a benchmark drives: a throwaway Neo4j, ``ogp load`` and ``ogp serve``, and their memory.

Benchmarks run the project as a user does (the ``ogp`` command in its own process, a real Neo4j started
by ``neo4j-launcher/run.sh``), so what they time includes everything a user waits for.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

from graph.config import PROJECT_ROOT

OGP = str(Path(sys.executable).with_name("ogp"))
LAUNCHER = PROJECT_ROOT / "neo4j-launcher" / "run.sh"
SAMPLE_SECONDS = 0.1


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PeakMemory:
    """Samples the resident memory of a process and its descendants until stopped; ``peak`` in bytes."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        try:
            root = psutil.Process(self.pid)
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Neo4jServer:
    """A Neo4j started for one benchmark, in a throwaway data folder."""

    url: str
    process: subprocess.Popen[str]
    folder: Path

    @property
    def pid(self) -> int:
        """The JVM's process id (for its memory)."""
        return self.process.pid


@contextmanager
def neo4j_server() -> Iterator[Neo4jServer]:
    """Start Neo4j 5.26 through the launcher (its settings: 256 MiB per transaction) and stop it after."""
    if shutil.which("java") is None or shutil.which("mvn") is None:
        raise RuntimeError("java and mvn are needed to start Neo4j (or leave out the neo4j backend: --backends)")
    folder = Path(tempfile.mkdtemp(prefix="ogp-bench-neo4j-"))
    process = subprocess.Popen(
        [str(LAUNCHER), "--port", "0", "--data", str(folder / "data"), "--wait-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    url = next((line.split()[1] for line in process.stdout if line.startswith("NEO4J_READY ")), None)
    if url is None:
        raise RuntimeError(f"the Neo4j launcher exited ({process.wait()}) without printing NEO4J_READY")
    try:
        yield Neo4jServer(url, process, folder)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(folder, ignore_errors=True)


def ogp_env(graph_url: str, **settings: str) -> dict[str, str]:
    """The environment of an ``ogp`` process on ``graph_url`` (production settings unless overridden)."""
    env = dict(os.environ)
    env.update({"OGP_GRAPH_URL": graph_url, "OGP_ENVIRONMENT": "production", "OGP_QUERY_TIMEOUT_MS": "60000"})
    env.update({f"OGP_{k.upper()}": v for k, v in settings.items()})
    return env


@dataclass
class Served:
    """An ``ogp serve`` process and where it listens."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def base(self) -> str:
        """Its base URL."""
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def ogp_serve(env: Mapping[str, str], workers: int = 1, log: Path | None = None) -> Iterator[Served]:
    """``ogp serve`` on a free port, ready (its ``/healthz`` answers 200) when the block starts."""
    port = free_port()
    command = [OGP, "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    out = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, env=dict(env), stdout=out, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
    try:
        _wait_healthy(process, port)
        yield Served(process, port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def _wait_healthy(process: subprocess.Popen[bytes], port: int, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"ogp serve exited with {process.returncode} before it was ready")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"ogp serve was not ready within {seconds:.0f}s")
