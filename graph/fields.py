"""How a node property is declared: once, beside its type in ``graph/model.py``, with everything derived from it.

A property is declared as ``name: Annotated[type, Prop(...)]`` (an IRM rating as ``Rating(...)``). The
declaration says what the property means (the GraphQL description), where the API shows it (on the
node's type, inside ``Commitment.irm``, or nowhere), whether it can be filtered and sorted, its rating
scale, and the source column it comes from in each file layout. Everything else is derived from it:
the GraphQL object types and ``from_row`` (``api/declared.py``), the IRM type, filter inputs and sort
enums, the filter and sort allow-lists of the Cypher queries (``queries/filters.py``), the projection
tables, and the column maps of the commitment loaders. ``CONTRIBUTING.md`` has the recipe for a new field.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.ratings import SCALES

# Source file layouts that carry node properties column by column (one key per layout in ``Prop.columns``).
CURRENT = "current"  # today's OGP commitments spreadsheet (loaders/commitments.py)
EXPLORER = "explorer"  # the legacy IRM Explorer export, 2011-2016 (loaders/explorer.py)
COMBINED_2015 = "combined-2015"  # the IRM Combined Database of May 2015 (loaders/combined2015.py)

Shown = Literal["node", "irm"]

# At most MAX_ID_CHARS: FalkorDB 4.x crashes (a segfault in its unique-constraint check) on an id of a few
# thousand characters, which a hostile file could give; no real id comes near it.
MAX_ID_CHARS = 1000
NodeId = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)]
# The position of a rating on its scale (0 = lowest), stored as ``<rating>_level`` beside a ``Rating`` that
# can be filtered by level or sorted; filled from the rating's value, never given by a loader.
Level = Annotated[int | None, Field(description="Position on the rating's scale (0 = lowest).")]
# A value written outside the property's scale (``Unclear`` as a potential impact), kept as written in
# ``<name>_raw`` right below every property that has a scale; the property itself then stays empty.
AsWritten = Annotated[str | None, Field(description="The value as the source wrote it, when it is off the scale.")]


@dataclass(frozen=True)
class Column:
    """A source column; ``twin`` is a numeric column that must agree with it: twin = level + ``twin_offset``."""

    name: str
    twin: str | None = None
    twin_offset: int = 0


@dataclass(frozen=True, eq=False)
class Choices:
    """A closed set of string values (a ``Literal`` in the model), each with its meaning: a GraphQL enum."""

    name: str
    description: str
    values: Mapping[str, str]


@dataclass(frozen=True)
class Prop:
    """One node property: its meaning, where the API shows it, filtering, sorting and source columns.

    Args:
        description: What it means; the GraphQL description of the field, its filter and its sort value.
        shown: ``"node"`` (a field of the node's GraphQL type), ``"irm"`` (a field of ``Commitment.irm``)
            or ``None`` (stored only: keys, provenance of layouts, values the API exposes another way).
        filter: The field can be filtered on (the operators follow its type); ``filter_name`` renames it.
        sort: The lists of this label can be sorted by it (``sort_description`` when it reads differently).
        columns: Source layout (``CURRENT``, ``EXPLORER``, …) → the column it is read from.
        scale: The rating scale (``graph/ratings.py``) its raw values are parsed on.
        choices: The meaning of each value of a ``Literal`` type (the API shows it as an enum).
    """

    description: str
    shown: Shown | None = "node"
    filter: bool = False
    filter_name: str | None = None
    sort: bool = False
    sort_description: str | None = None
    columns: Mapping[str, str | Column] = field(default_factory=dict)
    scale: str | None = None
    choices: Choices | None = None

    @property
    def rating(self) -> bool:
        """Shown as an ``IrmRating`` (value, label, level, the scale's meaning)."""
        return False


@dataclass(frozen=True)
class Rating(Prop):
    """An IRM rating: a value slug on ``scale`` (or a missing-value slug), shown as an ``IrmRating``.

    When the model also has ``<name>_level: Level`` right below it, the rating's position on the scale
    is stored too (filled from the value), so it can be filtered by level and sorted by it.
    """

    shown: Shown | None = "irm"

    def __post_init__(self) -> None:
        if self.scale not in SCALES:
            raise ValueError(f"Rating: unknown scale {self.scale!r} (graph/ratings.py has {', '.join(SCALES)})")

    @property
    def rating(self) -> bool:
        return True


class NodeModel(BaseModel):
    """Base of every node model: frozen, no unknown fields, a stable ``id``; ratings' levels filled in."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    LABEL: ClassVar[str]
    id: Annotated[NodeId, Prop("Stable, source-derived identifier.")]

    @model_validator(mode="before")
    @classmethod
    def _levels(cls, data: Any) -> Any:
        """``<rating>_level`` = the position of the rating's value on its scale, whenever the value is given."""
        if isinstance(data, dict):
            for item in declared(cls):
                if item.level_property is not None and item.name in data:
                    value, scale = data[item.name], SCALES[str(item.prop.scale)]
                    data = {**data, item.level_property: None if value is None else scale.level(value)}
        return data


class RelModel(BaseModel):
    """Base of every relationship model that has properties."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    TYPE: ClassVar[str]


@dataclass(frozen=True)
class Declared:
    """A declared property of a model: its name, Python type and declaration."""

    name: str
    annotation: Any
    prop: Prop
    required: bool
    default: Any
    level_property: str | None = None  # ``completion_level`` for a rating whose level is stored
    raw_property: str | None = None  # ``completion_raw``: the value kept as written when it is off the scale

    @property
    def filter_name(self) -> str:
        """The name of its filter field (snake_case)."""
        return self.prop.filter_name or self.name

    @property
    def value_type(self) -> Any:
        """The type without ``None`` (``int`` for ``int | None``)."""
        args = get_args(self.annotation)
        if get_origin(self.annotation) in (Union, types.UnionType):
            kept = [a for a in args if a is not type(None)]
            return kept[0] if len(kept) == 1 else self.annotation
        return self.annotation

    @property
    def optional(self) -> bool:
        """``None`` is a possible value."""
        return get_origin(self.annotation) in (Union, types.UnionType) and type(None) in get_args(self.annotation)

    def column(self, layout: str) -> Column | None:
        """Its source column in ``layout``, if that layout has one."""
        column = self.prop.columns.get(layout)
        return Column(column) if isinstance(column, str) else column


@cache
def declared(model: type[BaseModel]) -> tuple[Declared, ...]:
    """The declared properties of ``model``, in declaration order (``id`` first)."""
    found = []
    for name, info in model.model_fields.items():
        prop = next((m for m in info.metadata if isinstance(m, Prop)), None)
        if prop is None:
            continue
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        level = f"{name}_level" if prop.rating and f"{name}_level" in model.model_fields else None
        raw = f"{name}_raw" if prop.scale is not None else None
        if raw is not None and raw not in model.model_fields:
            raise TypeError(f"{model.__name__}.{name} has a scale: declare `{raw}: AsWritten = None` right below it")
        found.append(Declared(name, info.annotation, prop, info.is_required(), default, level, raw))
    return tuple(found)


def stored_properties(model: type[BaseModel]) -> Iterator[str]:
    """Every property a node of ``model`` stores (with the ``_level`` of ratings and the ``_raw`` of scaled
    properties), in declaration order."""
    for item in declared(model):
        yield item.name
        if item.level_property is not None:
            yield item.level_property
        if item.raw_property is not None:
            yield item.raw_property


def ratings(model: type[BaseModel]) -> list[Declared]:
    """The properties of ``model`` read on a rating scale (IRM ratings and scaled flags)."""
    return [item for item in declared(model) if item.prop.scale is not None]


def shown(model: type[BaseModel], where: Shown) -> list[Declared]:
    """The properties the API shows on the node's type (``"node"``) or in ``Commitment.irm`` (``"irm"``)."""
    return [item for item in declared(model) if item.prop.shown == where]


def source_columns(model: type[BaseModel], layout: str) -> list[tuple[Declared, Column]]:
    """The properties a ``layout`` file gives, each with its column there."""
    return [(item, column) for item in declared(model) if (column := item.column(layout)) is not None]
