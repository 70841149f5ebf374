"""Neo4j 5 through the official async driver: the production and scale-out backend."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit, urlunsplit

import neo4j
from neo4j import AsyncGraphDatabase, AsyncManagedTransaction, AsyncTransaction, Query
from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import neo4j_undo
from graph.backend import Graph, GraphSchema, Row, WriteStats, search_terms
from graph.errors import ConfigError, DatabaseUnavailable, GraphError, QueryTimeoutError

logger = logging.getLogger(__name__)

_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
# Driver settings for a server that goes away: fail within a second instead of retrying for 30 s (the
# driver's default); the graph's healing (graph/backend.py) checks when it is back.
CONNECTION_TIMEOUT_SECONDS = 1.0
RETRY_SECONDS = 0.5
ACQUISITION_TIMEOUT_SECONDS = 5.0  # waiting for a free connection of the pool (the default is a minute)
# Neo4j being away: refused, reset, or the cluster has no server for the request.
UNAVAILABLE = (ServiceUnavailable, SessionExpired, OSError)


def parse_url(url: str) -> tuple[str, tuple[str, str] | None, str | None]:
    """Split ``neo4j://user:pass@host:7687/db`` into (uri without credentials, auth, database)."""
    parts = urlsplit(url)
    if not parts.hostname:
        raise ConfigError(f"OGP_GRAPH_URL={url!r} has no host")
    auth = (unquote(parts.username), unquote(parts.password or "")) if parts.username else None
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    database = parts.path.strip("/") or None
    return urlunsplit((parts.scheme, netloc, "", "", "")), auth, database


