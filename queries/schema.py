"""The graph schema every load and the API ensure: unique ids, property indexes, full-text indexes."""

from __future__ import annotations

from graph.backend import FulltextIndex, GraphSchema
from graph.model import NODE_MODELS, ActionPlan, Commitment, Organization

# Properties that queries filter or join on, besides the unique ``id`` of every label.
PROPERTY_INDEXES: tuple[tuple[str, str], ...] = (
    (Commitment.LABEL, "member_id"),
    (Commitment.LABEL, "natural_key"),
    (Commitment.LABEL, "year"),
    (Commitment.LABEL, "action_plan_id"),
    (ActionPlan.LABEL, "member_id"),
    (Organization.LABEL, "member_id"),
)


def graph_schema() -> GraphSchema:
    """The schema derived from ``graph.model``: one unique ``id`` per label, indexes, full-text per FULLTEXT."""
    fulltext = tuple(
        FulltextIndex(model.LABEL, tuple(props)) for model in NODE_MODELS if (props := getattr(model, "FULLTEXT", ()))
    )
    return GraphSchema(
        labels=tuple(model.LABEL for model in NODE_MODELS),
        indexes=PROPERTY_INDEXES,
        fulltext=fulltext,
    )
