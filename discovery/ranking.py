"""How alike two commitments are, and the orders a list of matches can take.

"Alike" is text evidence: what the two texts mean (the encoder, across languages) and the distinctive
words they share. Shared policy areas and organisations add a bonus of at most ``MAX_BONUS`` of that
evidence, so a tag can order two matches the texts find about equally alike but never lift a match
above one whose texts are clearly closer. How a match turned out (the IRM outcome) is not likeness: it
is a separate order the user chooses (``best_results_first``). A score is the sum of its contributions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from discovery.corpus import Corpus
from discovery.neighbourhoods import blocks

# The text evidence: weights sum to 1, so it is in [0, 1]. Words alone (no encoder) score 0.4 at most.
TEXT_WEIGHTS: dict[str, float] = {"meaning": 0.6, "words": 0.4}
# Bonuses, as fractions of the text evidence: together at most MAX_BONUS of it.
BONUS_WEIGHTS: dict[str, float] = {"policy_areas": 0.07, "organizations": 0.03}
Order = Literal["alike", "best_results"]
Row = dict[str, Any]  # a result row (a match): what queries return
MAX_BONUS = sum(BONUS_WEIGHTS.values())
COMPONENTS = (*TEXT_WEIGHTS, *BONUS_WEIGHTS)
NO_CAP = 1_000_000  # the cap of a list without one
PER_MEMBER = 2  # default cap: at most this many matches of one member before every other member's
BEST_RESULTS_POOL = 20  # "best results first" reorders the 20 most alike matches (or `first`, if more)


def text_evidence(values: Mapping[str, np.ndarray]) -> np.ndarray:
    """Weighted meaning and words: the part of a score the tags cannot outweigh."""
    return sum((w * values[c] for c, w in TEXT_WEIGHTS.items()), np.zeros_like(values["words"]))


def scores(values: Mapping[str, np.ndarray]) -> np.ndarray:
    """The alike score of component-value matrices: text evidence × (1 + bonuses)."""
    bonus = sum((w * values[c] for c, w in BONUS_WEIGHTS.items()), np.zeros_like(values["words"]))
    return text_evidence(values) * (1.0 + bonus)


def contributions(values: Mapping[str, float]) -> dict[str, float]:
    """Each component's share of one pair's score (they add up to it)."""
    text = {c: w * float(values.get(c) or 0.0) for c, w in TEXT_WEIGHTS.items()}
    evidence = sum(text.values())
    return text | {c: evidence * w * float(values.get(c) or 0.0) for c, w in BONUS_WEIGHTS.items()}


def weight(component: str) -> float:
    """A component's weight (a bonus's is a fraction of the text evidence)."""
    return TEXT_WEIGHTS.get(component, BONUS_WEIGHTS.get(component, 0.0))


def best_results_first(order: Sequence[int], outcome: np.ndarray, first: int) -> list[int]:
    """The ``max(BEST_RESULTS_POOL, first)`` most alike of ``order``, best IRM outcome first (not assessed
    last), equally rated ones in their alike order."""
    pool = list(order[: max(BEST_RESULTS_POOL, first)])
    position = {j: p for p, j in enumerate(pool)}
    return sorted(pool, key=lambda j: (-float(outcome[j]), position[j]))


def best(values: np.ndarray, keep: np.ndarray, first: int) -> np.ndarray:
    """Indices of the ``first`` highest ``values`` among ``keep``; ties in corpus order (by id, as stored)."""
    candidates = np.flatnonzero(keep)
    return candidates[np.argsort(-values[candidates], kind="stable")[:first]]


@dataclass(frozen=True)
class Match:
    """One stored match of a commitment: its index, component values, score and rank within its member."""

    query: int
    match: int
    values: dict[str, float]
    score: float
    member_rank: int


def top_similar(corpus: Corpus, k: int, same_member_k: int, block: int = 256) -> Iterator[Match]:
    """For each commitment, its ``k`` most alike in other members and ``same_member_k`` in its own, among
    the candidates of its neighbourhood (every commitment, in a corpus of up to ~1,000: see
    ``discovery/neighbourhoods.py``), so the work grows linearly with the corpus.

    A match must share some text evidence (meaning or words); ``member_rank`` is its rank among the
    query's matches of the same member (1 = that member's most alike), which the stored order uses to
    cap each member's matches without reading them all.
    """
    members = corpus.members
    for neighbourhood in blocks(corpus.sketch()) if len(corpus.docs) else ():
        candidates = neighbourhood.candidates
        candidate_members = members[candidates]
        for start in range(0, len(neighbourhood.queries), block):
            queries = neighbourhood.queries[start : start + block]
            # (all of them: the whole-corpus product, the one a request computes for a filtered list)
            values = corpus.block_values(queries, None if len(candidates) == len(members) else candidates)
            alike = scores(values)
            evidence = text_evidence(values) > 0
            for r, i in enumerate(queries.tolist()):
                same = candidate_members == members[i]
                chosen: list[int] = []
                for mask, kk in ((~same, k), (same, same_member_k)):
                    keep = mask & evidence[r] & (candidates != i)
                    chosen.extend(int(c) for c in best(alike[r], keep, kk))
                chosen.sort(key=lambda c: (-alike[r, c], int(candidates[c])))
                seen: Counter[str] = Counter()
                for c in chosen:
                    j = int(candidates[c])
                    seen[str(members[j])] += 1
                    yield Match(
                        i, j, {n: float(values[n][r, c]) for n in COMPONENTS}, float(alike[r, c]), seen[str(members[j])]
                    )


def continuations(corpus: Corpus, min_words: float = 0.3) -> Iterator[tuple[str, str]]:
    """(later, earlier) pairs: the same reform in a member's later action plan (similar words, a shared area)."""
    by_member: dict[str, list[int]] = {}
    for i, d in enumerate(corpus.docs):
        if d.year is not None:
            by_member.setdefault(d.member_id, []).append(i)
    for idx in by_member.values():
        if len(idx) < 2:
            continue
        vectors = corpus.words.vectors[idx]
        text = (vectors @ vectors.T).toarray()
        for a, i in enumerate(idx):
            later = corpus.docs[i]
            found, found_sim = None, min_words
            for b, j in enumerate(idx):
                earlier = corpus.docs[j]
                if earlier.year is None or later.year is None or earlier.year >= later.year:
                    continue
                if later.areas and earlier.areas and not (later.areas & earlier.areas):
                    continue
                if text[a, b] > found_sim or (
                    found is not None and text[a, b] == found_sim and earlier.year > found[1]
                ):
                    found, found_sim = (earlier.id, earlier.year), float(text[a, b])
            if found is not None:
                yield later.id, found[0]


