"""``ogp load`` failing: one clear paragraph (what failed, the graph's state, what to do), no traceback unless
``--verbose``. Finding 6 of the reliability issue: the database dying mid-run printed a 576-line traceback.

The database is killed while the load is stopped at a chosen point (``stop_at``), then the load goes on.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from tests.reliability.processes import ROOT, child_env, embedded_server_pid, wait_until_gone
from tests.reliability.stop_at import BEFORE_DERIVATION

pytestmark = pytest.mark.slow

SAMPLES = str(ROOT / "samples")


def _load_losing_the_database(point: str, db: Path, verbose: bool = False) -> subprocess.CompletedProcess[str]:
    """``ogp load samples/`` stopped at ``point``; the embedded redis-server killed; the load resumed."""
    args = [sys.executable, "-m", "tests.reliability.stop_at", point, *(["-v"] if verbose else []), "load", SAMPLES]
    env = child_env(f"falkordb-lite://{db}")
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    child = psutil.Process(process.pid)
    while child.status() != psutil.STATUS_STOPPED:
        assert process.poll() is None, process.communicate()
    redis = embedded_server_pid(db)
    assert redis is not None
    psutil.Process(redis).send_signal(signal.SIGKILL)
    assert wait_until_gone(redis)
    child.send_signal(signal.SIGCONT)
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(args, process.returncode, out, err)


def test_the_database_dying_during_the_write_is_one_paragraph(tmp_path: Path) -> None:
    result = _load_losing_the_database("main-write", tmp_path / "g.db")
    assert result.returncode == 1
    message = result.stderr.strip()
    assert "Traceback" not in message and len(message.splitlines()) <= 3, message
    assert message.startswith("ogp load failed: the database (falkordb-lite://"), message
    assert "stopped answering while writing the files to the graph" in message
    assert "The graph is as it was before this run" in message
    assert "run the same command again" in message


def test_the_database_dying_before_the_derivation_says_the_files_are_in(tmp_path: Path) -> None:
    result = _load_losing_the_database(BEFORE_DERIVATION, tmp_path / "g.db")
    assert result.returncode == 1
    message = result.stderr.strip()
    assert "Traceback" not in message and len(message.splitlines()) <= 3, message
    assert "while computing the derived links" in message
    assert "The files were loaded and are in the graph" in message and "owed" in message
    assert "`ogp serve`" in message


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    result = _load_losing_the_database("main-write", tmp_path / "g.db", verbose=True)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "ogp load failed: the database" in result.stderr
