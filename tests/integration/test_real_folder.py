"""The whole shared folder of real OGP data, loaded with no flag, twice, on both backends.

Checks what a user gets: nothing rejected, every file's rows accounted for (read = loaded + merged +
rejected), a second load that changes nothing, and the 2015 Combined Database's merges with the current
export exactly as judged by reading every pair (``tests/data/gold_2015_merges.csv``, made with
``python -m bench.legacy_merge --pairs``).
"""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.backend import Graph
from loaders.run import RunReport, run_load
from queries.provenance import merged_rows
from tests.helpers import BACKENDS, SHARED_DATA, real_file

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold_2015_merges.csv"
REAL_2015 = "irm_combined_database_2015_vizzuality.csv"
REAL_CURRENT = "commitments_open_parliament_g0v.csv"
COUNT = "MATCH (c:Commitment) RETURN count(c) AS n"
pytestmark = pytest.mark.realdata


@dataclass
class FolderLoad:
    """Both loads of the folder on one backend and what the graph held after them."""

    first: RunReport
    second: RunReport
    merged: set[tuple[int, str]]
    commitments: int


@pytest.fixture(scope="module", params=BACKENDS)
async def folder(
    request: pytest.FixtureRequest, open_graph: Callable[[str, str], Awaitable[Graph]]
) -> AsyncIterator[FolderLoad]:
    real_file(REAL_2015)  # skips with the reason when the real data is absent
    graph = await open_graph(request.param, "real-folder")
    await graph.clear()
    first = await run_load(graph, [SHARED_DATA])
    second = await run_load(graph, [SHARED_DATA])
    merged = {(m.row, m.commitment) for m in await merged_rows(graph, "irm-combined-2015")}
    commitments = (await graph.read(COUNT))[0]["n"]
    yield FolderLoad(first, second, merged, commitments)
    await graph.clear()


def _file(report: RunReport, name: str) -> tuple[int, int, int, int, int]:
    f = next(f for f in report.files if f.path.name == name)
    return f.rows_read, f.loaded, f.merged, f.rejected_rows, f.warned_rows


def test_the_whole_folder_loads_with_nothing_rejected_and_every_row_accounted_for(folder: FolderLoad) -> None:
    assert folder.first.rejected == []
    assert all(f.reconciles for f in folder.first.files)
    assert _file(folder.first, REAL_CURRENT) == (558, 558, 0, 0, 56)  # 56 rows: contact details removed
    assert _file(folder.first, REAL_2015) == (1985, 1804, 181, 0, 5)  # 4 'Unclear' ratings, the totals row
    assert folder.commitments == 558 + 1804
    assert folder.first.derived is not None and folder.first.derived.commitments == folder.commitments


def test_loading_the_folder_again_changes_nothing(folder: FolderLoad) -> None:
    assert not folder.second.changed
    assert [_file(folder.second, f.path.name) for f in folder.second.files] == [
        _file(folder.first, f.path.name) for f in folder.first.files
    ]


def test_2015_rows_merge_exactly_as_judged_by_reading_every_pair(folder: FolderLoad) -> None:
    with GOLD.open(encoding="utf-8") as f:
        gold = list(csv.DictReader(f))
    same = {(int(g["row"]), g["commitment"]) for g in gold if g["judgement"] in ("same", "part")}
    apart = {(int(g["row"]), g["commitment"]) for g in gold if g["judgement"] in ("different", "missed")}
    assert folder.merged - same == set(), "false merges (or pairs nobody has judged yet)"
    assert same - folder.merged == set(), "merges judged right that the loader no longer makes"
    assert folder.merged & apart == set()
