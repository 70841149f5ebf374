"""The only place that relies on falkordb-py beyond its client API (contract: tests/unit/test_falkordb_compat.py).

Embedded reads send ``GRAPH.RO_QUERY … --compact`` themselves and decode the primitive values of the
reply in ``graph/falkordb_backend.py`` (the library awaits a coroutine per value, a third of a small
read's time). That needs two things the library keeps for itself:

- the parameters header (``CYPHER `name`=value …`` before the statement), which ``Graph.query`` builds
  with ``falkordb.helpers.stringify_param_value``: ``params_header`` builds the same text with it;
- the decoder of the values only the library knows (nodes, edges, paths, points, vectors, temporal
  values: it looks labels and property keys up): ``library_value`` is ``falkordb.asyncio.query_result``'s
  ``parse_scalar``.

If an upgrade moves either, importing this module fails (the backend cannot start), and the contract
test says which one: there is no silent fall-back to the library's slower path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from falkordb.asyncio.query_result import parse_scalar
from falkordb.helpers import stringify_param_value


def params_header(params: Mapping[str, Any]) -> str:
    """The ``CYPHER `name`=value …`` prefix that passes ``params`` with a statement, as ``Graph.query`` writes it."""
    return "CYPHER " + "".join(f"`{name}`={stringify_param_value(value)} " for name, value in params.items())


async def library_value(cell: list[Any], graph: Any) -> Any:
    """A compact-reply value decoded by the library (``graph``: the library's async graph handle)."""
    return await parse_scalar(cell, graph)
