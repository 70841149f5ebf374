"""The only place that relies on graphql-core's executor internals (contract: tests/unit/test_lean_execution.py).

graphql-core lets a schema choose its execution context class; ``api/execution.py`` completes plain data
itself and needs three things whose shape belongs to graphql-core 3.3's executor: the ``execute_field`` and
``complete_object_value`` methods (their signatures, with ``position_context``), ``collect_subfields``
(grouped fields, and whether any is deferred) and the resolver middleware in force. ``HookedExecutionContext``
turns them into two hooks with plain arguments: ``leaf_directly`` and ``object_directly``. When an upgrade
changes these, ``tests/unit/test_lean_execution.py`` fails: it checks that the hooks are really taken.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType, GraphQLResolveInfo
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path

from api.strawberry_compat import ExecutionContext

__all__ = ["MISSING", "FieldDetailsList", "HookedExecutionContext"]

MISSING: Any = object()  # a hook's answer when it leaves the value to graphql-core


class HookedExecutionContext(ExecutionContext):
    """Strawberry's execution context with two hooks a subclass fills (each may answer ``MISSING``)."""

    def leaf_directly(self, parent_type: GraphQLObjectType, details: FieldDetailsList, source: Any) -> Any:
        """The completed value of a field of ``parent_type`` on ``source``, or ``MISSING``."""
        return MISSING

    def object_directly(
        self, object_type: GraphQLObjectType, details: FieldDetailsList, source: Any, info: GraphQLResolveInfo[Any]
    ) -> Any:
        """The completed value (a dict) of the selection ``details`` on an object ``source``, or ``MISSING``."""
        return MISSING

    def subfields(
        self, object_type: GraphQLObjectType, details: FieldDetailsList
    ) -> list[tuple[str, str, FieldDetailsList]] | None:
        """The fields selected on ``object_type`` (response name, field name, their details), or None when some
        are deferred (graphql-core memoises this per selection)."""
        grouped, deferred, _ = self.collect_subfields(object_type, details)
        if deferred:
            return None
        return [
            (response, field_details[0].node.name.value, field_details) for response, field_details in grouped.items()
        ]

    @staticmethod
    def field_name(details: FieldDetailsList) -> str:
        """The name of the field these details select."""
        return str(details[0].node.name.value)

    def has_middleware(self) -> bool:
        """Resolver middleware is in force (strawberry passes an empty manager when no extension resolves)."""
        manager = self.middleware_manager
        return manager is not None and bool(manager.middlewares)

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        if not self.has_middleware():
            value = self.leaf_directly(parent_type, field_details_list, source)
            if value is not MISSING:
                return value
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        if position_context is None and not self.has_middleware():
            value = self.object_directly(return_type, field_details_list, result, info)
            if value is not MISSING:
                return value
        return super().complete_object_value(return_type, field_details_list, info, path, result, position_context)
