"""Participant networks of a coalition or a policy area (``ogp export network`` writes them to files).

Nodes: members, organisations and commitments (ids ``member:albania`` …). Edges: member -MADE-> commitment,
organisation -LEADS/SUPPORTS-> commitment (weight 1), and organisation -WORKS_WITH-> member weighted by the
number of that member's commitments the organisation worked on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.backend import Graph
from graph.model import PARTICIPATES_IN

AREA_COMMITMENTS = (
    "MATCH (c:Commitment)-[:ADDRESSES]->(:PolicyArea)-[:PART_OF*0..2]->(pa:PolicyArea) WHERE pa.id IN $areas "
    "MATCH (m:Member)-[:HAS_ACTION_PLAN]->(:ActionPlan)-[:INCLUDES]->(c) "
    "WITH DISTINCT m, c OPTIONAL MATCH (o:Organization)-[r:LEADS|SUPPORTS]->(c) "
    "RETURN m.id AS member_id, m.name AS member_name, c.id AS commitment_id, c.title AS title, "
    "c.outcome_score AS outcome_score, o.id AS organization_id, o.name AS organization_name, o.kind AS kind, "
    "type(r) AS role"
)
COALITION_AREAS = "MATCH (:Coalition {id: $id})-[:FOCUSES_ON]->(pa:PolicyArea) RETURN pa.id AS id"
COALITION_MEMBERS = "MATCH (m:Member)-[:PARTICIPATES_IN]->(:Coalition {id: $id}) RETURN m.id AS id, m.name AS name"
COALITION_NAME = "MATCH (co:Coalition {id: $id}) RETURN co.name AS name"


@dataclass(frozen=True)
class NetworkNode:
    """A node of the network: ``id`` is ``kind:natural id``."""

    id: str
    label: str
    kind: str
    participant: bool = False


@dataclass(frozen=True)
class NetworkEdge:
    """A weighted edge between two network node ids."""

    source: str
    target: str
    type: str
    weight: float = 1.0


@dataclass
class Network:
    """Nodes and weighted edges."""

    nodes: dict[str, NetworkNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], NetworkEdge] = field(default_factory=dict)

    def add_edge(self, source: str, target: str, type_: str, weight: float = 1.0) -> None:
        """Add an edge, or add ``weight`` to an existing one."""
        old = self.edges.get((source, target, type_))
        self.edges[(source, target, type_)] = NetworkEdge(source, target, type_, weight + (old.weight if old else 0))


async def policy_area_network(graph: Graph, area_ids: list[str], participants: dict[str, str] | None = None) -> Network:
    """The network of commitments in these areas (and sub-areas), their members and organisations.

    ``participants`` maps member ids to names: they are flagged, and present even without commitments.
    """
    net = Network()
    participants = participants or {}
    for row in await graph.read(AREA_COMMITMENTS, {"areas": area_ids}):
        member = f"member:{row['member_id']}"
        commitment = f"commitment:{row['commitment_id']}"
        net.nodes[member] = NetworkNode(
            member, row["member_name"] or row["member_id"], "member", row["member_id"] in participants
        )
        net.nodes[commitment] = NetworkNode(commitment, row["title"] or row["commitment_id"], "commitment")
        net.edges[(member, commitment, "MADE")] = NetworkEdge(member, commitment, "MADE")
        if row["organization_id"]:
            org = f"organization:{row['organization_id']}"
            net.nodes[org] = NetworkNode(org, row["organization_name"] or row["organization_id"], "organization")
            net.edges[(org, commitment, row["role"])] = NetworkEdge(org, commitment, row["role"])
            net.add_edge(org, member, "WORKS_WITH")
    for member_id, name in participants.items():
        key = f"member:{member_id}"
        if key not in net.nodes:
            net.nodes[key] = NetworkNode(key, name or member_id, "member", True)
    return net


async def coalition_network(graph: Graph, coalition_id: str) -> Network:
    """The network of a coalition's focus areas, with the coalition, its participating members flagged
    (and always present) and their PARTICIPATES_IN edges. An unknown coalition raises ``KeyError``."""
    found = await graph.read(COALITION_NAME, {"id": coalition_id})
    if not found:
        raise KeyError(coalition_id)
    areas = [r["id"] for r in await graph.read(COALITION_AREAS, {"id": coalition_id})]
    members = {r["id"]: r["name"] for r in await graph.read(COALITION_MEMBERS, {"id": coalition_id})}
    net = await policy_area_network(graph, areas, members)
    hub = f"coalition:{coalition_id}"
    net.nodes[hub] = NetworkNode(hub, found[0]["name"] or coalition_id, "coalition")
    for member_id in members:
        net.edges[(f"member:{member_id}", hub, PARTICIPATES_IN)] = NetworkEdge(
            f"member:{member_id}", hub, PARTICIPATES_IN
        )
    return net
