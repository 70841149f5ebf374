"""The GraphQL side of the field declarations in ``graph/model.py``: node fields, enums, sorts, projections.

A node type lists only what is not a plain property (its navigation fields); ``@node_fields(Model)`` adds
one field per property the model shows on the node (``Prop(shown="node")``) with the declared
description, before the type's own fields, and ``NodeRow.from_row`` fills them from a node's property
dict. The fields are plain attributes (no resolver), so the lean executor completes them in one pass and
the committed SDL reads as if they were written by hand.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Self, TypeVar, cast, get_origin

import strawberry
from strawberry.types.nodes import Selection
from strawberry.utils.str_converters import to_camel_case

from api.projection import needed_properties
from api.relay import to_global_id
from api.types_provenance import PROVENANCE, Provenance
from graph.backend import Row
from graph.fields import Choices, Declared, NodeModel, declared, shown

T = TypeVar("T")


@cache
def graphql_enum(choices: Choices) -> type[Enum]:
    """The GraphQL enum of a set of choices (one class per set): values in upper case, described."""
    members = {value.upper(): strawberry.enum_value(value, description=text) for value, text in choices.values.items()}
    return _enum(choices.name, choices.description, members)


def _enum(name: str, description: str, members: Mapping[str, Any]) -> type[Enum]:
    """A GraphQL enum of described values (``strawberry.enum_value``)."""
    cls: type[Enum] = Enum(name, dict(members))  # type: ignore[misc]  # the functional API, with a computed name
    return strawberry.enum(cls, description=description)


def graphql_type(item: Declared) -> Any:
    """The GraphQL type of a declared property: ``ID`` for ``id``, enums for choices, else its Python type."""
    if item.name == "id":
        return strawberry.ID
    if item.prop.choices is not None:
        enum = graphql_enum(item.prop.choices)
        return enum | None if item.optional else enum
    if get_origin(item.annotation) is Literal:
        raise TypeError(f"{item.name}: a Literal property needs `choices=` (the meaning of each value)")
    return item.annotation


def value_of(item: Declared, row: Row) -> Any:
    """The GraphQL value of a declared property in a node's property dict (its model default when absent)."""
    value = row.get(item.name)
    if value is None:
        value = item.default
    if item.prop.choices is not None and value is not None:
        return graphql_enum(item.prop.choices)(value)
    return value


class NodeRow:
    """Base of the node types: ``from_row`` builds one from a node's property dict (``@node_fields`` sets ``MODEL``)."""

    MODEL: ClassVar[type[NodeModel]]
    DECLARED: ClassVar[tuple[Declared, ...]]
    PROPERTIES: ClassVar[dict[str, tuple[str, ...]]]  # GraphQL field -> the node properties it reads
    ALWAYS: ClassVar[tuple[str, ...]] = ("id",)  # what ``from_row`` requires
    if TYPE_CHECKING:  # added by ``@node_fields``
        id: str
        row: Row

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """The node type of a property dict: its declared fields, the row itself, provenance and global id."""
        values = {item.name: value_of(item, row) for item in cls.DECLARED}
        node_id = to_global_id(cls.MODEL.LABEL, row["id"])
        node: Self = cast(Any, cls)(row=row, node_id=node_id, provenance=Provenance.from_row(row), **values)
        return node

    @classmethod
    def needed(cls, selections: Iterable[Selection]) -> tuple[str, ...] | None:
        """The node properties a selection on this type reads, or ``None`` for the whole node (api/projection.py)."""
        return needed_properties(selections, cls.PROPERTIES, cls.ALWAYS)


def node_fields(
    model: type[NodeModel], navigation: Mapping[str, Sequence[str]] | None = None
) -> Callable[[type[T]], type[T]]:
    """Class decorator: add the model's shown properties as fields (then ``row`` and ``provenance``) before the
    type's own fields; put it under ``@strawberry.type`` on a ``NodeRow`` subclass. ``navigation``: the type's
    other fields that read properties of the node (or none), for ``NodeRow.needed`` (``node_properties``)."""

    def add(cls: type[T]) -> type[T]:
        items = tuple(shown(model, "node"))
        annotations: dict[str, Any] = {}
        for item in items:
            annotations[item.name] = graphql_type(item)
            setattr(cls, item.name, strawberry.field(description=item.prop.description))
        annotations["row"] = strawberry.Private[Row]
        annotations["provenance"] = Provenance
        cls.provenance = strawberry.field(description="Where this node's facts came from.")  # type: ignore[attr-defined]
        cls.__annotations__ = {**annotations, **cls.__dict__.get("__annotations__", {})}
        cls.MODEL, cls.DECLARED = model, items  # type: ignore[attr-defined]
        cls.PROPERTIES = node_properties(model, navigation or {})  # type: ignore[attr-defined]
        return cls

    return add


def node_properties(model: type[NodeModel], navigation: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """GraphQL field of a node type → the node properties it reads (``api/projection.py``): every shown property,
    ``nodeId`` and ``provenance``, plus the type's ``navigation`` fields (those that read other properties or none)."""
    table: dict[str, tuple[str, ...]] = {"nodeId": ("id",)}
    table.update({to_camel_case(item.name): (item.name,) for item in shown(model, "node")})
    table["provenance"] = PROVENANCE
    table.update({name: tuple(properties) for name, properties in navigation.items()})
    return table


def sort_enum(
    name: str,
    description: str,
    models: Iterable[type[NodeModel]],
    extra: Mapping[str, str] | None = None,
) -> type[Enum]:
    """The ``<Type>OrderField`` enum: every sortable property of ``models`` (by upper-case name), then ``extra``."""
    members = {
        item.name.upper(): strawberry.enum_value(
            item.name.upper(), description=item.prop.sort_description or item.prop.description
        )
        for model in models
        for item in declared(model)
        if item.prop.sort
    }
    members.update({key: strawberry.enum_value(key, description=text) for key, text in (extra or {}).items()})
    return _enum(name, description, members)


# Types a lower module refers to by name: the types modules import one way (types_member -> types_commitment,
# types_coalition -> types_member …), yet a Commitment's member is a Member. Such a field names its type
# lazily (``graphql_type=one("Member")``) and its resolver builds it by name (``build("Member", row)``).
TYPE_MODULES = {
    "Commitment": "api.types_commitment",
    "Member": "api.types_member",
    "ActionPlan": "api.types_member",
    "PolicyArea": "api.types_taxonomy",
    "OgpValue": "api.types_taxonomy",
    "Organization": "api.types_organization",
    "Participation": "api.types_coalition",
}


def ref(name: str) -> Any:
    """The GraphQL type ``name``, never null (for a field's ``graphql_type``)."""
    return Annotated[name, strawberry.lazy(TYPE_MODULES[name])]


def one(name: str) -> Any:
    """The GraphQL type ``name``, or null."""
    return ref(name) | None


def many(name: str) -> Any:
    """A list of the GraphQL type ``name``."""
    item = ref(name)
    return list[item]  # type: ignore[valid-type]  # built at run time for strawberry, not a static type


def _type(name: str) -> Any:
    return getattr(importlib.import_module(TYPE_MODULES[name]), name)


def build(name: str, row: Row) -> Any:
    """An object of the GraphQL type ``name`` from its row (the type's ``from_row``)."""
    return _type(name).from_row(row)


def needed(name: str, selections: Iterable[Selection]) -> tuple[str, ...] | None:
    """The node properties a selection on the node type ``name`` reads (``NodeRow.needed``)."""
    properties: tuple[str, ...] | None = _type(name).needed(selections)
    return properties
