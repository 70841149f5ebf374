"""THE graph model: one pydantic model per node label and per relationship that carries properties.

Everything else (loaders, Cypher in ``queries/``, the GraphQL types) is checked against this file by
``tests/unit/test_model_consistency.py``. Every node has a stable, source-derived ``id``.
Provenance (``source_file``, ``source_row``, ``loaded_at``) is added by the writer, not by each model.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_ID_CHARS = 1000
MemberKind = Literal["national", "local"]
OrganizationKind = Literal["government", "civil_society", "parliament", "private", "multilateral", "unknown"]


class NodeModel(BaseModel):
    """Base of every node model: frozen, no unknown fields, a stable ``id``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    LABEL: ClassVar[str]
    # At most MAX_ID_CHARS: FalkorDB 4.x crashes (a segfault in its unique-constraint check) on an id of a few
    # thousand characters, which a hostile file could give; no real id comes near it.
    id: str = Field(min_length=1, max_length=MAX_ID_CHARS, description="Stable, source-derived identifier.")


class RelModel(BaseModel):
    """Base of every relationship model that has properties."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    TYPE: ClassVar[str]


class Region(NodeModel):
    """An OGP region (Africa and the Middle East, Americas, Asia and the Pacific, Europe)."""

    LABEL: ClassVar[str] = "Region"
    name: str


class Member(NodeModel):
    """A national or local OGP member; ``id`` is the opengovpartnership.org slug (``united-kingdom``)."""

    LABEL: ClassVar[str] = "Member"
    name: str
    code: str | None = None
    kind: MemberKind = "national"
    region: str | None = None
    country_code: str | None = Field(default=None, description="For a local member, its country's code.")
    joined_year: int | None = None
    last_year_participating: int | None = None
    founding_member: bool | None = None
    status: str | None = None
    former_names: list[str] = Field(default_factory=list)
    url: str | None = None


class ActionPlan(NodeModel):
    """A member's two-year action plan (``AP_ALB01``), with the 2016 IRM process facts where known."""

    LABEL: ClassVar[str] = "ActionPlan"
    member_id: str
    number: int
    submission_year: int | None = None
    end_year: int | None = None
    duration_years: int | None = None
    consultation_steps_followed: int | None = Field(default=None, description="Out of 6 (IRM 2016).")
    regular_forum: bool | None = Field(default=None, description="A regular multi-stakeholder forum met.")
    open_participation_development: bool | None = None
    iap2_level_development: str | None = None
    iap2_level_implementation: str | None = None
    self_assessment_published: bool | None = None


class Commitment(NodeModel):
    """A commitment in an action plan (``AL0002``), with its texts and IRM ratings.

    Ratings are stored as the scale's value slug (``substantial``) or a missing-value slug
    (``no_data`` for ND, ``not_reviewed`` for NR, ``not_applicable`` for NA); ``*_level`` holds the
    ordinal position on the scale for filtering and ranking (see ``graph/ratings.py``).
    """

    LABEL: ClassVar[str] = "Commitment"
    FULLTEXT: ClassVar[tuple[str, ...]] = ("title", "short_title", "full_text")
    title: str
    short_title: str | None = None
    full_text: str | None = None
    theme: str | None = None
    number: str | None = Field(default=None, description="Number within the action plan, as published.")
    natural_key: str = Field(description="member|action plan number|commitment number, to match layouts.")
    member_id: str
    action_plan_id: str
    year: int | None = Field(default=None, description="Year the action plan was submitted.")
    start_date: str | None = None
    end_date: str | None = None
    url: str | None = None
    lead_institutions_text: str | None = None
    supporting_institutions_text: str | None = None
    legacy_tags: list[str] = Field(default_factory=list, description="Policy tags of the 2011-2016 export.")
    working_groups: list[str] = Field(default_factory=list)
    source_layouts: list[str] = Field(default_factory=list, description="'current' and/or 'explorer'.")
    relevant_to_ogp_values: str | None = None
    specificity: str | None = None
    specificity_level: int | None = None
    verifiable: str | None = None
    potential_impact: str | None = None
    potential_impact_level: int | None = None
    potential_for_results: str | None = None
    potential_for_results_level: int | None = None
    completion_midterm: str | None = None
    completion_midterm_level: int | None = None
    completion: str | None = Field(default=None, description="Completion at the end of term.")
    completion_level: int | None = None
    change_in_completion: str | None = None
    early_results: str | None = None
    early_results_level: int | None = None
    did_it_open_government: str | None = None
    did_it_open_government_level: int | None = None
    diog_access_to_information: str | None = None
    diog_civic_participation: str | None = None
    diog_public_accountability: str | None = None
    starred: bool | None = Field(default=None, description="Starred in any IRM report.")
    starred_2015: str | None = None
    starred_midterm: str | None = None
    starred_end_of_term: str | None = None
    carried_forward: str | None = None
    irm_report_year_midterm: int | None = None
    irm_report_year_end_of_term: int | None = None
    latest_irm_report: int | None = None
    outcome_score: float | None = Field(default=None, description="0-1 summary of IRM results, for ranking.")


