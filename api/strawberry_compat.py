"""The only place that relies on strawberry's internals (contract: tests/unit/test_strawberry_compat.py).

- ``graphql_schema``: the graphql-core schema a strawberry ``Schema`` wraps (``Schema._schema``; strawberry
  has no public accessor), for validating and coercing variables before execution (``api/http.py``).
- ``VALIDATION_RULES``: the rules strawberry adds to graphql-core's when it validates a document, so that
  validating ahead of execution refuses exactly what strawberry would.
- ``ExecutionContext``: strawberry's graphql-core execution context, the base of ``api/execution.py``.
- ``basic_field_attribute``: whether a field is a strawberry "basic" field (an attribute read with no
  resolver, extension or permission), which ``api/execution.py`` completes without graphql-core's machinery.

An upgrade that moves any of these fails the import of this module or its contract test, loudly; nothing
falls back silently to a slower path.
"""

from __future__ import annotations

from graphql import GraphQLField, GraphQLSchema
from strawberry import Schema
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext as ExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

__all__ = ["VALIDATION_RULES", "ExecutionContext", "basic_field_attribute", "graphql_schema"]

VALIDATION_RULES = (MaybeNullValidationRule, OneOfInputValidationRule)
_BASIC_RESOLVER = "_get_basic_result"  # the name strawberry gives the getter of a field without a resolver


def graphql_schema(schema: Schema) -> GraphQLSchema:
    """The graphql-core schema behind a strawberry schema."""
    core = schema._schema
    if not isinstance(core, GraphQLSchema):
        raise TypeError(
            f"strawberry.Schema._schema is {type(core).__name__}, not a GraphQLSchema: see api/strawberry_compat.py"
        )
    return core


def basic_field_attribute(field: GraphQLField | None) -> str | None:
    """The Python attribute a strawberry basic field reads (no resolver, extension or permission); None otherwise."""
    if field is None or getattr(field.resolve, "__name__", "") != _BASIC_RESOLVER:
        return None
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if definition is None or not definition.is_basic_field:
        return None
    return str(definition.python_name)
