"""Regions and the members in them."""

from __future__ import annotations

from collections.abc import Sequence

from graph.backend import Graph, Row
from queries.nodes import grouped

ALL_REGIONS = "MATCH (r:Region) RETURN r AS node ORDER BY r.name"
MEMBERS_OF_REGIONS = (
    "UNWIND $ids AS key MATCH (:Region {id: key})<-[:IN_REGION]-(m:Member) RETURN key, m AS node ORDER BY m.name"
)


async def all_regions(graph: Graph) -> list[Row]:
    """Every region, by name."""
    return [row["node"] for row in await graph.read(ALL_REGIONS)]


async def members_of_regions(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """The members in each region, by region id."""
    return await grouped(graph, MEMBERS_OF_REGIONS, ids)
