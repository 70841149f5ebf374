"""Organisations as GraphQL types, with their commitments (edges carry the role and the spelling used)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.declared import NodeRow, build, many, node_fields
from api.pagination import PageInfo
from api.relay import Node
from api.types_commitment import Commitment, OrganizationRole, nested_commitment_page
from api.types_common import AfterArg, FilterArg, FirstArg, OrderArg, _d, keyed_page_info, row_cursor
from api.types_member import Member
from graph import model as graph_model
from graph.model import LEADS, SUPPORTS

RoleArg = Annotated[OrganizationRole | None, strawberry.argument(description="Only as lead, or as support.")]


@strawberry.type(description="A commitment an organisation is named in, with its role and the spelling used.")
class OrganizationCommitmentEdge:
    cursor: str = _d("Opaque cursor of this commitment (pass as `after`).")
    node: Commitment = _d("The commitment.")
    role: OrganizationRole = _d("Lead or supporting institution (LEAD when named as both).")
    as_written: str | None = _d("How the commitment's source row spelled the organisation (for that role).")


@strawberry.type(description="A page of an organisation's commitments, with their total number.")
class OrganizationCommitmentConnection:
    edges: list[OrganizationCommitmentEdge] = _d("The commitments of this page with role and spelling.")
    page_info: PageInfo = _d("Whether more commitments follow, and the cursors to get them.")
    total_count: int = _d("How many commitments name the organisation (in that role), counted in the database.")

    @strawberry.field(description="The commitments of this page (same as `edges { node }`).")
    def nodes(self) -> list[Commitment]:
        return [edge.node for edge in self.edges]


@strawberry.type(description="A government body, CSO, parliament, company or multilateral named in commitments.")
@node_fields(graph_model.Organization)
class Organization(Node, NodeRow):
    @strawberry.field(description="For a national body: the member it belongs to.")
    async def member(self, info: strawberry.Info) -> Member | None:
        member_id = self.row.get("member_id")
        row = await info.context.batch_member.load(member_id) if member_id else None
        return Member.from_row(row) if row else None

    @strawberry.field(description="Commitments it leads or supports, with its role (one query for all organisations).")
    async def commitments(
        self,
        info: strawberry.Info,
        role: RoleArg = None,
        filter: FilterArg = None,
        order_by: OrderArg = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> OrganizationCommitmentConnection:
        roles = (LEADS, SUPPORTS) if role is None else (str(role.value),)
        page, limit, position = await nested_commitment_page(
            info, "organization", self.id, filter, order_by, first, after, roles
        )
        rows, page_info = keyed_page_info(page, limit, position)
        edges = [
            OrganizationCommitmentEdge(
                cursor=row_cursor(r),
                node=Commitment.from_row(r["node"]),
                role=OrganizationRole(r["links"][0]["role"]),
                as_written=r["links"][0].get("as_written"),
            )
            for r in rows
        ]
        return OrganizationCommitmentConnection(edges=edges, page_info=page_info, total_count=page.total)

    @strawberry.field(description="Members whose commitments name it, by name.")
    async def members(self, info: strawberry.Info) -> list[Member]:
        return [Member.from_row(r["node"]) for r in await info.context.batch_organization_members.load(self.id)]

    @strawberry.field(
        description="For a national chapter, secretariat or chamber (Transparency International Georgia, GHEITI, "
        "AmCham Serbia): the international network it belongs to (CHAPTER_OF); null otherwise."
    )
    async def network(self, info: strawberry.Info) -> Organization | None:
        rows = await info.context.batch_organization_network.load(self.id)
        return Organization.from_row(rows[0]["node"]) if rows else None

    @strawberry.field(
        description="For an international network (Transparency International, EITI, Open Society Foundations, "
        "American Chambers of Commerce, Publish What You Pay): its national chapters, by member. "
        '`organization(id: "transparency-international") { chapters { name member { name } } }` lists all TI chapters.'
    )
    async def chapters(self, info: strawberry.Info) -> list[Organization]:
        return [Organization.from_row(r["node"]) for r in await info.context.batch_organization_chapters.load(self.id)]

    @strawberry.field(
        description="Coalitions it participates in, with role and year joined.", graphql_type=many("Participation")
    )
    async def coalitions(self, info: strawberry.Info) -> list[object]:
        return [build("Participation", r) for r in await info.context.batch_organization_coalitions.load(self.id)]
