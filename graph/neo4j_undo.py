"""Undo for a Neo4j write too large for one transaction: the graph saved to a file first, put back if the write fails.

Neo4j refuses a transaction whose state outgrows ``db.memory.transaction.max`` (256 MiB in the launcher; managed
services set such limits too). A load of ten times the real export is past it, so ``Neo4jGraph.atomic_parts``
commits a long block of writes in parts. To keep the promise that a failed run leaves the graph as it was,
the block begins by saving the whole graph to a JSON-lines file and writing an ``UnfinishedWrite`` marker
that names the file; it ends by deleting both. If the block fails, the file is put back (the graph cleared,
then rebuilt in bounded statements). If the process dies, the marker stays, and the next ``ogp load`` or
``ogp serve`` puts the file back before anything else (``restore_unfinished``), as the embedded backend
restores its ``GRAPH.COPY`` snapshot when it opens.

Readers may see a part-written graph while such a block runs (the price of not holding it in one
transaction); a block small enough for one part (every load of the real export) is one transaction, as before.
Nodes are saved with their labels and properties, relationships by type, with their properties and the ``id``
of both ends (every node of the model has a unique ``id``; a node without one cannot be saved, and the
block refuses to start rather than lose it).
"""

from __future__ import annotations

import contextlib
import json
import logging
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import AsyncSession, AsyncTransaction
from neo4j.exceptions import DriverError, ServiceUnavailable, SessionExpired

from graph.errors import GraphError

logger = logging.getLogger(__name__)

MARKER_LABEL = "UnfinishedWrite"
UNDO_FOLDER = Path(tempfile.gettempdir()) / "ogp-undo"
NODE_BATCH = 500  # nodes per restoring statement (commitments carry a few KB of text each)
REL_BATCH = 5_000  # relationships per restoring statement
# What a statement of a block counts for besides its parameters' size: a row's share of the transaction
# state (a node or a relationship, its index entries) beyond the row's own bytes.
ROW_WEIGHT = 500

Reader = Callable[[str, dict[str, Any]], Awaitable[list[dict[str, Any]]]]
Writer = Callable[[str, dict[str, Any]], Awaitable[Any]]

LABELS = "CALL db.labels() YIELD label RETURN label ORDER BY label"
TYPES = "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS type ORDER BY type"
MARKER = f"MATCH (m:{MARKER_LABEL}) RETURN m.file AS file, m.since AS since"
WRITE_MARKER = f"CREATE (m:{MARKER_LABEL} {{id: $id, file: $file, since: $since}})"
DELETE_MARKER = f"MATCH (m:{MARKER_LABEL}) DELETE m"


