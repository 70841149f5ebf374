"""The ``ogp`` command's usage errors and source listing (no graph is opened)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cli import app
from loaders.registry import SOURCES, UnrecognisedFile, plan, recognise

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"
runner = CliRunner()


def test_sources_lists_every_layout() -> None:
    result = runner.invoke(app, ["sources"])
    assert result.exit_code == 0
    for source in SOURCES:
        assert source.NAME in result.output
    assert {"ogp-members-seed", "irm-process-2016", "ogp-commitments", "coalition-file"} <= {s.NAME for s in SOURCES}


def test_recognise_by_header() -> None:
    assert recognise(SAMPLES / "members.csv").NAME == "ogp-members-seed"
    assert recognise(SAMPLES / "commitments.csv").NAME == "ogp-commitments"
    assert recognise(DATA / "members_bad.csv").NAME == "ogp-members-seed"


def test_unrecognised_file_names_file_and_layouts() -> None:
    try:
        recognise(DATA / "members_unknown.csv")
    except UnrecognisedFile as exc:
        assert "members_unknown.csv" in str(exc) and "'country', 'population'" in str(exc)
        assert "ogp-members-seed" in str(exc)
    else:
        raise AssertionError("an unknown header was recognised")


def test_folder_order_members_before_commitments_before_coalitions() -> None:
    names = [source.NAME for _, source in plan([SAMPLES])]
    assert names == ["ogp-members-seed", "ogp-commitments", "coalition-file"]


def test_reset_needs_yes() -> None:
    result = runner.invoke(app, ["reset"])
    assert result.exit_code == 2
    assert "--yes" in result.output


def test_missing_path_is_usage_error() -> None:
    result = runner.invoke(app, ["load", str(DATA / "no_such_file.csv")])
    assert result.exit_code == 2
    assert "no_such_file.csv: no such file or folder" in result.output
