"""GraphQL object types: one per graph label (same names), fields = ``graph/model.py`` fields camelCased.

The types live in modules by reason to change, which import one way: ``types_commitment`` (with
``types_irm``), then ``types_taxonomy`` and ``types_member``, then ``types_organization``, then
``types_coalition``; this module re-exports them for ``api/schema.py``. A field whose type lives in a module
above its own (a commitment's ``member``) names that type lazily (``graphql_type=one("Member")``) and builds
it by name (``build("Member", row)``, ``api/declared.py``), so no module imports back up.
Types are ``@strawberry.type`` classes whose property fields come from the model (``@node_fields``) and
are built with ``from_row`` from the property dicts the queries return. Navigation fields go through the
per-request ``batch_*`` DataLoaders of ``api/context.py`` (nested connections through
``Context.batch_pages``), so nesting costs one query per level, not per object.
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
