"""Nodes by id (one batched ``UNWIND $ids`` statement per label) and the helpers that group batched rows."""

from __future__ import annotations

from collections.abc import Sequence

from graph.backend import Graph, Row

MEMBERS_BY_ID = "UNWIND $ids AS key MATCH (n:Member {id: key}) RETURN key, n AS node"
ACTION_PLANS_BY_ID = "UNWIND $ids AS key MATCH (n:ActionPlan {id: key}) RETURN key, n AS node"
COMMITMENTS_BY_ID = "UNWIND $ids AS key MATCH (n:Commitment {id: key}) RETURN key, n AS node"
POLICY_AREAS_BY_ID = "UNWIND $ids AS key MATCH (n:PolicyArea {id: key}) RETURN key, n AS node"
OGP_VALUES_BY_ID = "UNWIND $ids AS key MATCH (n:OgpValue {id: key}) RETURN key, n AS node"
ORGANIZATIONS_BY_ID = "UNWIND $ids AS key MATCH (n:Organization {id: key}) RETURN key, n AS node"
COALITIONS_BY_ID = "UNWIND $ids AS key MATCH (n:Coalition {id: key}) RETURN key, n AS node"
REGIONS_BY_ID = "UNWIND $ids AS key MATCH (n:Region {id: key}) RETURN key, n AS node"

NODES_BY_ID: dict[str, str] = {
    "Member": MEMBERS_BY_ID,
    "ActionPlan": ACTION_PLANS_BY_ID,
    "Commitment": COMMITMENTS_BY_ID,
    "PolicyArea": POLICY_AREAS_BY_ID,
    "OgpValue": OGP_VALUES_BY_ID,
    "Organization": ORGANIZATIONS_BY_ID,
    "Coalition": COALITIONS_BY_ID,
    "Region": REGIONS_BY_ID,
}


async def nodes_by_id(graph: Graph, label: str, ids: Sequence[str]) -> dict[str, Row]:
    """The nodes of ``label`` with these ids, keyed by id (missing ids are absent)."""
    if label not in NODES_BY_ID:
        raise KeyError(f"no node lookup for label {label!r}")
    rows = await graph.read(NODES_BY_ID[label], {"ids": list(dict.fromkeys(ids))})
    return {row["key"]: row["node"] for row in rows}


async def grouped(graph: Graph, cypher: str, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Run a batched ``UNWIND $ids AS key`` statement and group its rows by ``key`` (order kept)."""
    result: dict[str, list[Row]] = {key: [] for key in ids}
    for row in await graph.read(cypher, {"ids": list(dict.fromkeys(ids))}):
        result.setdefault(row["key"], []).append(row)
    return result
