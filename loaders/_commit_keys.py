"""Commitment identity shared by both commitment layouts: numbers, natural keys, title matching, taxonomy nodes.

Two rows are the same commitment when member + action plan number + commitment number agree AND
their normalised titles are similar (``titles_match``). Spreadsheets mangle numbers (``1.10`` saved as
``1.1``; ``4.1`` written as ``4.0999999999999996``), so numbers are normalised and a number leading
the title (``"1.10 Open budget"``) repairs a mangled one.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from unidecode import unidecode

from graph.model import OgpValue, PolicyArea
from graph.taxonomy import OGP_VALUES, POLICY_AREAS, legacy_names
from loaders._write import Rel

MISSING_TEXT = {"", "na", "n/a", "nd", "nr", "none", "-"}
TITLE_MATCH = 85.0  # rapidfuzz token_set_ratio of normalised titles at or above which two titles agree
_FLOAT_NOISE = re.compile(r"^(\d+\.\d*?)(0{4,}\d|9{4,}\d)$")
_TITLE_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+)[.):]?\s+\S")


def text_or_none(raw: str | None) -> str | None:
    """The trimmed text, or None for blank and the missing-value codes (NA, N/A, ND, NR)."""
    text = (raw or "").strip()
    return None if text.lower() in MISSING_TEXT else text


def normalise_number(raw: str) -> str:
    """A commitment number as published: float noise removed (``4.0999999999999996`` -> ``4.1``), trailing dot cut."""
    text = raw.strip().rstrip(".")
    if _FLOAT_NOISE.match(text):
        text = repr(round(float(text), 4))
    return text


def title_number(title: str) -> str | None:
    """A dotted number leading the title (``"1.10 Open budget"`` -> ``"1.10"``), if any."""
    match = _TITLE_NUMBER.match(title)
    return match.group(1) if match else None


def repair_number(number: str, title: str) -> str:
    """The true number when the title starts with one the spreadsheet mangled (``1.1`` vs title ``1.10 …``)."""
    leading = title_number(title)
    if leading and leading != number:
        try:
            if float(leading) == float(number):
                return leading
        except ValueError:
            return number
    return number


def natural_key(member_id: str, plan_number: int, number: str) -> str:
    """``member|action plan number|commitment number``: how the two layouts find the same commitment."""
    return f"{member_id}|{plan_number}|{number}"


def normalise_title(title: str) -> str:
    """Lower-case ASCII words of a title, without a leading commitment number."""
    text = unidecode(title).lower()
    text = re.sub(r"^\s*(commitment\s*)?\d+(\.\d+)*[.):]?\s*", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def titles_match(a: str | None, b: str | None) -> bool:
    """True when two titles name the same commitment (rapidfuzz similarity of normalised titles)."""
    if not a or not b:
        return False
    na, nb = normalise_title(a), normalise_title(b)
    if not na or not nb:
        return False
    return na == nb or fuzz.token_set_ratio(na, nb) >= TITLE_MATCH


def taxonomy_nodes() -> tuple[list[PolicyArea], list[Rel], list[OgpValue]]:
    """Every PolicyArea (with its legacy names), the PART_OF links to parents, and the four OgpValues."""
    areas = [
        PolicyArea(id=a.id, name=a.column, parent_id=a.parent_id, legacy_names=legacy_names(a.id)) for a in POLICY_AREAS
    ]
    part_of = [Rel(a.id, a.parent_id) for a in POLICY_AREAS if a.parent_id]
    values = [OgpValue(id=v.id, name=v.name, description=v.description) for v in OGP_VALUES]
    return areas, part_of, values
