"""Commitments: filtered/sorted/searched pages, counts, and their policy areas, values and organisations in batches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.backend import Graph, Row, search_terms
from graph.model import LEADS, SUPPORTS, Commitment
from queries.filters import FieldSpec, Nested, Related, declared_filters, declared_sorts
from queries.nodes import grouped
from queries.organizations import ORGANIZATION_FIELDS
from queries.paging import KeyedPage, Listing, fetch_count, fetch_page, fetch_pages_by_key

ALL_COMMITMENTS = "MATCH (c:Commitment)"
# A list narrowed to policy areas starts from the areas: FalkorDB evaluates the filter's pattern comprehension
# for every commitment otherwise (~80 ms for 558; well under 1 ms this way). The filter still applies as written.
AREA_COMMITMENTS = (
    "MATCH (start:PolicyArea) WHERE start.id IN $start_areas OR start.parent_id IN $start_areas "
    "MATCH (c:Commitment)-[:ADDRESSES]->(start) WITH DISTINCT c"
)
SEARCH_COMMITMENTS = "{call} WITH node AS c, score"  # {call} is the backend's full-text CALL … YIELD node, score

# The commitment's own properties come from graph/model.py (``Prop(filter=True)``); relationships are here.
COMMITMENT_FIELDS: dict[str, FieldSpec] = {
    **declared_filters(Commitment, "c"),
    "member_kind": Related(
        "size([(c)<-[:INCLUDES]-(:ActionPlan)<-[:HAS_ACTION_PLAN]-(m:Member) WHERE m.kind IN {ids} | 1])"
    ),
    "region": Related(
        "size([(c)<-[:INCLUDES]-(:ActionPlan)<-[:HAS_ACTION_PLAN]-(:Member)-[:IN_REGION]->(r:Region) "
        "WHERE r.id IN {ids} | 1])"
    ),
    # A parent area matches commitments tagged with any of its child areas.
    "policy_areas": Related(
        "size([(c)-[:ADDRESSES]->(pa:PolicyArea) WHERE pa.id IN {ids} OR pa.parent_id IN {ids} | 1])"
    ),
    "ogp_values": Related("size([(c)-[:ADVANCES]->(v:OgpValue) WHERE v.id IN {ids} | 1])"),
    "organizations": Related("size([(c)<-[:LEADS|SUPPORTS]-(o:Organization) WHERE o.id IN {ids} | 1])"),
    "lead_organization": Nested("size([(c)<-[:LEADS]-(o:Organization) WHERE {cond} | 1])", ORGANIZATION_FIELDS),
    "supporting_organization": Nested(
        "size([(c)<-[:SUPPORTS]-(o:Organization) WHERE {cond} | 1])", ORGANIZATION_FIELDS
    ),
}

# Sort keys of the declared sortable properties (``Prop(sort=True)``), and the full-text score.
COMMITMENT_SORTS: dict[str, str] = {**declared_sorts(Commitment, "c"), "SCORE": "score"}

POLICY_AREAS_OF_COMMITMENTS = (
    "UNWIND $ids AS key MATCH (:Commitment {id: key})-[:ADDRESSES]->(pa:PolicyArea) "
    "RETURN key, pa AS node ORDER BY pa.name"
)
OGP_VALUES_OF_COMMITMENTS = (
    "UNWIND $ids AS key MATCH (:Commitment {id: key})-[:ADVANCES]->(v:OgpValue) RETURN key, v AS node ORDER BY v.name"
)
ORGANIZATIONS_OF_COMMITMENTS = (
    "UNWIND $ids AS key MATCH (:Commitment {id: key})<-[r:LEADS|SUPPORTS]-(o:Organization) "
    "RETURN key, o AS node, type(r) AS role, r.as_written AS as_written ORDER BY role, o.name"
)
# Commitments of many parents at once (``key`` = parent id); used for the nested connections.
COMMITMENTS_OF_MEMBERS = (
    "UNWIND $ids AS key MATCH (:Member {id: key})-[:HAS_ACTION_PLAN]->(:ActionPlan)-[:INCLUDES]->(c:Commitment)"
)
# A parent area also lists the commitments tagged with its child areas (each commitment once).
COMMITMENTS_OF_POLICY_AREAS = (
    "UNWIND $ids AS key MATCH (c:Commitment)-[:ADDRESSES]->(pa:PolicyArea) WHERE pa.id = key OR pa.parent_id = key "
    "WITH DISTINCT key, c"
)
COMMITMENTS_OF_OGP_VALUES = "UNWIND $ids AS key MATCH (:OgpValue {id: key})<-[:ADVANCES]-(c:Commitment)"
# ``links``: the organisation's roles on the commitment, lead first ({role: LEADS|SUPPORTS, as_written}).
COMMITMENTS_OF_ORGANIZATIONS = (
    "UNWIND $ids AS key MATCH (:Organization {id: key})-[r:LEADS|SUPPORTS]->(c:Commitment) WHERE type(r) IN $roles "
    "WITH key, c, r ORDER BY type(r) "
    "WITH key, c, collect({role: type(r), as_written: r.as_written}) AS links"
)
COMMITMENT_PARENTS = {
    "member": COMMITMENTS_OF_MEMBERS,
    "policy_area": COMMITMENTS_OF_POLICY_AREAS,
    "ogp_value": COMMITMENTS_OF_OGP_VALUES,
    "organization": COMMITMENTS_OF_ORGANIZATIONS,
}
COMMITMENTS_OF_ACTION_PLANS = (
    "UNWIND $ids AS key MATCH (:ActionPlan {id: key})-[:INCLUDES]->(c:Commitment) RETURN key, c AS node ORDER BY c.id"
)


def commitment_listing(graph: Graph, spec: Mapping[str, Any] | None, search: str | None) -> Listing | None:
    """The listing for a filter and optional full-text search (``None``: the search has no usable words)."""
    if search is None:
        areas = (spec or {}).get("policy_areas") or {}
        if areas.get("some"):  # a top-level condition: every listed commitment addresses one of these areas
            return Listing(AREA_COMMITMENTS, "c", COMMITMENT_FIELDS, spec, params={"start_areas": list(areas["some"])})
        return Listing(ALL_COMMITMENTS, "c", COMMITMENT_FIELDS, spec)
    if not search_terms(search):
        return None
    match = SEARCH_COMMITMENTS.format(call=graph.fulltext_call("Commitment"))
    return Listing(
        match, "c", COMMITMENT_FIELDS, spec, carry=("score",), params={"fulltext": graph.fulltext_query(search)}
    )


async def commitments_page(
    graph: Graph,
    spec: Mapping[str, Any] | None,
    search: str | None,
    sort: str,
    descending: bool,
    after: tuple[Any, str] | None,
    limit: int,
) -> list[Row]:
    """One keyset page of commitments (``{node, sort_key}`` rows); ``sort`` is a ``COMMITMENT_SORTS`` key."""
    listing = commitment_listing(graph, spec, search)
    if listing is None:
        return []
    return await fetch_page(graph, listing, COMMITMENT_SORTS[sort], descending, after, limit)


async def commitment_pages_by_parent(
    graph: Graph,
    parent: str,
    ids: Sequence[str],
    spec: Mapping[str, Any] | None,
    sort: str,
    descending: bool,
    after: tuple[Any, str] | None,
    limit: int,
    roles: Sequence[str] = (LEADS, SUPPORTS),
) -> dict[str, KeyedPage]:
    """Each parent's page of commitments and its total, in ONE statement for all ``ids``.

    ``parent`` is a ``COMMITMENT_PARENTS`` key; ``roles`` (LEADS/SUPPORTS) only applies to organisations,
    whose rows also carry ``links`` (the organisation's roles on the commitment, lead first).
    """
    if parent not in COMMITMENT_PARENTS:
        raise KeyError(f"no commitment connection for parent {parent!r} (known: {', '.join(COMMITMENT_PARENTS)})")
    carry = ("key", "links") if parent == "organization" else ("key",)
    params = {"roles": list(roles)} if parent == "organization" else {}
    listing = Listing(COMMITMENT_PARENTS[parent], "c", COMMITMENT_FIELDS, spec, carry=carry, params=params)
    return await fetch_pages_by_key(graph, listing, list(ids), COMMITMENT_SORTS[sort], descending, after, limit)


async def commitments_count(graph: Graph, spec: Mapping[str, Any] | None, search: str | None) -> int:
    """How many commitments match the filter (and search), counted in the database."""
    listing = commitment_listing(graph, spec, search)
    return 0 if listing is None else await fetch_count(graph, listing)


async def policy_areas_of_commitments(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each commitment's policy areas, by commitment id."""
    return await grouped(graph, POLICY_AREAS_OF_COMMITMENTS, ids)


async def ogp_values_of_commitments(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each commitment's OGP values, by commitment id."""
    return await grouped(graph, OGP_VALUES_OF_COMMITMENTS, ids)


async def organizations_of_commitments(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each commitment's organisations with ``role`` (LEADS/SUPPORTS) and ``as_written``, by commitment id."""
    return await grouped(graph, ORGANIZATIONS_OF_COMMITMENTS, ids)


async def commitments_of_action_plans(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each action plan's commitments (by id order), by action plan id."""
    return await grouped(graph, COMMITMENTS_OF_ACTION_PLANS, ids)
