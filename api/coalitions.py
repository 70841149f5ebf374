"""Coalition analysis in GraphQL: gaps, connections between actors, participant networks, organisation reach.

How to attach (api/schema.py): merge ``CoalitionQuery`` into the root Query, e.g.
``Query = strawberry.tools.merge_types("Query", (CoreQuery, CoalitionQuery))``. It adds the root fields
``coalitionGaps(id)``, ``coalitionCommitments(id)``, ``connections(from, to, maxHops, maxPaths)``,
``coalitionNetwork(id)``, ``policyAreaNetwork(ids)`` and ``organizationReach(id)``. The same resolver
functions (``resolve_gaps`` …) can also be attached as fields of the core ``Coalition`` / ``Organization``
types (``gaps``, ``network``, ``reach``) with ``strawberry.field(resolver=...)`` taking ``root.id``.
"""

from __future__ import annotations

from typing import Annotated, cast

import strawberry
from strawberry.scalars import JSON

from api.declared import build, one
from queries import coalitions as cq
from queries import connections as kq
from queries import network as nq


@strawberry.type(description="A commitment with its IRM outcome, as seen from a coalition's focus areas.")
class FocusCommitment:
    id: strawberry.ID = strawberry.field(description="OGP commitment id, e.g. AL0066.")
    title: str = strawberry.field(description="Commitment title.")
    member_id: str = strawberry.field(description="Slug of the member that made it.")
    member_name: str = strawberry.field(description="Name of the member that made it.")
    completion: str | None = strawberry.field(description="Completion at the end of term (IRM).")
    did_it_open_government: str | None = strawberry.field(description="IRM 'Did it open government?' rating.")
    outcome_score: float | None = strawberry.field(description="0-1 summary of IRM results.")
    strength: float = strawberry.field(description="Strength used for ranking (0-1).")


@strawberry.type(description="A member that works on the coalition's areas but is not in it.")
class RecruitmentTarget:
    member_id: str = strawberry.field(description="Member slug.")
    member_name: str = strawberry.field(description="Member name.")

    @strawberry.field(
        description="The member itself, to navigate further (its commitments, organisations, peers).",
        graphql_type=one("Member"),
    )
    async def member(self, info: strawberry.Info) -> object | None:
        row = await info.context.batch_member.load(self.member_id)
        return build("Member", row) if row else None

    score: float = strawberry.field(description="Rank score: commitments + their strength (+0.5 if declared).")
    commitments: list[FocusCommitment] = strawberry.field(description="Its commitments in the focus areas.")
    declared: list[str] = strawberry.field(description="Open Ownership statements of an OGP action-plan BO commitment.")


@strawberry.type(description="A participant (member) with no commitment in the coalition's areas yet.")
class IdleParticipant:
    id: str = strawberry.field(description="Member slug.")
    name: str | None = strawberry.field(description="Member name.")
    role: str | None = strawberry.field(description="Role in the coalition.")


@strawberry.type(description="An organisation working on the coalition's areas in several members.")
class ActiveOrganization:
    id: str = strawberry.field(description="Organisation id.")
    name: str | None = strawberry.field(description="Organisation name.")
    kind: str | None = strawberry.field(description="government, civil_society, …")
    members: list[str] = strawberry.field(description="Slugs of the members it worked with on these areas.")
    commitments: list[str] = strawberry.field(description="Ids of the commitments it led or supported.")
    participant: bool = strawberry.field(description="Whether it already takes part in the coalition.")


@strawberry.type(description="Gap analysis of a coalition.")
class CoalitionGaps:
    recruitment_targets: list[RecruitmentTarget] = strawberry.field(description="Ranked, strongest first.")
    participants_without_commitments: list[IdleParticipant] = strawberry.field(description="Participants to support.")
    active_organizations: list[ActiveOrganization] = strawberry.field(description="Organisations in ≥2 members.")


@strawberry.type(description="A node on a path.")
class PathNode:
    kind: str = strawberry.field(description="member, organization, coalition, commitment, policy-area, …")
    id: str = strawberry.field(description="Natural id (slug or OGP id).")
    name: str | None = strawberry.field(description="Name or title.")


@strawberry.type(description="A relationship on a path, in its stored direction.")
class PathStep:
    type: str = strawberry.field(description="Relationship type, e.g. LEADS.")
    start: str = strawberry.field(description="`kind:id` of its start node.")
    end: str = strawberry.field(description="`kind:id` of its end node.")


@strawberry.type(description="One shortest path: nodes in order and the relationship between each pair.")
class Path:
    length: int = strawberry.field(description="Number of relationships.")
    nodes: list[PathNode] = strawberry.field(description="Nodes from `from` to `to`.")
    steps: list[PathStep] = strawberry.field(description="Relationships between consecutive nodes.")


@strawberry.type(description="A network node (id is `kind:natural id`).")
class NetworkNode:
    id: str = strawberry.field(description="`member:albania`, `organization:…`, `commitment:AL0066`.")
    label: str = strawberry.field(description="Name or title.")
    kind: str = strawberry.field(description="member, organization or commitment.")
    participant: bool = strawberry.field(description="A member taking part in the coalition.")


@strawberry.type(description="A weighted network edge.")
class NetworkEdge:
    source: str = strawberry.field(description="Source node id.")
    target: str = strawberry.field(description="Target node id.")
    type: str = strawberry.field(description="MADE, LEADS, SUPPORTS or WORKS_WITH.")
    weight: float = strawberry.field(description="Number of commitments behind the edge.")


