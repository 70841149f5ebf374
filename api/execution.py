"""A leaner completion of plain data: the GraphQL execution context the schema runs with.

Most of a response is plain data: attributes read with ``getattr`` (strawberry's "basic" fields, which
have no resolver), holding a leaf (``score``, ``title``, a reason's ``component``), a list of leaves, or
objects made of such fields (a similar commitment's reasons). graphql-core still executes each of them
as a field: a resolve-info object, argument lookup, path, awaitable checks, and ``complete_value``'s
dispatch. A ten-match ``similar`` answer has about 150 such fields, and that bookkeeping was most of its
execution time.

``LeanExecutionContext`` completes a selection that is plain all the way down in one recursive pass (and a
plain leaf field of any other object directly): the
attribute, coerced by the field's own type (as ``complete_leaf_value`` does), objects checked with their
type's ``is_type_of``. Whether a selection qualifies is decided once per selection (memoised like
graphql-core's ``collect_subfields``). Any value the pass cannot complete cleanly (a null in a non-null
field, a failed coercion, an unexpected object) makes it hand the whole object back to graphql-core, which
completes it as usual, so errors, paths and null propagation are exactly graphql-core's; reading the
attributes again there is harmless because basic fields have no resolver to run twice. Fields with
resolvers, abstract types, deferred fragments and schemas with resolver middleware never take this path.
What this needs from graphql-core's executor and strawberry's fields is fenced in ``api/graphql_compat.py``
and ``api/strawberry_compat.py``.
"""

from __future__ import annotations

from typing import Any, Literal

from graphql import (
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLString,
    Undefined,
    is_leaf_type,
)

from api.graphql_compat import MISSING, FieldDetailsList, HookedExecutionContext
from api.strawberry_compat import basic_field_attribute

# (kind, python attribute, named type, non-null, items) of a plain field; items: None = not a list,
# True = a list of non-null items, False = a list of nullable items.
_Plan = tuple[Literal["leaf", "object", "typename"], str, GraphQLOutputType, bool, bool | None]
# A plain selection on an object type: (response name, plan, the field's details for its own selection).
_Plans = list[tuple[str, _Plan, FieldDetailsList]]
_FIELD_PLANS: dict[tuple[GraphQLObjectType, str], _Plan | None] = {}
_TYPENAME: _Plan = ("typename", "__typename", GraphQLString, True, None)  # the object type's name


def field_plan(field: GraphQLField | None) -> _Plan | None:
    """How to complete ``field`` directly: when it is a strawberry basic field (no resolver, extension or
    permission) of a leaf or object type, or a list of one; None otherwise."""
    attribute = basic_field_attribute(field)
    if field is None or attribute is None:
        return None
    named, non_null = field.type, False
    if isinstance(named, GraphQLNonNull):
        named, non_null = named.of_type, True
    items: bool | None = None
    if isinstance(named, GraphQLList):
        named = named.of_type
        items = isinstance(named, GraphQLNonNull)
        if items:
            named = named.of_type
    if is_leaf_type(named):
        return "leaf", attribute, named, non_null, items
    if isinstance(named, GraphQLObjectType):
        return "object", attribute, named, non_null, items
    return None  # a list of lists, an interface or a union


class LeanExecutionContext(HookedExecutionContext):
    """Strawberry's execution context, with plain selections completed in one pass."""

    def leaf_directly(self, parent_type: GraphQLObjectType, details: FieldDetailsList, source: Any) -> Any:
        """A plain leaf field of an object that is not plain as a whole (say a commitment's ``title`` next to
        its ``member``, which has a resolver), read directly."""
        plan = self._field_plan(parent_type, self.field_name(details))
        if plan is None or plan[0] != "leaf":
            return MISSING
        return self._complete_field(plan, details, source, None)  # type: ignore[arg-type]

    def object_directly(
        self, object_type: GraphQLObjectType, details: FieldDetailsList, source: Any, info: GraphQLResolveInfo[Any]
    ) -> Any:
        """The object in one pass when its selection is plain all the way down."""
        plans = self._plans(object_type, details)
        return MISSING if plans is None else self._complete_object(object_type, plans, source, info)

    def _field_plan(self, parent_type: GraphQLObjectType, name: str) -> _Plan | None:
        """``field_plan`` of a field, decided once per schema type and field name."""
        key = (parent_type, name)
        if key not in _FIELD_PLANS:
            _FIELD_PLANS[key] = field_plan(self.schema.get_field(parent_type, name))
        return _FIELD_PLANS[key]

    def _plans(self, return_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> _Plans | None:
        """The plans of a selection on ``return_type`` when every field in it (and in its sub-selections) is
        plain and nothing is deferred; None otherwise. Memoised per selection: graphql-core's own memo of
        ``collect_subfields`` keys on the list's identity, and so does this (keeping the list alive)."""
        memo: dict[tuple[GraphQLObjectType, int], tuple[FieldDetailsList, _Plans | None]]
        memo = self.__dict__.setdefault("_lean_plans", {})
        key = (return_type, id(field_details_list))
        if key in memo:
            return memo[key][1]
        memo[key] = (field_details_list, None)  # a selection that reaches itself again is not plain
        selected = self.subfields(return_type, field_details_list)
        plans: _Plans | None = None if selected is None else []
        for response_name, name, details in selected or ():
            if plans is None:
                break
            if name == "__typename":  # asked for everywhere by some clients (Apollo adds it to every selection)
                plans.append((response_name, _TYPENAME, details))
                continue
            plan = self._field_plan(return_type, name)
            if plan is None or (plan[0] == "object" and self._plans(plan[2], details) is None):  # type: ignore[arg-type]
                plans = None
                break
            plans.append((response_name, plan, details))
        memo[key] = (field_details_list, plans)
        return plans

    def _complete_object(
        self, object_type: GraphQLObjectType, plans: _Plans, source: Any, info: GraphQLResolveInfo[Any]
    ) -> Any:
        if object_type.is_type_of is not None and object_type.is_type_of(source, info) is not True:
            return MISSING
        data = {}
        for response_name, plan, details in plans:
            value = self._complete_field(plan, details, source, info, object_type.name)
            if value is MISSING:
                return MISSING
            data[response_name] = value
        return data

    def _complete_field(
        self, plan: _Plan, details: FieldDetailsList, source: Any, info: GraphQLResolveInfo[Any], parent: str = ""
    ) -> Any:
        kind, name, _named, non_null, items = plan
        if kind == "typename":
            return parent
        value = getattr(source, name, MISSING)
        if value is None:
            return MISSING if non_null else None
        if value is MISSING or isinstance(value, Exception):
            return MISSING
        if items is None:
            return self._complete_item(plan, details, value, info)
        if not isinstance(value, list | tuple):
            return MISSING
        out: list[Any] = []
        for item in value:
            if item is None:
                if items:
                    return MISSING
                out.append(None)
                continue
            completed = self._complete_item(plan, details, item, info)
            if completed is MISSING:
                return MISSING
            out.append(completed)
        return out

    def _complete_item(self, plan: _Plan, details: FieldDetailsList, value: Any, info: GraphQLResolveInfo[Any]) -> Any:
        kind, _name, named, _non_null, _items = plan
        if kind == "object":
            plans = self._plans(named, details)  # type: ignore[arg-type]
            return MISSING if plans is None else self._complete_object(named, plans, value, info)  # type: ignore[arg-type]
        try:
            coerced = named.coerce_output_value(value)  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - graphql-core's completion reports it, with the field's path
            return MISSING
        return MISSING if coerced is None or coerced is Undefined else coerced
