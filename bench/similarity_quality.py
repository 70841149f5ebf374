"""Quality of commitment similarity on the real export: ``python -m bench.similarity_quality [CSV]``.

The export is loaded with the project's loaders into a temporary embedded graph and read back as the
similarity corpus (``queries.discovery.read_corpus``), so this measures what the API serves.

1. Area agreement: of each commitment's top-5 matches in other members, the share that addresses a
   *specific* (non-parent) policy area the query addresses (and, stricter, the query's rarest specific
   area); full score vs text-only vs random (seed 0). Queries: commitments with a specific area. The
   full score uses the areas itself, so the text-only line is the honest measure of the text side.
2. Self-retrieval: a commitment's own short title, scored as ``similarToText`` scores a draft, ranks
   it first (hit@1) or in the top 5 (hit@5).
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from pathlib import Path

import numpy as np

from bench.realdata import DEFAULT_CSV, real_corpus
from queries.discovery_scoring import Corpus, Doc, text_query_values, total

TOP = 5


def _specific(doc: Doc, parents: set[str]) -> frozenset[str]:
    return frozenset(a for a in doc.areas if a not in parents)


def area_agreement(corpus: Corpus, parents: set[str], rarest: bool = False, seed: int = 0) -> dict[str, float]:
    """Precision@5 of sharing a specific area (or the query's rarest one): full score, text only, random."""
    docs = corpus.docs
    members = np.array([d.member_id for d in docs])
    values = corpus.block_scores(slice(0, len(docs)))
    scores = total(values)
    rng = random.Random(seed)
    hits = {"full": 0, "text_only": 0, "random": 0}
    shown = 0
    for i, doc in enumerate(docs):
        mine = _specific(doc, parents)
        if not mine:
            continue
        if rarest:
            mine = frozenset([max(sorted(mine), key=lambda a: corpus.area_weight.get(a, 0.0))])
        candidates = np.flatnonzero(members != members[i])
        rankings = {
            "full": candidates[np.argsort(-scores[i][candidates], kind="stable")][:TOP],
            "text_only": candidates[np.argsort(-values["text"][i][candidates], kind="stable")][:TOP],
            "random": np.array(rng.sample(list(candidates), TOP)),
        }
        for name, top in rankings.items():
            hits[name] += sum(1 for j in top if mine & docs[int(j)].areas)
        shown += TOP
    return {name: h / shown for name, h in hits.items()} | {"queries": shown / TOP}


def self_retrieval(corpus: Corpus) -> dict[str, float]:
    """hit@1 and hit@5 of finding a commitment from its own short title."""
    at1 = at5 = n = 0
    for i, doc in enumerate(corpus.docs):
        title = str(doc.meta.get("short_title") or "").strip()
        if not title:
            continue
        order = np.argsort(-total(text_query_values(corpus, title))[0], kind="stable")
        n += 1
        at1 += int(order[0] == i)
        at5 += int(i in order[:TOP])
    return {"hit@1": at1 / n, "hit@5": at5 / n, "queries": float(n)}


def main(argv: list[str]) -> int:
    """Print the two measurements for the export at ``argv[0]`` (default: the shared real data)."""
    path = Path(argv[0]) if argv else DEFAULT_CSV
    if not path.exists():
        print(f"error: {path} not found; pass the path of commitments_open_parliament_g0v.csv", file=sys.stderr)
        return 2
    started = time.perf_counter()
    corpus, parents = asyncio.run(real_corpus(path))
    built = time.perf_counter() - started
    print(f"{path.name}: {len(corpus.docs)} commitments, loaded (project loaders) and indexed in {built:.2f}s")
    for rarest in (False, True):
        agreement = area_agreement(corpus, parents, rarest=rarest)
        what = "the query's rarest specific policy area" if rarest else "a specific policy area with the query"
        print(f"top-{TOP} matches (other members) that share {what} ({agreement['queries']:.0f} queries):")
        for name in ("full", "text_only", "random"):
            print(f"  {name:<10} {agreement[name]:.3f}")
    retrieval = self_retrieval(corpus)
    print(
        f"self-retrieval by short title ({retrieval['queries']:.0f} queries): "
        f"hit@1 {retrieval['hit@1']:.3f}, hit@5 {retrieval['hit@5']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
