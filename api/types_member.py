"""Members, their action plans and regions as GraphQL types."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.declared import NodeRow, build, many, node_fields
from api.discovery import resolve_peers
from api.relay import Node
from api.types_commitment import Commitment, CommitmentConnection, nested_commitments
from api.types_common import AfterArg, FilterArg, FirstArg, OrderArg
from api.types_discovery import MemberPeer
from graph import model as graph_model


@strawberry.type(description="An OGP region (Africa and the Middle East, Americas, Asia and the Pacific, Europe).")
@node_fields(graph_model.Region)
class Region(Node, NodeRow):
    @strawberry.field(description="Members in this region, by name.")
    async def members(self, info: strawberry.Info) -> list[Member]:
        return [Member.from_row(r["node"]) for r in await info.context.batch_region_members.load(self.id)]


@strawberry.type(description="A national or local OGP member (`id` is its opengovpartnership.org slug).")
@node_fields(graph_model.Member)
class Member(Node, NodeRow):
    @strawberry.field(description="The member's region.")
    async def region(self, info: strawberry.Info) -> Region | None:
        rows = await info.context.batch_member_region.load(self.id)
        return Region.from_row(rows[0]["node"]) if rows else None

    @strawberry.field(description="For a local member: the national member it is located in.")
    async def country(self, info: strawberry.Info) -> Member | None:
        rows = await info.context.batch_member_country.load(self.id)
        return Member.from_row(rows[0]["node"]) if rows else None

    @strawberry.field(description="For a national member: the local members located in it.")
    async def local_members(self, info: strawberry.Info) -> list[Member]:
        return [Member.from_row(r["node"]) for r in await info.context.batch_member_local_members.load(self.id)]

    @strawberry.field(description="The member's action plans, in order.")
    async def action_plans(self, info: strawberry.Info) -> list[ActionPlan]:
        return [ActionPlan.from_row(r["node"]) for r in await info.context.batch_member_action_plans.load(self.id)]

    @strawberry.field(description="The member's commitments across its action plans (one query for all members).")
    async def commitments(
        self,
        info: strawberry.Info,
        filter: FilterArg = None,
        order_by: OrderArg = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> CommitmentConnection:
        return await nested_commitments(info, "member", self.id, filter, order_by, first, after)

    @strawberry.field(
        description="Coalitions the member participates in, with role and year joined.",
        graphql_type=many("Participation"),
    )
    async def coalitions(self, info: strawberry.Info) -> list[object]:
        return [build("Participation", r) for r in await info.context.batch_member_coalitions.load(self.id)]

    @strawberry.field(
        description="Members with the most similar portfolios of commitments (policy areas and "
        "IRM outcomes), best first, with the areas they share."
    )
    async def peers(
        self,
        info: strawberry.Info,
        first: Annotated[int, strawberry.argument(description="How many peers (1-100).")] = 10,
    ) -> list[MemberPeer]:
        return await resolve_peers(self.id, info, first)


@strawberry.type(description="A member's two-year action plan, with the 2016 IRM process facts where known.")
@node_fields(graph_model.ActionPlan)
class ActionPlan(Node, NodeRow):
    @strawberry.field(description="The member whose plan this is.")
    async def member(self, info: strawberry.Info) -> Member | None:
        row = await info.context.batch_member.load(self.row["member_id"])
        return Member.from_row(row) if row else None

    @strawberry.field(description="The plan's commitments, by id.")
    async def commitments(self, info: strawberry.Info) -> list[Commitment]:
        return [Commitment.from_row(r["node"]) for r in await info.context.batch_action_plan_commitments.load(self.id)]