class PolicyArea(NodeModel):
    """An OGP policy area (slug of today's taxonomy), e.g. ``open-contracting``."""

    LABEL: ClassVar[str] = "PolicyArea"
    name: str
    parent_id: str | None = None
    legacy_names: list[str] = Field(default_factory=list, description="Older tag names mapped onto it.")


class OgpValue(NodeModel):
    """One of the four OGP values."""

    LABEL: ClassVar[str] = "OgpValue"
    name: str
    description: str


class Organization(NodeModel):
    """A government body, CSO, parliament, company or multilateral named in commitments.

    Government bodies and parliaments are national: their ``id`` starts with the member code
    (``alb-council-of-ministers``); CSOs, companies and multilaterals may span members.
    """

    LABEL: ClassVar[str] = "Organization"
    FULLTEXT: ClassVar[tuple[str, ...]] = ("name",)
    name: str
    kind: OrganizationKind = "unknown"
    member_id: str | None = Field(default=None, description="The member it belongs to, when national.")
    aliases: list[str] = Field(default_factory=list, description="Every spelling found in the sources.")


class Coalition(NodeModel):
    """A group convened around a policy area, e.g. the Beneficial Ownership Leadership Group."""

    LABEL: ClassVar[str] = "Coalition"
    name: str
    description: str | None = None
    url: str | None = None
    source: str | None = None


class BoCountry(NodeModel):
    """A country in Open Ownership's beneficial-ownership tracker; ``id`` = the member slug of its name.

    Kept for every tracked country, OGP member or not; members link to it with ``HAS_BO_PROFILE``.
    """

    LABEL: ClassVar[str] = "BoCountry"
    name: str
    notion_id: str = Field(description="Open Ownership's tracker id, which the registers file refers to.")
    iso2: str | None = None
    committed: bool | None = None
    involvement: str | None = Field(default=None, description="Open Ownership involvement: Current/Historic/None.")
    central: bool | None = Field(default=None, description="Committed to a central register.")
    public: bool | None = Field(default=None, description="Committed to a public register.")
    all_sectors: bool | None = Field(default=None, description="Committed to a register covering all sectors.")
    commitment_level: int | None = None
    any_online_register: bool | None = None
    any_data_in_oo_register: bool | None = None
    last_updated: str | None = None


class BoMechanism(NodeModel):
    """A way a country committed to beneficial-ownership transparency (OGP action plan, BOLG, EITI, ...)."""

    LABEL: ClassVar[str] = "BoMechanism"
    name: str


class BoRegister(NodeModel):
    """A beneficial-ownership register listed by Open Ownership (national or sectoral)."""

    LABEL: ClassVar[str] = "BoRegister"
    name: str
    scope: list[str] = Field(default_factory=list, description="'National', 'Sectoral: Extractives', ...")
    url: str | None = None
    oo_register_url: str | None = None
    country_notion_id: str = Field(description="Open Ownership's id of the country (BoCountry.notion_id).")


NODE_MODELS: tuple[type[NodeModel], ...] = (
    Region,
    Member,
    ActionPlan,
    Commitment,
    PolicyArea,
    OgpValue,
    Organization,
    Coalition,
    BoCountry,
    BoMechanism,
    BoRegister,
)


