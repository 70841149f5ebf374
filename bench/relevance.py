"""Judged relevance of discovery on the real data: ``python -m bench.relevance [--pool]`` (part of ``make bench``).

The real commitment exports are loaded with the project's loaders into a temporary embedded graph (the
load derives ``SIMILAR_TO``, as ``ogp load`` does). Each query of ``judged/queries.yaml`` (commitments,
and drafts we wrote in four languages) is ranked by:
- ``before``: the ranker this project had before issue 14 (``bench/baseline.py``);
- ``words``: the new scoring with the words component alone (TF-IDF, template headings removed);
- ``meaning``: the new scoring with the meaning component alone (the multilingual encoder);
- ``after``: what the API serves now (``Commitment.similar`` and ``similarToText``, default arguments).
Their top 5 is scored against the grades in ``judged/judgments.csv`` (rule: ``judged/RULE.md``): P@5 (the
share of grade-2 matches), nDCG@5, per query language. Also printed: the share of a concept draft's top 5
that carries the concept's policy area, per language (the issue's cross-language measure), and what
embedding the corpus costs at load time. ``--pool`` prints the pairs no one has graded yet instead.
"""

from __future__ import annotations

import asyncio
import csv
import math
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from bench.baseline import Corpus as BeforeCorpus
from bench.baseline import Doc as BeforeDoc
from bench.baseline import text_query_values, total
from bench.realdata import SHARED
from bench.similarity_quality import area_measures, self_retrieval
from discovery.corpus import Corpus
from discovery.index import DiscoveryIndex
from discovery.ranking import DEFAULT_ARRANGEMENT, arrange, with_member_ranks
from graph.backend import Graph

JUDGED = Path(__file__).resolve().parent / "judged"
FILES = ("commitments_open_parliament_g0v.csv", "irm_combined_database_2015_vizzuality.csv")
TOP, POOL_TOP, POOL_EXTRA = 5, 10, 5  # measured at 5; pooled: top 10 of before/after, top 5 of the others
RANKERS = ("before", "words", "meaning", "after")
MEMBER_COALITIONS = (
    "MATCH (m:Member)-[:PARTICIPATES_IN]->(co:Coalition) "
    "RETURN m.id AS member, co.id AS coalition, [(co)-[:FOCUSES_ON]->(f:PolicyArea) | f.id] AS focus"
)
AREA_PARENTS = "MATCH (a:PolicyArea)-[:PART_OF]->(p:PolicyArea) RETURN a.id AS id, p.id AS parent"


@dataclass(frozen=True)
class Query:
    """One benchmark query: a commitment (by id) or a draft (one language version of a concept)."""

    key: str  # the commitment id, or draft:<concept>:<language>
    judged_as: str  # the commitment id, or draft:<concept> (every language version shares the grades)
    language: str
    text: str = ""  # a draft's text
    commitment: str = ""  # a commitment query's id
    area: str = ""  # a concept draft's policy area


def queries() -> list[Query]:
    """The queries of ``judged/queries.yaml``."""
    spec = yaml.safe_load((JUDGED / "queries.yaml").read_text(encoding="utf-8"))
    found = [
        Query(f"draft:{c['id']}:{lang}", f"draft:{c['id']}", lang, text=c[lang], area=c["area"])
        for c in spec["drafts"]
        for lang in ("en", "es", "fr", "pt")
    ]
    found += [Query(c["id"], c["id"], c["language"], commitment=c["id"]) for c in spec["commitments"]]
    return found


def judgments() -> dict[tuple[str, str], int]:
    """Grades by (query as judged, match id)."""
    path = JUDGED / "judgments.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {(r["query"], r["match"]): int(r["grade"]) for r in csv.DictReader(f)}


@dataclass
class Bench:
    """The loaded graph, its index and corpus, the old ranker's corpus, and what loading cost."""

    graph: Graph
    index: DiscoveryIndex
    corpus: Corpus
    before: BeforeCorpus
    parent_of: dict[str, str]
    load_seconds: float
    derive_seconds: float
    embedded: int


