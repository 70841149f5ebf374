"""A draft's likely policy areas, learned from the graph's own tags (in every language they were written in).

The commitments most alike a draft vote for the areas they address, each vote weighted by how alike
it is (cubed: the closest count most); a confidence is the weighted share of the ``NEIGHBOURS`` that
address the area, and its lift that share over the area's share of all commitments. Because likeness
crosses languages, a French draft borrows the tags of the English and Spanish commitments that do the
same thing. Areas are listed by confidence, those with a lift under ``MIN_LIFT`` last: in an export
where most commitments carry a cross-cutting tag (Legislation, in the parliament-focused one), that tag
is likely for any draft and tells a reformer nothing. ``bench/relevance.py`` measures the guesses by
leave-one-member-out on the tagged commitments (is a guess one of the commitment's tags; is its rarest
specific area in the top 3).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from discovery.corpus import Corpus

NEIGHBOURS = 15
SHARPNESS = 3  # a neighbour's vote is its likeness cubed: the closest few count most
MIN_LIFT = 1.5  # areas the neighbours carry less than 1.5x as often as all commitments are listed last


@dataclass(frozen=True)
class AreaGuess:
    """A policy area a draft likely addresses, how confident the guess is, and the commitments behind it."""

    area: str
    confidence: float
    lift: float  # confidence ÷ the share of all commitments that address it (1 = no better than a guess)
    support: tuple[int, ...]  # corpus indices of the neighbours that address it, most alike first


def likely_areas(corpus: Corpus, alike: np.ndarray, keep: np.ndarray | None = None, first: int = 5) -> list[AreaGuess]:
    """The ``first`` areas the ``NEIGHBOURS`` most alike commitments (by ``alike``, among ``keep``) vote for."""
    candidates = np.flatnonzero((alike > 0) & (keep if keep is not None else True))
    if not candidates.size:
        return []
    order = candidates[np.argsort(-alike[candidates], kind="stable")[:NEIGHBOURS]]
    weights = alike[order] ** SHARPNESS
    total = float(weights.sum())
    votes: dict[str, float] = {}
    support: dict[str, list[int]] = {}
    for j, w in zip(order.tolist(), weights.tolist(), strict=True):
        for area in corpus.docs[j].areas:
            votes[area] = votes.get(area, 0.0) + w
            support.setdefault(area, []).append(j)
    guesses = [
        AreaGuess(a, votes[a] / total, votes[a] / total / corpus.area_share[a], tuple(support[a])) for a in votes
    ]
    guesses.sort(key=lambda g: (g.lift < MIN_LIFT, -g.confidence, g.area in corpus.parents, g.area))
    return guesses[:first]
