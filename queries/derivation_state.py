"""Whether the graph owes a derivation: the ``DerivationOwed`` marker (see ``graph/model.py``).

The marker is written in the same transaction as a load's data and deleted in the same transaction as
the derived links it was waiting for; a writer that splits either side into several transactions (to
stay under a database's transaction memory limit) keeps that rule: mark in the first, settle in the last.
"""

from __future__ import annotations

from graph.backend import Graph

MARKER_ID = "derived-links"
MARK_OWED = "MERGE (o:DerivationOwed {id: $id}) SET o.since = $since"
OWED_SINCE = "MATCH (o:DerivationOwed) RETURN o.since AS since ORDER BY since LIMIT 1"
SETTLE_OWED = "MATCH (o:DerivationOwed) DELETE o"


async def mark_owed(graph: Graph, since: str) -> None:
    """Record that the derived links lag behind the run stamped ``since`` (inside the run's ``atomic()``)."""
    await graph.write(MARK_OWED, {"id": MARKER_ID, "since": since})


async def owed_since(graph: Graph) -> str | None:
    """The stamp of the oldest run whose derivation is still owed, or None when the derived links are current."""
    rows = await graph.read(OWED_SINCE)
    return str(rows[0]["since"]) if rows else None


async def settle(graph: Graph) -> None:
    """The derived links are current again (inside the derivation's ``atomic()``, with the new links)."""
    await graph.write(SETTLE_OWED)
