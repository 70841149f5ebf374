"""GraphQL object types: one per graph label (same names), fields = ``graph/model.py`` fields camelCased.

The types live in modules by reason to change (``types_member``, ``types_commitment``, ``types_taxonomy``,
``types_organization``, ``types_coalition``, ``types_irm``, ``types_common``); this module re-exports them,
so ``strawberry.lazy("api.types")`` and ``from api.types import Member`` keep working. Types are plain
``@strawberry.type`` classes built with ``from_row`` from the property dicts the queries return.
Navigation fields go through the per-request ``batch_*`` DataLoaders of ``api/context.py`` (nested
connections through ``Context.batch_pages``), so nesting costs one query per level, not per object.

Other modules attach fields lazily, e.g. in a type's module (see the "adds … here" comments)::

    @strawberry.field(description="…")
    async def similar(
        self, info: strawberry.Info
    ) -> list[Annotated["SimilarCommitment", strawberry.lazy("api.discovery")]]:
        from api.discovery import similar_commitments
        return await similar_commitments(info, self.id)
"""

from __future__ import annotations

from api.types_coalition import Coalition, Participant, ParticipantConnection, ParticipantEdge, Participation
from api.types_commitment import (
    Commitment,
    CommitmentConnection,
    CommitmentOrganization,
    OrganizationRole,
    commitment_connection,
    nested_commitments,
)
from api.types_common import AfterArg, FilterArg, FirstArg, OrderArg, Provenance
from api.types_irm import CommitmentIrm, IrmRating
from api.types_member import ActionPlan, Member, Region
from api.types_organization import Organization, OrganizationCommitmentConnection, OrganizationCommitmentEdge
from api.types_taxonomy import OgpValue, PolicyArea

__all__ = [
    "ActionPlan",
    "AfterArg",
    "Coalition",
    "Commitment",
    "CommitmentConnection",
    "CommitmentIrm",
    "CommitmentOrganization",
    "FilterArg",
    "FirstArg",
    "IrmRating",
    "Member",
    "OgpValue",
    "OrderArg",
    "Organization",
    "OrganizationCommitmentConnection",
    "OrganizationCommitmentEdge",
    "OrganizationRole",
    "Participant",
    "ParticipantConnection",
    "ParticipantEdge",
    "Participation",
    "PolicyArea",
    "Provenance",
    "Region",
    "commitment_connection",
    "nested_commitments",
]
