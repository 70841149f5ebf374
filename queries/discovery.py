"""Peer-learning questions beside similarity: lineage, who to learn from, facets, peer members.

Similar commitments (stored and to a pasted draft) are in ``queries/similarity.py``.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping, Sequence
from typing import Any

from graph.backend import Graph, Row
from queries.commitments import commitment_listing
from queries.corpus import PARENT_AREAS
from queries.similarity_filter import SimilarityFilter

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
