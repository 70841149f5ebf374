"""Peer-learning questions: similar commitments (stored or to a pasted text), who to learn from, lineage, facets, peers.

``similar`` is one traversal of the ``SIMILAR_TO`` edges derived at load time (a narrow filter that leaves
too few of them ranks all commitments with the index below); ``similar_to_text`` scores a draft against an
in-process TF-IDF index, cached by the graph's commitment "version", and keeps the commitments that pass
the same filter, evaluated in Cypher. Both return ``{node, score, values, shared_*}`` rows.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.backend import Graph, Row
from graph.ratings import SCALES
from queries.commitments import commitment_listing
from queries.discovery_scoring import WEIGHTS, Corpus, Doc, Pair, best, text_query_values, total
from queries.nodes import nodes_by_id, projection

logger = logging.getLogger(__name__)

# The similarity filter (o = the match): each condition is a constant fragment, included only when asked,
# so the default (other members only) is one plain traversal. Member and area conditions go through a WITH.
_NEEDS_MEMBER = "MATCH (m:Member {id: o.member_id}) "
_IN_REGION = ", size([(m)-[:IN_REGION]->(r:Region) WHERE r.id = $region | 1]) AS in_region"
_IN_AREA = (
    ", size([(o)-[:ADDRESSES]->(pa:PolicyArea) WHERE pa.id = $policy_area OR pa.parent_id = $policy_area "
    "| 1]) AS in_area"
)
_CONDITIONS = {
    "other_members": "o.member_id <> c.member_id",
    "region": "in_region > 0",
    "member_kind": "m.kind = $member_kind",
    "policy_area": "in_area > 0",
    "year_from": "o.year >= $year_from",
    "year_to": "o.year <= $year_to",
    "starred": "o.starred = true",
    "completion_min": "o.completion_level >= $completion_min",
    "diog_min": "o.did_it_open_government_level >= $diog_min",
}
# A stored match as a result map: the match's node and the edge's component values.
_MATCH = (
    "{node: {node}, score: s.score, text: s.text, policy_areas: s.policy_areas, organizations: s.organizations, "
    "coalition: s.coalition, outcome: s.outcome, shared_policy_areas: s.shared_policy_areas, "
    "shared_organizations: s.shared_organizations}"
)
# Every commitment's stored matches in ONE statement (the Commitment.similar DataLoader), best first per key.
SIMILAR_BATCH = (
    "UNWIND $ids AS key MATCH (c:Commitment {id: key})-[s:SIMILAR_TO]->(o:Commitment) {member}"
    "WITH key, c, o, s{extra} WHERE {where} "
    "WITH key, o, s ORDER BY s.score DESC, o.id "
    f"RETURN key, collect({_MATCH})[0..$first] AS top"
)
# The same for one commitment (a commitment page, the usual case): LIMIT stops at `first` matches instead of
# building all of them and slicing, which halves the database's time.
SIMILAR_ONE = (
    "MATCH (c:Commitment {id: $key})-[s:SIMILAR_TO]->(o:Commitment) {member}"
    "WITH c, o, s{extra} WHERE {where} "
    "WITH o, s ORDER BY s.score DESC, o.id LIMIT $first "
    f"RETURN $key AS key, collect({_MATCH}) AS top"
)
# A commitment looked up by id and its stored matches (default filter), in one statement: `commitment(id:)
# { similar { … } }`. The OPTIONAL MATCH keeps a commitment without matches; LIMIT applies to its one row set.
COMMITMENT_WITH_SIMILAR = (
    "MATCH (c:Commitment {id: $key}) "
    f"OPTIONAL MATCH (c)-[s:SIMILAR_TO]->(o:Commitment) WHERE {_CONDITIONS['other_members']} "
    "WITH c, o, s ORDER BY s.score DESC, o.id LIMIT $first "
    f"RETURN {{root}} AS root, collect(CASE WHEN o IS NULL THEN null ELSE {_MATCH} END) AS top"
)
# The commitments that pass a narrowing filter (its conditions on the match, `o`): a draft's matches, and
# the matches of a commitment whose stored ones a narrow filter leaves short, are ranked among these. Over
# every commitment, so the area and the region are matched as patterns from their node (FalkorDB takes
# 20 ms to test a pattern on each of 558 commitments, the anchored match under 1 ms).
_PASS_IN_AREA = (
    "MATCH (pa:PolicyArea)<-[:ADDRESSES]-(o:Commitment) WHERE pa.id = $policy_area OR pa.parent_id = $policy_area "
    "WITH DISTINCT o "
)
_PASS_IN_REGION = "MATCH (m)-[:IN_REGION]->(:Region {id: $region}) "
COMMITMENT_CORPUS = (
    "MATCH (c:Commitment) "
    "RETURN c.id AS id, c.member_id AS member_id, c.title AS title, c.short_title AS short_title, "
    "c.full_text AS full_text, c.year AS year, c.outcome_score AS outcome, "
    "[(c)-[:ADDRESSES]->(pa:PolicyArea) | pa.id] AS areas, "
    "[(c)<-[:LEADS|SUPPORTS]-(o:Organization) | o.id] AS organizations "
    "ORDER BY c.id"
)
AREA_PARENTS = "MATCH (a:PolicyArea)-[:PART_OF]->(p:PolicyArea) RETURN a.id AS id, p.id AS parent"
MEMBER_COALITIONS = (
    "MATCH (m:Member)-[:PARTICIPATES_IN]->(co:Coalition) "
    "RETURN m.id AS member, co.id AS coalition, [(co)-[:FOCUSES_ON]->(f:PolicyArea) | f.id] AS focus"
)
COMMITMENT_VERSION = "MATCH (c:Commitment) RETURN count(c) AS n, max(c.loaded_at) AS at"
SIMILAR_EDGE_COUNT = "MATCH (:Commitment)-[s:SIMILAR_TO]->(:Commitment) RETURN count(s) AS n"
# Lineage of many commitments in ONE statement: predecessors and successors along CONTINUES.
LINEAGE_BATCH = (
    "UNWIND $ids AS key MATCH (c:Commitment {id: key}) "
    "OPTIONAL MATCH (c)-[:CONTINUES*1..20]->(p:Commitment) WITH key, c, collect(DISTINCT p) AS before "
    "OPTIONAL MATCH (c)<-[:CONTINUES*1..20]-(n:Commitment) "
    "RETURN key, c AS node, before, collect(DISTINCT n) AS after"
)
LEARN_FROM = (
    "MATCH (c:Commitment)-[:ADDRESSES]->(pa:PolicyArea) WHERE pa.id = $policy_area OR pa.parent_id = $policy_area "
    "WITH DISTINCT c MATCH (m:Member {id: c.member_id}) "
    "WITH m, c, size([(m)-[:IN_REGION]->(r:Region) WHERE r.id = $region | 1]) AS in_region "
    "WHERE ($region IS NULL OR in_region > 0) AND ($member_kind IS NULL OR m.kind = $member_kind) "
    "AND ($year_from IS NULL OR c.year >= $year_from) AND ($year_to IS NULL OR c.year <= $year_to) "
    "WITH m, c ORDER BY coalesce(c.outcome_score, -1.0) DESC, c.id "
    "RETURN m AS member, count(c) AS commitments, count(c.outcome_score) AS assessed, "
    "sum(coalesce(c.outcome_score, 0.0)) AS outcome_sum, "
    "sum(CASE WHEN c.starred = true THEN 1 ELSE 0 END) AS starred, collect(c)[0..$best] AS best"
)
ORGANIZATIONS_BEHIND = (
    "UNWIND $ids AS key MATCH (:Commitment {id: key})<-[r:LEADS|SUPPORTS]-(o:Organization) "
    "RETURN key, o AS node, type(r) AS role ORDER BY role, o.name"
)
MEMBER_PORTFOLIOS = (
    "MATCH (c:Commitment)-[:ADDRESSES]->(pa:PolicyArea) "
    "RETURN c.member_id AS member, pa.id AS area, count(c) AS n, avg(coalesce(c.outcome_score, 0.0)) AS outcome"
)
MEMBERS_BY_ID = "MATCH (m:Member) WHERE m.id IN $ids RETURN m AS node"
PARENT_AREAS = "MATCH (:PolicyArea)-[:PART_OF]->(p:PolicyArea) RETURN DISTINCT p.id AS id"
# Facets: {match}/{with_}/{where} come from the commitment listing (the same filter as Query.commitments).
FACETS = {
    "policy_area": "{match} {with_} WHERE {where} MATCH (c)-[:ADDRESSES]->(x:PolicyArea) "
    "RETURN x.id AS value, x.name AS label, count(DISTINCT c) AS count",
    "region": "{match} {with_} WHERE {where} MATCH (c)<-[:INCLUDES]-(:ActionPlan)<-[:HAS_ACTION_PLAN]-(:Member)"
    "-[:IN_REGION]->(x:Region) RETURN x.id AS value, x.name AS label, count(DISTINCT c) AS count",
    "member": "{match} {with_} WHERE {where} MATCH (c)<-[:INCLUDES]-(:ActionPlan)<-[:HAS_ACTION_PLAN]-(x:Member) "
    "RETURN x.id AS value, x.name AS label, count(DISTINCT c) AS count",
    "member_kind": "{match} {with_} WHERE {where} MATCH (c)<-[:INCLUDES]-(:ActionPlan)<-[:HAS_ACTION_PLAN]-(x:Member) "
    "RETURN x.kind AS value, count(DISTINCT c) AS count",
    "year": "{match} {with_} WHERE {where} RETURN toString(c.year) AS value, count(c) AS count",
    "completion": "{match} {with_} WHERE {where} RETURN c.completion AS value, count(c) AS count",
    "early_results": "{match} {with_} WHERE {where} RETURN c.early_results AS value, count(c) AS count",
    "did_it_open_government": "{match} {with_} WHERE {where} RETURN c.did_it_open_government AS value, "
    "count(c) AS count",
    # A cross-tabulation (a member's or an area's chart): policy area x end-of-term completion.
    "policy_area_by_completion": "{match} {with_} WHERE {where} MATCH (c)-[:ADDRESSES]->(x:PolicyArea) "
    "RETURN x.id AS value, x.name AS label, c.completion AS completion, count(DISTINCT c) AS count",
}


@dataclass(frozen=True)
class SimilarityFilter:
    """Which matches to keep (None = no condition)."""

    other_members_only: bool = True
    region: str | None = None
    member_kind: str | None = None
    policy_area: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    outcome: str = "any"  # any | starred | substantial_or_complete | opened_government

    def params(self) -> dict[str, Any]:
        """Every filter parameter (``None``/``False`` when unset), as ``LEARN_FROM`` reads them."""
        if self.outcome not in ("any", "starred", "substantial_or_complete", "opened_government"):
            raise ValueError(f"similarity filter: unknown outcome {self.outcome!r}")
        return {
            "other_members": self.other_members_only,
            "region": self.region,
            "member_kind": self.member_kind,
            "policy_area": self.policy_area,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "starred": self.outcome == "starred",
            "completion_min": SCALES["completion"].level("substantial")
            if self.outcome == "substantial_or_complete"
            else None,
            "diog_min": SCALES["did_it_open_government"].level("major")
            if self.outcome == "opened_government"
            else None,
        }

    def _active(self) -> dict[str, Any]:
        """The asked conditions (``_CONDITIONS`` names) and their values."""
        return {k: v for k, v in self.params().items() if v is not None and v is not False}

    @staticmethod
    def _statement_params(active: Mapping[str, Any]) -> dict[str, Any]:
        """The ``$params`` the active conditions read (other-members and starred are constant fragments)."""
        return {k: v for k, v in active.items() if k not in ("other_members", "starred")}

    def compile(self, template: str) -> tuple[str, dict[str, Any]]:
        """``template`` (the query commitment ``c`` bound) with only the asked conditions, and their params."""
        active = self._active()
        member = _NEEDS_MEMBER if "region" in active or "member_kind" in active else ""
        extra = (_IN_REGION if "region" in active else "") + (_IN_AREA if "policy_area" in active else "")
        where = " AND ".join(_CONDITIONS[k] for k in active) or "true"
        cypher = template.replace("{member}", member).replace("{extra}", extra).replace("{where}", where)
        return cypher, self._statement_params(active)

    def passing(self) -> tuple[str, dict[str, Any]]:
        """A statement of the ids of every commitment that passes (the conditions on a match), and its params."""
        active = self._active()
        active.pop("other_members", None)  # a property of a pair, not of a match: the caller applies it
        cypher = _PASS_IN_AREA if "policy_area" in active else "MATCH (o:Commitment) "
        if "region" in active or "member_kind" in active:
            cypher += _NEEDS_MEMBER
        if "region" in active:
            cypher += _PASS_IN_REGION
        where = [_CONDITIONS[k] for k in active if k not in ("policy_area", "region")]
        cypher += (f"WHERE {' AND '.join(where)} " if where else "") + "RETURN DISTINCT o.id AS id"
        return cypher, self._statement_params(active)

    @property
    def narrows(self) -> bool:
        """Whether anything beyond ``other_members_only`` is set."""
        return (
            any(v is not None for v in (self.region, self.member_kind, self.policy_area, self.year_from, self.year_to))
            or self.outcome != "any"
        )


async def similar_batch(
    graph: Graph, ids: Sequence[str], first: int, flt: SimilarityFilter, properties: Sequence[str] | None = None
) -> dict[str, list[Row]]:
    """Each commitment's stored matches that pass the filter, best first, in ONE statement for all ``ids``
    (each match's node whole, or only ``properties`` of it)."""
    keys = list(dict.fromkeys(ids))
    if not keys:
        return {}
    template, given = (SIMILAR_ONE, {"key": keys[0]}) if len(keys) == 1 else (SIMILAR_BATCH, {"ids": keys})
    cypher, params = flt.compile(template.replace("{node}", projection("o", properties)))
    rows = await graph.read(cypher, {**given, "first": first, **params})
    found = {r["key"]: list(r["top"]) for r in rows if r["top"]}
    short = [key for key in keys if len(found.get(key, ())) < first] if flt.narrows else []
    if short:
        for key, ranked in (await _ranked_in_index(graph, short, first, flt, properties)).items():
            if len(ranked) > len(found.get(key, ())):
                found[key] = ranked
    return found


async def _passing(graph: Graph, flt: SimilarityFilter) -> set[str]:
    """Ids of the commitments that pass ``flt``'s conditions on a match (one statement)."""
    return {r["id"] for r in await graph.read(*flt.passing())}


async def _ranked_in_index(
    graph: Graph, keys: Sequence[str], first: int, flt: SimilarityFilter, properties: Sequence[str] | None
) -> dict[str, list[Row]]:
    """Each commitment's best matches that pass a narrowing filter, ranked among ALL commitments.

    The stored ``SIMILAR_TO`` edges are each commitment's best matches overall (loaders/similarity.py), so
    a narrow filter (a policy area, a small region, "opened government") often leaves fewer than ``first``
    of them although more commitments pass it. Those commitments are scored here with the in-memory index,
    exactly as the derivation scores them, and ranked the same way (score, then id). A match must share
    text, policy areas or organisations (an outcome or a coalition alone is not likeness). Two statements
    whatever the number of ``keys``: the ids that pass, then the chosen nodes. A commitment the index does
    not know yet (loaded since it was built) keeps its stored matches.
    """
    corpus = await text_index(graph)
    passing = corpus.having(await _passing(graph, flt))
    known = [key for key in keys if key in corpus.index]
    rows = [corpus.index[key] for key in known]
    values = corpus.block_scores(rows)  # one product for all of them
    scores = total(values)
    similar = (values["text"] > 0) | (values["policy_areas"] > 0) | (values["organizations"] > 0)
    picks: dict[str, list[tuple[int, Pair]]] = {}
    for r, (key, i) in enumerate(zip(known, rows, strict=True)):
        keep = passing & similar[r]
        keep[i] = False
        if flt.other_members_only:
            keep &= corpus.members != corpus.members[i]
        query = corpus.docs[i]
        picks[key] = [
            (int(j), corpus.pair(query, corpus.docs[j], {c: float(values[c][r, j]) for c in WEIGHTS}))
            for j in best(scores[r], keep, first)
        ]
    wanted = sorted({corpus.docs[j].id for pairs in picks.values() for j, _ in pairs})
    nodes = await nodes_by_id(graph, "Commitment", wanted, properties) if wanted else {}
    out: dict[str, list[Row]] = {}
    for key, pairs in picks.items():
        out[key] = [
            {
                "node": nodes[corpus.docs[j].id],
                "score": pair.score,
                **pair.values,
                "shared_policy_areas": list(pair.shared_policy_areas),
                "shared_organizations": list(pair.shared_organizations),
            }
            for j, pair in pairs
            if corpus.docs[j].id in nodes
        ]
    return out


async def commitment_with_similar(
    graph: Graph,
    commitment_id: str,
    first: int,
    properties: Sequence[str] | None = None,
    match_properties: Sequence[str] | None = None,
) -> tuple[Row | None, list[Row]]:
    """A commitment (None if unknown) and its stored matches in other members, best first, in ONE statement
    (the commitment's ``properties`` and the matches' ``match_properties``; ``None``: whole nodes)."""
    cypher = COMMITMENT_WITH_SIMILAR.replace("{root}", projection("c", properties)).replace(
        "{node}", projection("o", match_properties)
    )
    rows = await graph.read(cypher, {"key": commitment_id, "first": first})
    if not rows:
        return None, []
    return rows[0]["root"], list(rows[0]["top"])


async def similar(graph: Graph, commitment_id: str, first: int, flt: SimilarityFilter) -> list[Row]:
    """The stored matches of one commitment that pass the filter, best first, with their component values."""
    return (await similar_batch(graph, [commitment_id], first, flt)).get(commitment_id, [])


async def read_corpus(graph: Graph) -> Corpus:
    """Every commitment of the graph as a similarity document, vectorised."""
    rows = await graph.read(COMMITMENT_CORPUS)
    parents = {r["id"] for r in await graph.read(PARENT_AREAS)}
    parent_of = {r["id"]: r["parent"] for r in await graph.read(AREA_PARENTS)}
    coalitions: dict[str, list[tuple[str, set[str]]]] = {}
    for r in await graph.read(MEMBER_COALITIONS):
        coalitions.setdefault(r["member"], []).append((r["coalition"], set(r["focus"] or [])))
    docs = []
    for r in rows:
        areas = frozenset(r["areas"] or [])
        broad = areas | {parent_of[a] for a in areas if a in parent_of}
        docs.append(
            Doc(
                id=r["id"],
                member_id=r["member_id"] or "",
                title="\n".join(t for t in (r["title"], r["short_title"]) if t),
                text=r["full_text"] or "",
                year=r["year"],
                areas=areas,
                organizations=frozenset(r["organizations"] or []),
                coalitions=frozenset(
                    co for co, focus in coalitions.get(r["member_id"], []) if not focus or focus & broad
                ),
                outcome=float(r["outcome"] or 0.0),
                meta={"short_title": r["short_title"] or ""},
            )
        )
    # Vectorising takes seconds on the real data: in a worker thread, so that a server rebuilding its
    # draft index after a load keeps answering other requests meanwhile.
    return await asyncio.to_thread(Corpus, docs, parents)


@dataclass
class _IndexCache:
    key: tuple[Any, ...] | None = None
    corpus: Corpus | None = None
    checked: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


# How long a built index is trusted before the (full-scan) version check runs again: a load shows up in
# similarToText at most this many seconds late, and a busy server does not scan every commitment per request.
VERSION_CHECK_SECONDS = 5.0


_CACHE: dict[int, _IndexCache] = {}


async def warm_text_index(graph: Graph) -> None:
    """Build the draft-text index now (a server calls it at startup), so that the first ``similarToText``
    does not wait for it; a failure is logged and left to the first request to meet again."""
    try:
        started = time.monotonic()
        corpus = await text_index(graph)
        logger.info("draft-text index ready: %d commitments in %.1fs", len(corpus.docs), time.monotonic() - started)
    except Exception:  # (a cancelled warm-up, at shutdown, is not an Exception: it propagates)
        logger.exception("could not build the draft-text index at startup; similarToText will try again")


async def text_index(graph: Graph) -> Corpus:
    """The in-memory TF-IDF index of all commitments, rebuilt when the graph's commitments change."""
    cache = _CACHE.setdefault(id(graph), _IndexCache())
    if cache.corpus is not None and time.monotonic() - cache.checked < VERSION_CHECK_SECONDS:
        return cache.corpus
    rows = await graph.read(COMMITMENT_VERSION)
    key = (rows[0]["n"], rows[0]["at"]) if rows else (0, None)
    if cache.key == key and cache.corpus is not None:
        cache.checked = time.monotonic()  # unchanged: trust it for another period
        return cache.corpus
    async with cache.lock:
        if cache.key != key or cache.corpus is None:
            cache.corpus = await read_corpus(graph)
            cache.key = key
    cache.checked = time.monotonic()
    assert cache.corpus is not None
    return cache.corpus


def invalidate_text_index(graph: Graph) -> None:
    """Forget the draft-text index of ``graph`` (a load in this process changed its commitments)."""
    _CACHE.pop(id(graph), None)


async def similar_to_text(
    graph: Graph, text: str, first: int, flt: SimilarityFilter, properties: Sequence[str] | None = None
) -> list[Row]:
    """Commitments most like a pasted draft (text and the match's outcome), filtered like ``similar``
    (each match's node whole, or only ``properties`` of it)."""
    if not text.strip():
        raise ValueError("similarToText: the text is empty; paste a title or a few paragraphs")
    corpus = await text_index(graph)
    if not corpus.docs:
        return []
    values = text_query_values(corpus, text)
    text_values, outcome = values["text"][0], values["outcome"][0]
    keep = text_values > 0
    if flt.narrows:
        keep &= corpus.having(await _passing(graph, flt))
    order = best(WEIGHTS["text"] * text_values + WEIGHTS["outcome"] * outcome, keep, first)
    if not order.size:
        return []
    found = await nodes_by_id(graph, "Commitment", [corpus.docs[i].id for i in order], properties)
    rows = []
    for i in order:
        node = found.get(corpus.docs[i].id)
        if node is not None:
            row: Row = {"node": node, "text": float(text_values[i]), "outcome": float(outcome[i])}
            rows.append(row | {"score": sum(contributions(row).values())})
    return rows[:first]


def contributions(row: Mapping[str, Any]) -> dict[str, float]:
    """``weight × value`` per component of a result row (they sum to its score)."""
    return {c: w * float(row.get(c) or 0.0) for c, w in WEIGHTS.items()}


async def lineage_batch(graph: Graph, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each commitment's chain (predecessors, itself, successors; oldest first) in ONE statement for all ``ids``."""
    out: dict[str, list[Row]] = {}
    for r in await graph.read(LINEAGE_BATCH, {"ids": list(dict.fromkeys(ids))}):
        nodes = {n["id"]: n for n in [*r["before"], r["node"], *r["after"]] if n}
        out[r["key"]] = [{"node": n} for n in sorted(nodes.values(), key=lambda n: (n.get("year") or 0, n["id"]))]
    return out


async def lineage(graph: Graph, commitment_id: str) -> list[Row]:
    """The chain of a reform across a member's action plans: predecessors, itself, successors, oldest first."""
    return (await lineage_batch(graph, [commitment_id])).get(commitment_id, [])


async def learn_from(graph: Graph, policy_area: str, flt: SimilarityFilter, first: int, best: int = 3) -> list[Row]:
    """Members ranked by how their commitments in an area turned out (mean outcome, shrunk towards the area's)."""
    params = {**flt.params(), "policy_area": policy_area, "best": best}
    rows = await graph.read(LEARN_FROM, params)
    assessed = sum(r["assessed"] for r in rows)
    prior = sum(r["outcome_sum"] for r in rows) / assessed if assessed else 0.0
    for r in rows:
        r["rank_score"] = (r["outcome_sum"] + prior) / (r["assessed"] + 1)  # one pseudo-commitment at the mean
        r["mean_outcome"] = r["outcome_sum"] / r["assessed"] if r["assessed"] else None
    rows.sort(key=lambda r: (-r["rank_score"], -r["starred"], r["member"]["id"]))
    rows = rows[:first]
    ids = [c["id"] for r in rows for c in r["best"]]
    orgs: dict[str, list[Row]] = {}
    for o in await graph.read(ORGANIZATIONS_BEHIND, {"ids": ids}) if ids else []:
        orgs.setdefault(o["key"], []).append(o)
    for r in rows:
        r["organizations"] = [o for c in r["best"] for o in orgs.get(c["id"], [])]
    return rows


async def facets(
    graph: Graph, spec: Mapping[str, Any] | None, search: str | None = None, names: Sequence[str] | None = None
) -> dict[str, list[Row]]:
    """Counts of the filtered commitment list by policy area, region, member, member kind, year, IRM results
    and policy area x completion; only the facets in ``names`` (all when None), one statement each, concurrently."""
    wanted = list(FACETS) if names is None else [name for name in FACETS if name in names]
    listing = commitment_listing(graph, spec, search)
    if listing is None:
        return {name: [] for name in wanted}
    parts, values = listing.compile()
    # Independent statements: sent together, the database runs them side by side (a search page asks six).
    found = await asyncio.gather(*(graph.read(FACETS[name].format(**parts), values) for name in wanted))
    return {
        name: sorted(rows, key=lambda r: (-r["count"], str(r["value"]), str(r.get("completion"))))
        for name, rows in zip(wanted, found, strict=True)
    }


async def peers_batch(graph: Graph, member_ids: Sequence[str], first: int) -> dict[str, list[Row]]:
    """For each member, the members whose portfolios (IDF-weighted policy areas, and outcomes per area)
    are most like its own: the portfolios are read once for all ``member_ids`` (two statements in all)."""
    rows = await graph.read(MEMBER_PORTFOLIOS)
    parents = {r["id"] for r in await graph.read(PARENT_AREAS)}
    members = sorted({r["member"] for r in rows})
    df: dict[str, int] = {}
    for r in rows:
        df[r["area"]] = df.get(r["area"], 0) + 1
    vec: dict[str, dict[str, float]] = {m: {} for m in members}
    out_vec: dict[str, dict[str, float]] = {m: {} for m in members}
    for r in rows:
        idf = math.log((1 + len(members)) / (1 + df[r["area"]])) + 1.0
        vec[r["member"]][r["area"]] = math.log1p(r["n"]) * idf * (0.25 if r["area"] in parents else 1.0)
        out_vec[r["member"]][r["area"]] = float(r["outcome"])
    tops = {m: _peers_of(m, vec, out_vec, first) for m in dict.fromkeys(member_ids) if vec.get(m)}
    wanted = sorted({t["member_id"] for top in tops.values() for t in top})
    nodes = {r["node"]["id"]: r["node"] for r in await graph.read(MEMBERS_BY_ID, {"ids": wanted})} if wanted else {}
    return {
        m: [{**t, "node": nodes.get(t["member_id"], {"id": t["member_id"]})} for t in top] for m, top in tops.items()
    }


def _peers_of(
    member_id: str, vec: dict[str, dict[str, float]], out_vec: dict[str, dict[str, float]], first: int
) -> list[dict[str, Any]]:
    mine = vec[member_id]
    found: list[dict[str, Any]] = []
    for other, theirs in vec.items():
        if other == member_id:
            continue
        shared = set(mine) & set(theirs)
        dot = sum(mine[a] * theirs[a] for a in shared)
        norm = math.sqrt(sum(v * v for v in mine.values()) * sum(v * v for v in theirs.values()))
        areas = dot / norm if norm else 0.0
        gap = [abs(out_vec[member_id][a] - out_vec[other][a]) for a in shared]
        outcome = 1.0 - (sum(gap) / len(gap) if gap else 1.0)
        found.append(
            {
                "member_id": other,
                "score": 0.8 * areas + 0.2 * outcome * areas,
                "areas": areas,
                "outcome": outcome,
                "shared": sorted(shared, key=lambda a: -mine[a] * theirs[a]),
            }
        )
    found.sort(key=lambda r: (-r["score"], r["member_id"]))
    return found[:first]


async def peers(graph: Graph, member_id: str, first: int) -> list[Row]:
    """Members whose portfolios are most like this one's, best first."""
    return (await peers_batch(graph, [member_id], first)).get(member_id, [])
