"""GraphQL object types: one per graph label (same names), fields = ``graph/model.py`` fields camelCased.

Types are plain ``@strawberry.type`` classes built with ``from_row`` from the property dicts the
queries return (the experimental pydantic integration would re-validate every row through frozen
models that forbid the provenance properties). Navigation fields go through the per-request
``batch_*`` DataLoaders of ``api/context.py``, so nesting costs one query per level, not per object.

Other modules attach fields lazily, e.g. in a type here::

    @strawberry.field(description="…")
    async def similar(
        self, info: strawberry.Info
    ) -> list[Annotated["SimilarCommitment", strawberry.lazy("api.discovery")]]:
        from api.discovery import similar_commitments
        return await similar_commitments(info, self.id)
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry

from api.filters import CommitmentFilter, CommitmentOrder, MemberKind, OrganizationKind, to_spec
from api.pagination import Connection, PageInfo, build_connection, decode_cursor, encode_cursor, page_size
from api.relay import Node, to_global_id
from graph.backend import Row
from queries.commitments import commitments_count, commitments_page

MISSING = {"no_data": "ND: no data", "not_reviewed": "NR: not reviewed", "not_applicable": "NA: not applicable"}
FirstArg = Annotated[int | None, strawberry.argument(description="Page size (default 20, at most 100).")]
AfterArg = Annotated[str | None, strawberry.argument(description="Resume after this cursor (`pageInfo.endCursor`).")]
FilterArg = Annotated[CommitmentFilter | None, strawberry.argument(description="Only commitments matching this.")]
OrderArg = Annotated[CommitmentOrder | None, strawberry.argument(description="Sort order (default: by id).")]


def _d(description: str) -> Any:
    return strawberry.field(description=description)


@strawberry.type(description="Where a node's facts came from.")
class Provenance:
    source_file: str | None = _d("Name of the source file that last set this node.")
    source_row: int | None = _d("Row of that file (1-based; the header is row 1).")
    loaded_at: str | None = _d("When the node's content last changed (ISO 8601).")

    @classmethod
    def from_row(cls, row: Row) -> Provenance:
        """Provenance properties of a node row."""
        return cls(source_file=row.get("source_file"), source_row=row.get("source_row"), loaded_at=row.get("loaded_at"))


@strawberry.type(description="One IRM rating: the value slug, a readable label, its level on the scale.")
class IrmRating:
    value: str = _d("Value slug as stored (`substantial`), or a missing-value slug (`no_data`, `not_reviewed`, …).")
    label: str = _d("Readable label.")
    level: int | None = _d("Ordinal position on the rating's scale (higher = more), when it has one.")
    assessed: bool = _d("False when the IRM gave no rating (ND, NR, NA).")
    missing_reason: str | None = _d("Why it is missing: `no_data`, `not_reviewed` or `not_applicable`.")

    @classmethod
    def of(cls, row: Row, prop: str) -> IrmRating | None:
        """The rating stored in ``row[prop]`` (with ``row[prop + '_level']``), or ``None`` if absent."""
        value = row.get(prop)
        if value is None:
            return None
        value = str(value)
        missing = value if value in MISSING else None
        label = MISSING.get(value) or value.replace("_", " ").capitalize()
        return cls(value=value, label=label, level=row.get(f"{prop}_level"), assessed=missing is None,
                   missing_reason=missing)


@strawberry.type(description="The Independent Reporting Mechanism's assessment of a commitment.")
class CommitmentIrm:
    row: strawberry.Private[Row]

    def _r(self, prop: str) -> IrmRating | None:
        return IrmRating.of(self.row, prop)

    @strawberry.field(description="Relevance to OGP values as assessed.")
    def relevant_to_ogp_values(self) -> IrmRating | None:
        return self._r("relevant_to_ogp_values")

    @strawberry.field(description="Specificity (none/low/medium/high; 2011-2019 method).")
    def specificity(self) -> IrmRating | None:
        return self._r("specificity")

    @strawberry.field(description="Verifiable as written.")
    def verifiable(self) -> IrmRating | None:
        return self._r("verifiable")

    @strawberry.field(description="Potential impact (none/minor/moderate/transformative; 2011-2019 method).")
    def potential_impact(self) -> IrmRating | None:
        return self._r("potential_impact")

    @strawberry.field(description="Potential for results (unclear/modest/substantial; 2020+ method).")
    def potential_for_results(self) -> IrmRating | None:
        return self._r("potential_for_results")

    @strawberry.field(description="Completion at mid-term (progress report).")
    def completion_midterm(self) -> IrmRating | None:
        return self._r("completion_midterm")

    @strawberry.field(description="Completion at the end of term.")
    def completion(self) -> IrmRating | None:
        return self._r("completion")

    @strawberry.field(description="Change in completion between the two reports.")
    def change_in_completion(self) -> IrmRating | None:
        return self._r("change_in_completion")

    @strawberry.field(description="Early results (2020+ method).")
    def early_results(self) -> IrmRating | None:
        return self._r("early_results")

    @strawberry.field(description="Did it open government, overall (worsened … outstanding).")
    def did_it_open_government(self) -> IrmRating | None:
        return self._r("did_it_open_government")

    @strawberry.field(description="Did it open government: access to information.")
    def diog_access_to_information(self) -> IrmRating | None:
        return self._r("diog_access_to_information")

    @strawberry.field(description="Did it open government: civic participation.")
    def diog_civic_participation(self) -> IrmRating | None:
        return self._r("diog_civic_participation")

    @strawberry.field(description="Did it open government: public accountability.")
    def diog_public_accountability(self) -> IrmRating | None:
        return self._r("diog_public_accountability")

    @strawberry.field(description="Starred in any IRM report.")
    def starred(self) -> bool | None:
        return self.row.get("starred")

    @strawberry.field(description="Starred under the 2015 formula, as published.")
    def starred_2015(self) -> str | None:
        return self.row.get("starred_2015")

    @strawberry.field(description="Starred at mid-term, as published.")
    def starred_midterm(self) -> str | None:
        return self.row.get("starred_midterm")

    @strawberry.field(description="Starred at the end of term, as published.")
    def starred_end_of_term(self) -> str | None:
        return self.row.get("starred_end_of_term")

    @strawberry.field(description="Carried forward into the next action plan, as published.")
    def carried_forward(self) -> str | None:
        return self.row.get("carried_forward")

    @strawberry.field(description="Publication year of the mid-term (progress) report.")
    def irm_report_year_midterm(self) -> int | None:
        return self.row.get("irm_report_year_midterm")

    @strawberry.field(description="Publication year of the end-of-term report.")
    def irm_report_year_end_of_term(self) -> int | None:
        return self.row.get("irm_report_year_end_of_term")

    @strawberry.field(description="The latest IRM report year.")
    def latest_irm_report(self) -> int | None:
        return self.row.get("latest_irm_report")

    @strawberry.field(description="0-1 summary of the IRM results, for ranking.")
    def outcome_score(self) -> float | None:
        return self.row.get("outcome_score")


async def commitment_connection(info: strawberry.Info, spec: dict[str, Any] | None, search: str | None,
                                order: CommitmentOrder | None, first: int | None,
                                after: str | None) -> Connection[Commitment]:
    """A page of commitments (keyset, ``first + 1`` rows) with a lazy database count."""
    limit, position = page_size(first), decode_cursor(after)
    graph = info.context.graph
    sort, descending = ("SCORE", True) if search is not None and order is None else ("ID", False)
    if order is not None:
        sort, descending = order.field.value, order.direction.value == "DESC"
    rows = await commitments_page(graph, spec, search, sort, descending, position, limit + 1)

    async def count() -> int:
        return await commitments_count(graph, spec, search)

    return build_connection(rows, limit, position, Commitment.from_row, count)  # type: ignore[no-any-return]


def and_spec(extra: dict[str, Any], given: CommitmentFilter | None) -> dict[str, Any]:
    """``extra`` conditions ANDed with a client's filter."""
    spec = to_spec(given)
    return {**extra, "and": [spec]} if spec else extra


