"""Merging the two commitment layouts in the graph: find the same commitment, re-key, prune stale links.

Synthetic ids: a commitment known only from the Explorer layout gets ``EXPL-<member id>-<plan>-<number>``
(``EXPL-albania-1-2``; ``-b``, ``-c`` … when one plan has two different commitments under one number), and
its action plan ``EXPL-AP-<member id>-<plan>`` until the current layout gives the OGP ids; then the nodes
are re-keyed in place (``SET n.id``), keeping their links.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.backend import Graph
from graph.model import ADDRESSES, ADVANCES, LEADS, SUPPORTS, ActionPlan, Commitment
from graph.taxonomy import LEGACY_TAGS, WORKING_GROUPS
from loaders._commit_keys import titles_match
from loaders._write import LoadStats, Rel

logger = logging.getLogger(__name__)

EXPLORER_PREFIX = "EXPL-"

COMMITMENTS_BY_NATURAL_KEY = (
    "UNWIND $keys AS key MATCH (c:Commitment {natural_key: key}) "
    "RETURN c.id AS id, c.natural_key AS natural_key, c.title AS title, c.short_title AS short_title, "
    "c.source_layouts AS source_layouts"
)
COMMITMENT_LEGACY_TAGS = (
    "MATCH (c:Commitment) WHERE c.id IN $ids "
    "RETURN c.id AS id, c.legacy_tags AS legacy_tags, c.working_groups AS working_groups"
)
EXISTING_COMMITMENT_IDS = "MATCH (c:Commitment) WHERE c.id IN $ids RETURN c.id AS id"
EXISTING_PLAN_IDS = "MATCH (p:ActionPlan) WHERE p.id IN $ids RETURN p.id AS id"
PLANS_OF_MEMBERS = (
    "UNWIND $rows AS row MATCH (p:ActionPlan {member_id: row.member_id, number: row.number}) "
    "RETURN row.member_id AS member_id, row.number AS number, p.id AS id"
)
RENAME_COMMITMENTS = "UNWIND $rows AS row MATCH (c:Commitment {id: row.old}) SET c.id = row.new"
RENAME_PLANS = (
    "UNWIND $rows AS row MATCH (p:ActionPlan {id: row.old}) SET p.id = row.new "
    "WITH p, row MATCH (p)-[:INCLUDES]->(c:Commitment) SET c.action_plan_id = row.new"
)
PRUNE_ADDRESSES = (
    "UNWIND $rows AS row MATCH (c:Commitment {id: row.id})-[r:ADDRESSES]->(p:PolicyArea) "
    "WHERE NOT p.id IN row.keep DELETE r"
)
PRUNE_ADVANCES = (
    "UNWIND $rows AS row MATCH (c:Commitment {id: row.id})-[r:ADVANCES]->(v:OgpValue) "
    "WHERE NOT v.id IN row.keep DELETE r"
)
PRUNE_LEADS = "UNWIND $rows AS row MATCH (c:Commitment {id: row.id})<-[r:LEADS]-(o) WHERE NOT o.id IN row.keep DELETE r"
PRUNE_SUPPORTS = (
    "UNWIND $rows AS row MATCH (c:Commitment {id: row.id})<-[r:SUPPORTS]-(o) WHERE NOT o.id IN row.keep DELETE r"
)
PRUNES = {ADDRESSES: PRUNE_ADDRESSES, ADVANCES: PRUNE_ADVANCES, LEADS: PRUNE_LEADS, SUPPORTS: PRUNE_SUPPORTS}


@dataclass(frozen=True)
class Existing:
    """A commitment already in the graph that shares a natural key with an incoming one."""

    id: str
    natural_key: str
    title: str | None
    short_title: str | None
    source_layouts: tuple[str, ...]

    def matches(self, title: str, short_title: str | None) -> bool:
        """Same commitment: the titles (or short titles) agree."""
        return any(titles_match(a, b) for a in (self.title, self.short_title) for b in (title, short_title) if a and b)


def explorer_plan_id(member_id: str, plan_number: int) -> str:
    """The synthetic id of an action plan known only from the Explorer layout."""
    return f"{EXPLORER_PREFIX}AP-{member_id}-{plan_number}"


async def existing_by_key(graph: Graph, keys: Sequence[str]) -> dict[str, list[Existing]]:
    """Commitments in the graph with these natural keys, grouped by key."""
    found: dict[str, list[Existing]] = {}
    for r in await graph.read(COMMITMENTS_BY_NATURAL_KEY, {"keys": sorted(set(keys))}):
        found.setdefault(r["natural_key"], []).append(
            Existing(r["id"], r["natural_key"], r["title"], r["short_title"], tuple(r["source_layouts"] or ()))
        )
    return found


async def rekey_explorer_nodes(graph: Graph, commitments: Sequence[Commitment], plans: Sequence[ActionPlan]) -> int:
    """Give Explorer-only nodes of these (current-layout) commitments and plans their OGP ids; returns renames."""
    existing = await existing_by_key(graph, [c.natural_key for c in commitments])
    taken = {r["id"] for r in await graph.read(EXISTING_COMMITMENT_IDS, {"ids": [c.id for c in commitments]})}
    renames: list[dict[str, str]] = []
    for c in commitments:
        for old in existing.get(c.natural_key, []):
            if old.id.startswith(EXPLORER_PREFIX) and c.id not in taken and old.matches(c.title, c.short_title):
                renames.append({"old": old.id, "new": c.id})
                taken.add(c.id)
                break
    if renames:
        await graph.write(RENAME_COMMITMENTS, {"rows": renames})
    wanted = {explorer_plan_id(p.member_id, p.number): p.id for p in plans}
    have = {r["id"] for r in await graph.read(EXISTING_PLAN_IDS, {"ids": [*wanted, *wanted.values()]})}
    plan_renames = [{"old": old, "new": new} for old, new in wanted.items() if old in have and new not in have]
    if plan_renames:
        await graph.write(RENAME_PLANS, {"rows": plan_renames})
    if renames or plan_renames:
        logger.info("re-keyed %d Explorer commitments and %d action plans to OGP ids", len(renames), len(plan_renames))
    return len(renames) + len(plan_renames)


async def legacy_areas(graph: Graph, ids: Sequence[str]) -> dict[str, list[str]]:
    """Policy areas that these commitments' Explorer tags and working groups map onto (by commitment id)."""
    found: dict[str, list[str]] = {}
    for r in await graph.read(COMMITMENT_LEGACY_TAGS, {"ids": list(ids)}):
        areas = {a for tag in r["legacy_tags"] or () for a in LEGACY_TAGS.get(tag, ())}
        areas |= {WORKING_GROUPS[wg] for wg in r["working_groups"] or () if wg in WORKING_GROUPS}
        if areas:
            found[r["id"]] = sorted(areas)
    return found


async def prune_links(graph: Graph, rel_type: str, keep: dict[str, list[str]]) -> int:
    """Delete ``rel_type`` links of these commitments to ends not in ``keep[commitment id]``."""
    if not keep:
        return 0
    stats = await graph.write(PRUNES[rel_type], {"rows": [{"id": k, "keep": v} for k, v in keep.items()]})
    return stats.relationships_deleted


async def prune_stale_links(
    graph: Graph, links: Mapping[str, Sequence[Rel]], keep: dict[str, dict[str, list[str]]], stats: LoadStats
) -> None:
    """For each link type, delete the commitments' links the source no longer states.

    ``links`` are the relationships just written (LEADS/SUPPORTS point at the commitment, the rest from
    it); ``keep`` gives, per type, the commitments concerned and any ends to keep besides those links.
    """
    for rel_type, rels in links.items():
        kept = keep[rel_type]
        for rel in rels:
            start, end = (rel.end, rel.start) if rel_type in (LEADS, SUPPORTS) else (rel.start, rel.end)
            if start in kept:
                kept[start].append(end)
        removed = await prune_links(graph, rel_type, kept)
        if removed:
            stats.rels_removed[rel_type] = stats.rels_removed.get(rel_type, 0) + removed
