"""Similar commitments ranked in memory, against the ``DiscoveryIndex``: pasted drafts, narrowly filtered lists.

A draft has no stored matches, and a narrow filter (a policy area, a small region, "opened government")
can leave fewer than asked of a commitment's stored ones: both rank every commitment that passes, with
the same scores the derivation stores (``discovery/ranking.py``), and explain each match the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

import numpy as np

from discovery.areas import likely_areas
from discovery.corpus import Corpus
from discovery.explain import explain
from discovery.index import DiscoveryIndex
from discovery.ranking import (
    COMPONENTS,
    DEFAULT_ARRANGEMENT,
    Arrangement,
    arrange,
    scores,
    text_evidence,
    with_member_ranks,
)
from graph.backend import Graph, Row
from queries.nodes import nodes_by_id
from queries.similarity_filter import SimilarityFilter, passing_ids

CONCEPT_AREAS = 8  # a draft's likely areas that can name the concept it shares with a match


def _rows(
    corpus: Corpus,
    query: int | None,
    order: Sequence[int],
    values: Mapping[str, np.ndarray],
    alike: np.ndarray,
    draft: str = "",
) -> list[Row]:
    """Ranked matches (``order``) of a corpus commitment, or of a draft (``query=None``), as result rows
    (``values`` and ``alike``: the query's row of component values and scores); the caller adds the nodes."""
    rows = []
    for j, explanation in zip(order, explain(corpus, query, order, draft), strict=True):
        doc = corpus.docs[j]
        rows.append(
            {
                "id": doc.id,
                "member_id": doc.member_id,
                "outcome": doc.outcome,
                "score": float(alike[j]),
                **{c: float(values[c][j]) for c in COMPONENTS},
                "shared_policy_areas": list(explanation.shared_policy_areas),
                "shared_organizations": sorted(corpus.docs[query].organizations & doc.organizations)
                if query is not None
                else [],
                "shared_terms": list(explanation.shared_terms),
                "passage": explanation.passage,
                "query_language": explanation.query_language,
                "match_language": explanation.match_language,
                "query_thin": explanation.query_thin,
                "match_thin": explanation.match_thin,
            }
        )
    return rows


async def ranked_in_index(
    graph: Graph,
    index: DiscoveryIndex,
    keys: Sequence[str],
    first: int,
    flt: SimilarityFilter,
    how: Arrangement,
    properties: Sequence[str] | None,
) -> dict[str, list[Row]]:
    """Each commitment's best matches that pass a narrowing filter, ranked among ALL commitments.

    The stored ``SIMILAR_TO`` edges are each commitment's most alike overall, so a narrow filter (a policy
    area, a small region, "opened government") often leaves fewer than ``first`` of them although more
    commitments pass it. Those are scored here with the index, exactly as the derivation scores them. A
    match must share text evidence. Two statements whatever the number of ``keys``: the ids that pass,
    then the chosen nodes. A commitment the index does not know yet keeps its stored matches.
    """
    corpus = await index.corpus()
    passing = corpus.having(await passing_ids(graph, flt))
    known = [key for key in keys if key in corpus.index]
    if not known:
        return {}
    rows = [corpus.index[key] for key in known]
    values = corpus.block_values(rows)  # one product for all of them
    alike, evidence = scores(values), text_evidence(values) > 0
    picks: dict[str, list[Row]] = {}
    for r, (key, i) in enumerate(zip(known, rows, strict=True)):
        keep = passing & evidence[r]
        keep[i] = False
        if flt.other_members_only:
            keep &= corpus.members != corpus.members[i]
        candidates = np.flatnonzero(keep)
        order = candidates[np.argsort(-alike[r][candidates], kind="stable")]
        chosen = order[: max(first, 1) * 4].tolist()  # enough to arrange and cap `first` of them
        ranked = _rows(corpus, i, chosen, {c: values[c][r] for c in COMPONENTS}, alike[r])
        picks[key] = arrange(with_member_ranks(ranked), how, first)
    return await _with_nodes(graph, picks, properties)


async def _with_nodes(
    graph: Graph, picks: dict[str, list[Row]], properties: Sequence[str] | None
) -> dict[str, list[Row]]:
    """The chosen rows with their nodes (one statement for all), dropping any the graph no longer has."""
    wanted = sorted({row["id"] for rows in picks.values() for row in rows})
    nodes = await nodes_by_id(graph, "Commitment", wanted, properties) if wanted else {}
    return {
        key: [row | {"node": nodes[row["id"]]} for row in rows if row["id"] in nodes] for key, rows in picks.items()
    }


async def _draft_scores(
    index: DiscoveryIndex, text: str
) -> tuple[Corpus, dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """The corpus, a draft's component values and alike scores against it, and which matches have text evidence."""
    corpus, embedding = await asyncio.gather(index.corpus(), index.embed_draft(text))
    values = corpus.draft_values(text, embedding)
    return corpus, values, scores(values)[0], text_evidence(values)[0] > 0


async def similar_to_text(
    graph: Graph,
    index: DiscoveryIndex,
    text: str,
    first: int,
    flt: SimilarityFilter,
    how: Arrangement = DEFAULT_ARRANGEMENT,
    properties: Sequence[str] | None = None,
) -> list[Row]:
    """Commitments most like a pasted draft (what it means and the words it uses), filtered like ``similar``
    (each match's node whole, or only ``properties`` of it). A match's ``shared_policy_areas`` are the areas
    the draft likely addresses (``draft_policy_areas``) that the match addresses: the concept they share."""
    if not text.strip():
        raise ValueError("similarToText: the text is empty; paste a title or a few paragraphs")
    corpus, values, alike, evidence = await _draft_scores(index, text)
    if not corpus.docs:
        return []
    keep = evidence.copy()
    if flt.narrows:
        keep &= corpus.having(await passing_ids(graph, flt))
    candidates = np.flatnonzero(keep)
    order = candidates[np.argsort(-alike[candidates], kind="stable")][: max(first, 1) * 4]
    if not order.size:
        return []
    concepts = [guess.area for guess in likely_areas(corpus, alike, evidence, first=CONCEPT_AREAS)]
    ranked = _rows(corpus, None, order.tolist(), {c: values[c][0] for c in COMPONENTS}, alike, text)
    for row in ranked:
        row["shared_policy_areas"] = [a for a in concepts if a in corpus.docs[corpus.index[row["id"]]].areas]
    picks = {"draft": arrange(with_member_ranks(ranked), how, first)}
    return (await _with_nodes(graph, picks, properties))["draft"]


async def draft_policy_areas(index: DiscoveryIndex, text: str, first: int) -> list[Row]:
    """The policy areas a draft likely addresses, with confidences and the commitments behind each guess."""
    if not text.strip():
        raise ValueError("draftPolicyAreas: the text is empty; paste a title or a few paragraphs")
    corpus, _, alike, evidence = await _draft_scores(index, text)
    return [
        {"area": g.area, "confidence": g.confidence, "lift": g.lift, "support": [corpus.docs[j].id for j in g.support]}
        for g in likely_areas(corpus, alike, evidence, first=first)
    ]
