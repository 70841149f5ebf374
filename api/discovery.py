"""GraphQL types and resolvers of peer-learning discovery: similar commitments, learn-from, lineage, peers.

Attached in the core types: ``Commitment.similar``/``Commitment.lineage`` (api/types_commitment.py call
``resolve_similar``/``resolve_lineage``), ``Member.peers`` (api/types_member.py calls ``resolve_peers``) and
``DiscoveryQuery`` (similarToText, learnFrom) merged into ``Query`` in api/schema.py.
``similar`` and ``lineage`` go through ``Context.batch_pages`` (one DataLoader per argument set), so a list
of N commitments asking for them costs one statement per field, not N. User errors raise ``GraphQLError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Literal

import strawberry
from graphql import GraphQLError

from api.declared import build, many, needed, ref
from api.filters import MemberKind
from api.pagination import max_page_size
from api.projection import fields, selection_set, sub_selections
from graph.backend import Row
from queries import discovery as q
from queries.discovery_scoring import WEIGHTS
from queries.paging import KeyedPage

if TYPE_CHECKING:
    from strawberry.dataloader import DataLoader

    from api.context import Context


@strawberry.enum(description="A part of a similarity score.")
class SimilarityComponent(Enum):
    TEXT = strawberry.enum_value("text", description="Multilingual TF-IDF similarity of titles and texts.")
    POLICY_AREAS = strawberry.enum_value("policy_areas", description="Shared policy areas, specific ones weigh more.")
    ORGANIZATIONS = strawberry.enum_value("organizations", description="Shared lead/supporting organisations.")
    COALITION = strawberry.enum_value("coalition", description="Both members are in a coalition on a shared area.")
    OUTCOME = strawberry.enum_value("outcome", description="How the match turned out (IRM outcome score, 0-1).")


@strawberry.enum(description="Keep only matches with this IRM outcome.")
class OutcomeFilter(Enum):
    ANY = strawberry.enum_value("any", description="No condition.")
    STARRED = strawberry.enum_value("starred", description="Starred in an IRM report.")
    SUBSTANTIAL_OR_COMPLETE = strawberry.enum_value(
        "substantial_or_complete", description="Substantially or fully complete at end of term."
    )
    OPENED_GOVERNMENT = strawberry.enum_value(
        "opened_government", description="Did it open government: major or outstanding."
    )


@strawberry.input(description="Which similar commitments (or learn-from members) to keep.")
class SimilarityFilter:
    other_members_only: bool = strawberry.field(default=True, description="Only commitments of other members.")
    region: strawberry.ID | None = strawberry.field(default=None, description="Only members in this region (id).")
    member_kind: MemberKind | None = strawberry.field(default=None, description="Only national or local members.")
    policy_area: strawberry.ID | None = strawberry.field(
        default=None, description="Only commitments in this policy area (a parent includes its children)."
    )
    outcome: OutcomeFilter = strawberry.field(default=OutcomeFilter.ANY, description="Only this IRM outcome.")
    year_from: int | None = strawberry.field(default=None, description="Action plan submitted in or after this year.")
    year_to: int | None = strawberry.field(default=None, description="Action plan submitted in or before this year.")


FirstArg = Annotated[int, strawberry.argument(description="How many results (1-100).")]
SimilarityFilterArg = Annotated[
    SimilarityFilter | None,
    strawberry.argument(description="Keep only matches like this (default: other members only, any outcome)."),
]


@strawberry.type(description="Why a commitment is similar: one component of the score.")
class SimilarityReason:
    component: SimilarityComponent = strawberry.field(description="Which component.")
    weight: float = strawberry.field(description="Its weight in the score.")
    value: float = strawberry.field(description="Its value for this pair, 0-1.")
    contribution: float = strawberry.field(description="weight × value; the contributions add up to the score.")
    shared_policy_areas: list[strawberry.ID] = strawberry.field(
        description="POLICY_AREAS: the shared policy area ids, most specific first."
    )
    shared_organizations: list[strawberry.ID] = strawberry.field(
        description="ORGANIZATIONS: the shared organisation ids."
    )


@strawberry.type(description="A similar commitment, its score and the reasons.")
class SimilarCommitment:
    commitment: object = strawberry.field(description="The similar commitment.", graphql_type=ref("Commitment"))
    score: float = strawberry.field(description="0-1; the sum of the reasons' contributions.")
    reasons: list[SimilarityReason] = strawberry.field(description="Every component, largest contribution first.")


@strawberry.type(description="A member worth learning from in a policy area.")
class LearnFromEntry:
    member: object = strawberry.field(description="The member.", graphql_type=ref("Member"))
    score: float = strawberry.field(description="Mean outcome, shrunk towards the area's mean by one commitment.")
    mean_outcome: float | None = strawberry.field(description="Mean IRM outcome score of its assessed commitments.")
    commitments: int = strawberry.field(description="Its commitments in the area.")
    assessed: int = strawberry.field(description="Of which with an IRM outcome.")
    starred: int = strawberry.field(description="Of which starred.")
    best_commitments: list[object] = strawberry.field(
        description="Its best commitments in the area.", graphql_type=many("Commitment")
    )
    organizations: list[object] = strawberry.field(
        description="Organisations behind those commitments.", graphql_type=many("Organization")
    )


@strawberry.type(description="A member with a similar portfolio of commitments.")
class MemberPeer:
    member: object = strawberry.field(description="The peer.", graphql_type=ref("Member"))
    score: float = strawberry.field(description="0-1: area similarity × (0.8 + 0.2 × outcome agreement).")
    policy_area_similarity: float = strawberry.field(description="Cosine of IDF-weighted policy-area portfolios.")
    outcome_agreement: float = strawberry.field(description="1 - mean outcome gap over the shared areas.")
    shared_policy_areas: list[strawberry.ID] = strawberry.field(description="Shared policy areas, weightiest first.")


def _filter(value: SimilarityFilter | None) -> q.SimilarityFilter:
    if value is None:
        return q.SimilarityFilter()
    if value.year_from is not None and value.year_to is not None and value.year_from > value.year_to:
        raise GraphQLError(
            f"filter: yearFrom ({value.year_from}) is after yearTo ({value.year_to}); swap them",
            extensions={"code": "INVALID_FILTER"},
        )
    return q.SimilarityFilter(
        other_members_only=value.other_members_only,
        region=value.region,
        member_kind=str(value.member_kind.value) if value.member_kind else None,
        policy_area=value.policy_area,
        year_from=value.year_from,
        year_to=value.year_to,
        outcome=str(value.outcome.value),
    )


def _first(info: strawberry.Info, first: int) -> int:
    largest = max_page_size(info)
    if not 1 <= first <= largest:
        raise GraphQLError(
            f"first must be between 1 and {largest}, got {first}", extensions={"code": "INVALID_PAGE_SIZE"}
        )
    return first


_COMPONENTS = {c: SimilarityComponent(c) for c in WEIGHTS}


def _similar(row: Row) -> SimilarCommitment:
    reasons = []
    for c, weight in WEIGHTS.items():
        value = float(row.get(c) or 0.0)
        reasons.append(
            SimilarityReason(
                component=_COMPONENTS[c],
                weight=weight,
                value=value,
                contribution=weight * value,
                shared_policy_areas=list(row.get("shared_policy_areas") or []) if c == "policy_areas" else [],
                shared_organizations=list(row.get("shared_organizations") or []) if c == "organizations" else [],
            )
        )
    reasons.sort(key=lambda r: -r.contribution)
    return SimilarCommitment(
        commitment=build("Commitment", row["node"]), score=sum(r.contribution for r in reasons), reasons=reasons
    )


def _similar_loader(
    context: Context, size: int, flt: q.SimilarityFilter, properties: tuple[str, ...] | None
) -> DataLoader[str, KeyedPage]:
    """The request's DataLoader of stored matches for one argument set (every commitment of a level shares it)."""
    graph = context.graph

    async def fetch(ids: Sequence[str]) -> dict[str, KeyedPage]:
        found = await q.similar_batch(graph, ids, size, flt, properties)
        return {key: KeyedPage(len(rows), rows) for key, rows in found.items()}

    arguments = {"first": size, "filter": asdict(flt), "properties": properties}
    return context.batch_pages("Commitment.similar", arguments, fetch)


