"""How actors connect: shortest paths between two nodes, and an organisation's reach.

Shortest paths use a bidirectional breadth-first search in Python over batched neighbour queries
(one query per label per hop): portable (FalkorDB only has directed ``shortestPath`` in RETURN),
bounded in hops (``MAX_HOPS``), frontier size (``MAX_FRONTIER``) and paths returned (``MAX_PATHS``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph import model
from graph.backend import Graph, Row
from graph.errors import InvalidRequest
from graph.model import (
    ActionPlan,
    BoCountry,
    BoMechanism,
    BoRegister,
    Coalition,
    Commitment,
    Member,
    Organization,
    PolicyArea,
)
from queries import organizations

MAX_HOPS = 6
MAX_PATHS = 10
MAX_FRONTIER = 2000
KINDS: dict[str, str] = {
    "member": Member.LABEL,
    "organization": Organization.LABEL,
    "coalition": Coalition.LABEL,
    "commitment": Commitment.LABEL,
    "action-plan": ActionPlan.LABEL,
    "policy-area": PolicyArea.LABEL,
    "bo-country": BoCountry.LABEL,
    "bo-mechanism": BoMechanism.LABEL,
    "bo-register": BoRegister.LABEL,
}
KIND_OF_LABEL = {label: kind for kind, label in KINDS.items()}
# Relationships a path may use; value and region links (ADVANCES, IN_REGION) join almost everything to
# everything and explain nothing, so they are left out.
PATH_TYPES = [
    model.PARTICIPATES_IN,
    model.LEADS,
    model.SUPPORTS,
    model.INCLUDES,
    model.HAS_ACTION_PLAN,
    model.FOCUSES_ON,
    model.ADDRESSES,
    model.PART_OF,
    model.BASED_IN,
    model.LOCATED_IN,
    model.CONTINUES,
    model.SIMILAR_TO,
    model.HAS_BO_PROFILE,
    model.COMMITTED_TO_BO,
    model.HAS_REGISTER,
    model.CHAPTER_OF,  # two national chapters of one network (TI Georgia, TI Armenia) are connected through it
]


def _neighbours(label: str) -> str:
    # the label comes from graph.model constants (KINDS), never from input
    return (
        f"UNWIND $ids AS key MATCH (a:{label} {{id: key}})-[r]->(b) WHERE type(r) IN $types "
        "RETURN key, type(r) AS type, true AS outgoing, labels(b)[0] AS label, b.id AS id "
        "UNION ALL "
        f"UNWIND $ids AS key MATCH (a:{label} {{id: key}})<-[r]-(b) WHERE type(r) IN $types "
        "RETURN key, type(r) AS type, false AS outgoing, labels(b)[0] AS label, b.id AS id"
    )


def _names(label: str) -> str:
    return f"UNWIND $ids AS key MATCH (n:{label} {{id: key}}) RETURN n.id AS id, coalesce(n.name, n.title) AS name"


NEIGHBOURS = {label: _neighbours(label) for label in KINDS.values()}
NAMES = {label: _names(label) for label in KINDS.values()}

Key = tuple[str, str]  # (label, id)
Edge = tuple[Key, str, bool]  # (neighbour, relationship type, relationship goes from the node to the neighbour)


def parse_ref(ref: str, argument: str = "reference") -> Key:
    """``kind:id`` (``member:albania``, ``commitment:AL0002``) -> (label, id); ``InvalidRequest`` otherwise,
    saying what to write instead (``member:kenya`` for a bare ``kenya``)."""
    kind, sep, ident = ref.partition(":")
    if sep and ident and kind in KINDS:
        return KINDS[kind], ident
    shown = ref if len(ref) <= 60 else ref[:57] + "..."
    if not sep and ref.strip():
        hint = f"; for a member write member:{shown.strip()}, for an organisation organization:{shown.strip()}"
    else:
        hint = ""
    raise InvalidRequest(
        f"`{argument}` {shown!r} is not a node reference: write kind:id with kind one of {', '.join(KINDS)}{hint}",
        "INVALID_NODE_REFERENCE",
    )


@dataclass(frozen=True)
class PathStep:
    """One relationship on a path, in its stored direction."""

    type: str
    start: Key
    end: Key


@dataclass(frozen=True)
class Path:
    """A path: its nodes (label, id, name) in order and the relationships between consecutive nodes."""

    nodes: list[dict[str, Any]]
    steps: list[PathStep]

    @property
    def length(self) -> int:
        """Number of relationships."""
        return len(self.steps)


async def _expand(graph: Graph, frontier: set[Key]) -> dict[Key, list[Edge]]:
    by_label: dict[str, list[str]] = {}
    for label, ident in frontier:
        by_label.setdefault(label, []).append(ident)
    found: dict[Key, list[Edge]] = {}
    for label, ids in by_label.items():
        if label not in NEIGHBOURS:
            continue
        for row in await graph.read(NEIGHBOURS[label], {"ids": ids, "types": PATH_TYPES}):
            if row["label"] in NEIGHBOURS:
                found.setdefault((label, row["key"]), []).append(
                    ((row["label"], row["id"]), row["type"], bool(row["outgoing"]))
                )
    return found


async def _exists(graph: Graph, key: Key) -> bool:
    return bool(await graph.read(NAMES[key[0]], {"ids": [key[1]]}))


async def shortest_paths(graph: Graph, source: Key, target: Key, max_hops: int = 4, max_paths: int = 5) -> list[Path]:
    """Up to ``max_paths`` shortest paths (≤ ``max_hops`` relationships) between two nodes; [] if none."""
    for name, value, most in (("maxHops", max_hops, MAX_HOPS), ("maxPaths", max_paths, MAX_PATHS)):
        if not 1 <= value <= most:
            raise InvalidRequest(f"`{name}` must be between 1 and {most} (got {value})", "ARGUMENT_OUT_OF_RANGE")
    for key in (source, target):
        if not await _exists(graph, key):
            kind = KIND_OF_LABEL[key[0]]
            raise InvalidRequest(
                f"there is no {kind} with id {key[1]!r}: check the id (ids are slugs such as member:kenya, "
                "or OGP ids such as commitment:KE0001)",
                "NOT_FOUND",
            )
    if source == target:
        return []
    # parents[side][node] = edges (parent, type, outgoing-from-parent) that reached node at its BFS depth
    parents: list[dict[Key, list[Edge]]] = [{source: []}, {target: []}]
    frontiers: list[set[Key]] = [{source}, {target}]
    depth: list[dict[Key, int]] = [{source: 0}, {target: 0}]
    hops = 0
    meet: set[Key] = set()
    levels = [0, 0]

    while hops < max_hops and not meet and frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        levels[side] += 1
        seen = parents[side]
        nxt: dict[Key, list[Edge]] = {}
        expanded = await _expand(graph, set(list(frontiers[side])[:MAX_FRONTIER]))
        for node, edges in expanded.items():
            for neighbour, rel_type, outgoing in edges:
                if neighbour in seen:
                    continue
                nxt.setdefault(neighbour, []).append((node, rel_type, outgoing))
        seen.update(nxt)
        frontiers[side] = set(nxt)
        hops += 1
        depth[side].update({node: levels[side] for node in nxt})
        meet = set(nxt) & set(parents[1 - side])
    if meet:  # keep only the meeting nodes on the shortest total length
        best = min(depth[0][m] + depth[1][m] for m in meet)
        meet = {m for m in meet if depth[0][m] + depth[1][m] == best}
    paths: list[Path] = []
    for middle in sorted(meet):
        for left in _walk(parents[0], middle):
            for right in _walk(parents[1], middle):
                paths.append(_join(left, right))
                if len(paths) >= max_paths:
                    return await _named(graph, paths)
    return await _named(graph, paths)


def _walk(parents: dict[Key, list[Edge]], node: Key) -> Iterator[list[tuple[Key, str | None, bool]]]:
    """Chains from the search root to ``node``: [(root, None, _), …, (node, type, outgoing-from-previous)]."""
    if not parents[node]:
        yield [(node, None, True)]
        return
    for parent, rel_type, outgoing in parents[node]:
        for chain in _walk(parents, parent):
            yield [*chain, (node, rel_type, outgoing)]


def _join(left: list[tuple[Key, str | None, bool]], right: list[tuple[Key, str | None, bool]]) -> Path:
    keys = [k for k, _, _ in left] + [k for k, _, _ in reversed(right[:-1])]
    steps: list[PathStep] = []
    for (prev, _, _), (node, rel_type, outgoing) in zip(left, left[1:], strict=False):
        assert rel_type is not None
        steps.append(PathStep(rel_type, prev, node) if outgoing else PathStep(rel_type, node, prev))
    for (prev, _, _), (node, rel_type, outgoing) in reversed(list(zip(right, right[1:], strict=False))):
        assert rel_type is not None  # on the right side, prev is nearer the target
        steps.append(PathStep(rel_type, prev, node) if outgoing else PathStep(rel_type, node, prev))
    return Path([{"label": label, "id": ident} for label, ident in keys], steps)


async def _named(graph: Graph, paths: list[Path]) -> list[Path]:
    wanted: dict[str, set[str]] = {}
    for path in paths:
        for node in path.nodes:
            wanted.setdefault(node["label"], set()).add(node["id"])
    names: dict[Key, str | None] = {}
    for label, ids in wanted.items():
        for row in await graph.read(NAMES[label], {"ids": sorted(ids)}):
            names[(label, row["id"])] = row["name"]
    for path in paths:
        for node in path.nodes:
            node["name"] = names.get((node["label"], node["id"]))
            node["kind"] = KIND_OF_LABEL[node["label"]]
    return paths


ORGANIZATION_COMMITMENTS = (
    "MATCH (o:Organization {id: $id})-[r:LEADS|SUPPORTS]->(c:Commitment) "
    "OPTIONAL MATCH (m:Member)-[:HAS_ACTION_PLAN]->(ap:ActionPlan)-[:INCLUDES]->(c) "
    "RETURN type(r) AS role, r.as_written AS as_written, c.id AS commitment_id, c.title AS title, "
    "m.id AS member_id, m.name AS member_name, ap.id AS action_plan_id ORDER BY c.id"
)
ORGANIZATION_COALITIONS = (
    "MATCH (o:Organization {id: $id})-[r:PARTICIPATES_IN]->(co:Coalition) "
    "RETURN co.id AS id, co.name AS name, r.role AS role, r.since AS since ORDER BY co.name"
)
ORGANIZATION_ALIASES = "MATCH (o:Organization {id: $id}) RETURN o.name AS name, o.aliases AS aliases"


async def organization_reach(graph: Graph, organization_id: str) -> Row | None:
    """Commitments an organisation led or supported, the members it works with, its coalitions and spellings."""
    own = await graph.read(ORGANIZATION_ALIASES, {"id": organization_id})
    if not own:
        return None
    commitments = await graph.read(ORGANIZATION_COMMITMENTS, {"id": organization_id})
    members: dict[str, dict[str, Any]] = {}
    for row in commitments:
        if row["member_id"]:
            entry = members.setdefault(
                row["member_id"], {"id": row["member_id"], "name": row["member_name"], "commitments": 0}
            )
            entry["commitments"] += 1
    spellings = {str(a) for a in (own[0]["aliases"] or [])} | {
        str(r["as_written"]) for r in commitments if r["as_written"]
    }
    networks = (await organizations.networks_of_organizations(graph, [organization_id])).get(organization_id, [])
    chapters = (await organizations.chapters_of_organizations(graph, [organization_id])).get(organization_id, [])
    return {
        "commitments": commitments,
        "members": sorted(members.values(), key=lambda m: (-m["commitments"], m["name"] or "")),
        "coalitions": await graph.read(ORGANIZATION_COALITIONS, {"id": organization_id}),
        "aliases": sorted(spellings - {own[0]["name"]}),
        # A national chapter's international network, and a network's chapters (their commitments are theirs).
        "network": _org_summary(networks[0]["node"]) if networks else None,
        "chapters": [_org_summary(r["node"]) for r in chapters],
    }


def _org_summary(node: Row) -> Row:
    return {"id": node["id"], "name": node["name"], "kind": node.get("kind"), "member_id": node.get("member_id")}
