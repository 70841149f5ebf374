"""Tag-based measures of discovery on a loaded corpus (no judging needed); ``bench/relevance.py`` prints them.

Tags are a weak stand-in for "the same reform" (two commitments can share a tag and be different
reforms), so these are checks, not the benchmark; the judged benchmark is ``bench/relevance.py``.
1. Rarest-area agreement: of each commitment's top-5 matches in other members (the new alike score,
   text only, no tags), the share that addresses the query's rarest specific policy area.
2. Self-retrieval: a commitment's own short title, pasted as a draft, finds it first (hit@1) or in the top 5.
3. A draft's likely areas (``discovery/areas.py``), leave-one-member-out: each tagged commitment's text as a
   draft, its guesses from the other members' commitments: the share of the top 3 that are its tags, and
   how often its rarest specific area is among them.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from discovery.areas import likely_areas
from discovery.corpus import Corpus
from discovery.ranking import scores, text_evidence

TOP = 5


def _rarest(corpus: Corpus, areas: frozenset[str], df: Counter[str]) -> str | None:
    specific = [a for a in areas if a not in corpus.parents]
    return min(specific, key=lambda a: (df[a], a)) if specific else None


def area_measures(corpus: Corpus) -> dict[str, float]:
    """Rarest-area agreement of the top 5, and the leave-one-member-out quality of the likely-area guesses."""
    df = Counter(a for d in corpus.docs for a in d.areas)
    agree = shown = guessed = tags_in_top3 = rarest_in_top3 = 0
    for start in range(0, len(corpus.docs), 256):
        rows = list(range(start, min(start + 256, len(corpus.docs))))
        values = corpus.block_values(rows)
        text_only = {**values, "policy_areas": values["policy_areas"] * 0, "organizations": values["organizations"] * 0}
        alike, evidence = scores(text_only), text_evidence(values) > 0
        for r, i in enumerate(rows):
            rarest = _rarest(corpus, corpus.docs[i].areas, df)
            if rarest is None:
                continue
            keep = evidence[r] & (corpus.members != corpus.members[i])
            candidates = np.flatnonzero(keep)
            top = candidates[np.argsort(-alike[r][candidates], kind="stable")[:TOP]]
            agree += sum(rarest in corpus.docs[j].areas for j in top)
            shown += len(top)
            guesses = [g.area for g in likely_areas(corpus, alike[r], keep, first=3)]
            guessed += len(guesses)
            tags_in_top3 += sum(g in corpus.docs[i].areas for g in guesses)
            rarest_in_top3 += rarest in guesses
    queries = max(1, shown // TOP)
    return {
        "rarest_area_top5": agree / max(shown, 1),
        "guess_is_a_tag": tags_in_top3 / max(guessed, 1),
        "rarest_area_guessed": rarest_in_top3 / queries,
        "queries": float(queries),
    }


def self_retrieval(corpus: Corpus, embed: dict[str, np.ndarray]) -> dict[str, float]:
    """hit@1 and hit@5 of finding a commitment from its own short title (``embed``: title -> its vector)."""
    at1 = at5 = n = 0
    for i, doc in enumerate(corpus.docs):
        title = doc.short_title.strip()
        if not title or title not in embed:
            continue
        values = corpus.draft_values(title, embed[title])
        order = np.argsort(-scores(values)[0], kind="stable")
        n += 1
        at1 += int(order[0] == i)
        at5 += int(i in order[:TOP])
    return {"hit@1": at1 / max(n, 1), "hit@5": at5 / max(n, 1), "queries": float(n)}