async def resolve_similar(
    root_commitment_id: str, info: strawberry.Info, first: int = 10, filter: SimilarityFilter | None = None
) -> list[SimilarCommitment]:
    """``Commitment.similar``: the stored SIMILAR_TO matches; all commitments of a request level share ONE query."""
    properties = needed("Commitment", sub_selections(selection_set(info), "commitment"))
    loader = _similar_loader(info.context, _first(info, first), _filter(filter), properties)
    return [_similar(r) for r in (await loader.load(root_commitment_id)).rows]


async def commitment_with_similar(
    info: strawberry.Info, commitment_id: str, properties: tuple[str, ...] | None
) -> Row | None | Literal[False]:
    """A commitment looked up by id together with its ``similar`` matches, in ONE statement; ``False`` when
    the request's selection is not of that shape (then the caller looks the commitment up alone).

    ``commitment(id:) { similar { … } }`` (a commitment page with its peers) would otherwise cost two
    round trips in a row: the commitment, then its matches. When the selection has one ``similar`` field
    with the default filter, both come from one statement, and the matches are put into the DataLoader
    ``Commitment.similar`` reads, which then finds them there. Other arguments go the usual way.
    """
    similar = [f for f in fields(selection_set(info)) if f.name == "similar"]
    if len(similar) != 1 or similar[0].arguments.get("filter") is not None:
        return False
    first = similar[0].arguments.get("first", 10)  # a literal arrives as its text, a variable as its value
    if isinstance(first, str) and first.isdigit():
        first = int(first)
    if not isinstance(first, int) or not 1 <= first <= max_page_size(info):
        return False  # the field reports the error
    match_properties = needed("Commitment", sub_selections(similar[0].selections, "commitment"))
    row, matches = await q.commitment_with_similar(
        info.context.graph, commitment_id, first, properties, match_properties
    )
    if row is not None:
        loader = _similar_loader(info.context, first, q.SimilarityFilter(), match_properties)
        loader.prime(commitment_id, KeyedPage(len(matches), matches))
    return row


