"""The batched ``UNWIND … MERGE`` writer every loader uses: idempotent, with provenance.

Labels, relationship types and list-property names are spliced into the statement text; they come
from ``graph.model`` class constants, never from input. Values always travel as ``$params``.

Provenance: each node gets ``source_file``, ``source_row`` and ``loaded_at`` (the last source that set
it) and ``sources``, one entry per source row it was built from (file, row, layout, when that file's
content for the node last changed), so a commitment in two exports lists both. ``loaded_at`` only moves
when what a source says about the node changes: ``content_hashes`` keeps one ``<source file>:<hash>``
entry per source, so a node that several sources describe (a member in the members list and in the
commitments file) is "unchanged" when each source is loaded again, and loading twice changes nothing.
Nodes built from several layouts also keep ``source_values``: what each source row stated (titles,
texts, ratings), so the API can say which source each differing value came from.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.backend import Graph, WriteStats
from graph.model import NodeModel, RelModel

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000


@dataclass
class LoadStats:
    """What one source run did to the graph, per label and relationship type."""

    nodes_created: dict[str, int] = field(default_factory=dict)
    nodes_updated: dict[str, int] = field(default_factory=dict)
    nodes_unchanged: dict[str, int] = field(default_factory=dict)
    rels_created: dict[str, int] = field(default_factory=dict)
    rels_removed: dict[str, int] = field(default_factory=dict)
    rels_unmatched: dict[str, int] = field(default_factory=dict)

    def merge(self, other: LoadStats) -> None:
        """Add another run's counters into this one."""
        for name in (
            "nodes_created",
            "nodes_updated",
            "nodes_unchanged",
            "rels_created",
            "rels_removed",
            "rels_unmatched",
        ):
            mine, theirs = getattr(self, name), getattr(other, name)
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value


SOURCE_SEPARATOR = "\x1f"  # between the file name and the JSON of a ``sources`` / ``source_values`` entry


@dataclass(frozen=True)
class Provenance:
    """Where a node came from: the file (name only), its row number (1-based, header = row 1).

    ``more_rows`` are further rows of the same file folded into the node (a commitment split into parts);
    ``values`` are what each row stated about the node (row -> field -> value), kept for the API's
    per-source differences.
    """

    source_file: str
    source_row: int | None = None
    more_rows: tuple[int, ...] = ()
    values: tuple[tuple[int | None, dict[str, Any]], ...] = ()

    @property
    def rows(self) -> list[int | None]:
        """Every row of the file the node was built from, first row first."""
        return [self.source_row, *(r for r in self.more_rows if r != self.source_row)]


def source_entries(prov: Provenance, layout: str, loaded_at: str) -> tuple[list[str], list[str]]:
    """The node's ``sources`` and ``source_values`` entries for this file (``<file>\\x1f<json>``)."""
    prefix = prov.source_file + SOURCE_SEPARATOR
    sources = [
        prefix + json.dumps({"row": row, "layout": layout, "loaded_at": loaded_at}, sort_keys=True) for row in prov.rows
    ]
    values = [
        prefix + json.dumps({"row": row, "layout": layout, "values": stated}, sort_keys=True, default=str)
        for row, stated in prov.values
    ]
    return sources, values


@dataclass(frozen=True)
class Rel:
    """One relationship to write: endpoints by id, optional properties model."""

    start: str
    end: str
    props: RelModel | None = None


def _batches(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def content_hash(props: dict[str, Any]) -> str:
    """Stable hash of a node's properties (key order does not matter)."""
    return hashlib.sha1(json.dumps(props, sort_keys=True, default=str).encode()).hexdigest()[:16]


def node_statement(label: str, list_union: Sequence[str] = ()) -> str:
    """The MERGE statement for one label; ``list_union`` properties accumulate instead of being replaced."""
    unions = "".join(
        f", n.{p} = reduce(acc = coalesce(n.{p}, []), x IN coalesce(row.lists.{p}, []) | "
        f"CASE WHEN x IN acc THEN acc ELSE acc + x END)"
        for p in list_union
    )
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{label} {{id: row.id}}) "
        # FalkorDB parses `NOT h STARTS WITH a + b` as `(… STARTS WITH a) + b`: keep the prefix in a variable.
        "WITH n, row, row.source_file + ':' AS prefix, n.content_hashes IS NULL AS created "
        "WITH n, row, prefix, prefix + row.hash AS stamp, created "
        "WITH n, row, prefix, stamp, created, (NOT created) AND (NOT (stamp IN n.content_hashes)) AS changed "
        "SET n += row.props, n.source_file = row.source_file, "
        "n.content_hashes = [h IN coalesce(n.content_hashes, []) WHERE NOT (h STARTS WITH prefix)] + stamp, "
        "n.source_row = row.source_row, "
        "n.loaded_at = CASE WHEN created OR changed THEN $loaded_at ELSE n.loaded_at END, "
        # One entry per source row; an unchanged file keeps its entries (and their loaded_at).
        "n.sources = [s IN coalesce(n.sources, []) WHERE NOT (s STARTS WITH row.entry_prefix)] + "
        "CASE WHEN created OR changed OR NOT any(s IN coalesce(n.sources, []) WHERE s STARTS WITH row.entry_prefix) "
        "THEN row.sources ELSE [s IN n.sources WHERE s STARTS WITH row.entry_prefix] END, "
        "n.source_values = [s IN coalesce(n.source_values, []) WHERE NOT (s STARTS WITH row.entry_prefix)] + "
        "row.source_values"
        f"{unions} "
        "RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, "
        "sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated, count(*) AS total"
    )


