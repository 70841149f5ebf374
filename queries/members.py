"""Members: filtered pages sorted by fields or by commitment counts, and their region, country, plans in batches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.backend import Graph, Row
from graph.model import Member
from queries.filters import FieldSpec, Related, declared_filters, declared_sorts
from queries.nodes import grouped
from queries.paging import Listing, fetch_count, fetch_page

ALL_MEMBERS = "MATCH (m:Member)"
MEMBER_BY_ID_OR_CODE = "MATCH (m:Member) WHERE m.id = $id OR m.code = $code RETURN m AS node ORDER BY m.kind LIMIT 1"

MEMBER_FIELDS: dict[str, FieldSpec] = {
    **declared_filters(Member, "m"),
    "region": Related("size([(m)-[:IN_REGION]->(r:Region) WHERE r.id IN {ids} | 1])"),
    "policy_areas": Related(
        "size([(m)-[:HAS_ACTION_PLAN]->(:ActionPlan)-[:INCLUDES]->(:Commitment)-[:ADDRESSES]->(pa:PolicyArea) "
        "WHERE pa.id IN {ids} OR pa.parent_id IN {ids} | 1])"
    ),
    "coalitions": Related("size([(m)-[:PARTICIPATES_IN]->(co:Coalition) WHERE co.id IN {ids} | 1])"),
}

MEMBER_SORTS: dict[str, str] = {
    **declared_sorts(Member, "m"),
    "COMMITMENT_COUNT": "size([(m)-[:HAS_ACTION_PLAN]->(:ActionPlan)-[:INCLUDES]->(c:Commitment) | c.id])",
    # $sort_area: commitments addressing this policy area or one of its child areas (each counted once).
    "COMMITMENT_COUNT_IN_AREA": (
        "size(reduce(acc = [], x IN [(m)-[:HAS_ACTION_PLAN]->(:ActionPlan)-[:INCLUDES]->(c:Commitment)"
        "-[:ADDRESSES]->(pa:PolicyArea) WHERE pa.id = $sort_area OR pa.parent_id = $sort_area | c.id] | "
        "CASE WHEN x IN acc THEN acc ELSE acc + x END))"
    ),
}

REGIONS_OF_MEMBERS = "UNWIND $ids AS key MATCH (:Member {id: key})-[:IN_REGION]->(r:Region) RETURN key, r AS node"
COUNTRIES_OF_MEMBERS = "UNWIND $ids AS key MATCH (:Member {id: key})-[:LOCATED_IN]->(n:Member) RETURN key, n AS node"
LOCAL_MEMBERS_OF_MEMBERS = (
    "UNWIND $ids AS key MATCH (:Member {id: key})<-[:LOCATED_IN]-(l:Member) RETURN key, l AS node ORDER BY l.name"
)
ACTION_PLANS_OF_MEMBERS = (
    "UNWIND $ids AS key MATCH (:Member {id: key})-[:HAS_ACTION_PLAN]->(p:ActionPlan) "
    "RETURN key, p AS node ORDER BY p.number"
)
COALITIONS_OF_MEMBERS = (
    "UNWIND $ids AS key MATCH (:Member {id: key})-[p:PARTICIPATES_IN]->(co:Coalition) "
    "RETURN key, co AS node, p.role AS role, p.since AS since ORDER BY co.name"
)


def member_listing(spec: Mapping[str, Any] | None, sort_area: str | None = None) -> Listing:
    """The listing of members matching ``spec`` (``sort_area`` feeds the in-area commitment count)."""
    return Listing(ALL_MEMBERS, "m", MEMBER_FIELDS, spec, params={"sort_area": sort_area} if sort_area else {})


async def member_by_id_or_code(graph: Graph, key: str) -> Row | None:
    """A member by slug (``united-kingdom``) or by code (``GBR``, any case)."""
    rows = await graph.read(MEMBER_BY_ID_OR_CODE, {"id": key, "code": key.upper()})
    return rows[0]["node"] if rows else None


async def members_page(
    graph: Graph,
    spec: Mapping[str, Any] | None,
    sort: str,
    descending: bool,
    after: tuple[Any, str] | None,
    limit: int,
    sort_area: str | None = None,
) -> list[Row]:
    """One keyset page of members (``{node, sort_key}`` rows)."""
    return await fetch_page(graph, member_listing(spec, sort_area), MEMBER_SORTS[sort], descending, after, limit)


async def members_count(graph: Graph, spec: Mapping[str, Any] | None) -> int:
    """How many members match the filter."""
    return await fetch_count(graph, member_listing(spec))


async def regions_of_members(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each member's region, by member id."""
    return await grouped(graph, REGIONS_OF_MEMBERS, ids)


async def countries_of_members(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """The national member each local member is located in, by member id."""
    return await grouped(graph, COUNTRIES_OF_MEMBERS, ids)


async def local_members_of_members(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """The local members located in each national member, by member id."""
    return await grouped(graph, LOCAL_MEMBERS_OF_MEMBERS, ids)


async def action_plans_of_members(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each member's action plans in order, by member id."""
    return await grouped(graph, ACTION_PLANS_OF_MEMBERS, ids)


async def coalitions_of_members(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """The coalitions each member participates in (``node``, ``role``, ``since``), by member id."""
    return await grouped(graph, COALITIONS_OF_MEMBERS, ids)