async def resolve_lineage(root_commitment_id: str, info: strawberry.Info) -> list[Any]:
    """``Commitment.lineage``: the CONTINUES chain through this commitment, oldest first (batched like ``similar``)."""
    graph = info.context.graph

    async def fetch(ids: Sequence[str]) -> dict[str, KeyedPage]:
        return {key: KeyedPage(len(rows), rows) for key, rows in (await q.lineage_batch(graph, ids)).items()}

    page = await info.context.batch_pages("Commitment.lineage", {}, fetch).load(root_commitment_id)
    return [build("Commitment", r["node"]) for r in page.rows]


async def resolve_peers(root_member_id: str, info: strawberry.Info, first: int = 10) -> list[MemberPeer]:
    """``Member.peers``: members with the most similar portfolios; all members of a request level share one read."""
    graph, size = info.context.graph, _first(info, first)

    async def fetch(ids: Sequence[str]) -> dict[str, KeyedPage]:
        return {key: KeyedPage(len(rows), rows) for key, rows in (await q.peers_batch(graph, ids, size)).items()}

    loader = info.context.batch_pages("Member.peers", {"first": size}, fetch)
    return [
        MemberPeer(
            member=build("Member", r["node"]),
            score=r["score"],
            policy_area_similarity=r["areas"],
            outcome_agreement=r["outcome"],
            shared_policy_areas=r["shared"],
        )
        for r in (await loader.load(root_member_id)).rows
    ]


@strawberry.type(description="Root fields of peer-learning discovery.")
class DiscoveryQuery:
    @strawberry.field(description="Commitments most like a pasted draft (a title or a few paragraphs), explained.")
    async def similar_to_text(
        self,
        info: strawberry.Info,
        text: Annotated[str, strawberry.argument(description="The draft text (any OGP language).")],
        first: FirstArg = 10,
        filter: SimilarityFilterArg = None,
    ) -> list[SimilarCommitment]:
        if not text.strip():
            raise GraphQLError(
                "similarToText: the text is empty; paste a title or a few paragraphs",
                extensions={"code": "EMPTY_TEXT"},
            )
        properties = needed("Commitment", sub_selections(selection_set(info), "commitment"))
        rows = await q.similar_to_text(info.context.graph, text, _first(info, first), _filter(filter), properties)
        return [_similar(r) for r in rows]

    @strawberry.field(description="Members ranked by how their commitments in a policy area turned out.")
    async def learn_from(
        self,
        info: strawberry.Info,
        policy_area: Annotated[strawberry.ID, strawberry.argument(description="Policy area id.")],
        first: FirstArg = 10,
        filter: SimilarityFilterArg = None,
    ) -> list[LearnFromEntry]:
        rows = await q.learn_from(info.context.graph, policy_area, _filter(filter), _first(info, first))
        return [
            LearnFromEntry(
                member=build("Member", r["member"]),
                score=r["rank_score"],
                mean_outcome=r["mean_outcome"],
                commitments=r["commitments"],
                assessed=r["assessed"],
                starred=r["starred"],
                best_commitments=[build("Commitment", c) for c in r["best"]],
                organizations=[
                    build("Organization", o) for o in {o["node"]["id"]: o["node"] for o in r["organizations"]}.values()
                ],
            )
            for r in rows
        ]