@strawberry.type(description="An OGP region (Africa and the Middle East, Americas, Asia and the Pacific, Europe).")
class Region(Node):
    id: strawberry.ID = _d("Region slug (`europe`).")
    name: str = _d("Region name.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> Region:
        """A Region from its node properties."""
        return cls(node_id=to_global_id("Region", row["id"]), id=row["id"], name=row["name"],
                   provenance=Provenance.from_row(row))

    @strawberry.field(description="Members in this region, by name.")
    async def members(self, info: strawberry.Info) -> list[Member]:
        return [Member.from_row(r["node"]) for r in await info.context.batch_region_members.load(self.id)]


@strawberry.type(description="A national or local OGP member (`id` is its opengovpartnership.org slug).")
class Member(Node):
    row: strawberry.Private[Row]
    id: strawberry.ID = _d("OGP website slug (`united-kingdom`, `kaduna-state-nigeria`).")
    name: str = _d("Name of the member.")
    code: str | None = _d("Member code (`GBR`, `NGKD`).")
    kind: MemberKind = _d("National or local member.")
    country_code: str | None = _d("For a local member, its country's code.")
    joined_year: int | None = _d("Year the member joined OGP.")
    last_year_participating: int | None = _d("Last year it participated (when it left or went inactive).")
    founding_member: bool | None = _d("One of the eight founding members (2011).")
    status: str | None = _d("Membership status.")
    former_names: list[str] = _d("Older names found in the sources (`UK`, `Macedonia`).")
    url: str | None = _d("Member page on opengovpartnership.org.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> Member:
        """A Member from its node properties."""
        return cls(
            row=row, node_id=to_global_id("Member", row["id"]), id=row["id"], name=row["name"], code=row.get("code"),
            kind=MemberKind(row.get("kind") or "national"), country_code=row.get("country_code"),
            joined_year=row.get("joined_year"), last_year_participating=row.get("last_year_participating"),
            founding_member=row.get("founding_member"), status=row.get("status"),
            former_names=row.get("former_names") or [], url=row.get("url"), provenance=Provenance.from_row(row),
        )

    @strawberry.field(description="The member's region.")
    async def region(self, info: strawberry.Info) -> Region | None:
        rows = await info.context.batch_member_region.load(self.id)
        return Region.from_row(rows[0]["node"]) if rows else None

    @strawberry.field(description="For a local member: the national member it is located in.")
    async def country(self, info: strawberry.Info) -> Member | None:
        rows = await info.context.batch_member_country.load(self.id)
        return Member.from_row(rows[0]["node"]) if rows else None

    @strawberry.field(description="For a national member: the local members located in it.")
    async def local_members(self, info: strawberry.Info) -> list[Member]:
        return [Member.from_row(r["node"]) for r in await info.context.batch_member_local_members.load(self.id)]

    @strawberry.field(description="The member's action plans, in order.")
    async def action_plans(self, info: strawberry.Info) -> list[ActionPlan]:
        return [ActionPlan.from_row(r["node"]) for r in await info.context.batch_member_action_plans.load(self.id)]

    @strawberry.field(description="The member's commitments across its action plans.")
    async def commitments(self, info: strawberry.Info, filter: FilterArg = None, order_by: OrderArg = None,
                          first: FirstArg = None, after: AfterArg = None) -> Connection[Commitment]:
        return await commitment_connection(info, and_spec({"member": {"eq": self.id}}, filter), None, order_by,
                                           first, after)

    @strawberry.field(description="Coalitions the member participates in, with role and year joined.")
    async def coalitions(self, info: strawberry.Info) -> list[Participation]:
        return [Participation.from_row(r) for r in await info.context.batch_member_coalitions.load(self.id)]

    # Discovery adds `peers` here (api/discovery.py, through strawberry.lazy).


@strawberry.type(description="A member's two-year action plan, with the 2016 IRM process facts where known.")
class ActionPlan(Node):
    row: strawberry.Private[Row]
    id: strawberry.ID = _d("OGP action plan id (`AP_ALB01`).")
    number: int = _d("1 for the member's first plan, 2 for the second, …")
    submission_year: int | None = _d("Year the plan was submitted.")
    end_year: int | None = _d("Year the plan ends.")
    duration_years: int | None = _d("Planned duration in years.")
    consultation_steps_followed: int | None = _d("Consultation steps followed, out of 6 (IRM 2016).")
    regular_forum: bool | None = _d("A regular multi-stakeholder forum met (IRM 2016).")
    open_participation_development: bool | None = _d("Participation in development was open (IRM 2016).")
    iap2_level_development: str | None = _d("IAP2 participation level during development (IRM 2016).")
    iap2_level_implementation: str | None = _d("IAP2 participation level during implementation (IRM 2016).")
    self_assessment_published: bool | None = _d("The government published a self-assessment (IRM 2016).")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> ActionPlan:
        """An ActionPlan from its node properties."""
        keys = ("submission_year", "end_year", "duration_years", "consultation_steps_followed", "regular_forum",
                "open_participation_development", "iap2_level_development", "iap2_level_implementation",
                "self_assessment_published")
        return cls(row=row, node_id=to_global_id("ActionPlan", row["id"]), id=row["id"], number=row["number"],
                   provenance=Provenance.from_row(row), **{k: row.get(k) for k in keys})

    @strawberry.field(description="The member whose plan this is.")
    async def member(self, info: strawberry.Info) -> Member | None:
        row = await info.context.batch_member.load(self.row["member_id"])
        return Member.from_row(row) if row else None

    @strawberry.field(description="The plan's commitments, by id.")
    async def commitments(self, info: strawberry.Info) -> list[Commitment]:
        return [Commitment.from_row(r["node"]) for r in await info.context.batch_action_plan_commitments.load(self.id)]


@strawberry.type(description="A commitment in an action plan (`id` is the OGP id, e.g. `AL0002`).")
class Commitment(Node):
    row: strawberry.Private[Row]
    id: strawberry.ID = _d("OGP commitment id (`AL0002`, `UK0107`).")
    title: str = _d("Title.")
    short_title: str | None = _d("Short title.")
    full_text: str | None = _d("Full text of the commitment.")
    theme: str | None = _d("Theme or cluster named in the action plan.")
    number: str | None = _d("Number within the action plan, as published.")
    year: int | None = _d("Year the action plan was submitted.")
    start_date: str | None = _d("Start date, as published.")
    end_date: str | None = _d("End date, as published.")
    url: str | None = _d("Commitment page on opengovpartnership.org.")
    lead_institutions_text: str | None = _d("Lead institution(s), as written in the source.")
    supporting_institutions_text: str | None = _d("Supporting institution(s), as written in the source.")
    legacy_tags: list[str] = _d("Policy tags of the 2011-2016 export.")
    working_groups: list[str] = _d("OGP working groups it was assigned to.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> Commitment:
        """A Commitment from its node properties."""
        keys = ("short_title", "full_text", "theme", "number", "year", "start_date", "end_date", "url",
                "lead_institutions_text", "supporting_institutions_text")
        return cls(row=row, node_id=to_global_id("Commitment", row["id"]), id=row["id"], title=row["title"],
                   legacy_tags=row.get("legacy_tags") or [], working_groups=row.get("working_groups") or [],
                   provenance=Provenance.from_row(row), **{k: row.get(k) for k in keys})

    @strawberry.field(description="IRM design and results ratings.")
    def irm(self) -> CommitmentIrm:
        return CommitmentIrm(row=self.row)

    @strawberry.field(description="The member that made the commitment.")
    async def member(self, info: strawberry.Info) -> Member | None:
        row = await info.context.batch_member.load(self.row["member_id"])
        return Member.from_row(row) if row else None

    @strawberry.field(description="The action plan that includes it.")
    async def action_plan(self, info: strawberry.Info) -> ActionPlan | None:
        row = await info.context.batch_action_plan.load(self.row["action_plan_id"])
        return ActionPlan.from_row(row) if row else None

    @strawberry.field(description="Policy areas it addresses, by name.")
    async def policy_areas(self, info: strawberry.Info) -> list[PolicyArea]:
        return [PolicyArea.from_row(r["node"]) for r in await info.context.batch_commitment_policy_areas.load(self.id)]

    @strawberry.field(description="OGP values it advances.")
    async def ogp_values(self, info: strawberry.Info) -> list[OgpValue]:
        return [OgpValue.from_row(r["node"]) for r in await info.context.batch_commitment_ogp_values.load(self.id)]

    @strawberry.field(description="Organisations leading or supporting it, with their role.")
    async def organizations(self, info: strawberry.Info) -> list[CommitmentOrganization]:
        rows = await info.context.batch_commitment_organizations.load(self.id)
        return [CommitmentOrganization.from_row(r) for r in rows]

    @strawberry.field(description="Organisations leading it.")
    async def lead_organizations(self, info: strawberry.Info) -> list[Organization]:
        rows = await info.context.batch_commitment_organizations.load(self.id)
        return [Organization.from_row(r["node"]) for r in rows if r["role"] == "LEADS"]

    # Discovery adds `similar` and `lineage` here (api/discovery.py, through strawberry.lazy).


@strawberry.enum(description="How an organisation is named in a commitment.")
class OrganizationRole(Enum):
    LEAD = strawberry.enum_value("LEADS", description="Lead institution.")
    SUPPORT = strawberry.enum_value("SUPPORTS", description="Supporting institution.")


@strawberry.type(description="An organisation named in a commitment, with its role and the spelling used.")
class CommitmentOrganization:
    organization: Organization = _d("The organisation.")
    role: OrganizationRole = _d("Lead or supporting institution.")
    as_written: str | None = _d("How the source row spelled it.")

    @classmethod
    def from_row(cls, row: Row) -> CommitmentOrganization:
        """From a ``{node, role, as_written}`` row."""
        return cls(organization=Organization.from_row(row["node"]), role=OrganizationRole(row["role"]),
                   as_written=row.get("as_written"))


@strawberry.type(description="An OGP policy area (slug of today's taxonomy), with its parent and child areas.")
class PolicyArea(Node):
    row: strawberry.Private[Row]
    id: strawberry.ID = _d("Policy area slug (`open-contracting`).")
    name: str = _d("Name.")
    legacy_names: list[str] = _d("Older tag names mapped onto it.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> PolicyArea:
        """A PolicyArea from its node properties."""
        return cls(row=row, node_id=to_global_id("PolicyArea", row["id"]), id=row["id"], name=row["name"],
                   legacy_names=row.get("legacy_names") or [], provenance=Provenance.from_row(row))

    @strawberry.field(description="The broader area it is part of.")
    async def parent(self, info: strawberry.Info) -> PolicyArea | None:
        parent_id = self.row.get("parent_id")
        row = await info.context.batch_policy_area.load(parent_id) if parent_id else None
        return PolicyArea.from_row(row) if row else None

    @strawberry.field(description="Narrower areas that are part of it.")
    async def children(self, info: strawberry.Info) -> list[PolicyArea]:
        return [PolicyArea.from_row(r["node"]) for r in await info.context.batch_policy_area_children.load(self.id)]

    @strawberry.field(description="Commitments addressing it or one of its child areas.")
    async def commitments(self, info: strawberry.Info, filter: FilterArg = None, order_by: OrderArg = None,
                          first: FirstArg = None, after: AfterArg = None) -> Connection[Commitment]:
        spec = and_spec({"policy_areas": {"some": [self.id]}}, filter)
        return await commitment_connection(info, spec, None, order_by, first, after)


@strawberry.type(description="One of the four OGP values.")
class OgpValue(Node):
    id: strawberry.ID = _d("Value slug (`access-to-information`).")
    name: str = _d("Name.")
    description: str = _d("What the value means.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> OgpValue:
        """An OgpValue from its node properties."""
        return cls(node_id=to_global_id("OgpValue", row["id"]), id=row["id"], name=row["name"],
                   description=row.get("description") or "", provenance=Provenance.from_row(row))

    @strawberry.field(description="Commitments advancing this value.")
    async def commitments(self, info: strawberry.Info, filter: FilterArg = None, order_by: OrderArg = None,
                          first: FirstArg = None, after: AfterArg = None) -> Connection[Commitment]:
        spec = and_spec({"ogp_values": {"some": [self.id]}}, filter)
        return await commitment_connection(info, spec, None, order_by, first, after)


@strawberry.type(description="A government body, CSO, parliament, company or multilateral named in commitments.")
class Organization(Node):
    row: strawberry.Private[Row]
    id: strawberry.ID = _d("Normalised slug (`alb-council-of-ministers`).")
    name: str = _d("Name.")
    kind: OrganizationKind = _d("What kind of body it is.")
    aliases: list[str] = _d("Every spelling found in the sources.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> Organization:
        """An Organization from its node properties."""
        return cls(row=row, node_id=to_global_id("Organization", row["id"]), id=row["id"], name=row["name"],
                   kind=OrganizationKind(row.get("kind") or "unknown"), aliases=row.get("aliases") or [],
                   provenance=Provenance.from_row(row))

    @strawberry.field(description="For a national body: the member it belongs to.")
    async def member(self, info: strawberry.Info) -> Member | None:
        member_id = self.row.get("member_id")
        row = await info.context.batch_member.load(member_id) if member_id else None
        return Member.from_row(row) if row else None

    @strawberry.field(description="Commitments it leads or supports.")
    async def commitments(
        self, info: strawberry.Info,
        role: Annotated[
            OrganizationRole | None, strawberry.argument(description="Only as lead, or as support.")
        ] = None,
        filter: FilterArg = None, order_by: OrderArg = None, first: FirstArg = None, after: AfterArg = None,
    ) -> Connection[Commitment]:
        key = {None: "organizations", OrganizationRole.LEAD: "lead_organization",
               OrganizationRole.SUPPORT: "supporting_organization"}[role]
        extra = {key: {"some": [self.id]}} if role is None else {key: {"id": {"eq": self.id}}}
        return await commitment_connection(info, and_spec(extra, filter), None, order_by, first, after)

    @strawberry.field(description="Members whose commitments name it, by name.")
    async def members(self, info: strawberry.Info) -> list[Member]:
        return [Member.from_row(r["node"]) for r in await info.context.batch_organization_members.load(self.id)]

    @strawberry.field(description="Coalitions it participates in, with role and year joined.")
    async def coalitions(self, info: strawberry.Info) -> list[Participation]:
        return [Participation.from_row(r) for r in await info.context.batch_organization_coalitions.load(self.id)]


@strawberry.type(description="A member's or organisation's participation in a coalition.")
class Participation:
    coalition: Coalition = _d("The coalition.")
    role: str | None = _d("Role in the coalition (`participant`, `co-chair`, …).")
    since: int | None = _d("Year it joined, when known.")

    @classmethod
    def from_row(cls, row: Row) -> Participation:
        """From a ``{node, role, since}`` row."""
        return cls(coalition=Coalition.from_row(row["node"]), role=row.get("role"), since=row.get("since"))


Participant = Annotated[Member | Organization, strawberry.union("Participant", description="A member or organisation.")]


@strawberry.type(description="A coalition participant with its role and the year it joined.")
class ParticipantEdge:
    cursor: str = _d("Opaque cursor of this participant (pass as `after`).")
    node: Participant = _d("The member or organisation.")
    role: str | None = _d("Role in the coalition (`participant`, `co-chair`, …).")
    since: int | None = _d("Year it joined, when known.")


@strawberry.type(description="A page of a coalition's participants.")
class ParticipantConnection:
    edges: list[ParticipantEdge] = _d("The participants of this page with role and year.")
    page_info: PageInfo = _d("Whether more participants follow, and the cursors to get them.")
    total_count: int = _d("How many participants the coalition has.")

    @strawberry.field(description="The participants of this page (same as `edges { node }`).")
    def nodes(self) -> list[Participant]:
        return [edge.node for edge in self.edges]


@strawberry.type(description="A group convened around a policy area, e.g. the Beneficial Ownership Leadership Group.")
class Coalition(Node):
    id: strawberry.ID = _d("Coalition slug.")
    name: str = _d("Name.")
    description: str | None = _d("What the coalition does.")
    url: str | None = _d("Web page.")
    source: str | None = _d("Where the membership list comes from.")
    provenance: Provenance = _d("Where this node's facts came from.")

    @classmethod
    def from_row(cls, row: Row) -> Coalition:
        """A Coalition from its node properties."""
        return cls(node_id=to_global_id("Coalition", row["id"]), id=row["id"], name=row["name"],
                   description=row.get("description"), url=row.get("url"), source=row.get("source"),
                   provenance=Provenance.from_row(row))

    @strawberry.field(description="Members and organisations participating, by name, with role and year.")
    async def participants(self, info: strawberry.Info, first: FirstArg = None,
                           after: AfterArg = None) -> ParticipantConnection:
        # Participants of one coalition are few (tens): they come in one batched query and are paged here.
        limit, position = page_size(first), decode_cursor(after)
        rows = await info.context.batch_coalition_participants.load(self.id)
        keyed = [(i, r) for i, r in enumerate(rows)]
        start = 0
        if position is not None:
            start = next((i + 1 for i, r in keyed if r["node"]["id"] == position[1]), len(rows))
        edges = [
            ParticipantEdge(cursor=encode_cursor(i, r["node"]["id"]), role=r.get("role"), since=r.get("since"),
                            node=Member.from_row(r["node"]) if "Member" in r["labels"]
                            else Organization.from_row(r["node"]))
            for i, r in keyed[start:start + limit]
        ]
        info_ = PageInfo(has_next_page=start + limit < len(rows), has_previous_page=start > 0,
                         start_cursor=edges[0].cursor if edges else None,
                         end_cursor=edges[-1].cursor if edges else None)
        return ParticipantConnection(edges=edges, page_info=info_, total_count=len(rows))

    @strawberry.field(description="Policy areas the coalition focuses on.")
    async def policy_areas(self, info: strawberry.Info) -> list[PolicyArea]:
        return [PolicyArea.from_row(r["node"]) for r in await info.context.batch_coalition_policy_areas.load(self.id)]

    # Coalition analysis adds `gaps` here (api/coalitions.py, through strawberry.lazy).
