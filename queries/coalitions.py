"""Coalition analysis: participants' commitments in the focus areas, and the gap analysis (who should be in).

A commitment is "in" a focus area when it addresses the area or one of its sub-areas (``PART_OF``).
Strength of a commitment, for ranking: ``outcome_score`` (0-1) when the IRM assessed it, else
``completion_level / 4``, else 0. Recruitment targets are ranked by ``commitments + strength`` (plus
0.5 for a beneficial-ownership commitment that Open Ownership says was made in an OGP action plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.backend import Graph, Row

BO_AREA = "beneficial-ownership"

COALITION = "MATCH (co:Coalition {id: $id}) RETURN co {.id, .name, .description, .url, .source} AS coalition"
FOCUS_AREAS = "MATCH (:Coalition {id: $id})-[:FOCUSES_ON]->(pa:PolicyArea) RETURN pa {.id, .name} AS area"
PARTICIPANTS = (
    "MATCH (p)-[r:PARTICIPATES_IN]->(:Coalition {id: $id}) WHERE p:Member OR p:Organization "
    "RETURN labels(p)[0] AS kind, p.id AS id, p.name AS name, r.role AS role, r.since AS since, r.note AS note, "
    "r.source AS source ORDER BY p.name"
)
COMMITMENTS_IN_FOCUS = (
    "MATCH (co:Coalition {id: $id})-[:FOCUSES_ON]->(pa:PolicyArea) "
    "MATCH (c:Commitment)-[:ADDRESSES]->(:PolicyArea)-[:PART_OF*0..2]->(pa) "
    "MATCH (m:Member)-[:HAS_ACTION_PLAN]->(:ActionPlan)-[:INCLUDES]->(c) "
    "WITH DISTINCT co, m, c "
    "OPTIONAL MATCH (m)-[r:PARTICIPATES_IN]->(co) "
    "RETURN m.id AS member_id, m.name AS member_name, r IS NOT NULL AS participant, "
    # what the gap analysis reads: the outcome the API shows, and what strength() ranks by
    "c {.id, .title, .completion, .completion_level, .did_it_open_government, .outcome_score} AS commitment "
    "ORDER BY m.name, c.id"
)
DECLARED_BO_IN_OGP_PLANS = (
    "MATCH (co:Coalition {id: $id})-[:FOCUSES_ON]->(:PolicyArea {id: $bo_area}) "
    "MATCH (m:Member)-[:HAS_BO_PROFILE]->(:BoCountry)-[s:COMMITTED_TO_BO]->(:BoMechanism {id: 'ogp-action-plan'}) "
    "OPTIONAL MATCH (m)-[r:PARTICIPATES_IN]->(co) "
    "RETURN m.id AS member_id, m.name AS member_name, r IS NOT NULL AS participant, s.statement AS statement"
)
ACTIVE_ORGANIZATIONS = (
    "MATCH (co:Coalition {id: $id})-[:FOCUSES_ON]->(pa:PolicyArea) "
    "MATCH (o:Organization)-[:LEADS|SUPPORTS]->(c:Commitment)-[:ADDRESSES]->(:PolicyArea)-[:PART_OF*0..2]->(pa) "
    "MATCH (m:Member)-[:HAS_ACTION_PLAN]->(:ActionPlan)-[:INCLUDES]->(c) "
    "WITH co, o, collect(DISTINCT m.id) AS members, collect(DISTINCT c.id) AS commitments "
    "WHERE size(members) >= $min_members "
    "OPTIONAL MATCH (o)-[r:PARTICIPATES_IN]->(co) "
    "RETURN o {.id, .name, .kind} AS organization, members, commitments, r IS NOT NULL AS participant "
    "ORDER BY size(members) DESC, size(commitments) DESC, o.name"
)


def strength(commitment: Row) -> float:
    """How strong a commitment's IRM results are, 0-1 (0 when not assessed)."""
    if commitment.get("outcome_score") is not None:
        return float(commitment["outcome_score"])
    if commitment.get("completion_level") is not None:
        return min(int(commitment["completion_level"]), 4) / 4
    return 0.0


