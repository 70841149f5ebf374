"""Derive ``SIMILAR_TO`` (most alike, with components and what each pair shares) and ``CONTINUES`` edges after a load.

``ogp load`` calls ``await derive_similarity(graph)`` once a run is written (outside its atomic block); the
run leaves a ``DerivationOwed`` marker that this derivation removes with the new links, so a derivation
that never finished is completed by the next ``ogp load``/``ogp serve`` (``queries/derivation_state.py``).
It reads every commitment (``queries/corpus.py``), embeds only the texts whose vector is missing or stale
(a new commitment, a changed title or text, another encoder), ranks all pairs in memory
(``discovery/ranking.py``, each commitment against its neighbourhood) and writes the result through
``loaders/derived_links.py`` (``write_derived``): staged, the new vectors on their nodes, promoted in
bounded transactions, the marker settled last. Running it twice gives the same
graph and embeds nothing the second time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from discovery.encoder import EmbeddingCache, EmbedReport, open_encoder, to_text
from discovery.explain import explain
from discovery.ranking import Match, continuations, top_similar
from graph.backend import Graph
from graph.config import Settings, get_settings
from graph.model import CONTINUES, SimilarTo
from loaders._write import Rel
from loaders.derived_links import LinkSet, NodeUpdate, replace_links
from queries.corpus import Built, build_corpus

logger = logging.getLogger(__name__)

SIMILAR_K = 40  # matches kept per commitment in other members (a narrow filter that leaves fewer ranks all)
SAME_MEMBER_K = 5  # and in its own member (for `otherMembersOnly: false`)

SET_EMBEDDINGS = (
    "UNWIND $rows AS row MATCH (c:Commitment {id: row.id}) SET c.embedding = row.embedding, c.embedding_key = row.key"
)
SET_TEXT_FACTS = (
    "UNWIND $rows AS row MATCH (c:Commitment {id: row.id}) "
    "SET c.text_language = row.text_language, c.thin_record = row.thin_record"
)


@dataclass(frozen=True)
class DerivedStats:
    """What one derivation wrote, and what embedding the texts cost."""

    commitments: int
    similar_to: int
    continues: int
    embedded: EmbedReport = EmbedReport()
    seconds: float = 0.0  # the whole derivation


async def derive_similarity(graph: Graph, settings: Settings | None = None) -> DerivedStats:
    """Replace every ``SIMILAR_TO`` and ``CONTINUES`` edge with ones computed from the current commitments."""
    settings = settings or get_settings()
    started = time.perf_counter()
    built = await build_corpus(graph, open_encoder(settings.text_encoder), EmbeddingCache.at(settings.embedding_cache))
    corpus = built.corpus
    similar = similar_rels(built) if len(corpus.docs) > 1 else []
    chains = [Rel(later, earlier) for later, earlier in continuations(corpus)] if corpus.docs else []
    await write_derived(graph, _new_vectors(built), _text_facts(built), similar, chains)
    stats = DerivedStats(len(corpus.docs), len(similar), len(chains), built.embedded, time.perf_counter() - started)
    logger.info(
        "similarity: %d commitments, %d SIMILAR_TO, %d CONTINUES in %.1fs (%d texts embedded in %.1fs)",
        stats.commitments,
        stats.similar_to,
        stats.continues,
        stats.seconds,
        stats.embedded.computed,
        stats.embedded.seconds,
    )
    return stats


def similar_rels(built: Built) -> list[Rel]:
    """Every commitment's most alike commitments as ``SIMILAR_TO`` relationships, with what each pair shares."""
    corpus = built.corpus
    by_query: dict[int, list[Match]] = {}
    for found in top_similar(corpus, SIMILAR_K, SAME_MEMBER_K):
        by_query.setdefault(found.query, []).append(found)
    rels = []
    for i, matches in by_query.items():
        explanations = explain(corpus, i, [m.match for m in matches], with_passage=False)
        for found, explanation in zip(matches, explanations, strict=True):
            j = found.match
            props = SimilarTo(
                score=found.score,
                **found.values,
                member_rank=found.member_rank,
                shared_policy_areas=list(explanation.shared_policy_areas),
                shared_organizations=sorted(corpus.docs[i].organizations & corpus.docs[j].organizations),
                shared_terms=list(explanation.shared_terms),
            )
            rels.append(Rel(corpus.docs[i].id, corpus.docs[j].id, props))
    return rels


def _text_facts(built: Built) -> list[dict[str, Any]]:
    """Each commitment's text language and thinness, where they changed (explanations read them)."""
    corpus = built.corpus
    return [
        {"id": doc.id, "text_language": str(language), "thin_record": bool(thin)}
        for doc, known, language, thin in zip(
            corpus.docs, built.documents.facts, corpus.languages, corpus.thin, strict=True
        )
        if known != (str(language), bool(thin))
    ]


def _new_vectors(built: Built) -> list[dict[str, str]]:
    """The vectors to store: those not on their node under the current key yet."""
    if built.vectors is None:
        return []
    return [
        {"id": doc.id, "key": key, "embedding": to_text(vector)}
        for doc, (stored_key, _), key, vector in zip(
            built.documents.docs, built.documents.stored, built.keys, built.vectors, strict=True
        )
        if stored_key != key
    ]


async def write_derived(
    graph: Graph,
    vectors: Sequence[dict[str, str]],
    facts: Sequence[dict[str, Any]],
    similar: list[Rel],
    chains: list[Rel],
) -> None:
    """The derivation's write, through ``loaders/derived_links.py``: the links staged, the new vectors and text
    facts set on their nodes, the links promoted commitment by commitment in bounded transactions, then the
    "derivation owed" marker settled (a derivation cut short leaves the previous links and stays owed)."""
    await replace_links(
        graph,
        # (most pairs share no organisation, many no policy area: a missing property reads as its default)
        [LinkSet(SimilarTo.TYPE, similar, options={"omit_defaults": True}), LinkSet(CONTINUES, chains)],
        [NodeUpdate(SET_EMBEDDINGS, vectors), NodeUpdate(SET_TEXT_FACTS, facts)],
    )
