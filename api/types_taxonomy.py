"""The OGP taxonomy as GraphQL types: policy areas (with parent/child areas) and the four OGP values."""

from __future__ import annotations

import strawberry

from api.declared import NodeRow, node_fields
from api.relay import Node
from api.types_commitment import CommitmentConnection, nested_commitments
from api.types_common import AfterArg, FilterArg, FirstArg, OrderArg
from graph import model as graph_model


@strawberry.type(description="An OGP policy area (slug of today's taxonomy), with its parent and child areas.")
@node_fields(graph_model.PolicyArea)
class PolicyArea(Node, NodeRow):
    @strawberry.field(description="The broader area it is part of.")
    async def parent(self, info: strawberry.Info) -> PolicyArea | None:
        parent_id = self.row.get("parent_id")
        row = await info.context.batch_policy_area.load(parent_id) if parent_id else None
        return PolicyArea.from_row(row) if row else None

    @strawberry.field(description="Narrower areas that are part of it.")
    async def children(self, info: strawberry.Info) -> list[PolicyArea]:
        return [PolicyArea.from_row(r["node"]) for r in await info.context.batch_policy_area_children.load(self.id)]

    @strawberry.field(description="Commitments addressing it or one of its child areas (one query for all areas).")
    async def commitments(
        self,
        info: strawberry.Info,
        filter: FilterArg = None,
        order_by: OrderArg = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> CommitmentConnection:
        return await nested_commitments(info, "policy_area", self.id, filter, order_by, first, after)


@strawberry.type(description="One of the four OGP values.")
@node_fields(graph_model.OgpValue)
class OgpValue(Node, NodeRow):
    @strawberry.field(description="Commitments advancing this value (one query for all values).")
    async def commitments(
        self,
        info: strawberry.Info,
        filter: FilterArg = None,
        order_by: OrderArg = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> CommitmentConnection:
        return await nested_commitments(info, "ogp_value", self.id, filter, order_by, first, after)
