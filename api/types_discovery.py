"""GraphQL types of discovery: similar commitments and why, a draft's likely areas, learn-from, peers.

The resolvers that build them are in ``api/discovery.py``. A similar commitment's ``reasons`` are numbers
(each component's contribution; they add up to its score); its ``explanation`` says the same thing in a
reformer's terms: the words and passage the two texts share, or the concept when they share no words.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry

from api.declared import build, many, one, ref
from api.filters import MemberKind


@strawberry.enum(description="A part of a similarity score.")
class SimilarityComponent(Enum):
    MEANING = strawberry.enum_value(
        "meaning",
        description="What the texts mean (titles and opening), compared across languages by a multilingual encoder.",
    )
    WORDS = strawberry.enum_value("words", description="The distinctive words the texts share (TF-IDF).")
    POLICY_AREAS = strawberry.enum_value(
        "policy_areas",
        description="Bonus for shared policy areas (specific ones weigh more): at most a small "
        "fraction of the text evidence, so a tag never outranks what the texts say.",
    )
    ORGANIZATIONS = strawberry.enum_value(
        "organizations", description="Bonus for shared lead/supporting organisations (a fraction of the text evidence)."
    )


@strawberry.enum(description="How to order similar commitments.")
class SimilarityOrder(Enum):
    ALIKE = strawberry.enum_value("alike", description="Most alike first (the default).")
    BEST_RESULTS_FIRST = strawberry.enum_value(
        "best_results",
        description="Among the 20 most alike (or `first`, if more), the best IRM results first; commitments the "
        "IRM did not assess come last. Likeness decides which commitments; the outcome only their order.",
    )


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
OrderArg = Annotated[
    SimilarityOrder, strawberry.argument(description="Most alike first (default), or best IRM results first.")
]
PerMemberArg = Annotated[
    int | None,
    strawberry.argument(
        description="At most this many matches of one member before every other member's (default 2; "
        "null = no cap). A member's further matches come after the others, so the list stays full."
    ),
]


@strawberry.type(description="Why a commitment is similar: one component of the score.")
class SimilarityReason:
    component: SimilarityComponent = strawberry.field(description="Which component.")
    weight: float = strawberry.field(
        description="Its weight (MEANING, WORDS: share of the text evidence; a bonus: fraction of that evidence)."
    )
    value: float = strawberry.field(description="Its value for this pair, 0-1.")
    contribution: float = strawberry.field(description="Its part of the score; the contributions add up to the score.")
    shared_policy_areas: list[strawberry.ID] = strawberry.field(
        description="POLICY_AREAS: the shared policy area ids, most specific first."
    )
    shared_organizations: list[strawberry.ID] = strawberry.field(
        description="ORGANIZATIONS: the shared organisation ids."
    )


@strawberry.type(description="What two texts share, in words a reformer reads: the passage, the words or the concept.")
class SimilarityExplanation:
    summary: str = strawberry.field(description="One sentence: what they share, and any caveat.")
    shared_terms: list[str] = strawberry.field(
        description="Distinctive words both texts use, most telling first (empty across languages)."
    )
    passage: str | None = strawberry.field(
        description="The sentence of the match that holds most of the shared words (null when they share none)."
    )
    cross_language: bool = strawberry.field(description="The two texts are in different languages.")
    query_language: str = strawberry.field(description="Language of the query (en, es, fr or pt).")
    match_language: str = strawberry.field(description="Language of the match (en, es, fr or pt).")
    query_thin: bool = strawberry.field(
        description="The query commitment has little text beyond its title: its matches rest on the title."
    )
    match_thin: bool = strawberry.field(
        description="The match has little text beyond its title: it was matched on its title."
    )
    concept_ids: strawberry.Private[list[str]]

    @strawberry.field(
        description="The concept they share: the policy areas both address (for a draft, the areas it likely "
        "addresses that the match does), most specific first.",
        graphql_type=many("PolicyArea"),
    )
    async def shared_policy_areas(self, info: strawberry.Info) -> list[Any]:
        rows = [await info.context.batch_policy_area.load(a) for a in self.concept_ids]
        return [build("PolicyArea", r) for r in rows if r]


@strawberry.type(description="A similar commitment, its score, the reasons and what the two share.")
class SimilarCommitment:
    commitment: object = strawberry.field(description="The similar commitment.", graphql_type=ref("Commitment"))
    score: float = strawberry.field(description="How alike, 0-1: the sum of the reasons' contributions.")
    reasons: list[SimilarityReason] = strawberry.field(description="Every component, largest contribution first.")
    explanation: SimilarityExplanation = strawberry.field(description="What the two share, in words.")


@strawberry.type(description="A policy area a draft likely addresses.")
class PolicyAreaGuess:
    confidence: float = strawberry.field(
        description="0-1: the share of the draft's most alike commitments (weighted by likeness) that address it."
    )
    lift: float = strawberry.field(
        description="The confidence over the area's share of all commitments: 1 = no more likely than for any "
        "commitment (e.g. a tag most commitments carry), higher = what sets this draft apart."
    )
    area_id: strawberry.Private[str]
    support_ids: strawberry.Private[list[str]]

    @strawberry.field(description="The policy area.", graphql_type=one("PolicyArea"))
    async def policy_area(self, info: strawberry.Info) -> Any:
        row = await info.context.batch_policy_area.load(self.area_id)
        return build("PolicyArea", row) if row else None

    @strawberry.field(
        description="The most alike commitments that address it (up to 3), the evidence.",
        graphql_type=many("Commitment"),
    )
    async def supporting_commitments(self, info: strawberry.Info) -> list[Any]:
        rows = [await info.context.batch_commitment.load(i) for i in self.support_ids[:3]]
        return [build("Commitment", r) for r in rows if r]


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
