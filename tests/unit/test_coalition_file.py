"""The coalition file format: reading, recognising and validating without a graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders import coalitions
from loaders.coalitions import extract, read_yaml, recognise_file, validate

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = Path(__file__).resolve().parent.parent.parent / "samples" / "coalitions.yaml"


def test_valid_file_gives_the_coalition_areas_and_participants() -> None:
    batch = validate(extract(DATA / "coalition_v1.yaml"), "coalition_v1.yaml")
    assert batch.errors == []
    assert batch.coalition is not None and batch.coalition.id == "open-contracting-partners"
    assert batch.focus == ["open-contracting", "Public Procurement"]
    got = {(p.kind, p.ref, p.props.role, p.props.since, p.line) for p in batch.participants}
    assert got == {
        ("member", "Albania", "co-chair", 2019, 11),
        ("member", "UK", "member", 2020, 14),
        ("member", "KEN", "member", None, 18),
        ("organization", "Open Contracting Partnership", "supporter", None, 20),
    }


def test_the_seed_is_the_bolg_with_eight_members() -> None:
    batch = validate(extract(SEED), SEED.name)
    assert batch.errors == []
    assert batch.coalition is not None and batch.coalition.id == "beneficial-ownership-leadership-group"
    assert batch.focus == ["beneficial-ownership"]
    assert {p.ref for p in batch.participants} == {
        "Armenia",
        "Kenya",
        "Latvia",
        "Mexico",
        "Nigeria",
        "Norway",
        "Slovak Republic",
        "United Kingdom",
    }


def test_every_error_names_the_file_entry_line_and_reason() -> None:
    batch = validate(extract(DATA / "coalition_bad.yaml"), "coalition_bad.yaml")
    messages = [str(e) for e in batch.errors]
    expected = [
        "coalition_bad.yaml, row 3, column 'id': coalition id 'Bad Id' must be a lower-case slug",
        "coalition_bad.yaml, row 3, column 'focus_policy_areas': focus policy area 'open-contracting' is listed twice",
        "coalition_bad.yaml, row 9, column 'since': participant #1 ('Albania'): since '1999' is not a year",
        "coalition_bad.yaml, row 13: participant #3: give exactly one of 'member' or 'organization'",
        "coalition_bad.yaml, row 15, column 'since': participant #4 ('Kenya'): since 'soon' is not a year",
        "coalition_bad.yaml, row 17: participant #5: unknown key(s) colour",
    ]
    assert len(messages) == len(expected), messages
    for want in expected:
        assert any(m.startswith(want) for m in messages), (want, messages)


def test_a_duplicate_participant_is_reported_with_the_first_entry(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(
        "coalition:\n  id: dup\n  name: Dup\n  participants:\n    - member: UK\n"
        "    - member: United Kingdom\n      role: champion\n"
    )
    errors = [str(e) for e in validate(extract(path), path.name).errors]
    assert errors == [
        "dup.yaml, row 6: participant #2 ('United Kingdom'): duplicate participant, already listed as participant #1"
    ]


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(LoadError, match=r"coalition_broken.yaml, line 6, column 6: not valid YAML"):
        read_yaml(DATA / "coalition_broken.yaml")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"# only a comment\n", "no content"),
        (b"coalition:\n  name: Caf\xe9\n", "line 2: not valid UTF-8"),
        (b"- just\n- a list\n", "expected a top-level 'coalition:' mapping"),
    ],
)
def test_bad_files_are_refused_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        list(extract(path))


def test_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    assert recognise_file(SEED)
    assert recognise_file(DATA / "coalition_v1.yaml")
    other = tmp_path / "coalitions.yaml"
    other.write_text("members:\n  - Albania\n")
    assert not recognise_file(other)
    assert coalitions.recognise(["coalition:"])
    assert not coalitions.recognise(["notion_id", "name"])


def test_focus_areas_are_checked_against_the_taxonomy(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("coalition:\n  id: c\n  name: C\n  focus_policy_areas: [Beneficial Ownership, open-contract]\n")
    errors = [str(e) for e in validate(extract(path), path.name).errors]
    assert errors == [
        "c.yaml, row 2, column 'focus_policy_areas': unknown policy area 'open-contract': not an id or "
        "name of today's taxonomy (did you mean open-contracting?)"
    ]