def _label(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _plain(value: Any, where: str) -> Any:
    """A property value as JSON keeps it (strings, numbers, booleans, lists of them), or refuse."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        return [_plain(v, where) for v in value]
    raise GraphError(f"{where}: a {type(value).__name__} property cannot be saved for undo; nothing was written")


async def save(read: Reader, path: Path) -> int:
    """Write every node and relationship to ``path`` (JSON lines, one batch a line); how many items."""
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for row in await read(LABELS, {}):
            label = str(row["label"])
            if label == MARKER_LABEL:
                continue
            nodes = await read(
                f"MATCH (n:{_label(label)}) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id", {}
            )
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for node in nodes:
                labels = tuple(sorted(str(x) for x in node["labels"]))
                if labels[0] != label:  # a node of several labels is saved once, under its first
                    continue
                if node["props"].get("id") is None:
                    raise GraphError(f"a {label} node has no id: it cannot be saved for undo; nothing was written")
                groups.setdefault(labels, []).append({k: _plain(v, label) for k, v in node["props"].items()})
            for labels, rows in groups.items():
                for batch in _chunks(rows, NODE_BATCH):
                    out.write(json.dumps({"labels": list(labels), "rows": batch}) + "\n")
                    count += len(batch)
        for row in await read(TYPES, {}):
            rel_type = str(row["type"])
            rels = await read(
                f"MATCH (a)-[r:{_label(rel_type)}]->(b) RETURN labels(a)[0] AS a_label, a.id AS a, "
                "labels(b)[0] AS b_label, b.id AS b, properties(r) AS props",
                {},
            )
            groups_r: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for rel in rels:
                if MARKER_LABEL in (rel["a_label"], rel["b_label"]):
                    continue
                key = (str(rel["a_label"]), str(rel["b_label"]))
                props = {k: _plain(v, rel_type) for k, v in rel["props"].items()}
                groups_r.setdefault(key, []).append({"a": rel["a"], "b": rel["b"], "props": props})
            for (a_label, b_label), rows in groups_r.items():
                for batch in _chunks(rows, REL_BATCH):
                    out.write(json.dumps({"type": rel_type, "a": a_label, "b": b_label, "rows": batch}) + "\n")
                    count += len(batch)
    return count


async def put_back(write: Writer, clear: Callable[[], Awaitable[None]], path: Path) -> None:
    """Empty the graph and rebuild it from ``path``: nodes first, then relationships, one batch a statement."""
    await clear()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            if "labels" in item:
                labels = ":".join(_label(x) for x in item["labels"])
                await write(f"UNWIND $rows AS row CREATE (n:{labels}) SET n = row", {"rows": item["rows"]})
            else:
                await write(
                    f"UNWIND $rows AS row MATCH (a:{_label(item['a'])} {{id: row.a}}) "
                    f"MATCH (b:{_label(item['b'])} {{id: row.b}}) "
                    f"CREATE (a)-[r:{_label(item['type'])}]->(b) SET r = row.props",
                    {"rows": item["rows"]},
                )


class Parts:
    """The current part of an ``atomic_parts`` block: how much it holds, and the saved graph once one part committed."""

    def __init__(self, budget: int, read_outside: Reader, write: Writer, clear: Callable[[], Awaitable[None]]) -> None:
        self.budget, self.used, self.committed = budget, 0, 0
        self.read_outside, self.write, self.clear = read_outside, write, clear
        self.session: AsyncSession | None = None
        self.tx: AsyncTransaction | None = None
        self.saved: Path | None = None

    async def written(self, params: dict[str, Any]) -> None:
        """Count a statement's parameters (and rows) in the part; commit the part once it is full."""
        rows = sum(len(v) for v in params.values() if isinstance(v, list))
        self.used += len(repr(params)) + ROW_WEIGHT * rows
        if self.used < self.budget:
            return
        assert self.tx is not None and self.session is not None
        if self.saved is None:
            await self._save()
        await self.tx.commit()
        await self.tx.close()
        self.tx = await self.session.begin_transaction()
        self.used, self.committed = 0, self.committed + 1
        logger.info("a write too large for one transaction: part %d committed", self.committed)

    async def _save(self) -> None:
        """Before the first part commits: save the graph as it was, read in another session (which does not see
        the open part's writes), and write the marker that names the copy in the part itself."""
        assert self.tx is not None
        path = new_file()
        count = await save(self.read_outside, path)
        self.saved = path
        since = datetime.now(UTC).isoformat(timespec="seconds")
        await (await self.tx.run(WRITE_MARKER, marker_params(path, since))).consume()
        logger.info("the graph (%d nodes and relationships) saved to %s, to undo this write if it fails", count, path)

    async def undo(self) -> None:
        """The block failed: roll back the open part, and put back the saved graph if a part committed."""
        with contextlib.suppress(ServiceUnavailable, SessionExpired, OSError, DriverError):
            if self.tx is not None:
                await self.tx.rollback()
        if self.saved is None:
            return
        try:
            await put_back(self.write, self.clear, self.saved)
        except GraphError:
            logger.error(
                "the graph could not be put back now: the next `ogp load` or `ogp serve` does it (%s)", self.saved
            )
            return
        self.saved.unlink(missing_ok=True)

    async def finish(self) -> None:
        """The block is in: the saved graph and its marker go."""
        if self.saved is not None:
            await self.write(DELETE_MARKER, {})
            self.saved.unlink(missing_ok=True)


def new_file() -> Path:
    """Where a block's saved graph goes (a fresh name: two loads never share one)."""
    return UNDO_FOLDER / f"undo-{uuid.uuid4().hex}.jsonl"


def marker_params(path: Path, since: str) -> dict[str, Any]:
    """The marker's properties: the file that undoes the block, and when the block began."""
    return {"id": "unfinished-write", "file": str(path), "since": since}


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
