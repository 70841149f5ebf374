"""A corpus of hostile files: each is refused (or loaded) with a clear message naming the file and the problem,
never a traceback, and a load's memory follows its batch, not its file.

Findings 2 and 7 of the reliability issue: a YAML alias bomb grew ``ogp load`` to 8 GB; a 50 MB invalid CSV
under a valid header peaked at 1.07 GB; a cut-off commitments file was reported as an empty field.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.processes import ROOT, ogp, ogp_with_peak_memory

SAMPLE = (ROOT / "samples" / "commitments.csv").read_text(encoding="utf-8")
HEADER, FIRST_ROW = SAMPLE.splitlines()[0], SAMPLE.splitlines()[1]
MEMORY_HEADROOM_KB = 120 * 1024  # over a small valid load's own peak: a 50 MB file must not cost its size


def _bomb(levels: int = 9) -> str:
    """A coalition file whose description is nine nested anchors of nine aliases each (9**9 values)."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\ncoalition:\n  id: bomb\n  name: Bomb\n  description: *a{levels - 1}\n"


def _row_with(column: str, value: str) -> str:
    header = next(csv.reader([HEADER]))
    cells = next(csv.reader([FIRST_ROW]))
    cells[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue()


# name -> (file name, bytes, what the message must say)
CORPUS: dict[str, tuple[str, Callable[[], bytes], tuple[str, ...]]] = {
    "yaml alias bomb": ("bomb.yaml", lambda: _bomb().encode(), ("expands to more than", "aliases")),
    "yaml nested 5,000 deep": (
        "deep.yaml",
        lambda: ("coalition:\n  id: deep\n  name: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        ("nested more than",),
    ),
    "csv cut off mid-row": ("cut.csv", lambda: SAMPLE.encode()[: len(SAMPLE) * 6 // 10], ("cut off", "interrupted")),
    "csv cut off in a quote": (
        "cut_quote.csv",
        lambda: (HEADER + "\n" + FIRST_ROW[:60] + ',"an unterminated quote').encode(),
        ("cut off",),
    ),
    "csv cell of 2 MB": (
        "huge_cell.csv",
        lambda: (HEADER + "\n" + _row_with("Commitment Title", "x" * 2_000_000)).encode(),
        ("longer than 1000000 characters",),
    ),
    "csv member name of 300,000 characters": (
        "huge_name.csv",
        lambda: (HEADER + "\n" + _row_with("Country/Locality", "x" * 300_000)).encode(),
        ("at most 1000 characters",),
    ),
    "utf-16 csv": ("utf16.csv", lambda: SAMPLE.encode("utf-16"), ("UTF-16", "UTF-8")),
    "latin-1 csv": (
        "latin1.csv",
        lambda: (HEADER + "\n" + _row_with("Commitment Title", "Réforme")).encode("latin-1"),
        ("not valid UTF-8", "line 2"),
    ),
    "binary file named .csv": ("image.csv", lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(4000), ("not a text file",)),
    "empty file": ("empty.csv", lambda: b"", ("empty",)),
    "header only": ("header.csv", lambda: (HEADER + "\n").encode(), ("no data rows",)),
}  # fmt: skip


@pytest.mark.parametrize("name", CORPUS)
def test_a_hostile_file_gets_a_clear_message(name: str, tmp_path: Path) -> None:
    file_name, content, words = CORPUS[name]
    path = tmp_path / file_name
    path.write_bytes(content())
    source = ["--source", "coalition-file"] if file_name.endswith(".yaml") else []
    result, peak_kb = ogp_with_peak_memory(["load", *source, str(path)], f"falkordb-lite://{tmp_path}/g.db")
    message = result.stderr
    assert result.returncode in (1, 2), message[-2000:]
    assert "Traceback" not in message and "unexpected error" not in message, message[-3000:]
    assert file_name in message, message[-2000:]
    for word in words:
        assert word in message, (word, message[-2000:])
    assert peak_kb < 1024 * 1024, f"{name}: peak {peak_kb} KiB"  # the bomb grew past 8 GB before


@pytest.mark.slow
def test_memory_follows_the_batch_not_the_file(tmp_path: Path) -> None:
    """A 50 MB file of invalid rows under a valid header costs about what a small file costs."""
    small = tmp_path / "small.csv"
    small.write_text(HEADER + "\n" + _row_with("Action Plan ID", "not-a-plan"), encoding="utf-8")
    big = tmp_path / "big.csv"
    bad_row = _row_with("Action Plan ID", "not-a-plan")
    with big.open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        while out.tell() < 50 * 1024 * 1024:
            out.write(bad_row * 100)
    url = f"falkordb-lite://{tmp_path}/g.db"
    small_result, small_kb = ogp_with_peak_memory(["load", str(small)], url)
    big_result, big_kb = ogp_with_peak_memory(["load", str(big)], url)
    assert small_result.returncode == big_result.returncode == 1
    assert "row(s) rejected; nothing was written" in big_result.stderr
    print(f"peak memory: 1-row invalid file {small_kb // 1024} MiB, 50 MB invalid file {big_kb // 1024} MiB")
    assert big_kb - small_kb < MEMORY_HEADROOM_KB, (small_kb, big_kb)


def test_a_cut_off_file_is_not_loaded(tmp_path: Path) -> None:
    """The real shape of finding 7: the cut is reported as a cut, and the graph is left as it was."""
    path = tmp_path / "commitments.csv"
    path.write_bytes(SAMPLE.encode()[: len(SAMPLE) // 2])
    result = ogp(["load", str(path)], f"falkordb-lite://{tmp_path}/g.db")
    assert result.returncode == 1
    assert "commitments.csv: the file is cut off: its last row" in result.stderr, result.stderr[-2000:]
