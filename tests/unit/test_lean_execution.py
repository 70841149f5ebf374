"""The lean execution context answers exactly as graphql-core does (data, errors, paths), and takes its
short path for plain selections (otherwise the comparisons would prove nothing).

This is also the contract of ``api/graphql_compat.py`` with graphql-core's executor and of
``api/strawberry_compat.py``'s basic-field detection: when an upgrade stops the hooks from being called,
``test_plain_selections_take_the_short_path`` fails."""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import Any

import pytest
import strawberry

from api.execution import LeanExecutionContext
from api.strawberry_compat import ExecutionContext as StrawberryGraphQLCoreExecutionContext


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Reason:
    name: str
    weight: float
    tags: list[str]
    maybe: int | None = None


@strawberry.type
class Item:
    id: strawberry.ID
    colour: Colour
    reasons: list[Reason]
    optional_reasons: list[Reason | None] | None = None

    @strawberry.field
    def computed(self) -> int:
        return len(self.reasons)


def _items() -> list[Item]:
    reasons = [Reason(name="text", weight=0.5, tags=["a", "b"]), Reason(name="areas", weight=0.3, tags=[], maybe=2)]
    return [
        Item(id=strawberry.ID("1"), colour=Colour.RED, reasons=reasons, optional_reasons=[None, reasons[0]]),
        Item(id=strawberry.ID("2"), colour=Colour.BLUE, reasons=reasons[:1]),
    ]


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return _items()

    @strawberry.field
    async def later(self) -> list[Item]:
        return _items()

    @strawberry.field
    def null_in_non_null(self) -> list[Item]:
        return [Item(id=strawberry.ID("3"), colour=Colour.RED, reasons=[Reason(name=None, weight=1.0, tags=[])])]  # type: ignore[arg-type]

    @strawberry.field
    def bad_float(self) -> list[Reason]:
        return [Reason(name="x", weight="heavy", tags=["ok"]), Reason(name="y", weight=1.0, tags=[None])]  # type: ignore[arg-type, list-item]

    @strawberry.field
    def bad_enum(self) -> list[Item]:
        return [Item(id=strawberry.ID("4"), colour="green", reasons=[])]  # type: ignore[arg-type]


LEAN = strawberry.Schema(query=Query, execution_context_class=LeanExecutionContext)
PLAIN = strawberry.Schema(query=Query, execution_context_class=StrawberryGraphQLCoreExecutionContext)

QUERIES = [
    "{ items { id colour reasons { name weight tags maybe } } }",
    "{ later { __typename id a: colour reasons { __typename n: name weight } optionalReasons { name } } }",
    "{ items { id computed reasons { name } } }",  # not plain as a whole: per-field path
    "{ items { ...F } } fragment F on Item { id reasons { ... on Reason { name tags } } }",
    "query($x: Boolean!) { items { id @include(if: $x) colour @skip(if: $x) reasons { name @include(if: $x) } } }",
    "{ nullInNonNull { id reasons { name weight } } }",
    "{ badFloat { name weight } }",
    "{ badFloat { name tags } }",
    "{ badEnum { id colour } }",
]


def _result(schema: strawberry.Schema, query: str) -> tuple[Any, list[tuple[str, Any]]]:
    result = asyncio.run(schema.execute(query, variable_values={"x": True}))
    return result.data, [(e.message, e.path) for e in result.errors or []]


@pytest.mark.parametrize("query", QUERIES)
def test_lean_and_standard_execution_give_the_same_answer(query: str) -> None:
    assert _result(LEAN, query) == _result(PLAIN, query)


def test_error_cases_do_report_errors() -> None:
    # The comparisons above include failures: make sure they are failures, on the right paths.
    assert _result(LEAN, QUERIES[5])[1][0][1] == ["nullInNonNull", 0, "reasons", 0, "name"]
    assert _result(LEAN, QUERIES[6])[1][0][1] == ["badFloat", 0, "weight"]
    assert _result(LEAN, QUERIES[7])[1][0][1] == ["badFloat", 1, "tags", 0]
    assert _result(LEAN, QUERIES[8])[1][0][1] == ["badEnum", 0, "colour"]


def test_plain_selections_take_the_short_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"objects": 0, "fields": 0}
    complete, execute = (
        StrawberryGraphQLCoreExecutionContext.complete_object_value,
        (StrawberryGraphQLCoreExecutionContext.execute_field),
    )

    def count_objects(self: Any, *args: Any) -> Any:
        calls["objects"] += 1
        return complete(self, *args)

    def count_fields(self: Any, *args: Any) -> Any:
        calls["fields"] += 1
        return execute(self, *args)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "complete_object_value", count_objects)
    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", count_fields)
    _result(LEAN, QUERIES[0])
    assert calls == {"objects": 0, "fields": 1}  # only the root field `items` (it has a resolver)
    _result(LEAN, QUERIES[2])
    # items are not plain (computed has a resolver): graphql-core completes them, their plain leaf `id`
    # is read directly, `computed` and `reasons` are executed, and each reason is completed in one pass.
    assert calls == {"objects": 2, "fields": 1 + 1 + 2 * 2}
