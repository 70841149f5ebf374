"""GraphQL filter and ordering inputs, and ``to_spec`` that turns them into dicts for ``queries/filters.py``.

The conditions on a node's own properties are derived from the model (``Prop(filter=True)``):
``@property_filters(Model)`` adds one field per filterable property, its operators chosen by its type
(text, number, rating, yes/no, one of the choices). Conditions through relationships are written here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

import strawberry

from api.declared import graphql_enum, sort_enum
from graph.fields import Declared, declared
from graph.model import MEMBER_KINDS, ORGANIZATION_KINDS, Commitment, Member, NodeModel, Organization

T = TypeVar("T")


if TYPE_CHECKING:  # type checkers see Enums; the schema gets the enums generated from graph/model.py
    MemberKind = Enum
    OrganizationKind = Enum
    CommitmentOrderField = Enum
    MemberOrderField = Enum
    OrganizationOrderField = Enum
else:
    MemberKind = graphql_enum(MEMBER_KINDS)
    OrganizationKind = graphql_enum(ORGANIZATION_KINDS)
    CommitmentOrderField = sort_enum(
        "CommitmentOrderField",
        "What commitments can be sorted by (search results are sorted by relevance).",
        [Commitment],
    )
    MemberOrderField = sort_enum(
        "MemberOrderField",
        "What members can be sorted by.",
        [Member],
        {"COMMITMENT_COUNT": "Number of commitments (in `policyArea` when given)."},
    )
    OrganizationOrderField = sort_enum(
        "OrganizationOrderField",
        "What organisations can be sorted by.",
        [Organization],
        {"COMMITMENT_COUNT": "Commitments it leads or supports."},
    )


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest first (missing values first).")
    DESC = strawberry.enum_value("DESC", description="Largest first (missing values last).")


def _f(description: str, name: str | None = None) -> Any:
    return strawberry.field(default=None, description=description, name=name)


@strawberry.input(description="Operators on a text value (all given operators must hold).")
class StringFilter:
    eq: str | None = _f("Equal to.")
    in_: list[str] | None = _f("Equal to one of.", name="in")
    contains: str | None = _f("Contains, case-insensitive.")


@strawberry.input(description="Operators on a whole number (all given operators must hold).")
class IntFilter:
    eq: int | None = _f("Equal to.")
    in_: list[int] | None = _f("Equal to one of.", name="in")
    gte: int | None = _f("Greater than or equal to.")
    lte: int | None = _f("Less than or equal to.")


@strawberry.input(description="Operators on a decimal number.")
class FloatFilter:
    gte: float | None = _f("Greater than or equal to.")
    lte: float | None = _f("Less than or equal to.")


@strawberry.input(description="Related nodes by id: at least one of `some`, none of `none`.")
class IdsFilter:
    some: list[strawberry.ID] | None = _f("Related to at least one of these ids.")
    none: list[strawberry.ID] | None = _f("Related to none of these ids.")


@strawberry.input(description="Operators on an IRM rating.")
class RatingFilter:
    in_: list[str] | None = _f("Value slug is one of (e.g. `substantial`, `complete`).", name="in")
    level_gte: int | None = _f("Ordinal level on the rating's scale at least this.")
    level_lte: int | None = _f("Ordinal level on the rating's scale at most this.")
    assessed: bool | None = _f("True: rated by the IRM; false: missing (ND/NR/NA) or absent.")


def _operators(item: Declared) -> tuple[Any, str | None]:
    """The filter input of a property, and how ``to_spec`` passes a plain value of it on (``eq``, ``in_``)."""
    if item.prop.rating:
        if item.level_property is None:
            raise TypeError(f"{item.name}: a filterable rating needs `{item.name}_level: Level` (filters read it)")
        return RatingFilter | None, None
    if item.prop.choices is not None:
        return list[graphql_enum(item.prop.choices)] | None, "in_"  # type: ignore[misc]
    operators = {str: StringFilter, int: IntFilter, float: FloatFilter}
    if item.value_type is bool:
        return bool | None, "eq"
    if item.value_type in operators:
        return operators[item.value_type] | None, None
    raise TypeError(f"{item.name}: no filter operators for {item.annotation!r}")


def _description(item: Declared) -> str:
    if item.prop.choices is not None:
        return item.prop.description.rstrip(".") + ": one or more (a single value is accepted)."
    return item.prop.description


def property_filters(model: type[NodeModel]) -> Callable[[type[T]], type[T]]:
    """Class decorator: a field per filterable property of ``model`` (``Prop(filter=True)``), before the
    input's own fields (the conditions through relationships, and ``and``/``or``/``not``)."""

    def add(cls: type[T]) -> type[T]:
        annotations: dict[str, Any] = {}
        for item in declared(model):
            if item.prop.filter:
                annotations[item.filter_name], spec = _operators(item)
                metadata = {"spec": spec} if spec else None
                setattr(
                    cls,
                    item.filter_name,
                    strawberry.field(default=None, description=_description(item), metadata=metadata),
                )
        cls.__annotations__ = {**annotations, **cls.__dict__.get("__annotations__", {})}
        return cls

    return add