@dataclass
class Target:
    """A member with commitments in the focus areas that does not take part in the coalition."""

    member_id: str
    member_name: str
    commitments: list[Row] = field(default_factory=list)
    declared: list[str] = field(default_factory=list)

    @property
    def strength(self) -> float:
        """Sum of the commitments' strengths."""
        return round(sum(strength(c) for c in self.commitments), 3)

    @property
    def score(self) -> float:
        """Ranking score: number of commitments + their strength (+0.5 for a declared OGP BO commitment)."""
        return round(len(self.commitments) + self.strength + (0.5 if self.declared else 0.0), 3)


@dataclass
class Gaps:
    """The three gap lists of a coalition."""

    recruitment_targets: list[Target]
    participants_without_commitments: list[Row]
    active_organizations: list[Row]


async def coalition(graph: Graph, coalition_id: str) -> Row | None:
    """The coalition's own fields, or None."""
    rows = await graph.read(COALITION, {"id": coalition_id})
    return dict(rows[0]["coalition"]) if rows else None


async def focus_areas(graph: Graph, coalition_id: str) -> list[Row]:
    """The coalition's focus policy areas (id, name)."""
    return [dict(r["area"]) for r in await graph.read(FOCUS_AREAS, {"id": coalition_id})]


async def participants(graph: Graph, coalition_id: str) -> list[Row]:
    """Members and organisations in the coalition, with kind, role, since, note and source."""
    return await graph.read(PARTICIPANTS, {"id": coalition_id})


async def commitments_in_focus(graph: Graph, coalition_id: str) -> list[Row]:
    """Every commitment in the focus areas with its member and whether that member participates."""
    return await graph.read(COMMITMENTS_IN_FOCUS, {"id": coalition_id})


async def participant_commitments(graph: Graph, coalition_id: str) -> list[Row]:
    """The participating members' commitments in the focus areas, with IRM outcomes."""
    return [r for r in await commitments_in_focus(graph, coalition_id) if r["participant"]]


async def gaps(graph: Graph, coalition_id: str, min_members: int = 2, limit: int = 50) -> Gaps:
    """Recruitment targets (ranked), participants with no commitment in the areas, organisations in several members."""
    rows = await commitments_in_focus(graph, coalition_id)
    targets: dict[str, Target] = {}
    committed: set[str] = set()
    for row in rows:
        committed.add(row["member_id"])
        if not row["participant"]:
            target = targets.setdefault(row["member_id"], Target(row["member_id"], row["member_name"]))
            target.commitments.append(dict(row["commitment"]))
    declared = await graph.read(DECLARED_BO_IN_OGP_PLANS, {"id": coalition_id, "bo_area": BO_AREA})
    for row in declared:
        committed.add(row["member_id"])
        if not row["participant"]:
            target = targets.setdefault(row["member_id"], Target(row["member_id"], row["member_name"]))
            target.declared.append(row["statement"])
    ranked = sorted(targets.values(), key=lambda t: (-t.score, t.member_name))[:limit]
    idle = [p for p in await participants(graph, coalition_id) if p["kind"] == "Member" and p["id"] not in committed]
    orgs = await graph.read(ACTIVE_ORGANIZATIONS, {"id": coalition_id, "min_members": min_members})
    active = [
        {
            **dict(r["organization"]),
            "members": r["members"],
            "commitments": r["commitments"],
            "participant": r["participant"],
        }
        for r in orgs[:limit]
    ]
    return Gaps(ranked, idle, active)


def as_dict(target: Target) -> dict[str, Any]:
    """A recruitment target as plain data (for the API and the CLI)."""
    return {
        "member_id": target.member_id,
        "member_name": target.member_name,
        "score": target.score,
        "strength": target.strength,
        "commitments": target.commitments,
        "declared": target.declared,
    }
