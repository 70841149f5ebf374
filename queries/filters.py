"""A small filter compiler: nested filter dicts → Cypher WHERE text over allow-listed fields, values as $params.

A filter is a plain dict (the API converts its GraphQL inputs): field name → operator dict, plus
``and``/``or`` (lists of filters) and ``not`` (a filter). Only the fields named in an allow-list
(``FieldSpec`` mappings below and in each query module) can appear; every fragment is a literal
string of this package and every value travels as a generated ``$pN`` parameter.

Relationship conditions become ``size([pattern WHERE … | 1])`` aliases computed in a ``WITH`` before
the ``WHERE``: FalkorDB cannot evaluate a pattern comprehension directly in a ``MATCH … WHERE``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.errors import InvalidRequest
from graph.fields import declared
from graph.model import NodeModel


class FilterError(InvalidRequest):
    """A filter names an unknown field or operator, or gives a value of the wrong kind."""

    code = "INVALID_FILTER"


@dataclass
class Params:
    """Collects parameter values and hands out their generated names."""

    values: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)

    def add(self, value: Any) -> str:
        """Store ``value`` and return its placeholder (``$p0``)."""
        name = f"p{len(self.values)}"
        self.values[name] = value
        return "$" + name

    def alias(self, expression: str) -> str:
        """Compute ``expression`` once in the pre-``WHERE`` ``WITH`` and return its alias."""
        name = f"f{len(self.aliases)}"
        self.aliases.append(f"{expression} AS {name}")
        return name

    def with_clause(self, var: str) -> str:
        """``WITH var, <aliases>`` (just ``WITH var`` when there are none)."""
        return "WITH " + ", ".join([var, *self.aliases])


@dataclass(frozen=True)
class Scalar:
    """A property: ``eq``, ``in``, ``contains`` (case-insensitive), ``gte``, ``lte``."""

    expr: str


@dataclass(frozen=True)
class Rating:
    """An IRM rating: ``in`` (value slugs), ``levelGte``/``levelLte`` on the ordinal, ``assessed``."""

    expr: str
    level: str


@dataclass(frozen=True)
class Related:
    """Related node ids: ``some`` (at least one of) / ``none`` (none of) a list of ids.

    ``template`` is a pattern comprehension with ``{cond}`` for the id condition on ``{ids}``.
    """

    template: str


@dataclass(frozen=True)
class Nested:
    """A filter over related nodes (``leadOrganization: {kind: …}``) with their own allow-list."""

    template: str
    fields: Mapping[str, Scalar | Rating | Related | Nested]


FieldSpec = Scalar | Rating | Related | Nested
MISSING_RATINGS = ["no_data", "not_reviewed", "not_applicable"]


def declared_filters(model: type[NodeModel], var: str) -> dict[str, FieldSpec]:
    """The allow-list entries of ``model``'s filterable properties (``Prop(filter=True)``) on the variable ``var``."""
    fields: dict[str, FieldSpec] = {}
    for item in declared(model):
        if not item.prop.filter:
            continue
        if item.prop.rating and item.level_property is not None:
            fields[item.filter_name] = Rating(f"{var}.{item.name}", f"{var}.{item.level_property}")
        else:
            fields[item.filter_name] = Scalar(f"{var}.{item.name}")
    return fields


def declared_sorts(model: type[NodeModel], var: str) -> dict[str, str]:
    """Sort key expressions of ``model``'s sortable properties, by sort name (``YEAR``); never null (a null
    would break keyset comparisons): a missing value sorts first ascending."""
    sorts: dict[str, str] = {}
    for item in declared(model):
        if not item.prop.sort:
            continue
        if item.level_property is not None:
            expression = f"coalesce({var}.{item.level_property}, -1)"
        elif item.name == "id":
            expression = f"{var}.id"
        elif item.value_type is str:
            expression = f"toLower({var}.{item.name})"
        elif item.value_type is float:
            expression = f"coalesce({var}.{item.name}, -1.0)"
        elif item.value_type is int:
            expression = f"coalesce({var}.{item.name}, 0)"
        else:
            raise TypeError(f"{model.__name__}.{item.name}: cannot sort by {item.annotation!r}")
        sorts[item.name.upper()] = expression
    return sorts


def compile_filter(
    spec: Mapping[str, Any] | None, fields: Mapping[str, FieldSpec], params: Params, where: str = "filter"
) -> str:
    """Compile ``spec`` to a boolean Cypher expression (``true`` when empty)."""
    if not spec:
        return "true"
    parts: list[str] = []
    for key, value in spec.items():
        if value is None:
            continue
        path = f"{where}.{key}"
        if key == "and":
            parts.append("(" + (" AND ".join(compile_filter(s, fields, params, path) for s in value) or "true") + ")")
        elif key == "or":
            parts.append("(" + (" OR ".join(compile_filter(s, fields, params, path) for s in value) or "false") + ")")
        elif key == "not":
            parts.append("NOT (" + compile_filter(value, fields, params, path) + ")")
        elif key in fields:
            parts.append(_compile_field(fields[key], value, params, path))
        else:
            raise FilterError(f"{path}: unknown filter field (allowed: {', '.join(sorted(fields))}, and, or, not)")
    return " AND ".join(parts) or "true"


def _compile_field(spec: FieldSpec, ops: Any, params: Params, path: str) -> str:
    if isinstance(spec, Nested):
        inner = compile_filter(ops, spec.fields, params, path)
        return params.alias(spec.template.format(cond=inner)) + " > 0"
    if not isinstance(ops, Mapping):
        raise FilterError(f"{path}: expected an object of operators, got {ops!r}")
    parts: list[str] = []
    for op, value in ops.items():
        if value is None:
            continue
        parts.append(_operator(spec, op, value, params, f"{path}.{op}"))
    return " AND ".join(parts) or "true"


def _operator(spec: FieldSpec, op: str, value: Any, params: Params, path: str) -> str:
    if isinstance(spec, Scalar):
        if op == "eq":
            return f"{spec.expr} = {params.add(value)}"
        if op == "in_":
            return f"{spec.expr} IN {params.add(list(value))}"
        if op == "contains":
            return f"toLower({spec.expr}) CONTAINS {params.add(str(value).lower())}"
        if op == "gte":
            return f"{spec.expr} >= {params.add(value)}"
        if op == "lte":
            return f"{spec.expr} <= {params.add(value)}"
    elif isinstance(spec, Rating):
        if op == "in_":
            return f"{spec.expr} IN {params.add(list(value))}"
        if op == "level_gte":
            return f"{spec.level} >= {params.add(value)}"
        if op == "level_lte":
            return f"{spec.level} <= {params.add(value)}"
        if op == "assessed":
            test = f"({spec.expr} IS NOT NULL AND NOT {spec.expr} IN {params.add(MISSING_RATINGS)})"
            return test if value else f"NOT {test}"
    elif isinstance(spec, Related):
        ids = params.add(list(value))
        if op == "some":
            return params.alias(spec.template.format(ids=ids)) + " > 0"
        if op == "none":
            return params.alias(spec.template.format(ids=ids)) + " = 0"
    raise FilterError(f"{path}: operator not allowed on this field")
