"""GraphQL filter and ordering inputs, and ``to_spec`` that turns them into dicts for ``queries/filters.py``."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

import strawberry


@strawberry.enum(description="National member (a country) or local member (a city, state or region).")
class MemberKind(Enum):
    NATIONAL = strawberry.enum_value("national", description="A national government.")
    LOCAL = strawberry.enum_value("local", description="A local government (OGP Local).")


@strawberry.enum(description="What kind of body an organisation is.")
class OrganizationKind(Enum):
    GOVERNMENT = strawberry.enum_value("government", description="A government ministry, agency or office.")
    CIVIL_SOCIETY = strawberry.enum_value("civil_society", description="A civil-society organisation.")
    PARLIAMENT = strawberry.enum_value("parliament", description="A parliament or legislative body.")
    PRIVATE = strawberry.enum_value("private", description="A company or business association.")
    MULTILATERAL = strawberry.enum_value("multilateral", description="An international or multilateral body.")
    UNKNOWN = strawberry.enum_value("unknown", description="Not classified yet.")


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest first (missing values first).")
    DESC = strawberry.enum_value("DESC", description="Largest first (missing values last).")


@strawberry.enum(description="What commitments can be sorted by (search results are sorted by relevance).")
class CommitmentOrderField(Enum):
    ID = strawberry.enum_value("ID", description="OGP commitment id.")
    TITLE = strawberry.enum_value("TITLE", description="Title, case-insensitive.")
    YEAR = strawberry.enum_value("YEAR", description="Year the action plan was submitted.")
    COMPLETION = strawberry.enum_value("COMPLETION", description="End-of-term completion level.")
    DID_IT_OPEN_GOVERNMENT = strawberry.enum_value("DID_IT_OPEN_GOVERNMENT", description="Did it open government.")
    OUTCOME_SCORE = strawberry.enum_value("OUTCOME_SCORE", description="0-1 summary of IRM results.")


@strawberry.enum(description="What members can be sorted by.")
class MemberOrderField(Enum):
    ID = strawberry.enum_value("ID", description="Member slug.")
    NAME = strawberry.enum_value("NAME", description="Name, case-insensitive.")
    JOINED_YEAR = strawberry.enum_value("JOINED_YEAR", description="Year the member joined OGP.")
    COMMITMENT_COUNT = strawberry.enum_value(
        "COMMITMENT_COUNT", description="Number of commitments (in `policyArea` when given)."
    )


@strawberry.enum(description="What organisations can be sorted by.")
class OrganizationOrderField(Enum):
    ID = strawberry.enum_value("ID", description="Organisation slug.")
    NAME = strawberry.enum_value("NAME", description="Name, case-insensitive.")
    COMMITMENT_COUNT = strawberry.enum_value("COMMITMENT_COUNT", description="Commitments it leads or supports.")


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


@strawberry.input(description="Conditions on organisations; combine with `and`, `or`, `not`.")
class OrganizationFilter:
    id: StringFilter | None = _f("Organisation slug.")
    name: StringFilter | None = _f("Name.")
    name_contains: str | None = _f("Shortcut for `name: {contains: …}`.")
    kind: list[OrganizationKind] | None = _f("Kind is one of (a single value is accepted).")
    member: StringFilter | None = _f("Slug of the member a national body belongs to.")
    and_: list[OrganizationFilter] | None = _f("All of these hold.", name="and")
    or_: list[OrganizationFilter] | None = _f("At least one of these holds.", name="or")
    not_: OrganizationFilter | None = _f("This does not hold.", name="not")


@strawberry.input(description="Conditions on members; combine with `and`, `or`, `not`.")
class MemberFilter:
    id: StringFilter | None = _f("Member slug.")
    name: StringFilter | None = _f("Name.")
    code: StringFilter | None = _f("Member code (`GBR`).")
    kind: list[MemberKind] | None = _f("National or local (a single value is accepted).")
    status: StringFilter | None = _f("Membership status.")
    joined_year: IntFilter | None = _f("Year joined.")
    founding_member: bool | None = _f("One of the eight founding members.")
    region: IdsFilter | None = _f("Region ids.")
    policy_areas: IdsFilter | None = _f("Has commitments in these policy areas (parent areas include children).")
    coalitions: IdsFilter | None = _f("Participates in these coalitions.")
    and_: list[MemberFilter] | None = _f("All of these hold.", name="and")
    or_: list[MemberFilter] | None = _f("At least one of these holds.", name="or")
    not_: MemberFilter | None = _f("This does not hold.", name="not")


@strawberry.input(description="Conditions on commitments; combine with `and`, `or`, `not`.")
class CommitmentFilter:
    id: StringFilter | None = _f("OGP commitment id.")
    title: StringFilter | None = _f("Title.")
    theme: StringFilter | None = _f("Theme or cluster named in the action plan.")
    member: StringFilter | None = _f("Member slug(s).")
    member_kind: list[MemberKind] | None = _f("Commitments of national or local members.")
    region: IdsFilter | None = _f("Region ids of the member.")
    action_plan: StringFilter | None = _f("Action plan id(s).")
    year: IntFilter | None = _f("Year the action plan was submitted.")
    policy_areas: IdsFilter | None = _f("Policy area ids; a parent area includes its child areas.")
    ogp_values: IdsFilter | None = _f("OGP value ids.")
    organizations: IdsFilter | None = _f("Organisations leading or supporting it.")
    lead_organization: OrganizationFilter | None = _f("Some lead organisation matches.")
    supporting_organization: OrganizationFilter | None = _f("Some supporting organisation matches.")
    starred: bool | None = _f("Starred in an IRM report.")
    outcome_score: FloatFilter | None = _f("0-1 summary of IRM results.")
    specificity: RatingFilter | None = _f("IRM specificity.")
    potential_impact: RatingFilter | None = _f("IRM potential impact (2011-2019 method).")
    potential_for_results: RatingFilter | None = _f("IRM potential for results (2020+ method).")
    completion_midterm: RatingFilter | None = _f("Completion at mid-term.")
    completion: RatingFilter | None = _f("Completion at the end of term.")
    early_results: RatingFilter | None = _f("IRM early results (2020+ method).")
    did_it_open_government: RatingFilter | None = _f("Did it open government (overall).")
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
_AS_EQ = {"starred", "founding_member"}  # a plain boolean means "equal to"
_AS_IN = {"kind"}  # a list of enum values means "one of"
_AS_SOME = {"member_kind"}  # a relationship condition on the member's kind


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
        if f.name in _AS_EQ:
            item = {"eq": item}
        elif f.name in _AS_IN and isinstance(item, list):
            item = {"in_": item}
        elif f.name in _AS_SOME:
            item = {"some": item}
        spec[_RENAMED.get(f.name, f.name)] = item
    return spec