@strawberry.input(description="Conditions on organisations; combine with `and`, `or`, `not`.")
@property_filters(Organization)
class OrganizationFilter:
    name_contains: str | None = _f("Shortcut for `name: {contains: …}`.")
    and_: list[OrganizationFilter] | None = _f("All of these hold.", name="and")
    or_: list[OrganizationFilter] | None = _f("At least one of these holds.", name="or")
    not_: OrganizationFilter | None = _f("This does not hold.", name="not")


@strawberry.input(description="Conditions on members; combine with `and`, `or`, `not`.")
@property_filters(Member)
class MemberFilter:
    region: IdsFilter | None = _f("Region ids.")
    policy_areas: IdsFilter | None = _f("Has commitments in these policy areas (parent areas include children).")
    coalitions: IdsFilter | None = _f("Participates in these coalitions.")
    and_: list[MemberFilter] | None = _f("All of these hold.", name="and")
    or_: list[MemberFilter] | None = _f("At least one of these holds.", name="or")
    not_: MemberFilter | None = _f("This does not hold.", name="not")


@strawberry.input(description="Conditions on commitments; combine with `and`, `or`, `not`.")
@property_filters(Commitment)
class CommitmentFilter:
    member_kind: list[MemberKind] | None = strawberry.field(
        default=None, description="Commitments of national or local members.", metadata={"spec": "some"}
    )
    region: IdsFilter | None = _f("Region ids of the member.")
    policy_areas: IdsFilter | None = _f("Policy area ids; a parent area includes its child areas.")
    ogp_values: IdsFilter | None = _f("OGP value ids.")
    organizations: IdsFilter | None = _f("Organisations leading or supporting it.")
    lead_organization: OrganizationFilter | None = _f("Some lead organisation matches.")
    supporting_organization: OrganizationFilter | None = _f("Some supporting organisation matches.")
    and_: list[CommitmentFilter] | None = _f("All of these hold.", name="and")
    or_: list[CommitmentFilter] | None = _f("At least one of these holds.", name="or")
    not_: CommitmentFilter | None = _f("This does not hold.", name="not")


@strawberry.input(description="How to sort commitments.")
class CommitmentOrder:
    field: CommitmentOrderField = strawberry.field(description="Sort key (ties broken by id).")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")


@strawberry.input(description="How to sort members.")
class MemberOrder:
    field: MemberOrderField = strawberry.field(description="Sort key (ties broken by id).")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")
    policy_area: strawberry.ID | None = strawberry.field(
        default=None, description="With COMMITMENT_COUNT: count only commitments in this policy area."
    )


@strawberry.input(description="How to sort organisations.")
class OrganizationOrder:
    field: OrganizationOrderField = strawberry.field(description="Sort key (ties broken by id).")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")


_RENAMED = {"and_": "and", "or_": "or", "not_": "not"}


def to_spec(value: Any) -> Any:
    """Turn a filter input into the plain dict the query compiler takes (enums to values, shortcuts expanded)."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [to_spec(v) for v in value]
    if not dataclasses.is_dataclass(value):
        return value
    spec: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        raw = getattr(value, f.name)
        if raw is None or raw is strawberry.UNSET:
            continue
        item = to_spec(raw)
        if f.name == "name_contains":
            spec.setdefault("name", {})["contains"] = item
            continue
        wrap = f.metadata.get("spec")  # a plain value stands for one operator: `starred: true` is `{eq: true}`
        if wrap is not None and (wrap != "in_" or isinstance(item, list)):
            item = {wrap: item}
        spec[_RENAMED.get(f.name, f.name)] = item
    return spec