@dataclass(frozen=True)
class Arrangement:
    """How to order a list of matches: ``order``, and each member's cap (``None``: no cap)."""

    order: Order = "alike"
    per_member: int | None = PER_MEMBER

    @property
    def cap(self) -> int:
        """The ``$per_member`` parameter of the stored order."""
        return NO_CAP if self.per_member is None else self.per_member


DEFAULT_ARRANGEMENT = Arrangement()


def arrange(rows: Sequence[Row], how: Arrangement, first: int) -> list[Row]:
    """Rows in most-alike order (each with ``member_id``, ``outcome`` and ``member_rank``) in the asked order.

    Best results first reorders the most alike by outcome; then a member's matches beyond its
    ``per_member`` most alike (``member_rank``) move after everyone else's.
    """
    order = list(range(len(rows)))
    if how.order == "best_results":
        outcome = np.array([-1.0 if r.get("outcome") is None else float(r["outcome"]) for r in rows])
        order = best_results_first(order, outcome, first)
    head = [rows[i] for i in order if int(rows[i].get("member_rank") or 1) <= how.cap]
    tail = [rows[i] for i in order if int(rows[i].get("member_rank") or 1) > how.cap]
    return (head + tail)[:first]


def with_member_ranks(rows: list[Row]) -> list[Row]:
    """Each row's rank among the rows (in order) of its member: the cap of a list ranked in memory."""
    seen: dict[str, int] = {}
    for row in rows:
        seen[row["member_id"]] = seen.get(row["member_id"], 0) + 1
        row["member_rank"] = seen[row["member_id"]]
    return rows
