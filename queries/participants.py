"""Coalitions as listed by the API: all of them, their participants (members and organisations) and focus areas.

Coalition *analysis* (gaps, connections, networks) lives in ``queries/coalitions.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.backend import Graph, Row
from queries.nodes import grouped

ALL_COALITIONS = "MATCH (co:Coalition) RETURN co AS node ORDER BY co.name"
PARTICIPANTS_OF_COALITIONS = (
    "UNWIND $ids AS key MATCH (:Coalition {id: key})<-[p:PARTICIPATES_IN]-(n) "
    "WHERE n:Member OR n:Organization "
    "RETURN key, n AS node, labels(n) AS labels, p.role AS role, p.since AS since ORDER BY n.name, n.id"
)
POLICY_AREAS_OF_COALITIONS = (
    "UNWIND $ids AS key MATCH (:Coalition {id: key})-[:FOCUSES_ON]->(pa:PolicyArea) "
    "RETURN key, pa AS node ORDER BY pa.name"
)


async def all_coalitions(graph: Graph) -> list[Row]:
    """Every coalition, by name."""
    return [row["node"] for row in await graph.read(ALL_COALITIONS)]


async def participants_of_coalitions(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each coalition's participants (``node``, ``labels``, ``role``, ``since``), by coalition id."""
    return await grouped(graph, PARTICIPANTS_OF_COALITIONS, ids)


async def policy_areas_of_coalitions(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each coalition's focus areas, by coalition id."""
    return await grouped(graph, POLICY_AREAS_OF_COALITIONS, ids)
