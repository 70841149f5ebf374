"""``ogp load`` end to end on an embedded graph file: samples twice, unrecognised and bad files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from graph.config import get_settings

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
runner = CliRunner()


@pytest.fixture
def graph_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """OGP_GRAPH_URL pointing at a fresh embedded graph file (settings re-read)."""
    url = f"falkordb-lite://{tmp_path}/g.db"
    monkeypatch.setenv("OGP_GRAPH_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def _total(output: str, table: str) -> list[int]:
    """The 'total' line of the summary's nodes or relationships table."""
    section = output.split(f"\n{table}", 1)[1]
    line = next(ln for ln in section.splitlines() if ln.startswith("total"))
    return [int(n) for n in re.findall(r"\d+", line)]


def test_load_samples_twice(graph_url: str) -> None:
    first = runner.invoke(app, ["load", str(ROOT / "samples")])
    assert first.exit_code == 0, first.output
    assert "commitments.csv" in first.output
    created, _, _ = _total(first.output, "nodes")
    assert created >= 64 + 20
    second = runner.invoke(app, ["load", str(ROOT / "samples")])
    assert second.exit_code == 0, second.output
    assert _total(second.output, "nodes")[:2] == [0, 0]  # nothing created, nothing updated
    assert _total(second.output, "relationships")[:2] == [0, 0]


def test_unrecognised_file_exit_2(graph_url: str) -> None:
    result = runner.invoke(app, ["load", str(DATA / "members_unknown.csv")])
    assert result.exit_code == 2
    assert "members_unknown.csv" in result.output
    assert "matches no supported layout" in result.output


def test_folder_with_bad_file_writes_nothing(graph_url: str, tmp_path: Path) -> None:
    assert runner.invoke(app, ["load", str(ROOT / "samples" / "members.csv")]).exit_code == 0
    before = _count(graph_url)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "samples" / "commitments.csv", folder / "commitments.csv")
    shutil.copy(DATA / "members_bad.csv", folder / "members.csv")
    result = runner.invoke(app, ["load", str(folder)])
    assert result.exit_code == 1
    assert "members.csv, row 3, column 'parent_country': unknown OGP member 'Atlantis'" in result.output
    assert "members.csv, row 4, column 'member_code'" in result.output
    assert _count(graph_url) == before


def test_skip_invalid_loads_valid_rows(graph_url: str) -> None:
    result = runner.invoke(app, ["load", "--skip-invalid", str(DATA / "members_bad.csv")])
    assert result.exit_code == 0, result.output
    assert "rejected rows (2)" in result.output
    assert _count(graph_url) == 1


def _count(graph_url: str) -> int:
    import asyncio

    from graph.backend import open_graph

    async def count() -> int:
        graph = await open_graph(get_settings())
        async with graph.session():
            return int((await graph.read("MATCH (n) RETURN count(n) AS n"))[0]["n"])

    return asyncio.run(count())
