"""Validation of both commitment layouts: real rows, hand-written fixtures, every bad input named."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graph.errors import LoadError
from graph.model import ActionPlan, Commitment, Member
from loaders import commitments, explorer
from loaders._commit_keys import normalise_number, repair_number, titles_match
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


def test_bad_rows_are_all_reported_with_file_row_and_column() -> None:
    batch = commitments.validate(commitments.extract(DATA / "commitments_bad.csv"), "commitments_bad.csv")
    got = {(e.row, e.column) for e in batch.errors}
    assert got == {
        (3, "Year Of Submission"),
        (3, "Specificity"),
        (4, "Commitment Unique Identifier"),
        (5, "Commitment Unique Identifier"),
        (5, "Open Data"),
    }
    messages = [str(e) for e in batch.errors]
    assert "commitments_bad.csv, row 3, column 'Year Of Submission': Input should be a valid integer" in messages[0]
    assert any("duplicate commitment id 'AL0002' (first seen in row 2)" in m for m in messages)
    assert any("'Huge' is not a specificity rating" in m for m in messages)


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


def test_explorer_bad_rows() -> None:
    batch = explorer.validate(explorer.extract(DATA / "explorer_bad.csv"), "explorer_bad.csv")
    assert {(e.row, e.column) for e in batch.errors} == {
        (2, "Action Plan Number"),
        (3, "Commitment Title"),
        (4, "Specificity"),
        (5, "Year of submission"),
        (5, "Lobbying"),
        (7, "Comm No"),
    }
    assert [i.commitment.id for i in batch.items] == ["EXPL-georgia-1-7"]


def test_numbers_and_titles() -> None:
    assert normalise_number("4.0999999999999996") == "4.1"
    assert normalise_number("10.130000000000001") == "10.13"
    assert normalise_number("1.1.") == "1.1"
    assert normalise_number("2.3.2.A") == "2.3.2.A"
    assert repair_number("1.1", "1.10 Publication of budget execution data") == "1.10"
    assert repair_number("1.1", "1.1 Open data portal") == "1.1"
    assert repair_number("2", "e-Acts") == "2"
    assert titles_match("e-Acts", "E-Acts")
    assert titles_match("1.10 Publication of budget execution data", "Publication of budget execution data")
    assert not titles_match("1.1 Open data portal for public institutions", "1.10 Publication of budget execution data")
