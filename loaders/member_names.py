"""Member names and slugs: today's names, the old spellings real exports still use, and the OGP slug.

The member ``id`` is the opengovpartnership.org slug of today's name (``united-kingdom``,
``republic-of-korea``, ``kaduna-state-nigeria``).
"""

from __future__ import annotations

import re

from unidecode import unidecode

# Old or informal names seen in real exports -> today's OGP member name.
FORMER_NAMES: dict[str, str] = {
    "UK": "United Kingdom",
    "USA": "United States",
    "US": "United States",
    "United States of America": "United States",
    "Macedonia": "North Macedonia",
    "FYR Macedonia": "North Macedonia",
    "Slovakia": "Slovak Republic",
    "South Korea": "Republic of Korea",
    "Korea": "Republic of Korea",
    "Korea, Republic of": "Republic of Korea",
    "Kyrgyzstan": "Kyrgyz Republic",
    "Ivory Coast": "Cote d'Ivoire",
    "Côte d'Ivoire": "Cote d'Ivoire",
    "Cape Verde": "Cabo Verde",
    "Czechia": "Czech Republic",
    "Moldova, Republic of": "Moldova",
    "Republic of Moldova": "Moldova",
    "Tanzania, United Republic of": "Tanzania",
    "The Netherlands": "Netherlands",
    "Trinidad & Tobago": "Trinidad and Tobago",
    "Bosnia & Herzegovina": "Bosnia and Herzegovina",
}


# Today's member name -> OGP member code (ISO3 for countries, 4 letters for OGP Local pioneers),
# generated once from ogp_members_seed.csv (plus Kosovo, XKX, from the commitments export) and kept
# here as data, so a loader never has to read another file to know a member's code.
MEMBER_CODES: dict[str, str] = {
    "Afghanistan": "AFG",
    "Albania": "ALB",
    "Argentina": "ARG",
    "Armenia": "ARM",
    "Austin, United States": "USAU",
    "Australia": "AUS",
    "Azerbaijan": "AZE",
    "Basque Country, Spain": "ESPV",
    "Belgium": "BEL",
    "Bojonegoro, Indonesia": "IDBO",
    "Bosnia and Herzegovina": "BIH",
    "Brazil": "BRA",
    "Buenos Aires, Argentina": "ARBA",
    "Bulgaria": "BGR",
    "Burkina Faso": "BFA",
    "Cabo Verde": "CPV",
    "Canada": "CAN",
    "Chile": "CHL",
    "Colombia": "COL",
    "Costa Rica": "CRI",
    "Cote d'Ivoire": "CIV",
    "Croatia": "HRV",
    "Czech Republic": "CZE",
    "Denmark": "DNK",
    "Dominican Republic": "DOM",
    "Ecuador": "ECU",
    "El Salvador": "SLV",
    "Elgeyo-Marakwet, Kenya": "KEEM",
    "Estonia": "EST",
    "Finland": "FIN",
    "France": "FRA",
    "Georgia": "GEO",
    "Germany": "DEU",
    "Ghana": "GHA",
    "Greece": "GRC",
    "Guatemala": "GTM",
    "Honduras": "HND",
    "Hungary": "HUN",
    "Iași, Romania": "ROIS",
    "Indonesia": "IDN",
    "Ireland": "IRL",
    "Israel": "ISR",
    "Italy": "ITA",
    "Jalisco, Mexico": "MXJL",
    "Jamaica": "JAM",
    "Jordan": "JOR",
    "Kaduna State, Nigeria": "NGKD",
    "Kenya": "KEN",
    "Kigoma, Tanzania": "TZKG",
    "Kosovo": "XKX",
    "Kyrgyz Republic": "KGZ",
    "La Libertad, Peru": "PELL",
    "Latvia": "LVA",
    "Liberia": "LBR",
    "Lithuania": "LTU",
    "Luxembourg": "LUX",
    "Madrid, Spain": "ESMD",
    "Malawi": "MWI",
    "Malta": "MLT",
    "Mexico": "MEX",
    "Moldova": "MDA",
    "Mongolia": "MNG",
    "Montenegro": "MNE",
    "Morocco": "MAR",
    "Nariño, Colombia": "CONR",
    "Netherlands": "NLD",
    "New Zealand": "NZL",
    "Nigeria": "NGA",
    "North Macedonia": "MKD",
    "Norway": "NOR",
    "Ontario, Canada": "CAON",
    "Pakistan": "PAK",
    "Panama": "PAN",
    "Papua New Guinea": "PNG",
    "Paraguay": "PRY",
    "Paris, France": "FRPA",
    "Peru": "PER",
    "Philippines": "PHL",
    "Portugal": "PRT",
    "Republic of Korea": "KOR",
    "Romania": "ROU",
    "Scotland, United Kingdom": "GBSC",
    "Sekondi-Takoradi, Ghana": "GHST",
    "Senegal": "SEN",
    "Seoul, Republic of Korea": "KRSE",
    "Serbia": "SRB",
    "Seychelles": "SYC",
    "Sierra Leone": "SLE",
    "Slovak Republic": "SVK",
    "South Africa": "ZAF",
    "South Cotabato, Philippines": "PHSC",
    "Spain": "ESP",
    "Sri Lanka": "LKA",
    "Sweden": "SWE",
    "São Paulo, Brazil": "BRSP",
    "Tanzania": "TZA",
    "Tbilisi, Georgia": "GETB",
    "Trinidad and Tobago": "TTO",
    "Tunisia": "TUN",
    "Turkey": "TUR",
    "Ukraine": "UKR",
    "United Kingdom": "GBR",
    "United States": "USA",
    "Uruguay": "URY",
}
CODE_MEMBERS: dict[str, str] = {code: name for name, code in MEMBER_CODES.items()}


def local_member_name(locality: str, country: str) -> str:
    """The member name of an OGP Local member as OGP writes it: ``Kaduna State, Nigeria``."""
    return f"{' '.join(locality.split())}, {canonical_member_name(country)}"


def member_code(name: str) -> str | None:
    """The member code for a (possibly old) member name, or None when the member is not in the table."""
    return MEMBER_CODES.get(canonical_member_name(name))


def canonical_member_name(name: str) -> str:
    """Today's member name for a (possibly old) spelling; unknown names come back trimmed."""
    cleaned = " ".join(name.split())
    return FORMER_NAMES.get(cleaned, cleaned)


def member_slug(name: str) -> str:
    """The OGP website slug for a member name (``Cote d'Ivoire`` -> ``cote-divoire``)."""
    ascii_name = unidecode(canonical_member_name(name)).lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def slugify(text: str) -> str:
    """A lower-case ASCII slug (policy areas, coalitions, organisations)."""
    ascii_text = unidecode(text).lower().replace("'", "").replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