async def load(folder: Path) -> Bench:
    """Load the real exports into a temporary embedded graph (deriving similarity) and build both corpora."""
    from api.context import open_discovery
    from graph.config import get_settings
    from graph.falkordb_backend import FalkorGraph
    from loaders.run import run_load

    graph = await FalkorGraph.open(folder / "relevance.db", "relevance", 120_000)
    paths = [path for path in (SHARED / name for name in FILES) if _loadable(path)]
    started = time.perf_counter()
    report = await run_load(graph, paths)
    load_seconds = time.perf_counter() - started
    index = open_discovery(graph, get_settings())
    corpus = await index.corpus()
    coalitions: dict[str, list[tuple[str, set[str]]]] = {}
    for r in await graph.read(MEMBER_COALITIONS):
        coalitions.setdefault(r["member"], []).append((r["coalition"], set(r["focus"] or [])))
    parent_of = {r["id"]: r["parent"] for r in await graph.read(AREA_PARENTS)}
    before = BeforeCorpus([_before_doc(d, coalitions, parent_of) for d in corpus.docs], corpus.parents)
    derived = report.derived
    return Bench(
        graph,
        index,
        corpus,
        before,
        parent_of,
        load_seconds,
        derived.seconds if derived else 0.0,
        derived.embedded.computed if derived else 0,
    )


def _loadable(path: Path) -> bool:
    """Whether ``ogp load`` knows the file's layout (a layout still being added is skipped, and said)."""
    from graph.errors import LoadError
    from loaders.registry import recognise

    if not path.exists():
        print(f"(not found, skipped: {path})")
        return False
    try:
        recognise(path)
    except LoadError:
        print(f"(no loader for this layout yet, skipped: {path.name})")
        return False
    return True


def _before_doc(doc: object, coalitions: dict[str, list[tuple[str, set[str]]]], parent_of: dict[str, str]) -> BeforeDoc:
    from discovery.corpus import Doc

    assert isinstance(doc, Doc)
    broad = doc.areas | {parent_of[a] for a in doc.areas if a in parent_of}
    return BeforeDoc(
        id=doc.id,
        member_id=doc.member_id,
        title="\n".join(t for t in (doc.title, doc.short_title) if t),
        text=doc.text,
        year=doc.year,
        areas=doc.areas,
        organizations=doc.organizations,
        coalitions=frozenset(co for co, focus in coalitions.get(doc.member_id, []) if not focus or focus & broad),
        outcome=float(doc.outcome or 0.0),
    )


Ranker = Callable[[Query, int], Awaitable[list[str]]]


def rankers(bench: Bench) -> dict[str, Ranker]:
    """Each compared ranker: a query and a depth to the ids of its top matches."""
    from queries import similarity
    from queries.similarity_filter import SimilarityFilter
    from queries.similarity_ranked import similar_to_text

    corpus, before = bench.corpus, bench.before

    async def before_ranks(query: Query, depth: int) -> list[str]:
        if query.commitment:
            i = before.index[query.commitment]
            row = total(before.block_scores([i]))[0]
            keep = before.members != before.members[i]
        else:
            values = text_query_values(before, query.text)
            row, keep = total(values)[0], values["text"][0] > 0  # some text in common, as similarToText required
        candidates = np.flatnonzero(keep)
        return [before.docs[j].id for j in candidates[np.argsort(-row[candidates], kind="stable")][:depth]]

    def component_ranks(weights: dict[str, float]) -> Ranker:
        async def ranks(query: Query, depth: int) -> list[str]:
            if query.commitment:
                i = corpus.index[query.commitment]
                values = {c: v[0] for c, v in corpus.block_values([i]).items()}
                keep = corpus.members != corpus.members[i]
            else:
                embedding = await bench.index.embed_draft(query.text)
                values = {c: v[0] for c, v in corpus.draft_values(query.text, embedding).items()}
                keep = np.ones(len(corpus.docs), dtype=bool)
            row = sum((w * values[c] for c, w in weights.items()), np.zeros(len(corpus.docs)))
            keep &= row > 0
            candidates = np.flatnonzero(keep)
            order = candidates[np.argsort(-row[candidates], kind="stable")][: 4 * depth]
            rows = [{"id": corpus.docs[j].id, "member_id": corpus.docs[j].member_id} for j in order.tolist()]
            return [r["id"] for r in arrange(with_member_ranks(rows), DEFAULT_ARRANGEMENT, depth)]

        return ranks

    async def after_ranks(query: Query, depth: int) -> list[str]:
        if query.commitment:
            rows = await similarity.similar(bench.graph, bench.index, query.commitment, depth, SimilarityFilter())
        else:
            rows = await similar_to_text(bench.graph, bench.index, query.text, depth, SimilarityFilter())
        return [r["node"]["id"] for r in rows]

    return {
        "before": before_ranks,
        "words": component_ranks({"words": 1.0}),
        "meaning": component_ranks({"meaning": 1.0}),
        "after": after_ranks,
    }


