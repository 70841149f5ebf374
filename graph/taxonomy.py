"""OGP's policy-area taxonomy, the four OGP values, and how the 2011-2016 Explorer tags map onto them.

Policy areas are today's 0/1 columns of the OGP commitments spreadsheet, in column order. Parents
follow OGP's public taxonomy (opengovpartnership.org/policy-areas): a broad area's column comes right
before its sub-areas. Columns after ``Justice``'s sub-areas are not grouped by OGP; we chose:

- ``Open Parliaments``, ``Public Service Delivery``, ``Democratizing Decision-Making`` are broad areas
  themselves; the service sectors (education, health, water …) sit under Public Service Delivery;
  ``Legislative Oversight``, ``Open Parliament Plan`` and ``Participation in Lawmaking`` under Open Parliaments;
  ``Public Participation`` under Democratizing Decision-Making; ``Digital Transformation`` under Digital
  Governance; natural-resource sectors (energy, extractives, land) under Environment & Climate;
  ``Media & Telecommunications`` and ``Human Rights`` under Civic Space; ``Security & Public Safety`` under
  Justice; ``Aid`` under Fiscal Openness; ``Money in Politics`` under Anti-Corruption and Integrity;
  the ``Open Data (…)`` sector columns under Open Data.
- Cross-cutting tags (Open Data, Capacity Building, Legislation, Regulation, Private Sector, Subnational,
  Labor, Science & Technology, Sustainable Development Goals, Access to information) have no parent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode


def area_slug(name: str) -> str:
    """The id of a policy area or value name (``Environment & Climate`` -> ``environment-and-climate``)."""
    ascii_text = unidecode(name).lower().replace("'", "").replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass(frozen=True)
class AreaDef:
    """One policy area: the column name in the current layout, its id, and its parent's id."""

    column: str
    id: str
    parent_id: str | None


# (column, parent column or None) in the current layout's column order.
_AREAS: tuple[tuple[str, str | None], ...] = (
    ("Anti-Corruption and Integrity", None),
    *(
        (c, "Anti-Corruption and Integrity")
        for c in (
            "Anti-corruption Institutions",
            "Anti-Corruption Strategies",
            "Asset Disclosure",
            "Audits",
            "Beneficial Ownership",
            "Conflicts Of Interest",
            "Elections",
            "Political Finance",
            "Lobbying",
            "Open Contracting",
            "Public Procurement",
            "Right To Information",
            "Whistleblower Protections",
        )
    ),
    ("Civic Space and Enabling Environment", None),
    *(
        (c, "Civic Space and Enabling Environment")
        for c in ("Freedom of Assembly", "Freedom of Association", "Freedom of Expression")
    ),
    ("Democratizing Decision-Making", None),
    *(
        (c, "Democratizing Decision-Making")
        for c in (
            "Digital Participation",
            "Mainstreaming Participation",
            "Regulatory Governance",
            "Social Accountability",
        )
    ),
    ("Digital Governance", None),
    *(
        (c, "Digital Governance")
        for c in (
            "Automated Decision-making",
            "Data Stewardship and Privacy",
            "Digital Inclusion",
            "Disinformation/Misinformation",
            "Online Civic Space",
        )
    ),
    ("Environment & Climate", None),
    *(
        (c, "Environment & Climate")
        for c in (
            "Climate Finance",
            "Climate Mitigation and Adaptation",
            "Environmental Regulation",
            "International Environmental Agreements",
        )
    ),
    ("Fiscal Openness", None),
    *(
        (c, "Fiscal Openness")
        for c in (
            "Publication Of Budget/Fiscal Information",
            "Public Participation In Budget/Fiscal Policy",
            "Oversight Of Budget/Fiscal Policies",
            "Stimulus and Economic Recovery",
            "Tax",
            "Debt",
        )
    ),
    ("Inclusion", None),
    *(
        (c, "Inclusion")
        for c in (
            "Gender",
            "Gender-Based Violence",
            "Economic Inclusion",
            "LGBTQIA+",
            "People with Disabilities",
            "Youth",
        )
    ),
    ("Justice", None),
    *((c, "Justice") for c in ("Access to Justice", "Open Justice", "Policing & Corrections", "Judiciary")),
    ("Open Parliaments", None),
    ("Public Service Delivery", None),
    *(
        (c, "Public Service Delivery")
        for c in (
            "Citizenship & Immigration",
            "Education",
            "Health & Nutrition",
            "Infrastructure & Transport",
            "Water & Sanitation",
        )
    ),
    ("Capacity Building", None),
    ("Digital Transformation", "Digital Governance"),
    ("Legislation", None),
    ("Regulation", None),
    ("Legislative Oversight", "Open Parliaments"),
    ("Open Data", None),
    ("Public Participation", "Democratizing Decision-Making"),
    ("Aid", "Fiscal Openness"),
    ("Energy", "Environment & Climate"),
    ("Extractive Industries", "Environment & Climate"),
    ("Land and Spatial Planning", "Environment & Climate"),
    ("Media & Telecommunications", "Civic Space and Enabling Environment"),
    ("Science & Technology", None),
    ("Security & Public Safety", "Justice"),
    ("Labor", None),
    ("Private Sector", None),
    ("Subnational", None),
    ("Human Rights", "Civic Space and Enabling Environment"),
    ("Open Parliament Plan", "Open Parliaments"),
    ("Sustainable Development Goals", None),
    ("Open Data (Water/Sanitation)", "Open Data"),
    ("Open Data (Health)", "Open Data"),
    ("Open Data (Education)", "Open Data"),
    ("Participation in Lawmaking", "Open Parliaments"),
    ("Access to information", None),
    ("Money in Politics", "Anti-Corruption and Integrity"),
)

