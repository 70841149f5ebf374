"""Organisations: filtered pages, counts, the members they work with, their networks and chapters, their coalitions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.backend import Graph, Row
from graph.model import Organization
from queries.filters import FieldSpec, declared_filters, declared_sorts
from queries.nodes import grouped
from queries.paging import Listing, fetch_count, fetch_page

ALL_ORGANIZATIONS = "MATCH (o:Organization)"

# Scalars only: this allow-list is also used inside commitment filters (``leadOrganization: {…}``).
ORGANIZATION_FIELDS: dict[str, FieldSpec] = declared_filters(Organization, "o")

ORGANIZATION_SORTS: dict[str, str] = {
    **declared_sorts(Organization, "o"),
    "COMMITMENT_COUNT": "size([(o)-[:LEADS|SUPPORTS]->(c:Commitment) | c.id])",
}

MEMBERS_OF_ORGANIZATIONS = (
    "UNWIND $ids AS key MATCH (:Organization {id: key})-[:LEADS|SUPPORTS]->(:Commitment)"
    "<-[:INCLUDES]-(:ActionPlan)<-[:HAS_ACTION_PLAN]-(m:Member) "
    "WITH DISTINCT key, m RETURN key, m AS node ORDER BY m.name"
)
NETWORKS_OF_ORGANIZATIONS = (
    "UNWIND $ids AS key MATCH (:Organization {id: key})-[:CHAPTER_OF]->(n:Organization) RETURN key, n AS node"
)
CHAPTERS_OF_ORGANIZATIONS = (
    "UNWIND $ids AS key MATCH (c:Organization)-[:CHAPTER_OF]->(:Organization {id: key}) "
    "RETURN key, c AS node ORDER BY c.member_id, c.id"
)
COALITIONS_OF_ORGANIZATIONS = (
    "UNWIND $ids AS key MATCH (:Organization {id: key})-[p:PARTICIPATES_IN]->(co:Coalition) "
    "RETURN key, co AS node, p.role AS role, p.since AS since ORDER BY co.name"
)


async def organizations_page(
    graph: Graph, spec: Mapping[str, Any] | None, sort: str, descending: bool, after: tuple[Any, str] | None, limit: int
) -> list[Row]:
    """One keyset page of organisations (``{node, sort_key}`` rows)."""
    listing = Listing(ALL_ORGANIZATIONS, "o", ORGANIZATION_FIELDS, spec)
    return await fetch_page(graph, listing, ORGANIZATION_SORTS[sort], descending, after, limit)


async def organizations_count(graph: Graph, spec: Mapping[str, Any] | None) -> int:
    """How many organisations match the filter."""
    return await fetch_count(graph, Listing(ALL_ORGANIZATIONS, "o", ORGANIZATION_FIELDS, spec))


async def members_of_organizations(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """The members whose commitments name each organisation, by organisation id."""
    return await grouped(graph, MEMBERS_OF_ORGANIZATIONS, ids)


async def coalitions_of_organizations(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """The coalitions each organisation participates in (``node``, ``role``, ``since``), by organisation id."""
    return await grouped(graph, COALITIONS_OF_ORGANIZATIONS, ids)


async def networks_of_organizations(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """The international network each national chapter belongs to (``CHAPTER_OF``), by organisation id."""
    return await grouped(graph, NETWORKS_OF_ORGANIZATIONS, ids)


async def chapters_of_organizations(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """The national chapters of each international network, by member, by organisation id."""
    return await grouped(graph, CHAPTERS_OF_ORGANIZATIONS, ids)
