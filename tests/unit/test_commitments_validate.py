"""Validation of both commitment layouts: real rows, hand-written fixtures, every bad input named."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graph.errors import LoadError
from graph.model import ActionPlan, Commitment, Member
from loaders import combined2015, commitments, explorer
from loaders._commit_keys import normalise_number
from loaders._legacy import number_from_title
from loaders._source import Batch, header_of
from tests.helpers import real_file

DATA = Path(__file__).resolve().parent.parent / "data"
REAL = "commitments_open_parliament_g0v.csv"


def _nodes(batch: Batch, kind: type[Any]) -> list[Any]:
    return [n for items, _, _ in batch.nodes for n in items if isinstance(n, kind)]


def test_recognise_by_content() -> None:
    assert commitments.recognise(header_of(DATA / "commitments_sample.csv"))
    assert not explorer.recognise(header_of(DATA / "commitments_sample.csv"))
    assert explorer.recognise(header_of(DATA / "explorer_sample.csv"))
    assert not commitments.recognise(header_of(DATA / "explorer_sample.csv"))


def test_the_real_file_validates_without_errors() -> None:
    path = real_file(REAL)
    batch = commitments.validate(commitments.extract(path), path.name)
    assert batch.errors == []
    assert batch.rows_read == 558
    found = {c.id: c for c in _nodes(batch, Commitment)}
    assert len(found) == 558
    al = found["AL0002"]
    assert (al.title, al.member_id, al.action_plan_id) == ("e-Acts", "albania", "AP_ALB01")
    assert al.natural_key == "albania|1|2"
    assert al.lead_institutions_text == "Council of Ministers"
    assert al.source_layouts == ["current"]
    assert (al.specificity, al.specificity_level, al.potential_impact) == ("medium", 2, "moderate")
    assert al.completion == "no_data" and al.year == 2012
    clustered = Counter(c.clustered_in_review for c in found.values())  # "Cluster (AP Review)"
    assert clustered == {"no_data": 366, "no": 108, "not_reviewed": 51, "yes": 33}
    assert {c.clustered_in_review_level for c in found.values() if c.clustered_in_review == "yes"} == {1}
    assert found["MK0063"].number == "4.1"  # "4.0999999999999996" in the file
    assert found["CL0005"].natural_key == found["CL0006"].natural_key == "chile|1|2.1"
    assert len(_nodes(batch, Member)) == 76  # 75 members + Mexico, the country of Jalisco
    assert len(_nodes(batch, ActionPlan)) == 214


def test_unusable_rows_are_refused_and_odd_values_warned_with_file_row_and_column() -> None:
    batch = commitments.validate(commitments.extract(DATA / "commitments_bad.csv"), "commitments_bad.csv")
    # Refused: an OGP id used twice for different content, and an id that is not an OGP id.
    assert {(e.row, e.column) for e in batch.errors} == {
        (4, "Commitment Unique Identifier"),
        (5, "Commitment Unique Identifier"),
    }
    messages = [str(e) for e in batch.errors]
    assert any("commitment id 'AL0002' is used twice for different content (first in row 2)" in m for m in messages)
    # Loaded with warnings: a year that is not a year, a rating off the scale, a tag that is not 0/1.
    assert {(w.row, w.column) for w in batch.warnings} == {(3, "Year Of Submission"), (3, "Specificity")}
    specificity = next(w for w in batch.warnings if w.column == "Specificity")
    assert "commitments_bad.csv, row 3, column 'Specificity': 'Huge' is not a specificity rating" in str(specificity)
    mk = next(c for c in _nodes(batch, Commitment) if c.id == "MK0063")
    assert (mk.year, mk.specificity, mk.specificity_raw, mk.specificity_level) == (None, None, "Huge", None)
    assert (batch.rows_read, batch.rows_loaded, batch.rows_merged) == (4, 2, 0)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "commitments_missing_column.csv",
            "commitments_missing_column.csv: missing required column(s) 'Commitment Title'",
        ),
        ("commitments_empty.csv", "commitments_empty.csv: the file is empty"),
        ("commitments_latin1.csv", "commitments_latin1.csv, line 3: not valid UTF-8"),
    ],
)
def test_unreadable_files_raise_a_load_error_naming_the_file(name: str, message: str) -> None:
    with pytest.raises(LoadError) as info:
        list(commitments.extract(DATA / name))
    assert message in str(info.value)


def test_explorer_fixture_validates_with_repaired_numbers_and_no_contact_data() -> None:
    batch = explorer.validate(explorer.extract(DATA / "explorer_sample.csv"), "explorer_sample.csv")
    assert batch.errors == []
    items = {i.commitment.id: i.commitment for i in batch.items}
    assert set(items) == {
        "EXPL-albania-1-2",
        "EXPL-united-kingdom-2-10",
        "EXPL-north-macedonia-2-4.1",
        "EXPL-north-macedonia-2-1.1",
        "EXPL-north-macedonia-2-1.10",
        "EXPL-republic-of-korea-1-3",
    }
    albania = items["EXPL-albania-1-2"]
    assert albania.legacy_tags == ["E-government", "Legislation & Regulation"]
    assert (albania.specificity, albania.specificity_level, albania.completion_midterm) == ("medium", 2, "substantial")
    assert items["EXPL-north-macedonia-2-4.1"].did_it_open_government == "did_not_change"  # "b. None"
    assert items["EXPL-north-macedonia-2-1.10"].working_groups == ["FOWG"]
    members = {m.id: m for m in _nodes(batch, Member)}
    assert members["united-kingdom"].former_names == ["UK"]
    assert members["north-macedonia"].former_names == ["Macedonia"]
    dumped = repr([i.commitment.model_dump() for i in batch.items]) + repr(list(members.values()))
    assert "jane.example@example.org" not in dumped and "Jane Example" not in dumped and "+355" not in dumped


def test_explorer_rows_that_cannot_be_placed_are_refused_the_rest_load_with_warnings() -> None:
    batch = explorer.validate(explorer.extract(DATA / "explorer_bad.csv"), "explorer_bad.csv")
    # No plan number, no title: refused. Odd values: warned. The same row twice: merged into one commitment.
    assert {(e.row, e.column) for e in batch.errors} == {(2, "Action Plan Number"), (3, "Commitment Title")}
    assert {(w.row, w.column) for w in batch.warnings} == {
        (4, "Specificity"),
        (5, "Year of submission"),
        (5, "Lobbying"),
    }
    assert sorted(i.commitment.id for i in batch.items) == [
        "EXPL-georgia-1-5",
        "EXPL-georgia-1-6",
        "EXPL-georgia-1-7",
    ]
    georgia_7 = next(i for i in batch.items if i.commitment.id == "EXPL-georgia-1-7")
    assert [r.row for r in georgia_7.rows] == [6, 7]
    assert (batch.rows_read, batch.rows_merged) == (6, 1)
    asset = next(i.commitment for i in batch.items if i.commitment.id == "EXPL-georgia-1-5")
    assert (asset.specificity, asset.specificity_raw) == (None, "d. huge")


def test_numbers_and_titles() -> None:
    assert normalise_number("4.0999999999999996") == "4.1"
    assert normalise_number("10.130000000000001") == "10.13"
    assert normalise_number("1.1.") == "1.1"
    assert normalise_number("2.3.2.A") == "2.3.2.A"
    assert number_from_title("1.1", "1.10 Publication of budget execution data") == "1.10"
    assert number_from_title("1.1", "1.1 Open data portal") == "1.1"
    assert number_from_title("2", "e-Acts") == "2"
    assert number_from_title(None, "3.2. Open budget") == "3.2"


def _with_cell(source: Path, target: Path, row: int, column: str, value: str) -> Path:
    """``source`` with one cell of data row ``row`` (1 = the row below the header) replaced."""
    with source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = next(i for i, cells in enumerate(rows) if column in cells)
    rows[header + row][rows[header].index(column)] = value
    with target.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return target


@pytest.mark.parametrize(
    ("module", "sample", "column"),
    [
        (commitments, "commitments_sample.csv", "Country/Locality"),
        (explorer, "explorer_sample.csv", "Country"),
    ],
)
def test_a_value_the_graph_model_refuses_is_a_refused_row_with_its_number_not_a_refused_file(
    module: Any, sample: str, column: str, tmp_path: Path
) -> None:
    # A member name whose id would pass the graph's limit on ids (a hostile file): that row only is refused.
    path = _with_cell(DATA / sample, tmp_path / sample, 1, column, "x" * 300_000)
    batch = module.validate(module.extract(path), path.name)
    row = header_of_row(path) + 1
    assert [(e.row, e.column) for e in batch.errors] == [(row, column)]
    message = str(batch.errors[0])
    assert f"{sample}, row {row}, column {column!r}: Member.id: String should have at most 1000 characters" in message
    assert len(message) < 300  # the value is quoted, not copied whole
    assert batch.rows_read > 1 and not any("x" * 100 in repr(n) for items, _, _ in batch.nodes for n in items)


def header_of_row(path: Path) -> int:
    """The file's row number of its header (1 = the first row)."""
    with path.open(encoding="utf-8", newline="") as f:
        return next(i for i, cells in enumerate(csv.reader(f), start=1) if header_of(path) == cells)


def test_a_2015_row_whose_id_would_be_too_long_is_refused_with_its_row(tmp_path: Path) -> None:
    source = DATA / "quirks" / "combined2015_quirks.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[1]]))
    cells = next(csv.reader([lines[2]]))
    cells[header.index("Commitment Title")] = "1" + ".1" * 600 + " A title under a number of 1,201 characters"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    path = tmp_path / "combined.csv"
    path.write_text("".join([lines[0], lines[1], out.getvalue(), *lines[3:]]), encoding="utf-8")
    batch = combined2015.validate(combined2015.extract(path), path.name)
    assert [e.row for e in batch.errors] == [3]
    assert "combined.csv, row 3: Commitment.id: String should have at most 1000 characters" in str(batch.errors[0])
    assert batch.rows_read == 7 and len(batch.items) == 6
