"""Commitment keys shared by the commitment layouts: numbers, natural keys, stated values, taxonomy nodes.

Spreadsheets mangle numbers (``4.1`` written as ``4.0999999999999996``), so numbers are normalised. Which
rows are the same commitment across layouts is decided by ``loaders/_commit_match.py``.
"""

from __future__ import annotations

import re
from typing import Any

from graph.model import Commitment, OgpValue, PolicyArea
from graph.taxonomy import OGP_VALUES, POLICY_AREAS, legacy_names
from loaders._write import Rel

_FLOAT_NOISE = re.compile(r"^(\d+\.\d*?)(0{4,}\d|9{4,}\d)$")


def normalise_number(raw: str) -> str:
    """A commitment number as published: float noise removed (``4.0999999999999996`` -> ``4.1``), trailing dot cut."""
    text = raw.strip().rstrip(".")
    if _FLOAT_NOISE.match(text):
        text = repr(round(float(text), 4))
    return text


def natural_key(member_id: str, plan_number: int, number: str) -> str:
    """``member|action plan number|commitment number`` (or a content key): a commitment within its plan."""
    return f"{member_id}|{plan_number}|{number}"


# Commitment list properties that accumulate over sources instead of being replaced.
LIST_UNION = ("source_layouts", "legacy_tags", "working_groups")
# Commitment fields that are keys or derived, not something a source row states.
_NOT_STATED = frozenset({"id", "natural_key", "member_id", "action_plan_id", "outcome_score", "starred", *LIST_UNION})


def stated_values(commitment: Commitment) -> dict[str, Any]:
    """What a source row said about a commitment (texts, number, ratings as read), for per-source provenance."""
    return {
        name: value
        for name, value in commitment.model_dump(exclude_unset=True).items()
        if name not in _NOT_STATED and not name.endswith("_level") and value is not None
    }


def taxonomy_nodes() -> tuple[list[PolicyArea], list[Rel], list[OgpValue]]:
    """Every PolicyArea (with its legacy names), the PART_OF links to parents, and the four OgpValues."""
    areas = [
        PolicyArea(id=a.id, name=a.column, parent_id=a.parent_id, legacy_names=legacy_names(a.id)) for a in POLICY_AREAS
    ]
    part_of = [Rel(a.id, a.parent_id) for a in POLICY_AREAS if a.parent_id]
    values = [OgpValue(id=v.id, name=v.name, description=v.description) for v in OGP_VALUES]
    return areas, part_of, values
