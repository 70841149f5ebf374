"""The GraphQL schema: root fields over the graph (``schema`` is what ``api/app.py`` serves)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.extensions import ParserCache, ValidationCache

from api.coalitions import CoalitionQuery
from api.discovery import DiscoveryQuery, commitment_with_similar
from api.errors import Schema
from api.execution import LeanExecutionContext
from api.facets import FacetsQuery
from api.filters import MemberFilter, MemberOrder, OrganizationFilter, OrganizationOrder, to_spec
from api.pagination import Connection, build_connection, decode_cursor, page_size
from api.projection import selection_set
from api.relay import Node, from_global_id
from api.types import (
    ActionPlan,
    AfterArg,
    Coalition,
    Commitment,
    CommitmentConnection,
    FilterArg,
    FirstArg,
    Member,
    OgpValue,
    OrderArg,
    Organization,
    PolicyArea,
    Region,
    commitment_connection,
)
from api.types_commitment import commitment_properties
from queries import members, organizations, participants, policy_areas, regions

IdArg = Annotated[strawberry.ID, strawberry.argument(description="The natural id (slug or OGP id).")]
CONVERT = {
    "Member": Member,
    "ActionPlan": ActionPlan,
    "Commitment": Commitment,
    "PolicyArea": PolicyArea,
    "OgpValue": OgpValue,
    "Organization": Organization,
    "Coalition": Coalition,
    "Region": Region,
}


async def _one(
    info: strawberry.Info, label: str, node_id: str, properties: tuple[str, ...] | None = None
) -> object | None:
    """The node of ``label`` with this id (whole, or only ``properties``) as its GraphQL type; None if unknown."""
    row = await info.context.nodes(label, properties).load(node_id)
    return CONVERT[label].from_row(row) if row else None  # type: ignore[attr-defined]


@strawberry.type(description="Questions over the OGP reform graph.")
class Query(CoalitionQuery, DiscoveryQuery, FacetsQuery):
    @strawberry.field(description="A member by slug (`united-kingdom`) or code (`GBR`); null when unknown.")
    async def member(self, info: strawberry.Info, id: IdArg) -> Member | None:
        row = await members.member_by_id_or_code(info.context.graph, id)
        return Member.from_row(row) if row else None

    @strawberry.field(description="Members, filtered and sorted (e.g. by number of commitments in a policy area).")
    async def members(
        self,
        info: strawberry.Info,
        filter: Annotated[MemberFilter | None, strawberry.argument(description="Only members matching this.")] = None,
        order_by: Annotated[MemberOrder | None, strawberry.argument(description="Sort order (default: by id).")] = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Connection[Member]:
        limit, position, spec, graph = page_size(info, first), decode_cursor(after), to_spec(filter), info.context.graph
        sort, descending, area = "ID", False, None
        if order_by is not None:
            sort, area = str(order_by.field.value), order_by.policy_area
            descending = str(order_by.direction.value) == "DESC"
            if sort == "COMMITMENT_COUNT" and area:
                sort = "COMMITMENT_COUNT_IN_AREA"
        rows = await members.members_page(graph, spec, sort, descending, position, limit + 1, area)

        async def count() -> int:
            return await members.members_count(graph, spec)

        return build_connection(rows, limit, position, Member.from_row, count)  # type: ignore[no-any-return]

    @strawberry.field(description="A commitment by OGP id (`AL0002`); null when unknown.")
    async def commitment(self, info: strawberry.Info, id: IdArg) -> Commitment | None:
        properties = commitment_properties(selection_set(info))
        row = await commitment_with_similar(info, id, properties)  # with its matches, when it asks for them
        if row is not False:
            return Commitment.from_row(row) if row else None
        return await _one(info, "Commitment", id, properties)  # type: ignore[return-value]

    @strawberry.field(description="Commitments, filtered, sorted, or found by full-text search (then by relevance).")
    async def commitments(
        self,
        info: strawberry.Info,
        filter: FilterArg = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Words that must all appear in the title, short title or text (prefixes match)."
            ),
        ] = None,
        order_by: OrderArg = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> CommitmentConnection:
        return await commitment_connection(info, to_spec(filter), search, order_by, first, after)

    @strawberry.field(description="A policy area by slug; null when unknown.")
    async def policy_area(self, info: strawberry.Info, id: IdArg) -> PolicyArea | None:
        return await _one(info, "PolicyArea", id)  # type: ignore[return-value]

    @strawberry.field(description="Every policy area, by name (use `parent`/`children` for the hierarchy).")
    async def policy_areas(self, info: strawberry.Info) -> list[PolicyArea]:
        return [PolicyArea.from_row(r) for r in await policy_areas.all_policy_areas(info.context.graph)]

    @strawberry.field(description="The four OGP values.")
    async def ogp_values(self, info: strawberry.Info) -> list[OgpValue]:
        return [OgpValue.from_row(r) for r in await policy_areas.all_ogp_values(info.context.graph)]

    @strawberry.field(description="An organisation by slug; null when unknown.")
    async def organization(self, info: strawberry.Info, id: IdArg) -> Organization | None:
        return await _one(info, "Organization", id)  # type: ignore[return-value]

    @strawberry.field(description="Organisations, filtered and sorted.")
    async def organizations(
        self,
        info: strawberry.Info,
        filter: Annotated[
            OrganizationFilter | None,
            strawberry.argument(description="Only organisations matching this (kind, member, nameContains, …)."),
        ] = None,
        order_by: Annotated[
            OrganizationOrder | None, strawberry.argument(description="Sort order (default: by id).")
        ] = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Connection[Organization]:
        limit, position, spec, graph = page_size(info, first), decode_cursor(after), to_spec(filter), info.context.graph
        sort, descending = "ID", False
        if order_by is not None:
            sort, descending = str(order_by.field.value), str(order_by.direction.value) == "DESC"
        rows = await organizations.organizations_page(graph, spec, sort, descending, position, limit + 1)

        async def count() -> int:
            return await organizations.organizations_count(graph, spec)

        return build_connection(rows, limit, position, Organization.from_row, count)  # type: ignore[no-any-return]

    @strawberry.field(description="A coalition by slug; null when unknown.")
    async def coalition(self, info: strawberry.Info, id: IdArg) -> Coalition | None:
        return await _one(info, "Coalition", id)  # type: ignore[return-value]

    @strawberry.field(description="Every coalition, by name.")
    async def coalitions(self, info: strawberry.Info) -> list[Coalition]:
        return [Coalition.from_row(r) for r in await participants.all_coalitions(info.context.graph)]

    @strawberry.field(description="An action plan by OGP id (`AP_ALB01`); null when unknown.")
    async def action_plan(self, info: strawberry.Info, id: IdArg) -> ActionPlan | None:
        return await _one(info, "ActionPlan", id)  # type: ignore[return-value]

    @strawberry.field(description="Every OGP region, by name.")
    async def regions(self, info: strawberry.Info) -> list[Region]:
        return [Region.from_row(r) for r in await regions.all_regions(info.context.graph)]

    @strawberry.field(description="Any object by its global `nodeId` (Relay); null when unknown.")
    async def node(
        self, info: strawberry.Info, id: Annotated[strawberry.ID, strawberry.argument(description="A `nodeId` value.")]
    ) -> Node | None:
        parsed = from_global_id(id)
        return None if parsed is None else await _one(info, *parsed)  # type: ignore[return-value]

    # Discovery (api/discovery.py: similarToText, learnFrom; api/facets.py: facets) and coalition analysis
    # (api/coalitions.py: connections, networks) add their root fields as extra Query types merged below.


schema = Schema(
    query=Query,
    types=[Member, ActionPlan, Commitment, PolicyArea, OgpValue, Organization, Coalition, Region],
    # The HTTP layer has already parsed and validated each request (and refused abusive ones before that);
    # caching by query text keeps execution from repeating that work for the queries an app sends again.
    extensions=[lambda: ParserCache(maxsize=512), lambda: ValidationCache(maxsize=512)],
    # Plain data fields (most of a discovery answer) complete without graphql-core's per-field bookkeeping.
    execution_context_class=LeanExecutionContext,
)