async def write_nodes(
    graph: Graph,
    items: Sequence[NodeModel],
    provenance: Sequence[Provenance],
    *,
    loaded_at: str,
    list_union: Sequence[str] = (),
    layout: str = "",
    batch_size: int = BATCH_SIZE,
) -> LoadStats:
    """MERGE ``items`` (all of one label) on ``id`` and set the fields each item was given.

    Only fields a loader set explicitly are written (``exclude_unset``), so two sources that know
    different facts about one node (e.g. a member) do not erase each other's.
    """
    stats = LoadStats()
    if not items:
        return stats
    label = items[0].LABEL
    rows = []
    for item, prov in zip(items, provenance, strict=True):
        props = item.model_dump(exclude_unset=True, exclude={"id"})
        lists = {p: props.pop(p) for p in list_union if p in props}
        sources, values = source_entries(prov, layout, loaded_at)
        stated = {"rows": prov.rows, "layout": layout, "values": values}
        rows.append(
            {
                "id": item.id,
                "props": props,
                "lists": lists,
                "hash": content_hash({**props, **lists, "_source": stated}),
                "source_file": prov.source_file,
                "source_row": prov.source_row,
                "entry_prefix": prov.source_file + SOURCE_SEPARATOR,
                "sources": sources,
                "source_values": values,
            }
        )
    statement = node_statement(label, list_union)
    for batch in _batches(rows, batch_size):
        result = await graph.write(statement, {"rows": list(batch), "loaded_at": loaded_at})
        row = result.rows[0] if result.rows else {"created": 0, "updated": 0, "total": 0}
        _add(stats.nodes_created, label, int(row["created"] or 0))
        _add(stats.nodes_updated, label, int(row["updated"] or 0))
        _add(stats.nodes_unchanged, label, int(row["total"] or 0) - int(row["created"] or 0) - int(row["updated"] or 0))
    logger.info(
        "%s: %d created, %d updated, %d unchanged",
        label,
        stats.nodes_created.get(label, 0),
        stats.nodes_updated.get(label, 0),
        stats.nodes_unchanged.get(label, 0),
    )
    return stats


def rel_statement(start_label: str, rel_type: str, end_label: str) -> str:
    """The MERGE statement for one relationship pattern."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{start_label} {{id: row.start}}) MATCH (b:{end_label} {{id: row.end}}) "
        f"MERGE (a)-[r:{rel_type}]->(b) "
        "SET r += row.props "
        "RETURN count(r) AS matched"
    )


async def write_rels(
    graph: Graph,
    start_label: str,
    rel_type: str,
    end_label: str,
    rels: Sequence[Rel],
    *,
    batch_size: int = BATCH_SIZE,
    omit_defaults: bool = False,
) -> LoadStats:
    """MERGE relationships between existing nodes; endpoints that do not exist are counted, not created.

    ``omit_defaults`` leaves out properties at their model default (a zero, an empty list): for many
    derived relationships whose readers treat a missing property as its default, it makes each smaller.
    """
    stats = LoadStats()
    if not rels:
        return stats
    rows = [
        {"start": r.start, "end": r.end, "props": r.props.model_dump(exclude_defaults=omit_defaults) if r.props else {}}
        for r in rels
    ]
    statement = rel_statement(start_label, rel_type, end_label)
    for batch in _batches(rows, batch_size):
        ws = await graph.write(statement, {"rows": list(batch)})
        matched = int(ws.rows[0]["matched"]) if ws.rows else 0
        _add(stats.rels_created, rel_type, ws.relationships_created)
        _add(stats.rels_unmatched, rel_type, len(batch) - matched)
    return stats


def prune_statement(start_label: str, rel_type: str, end_label: str) -> str:
    """Delete ``rel_type`` relationships from the given start nodes to ends not in ``row.keep``."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{start_label} {{id: row.start}})-[r:{rel_type}]->(b:{end_label}) "
        "WHERE NOT b.id IN row.keep "
        "DELETE r"
    )


async def prune_rels(
    graph: Graph, start_label: str, rel_type: str, end_label: str, keep: dict[str, list[str]]
) -> LoadStats:
    """Remove relationships of the given start nodes that the current source no longer states."""
    stats = LoadStats()
    rows = [{"start": start, "keep": ends} for start, ends in keep.items()]
    for batch in _batches(rows, BATCH_SIZE):
        ws: WriteStats = await graph.write(prune_statement(start_label, rel_type, end_label), {"rows": list(batch)})
        _add(stats.rels_removed, rel_type, ws.relationships_deleted)
    return stats


def _add(counter: dict[str, int], key: str, value: int) -> None:
    if value:
        counter[key] = counter.get(key, 0) + value
