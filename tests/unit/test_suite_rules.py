"""Rules the test suite keeps: helpers come from fixtures or tests/helpers.py, and no test reads a clock."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts)
# A clock in a test is a threshold waiting to flake on a loaded machine: wait for events, count, or benchmark.
CLOCK = re.compile(r"\b(time\.sleep|asyncio\.sleep|time\.monotonic|time\.perf_counter|time\.time)\(")
# Known offenders, each with the change that removes it (this test fails once one no longer offends).
KNOWN_CLOCKS = {
    "reliability/processes.py": "polls a server process's health and exit; to wait on its output line and a pidfd",
    "reliability/test_database_loss.py": "times the outage and polls for recovery; to count requests instead",
    "reliability/test_soak.py": "a soak runs for a fixed time by design (make test only, not make check)",
}


def _imported_modules(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("tests."):
            names.append(node.value.split(":")[0])  # e.g. a uvicorn --factory target
    return names


def test_no_test_imports_another_test_module_or_the_conftest() -> None:
    found = [
        f"{path.relative_to(TESTS)} imports {name}"
        for path in SOURCES
        for name in _imported_modules(path)
        if name.startswith("tests.") and (name.endswith("conftest") or name.rsplit(".", 1)[-1].startswith("test_"))
    ]
    assert found == []


def test_no_test_reads_a_clock_or_sleeps() -> None:
    offending = {
        str(p.relative_to(TESTS)) for p in SOURCES if CLOCK.search(p.read_text()) and p.name != Path(__file__).name
    }
    assert offending - set(KNOWN_CLOCKS) == set(), "wait for an event or count instead; speed is the benchmark's"
    assert set(KNOWN_CLOCKS) - offending == set(), "fixed: remove it from KNOWN_CLOCKS"
