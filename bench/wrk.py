"""``wrk`` (Debian's HTTP load generator, a C program with negligible overhead) driving GraphQL POSTs.

Each run gets a Lua script that cycles through a list of request bodies (every request asks something
else, so no cache of one answer stands in for the work), counts non-200 answers and GraphQL errors, and
prints one machine-readable line with the latency percentiles (microseconds) and counts.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = %(bodies)s
local index = 0
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  failures = 0
  first_failure = ""
end
function request()
  index = index + 1
  return wrk.format(nil, "%(path)s", nil, bodies[(index %% #bodies) + 1])
end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors":', 1, true) then
    failures = failures + 1
    if first_failure == "" then first_failure = string.sub(body, 1, 300) end
  end
end
function done(summary, latency, requests)
  local failed = 0
  local sample = ""
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    if sample == "" then sample = thread:get("first_failure") end
  end
  io.write(string.format("OGP-WRK p50=%%d p90=%%d p99=%%d max=%%d requests=%%d seconds=%%f errors=%%d socket=%%d\\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, summary.requests,
    summary.duration / 1e6, failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout))
  if sample ~= "" then io.write("OGP-WRK-FAILURE " .. sample .. "\\n") end
end
"""
_LINE = re.compile(r"OGP-WRK (.*)")


@dataclass(frozen=True)
class WrkResult:
    """Latency percentiles (ms) and counts of one wrk run."""

    p50: float
    p90: float
    p99: float
    requests: int
    seconds: float
    errors: int
    failure: str = ""

    @property
    def rate(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_wrk() -> str:
    """The wrk binary (install Debian's package with ``apt-get install -y wrk`` when it is missing)."""
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("bench: wrk is not installed; run `apt-get install -y wrk` (Debian) and try again")
    return found


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def script(bodies: Sequence[dict[str, Any]], path: str = "/graphql") -> Path:
    """A Lua script file cycling through ``bodies`` (JSON request bodies)."""
    lua_bodies = "{" + ",".join(_lua_string(json.dumps(b, separators=(",", ":"))) for b in bodies) + "}"
    handle, name = tempfile.mkstemp(prefix="ogp-wrk-", suffix=".lua")
    with open(handle, "w", encoding="utf-8") as out:
        out.write(_SCRIPT % {"bodies": lua_bodies, "path": path})
    return Path(name)


def run(base: str, lua: Path, *, connections: int = 1, threads: int = 1, seconds: float = 3.0) -> WrkResult:
    """``wrk`` against ``base`` with the script for ``seconds``; raises when wrk fails or prints no result."""
    command = [
        ensure_wrk(),
        f"-c{connections}",
        f"-t{threads}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        str(lua),
        base,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    match = _LINE.search(completed.stdout)
    if completed.returncode != 0 or match is None:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr or completed.stdout}")
    values = dict(part.split("=", 1) for part in match.group(1).split())
    failure = next((line[16:] for line in completed.stdout.splitlines() if line.startswith("OGP-WRK-FAILURE ")), "")
    return WrkResult(
        p50=int(values["p50"]) / 1000,
        p90=int(values["p90"]) / 1000,
        p99=int(values["p99"]) / 1000,
        requests=int(values["requests"]),
        seconds=float(values["seconds"]),
        errors=int(values["errors"]) + int(values["socket"]),
        failure=failure,
    )