# Relationship types and their patterns (those without properties have no model).
# (:Member)-[:HAS_ACTION_PLAN]->(:ActionPlan)
HAS_ACTION_PLAN = "HAS_ACTION_PLAN"
# (:ActionPlan)-[:INCLUDES]->(:Commitment)
INCLUDES = "INCLUDES"
# (:Commitment)-[:ADDRESSES]->(:PolicyArea)
ADDRESSES = "ADDRESSES"
# (:PolicyArea)-[:PART_OF]->(:PolicyArea)
PART_OF = "PART_OF"
# (:Commitment)-[:ADVANCES]->(:OgpValue)
ADVANCES = "ADVANCES"
# (:Member {kind:'local'})-[:LOCATED_IN]->(:Member {kind:'national'})
LOCATED_IN = "LOCATED_IN"
# (:Member)-[:IN_REGION]->(:Region)
IN_REGION = "IN_REGION"
# (:Organization)-[:BASED_IN]->(:Member)
BASED_IN = "BASED_IN"
# (:Coalition)-[:FOCUSES_ON]->(:PolicyArea)
FOCUSES_ON = "FOCUSES_ON"
# (:Commitment)-[:CONTINUES]->(:Commitment)   derived: same reform in the member's next plan
CONTINUES = "CONTINUES"
# (:Member)-[:HAS_BO_PROFILE]->(:BoCountry)
HAS_BO_PROFILE = "HAS_BO_PROFILE"
# (:BoCountry)-[:HAS_REGISTER]->(:BoRegister)
HAS_REGISTER = "HAS_REGISTER"


class Leads(RelModel):
    """(:Organization)-[:LEADS]->(:Commitment): named as lead institution."""

    TYPE: ClassVar[str] = "LEADS"
    as_written: str = Field(description="The spelling in the source row.")


class Supports(RelModel):
    """(:Organization)-[:SUPPORTS]->(:Commitment): named as a supporting institution."""

    TYPE: ClassVar[str] = "SUPPORTS"
    as_written: str


class ParticipatesIn(RelModel):
    """(:Member|:Organization)-[:PARTICIPATES_IN]->(:Coalition)."""

    TYPE: ClassVar[str] = "PARTICIPATES_IN"
    role: str = "participant"
    since: int | None = None
    source: str | None = None
    note: str | None = None


class SimilarTo(RelModel):
    """(:Commitment)-[:SIMILAR_TO]->(:Commitment): derived at load time, with its component scores."""

    TYPE: ClassVar[str] = "SIMILAR_TO"
    score: float = Field(description="Sum of weight × value over the components (see queries/discovery_scoring.py).")
    text: float = 0.0
    policy_areas: float = 0.0
    organizations: float = 0.0
    coalition: float = Field(default=0.0, description="1 when both members are in a coalition on a shared area.")
    outcome: float = Field(default=0.0, description="The match's IRM outcome score (0 when not assessed).")
    shared_policy_areas: list[str] = Field(default_factory=list, description="Shared area ids, heaviest first.")
    shared_organizations: list[str] = Field(default_factory=list)


class CommittedToBo(RelModel):
    """(:BoCountry)-[:COMMITTED_TO_BO]->(:BoMechanism): the tracker's sentence naming the commitment."""

    TYPE: ClassVar[str] = "COMMITTED_TO_BO"
    statement: str


REL_TYPES: tuple[str, ...] = (
    HAS_ACTION_PLAN,
    INCLUDES,
    ADDRESSES,
    PART_OF,
    ADVANCES,
    LOCATED_IN,
    IN_REGION,
    BASED_IN,
    FOCUSES_ON,
    CONTINUES,
    Leads.TYPE,
    Supports.TYPE,
    ParticipatesIn.TYPE,
    SimilarTo.TYPE,
    HAS_BO_PROFILE,
    HAS_REGISTER,
    CommittedToBo.TYPE,
)

PROVENANCE_PROPERTIES: tuple[str, ...] = ("source_file", "source_row", "loaded_at", "content_hashes")


class DerivationOwed(NodeModel):
    """Bookkeeping, not data: present while the derived links (``SIMILAR_TO``, ``CONTINUES``) lag behind a load.

    A load that changes anything writes it in the same transaction as its first write; the derivation
    deletes it in the transaction that puts the new links in place. So a run killed between the two (or
    whose derivation failed) leaves it behind, and the next ``ogp load`` or ``ogp serve`` completes the
    derivation. A healthy graph has none. Not a GraphQL type, not in ``NODE_MODELS``.
    """

    LABEL: ClassVar[str] = "DerivationOwed"
    since: str = Field(description="``loaded_at`` of the run whose derivation is owed.")
