"""THE graph model: one pydantic model per node label and per relationship that carries properties.

Each property is declared once, beside its type (``Annotated[type, Prop(...)]``, see ``graph/fields.py``):
the GraphQL types, filters, sorts, projections and the loaders' column maps are derived from it.
Everything else (loaders, Cypher in ``queries/``, the GraphQL types) is checked against this file by
``tests/unit/test_model_consistency.py``. Every node has a stable, source-derived ``id``. The Commitment
model, with its ~45 properties, is in ``graph/commitment.py``. Provenance (``source_file``,
``source_row``, ``loaded_at``) is added by the writer, not by each model.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from graph.commitment import Commitment as Commitment
from graph.fields import MAX_ID_CHARS as MAX_ID_CHARS
from graph.fields import Choices, NodeId, Prop
from graph.fields import NodeModel as NodeModel
from graph.fields import RelModel as RelModel

MemberKind = Literal["national", "local"]
MEMBER_KINDS = Choices(
    "MemberKind",
    "National member (a country) or local member (a city, state or region).",
    {"national": "A national government.", "local": "A local government (OGP Local)."},
)
OrganizationKind = Literal["government", "civil_society", "parliament", "private", "multilateral", "unknown"]
ORGANIZATION_KINDS = Choices(
    "OrganizationKind",
    "What kind of body an organisation is.",
    {
        "government": "A government ministry, agency or office.",
        "civil_society": "A civil-society organisation.",
        "parliament": "A parliament or legislative body.",
        "private": "A company or business association.",
        "multilateral": "An international or multilateral body.",
        "unknown": "Not classified yet.",
    },
)
NAME = Prop("Name.", filter=True, sort=True, sort_description="Name, case-insensitive.")


class Region(NodeModel):
    """An OGP region (Africa and the Middle East, Americas, Asia and the Pacific, Europe)."""

    LABEL: ClassVar[str] = "Region"
    id: Annotated[NodeId, Prop("Region slug (`europe`).")]
    name: Annotated[str, Prop("Region name.")]


class Member(NodeModel):
    """A national or local OGP member; ``id`` is the opengovpartnership.org slug (``united-kingdom``)."""

    LABEL: ClassVar[str] = "Member"
    id: Annotated[NodeId, Prop("OGP website slug (`united-kingdom`, `kaduna-state-nigeria`).", filter=True, sort=True)]
    name: Annotated[
        str, Prop("Name of the member.", filter=True, sort=True, sort_description="Name, case-insensitive.")
    ]
    code: Annotated[str | None, Prop("Member code (`GBR`, `NGKD`).", filter=True)] = None
    kind: Annotated[MemberKind, Prop("National or local member.", filter=True, choices=MEMBER_KINDS)] = "national"
    region: Annotated[str | None, Prop("Name of its region (the `region` field gives the node).", shown=None)] = None
    country_code: Annotated[str | None, Prop("For a local member, its country's code.")] = None
    joined_year: Annotated[int | None, Prop("Year the member joined OGP.", filter=True, sort=True)] = None
    last_year_participating: Annotated[
        int | None, Prop("Last year it participated (when it left or went inactive).")
    ] = None
    founding_member: Annotated[bool | None, Prop("One of the eight founding members (2011).", filter=True)] = None
    status: Annotated[str | None, Prop("Membership status.", filter=True)] = None
    former_names: Annotated[list[str], Prop("Older names found in the sources (`UK`, `Macedonia`).")] = Field(
        default_factory=list
    )
    url: Annotated[str | None, Prop("Member page on opengovpartnership.org.")] = None


class ActionPlan(NodeModel):
    """A member's two-year action plan (``AP_ALB01``), with the 2016 IRM process facts where known."""

    LABEL: ClassVar[str] = "ActionPlan"
    id: Annotated[NodeId, Prop("OGP action plan id (`AP_ALB01`).")]
    member_id: Annotated[str, Prop("Slug of the member whose plan it is.", shown=None)]
    number: Annotated[int, Prop("1 for the member's first plan, 2 for the second, …")]
    submission_year: Annotated[int | None, Prop("Year the plan was submitted.")] = None
    end_year: Annotated[int | None, Prop("Year the plan ends.")] = None
    duration_years: Annotated[int | None, Prop("Planned duration in years.")] = None
    consultation_steps_followed: Annotated[int | None, Prop("Consultation steps followed, out of 6 (IRM 2016).")] = None
    regular_forum: Annotated[bool | None, Prop("A regular multi-stakeholder forum met (IRM 2016).")] = None
    open_participation_development: Annotated[
        bool | None, Prop("Participation in development was open (IRM 2016).")
    ] = None
    iap2_level_development: Annotated[str | None, Prop("IAP2 participation level during development (IRM 2016).")] = (
        None
    )
    iap2_level_implementation: Annotated[
        str | None, Prop("IAP2 participation level during implementation (IRM 2016).")
    ] = None
    self_assessment_published: Annotated[
        bool | None, Prop("The government published a self-assessment (IRM 2016).")
    ] = None