POLICY_AREAS: tuple[AreaDef, ...] = tuple(
    AreaDef(column, area_slug(column), area_slug(parent) if parent else None) for column, parent in _AREAS
)
AREA_BY_COLUMN: dict[str, AreaDef] = {a.column: a for a in POLICY_AREAS}
AREA_BY_ID: dict[str, AreaDef] = {a.id: a for a in POLICY_AREAS}

# The 2011-2016 IRM Explorer's policy tags -> today's area ids (one or two each).
LEGACY_TAGS: dict[str, tuple[str, ...]] = {
    "Anti-corruption": ("anti-corruption-and-integrity",),
    "Audits & Controls": ("audits",),
    "Citizen Budgets": ("publication-of-budget-fiscal-information", "public-participation-in-budget-fiscal-policy"),
    "E-petitions": ("digital-participation", "public-participation"),
    "Records Management": ("right-to-information",),
    "Elections & Political Finance": ("elections", "political-finance"),
    "Law Enforcement & Justice": ("policing-and-corrections", "justice"),
    "E-government": ("digital-transformation",),
    "Legislation & Regulation": ("legislation", "regulation"),
    "Legislature": ("open-parliaments",),
    "Natural Resources": ("extractive-industries", "environment-and-climate"),
    "Gender & Sexuality": ("gender", "lgbtqia"),
    "Marginalized Communities": ("inclusion",),
    "Access to information": ("right-to-information", "access-to-information"),
    "Open Data": ("open-data",),
    "Public Participation": ("public-participation",),
    "Fiscal Transparency": ("fiscal-openness",),
    "Budget Transparency": ("publication-of-budget-fiscal-information",),
    "Public Service Delivery": ("public-service-delivery",),
    "Health": ("health-and-nutrition",),
    "Education": ("education",),
    "Water and Sanitation": ("water-and-sanitation",),
    "Private Sector": ("private-sector",),
    "Human Rights": ("human-rights",),
    "Judiciary": ("judiciary",),
    "Whistleblower Protections": ("whistleblower-protections",),
    "Asset Disclosure": ("asset-disclosure",),
    "Conflicts of Interest": ("conflicts-of-interest",),
    "Lobbying": ("lobbying",),
    "Public Procurement": ("public-procurement",),
    "Open Contracting": ("open-contracting",),
    "Infrastructure": ("infrastructure-and-transport",),
    "Extractive Industries": ("extractive-industries",),
    "Land": ("land-and-spatial-planning",),
    "Media": ("media-and-telecommunications",),
    "Science & Technology": ("science-and-technology",),
    "Labor": ("labor",),
    "Aid": ("aid",),
    "Capacity Building": ("capacity-building",),
    "Subnational": ("subnational",),
    "Security": ("security-and-public-safety",),
    "Citizenship & Immigration": ("citizenship-and-immigration",),
    "Defense": ("security-and-public-safety",),
    # The IRM Combined Database of May 2015 (SOURCES.md entry 10) names some tags its own way.
    "Anti-Corruption": ("anti-corruption-and-integrity",),
    "Participatory Budgeting": ("public-participation-in-budget-fiscal-policy",),
    "Social Audits": ("social-accountability",),
    "Access to Information": ("right-to-information", "access-to-information"),
    "Public Service Delivery Improvement": ("public-service-delivery",),
    "Sub-national governance": ("subnational",),
    "Health & Nutrition": ("health-and-nutrition",),
    # Listed under "Sectors" in 2015, like Education and Health: a service sector.
    "Welfare & Social Security": ("public-service-delivery",),
    "Water & Sanitation": ("water-and-sanitation",),
    "Public Safety": ("security-and-public-safety",),
    "Media & Telecommunications": ("media-and-telecommunications",),
    # Commitments about NGOs' legal and fiscal environment (registration, funding, status).
    "Nonprofits": ("civic-space-and-enabling-environment",),
    # "OGP": commitments about the OGP process itself; today's taxonomy has no such area (kept as a tag only).
    "OGP": (),
}


