"""The coalition analysis fields through a minimal Strawberry schema (no HTTP), on the tiny world."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import strawberry

from api.coalitions import CoalitionQuery
from graph.backend import Graph
from loaders.coalitions import load_file
from tests.helpers import DATA, NOW, build_world

SCHEMA = strawberry.Schema(query=CoalitionQuery)
QUERY = """
query ($id: ID!) {
  coalitionGaps(id: $id) {
    recruitmentTargets { memberId score commitments { id strength } }
    activeOrganizations { id members participant }
  }
  connections(from: "member:armenia", to: "member:albania", maxHops: 4) { length }
  path: connections(from: "member:kenya", to: "member:united-kingdom", maxHops: 4) {
    length nodes { kind id } steps { type start end }
  }
  coalitionNetwork(id: $id) { nodes { id participant } edges { source target type weight } }
}
"""


async def test_gaps_paths_and_network_over_graphql(graph: Graph, tmp_path: Path) -> None:
    await build_world(graph)
    await load_file(graph, DATA / "coalition_v1.yaml", NOW)
    result = await SCHEMA.execute(
        QUERY, {"id": "open-contracting-partners"}, context_value=SimpleNamespace(graph=graph)
    )
    assert result.errors is None, result.errors
    data = result.data
    assert data is not None
    assert data["coalitionGaps"]["recruitmentTargets"] == []
    assert data["connections"] == []  # Armenia has no links at all
    paths = data["path"]
    assert paths and {p["length"] for p in paths} == {2}
    assert {tuple(n["id"] for n in p["nodes"]) for p in paths} == {
        ("kenya", "open-contracting-partners", "united-kingdom")
    }
    edges = {(e["source"], e["target"], e["type"], e["weight"]) for e in data["coalitionNetwork"]["edges"]}
    assert ("organization:alb-ministry-of-finance", "commitment:AL0010", "LEADS", 1.0) in edges
    assert ("member:kenya", "commitment:KE0025", "MADE", 1.0) in edges
