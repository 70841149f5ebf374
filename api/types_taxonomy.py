"""The OGP taxonomy as GraphQL types: policy areas (with parent/child areas) and the four OGP values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.relay import Node, to_global_id
from api.types_common import AfterArg, FilterArg, FirstArg, OrderArg, Provenance, _d
from graph.backend import Row

if TYPE_CHECKING:
    from api.types_commitment import CommitmentConnection

LAZY = strawberry.lazy("api.types")


@strawberry.type(description="An OGP policy area (slug of today's taxonomy), with its parent and child areas.")
class PolicyArea(Node):
    row: strawberry.Private[Row]
    id: strawberry.ID = _d("Policy area slug (`open-contracting`).")
    name: str = _d("Name.")
    legacy_names: list[str] = _d("Older tag names mapped onto it.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> PolicyArea:
        """A PolicyArea from its node properties."""
        return cls(
            row=row,
            node_id=to_global_id("PolicyArea", row["id"]),
            id=row["id"],
            name=row["name"],
            legacy_names=row.get("legacy_names") or [],
            provenance=Provenance.from_row(row),
        )

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
    ) -> Annotated[CommitmentConnection, LAZY]:
        from api.types_commitment import nested_commitments

        return await nested_commitments(info, "policy_area", self.id, filter, order_by, first, after)


@strawberry.type(description="One of the four OGP values.")
class OgpValue(Node):
    id: strawberry.ID = _d("Value slug (`access-to-information`).")
    name: str = _d("Name.")
    description: str = _d("What the value means.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> OgpValue:
        """An OgpValue from its node properties."""
        return cls(
            node_id=to_global_id("OgpValue", row["id"]),
            id=row["id"],
            name=row["name"],
            description=row.get("description") or "",
            provenance=Provenance.from_row(row),
        )

    @strawberry.field(description="Commitments advancing this value (one query for all values).")
    async def commitments(
        self,
        info: strawberry.Info,
        filter: FilterArg = None,
        order_by: OrderArg = None,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Annotated[CommitmentConnection, LAZY]:
        from api.types_commitment import nested_commitments

        return await nested_commitments(info, "ogp_value", self.id, filter, order_by, first, after)