# The tag columns of each legacy layout, in file order (every name is a key of LEGACY_TAGS).
EXPLORER_TAG_COLUMNS: tuple[str, ...] = tuple(LEGACY_TAGS)[: tuple(LEGACY_TAGS).index("Defense") + 1]
COMBINED_2015_TAG_COLUMNS: tuple[str, ...] = (
    "Anti-Corruption",
    "Conflicts of Interest",
    "Asset Disclosure",
    "Audits & Controls",
    "Whistleblower Protections",
    "Budget Transparency",
    "Citizen Budgets",
    "Participatory Budgeting",
    "E-petitions",
    "Social Audits",
    "Public Participation",
    "Public Procurement",
    "Access to Information",
    "Records Management",
    "Open Data",
    "Elections & Political Finance",
    "Law Enforcement & Justice",
    "Public Service Delivery Improvement",
    "E-government",
    "Capacity Building",
    "Legislation & Regulation",
    "Private Sector",
    "Legislature",
    "Sub-national governance",
    "Judiciary",
    "Media & Telecommunications",
    "Education",
    "Health & Nutrition",
    "Citizenship & Immigration",
    "Welfare & Social Security",
    "Water & Sanitation",
    "Infrastructure",
    "Public Safety",
    "Defense",
    "Natural Resources",
    "Aid",
    "Nonprofits",
    "Labor",
    "Science & Technology",
    "Gender & Sexuality",
    "Human Rights",
    "OGP",
)


def legacy_names(area_id: str) -> list[str]:
    """The Explorer tags that map onto ``area_id`` (sorted)."""
    return sorted(tag for tag, ids in LEGACY_TAGS.items() if area_id in ids)


# The OGP Support Unit's thematic working groups of 2011-2016 (Explorer columns) -> today's area.
WORKING_GROUPS: dict[str, str] = {
    "ODWG": "open-data",
    "FOWG": "fiscal-openness",
    "LOWG": "open-parliaments",
    "ATWG": "right-to-information",
    "ONRWG": "extractive-industries",
}


@dataclass(frozen=True)
class ValueDef:
    """One OGP value with its Articles-of-Governance description and its column in each layout."""

    id: str
    name: str
    description: str
    current_column: str
    explorer_column: str


OGP_VALUES: tuple[ValueDef, ...] = (
    ValueDef(
        "access-to-information",
        "Access to Information",
        "Government disclosure of information, or improving the quality or accessibility of information to the public.",
        "OGP Value Access To Information",
        "Value -Info",
    ),
    ValueDef(
        "civic-participation",
        "Civic Participation",
        "Government seeking to mobilise citizens to engage in public debate, provide input and make "
        "contributions that lead to more responsive, innovative and effective governance.",
        "OGP Value Civic Participation",
        "Value -Part",
    ),
    ValueDef(
        "public-accountability",
        "Public Accountability",
        "Rules, regulations and mechanisms that call upon government actors to justify their actions, "
        "act upon criticisms or requirements, and accept responsibility for failure to perform.",
        "OGP Value Public Accountability",
        "Value -Acc",
    ),
    ValueDef(
        "technology-and-innovation",
        "Technology and Innovation for Openness and Accountability",
        "Using technology to give citizens more access to information, more say in decisions, or new "
        "means of holding government to account.",
        "OGP Value Technology",
        "Value -Tech",
    ),
)