@strawberry.type(description="A participant network.")
class Network:
    nodes: list[NetworkNode] = strawberry.field(description="Members, organisations and commitments.")
    edges: list[NetworkEdge] = strawberry.field(description="Weighted edges.")


def _key(key: kq.Key) -> str:
    return f"{kq.KIND_OF_LABEL[key[0]]}:{key[1]}"


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _opt_float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _focus(row: dict[str, object], commitment: dict[str, object]) -> FocusCommitment:
    return FocusCommitment(
        id=strawberry.ID(str(commitment["id"])),
        title=str(commitment.get("title") or ""),
        member_id=str(row["member_id"]),
        member_name=str(row["member_name"]),
        completion=_opt_str(commitment.get("completion")),
        did_it_open_government=_opt_str(commitment.get("did_it_open_government")),
        outcome_score=_opt_float(commitment.get("outcome_score")),
        strength=cq.strength(commitment),
    )


def _network(net: nq.Network) -> Network:
    return Network(
        nodes=[NetworkNode(id=n.id, label=n.label, kind=n.kind, participant=n.participant) for n in net.nodes.values()],
        edges=[NetworkEdge(source=e.source, target=e.target, type=e.type, weight=e.weight) for e in net.edges.values()],
    )


IdArg = Annotated[strawberry.ID, strawberry.argument(description="Coalition slug.")]


async def resolve_gaps(info: strawberry.Info, id: IdArg) -> CoalitionGaps:
    """Gap analysis of a coalition."""
    return await gaps_of(info, str(id))


async def gaps_of(info: strawberry.Info, coalition_id: str) -> CoalitionGaps:
    """Gap analysis of a coalition (also served as ``Coalition.gaps``)."""
    gaps = await cq.gaps(info.context.graph, coalition_id)
    return CoalitionGaps(
        recruitment_targets=[
            RecruitmentTarget(
                member_id=t.member_id,
                member_name=t.member_name,
                score=t.score,
                declared=t.declared,
                commitments=[
                    _focus({"member_id": t.member_id, "member_name": t.member_name}, c) for c in t.commitments
                ],
            )
            for t in gaps.recruitment_targets
        ],
        participants_without_commitments=[
            IdleParticipant(id=p["id"], name=p["name"], role=p["role"]) for p in gaps.participants_without_commitments
        ],
        active_organizations=[
            ActiveOrganization(
                id=o["id"],
                name=o["name"],
                kind=o["kind"],
                members=o["members"],
                commitments=o["commitments"],
                participant=o["participant"],
            )
            for o in gaps.active_organizations
        ],
    )


async def focus_commitments_of(info: strawberry.Info, coalition_id: str) -> list[FocusCommitment]:
    """The participants' commitments in a coalition's focus areas (also ``Coalition.focusCommitments``)."""
    rows = await cq.participant_commitments(info.context.graph, coalition_id)
    return [_focus(r, dict(r["commitment"])) for r in rows]


@strawberry.type(description="Coalition analysis root fields.")
class CoalitionQuery:
    coalition_gaps: CoalitionGaps = strawberry.field(resolver=resolve_gaps, description="Who should be in, and isn't.")

    @strawberry.field(description="The participating members' commitments in the coalition's focus areas.")
    async def coalition_commitments(self, info: strawberry.Info, id: IdArg) -> list[FocusCommitment]:
        return await focus_commitments_of(info, str(id))

    @strawberry.field(description="Shortest paths between two actors (bounded: maxHops ≤ 6, maxPaths ≤ 10).")
    async def connections(
        self,
        info: strawberry.Info,
        from_: Annotated[str, strawberry.argument(name="from", description="`kind:id`, e.g. member:albania.")],
        to: Annotated[str, strawberry.argument(description="`kind:id`, e.g. organization:transparency-international.")],
        max_hops: Annotated[int, strawberry.argument(description="Longest path, 1-6.")] = 4,
        max_paths: Annotated[int, strawberry.argument(description="Most paths returned, 1-10.")] = 5,
    ) -> list[Path]:
        graph, source, target = info.context.graph, kq.parse_ref(from_, "from"), kq.parse_ref(to, "to")
        paths = await kq.shortest_paths(graph, source, target, max_hops, max_paths)
        return [
            Path(
                length=p.length,
                nodes=[PathNode(kind=n["kind"], id=n["id"], name=n["name"]) for n in p.nodes],
                steps=[PathStep(type=s.type, start=_key(s.start), end=_key(s.end)) for s in p.steps],
            )
            for p in paths
        ]

    @strawberry.field(description="The participant network of a coalition's focus areas (null: no such coalition).")
    async def coalition_network(self, info: strawberry.Info, id: IdArg) -> Network | None:
        try:
            return _network(await nq.coalition_network(info.context.graph, str(id)))
        except KeyError:
            return None

    @strawberry.field(description="The network of commitments in policy areas (and their sub-areas).")
    async def policy_area_network(
        self,
        info: strawberry.Info,
        ids: Annotated[list[strawberry.ID], strawberry.argument(description="Policy-area slugs.")],
    ) -> Network:
        return _network(await nq.policy_area_network(info.context.graph, [str(i) for i in ids]))

    @strawberry.field(
        description="An organisation's commitments, members it works with, coalitions and spellings; a national "
        "chapter's international `network`, a network's `chapters` (the chapters name the commitments)."
    )
    async def organization_reach(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Organisation id.")],
    ) -> JSON | None:
        return cast(JSON | None, await kq.organization_reach(info.context.graph, str(id)))
