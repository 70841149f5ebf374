"""Test helper: load the project's sample data through the real loaders and run GraphQL without HTTP."""

from __future__ import annotations

from typing import Any

from api.context import Context
from api.schema import schema
from graph.backend import Graph
from graph.config import PROJECT_ROOT, Settings
from loaders.run import run_load

SAMPLES = PROJECT_ROOT / "samples"


def _context(graph: Graph) -> Context:
    return Context(graph=graph, settings=Settings())


async def load_samples(graph: Graph) -> None:
    """Load ``samples/`` (members, commitments, coalitions) with the real loader runner."""
    await run_load(graph, [SAMPLES])


async def gql(graph: Graph, query: str, **variables: Any) -> dict[str, Any]:
    """Execute ``query``; fail with the GraphQL errors if there are any."""
    result = await schema.execute(query, variable_values=variables, context_value=_context(graph))
    assert result.errors is None, [str(e) for e in result.errors]
    assert result.data is not None
    return result.data


async def gql_errors(graph: Graph, query: str, **variables: Any) -> list[str]:
    """Execute ``query`` expecting errors; return their messages."""
    result = await schema.execute(query, variable_values=variables, context_value=_context(graph))
    assert result.errors, "expected GraphQL errors"
    return [e.message for e in result.errors]
