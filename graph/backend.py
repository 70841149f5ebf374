"""The small interface both databases implement, and ``open_graph`` that picks one from the settings.

Everything that differs between FalkorDB and Neo4j (DDL, full-text calls, transactions) lives in
the two implementations (``graph/falkordb_backend.py``, ``graph/neo4j_backend.py``) and nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import re
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from graph.config import Settings
from graph.errors import ConfigError, DatabaseUnavailable

logger = logging.getLogger(__name__)

Row = dict[str, Any]
HEAL_INTERVAL_SECONDS = 0.5  # between attempts to get a lost database back

_query_log: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("query_log", default=None)


@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Record every Cypher statement sent to the database while the block runs (in this context)."""
    log: list[str] = []
    token = _query_log.set(log)
    try:
        yield log
    finally:
        _query_log.reset(token)


def _note_query(cypher: str) -> None:
    log = _query_log.get()
    if log is not None:
        log.append(cypher)


@dataclass
class WriteStats:
    """What a write did (counters summed over statements) and the rows it returned."""

    rows: list[Row] = field(default_factory=list)
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def add(self, other: WriteStats) -> None:
        """Accumulate another statement's counters into this one."""
        self.nodes_created += other.nodes_created
        self.nodes_deleted += other.nodes_deleted
        self.relationships_created += other.relationships_created
        self.relationships_deleted += other.relationships_deleted
        self.properties_set += other.properties_set


@dataclass(frozen=True)
class FulltextIndex:
    """A full-text index over some string properties of one label."""

    label: str
    properties: tuple[str, ...]


@dataclass(frozen=True)
class GraphSchema:
    """What ``ensure_schema`` creates: a unique ``id`` per label, extra property indexes, full-text."""

    labels: tuple[str, ...]
    indexes: tuple[tuple[str, str], ...] = ()
    fulltext: tuple[FulltextIndex, ...] = field(default_factory=tuple)


_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str, max_terms: int = 16) -> list[str]:
    """Split user text into plain word terms (no query syntax survives), at most ``max_terms``."""
    return [t.lower() for t in _WORD.findall(text) if len(t) > 1][:max_terms]


class Graph(ABC):
    """One open graph database: the only object that talks to FalkorDB or Neo4j."""

    kind: Literal["falkordb", "neo4j"]

    def __init__(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms
        # A server sets this: when the database goes away, get it back in the background (restart the
        # embedded one, reconnect to Neo4j) and meanwhile refuse at once. A one-off command leaves it off
        # and simply fails.
        self.heals = False
        self._healing: asyncio.Task[None] | None = None

    async def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a read-only statement and return its rows as plain dicts."""
        _note_query(cypher)
        self._refuse_while_healing()
        try:
            return await self._read(cypher, dict(params or {}))
        except DatabaseUnavailable:
            self._lost()
            raise

    async def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> WriteStats:
        """Run a write statement (inside the current ``atomic()`` block if there is one)."""
        _note_query(cypher)
        self._refuse_while_healing()
        try:
            return await self._write(cypher, dict(params or {}))
        except DatabaseUnavailable:
            self._lost()
            raise

    @property
    def healing(self) -> bool:
        """Whether the database was lost and is being brought back."""
        return self._healing is not None and not self._healing.done()

    def _refuse_while_healing(self) -> None:
        if self.healing:
            raise DatabaseUnavailable(f"the {self.kind} database is unavailable; reconnecting")

    def _lost(self) -> None:
        if self.heals and not self.healing:
            logger.warning("lost the %s database: reconnecting in the background", self.kind)
            self._healing = asyncio.get_running_loop().create_task(self._heal())

    async def _heal(self) -> None:
        attempt = 0
        while True:
            attempt += 1
            try:
                await self._reconnect()
            except Exception as exc:  # noqa: BLE001 - every failure means "not back yet"; try again
                if attempt == 1 or attempt % 20 == 0:
                    logger.warning("the %s database is still unavailable (%s); retrying", self.kind, exc)
                await asyncio.sleep(HEAL_INTERVAL_SECONDS)
            else:
                logger.warning("the %s database is back (after %d attempt(s))", self.kind, attempt)
                return

    @abstractmethod
    async def _reconnect(self) -> None:
        """Get the database back (restart the embedded server, or check Neo4j answers again); raise if not yet."""

    async def _stop_healing(self) -> None:
        if self._healing is not None:
            self._healing.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._healing
            self._healing = None

    @abstractmethod
    async def _read(self, cypher: str, params: dict[str, Any]) -> list[Row]: ...

    @abstractmethod
    async def _write(self, cypher: str, params: dict[str, Any]) -> WriteStats: ...

    @abstractmethod
    def atomic(self) -> Any:
        """Async context manager: every write inside it lands together or not at all."""

    @asynccontextmanager
    async def atomic_parts(self, part_bytes: int) -> AsyncIterator[None]:
        """Like ``atomic()`` for a block that may be too large for one transaction (a whole load).

        A backend with a transaction memory limit (Neo4j) commits the block in parts of about ``part_bytes``
        of statement parameters and puts the graph back as it was if the block fails, or, if its process
        dies, at the next ``restore_unfinished()`` (``graph/neo4j_undo.py``). The embedded backend has no
        such limit: one ``atomic()`` block.
        """
        async with self.atomic():
            yield

    async def restore_unfinished(self) -> str | None:
        """Undo an ``atomic_parts`` block whose process died (its start time), or None when there was none.
        The embedded backend restores its snapshot when it opens: nothing to do here."""
        return None

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[None]:
        """Every read inside the block shares one read transaction (one GraphQL request's statements).

        On Neo4j that is one session and one transaction instead of one of each per statement (several
        round trips each), and the reads see one snapshot; a session in read mode lets a cluster or a
        managed service route them to a secondary. The embedded backend has nothing to share: a no-op.
        """
        yield

    @abstractmethod
    async def ensure_schema(self, schema: GraphSchema) -> None:
        """Create the unique-id constraints, property indexes and full-text indexes (idempotent)."""

    @abstractmethod
    def fulltext_call(self, label: str) -> str:
        """A Cypher fragment ``CALL … YIELD node, score`` that searches ``label`` for ``$fulltext``."""

    @abstractmethod
    def fulltext_query(self, text: str) -> str:
        """Turn user text into a safe query string (all words must match) for this backend's engine."""

    @abstractmethod
    async def clear(self) -> None:
        """Delete every node and relationship (tests and ``ogp reset`` only)."""

    @abstractmethod
    async def close(self) -> None:
        """Release the connection (and stop the embedded server if this process owns it)."""

    @asynccontextmanager
    async def session(self) -> AsyncIterator[Graph]:
        """``async with graph.session():`` closes the graph on exit."""
        try:
            yield self
        finally:
            await self.close()


async def open_graph(settings: Settings) -> Graph:
    """Open the graph the settings name: embedded FalkorDB by default, Neo4j for a ``neo4j``/``bolt`` URL."""
    url = settings.graph_url
    if not url or url.startswith("falkordb-lite://"):
        from graph.falkordb_backend import FalkorGraph

        return await FalkorGraph.open(settings.embedded_path, settings.graph_name, settings.query_timeout_ms)
    if re.match(r"^(neo4j|bolt)(\+s|\+ssc)?://", url):
        from graph.neo4j_backend import Neo4jGraph

        return await Neo4jGraph.open(url, settings.query_timeout_ms)
    raise ConfigError(
        f"OGP_GRAPH_URL={url!r} is not understood: use falkordb-lite:///path/graph.db for an embedded "
        "graph or neo4j://user:password@host:7687 (bolt://, neo4j+s://) for Neo4j"
    )