@dataclass
class _SharedRead:
    """The read transaction of a ``reading()`` block: begun on the block's first read, one statement at a time
    (a transaction runs its statements in order; DataLoaders of one request level ask concurrently)."""

    session: neo4j.AsyncSession | None = None
    tx: AsyncTransaction | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Neo4jGraph(Graph):
    """A Neo4j database reached over Bolt."""

    kind: Literal["falkordb", "neo4j"] = "neo4j"

    def __init__(self, driver: neo4j.AsyncDriver, database: str | None, timeout_ms: int) -> None:
        super().__init__(timeout_ms)
        self._driver = driver
        self._database = database
        self._tx: contextvars.ContextVar[AsyncTransaction | None] = contextvars.ContextVar("neo4j_tx", default=None)
        self._shared: contextvars.ContextVar[_SharedRead | None] = contextvars.ContextVar("neo4j_read", default=None)
        self._parts_of: dict[int, neo4j_undo.Parts] = {}  # the atomic_parts block each open part belongs to

    @classmethod
    async def open(cls, url: str, timeout_ms: int) -> Neo4jGraph:
        """Connect and check the server answers."""
        uri, auth, database = parse_url(url)
        driver = AsyncGraphDatabase.driver(
            uri,
            auth=auth,
            connection_timeout=CONNECTION_TIMEOUT_SECONDS,
            connection_acquisition_timeout=ACQUISITION_TIMEOUT_SECONDS,
            max_transaction_retry_time=RETRY_SECONDS,
        )
        try:
            await driver.verify_connectivity()
        except UNAVAILABLE as exc:
            await driver.close()
            raise DatabaseUnavailable(f"cannot reach Neo4j at {uri}: {exc}") from exc
        except Exception as exc:
            await driver.close()
            raise ConfigError(f"cannot use Neo4j at {uri}: {exc}") from exc
        return cls(driver, database, timeout_ms)

    async def _reconnect(self) -> None:
        """The driver reconnects by itself once Neo4j answers again: check that it does."""
        await self._driver.verify_connectivity()

    def _query(self, cypher: str, timeout_ms: int | None = None) -> Query:
        return Query(cypher, timeout=(timeout_ms or self.timeout_ms) / 1000)

    def _current_tx(self) -> AsyncTransaction | None:
        """The open transaction of this context: the current part, inside an ``atomic_parts`` block."""
        tx = self._tx.get()
        parts = self._parts_of.get(id(tx)) if tx is not None else None
        return parts.tx if parts is not None else tx

    async def _read(self, cypher: str, params: dict[str, Any]) -> list[Row]:
        tx = self._current_tx()
        shared = self._shared.get() if tx is None else None
        try:
            if shared is not None:
                return await self._read_shared(shared, cypher, params)
            if tx is not None:
                result = await tx.run(cypher, params)
                return [r.data() for r in [rec async for rec in result]]

            async def work(t: AsyncManagedTransaction) -> list[Row]:
                res = await t.run(cypher, params)
                return [rec.data() async for rec in res]

            async with self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS) as s:
                return await s.execute_read(_with_timeout(work, self.timeout_ms))
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"Neo4j is not answering: {exc}") from exc
        except Neo4jError as exc:
            raise _translate(exc) from exc

    async def _read_outside(self, cypher: str, params: dict[str, Any]) -> list[Row]:
        """A read in its own session, outside any open transaction (it sees only committed writes)."""

        async def work(t: AsyncManagedTransaction) -> list[Row]:
            res = await t.run(cypher, params)
            return [rec.data() async for rec in res]

        try:
            async with self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS) as s:
                return await s.execute_read(_with_timeout(work, self.timeout_ms))
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"Neo4j is not answering: {exc}") from exc
        except Neo4jError as exc:
            raise _translate(exc) from exc

    async def _read_shared(self, shared: _SharedRead, cypher: str, params: dict[str, Any]) -> list[Row]:
        async with shared.lock:
            if shared.tx is None:
                shared.session = self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS)
                shared.tx = await shared.session.begin_transaction(timeout=self.timeout_ms / 1000)
            try:
                result = await shared.tx.run(cypher, params)
                return [rec.data() async for rec in result]
            except BaseException:
                # A failed statement fails its transaction: the request's next reads begin a new one, so one
                # failing field does not fail the others with a confusing "transaction failed".
                await _close_shared(shared)
                raise

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[None]:
        """One read session and transaction for every read of the block (begun lazily, closed at the end)."""
        if self._tx.get() is not None or self._shared.get() is not None:
            yield  # inside a write transaction or an outer block already: its reads share that
            return
        shared = _SharedRead()
        token = self._shared.set(shared)
        try:
            yield
        finally:
            self._shared.reset(token)
            await _close_shared(shared)

    async def _write(self, cypher: str, params: dict[str, Any]) -> WriteStats:
        first = self._tx.get()
        parts = self._parts_of.get(id(first)) if first is not None else None
        tx = parts.tx if parts is not None else first
        try:
            if tx is not None:
                result = await tx.run(cypher, params)
                rows = [rec.data() async for rec in result]
                summary = await result.consume()
                if parts is not None:
                    await parts.written(params)
            else:
                async with self._driver.session(database=self._database) as s:
                    result = await s.run(cypher, params)
                    rows = [rec.data() async for rec in result]
                    summary = await result.consume()
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"Neo4j is not answering: {exc}") from exc
        except Neo4jError as exc:
            raise _translate(exc) from exc
        c = summary.counters
        return WriteStats(
            rows=rows,
            nodes_created=c.nodes_created,
            nodes_deleted=c.nodes_deleted,
            relationships_created=c.relationships_created,
            relationships_deleted=c.relationships_deleted,
            properties_set=c.properties_set,
        )

    @asynccontextmanager
    async def atomic(self) -> AsyncIterator[None]:
        """One explicit transaction: committed when the block ends, rolled back if it fails."""
        try:
            async with self._driver.session(database=self._database) as session:
                tx = await session.begin_transaction()
                token = self._tx.set(tx)
                try:
                    yield
                except BaseException:
                    with contextlib.suppress(*UNAVAILABLE, DriverError):  # a lost connection rolls back by itself
                        await tx.rollback()
                    raise
                else:
                    await tx.commit()
                finally:
                    self._tx.reset(token)
                    with contextlib.suppress(*UNAVAILABLE, DriverError):
                        await tx.close()
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"Neo4j is not answering: {exc}") from exc

    @asynccontextmanager
    async def atomic_parts(self, part_bytes: int) -> AsyncIterator[None]:
        """A block of writes committed in parts of about ``part_bytes`` of statement parameters each, so no
        transaction outgrows ``db.memory.transaction.max``; undone from a saved copy if it fails
        (``graph/neo4j_undo.py``). A block that fits in one part is one transaction and saves nothing."""
        if self._tx.get() is not None:
            yield  # inside a transaction already: its writes are its own
            return
        parts = neo4j_undo.Parts(part_bytes, self._read_outside, self.write, self.clear)
        done = False
        try:
            async with self._driver.session(database=self._database) as session:
                parts.session = session
                first = parts.tx = await session.begin_transaction()
                token = self._tx.set(first)
                self._parts_of[id(first)] = parts
                try:
                    yield
                    await parts.tx.commit()
                    done = True
                finally:
                    self._parts_of.pop(id(first), None)
                    self._tx.reset(token)
                    with contextlib.suppress(*UNAVAILABLE, DriverError):  # a lost connection rolls back by itself
                        if not done:
                            await parts.tx.rollback()
                        await parts.tx.close()
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(f"Neo4j is not answering: {exc}") from exc
        finally:
            # outside the block's transaction: the saved copy goes (done), or is put back (failed)
            await (parts.finish() if done else parts.undo())

    async def restore_unfinished(self) -> str | None:
        """Put back the graph saved by a block of parts that never finished (its process died); its start time."""
        rows = await self.read(neo4j_undo.MARKER)
        if not rows:
            return None
        path, since = Path(str(rows[0]["file"])), str(rows[0]["since"])
        if not path.exists():
            raise GraphError(
                f"a write begun at {since} did not finish, and the copy of the graph that undoes it ({path}) is "
                "gone (written on another machine, or removed): load your files again into an emptied graph "
                "(`ogp reset --yes`, then `ogp load`)"
            )
        logger.warning("a write begun at %s did not finish: putting the graph back as it was before it", since)
        await neo4j_undo.put_back(self.write, self.clear, path)
        path.unlink(missing_ok=True)
        return since

    async def ensure_schema(self, schema: GraphSchema) -> None:
        """Unique constraints, range indexes and full-text indexes in Neo4j's DDL (all ``IF NOT EXISTS``)."""
        for label in schema.labels:
            await self.write(
                f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
            )
        for label, prop in schema.indexes:
            await self.write(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
        for ft in schema.fulltext:
            props = ", ".join(f"n.{p}" for p in ft.properties)
            await self.write(
                f"CREATE FULLTEXT INDEX {ft.label.lower()}_fulltext IF NOT EXISTS FOR (n:{ft.label}) ON EACH [{props}]"
            )
        await self.write("CALL db.awaitIndexes(300)")

    def fulltext_call(self, label: str) -> str:
        return f"CALL db.index.fulltext.queryNodes('{label.lower()}_fulltext', $fulltext) YIELD node, score"

    def fulltext_query(self, text: str) -> str:
        # Lucene syntax: every term required, trailing * for prefixes; specials never reach here.
        terms = ["".join(ch for ch in t if ch not in _LUCENE_SPECIAL) for t in search_terms(text)]
        return " AND ".join(f"{t}*" if len(t) > 2 else t for t in terms if t)

    async def clear(self) -> None:
        # Relationships first, in slices: 10,000 nodes detached at once can carry ~500,000 relationships
        # (similarity edges), more than one transaction may hold under db.memory.transaction.max.
        await self.write("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS")
        await self.write("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS")

    async def close(self) -> None:
        await self._stop_healing()
        await self._driver.close()


async def _close_shared(shared: _SharedRead) -> None:
    """End a shared read transaction and its session (a read transaction: closing rolls back, nothing to commit)."""
    tx, session, shared.tx, shared.session = shared.tx, shared.session, None, None
    with contextlib.suppress(*UNAVAILABLE, DriverError, Neo4jError):
        if tx is not None:
            await tx.close()
    with contextlib.suppress(*UNAVAILABLE, DriverError, Neo4jError):
        if session is not None:
            await session.close()


def _with_timeout(work: Any, timeout_ms: int) -> Any:
    return neo4j.unit_of_work(timeout=timeout_ms / 1000)(work)


def _translate(exc: Neo4jError) -> GraphError:
    code = exc.code or ""
    if code.endswith(".DatabaseUnavailable") or code.endswith(".NotALeader"):  # stopping, starting, failing over
        return DatabaseUnavailable(f"Neo4j cannot serve requests right now ({exc.message})")
    if "TransactionTimedOut" in code or "Timeout" in code:
        return QueryTimeoutError(f"the query ran past the configured timeout ({exc.message})")
    if isinstance(exc, ClientError):
        return GraphError(f"Neo4j rejected the query: {exc.message}")
    return GraphError(f"Neo4j: {exc}")
