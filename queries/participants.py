"""Coalitions as listed by the API: all of them, their participants (members and organisations) and focus areas.

Coalition *analysis* (gaps, connections, networks) lives in ``queries/coalitions.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.backend import Graph, Row
from queries.nodes import grouped
from queries.paging import KeyedPage, Listing, fetch_pages_by_key

ALL_COALITIONS = "MATCH (co:Coalition) RETURN co AS node ORDER BY co.name"
PARTICIPANTS_OF_COALITIONS = (
    "UNWIND $ids AS key MATCH (:Coalition {id: key})<-[p:PARTICIPATES_IN]-(n) "
    "WHERE n:Member OR n:Organization "
    "RETURN key, n AS node, labels(n) AS labels, p.role AS role, p.since AS since ORDER BY n.name, n.id"
)
# For the paged connection: sorted by name (case-insensitive), then id; paged and counted in the database.
PARTICIPANT_ROWS_OF_COALITIONS = (
    "UNWIND $ids AS key MATCH (:Coalition {id: key})<-[p:PARTICIPATES_IN]-(n) WHERE n:Member OR n:Organization "
    "WITH key, n, labels(n) AS labels, p.role AS role, p.since AS since"
)
PARTICIPANT_SORT = "toLower(n.name)"
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


async def participant_pages(
    graph: Graph, ids: Sequence[str], after: tuple[Any, str] | None, limit: int
) -> dict[str, KeyedPage]:
    """Each coalition's page of participants (``node``, ``labels``, ``role``, ``since``) and total, in ONE statement."""
    listing = Listing(PARTICIPANT_ROWS_OF_COALITIONS, "n", {}, None, carry=("key", "labels", "role", "since"))
    return await fetch_pages_by_key(graph, listing, list(ids), PARTICIPANT_SORT, False, after, limit)
