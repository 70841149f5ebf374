"""IRM ratings as GraphQL objects: value slug, readable label, level, and the scale's meaning (graph/ratings.py).

``CommitmentIrm``'s fields are the commitment properties declared with ``shown="irm"`` in the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

from api.declared import graphql_type
from api.types_common import _d
from graph.backend import Row
from graph.fields import Declared, NodeModel, shown
from graph.model import Commitment
from graph.ratings import SCALES

T = TypeVar("T")

NOT_ON_SCALE = "not_on_scale"  # the value of a rating kept only as written (see ``as_written``)

MISSING_LABELS = {"no_data": "ND: no data", "not_reviewed": "NR: not reviewed", "not_applicable": "NA: not applicable"}


def rating_label(value: str) -> str:
    """A readable label for a value slug: the missing-value code spelled out, else the slug as words."""
    return MISSING_LABELS.get(value) or value.replace("_", " ").capitalize()


@strawberry.type(description="One IRM rating: the value slug, a readable label, its level on the scale.")
class IrmRating:
    value: str = _d("Value slug as stored (`substantial`), or a missing-value slug (`no_data`, `not_reviewed`, …).")
    label: str = _d("Readable label.")
    level: int | None = _d("Ordinal position on the rating's scale (higher = more), when it has one.")
    assessed: bool = _d("False when the IRM gave no rating (ND, NR, NA).")
    missing_reason: str | None = _d("Why it is missing: `no_data`, `not_reviewed` or `not_applicable`.")
    scale: str | None = _d("Name of the IRM scale it is rated on (`completion`, `did_it_open_government`, …).")
    meaning: str | None = _d("What the scale measures (from the IRM method).")
    max_level: int | None = _d("Highest level on the scale (so `level / maxLevel` is a 0-1 position).")
    as_written: str | None = _d(
        "The rating as the source wrote it, when it is not on the IRM scale (e.g. `Unclear` as a potential "
        "impact); `value` is then `not_on_scale` and `level` null."
    )

    @classmethod
    def of(cls, row: Row, rating: Declared) -> IrmRating | None:
        """The ``rating`` stored in a node's property dict (with its level when stored), or ``None`` if absent."""
        value = row.get(rating.name)
        scale = SCALES[str(rating.prop.scale)]
        raw = row.get(rating.raw_property) if rating.raw_property else None
        if value is None and raw is not None:
            return cls(
                value=NOT_ON_SCALE,
                label=f"Not on the scale: {raw}",
                level=None,
                assessed=True,
                missing_reason=None,
                scale=scale.name,
                meaning=scale.meaning,
                max_level=len(scale.values) - 1,
                as_written=str(raw),
            )
        if value is None:
            return None
        value = str(value)
        missing = value if value in MISSING_LABELS else None
        return cls(
            value=value,
            label=rating_label(value),
            level=row.get(rating.level_property) if rating.level_property else None,
            assessed=missing is None,
            missing_reason=missing,
            scale=scale.name,
            meaning=scale.meaning,
            max_level=len(scale.values) - 1,
            as_written=None,
        )


def _irm_field(item: Declared) -> Any:
    """A field of ``CommitmentIrm`` reading one declared property of the commitment's row."""
    if item.prop.rating:

        def rating(self: Any) -> IrmRating | None:
            return IrmRating.of(self.row, item)

        rating.__annotations__ = {"return": IrmRating | None}
        return strawberry.field(resolver=rating, description=item.prop.description)

    def value(self: Any) -> Any:
        return self.row.get(item.name)

    value.__annotations__ = {"return": graphql_type(item)}
    return strawberry.field(resolver=value, description=item.prop.description)


def irm_fields(model: type[NodeModel]) -> Callable[[type[T]], type[T]]:
    """Class decorator: a field per property the model shows in ``irm`` (``Prop(shown="irm")``), ratings as
    ``IrmRating``, the rest as their plain value."""

    def add(cls: type[T]) -> type[T]:
        for item in shown(model, "irm"):
            setattr(cls, item.name, _irm_field(item))
        return cls

    return add


@strawberry.type(description="The Independent Reporting Mechanism's assessment of a commitment.")
@irm_fields(Commitment)
class CommitmentIrm:
    row: strawberry.Private[Row]
