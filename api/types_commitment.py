"""The Commitment type, its organisations with roles, and commitment connections (root and nested, batched)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types.nodes import Selection

from api.declared import NodeRow, build, many, node_fields, one, ref
from api.discovery import resolve_lineage, resolve_similar
from api.filters import CommitmentFilter, CommitmentOrder, to_spec
from api.pagination import Connection, build_connection, decode_cursor, page_size
from api.relay import Node
from api.types_common import _d
from api.types_discovery import OrderArg, PerMemberArg, SimilarCommitment, SimilarityFilterArg, SimilarityOrder
from api.types_irm import CommitmentIrm
from discovery.ranking import PER_MEMBER
from graph import model as graph_model
from graph.backend import Row
from graph.model import LEADS, SUPPORTS
from queries.commitments import commitment_pages_by_parent, commitments_count, commitments_page
from queries.paging import KeyedPage


def commitment_properties(selections: Iterable[Selection]) -> tuple[str, ...] | None:
    """The properties a selection on Commitment reads, or ``None`` for the whole node."""
    return Commitment.needed(selections)


@strawberry.type(description="A commitment in an action plan (`id` is the OGP id, e.g. `AL0002`).")
@node_fields(
    graph_model.Commitment,
    # The fields that read other properties of the node (or none); a field missing here (``irm`` reads every
    # rating) makes the request fetch the whole node. ``tests/unit/test_projection.py`` keeps this in step.
    navigation={
        "member": ("member_id",),
        "actionPlan": ("action_plan_id",),
        "policyAreas": (),
        "ogpValues": (),
        "organizations": (),
        "leadOrganizations": (),
        "similar": (),
        "lineage": (),
    },
)
class Commitment(Node, NodeRow):
    ALWAYS = ("id", "title")  # what ``from_row`` requires

    @strawberry.field(description="IRM design and results ratings.")
    def irm(self) -> CommitmentIrm:
        return CommitmentIrm(row=self.row)

    @strawberry.field(description="The member that made the commitment.", graphql_type=one("Member"))
    async def member(self, info: strawberry.Info) -> NodeRow | None:
        row = await info.context.batch_member.load(self.row["member_id"])
        return build("Member", row) if row else None

    @strawberry.field(description="The action plan that includes it.", graphql_type=one("ActionPlan"))
    async def action_plan(self, info: strawberry.Info) -> NodeRow | None:
        row = await info.context.batch_action_plan.load(self.row["action_plan_id"])
        return build("ActionPlan", row) if row else None

    @strawberry.field(description="Policy areas it addresses, by name.", graphql_type=many("PolicyArea"))
    async def policy_areas(self, info: strawberry.Info) -> list[NodeRow]:
        return [build("PolicyArea", r["node"]) for r in await info.context.batch_commitment_policy_areas.load(self.id)]

    @strawberry.field(description="OGP values it advances.", graphql_type=many("OgpValue"))
    async def ogp_values(self, info: strawberry.Info) -> list[NodeRow]:
        return [build("OgpValue", r["node"]) for r in await info.context.batch_commitment_ogp_values.load(self.id)]

    @strawberry.field(description="Organisations leading or supporting it, with their role.")
    async def organizations(self, info: strawberry.Info) -> list[CommitmentOrganization]:
        rows = await info.context.batch_commitment_organizations.load(self.id)
        return [CommitmentOrganization.from_row(r) for r in rows]

    @strawberry.field(description="Organisations leading it.", graphql_type=many("Organization"))
    async def lead_organizations(self, info: strawberry.Info) -> list[NodeRow]:
        rows = await info.context.batch_commitment_organizations.load(self.id)
        return [build("Organization", r["node"]) for r in rows if r["role"] == LEADS]

    @strawberry.field(
        description="Commitments elsewhere most like this one (what the texts mean, in any language, and the "
        "words they share), each with its score, the reasons as data and an explanation in words. At most "
        "two per member before the others' (`perMember`); `order: BEST_RESULTS_FIRST` puts the best IRM "
        "results first among the most alike. Unfiltered, from the 40 most alike in other members (and 5 in "
        "its own) stored at load time; with a region, kind, area, outcome or year filter, every commitment "
        "that passes it is ranked."
    )
    async def similar(
        self,
        info: strawberry.Info,
        first: Annotated[int, strawberry.argument(description="How many matches (1-100).")] = 10,
        filter: SimilarityFilterArg = None,
        order: OrderArg = SimilarityOrder.ALIKE,
        per_member: PerMemberArg = PER_MEMBER,
    ) -> list[SimilarCommitment]:
        return await resolve_similar(self.id, info, first, filter, order, per_member)

    @strawberry.field(
        description="The same reform carried across the member's successive action plans "
        "(derived CONTINUES links), oldest first, this commitment included."
    )
    async def lineage(self, info: strawberry.Info) -> list[Commitment]:
        return await resolve_lineage(self.id, info)


@strawberry.enum(description="How an organisation is named in a commitment.")
class OrganizationRole(Enum):
    LEAD = strawberry.enum_value(LEADS, description="Lead institution.")
    SUPPORT = strawberry.enum_value(SUPPORTS, description="Supporting institution.")


@strawberry.type(description="An organisation named in a commitment, with its role and the spelling used.")
class CommitmentOrganization:
    organization: NodeRow = strawberry.field(description="The organisation.", graphql_type=ref("Organization"))
    role: OrganizationRole = _d("Lead or supporting institution.")
    as_written: str | None = _d("How the source row spelled it.")

    @classmethod
    def from_row(cls, row: Row) -> CommitmentOrganization:
        """From a ``{node, role, as_written}`` row."""
        return cls(
            organization=build("Organization", row["node"]),
            role=OrganizationRole(row["role"]),
            as_written=row.get("as_written"),
        )


@strawberry.type(description="A page of commitments, with their total number (counted in the database).")
class CommitmentConnection(Connection[Commitment]):
    pass


def _sort(search: str | None, order: CommitmentOrder | None) -> tuple[str, bool]:
    if order is not None:
        return str(order.field.value), str(order.direction.value) == "DESC"
    return ("SCORE", True) if search is not None else ("ID", False)


async def commitment_connection(
    info: strawberry.Info,
    spec: dict[str, Any] | None,
    search: str | None,
    order: CommitmentOrder | None,
    first: int | None,
    after: str | None,
) -> CommitmentConnection:
    """A page of commitments (keyset, ``first + 1`` rows) with a lazy database count (root lists)."""
    limit, position = page_size(info, first), decode_cursor(after)
    graph = info.context.graph
    sort, descending = _sort(search, order)
    rows = await commitments_page(graph, spec, search, sort, descending, position, limit + 1)

    async def count() -> int:
        return await commitments_count(graph, spec, search)

    connection = build_connection(rows, limit, position, Commitment.from_row, count)
    return CommitmentConnection(edges=connection.edges, page_info=connection.page_info, count=count)


async def nested_commitment_page(
    info: strawberry.Info,
    parent: str,
    parent_id: str,
    given: CommitmentFilter | None,
    order: CommitmentOrder | None,
    first: int | None,
    after: str | None,
    roles: tuple[str, ...] = (LEADS, SUPPORTS),
) -> tuple[KeyedPage, int, tuple[Any, str] | None]:
    """This parent's commitment page, loaded with every sibling parent asking the same arguments (ONE query).

    Returns the page (``limit + 1`` rows at most, with ``total``), the page size and the decoded ``after``.
    """
    limit, position, spec = page_size(info, first), decode_cursor(after), to_spec(given)
    sort, descending = _sort(None, order)
    arguments = {"spec": spec, "sort": sort, "desc": descending, "after": position, "limit": limit, "roles": roles}

    async def fetch(ids: Any) -> dict[str, KeyedPage]:
        return await commitment_pages_by_parent(
            info.context.graph, parent, ids, spec, sort, descending, position, limit + 1, roles
        )

    page = await info.context.batch_pages(f"{parent}.commitments", arguments, fetch).load(parent_id)
    return page, limit, position


async def nested_commitments(
    info: strawberry.Info,
    parent: str,
    parent_id: str,
    given: CommitmentFilter | None,
    order: CommitmentOrder | None,
    first: int | None,
    after: str | None,
) -> CommitmentConnection:
    """A parent's commitment connection (Member/PolicyArea/OgpValue.commitments), batched across parents."""
    page, limit, position = await nested_commitment_page(info, parent, parent_id, given, order, first, after)

    async def count() -> int:
        return page.total

    connection = build_connection(page.rows, limit, position, Commitment.from_row, count)
    return CommitmentConnection(edges=connection.edges, page_info=connection.page_info, count=count)
