"""Derive ``SIMILAR_TO`` (top-k, with component scores) and ``CONTINUES`` edges after a load.

``ogp load`` calls ``await derive_similarity(graph)`` once a run is written (outside its atomic block); the
run leaves a ``DerivationOwed`` marker that this derivation removes with the new links, so a derivation
that never finished is completed by the next ``ogp load``/``ogp serve`` (``queries/derivation_state.py``).
It reads every commitment's texts, policy areas, organisations and coalitions in three queries,
scores them in memory (``queries/discovery_scoring.py``) and replaces the old derived edges through
``loaders/derived_links.py`` (staged, then promoted in bounded transactions), so running it twice gives the
same graph.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from graph.backend import Graph
from graph.model import CONTINUES, SimilarTo
from loaders._write import Rel
from loaders.derived_links import LinkSet, replace_links
from queries.discovery import invalidate_text_index, read_corpus
from queries.discovery_scoring import continuations, top_similar

logger = logging.getLogger(__name__)

SIMILAR_K = 40  # matches kept per commitment in other members (a narrow filter that leaves fewer ranks all)
SAME_MEMBER_K = 5  # and in its own member (for `otherMembersOnly: false`)


@dataclass(frozen=True)
class DerivedStats:
    """What one derivation wrote."""

    commitments: int
    similar_to: int
    continues: int


async def derive_similarity(graph: Graph) -> DerivedStats:
    """Replace every ``SIMILAR_TO`` and ``CONTINUES`` edge with ones computed from the current commitments."""
    corpus = await read_corpus(graph)
    similar: list[Rel] = []
    if len(corpus.docs) > 1:
        for i, j, pair in top_similar(corpus, SIMILAR_K, SAME_MEMBER_K):
            props = SimilarTo(
                score=pair.score,
                **pair.values,
                shared_policy_areas=list(pair.shared_policy_areas),
                shared_organizations=list(pair.shared_organizations),
            )
            similar.append(Rel(corpus.docs[i].id, corpus.docs[j].id, props))
    chains = [Rel(later, earlier) for later, earlier in continuations(corpus)] if corpus.docs else []
    # Staged, then promoted commitment by commitment; the end of "derivation owed" comes last.
    await replace_links(graph, [LinkSet(SimilarTo.TYPE, similar), LinkSet(CONTINUES, chains)])
    invalidate_text_index(graph)
    logger.info("similarity: %d commitments, %d SIMILAR_TO, %d CONTINUES", len(corpus.docs), len(similar), len(chains))
    return DerivedStats(len(corpus.docs), len(similar), len(chains))
