"""Contract of api/strawberry_compat.py with the installed strawberry: fails loudly when an upgrade moves it."""

from __future__ import annotations

import strawberry
from graphql import GraphQLSchema, specified_rules

from api.strawberry_compat import VALIDATION_RULES, ExecutionContext, basic_field_attribute, graphql_schema


@strawberry.type
class Thing:
    name: str
    renamed: int = strawberry.field(name="size")

    @strawberry.field
    def computed(self) -> int:
        return 1


@strawberry.type
class Query:
    @strawberry.field
    def thing(self) -> Thing:
        return Thing(name="x", renamed=2)


SCHEMA = strawberry.Schema(query=Query)


def test_the_graphql_core_schema_is_reached() -> None:
    core = graphql_schema(SCHEMA)
    assert isinstance(core, GraphQLSchema) and "Thing" in core.type_map


def test_basic_fields_are_told_from_fields_with_resolvers() -> None:
    thing = graphql_schema(SCHEMA).type_map["Thing"]
    fields = thing.fields  # type: ignore[attr-defined]
    assert basic_field_attribute(fields["name"]) == "name"
    assert basic_field_attribute(fields["size"]) == "renamed"  # the Python attribute, not the GraphQL name
    assert basic_field_attribute(fields["computed"]) is None
    assert basic_field_attribute(None) is None


def test_the_validation_rules_are_the_ones_strawberry_adds() -> None:
    assert VALIDATION_RULES and not set(VALIDATION_RULES) & set(specified_rules)
    names = {rule.__name__ for rule in VALIDATION_RULES}
    assert names == {"MaybeNullValidationRule", "OneOfInputValidationRule"}


def test_the_execution_context_is_strawberrys_default() -> None:
    assert SCHEMA.execution_context_class in (None, ExecutionContext) or issubclass(
        ExecutionContext, SCHEMA.execution_context_class
    )
    assert strawberry.Schema(query=Query, execution_context_class=ExecutionContext).as_str() == SCHEMA.as_str()
