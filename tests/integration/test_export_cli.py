"""``ogp export network`` end to end: the files open in graph tools (networkx reads the GraphML)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from cli import app
from graph.config import get_settings

ROOT = Path(__file__).resolve().parent.parent.parent
runner = CliRunner()
BOLG = "beneficial-ownership-leadership-group"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The samples loaded into a fresh embedded graph file named by OGP_GRAPH_URL."""
    mp = pytest.MonkeyPatch()
    mp.setenv("OGP_GRAPH_URL", f"falkordb-lite://{tmp_path_factory.mktemp('export')}/g.db")
    get_settings.cache_clear()
    result = runner.invoke(app, ["load", str(ROOT / "samples")])
    assert result.exit_code == 0, result.output
    yield
    mp.undo()
    get_settings.cache_clear()


def test_coalition_network_graphml(loaded: None, tmp_path: Path) -> None:
    out = tmp_path / "bolg.graphml"
    result = runner.invoke(app, ["export", "network", "--coalition", BOLG, "--format", "graphml", "--out", str(out)])
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out)
    kinds = {data.get("kind") or data.get("label_type") or data.get("type") for _, data in g.nodes(data=True)}
    assert g.number_of_nodes() > 8 and g.number_of_edges() > 8
    assert len(kinds) >= 2, kinds  # members and organisations/commitments, not one kind only
    # every participant of the seed file is in the network
    labels = {data.get("label") for _, data in g.nodes(data=True)}
    assert {"Kenya", "United Kingdom", "Norway"} <= labels


def test_policy_area_network_csv(loaded: None, tmp_path: Path) -> None:
    prefix = tmp_path / "bo"
    args = ["export", "network", "--policy-area", "beneficial-ownership", "--format", "csv", "--out", str(prefix)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    nodes = list(csv.DictReader((tmp_path / "bo.nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((tmp_path / "bo.edges.csv").open(encoding="utf-8")))
    assert {"Id", "Label"} <= set(nodes[0]) and {"Source", "Target", "Weight"} <= set(edges[0])
    ids = {n["Id"] for n in nodes}
    assert edges and all(e["Source"] in ids and e["Target"] in ids for e in edges)


def test_unknown_coalition_is_a_clear_error(loaded: None, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "network", "--coalition", "no-such", "--out", str(tmp_path / "x.graphml")])
    assert result.exit_code != 0
    assert "no-such" in result.output
