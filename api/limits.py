"""Protection checked before a query runs: sizes, tokens, depth, aliases, page sizes, cost and introspection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    Visitor,
    parse,
    visit,
)
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from graph.config import Settings

PAGE_ARGUMENTS = ("first", "last")
MAX_VARIABLE_NESTING = 20


class LimitExceeded(GraphQLError):
    """A request refused by a limit before it reached the database."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, extensions={"code": code})


@dataclass(frozen=True)
class Limits:
    """The limits in force for one app, read once from the settings."""

    max_depth: int
    max_aliases: int
    max_tokens: int
    max_query_bytes: int
    max_variable_string_bytes: int
    max_cost: int
    max_page_size: int
    introspection: bool
    suggestions: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        """Limits from the settings; introspection and suggestions default to on outside production."""
        development = settings.environment != "production"
        return cls(
            max_depth=settings.max_depth,
            max_aliases=settings.max_aliases,
            max_tokens=settings.max_tokens,
            max_query_bytes=settings.max_query_bytes,
            max_variable_string_bytes=settings.max_variable_string_bytes,
            max_cost=settings.max_cost,
            max_page_size=settings.max_page_size,
            introspection=development if settings.introspection is None else settings.introspection,
            suggestions=development if settings.field_suggestions is None else settings.field_suggestions,
        )


def check_query_size(query: str, limits: Limits) -> None:
    """Refuse query text longer than the byte limit."""
    size = len(query.encode("utf-8"))
    if size > limits.max_query_bytes:
        raise LimitExceeded(
            f"The query is {size} bytes long; the limit is {limits.max_query_bytes} bytes. "
            "Send a shorter query (or use a persisted query).",
            "QUERY_TOO_LARGE",
        )


def check_variables(variables: Mapping[str, Any] | None, limits: Limits) -> None:
    """Refuse variables holding a string over the byte limit, or nested deeper than makes sense."""

    def walk(value: Any, where: str, depth: int) -> None:
        if depth > MAX_VARIABLE_NESTING:
            raise LimitExceeded(
                f"Variable {where} is nested more than {MAX_VARIABLE_NESTING} levels deep.", "VARIABLES_TOO_DEEP"
            )
        if isinstance(value, str):
            check_text(value, f"Variable {where}")
            size = len(value.encode("utf-8"))
            if size > limits.max_variable_string_bytes:
                raise LimitExceeded(
                    f"Variable {where} is a string of {size} bytes; the limit is "
                    f"{limits.max_variable_string_bytes} bytes per string.",
                    "VARIABLE_TOO_LARGE",
                )
        elif isinstance(value, Mapping):
            for key, item in value.items():
                walk(item, f"{where}.{key}", depth + 1)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]", depth + 1)

    for name, value in (variables or {}).items():
        walk(value, f"${name}", 0)


def check_text(value: str, where: str) -> None:
    """Refuse text no database can store: a NUL character, or half of a UTF-16 surrogate pair."""
    if "\x00" in value:
        raise LimitExceeded(
            f"{where} holds a NUL character (\\u0000), which no field stores: remove it.", "INVALID_STRING"
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LimitExceeded(
            f"{where} holds an unpaired surrogate ({value[exc.start]!a}), which is not Unicode text: send the "
            "character itself, or its full surrogate pair.",
            "INVALID_STRING",
        ) from exc


class _StringArguments(Visitor):
    """Checks every string literal of a document with ``check_text``."""

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        check_text(node.value, "A string in the query")


def parse_query(query: str, limits: Limits) -> DocumentNode:
    """Parse the query, refusing documents with more tokens than the limit or with string literals that are
    not storable text (GraphQLError on failure)."""
    check_text(query, "The query")
    try:
        document = parse(query, max_tokens=limits.max_tokens)
    except GraphQLError as error:
        if "tokens. Parsing aborted" in error.message:
            raise LimitExceeded(
                f"The query has more than {limits.max_tokens} tokens, the limit. Send a smaller query.",
                "TOO_MANY_TOKENS",
            ) from error
        raise
    visit(document, _StringArguments())
    return document


def _page_size(node: FieldNode, variables: Mapping[str, Any]) -> tuple[str, int] | None:
    """The first/last argument of a field and its value (from a literal or a variable), if any."""
    for argument in node.arguments or ():
        if argument.name.value not in PAGE_ARGUMENTS:
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return argument.name.value, int(value.value)
        if isinstance(value, VariableNode) and isinstance(variables.get(value.name.value), int):
            return argument.name.value, int(variables[value.name.value])
    return None


def query_cost(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    limits: Limits,
    seen: frozenset[str] = frozenset(),
) -> int:
    """Cost of a selection: each field costs 1 plus its page size (first/last) times the cost of its children."""
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            page = _page_size(selection, variables)
            if page is not None and page[1] < 0:
                raise LimitExceeded(
                    f"Argument {page[0]} of field {selection.name.value} is {page[1]}; a page size is a number from "
                    f"0 to {limits.max_page_size} (0 asks only for totals).",
                    "INVALID_PAGE_SIZE",
                )
            if page is not None and page[1] > limits.max_page_size:
                raise LimitExceeded(
                    f"Argument {page[0]} of field {selection.name.value} is {page[1]}; the largest page size is "
                    f"{limits.max_page_size}. Page through the results with `after`.",
                    "PAGE_TOO_LARGE",
                )
            children = query_cost(selection.selection_set, fragments, variables, limits, seen)
            total += 1 + (max(page[1], 1) if page else 1) * children
        elif isinstance(selection, InlineFragmentNode):
            total += query_cost(selection.selection_set, fragments, variables, limits, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:  # cycles are reported by NoFragmentCyclesRule
                total += query_cost(fragment.selection_set, fragments, variables, limits, seen | {name})
    return total


def cost_errors(
    document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any], limits: Limits
) -> list[GraphQLError]:
    """The page-size and cost errors of the operation(s) to run; it depends on the variables, so it runs for
    every request (a walk over the selections, no visitor)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    errors: list[GraphQLError] = []
    for operation in document.definitions:
        if not isinstance(operation, OperationDefinitionNode):
            continue
        if operation_name is not None and (operation.name is None or operation.name.value != operation_name):
            continue
        try:
            cost = query_cost(operation.selection_set, fragments, variables, limits)
        except LimitExceeded as error:
            errors.append(error)
            continue
        if cost > limits.max_cost:
            errors.append(
                LimitExceeded(
                    f"The query costs {cost}; the limit is {limits.max_cost}. The cost of a field is 1 plus "
                    "its page size (first/last) times the cost of the fields inside it: ask for smaller "
                    "pages or fewer nested lists.",
                    "QUERY_TOO_COSTLY",
                )
            )
    return errors


def validation_rules(limits: Limits) -> list[type[ASTValidationRule]]:
    """The protection rules that depend on the query text alone (depth, aliases, introspection): their result
    is cached with the parsed document. The cost, which depends on the variables, is ``cost_errors``."""
    rules: list[type[ASTValidationRule]] = [
        *QueryDepthLimiter(max_depth=limits.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules,
    ]
    if not limits.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules
