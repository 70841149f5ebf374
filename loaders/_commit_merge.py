"""One commitment, one node: what the graph already knows of a plan's commitments, and folding nodes together.

Layouts rank by how authoritative they are (``LAYOUT_RANK``): the current OGP export, then the IRM
Explorer export, then the 2015 Combined Database. The most authoritative source of a commitment owns
its node (its texts, ratings, values, institutions); a less authoritative row matched to it only adds
its tags, working groups, provenance and what it stated. When a more authoritative row arrives after
less authoritative nodes of the same commitment were loaded, those nodes are absorbed into it (their
tags, provenance and stated values move over, then they are deleted), so the graph is the same
whichever order the files are loaded in.

Synthetic ids: a commitment known only from a legacy layout gets ``<prefix><member id>-<plan>-<number>``
(``EXPL-albania-1-2``; ``IRM2015-norway-1-c1a2b3c4d`` when it has no usable number, keyed by its
content), and its action plan ``EXPL-AP-<member id>-<plan>`` until an export with OGP ids names the plan;
then the plan node is re-keyed in place (``SET n.id``), keeping its links.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.backend import Graph
from graph.fields import COMBINED_2015, CURRENT, EXPLORER
from graph.model import ADDRESSES, ADVANCES, LEADS, SOURCE_RANK, SUPPORTS, ActionPlan, Commitment
from graph.taxonomy import LEGACY_TAGS, WORKING_GROUPS
from loaders._commit_match import Fingerprint, assign
from loaders._write import SOURCE_SEPARATOR, LoadStats, Rel

logger = logging.getLogger(__name__)

# The source (``ogp sources`` name) each commitment layout is read by, as recorded in provenance entries,
# and each layout's rank (``graph.model.SOURCE_RANK``: higher = more authoritative).
LAYOUT_OF_SOURCE = {"ogp-commitments": CURRENT, "irm-explorer": EXPLORER, "irm-combined-2015": COMBINED_2015}
LAYOUT_RANK = {layout: SOURCE_RANK[source] for source, layout in LAYOUT_OF_SOURCE.items()}
LEGACY_PLAN_PREFIX = "EXPL-AP-"

COMMITMENTS_OF_PLANS = (
    "UNWIND $groups AS g MATCH (c:Commitment {member_id: g.member_id}) WHERE c.natural_key STARTS WITH g.prefix "
    "RETURN g.member_id AS member_id, g.plan AS plan, c.id AS id, c.number AS number, c.title AS title, "
    "c.short_title AS short_title, c.full_text AS full_text, c.source_layouts AS source_layouts, "
    "c.source_values AS source_values"
)
COMMITMENT_LEGACY_TAGS = (
    "MATCH (c:Commitment) WHERE c.id IN $ids "
    "RETURN c.id AS id, c.legacy_tags AS legacy_tags, c.working_groups AS working_groups"
)
EXISTING_PLAN_IDS = "MATCH (p:ActionPlan) WHERE p.id IN $ids RETURN p.id AS id"
PLANS_OF_MEMBERS = (
    "UNWIND $rows AS row MATCH (p:ActionPlan {member_id: row.member_id, number: row.number}) "
    "RETURN row.member_id AS member_id, row.number AS number, p.id AS id"
)
RENAME_PLANS = (
    "UNWIND $rows AS row MATCH (p:ActionPlan {id: row.old}) SET p.id = row.new "
    "WITH p, row MATCH (p)-[:INCLUDES]->(c:Commitment) SET c.action_plan_id = row.new"
)
ORGANIZATIONS_OF = (
    "MATCH (o:Organization)-[:LEADS|SUPPORTS]->(c:Commitment) WHERE c.id IN $ids RETURN DISTINCT o.id AS id"
)
DELETE_UNLINKED_ORGANIZATIONS = "MATCH (o:Organization) WHERE o.id IN $ids AND NOT (o)--() DELETE o"
# Fold one commitment node into another: lists united, provenance and stated values moved, then deleted.
ABSORB = (
    "UNWIND $rows AS row MATCH (old:Commitment {id: row.old}) MATCH (new:Commitment {id: row.new}) "
    "SET new.legacy_tags = reduce(acc = coalesce(new.legacy_tags, []), x IN coalesce(old.legacy_tags, []) | "
    "CASE WHEN x IN acc THEN acc ELSE acc + x END), "
    "new.working_groups = reduce(acc = coalesce(new.working_groups, []), x IN coalesce(old.working_groups, []) | "
    "CASE WHEN x IN acc THEN acc ELSE acc + x END), "
    "new.source_layouts = reduce(acc = coalesce(new.source_layouts, []), x IN coalesce(old.source_layouts, []) | "
    "CASE WHEN x IN acc THEN acc ELSE acc + x END), "
    "new.sources = coalesce(new.sources, []) + "
    "[s IN coalesce(old.sources, []) WHERE NOT s IN coalesce(new.sources, [])], "
    "new.source_values = coalesce(new.source_values, []) + "
    "[s IN coalesce(old.source_values, []) WHERE NOT s IN coalesce(new.source_values, [])] "
    "WITH old DETACH DELETE old"
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


def legacy_plan_id(member_id: str, plan_number: int) -> str:
    """The synthetic id of an action plan known only from the legacy layouts."""
    return f"{LEGACY_PLAN_PREFIX}{member_id}-{plan_number}"


def plan_prefix(member_id: str, plan_number: int) -> str:
    """The start of the natural keys of one plan's commitments (``member|plan|``)."""
    return f"{member_id}|{plan_number}|"


def rank(layouts: Sequence[str]) -> int:
    """How authoritative a node is: the rank of the best layout it was read from (0 when none is known)."""
    return max((LAYOUT_RANK.get(layout, 0) for layout in layouts), default=0)


@dataclass(frozen=True)
class Known:
    """A commitment already in the graph: its id, plan, how authoritative it is, and what each source
    (by the rank of its layout) said its number, titles and text are."""

    id: str
    member_id: str
    plan: int
    rank: int
    number: str | None
    stated: tuple[tuple[int, tuple[str | None, ...], tuple[str | None, ...]], ...]

    def fingerprint(self, above: int = 0) -> Fingerprint:
        """What it is known by to rows of a layout of rank ``above``: only what more authoritative sources
        said (a row is never matched through what its own layout, or a lesser one, said of the node, so a
        reload settles every row as the first load did)."""
        titles = [t for r, ts, _ in self.stated if r > above for t in ts]
        texts = [t for r, _, xs in self.stated if r > above for t in xs]
        return Fingerprint.of(self.number, list(dict.fromkeys(titles)), list(dict.fromkeys(texts)))

    def merged_rows(self, layout_rank: int) -> list[Fingerprint]:
        """Each row of a layout of this rank that was merged into this node, as that row stated it."""
        return [Fingerprint.of(None, ts, xs) for r, ts, xs in self.stated[1:] if r == layout_rank]


async def commitments_of_plans(graph: Graph, plans: Sequence[tuple[str, int]]) -> list[Known]:
    """Every commitment in the graph in these (member, plan number) plans, with the titles and texts each
    source stated for it (so a row is compared with all of them)."""
    groups = [{"member_id": m, "plan": p, "prefix": plan_prefix(m, p)} for m, p in sorted(set(plans))]
    found = []
    for r in await graph.read(COMMITMENTS_OF_PLANS, {"groups": groups}):
        node_rank = rank(r["source_layouts"] or ())
        stated = [(node_rank, (r["title"], r["short_title"]), (r["full_text"],))]
        for entry in r["source_values"] or ():
            record = json.loads(entry.split(SOURCE_SEPARATOR, 1)[1])
            said = record["values"]
            layout_rank = LAYOUT_RANK.get(LAYOUT_OF_SOURCE.get(record.get("layout", ""), ""), 0)
            stated.append((layout_rank, (said.get("title"), said.get("short_title")), (said.get("full_text"),)))
        found.append(Known(r["id"], r["member_id"], r["plan"], node_rank, r["number"], tuple(stated)))
    return found


async def plan_ids(graph: Graph, plans: Sequence[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The id of each (member, plan number) plan in the graph, preferring an OGP id over a synthetic one."""
    found: dict[tuple[str, int], str] = {}
    rows = [{"member_id": m, "number": n} for m, n in sorted(set(plans))]
    for r in await graph.read(PLANS_OF_MEMBERS, {"rows": rows}):
        key = (r["member_id"], r["number"])
        if key not in found or found[key].startswith(LEGACY_PLAN_PREFIX):
            found[key] = r["id"]
    return found


async def rekey_legacy_plans(graph: Graph, plans: Sequence[ActionPlan]) -> int:
    """Give plan nodes known only from legacy layouts the OGP ids these plans have; returns renames."""
    wanted = {legacy_plan_id(p.member_id, p.number): p.id for p in plans}
    have = {r["id"] for r in await graph.read(EXISTING_PLAN_IDS, {"ids": [*wanted, *wanted.values()]})}
    renames = [{"old": old, "new": new} for old, new in wanted.items() if old in have and new not in have]
    if renames:
        await graph.write(RENAME_PLANS, {"rows": renames})
    return len(renames)


async def legacy_nodes_of(graph: Graph, commitments: Sequence[Commitment], owner_rank: int) -> dict[str, str]:
    """Nodes of less authoritative layouts in these commitments' plans that are one of them (or a part of
    one), to be absorbed: old id -> commitment id. ``commitments`` are of the layout of rank ``owner_rank``."""
    plans = sorted({(c.member_id, int(c.natural_key.split("|")[1])) for c in commitments})
    known = await commitments_of_plans(graph, plans)
    found: dict[str, str] = {}
    for member_id, plan in plans:
        here = [k for k in known if (k.member_id, k.plan) == (member_id, plan)]
        wholes = {k.id: k.fingerprint(above=owner_rank - 1) for k in here if k.rank == owner_rank}
        for lower in sorted({k.rank for k in here if 0 < k.rank < owner_rank}, reverse=True):
            parts = {k.id: k.fingerprint(above=lower - 1) for k in here if k.rank == lower}
            already = [row for k in here if k.rank > lower for row in k.merged_rows(lower)]
            found.update({old: match.whole for old, match in assign(parts, wholes, already).items()})
    return found


async def absorb(graph: Graph, into: Mapping[str, str]) -> int:
    """Fold each node ``old`` into ``into[old]`` (same commitment, more authoritative) and delete it, with
    the organisations only it named; returns how many nodes were absorbed."""
    rows = [{"old": old, "new": new} for old, new in sorted(into.items()) if old != new]
    if not rows:
        return 0
    named = [r["id"] for r in await graph.read(ORGANIZATIONS_OF, {"ids": [r["old"] for r in rows]})]
    await graph.write(ABSORB, {"rows": rows})
    if named:
        await graph.write(DELETE_UNLINKED_ORGANIZATIONS, {"ids": named})
    logger.info("absorbed %d commitment nodes into the same commitments of more authoritative layouts", len(rows))
    return len(rows)


async def legacy_areas(graph: Graph, ids: Sequence[str]) -> dict[str, list[str]]:
    """Policy areas that these commitments' legacy tags and working groups map onto (by commitment id)."""
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
