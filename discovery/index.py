"""The in-memory discovery index of one graph: built once, its version checked at most every few seconds.

Whoever serves the graph owns one (``api/app.py`` keeps it in the app's state), so its lifetime is the
server's, and a test or a command that wants its own simply makes one. It holds the ``Corpus`` that
``similarToText`` and narrow similarity filters rank against, and the encoder that embeds drafts.
Building reads every commitment (and embeds any text whose vector is not stored yet), so it runs in
the background at startup and again when the graph's commitments change, never per request.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable

import numpy as np

from discovery.corpus import Corpus
from discovery.encoder import Encoder
from discovery.text import lead

logger = logging.getLogger(__name__)

# How long a built index is trusted before the (full-scan) version check runs again: a load shows up in
# similarToText at most this many seconds late, and a busy server does not scan every commitment per request.
VERSION_CHECK_SECONDS = 5.0
DRAFT_CHARS = 500  # of a pasted draft given to the encoder (a commitment gets its titles and 400 characters)
REMEMBERED_DRAFTS = 256  # draft embeddings kept (a client paging through one draft's matches embeds it once)


class DiscoveryIndex:
    """A corpus kept up to date with the graph.

    Args:
        build: reads the graph and returns a fresh ``Corpus`` (``queries.similarity.build_corpus``).
        version: returns a value that changes whenever the graph's commitments do.
        encoder: embeds drafts (``None``: likeness by words only).
    """

    def __init__(
        self,
        build: Callable[[], Awaitable[Corpus]],
        version: Callable[[], Awaitable[Hashable]],
        encoder: Encoder | None,
        check_seconds: float = VERSION_CHECK_SECONDS,
    ) -> None:
        self._build, self._version = build, version
        self.encoder = encoder
        self.check_seconds = check_seconds
        self.built: Corpus | None = None
        self._key: Hashable | None = None
        self._checked = 0.0
        self._lock = asyncio.Lock()
        self._drafts: OrderedDict[str, np.ndarray] = OrderedDict()

    async def corpus(self) -> Corpus:
        """The corpus, rebuilt first when the graph's commitments changed since the last check."""
        if self.built is not None and time.monotonic() - self._checked < self.check_seconds:
            return self.built
        key = await self._version()
        if key == self._key and self.built is not None:
            self._checked = time.monotonic()  # unchanged: trust it for another period
            return self.built
        async with self._lock:
            if key != self._key or self.built is None:
                self.built = await self._build()
                self._key = key
        self._checked = time.monotonic()
        return self.built

    def expire(self) -> None:
        """Check the version at the next use (a load in this process changed the graph)."""
        self._checked = 0.0
        self._key = None

    async def warm(self) -> None:
        """Build now (a server calls it at startup, in the background); a failure is logged and left to the
        first request to meet again."""
        try:
            started = time.monotonic()
            corpus = await self.corpus()
            logger.info("discovery index ready: %d commitments in %.1fs", len(corpus.docs), time.monotonic() - started)
        except Exception:  # (a cancelled warm-up, at shutdown, is not an Exception: it propagates)
            logger.exception("could not build the discovery index at startup; the first draft will try again")

    async def embed_draft(self, text: str) -> np.ndarray | None:
        """The encoder's vector of a draft's lead (``None`` without an encoder), off the event loop."""
        if self.encoder is None:
            return None
        bounded = lead(text, DRAFT_CHARS) or text.strip()
        vector = self._drafts.get(bounded)
        if vector is None:
            encoder = self.encoder
            vector = (await asyncio.to_thread(encoder.embed, [bounded]))[0]
            self._drafts[bounded] = vector
            if len(self._drafts) > REMEMBERED_DRAFTS:
                self._drafts.popitem(last=False)
        else:
            self._drafts.move_to_end(bounded)
        return vector
