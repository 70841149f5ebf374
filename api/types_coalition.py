"""Coalitions as GraphQL types: participants (a paged connection with role and since) and focus areas."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry

from api.coalitions import CoalitionGaps, FocusCommitment, focus_commitments_of, gaps_of
from api.declared import NodeRow, node_fields
from api.pagination import PageInfo, decode_cursor, page_size
from api.relay import Node
from api.types_common import AfterArg, FirstArg, _d, keyed_page_info, row_cursor
from api.types_member import Member
from api.types_organization import Organization
from api.types_taxonomy import PolicyArea
from graph import model as graph_model
from graph.backend import Row
from queries.paging import KeyedPage
from queries.participants import participant_pages


@strawberry.type(description="A member's or organisation's participation in a coalition.")
class Participation:
    coalition: Coalition = _d("The coalition.")
    role: str | None = _d("Role in the coalition (`participant`, `co-chair`, …).")
    since: int | None = _d("Year it joined, when known.")

    @classmethod
    def from_row(cls, row: Row) -> Participation:
        """From a ``{node, role, since}`` row."""
        return cls(coalition=Coalition.from_row(row["node"]), role=row.get("role"), since=row.get("since"))


Participant = Annotated[Member | Organization, strawberry.union("Participant", description="A member or organisation.")]


@strawberry.type(description="A coalition participant with its role and the year it joined.")
class ParticipantEdge:
    cursor: str = _d("Opaque cursor of this participant (pass as `after`).")
    node: Participant = _d("The member or organisation.")
    role: str | None = _d("Role in the coalition (`participant`, `co-chair`, …).")
    since: int | None = _d("Year it joined, when known.")


@strawberry.type(description="A page of a coalition's participants.")
class ParticipantConnection:
    edges: list[ParticipantEdge] = _d("The participants of this page with role and year.")
    page_info: PageInfo = _d("Whether more participants follow, and the cursors to get them.")
    total_count: int = _d("How many participants the coalition has (counted in the database).")

    @strawberry.field(description="The participants of this page (same as `edges { node }`).")
    def nodes(self) -> list[Participant]:
        return [edge.node for edge in self.edges]


@strawberry.type(description="A group convened around a policy area, e.g. the Beneficial Ownership Leadership Group.")
@node_fields(graph_model.Coalition)
class Coalition(Node, NodeRow):
    @strawberry.field(
        description="Members and organisations participating, by name, with role and year "
        "(keyset pages; one query for all coalitions)."
    )
    async def participants(
        self, info: strawberry.Info, first: FirstArg = None, after: AfterArg = None
    ) -> ParticipantConnection:
        limit, position = page_size(info, first), decode_cursor(after)

        async def fetch(ids: Sequence[str]) -> dict[str, KeyedPage]:
            return await participant_pages(info.context.graph, ids, position, limit + 1)

        loader = info.context.batch_pages("coalition.participants", {"after": position, "limit": limit}, fetch)
        page = await loader.load(self.id)
        rows, page_info = keyed_page_info(page, limit, position)
        edges = [
            ParticipantEdge(
                cursor=row_cursor(r),
                role=r.get("role"),
                since=r.get("since"),
                node=Member.from_row(r["node"]) if "Member" in r["labels"] else Organization.from_row(r["node"]),
            )
            for r in rows
        ]
        return ParticipantConnection(edges=edges, page_info=page_info, total_count=page.total)

    @strawberry.field(description="Policy areas the coalition focuses on.")
    async def policy_areas(self, info: strawberry.Info) -> list[PolicyArea]:
        return [PolicyArea.from_row(r["node"]) for r in await info.context.batch_coalition_policy_areas.load(self.id)]

    @strawberry.field(
        description="Gap analysis: members working on the focus areas that are not participants "
        "(recruitment targets, ranked), participants with no commitment there yet, and organisations "
        "active on these areas in several members."
    )
    async def gaps(self, info: strawberry.Info) -> CoalitionGaps:
        return await gaps_of(info, self.id)

    @strawberry.field(description="The participating members' commitments in the focus areas, with IRM outcomes.")
    async def focus_commitments(self, info: strawberry.Info) -> list[FocusCommitment]:
        return await focus_commitments_of(info, self.id)
