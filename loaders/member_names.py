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
