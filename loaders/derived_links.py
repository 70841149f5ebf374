"""Derived links (``SIMILAR_TO``, ``CONTINUES``) replaced in bounded transactions, the old kept until the new are in.

A derivation may write hundreds of thousands of links: more than one transaction can hold under a database's
transaction memory limit (Neo4j's ``db.memory.transaction.max``; 256 MiB in the launcher, and on managed
services). So the new set is written in three steps, every statement a batch of at most ``BATCH_SIZE`` rows
(each its own transaction), and no reader ever sees a commitment's list half-written:

1. **stage**: the new links go in under a staging type (``SIMILAR_TO_STAGED``), which no query reads; links
   staged by an earlier derivation that never finished are deleted first. Node properties the derivation
   computes (``NodeUpdate``) are written here too. A failure here leaves the graph as it was.
2. **promote**: batch by batch of start nodes, ONE statement deletes a commitment's old links and turns its
   staged ones into real ones, so each commitment shows either its previous list or its new one, whole.
3. **settle**: the last transaction deletes the ``DerivationOwed`` marker (``queries/derivation_state.py``).

A run that dies in step 1 or 2 keeps the marker, so the next ``ogp load`` or ``ogp serve`` derives again and
replaces everything (staged leftovers included). Both backends take the same path: FalkorDB runs each
statement atomically, Neo4j each in its own auto-commit transaction. This is the one place derived links
are written: a derivation computes its ``LinkSet``s and calls ``replace_links``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.backend import Graph
from graph.model import staged_type
from loaders._write import BATCH_SIZE, Rel, write_rels
from queries.derivation_state import settle

logger = logging.getLogger(__name__)

# Start nodes per promotion statement: a commitment has about 45 links, so ~9,000 links (and as many
# deleted) per transaction, a few MB of transaction state.
PROMOTE_BATCH = 200
DELETE_BATCH = 10_000  # links deleted per statement when clearing leftovers


@dataclass(frozen=True)
class LinkSet:
    """Every derived link of one type: the complete new set (links of that type not in it disappear)."""

    rel_type: str
    rels: Sequence[Rel]
    start_label: str = "Commitment"
    end_label: str = "Commitment"
    options: dict[str, Any] = field(default_factory=dict)  # passed on to ``write_rels``


@dataclass(frozen=True)
class NodeUpdate:
    """Properties a derivation sets on existing nodes: ``UNWIND $rows AS row MATCH … SET …``, in batches."""

    statement: str
    rows: Sequence[dict[str, Any]]


def clear_statement(start_label: str, rel_type: str, end_label: str) -> str:
    """Delete up to ``$limit`` links of one type (run until it deletes none)."""
    return f"MATCH (:{start_label})-[r:{rel_type}]->(:{end_label}) WITH r LIMIT $limit DELETE r RETURN count(r) AS n"


def promote_statement(start_label: str, rel_type: str, end_label: str) -> str:
    """For a batch of start nodes: delete their ``rel_type`` links, and turn their staged links into real ones."""
    staged = staged_type(rel_type)
    return (
        f"UNWIND $ids AS id MATCH (a:{start_label} {{id: id}}) "
        f"OPTIONAL MATCH (a)-[old:{rel_type}]->(:{end_label}) DELETE old "
        f"WITH DISTINCT a MATCH (a)-[s:{staged}]->(b:{end_label}) "
        f"CREATE (a)-[r:{rel_type}]->(b) SET r = properties(s) DELETE s "
        "RETURN count(r) AS n"
    )


def start_ids_statement(start_label: str) -> str:
    """Every node that may hold links of a set: all nodes of its start label."""
    return f"MATCH (a:{start_label}) RETURN a.id AS id ORDER BY id"


async def clear_links(graph: Graph, start_label: str, rel_type: str, end_label: str) -> int:
    """Delete every ``rel_type`` link between the labels, ``DELETE_BATCH`` per statement; how many went."""
    deleted = 0
    while True:
        stats = await graph.write(clear_statement(start_label, rel_type, end_label), {"limit": DELETE_BATCH})
        if not stats.relationships_deleted:
            return deleted
        deleted += stats.relationships_deleted


async def replace_links(
    graph: Graph, sets: Sequence[LinkSet], updates: Sequence[NodeUpdate] = (), *, batch_size: int = BATCH_SIZE
) -> None:
    """Stage every set, write the node updates, promote commitment by commitment, then settle the marker."""
    for link_set in sets:
        leftovers = await clear_links(graph, link_set.start_label, staged_type(link_set.rel_type), link_set.end_label)
        if leftovers:
            logger.info("%s: %d staged links of an unfinished derivation deleted", link_set.rel_type, leftovers)
        await write_rels(
            graph,
            link_set.start_label,
            staged_type(link_set.rel_type),
            link_set.end_label,
            link_set.rels,
            **({"batch_size": batch_size} | link_set.options),
        )
    for update in updates:
        for start in range(0, len(update.rows), batch_size):
            await graph.write(update.statement, {"rows": list(update.rows[start : start + batch_size])})
    for link_set in sets:
        ids = [row["id"] for row in await graph.read(start_ids_statement(link_set.start_label))]
        statement = promote_statement(link_set.start_label, link_set.rel_type, link_set.end_label)
        for start in range(0, len(ids), PROMOTE_BATCH):
            await graph.write(statement, {"ids": ids[start : start + PROMOTE_BATCH]})
        logger.info("%s: %d links promoted for %d start nodes", link_set.rel_type, len(link_set.rels), len(ids))
    await settle(graph)