class PolicyArea(NodeModel):
    """An OGP policy area (slug of today's taxonomy), e.g. ``open-contracting``."""

    LABEL: ClassVar[str] = "PolicyArea"
    id: Annotated[NodeId, Prop("Policy area slug (`open-contracting`).")]
    name: Annotated[str, Prop("Name.")]
    parent_id: Annotated[str | None, Prop("Id of the broader area it is part of.", shown=None)] = None
    legacy_names: Annotated[list[str], Prop("Older tag names mapped onto it.")] = Field(default_factory=list)


class OgpValue(NodeModel):
    """One of the four OGP values."""

    LABEL: ClassVar[str] = "OgpValue"
    id: Annotated[NodeId, Prop("Value slug (`access-to-information`).")]
    name: Annotated[str, Prop("Name.")]
    description: Annotated[str, Prop("What the value means.")]


class Organization(NodeModel):
    """A government body, CSO, parliament, company or multilateral named in commitments.

    An organisation belongs to its member (``member_id``; the ``id`` starts with the member code,
    ``alb-council-of-ministers``) unless it is international (``world-bank``); a national chapter of an
    international network is its own node, linked to the network by ``CHAPTER_OF``.
    """

    LABEL: ClassVar[str] = "Organization"
    FULLTEXT: ClassVar[tuple[str, ...]] = ("name",)
    id: Annotated[NodeId, Prop("Normalised slug (`alb-council-of-ministers`).", filter=True, sort=True)]
    name: Annotated[str, NAME]
    kind: Annotated[OrganizationKind, Prop("What kind of body it is.", filter=True, choices=ORGANIZATION_KINDS)] = (
        "unknown"
    )
    member_id: Annotated[
        str | None,
        Prop("Slug of the member a national body belongs to.", shown=None, filter=True, filter_name="member"),
    ] = None
    aliases: Annotated[list[str], Prop("Every spelling found in the sources.")] = Field(default_factory=list)


