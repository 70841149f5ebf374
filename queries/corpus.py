"""The graph's commitments as discovery reads them: the corpus, its version, and the index built over it.

``read_documents`` reads every commitment with the embedding stored on it; ``build_corpus`` embeds the
texts whose vector is missing or stale (``discovery/encoder.py``) and vectorises the rest. The derivation
(``loaders/similarity.py``) stores the new vectors; a server's ``DiscoveryIndex`` only keeps them in memory.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from discovery.corpus import Corpus, Doc
from discovery.encoder import EmbeddingCache, EmbedReport, Encoder, embed_passages, from_text
from discovery.index import DiscoveryIndex
from graph.backend import Graph

# Every commitment as discovery reads it, with the embedding stored on it (and the key of the text it embeds).
COMMITMENT_CORPUS = (
    "MATCH (c:Commitment) "
    "RETURN c.id AS id, c.member_id AS member_id, c.title AS title, c.short_title AS short_title, "
    "c.full_text AS full_text, c.year AS year, c.outcome_score AS outcome, "
    "c.embedding_key AS embedding_key, c.embedding AS embedding, c.text_language AS text_language, "
    "c.thin_record AS thin_record, "
    "[(c)-[:ADDRESSES]->(pa:PolicyArea) | pa.id] AS areas, "
    "[(c)<-[:LEADS|SUPPORTS]-(o:Organization) | o.id] AS organizations "
    "ORDER BY c.id"
)
PARENT_AREAS = "MATCH (:PolicyArea)-[:PART_OF]->(p:PolicyArea) RETURN DISTINCT p.id AS id"
COMMITMENT_VERSION = "MATCH (c:Commitment) RETURN count(c) AS n, max(c.loaded_at) AS at"


@dataclass(frozen=True)
class Documents:
    """Every commitment as a ``Doc``, with the embedding stored on it (key and vector, or ``None``)."""

    docs: list[Doc]
    stored: list[tuple[str | None, str | None]]
    parents: set[str]
    facts: list[tuple[str | None, bool | None]] = field(default_factory=list)  # stored language and thinness


async def read_documents(graph: Graph) -> Documents:
    """Every commitment of the graph as discovery reads it (two statements)."""
    rows = await graph.read(COMMITMENT_CORPUS)
    parents = {r["id"] for r in await graph.read(PARENT_AREAS)}
    docs = [
        Doc(
            id=r["id"],
            member_id=r["member_id"] or "",
            title=r["title"] or "",
            short_title=r["short_title"] or "",
            text=r["full_text"] or "",
            year=r["year"],
            areas=frozenset(r["areas"] or []),
            organizations=frozenset(r["organizations"] or []),
            outcome=None if r["outcome"] is None else float(r["outcome"]),
        )
        for r in rows
    ]
    return Documents(
        docs,
        [(r["embedding_key"], r["embedding"]) for r in rows],
        parents,
        [(r["text_language"], r["thin_record"]) for r in rows],
    )


@dataclass(frozen=True)
class Built:
    """A corpus, what it was built from, and the vectors it used (with the key of each one's text)."""

    corpus: Corpus
    documents: Documents
    keys: list[str] = field(default_factory=list)
    vectors: np.ndarray | None = None
    embedded: EmbedReport = EmbedReport()


async def build_corpus(graph: Graph, encoder: Encoder | None, cache: EmbeddingCache | None = None) -> Built:
    """The graph's commitments as a ``Corpus``; texts without a stored vector under their current key are
    embedded (or taken from ``cache``). The embedding and the vectorising run in worker threads (seconds
    to minutes), so a server building its index keeps answering meanwhile."""
    documents = await read_documents(graph)
    if encoder is None or not documents.docs:
        return Built(await asyncio.to_thread(Corpus, documents.docs, documents.parents), documents)
    stored = [(key, from_text(vector, encoder.dim)) for key, vector in documents.stored]
    passages = [d.passage for d in documents.docs]
    vectors, keys, report = await asyncio.to_thread(embed_passages, encoder, passages, stored, cache)
    corpus = await asyncio.to_thread(Corpus, documents.docs, documents.parents, vectors)
    return Built(corpus, documents, keys, vectors, report)


async def corpus_version(graph: Graph) -> tuple[Any, Any]:
    """A value that changes whenever the graph's commitments do (their count and the latest load)."""
    rows = await graph.read(COMMITMENT_VERSION)
    return (rows[0]["n"], rows[0]["at"]) if rows else (0, None)


def discovery_index(graph: Graph, encoder: Encoder | None, cache: EmbeddingCache | None = None) -> DiscoveryIndex:
    """A ``DiscoveryIndex`` over ``graph`` (the caller keeps it: the app in its state, a test in a fixture)."""

    async def build() -> Corpus:
        return (await build_corpus(graph, encoder, cache)).corpus

    async def version() -> tuple[Any, Any]:
        return await corpus_version(graph)

    return DiscoveryIndex(build, version, encoder)
