"""Members, their action plans and regions as GraphQL types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.filters import MemberKind
from api.relay import Node, to_global_id
from api.types_common import AfterArg, FilterArg, FirstArg, OrderArg, Provenance, _d
from graph.backend import Row

if TYPE_CHECKING:
    from api.discovery import MemberPeer
    from api.types_coalition import Participation
    from api.types_commitment import Commitment, CommitmentConnection

LAZY = strawberry.lazy("api.types")


@strawberry.type(description="An OGP region (Africa and the Middle East, Americas, Asia and the Pacific, Europe).")
class Region(Node):
    id: strawberry.ID = _d("Region slug (`europe`).")
    name: str = _d("Region name.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> Region:
        """A Region from its node properties."""
        return cls(
            node_id=to_global_id("Region", row["id"]),
            id=row["id"],
            name=row["name"],
            provenance=Provenance.from_row(row),
        )

    @strawberry.field(description="Members in this region, by name.")
    async def members(self, info: strawberry.Info) -> list[Member]:
        return [Member.from_row(r["node"]) for r in await info.context.batch_region_members.load(self.id)]


@strawberry.type(description="A national or local OGP member (`id` is its opengovpartnership.org slug).")
class Member(Node):
    row: strawberry.Private[Row]
    id: strawberry.ID = _d("OGP website slug (`united-kingdom`, `kaduna-state-nigeria`).")
    name: str = _d("Name of the member.")
    code: str | None = _d("Member code (`GBR`, `NGKD`).")
    kind: MemberKind = _d("National or local member.")
    country_code: str | None = _d("For a local member, its country's code.")
    joined_year: int | None = _d("Year the member joined OGP.")
    last_year_participating: int | None = _d("Last year it participated (when it left or went inactive).")
    founding_member: bool | None = _d("One of the eight founding members (2011).")
    status: str | None = _d("Membership status.")
    former_names: list[str] = _d("Older names found in the sources (`UK`, `Macedonia`).")
    url: str | None = _d("Member page on opengovpartnership.org.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> Member:
        """A Member from its node properties."""
        return cls(
            row=row,
            node_id=to_global_id("Member", row["id"]),
            id=row["id"],
            name=row["name"],
            code=row.get("code"),
            kind=MemberKind(row.get("kind") or "national"),
            country_code=row.get("country_code"),
            joined_year=row.get("joined_year"),
            last_year_participating=row.get("last_year_participating"),
            founding_member=row.get("founding_member"),
            status=row.get("status"),
            former_names=row.get("former_names") or [],
            url=row.get("url"),
            provenance=Provenance.from_row(row),
        )

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
    ) -> Annotated[CommitmentConnection, LAZY]:
        from api.types_commitment import nested_commitments

        return await nested_commitments(info, "member", self.id, filter, order_by, first, after)

    @strawberry.field(description="Coalitions the member participates in, with role and year joined.")
    async def coalitions(self, info: strawberry.Info) -> list[Annotated[Participation, LAZY]]:
        from api.types_coalition import Participation

        return [Participation.from_row(r) for r in await info.context.batch_member_coalitions.load(self.id)]

    @strawberry.field(
        description="Members with the most similar portfolios of commitments (policy areas and "
        "IRM outcomes), best first, with the areas they share."
    )
    async def peers(
        self,
        info: strawberry.Info,
        first: Annotated[int, strawberry.argument(description="How many peers (1-100).")] = 10,
    ) -> list[Annotated[MemberPeer, strawberry.lazy("api.discovery")]]:
        from api.discovery import resolve_peers

        return await resolve_peers(self.id, info, first)


@strawberry.type(description="A member's two-year action plan, with the 2016 IRM process facts where known.")
class ActionPlan(Node):
    row: strawberry.Private[Row]
    id: strawberry.ID = _d("OGP action plan id (`AP_ALB01`).")
    number: int = _d("1 for the member's first plan, 2 for the second, …")
    submission_year: int | None = _d("Year the plan was submitted.")
    end_year: int | None = _d("Year the plan ends.")
    duration_years: int | None = _d("Planned duration in years.")
    consultation_steps_followed: int | None = _d("Consultation steps followed, out of 6 (IRM 2016).")
    regular_forum: bool | None = _d("A regular multi-stakeholder forum met (IRM 2016).")
    open_participation_development: bool | None = _d("Participation in development was open (IRM 2016).")
    iap2_level_development: str | None = _d("IAP2 participation level during development (IRM 2016).")
    iap2_level_implementation: str | None = _d("IAP2 participation level during implementation (IRM 2016).")
    self_assessment_published: bool | None = _d("The government published a self-assessment (IRM 2016).")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> ActionPlan:
        """An ActionPlan from its node properties."""
        keys = (
            "submission_year",
            "end_year",
            "duration_years",
            "consultation_steps_followed",
            "regular_forum",
            "open_participation_development",
            "iap2_level_development",
            "iap2_level_implementation",
            "self_assessment_published",
        )
        return cls(
            row=row,
            node_id=to_global_id("ActionPlan", row["id"]),
            id=row["id"],
            number=row["number"],
            provenance=Provenance.from_row(row),
            **{k: row.get(k) for k in keys},
        )

    @strawberry.field(description="The member whose plan this is.")
    async def member(self, info: strawberry.Info) -> Member | None:
        row = await info.context.batch_member.load(self.row["member_id"])
        return Member.from_row(row) if row else None

    @strawberry.field(description="The plan's commitments, by id.")
    async def commitments(self, info: strawberry.Info) -> list[Annotated[Commitment, LAZY]]:
        from api.types_commitment import Commitment

        return [Commitment.from_row(r["node"]) for r in await info.context.batch_action_plan_commitments.load(self.id)]
