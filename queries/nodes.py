"""Nodes by id (one batched ``UNWIND $ids`` statement per label) and the helpers that group batched rows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.backend import Graph, Row

# `{node}` is the node itself or a projection of some of its properties (``projection``).
MEMBERS_BY_ID = "UNWIND $ids AS key MATCH (n:Member {id: key}) RETURN key, {node} AS node"
ACTION_PLANS_BY_ID = "UNWIND $ids AS key MATCH (n:ActionPlan {id: key}) RETURN key, {node} AS node"
COMMITMENTS_BY_ID = "UNWIND $ids AS key MATCH (n:Commitment {id: key}) RETURN key, {node} AS node"
POLICY_AREAS_BY_ID = "UNWIND $ids AS key MATCH (n:PolicyArea {id: key}) RETURN key, {node} AS node"
OGP_VALUES_BY_ID = "UNWIND $ids AS key MATCH (n:OgpValue {id: key}) RETURN key, {node} AS node"
ORGANIZATIONS_BY_ID = "UNWIND $ids AS key MATCH (n:Organization {id: key}) RETURN key, {node} AS node"
COALITIONS_BY_ID = "UNWIND $ids AS key MATCH (n:Coalition {id: key}) RETURN key, {node} AS node"
REGIONS_BY_ID = "UNWIND $ids AS key MATCH (n:Region {id: key}) RETURN key, {node} AS node"
_PROPERTY = re.compile(r"^[a-z_][a-z0-9_]*$")

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


def projection(variable: str, properties: Sequence[str] | None) -> str:
    """``n {.id, .title}``: only these properties of the node (a map), or ``n`` itself for ``None``.

    A commitment node has about 45 properties and decoding them dominates a small read; the API asks
    for the ones a request selects (``api/projection.py``). Names come from the API's tables, never from
    a request, and are checked all the same. A property the node lacks comes back as null.
    """
    if properties is None:
        return variable
    for name in properties:
        if not _PROPERTY.match(name):
            raise ValueError(f"not a property name: {name!r}")
    return variable + " {" + ", ".join(f".{name}" for name in properties) + "}"


async def nodes_by_id(
    graph: Graph, label: str, ids: Sequence[str], properties: Sequence[str] | None = None
) -> dict[str, Row]:
    """The nodes of ``label`` with these ids, keyed by id (missing ids are absent): whole, or only ``properties``."""
    if label not in NODES_BY_ID:
        raise KeyError(f"no node lookup for label {label!r}")
    cypher = NODES_BY_ID[label].replace("{node}", projection("n", properties))
    rows = await graph.read(cypher, {"ids": list(dict.fromkeys(ids))})
    return {row["key"]: row["node"] for row in rows}


async def grouped(graph: Graph, cypher: str, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Run a batched ``UNWIND $ids AS key`` statement and group its rows by ``key`` (order kept)."""
    result: dict[str, list[Row]] = {key: [] for key in ids}
    for row in await graph.read(cypher, {"ids": list(dict.fromkeys(ids))}):
        result.setdefault(row["key"], []).append(row)
    return result
