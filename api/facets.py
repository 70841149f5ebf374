"""Facet counts of a commitment list (``Query.facets``): what a search page's filters and a member's chart show.

Each facet is one statement, run only when the request selects it; values come with a readable label
(a policy area's, region's or member's name, a rating's words) so a client needs no second lookup.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.filters import CommitmentFilter, to_spec
from api.projection import fields, selection_set
from api.types_irm import rating_label
from graph.backend import Row
from queries import discovery as q

RATING_FACETS = ("completion", "early_results", "did_it_open_government")


@strawberry.type(description="How many commitments of a list have one value.")
class FacetCount:
    value: str = strawberry.field(description="The value (an id, a kind, a year or a rating slug; 'none' if unset).")
    label: str = strawberry.field(
        description="The value in words: a policy area's, region's or member's name, a rating's label, else the value."
    )
    count: int = strawberry.field(description="Commitments of the filtered list with it.")


@strawberry.type(description="How many commitments of a list address a policy area with one end-of-term completion.")
class AreaCompletionCount:
    policy_area: str = strawberry.field(description="Policy area id.")
    label: str = strawberry.field(description="Policy area name.")
    completion: str = strawberry.field(description="End-of-term completion slug ('none' if unset).")
    completion_label: str = strawberry.field(description="The completion in words.")
    count: int = strawberry.field(description="Commitments of the filtered list with both.")


@strawberry.type(description="Counts of a filtered commitment list, computed by the database.")
class Facets:
    policy_area: list[FacetCount] = strawberry.field(description="By policy area id.")
    region: list[FacetCount] = strawberry.field(description="By region id.")
    member: list[FacetCount] = strawberry.field(description="By member slug.")
    member_kind: list[FacetCount] = strawberry.field(description="By national/local.")
    year: list[FacetCount] = strawberry.field(description="By action-plan submission year.")
    completion: list[FacetCount] = strawberry.field(description="By end-of-term completion.")
    early_results: list[FacetCount] = strawberry.field(description="By early results (2020+ method).")
    did_it_open_government: list[FacetCount] = strawberry.field(description="By did it open government.")
    policy_area_by_completion: list[AreaCompletionCount] = strawberry.field(
        description="By policy area and end-of-term completion together (a cross-tabulation, e.g. for a chart)."
    )


def _words(value: object, name: str, row: Row) -> str:
    if value is None:
        return "Not assessed" if name in RATING_FACETS else "none"
    if row.get("label"):
        return str(row["label"])
    return rating_label(str(value)) if name in RATING_FACETS else str(value)


def _count(name: str, row: Row) -> FacetCount:
    value = row["value"]
    return FacetCount(value="none" if value is None else str(value), label=_words(value, name, row), count=row["count"])


def _cross(row: Row) -> AreaCompletionCount:
    completion = row.get("completion")
    return AreaCompletionCount(
        policy_area=str(row["value"]),
        label=str(row.get("label") or row["value"]),
        completion="none" if completion is None else str(completion),
        completion_label=_words(completion, "completion", {}),
        count=row["count"],
    )


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


@strawberry.type(description="Root field of facet counts.")
class FacetsQuery:
    @strawberry.field(description="Counts of the commitments matching a filter (and search), by facet.")
    async def facets(
        self,
        info: strawberry.Info,
        filter: Annotated[CommitmentFilter | None, strawberry.argument(description="As in `commitments`.")] = None,
        search: Annotated[str | None, strawberry.argument(description="As in `commitments`.")] = None,
    ) -> Facets:
        names = sorted({_snake(f.name) for f in fields(selection_set(info))})
        found = await q.facets(info.context.graph, to_spec(filter), search, names)
        cross = found.pop("policy_area_by_completion", [])
        counts = {name: [_count(name, r) for r in found.get(name, [])] for name in q.FACETS}
        counts.pop("policy_area_by_completion")
        return Facets(**counts, policy_area_by_completion=[_cross(r) for r in cross])