def ndcg(grades: list[int], ideal: list[int], depth: int = TOP) -> float:
    """nDCG@depth with gain 2^grade - 1 (the ideal order: every graded match of the query, best first)."""

    def dcg(gs: list[int]) -> float:
        return sum(float(2**g - 1) / math.log2(i + 2) for i, g in enumerate(gs[:depth]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


def in_area(doc_areas: frozenset[str], area: str, parent_of: dict[str, str]) -> bool:
    """Whether a commitment addresses ``area`` or one of its children."""
    return any(a == area or parent_of.get(a) == area for a in doc_areas)


async def measure(bench: Bench) -> int:
    """Print P@5, nDCG@5 and per-language P@5 of every ranker, the concept-area precision, and the costs."""
    found = await _rankings(bench, TOP)
    graded = judgments()
    print(f"\n{len(found['after'])} queries; top {TOP} judged by judged/RULE.md ({len(graded)} graded pairs)")
    print(
        f"{'ranker':<9} {'P@5':>6} {'nDCG@5':>7} {'unjudged':>9}  {'similar':>7} {'toText':>7}  P@5 by query language"
    )
    for name in RANKERS:
        per_language: dict[str, list[float]] = {}
        per_kind: dict[str, list[float]] = {"similar": [], "toText": []}
        precision, gains, unjudged = [], [], 0
        for query, ranked in found[name].items():
            grades = [graded.get((query.judged_as, m), -1) for m in ranked[:TOP]]
            unjudged += grades.count(-1)
            grades = [max(g, 0) for g in grades]
            p = sum(g == 2 for g in grades) / TOP
            precision.append(p)
            per_language.setdefault(query.language, []).append(p)
            per_kind["similar" if query.commitment else "toText"].append(p)
            pool = [g for (q, _), g in graded.items() if q == query.judged_as]
            gains.append(ndcg(grades, pool))
        languages = "  ".join(f"{lang} {np.mean(v):.2f} ({len(v)})" for lang, v in sorted(per_language.items()))
        kinds = " ".join(f"{np.mean(v) if v else 0.0:>7.3f}" for v in per_kind.values())
        print(f"{name:<9} {np.mean(precision):>6.3f} {np.mean(gains):>7.3f} {unjudged:>9}  {kinds}  {languages}")
    _concept_areas(bench, found)
    await _tag_measures(bench)
    await _costs(bench)
    return 0


async def _tag_measures(bench: Bench) -> None:
    """The tag-based checks of ``bench/similarity_quality.py`` (self-retrieval on 200 sampled short titles)."""
    corpus = bench.corpus
    measures = await asyncio.to_thread(area_measures, corpus)
    print(
        f"\ntags ({measures['queries']:.0f} tagged commitments): top {TOP} in other members sharing the query's rarest "
        f"specific area {measures['rarest_area_top5']:.3f}; a draft's likely areas (leave-one-member-out): "
        f"{measures['guess_is_a_tag']:.3f} of the top 3 are its tags, its rarest area among them "
        f"{measures['rarest_area_guessed']:.3f}"
    )
    titled = [d for d in corpus.docs if d.short_title.strip()]
    sample = sorted({d.short_title.strip() for d in random.Random(1).sample(titled, min(200, len(titled)))})
    if bench.index.encoder is not None and sample:
        vectors = await asyncio.to_thread(bench.index.encoder.embed, sample)
        found = self_retrieval(corpus, dict(zip(sample, vectors, strict=True)))
        print(
            f"self-retrieval by short title ({found['queries']:.0f} sampled): "
            f"hit@1 {found['hit@1']:.3f}, hit@5 {found['hit@5']:.3f}"
        )


def _concept_areas(bench: Bench, found: dict[str, dict[Query, list[str]]]) -> None:
    print(f"\nconcept drafts: share of the top {TOP} that carries the concept's policy area, by draft language")
    docs = {d.id: d for d in bench.corpus.docs}
    for name in RANKERS:
        shares: dict[str, list[float]] = {}
        for query, ranked in found[name].items():
            if query.area:
                hits = [in_area(docs[m].areas, query.area, bench.parent_of) for m in ranked[:TOP]]
                shares.setdefault(query.language, []).append(sum(hits) / TOP)
        line = "  ".join(f"{lang} {np.mean(shares[lang]):.2f}" for lang in ("en", "es", "fr", "pt") if lang in shares)
        gap = max(abs(np.mean(shares[lang]) - np.mean(shares["en"])) for lang in shares)
        print(f"  {name:<9} {line}   largest gap to English {gap:.2f}")


async def _costs(bench: Bench) -> None:
    """What embedding costs at load: measured on a sample without the cache, and on this load."""
    from discovery.encoder import E5Small

    encoder = bench.index.encoder
    n = len(bench.corpus.docs)
    print(f"\nload: {n} commitments loaded and derived in {bench.load_seconds:.1f}s, of which deriving similarity")
    print(f"      {bench.derive_seconds:.1f}s ({bench.embedded} texts embedded; the rest from the embedding cache)")
    if isinstance(encoder, E5Small):
        sample = [d.passage for d in random.Random(0).sample(bench.corpus.docs, min(40, n))]
        started = time.perf_counter()
        await asyncio.to_thread(encoder.embed, [t + " " for t in sample])  # changed text: nothing cached can help
        per_text = (time.perf_counter() - started) / len(sample)
        print(
            f"      embedding one commitment's passage costs {per_text * 1000:.0f} ms here (40 sampled, one run): "
            f"a cold load of all {n} embeds for ~{per_text * n / 60:.1f} min, once; a reload embeds only new or "
            "changed texts"
        )


async def _rankings(bench: Bench, depth: int, extra: int | None = None) -> dict[str, dict[Query, list[str]]]:
    ranks = rankers(bench)
    found: dict[str, dict[Query, list[str]]] = {name: {} for name in RANKERS}
    for query in queries():
        if query.commitment and query.commitment not in bench.corpus.index:
            print(f"  (query {query.commitment} is not in the loaded data: skipped)")
            continue
        for name in RANKERS:
            size = depth if extra is None or name in ("before", "after") else extra
            found[name][query] = await ranks[name](query, size)
    return found


async def pool(bench: Bench) -> int:
    """Print every pooled pair not graded yet: the query, then its candidates in a random order."""
    found = await _rankings(bench, POOL_TOP, POOL_EXTRA)
    graded = judgments()
    docs = {d.id: d for d in bench.corpus.docs}
    todo: dict[str, set[str]] = {}
    texts: dict[str, list[str]] = {}
    for name in RANKERS:
        for query, ranked in found[name].items():
            todo.setdefault(query.judged_as, set()).update(m for m in ranked if (query.judged_as, m) not in graded)
            texts.setdefault(query.judged_as, [])
            if query.text and query.text not in texts[query.judged_as]:
                texts[query.judged_as].append(query.text)
    shuffle = random.Random(14)
    for judged_as, matches in todo.items():
        if not matches:
            continue
        print(f"\n=== QUERY {judged_as}")
        if judged_as in docs:
            print(_show(docs[judged_as]))
        else:
            print("\n".join(f"  draft: {t}" for t in texts[judged_as]))
        for m in shuffle.sample(sorted(matches), len(matches)):
            print(f"--- {m}\n{_show(docs[m])}")
    return 0


def _show(doc: object) -> str:
    from discovery.corpus import Doc

    assert isinstance(doc, Doc)
    body = " ".join(doc.text.split())[:600]
    return f"  [{doc.member_id}] {doc.titles}\n  {body}"


async def main(argv: list[str]) -> int:
    """Load, then measure (or ``--pool``: print what is left to grade)."""
    folder = Path(tempfile.mkdtemp(prefix="ogp-relevance-"))
    try:
        bench = await load(folder)
        try:
            return await (pool(bench) if "--pool" in argv else measure(bench))
        finally:
            await bench.graph.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1:])))