class Coalition(NodeModel):
    """A group convened around a policy area, e.g. the Beneficial Ownership Leadership Group."""

    LABEL: ClassVar[str] = "Coalition"
    id: Annotated[NodeId, Prop("Coalition slug.")]
    name: Annotated[str, Prop("Name.")]
    description: Annotated[str | None, Prop("What the coalition does.")] = None
    url: Annotated[str | None, Prop("Web page.")] = None
    source: Annotated[str | None, Prop("Where the membership list comes from.")] = None


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
# (:Organization)-[:CHAPTER_OF]->(:Organization)   a national chapter, secretariat or chamber -> its international
# network (Transparency International Georgia -> Transparency International; GHEITI -> EITI)
CHAPTER_OF = "CHAPTER_OF"


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
    """(:Commitment)-[:SIMILAR_TO]->(:Commitment): derived at load time, with its components and what the pair shares.

    ``score`` = text evidence (``meaning``, ``words``) × (1 + bonuses for shared areas and organisations);
    see ``discovery/ranking.py``. Each commitment keeps its 40 most alike in other members and 5 in its own.
    A property at its default (0, an empty list) is not written: readers take a missing one as the default.
    """

    TYPE: ClassVar[str] = "SIMILAR_TO"
    score: float = Field(description="Alike score: the sum of the components' contributions.")
    meaning: float = Field(default=0.0, description="How alike the texts mean (multilingual encoder), 0-1.")
    words: float = Field(default=0.0, description="How alike the texts' distinctive words are (TF-IDF), 0-1.")
    policy_areas: float = Field(default=0.0, description="Overlap of policy areas (specific ones weigh more), 0-1.")
    organizations: float = Field(default=0.0, description="Overlap of lead/supporting organisations, 0-1.")
    member_rank: int = Field(default=1, description="Rank among the matches of the same member (1 = most alike).")
    shared_policy_areas: list[str] = Field(default_factory=list, description="Shared area ids, heaviest first.")
    shared_organizations: list[str] = Field(default_factory=list)
    shared_terms: list[str] = Field(default_factory=list, description="Distinctive words both texts use (folded).")


class CommittedToBo(RelModel):
    """(:BoCountry)-[:COMMITTED_TO_BO]->(:BoMechanism): the tracker's sentence naming the commitment."""

    TYPE: ClassVar[str] = "COMMITTED_TO_BO"
    statement: str


# Relationship types with properties, by name (use these, never the string).
LEADS = Leads.TYPE
SUPPORTS = Supports.TYPE
PARTICIPATES_IN = ParticipatesIn.TYPE
SIMILAR_TO = SimilarTo.TYPE
COMMITTED_TO_BO = CommittedToBo.TYPE

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
    CHAPTER_OF,
)

# Derived links are written under a staging type first and promoted commitment by commitment
# (loaders/derived_links.py), so a derivation too large for one transaction never shows half a set.
DERIVED_TYPES: tuple[str, ...] = (SimilarTo.TYPE, CONTINUES)
STAGED_SUFFIX = "_STAGED"


def staged_type(rel_type: str) -> str:
    """The staging type of a derived link type (``SIMILAR_TO`` -> ``SIMILAR_TO_STAGED``): no query reads it."""
    if rel_type not in DERIVED_TYPES:
        raise ValueError(f"{rel_type} is not a derived link type ({', '.join(DERIVED_TYPES)})")
    return rel_type + STAGED_SUFFIX


# Written by loaders/_write.py on every node: the last source (file, row, loaded_at), one content hash per
# source file, every source row (``sources``) and what each stated (``source_values``, commitments).
PROVENANCE_PROPERTIES: tuple[str, ...] = (
    "source_file",
    "source_row",
    "loaded_at",
    "content_hashes",
    "sources",
    "source_values",
)
# How authoritative each commitment source is (by ``ogp sources`` name): the most authoritative source of
# a commitment owns its node (texts, ratings, links); the others add tags and provenance only.
SOURCE_RANK: dict[str, int] = {"ogp-commitments": 3, "irm-explorer": 2, "irm-combined-2015": 1}


class DerivationOwed(NodeModel):
    """Bookkeeping, not data: present while the derived links (``SIMILAR_TO``, ``CONTINUES``) lag behind a load.

    A load that changes anything writes it in the same transaction as its first write; the derivation
    deletes it in its last transaction, once every new link is in place (``loaders/derived_links.py``).
    So a run killed between the two (or whose derivation failed) leaves it behind, and the next
    ``ogp load`` or ``ogp serve`` completes the derivation. A healthy graph has none. Not a GraphQL type,
    not in ``NODE_MODELS``.
    """

    LABEL: ClassVar[str] = "DerivationOwed"
    since: str = Field(description="``loaded_at`` of the run whose derivation is owed.")
