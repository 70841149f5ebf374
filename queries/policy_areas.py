"""Policy areas: the whole taxonomy (it is small) and each area's child areas in a batch."""

from __future__ import annotations

from collections.abc import Sequence

from graph.backend import Graph, Row
from queries.nodes import grouped

ALL_POLICY_AREAS = "MATCH (pa:PolicyArea) RETURN pa AS node ORDER BY pa.name"
CHILDREN_OF_POLICY_AREAS = (
    "UNWIND $ids AS key MATCH (:PolicyArea {id: key})<-[:PART_OF]-(child:PolicyArea) "
    "RETURN key, child AS node ORDER BY child.name"
)
ALL_OGP_VALUES = "MATCH (v:OgpValue) RETURN v AS node ORDER BY v.name"


async def all_policy_areas(graph: Graph) -> list[Row]:
    """Every policy area, by name."""
    return [row["node"] for row in await graph.read(ALL_POLICY_AREAS)]


async def children_of_policy_areas(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each area's child areas, by area id."""
    return await grouped(graph, CHILDREN_OF_POLICY_AREAS, ids)


async def all_ogp_values(graph: Graph) -> list[Row]:
    """The four OGP values, by name."""
    return [row["node"] for row in await graph.read(ALL_OGP_VALUES)]
