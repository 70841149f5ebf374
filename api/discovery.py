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
from typing import TYPE_CHECKING, Annotated, Any, Literal

import strawberry
from graphql import GraphQLError
from strawberry.types.nodes import Selection

from api.declared import build, needed
from api.pagination import max_page_size
from api.projection import fields, selection_set, sub_selections
from api.types_discovery import (
    FirstArg,
    LearnFromEntry,
    MemberPeer,
    OrderArg,
    PerMemberArg,
    PolicyAreaGuess,
    SimilarCommitment,
    SimilarityComponent,
    SimilarityExplanation,
    SimilarityFilter,
    SimilarityFilterArg,
    SimilarityOrder,
    SimilarityReason,
)
from discovery.explain import Explanation, passage_in, summary
from discovery.ranking import COMPONENTS, PER_MEMBER, Arrangement, contributions, weight
from graph.backend import Row
from graph.taxonomy import AREA_BY_ID
from queries import discovery as q
from queries import similarity, similarity_ranked
from queries.paging import KeyedPage
from queries.similarity_filter import SimilarityFilter as Filter

if TYPE_CHECKING:
    from strawberry.dataloader import DataLoader

    from api.context import Context

AREA_NAMES = {a.id: a.column for a in AREA_BY_ID.values()}


def _filter(value: SimilarityFilter | None) -> Filter:
    if value is None:
        return Filter()
    if value.year_from is not None and value.year_to is not None and value.year_from > value.year_to:
        raise GraphQLError(
            f"filter: yearFrom ({value.year_from}) is after yearTo ({value.year_to}); swap them",
            extensions={"code": "INVALID_FILTER"},
        )
    return Filter(
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


def _arrangement(order: SimilarityOrder, per_member: int | None) -> Arrangement:
    if per_member is not None and per_member < 1:
        raise GraphQLError(f"perMember must be at least 1 (or null for no cap), got {per_member}")
    return Arrangement("best_results" if order == SimilarityOrder.BEST_RESULTS_FIRST else "alike", per_member)


_COMPONENTS = {c: SimilarityComponent(c) for c in COMPONENTS}


def _similar(row: Row) -> SimilarCommitment:
    parts = contributions(row)
    reasons = [
        SimilarityReason(
            component=_COMPONENTS[c],
            weight=weight(c),
            value=float(row.get(c) or 0.0),
            contribution=parts[c],
            shared_policy_areas=list(row.get("shared_policy_areas") or []) if c == "policy_areas" else [],
            shared_organizations=list(row.get("shared_organizations") or []) if c == "organizations" else [],
        )
        for c in COMPONENTS
    ]
    reasons.sort(key=lambda r: -r.contribution)
    return SimilarCommitment(
        commitment=build("Commitment", row["node"]),
        score=sum(parts.values()),
        reasons=reasons,
        explanation=_explanation(row),
    )


def _match_properties(selections: Sequence[Selection]) -> tuple[str, ...] | None:
    """The match properties a selection on similar commitments reads: its ``commitment`` fields, and the
    match's text when the explanation's passage or summary is asked (a stored match keeps the words the
    pair shares; the sentence holding them is found in the text on demand)."""
    properties = needed("Commitment", sub_selections(selections, "commitment"))
    wants_text = any(f.name in ("passage", "summary") for f in fields(sub_selections(selections, "explanation")))
    if properties is None or not wants_text or "full_text" in properties:
        return properties
    return (*properties, "full_text")


def _explanation(row: Row) -> SimilarityExplanation:
    """A match's explanation from its row (a stored edge's properties, or a match ranked in memory, which
    comes with its passage)."""
    query_language, match_language = row.get("query_language") or "en", row.get("match_language") or "en"
    terms = tuple(row.get("shared_terms") or ())
    found = Explanation(
        shared_terms=terms,
        passage=row["passage"] if "passage" in row else passage_in(row["node"].get("full_text") or "", terms),
        shared_policy_areas=tuple(row.get("shared_policy_areas") or ()),
        cross_language=query_language != match_language,
        query_language=query_language,
        match_language=match_language,
        query_thin=bool(row.get("query_thin")),
        match_thin=bool(row.get("match_thin")),
    )
    return SimilarityExplanation(
        summary=summary(found, AREA_NAMES, found.passage or ""),
        shared_terms=list(found.shared_terms),
        passage=found.passage,
        cross_language=found.cross_language,
        query_language=query_language,
        match_language=match_language,
        query_thin=found.query_thin,
        match_thin=found.match_thin,
        concept_ids=list(found.shared_policy_areas),
    )


def _similar_loader(
    context: Context, size: int, flt: Filter, how: Arrangement, properties: tuple[str, ...] | None
) -> DataLoader[str, KeyedPage]:
    """The request's DataLoader of stored matches for one argument set (every commitment of a level shares it)."""
    graph, index = context.graph, context.discovery

    async def fetch(ids: Sequence[str]) -> dict[str, KeyedPage]:
        found = await similarity.similar_batch(graph, index, ids, size, flt, how, properties)
        return {key: KeyedPage(len(rows), rows) for key, rows in found.items()}

    arguments = {"first": size, "filter": asdict(flt), "how": asdict(how), "properties": properties}
    return context.batch_pages("Commitment.similar", arguments, fetch)


async def resolve_similar(
    root_commitment_id: str,
    info: strawberry.Info,
    first: int = 10,
    filter: SimilarityFilter | None = None,
    order: SimilarityOrder = SimilarityOrder.ALIKE,
    per_member: int | None = PER_MEMBER,
) -> list[SimilarCommitment]:
    """``Commitment.similar``: the stored SIMILAR_TO matches; all commitments of a request level share ONE query."""
    properties = _match_properties(selection_set(info))
    how = _arrangement(order, per_member)
    loader = _similar_loader(info.context, _first(info, first), _filter(filter), how, properties)
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
    if len(similar) != 1 or set(similar[0].arguments) - {"first"}:
        return False  # a filter, an order or a cap: the field asks the usual way
    first = similar[0].arguments.get("first", 10)  # a literal arrives as its text, a variable as its value
    if isinstance(first, str) and first.isdigit():
        first = int(first)
    if not isinstance(first, int) or not 1 <= first <= max_page_size(info):
        return False  # the field reports the error
    match_properties = _match_properties(similar[0].selections)
    row, matches = await similarity.commitment_with_similar(
        info.context.graph, commitment_id, first, properties, match_properties
    )
    if row is not None:
        loader = _similar_loader(info.context, first, Filter(), Arrangement(), match_properties)
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
    @strawberry.field(
        description="Commitments most like a pasted draft (a title or a few paragraphs, in any language), explained."
    )
    async def similar_to_text(
        self,
        info: strawberry.Info,
        text: Annotated[str, strawberry.argument(description="The draft text (any OGP language).")],
        first: FirstArg = 10,
        filter: SimilarityFilterArg = None,
        order: OrderArg = SimilarityOrder.ALIKE,
        per_member: PerMemberArg = PER_MEMBER,
    ) -> list[SimilarCommitment]:
        if not text.strip():
            raise GraphQLError(
                "similarToText: the text is empty; paste a title or a few paragraphs",
                extensions={"code": "EMPTY_TEXT"},
            )
        properties = _match_properties(selection_set(info))
        how = _arrangement(order, per_member)
        rows = await similarity_ranked.similar_to_text(
            info.context.graph, info.context.discovery, text, _first(info, first), _filter(filter), how, properties
        )
        return [_similar(r) for r in rows]

    @strawberry.field(
        description="The policy areas a draft likely addresses, with confidences: learned from the tags of the "
        "commitments most like it, in every language. Useful to tag a new commitment."
    )
    async def draft_policy_areas(
        self,
        info: strawberry.Info,
        text: Annotated[str, strawberry.argument(description="The draft text (any OGP language).")],
        first: Annotated[int, strawberry.argument(description="How many areas (1-20).")] = 5,
    ) -> list[PolicyAreaGuess]:
        if not text.strip():
            raise GraphQLError(
                "draftPolicyAreas: the text is empty; paste a title or a few paragraphs",
                extensions={"code": "EMPTY_TEXT"},
            )
        if not 1 <= first <= 20:
            raise GraphQLError(f"first must be between 1 and 20, got {first}", extensions={"code": "INVALID_PAGE_SIZE"})
        rows = await similarity_ranked.draft_policy_areas(info.context.discovery, text, first)
        return [
            PolicyAreaGuess(confidence=r["confidence"], lift=r["lift"], area_id=r["area"], support_ids=r["support"])
            for r in rows
        ]

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
