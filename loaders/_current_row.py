"""One row of the current OGP commitments layout into graph models: its member, action plan and commitment.

The columns that identify a row are strict (``CurrentRow``: a row without them cannot be placed); every other
cell is read leniently (``loaders/_cells.py``: a value we cannot use is a warning). The models are all built
before any is kept, so a value the graph model refuses (a member name whose id would be too long) refuses
that row, with its number, and leaves nothing of it behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.model import ActionPlan, Commitment, Member, Region
from loaders._cells import Cells
from loaders._commit_columns import read_declared
from loaders._commit_keys import natural_key, normalise_number
from loaders.member_names import canonical_member_name, member_code, member_slug, slugify

LEVELS = ("National", "Legacy Local", "Other")
CODE = re.compile(r"^[A-Z]{3,6}$")


class CurrentRow(BaseModel):
    """The columns that identify a row (strict: a row without them cannot be placed); the rest is read leniently."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    id: str = Field(alias="Commitment Unique Identifier", pattern=r"^[A-Z]{2,6}\d{4}$")
    member: str = Field(alias="Country/Locality", min_length=1, pattern=r"^[^@]*$")
    plan_number: int = Field(alias="Action Plan Number", ge=1, le=30)
    plan_id: str = Field(alias="Action Plan ID", pattern=r"^AP_[A-Z]{3,6}\d{2}$")
    title: str = Field(alias="Commitment Title", min_length=1)


# The column each graph-model field is read from, for a model error (a member name whose id would be too long).
MODEL_COLUMNS = {
    "Member.id": "Country/Locality",
    "Member.name": "Country/Locality",
    "Member.region": "Region",
    "Region.id": "Region",
    "Region.name": "Region",
    "ActionPlan.member_id": "Country/Locality",
    "Commitment.member_id": "Country/Locality",
    "Commitment.natural_key": "Commitment Number",
}


@dataclass(frozen=True)
class RowMember:
    """A row's member, its region and (for a local member) the name of its country."""

    model: Member
    region: Region | None
    country: str | None


def row_member(cells: Cells, base: CurrentRow) -> RowMember:
    """The row's member (its code taken from the name when the cell is not a code, warned)."""
    name = canonical_member_name(base.member)
    member_id = member_slug(name)
    level = cells.raw("National Or Local")
    if level not in LEVELS:
        cells.warn("National Or Local", f"expected one of {', '.join(LEVELS)}, got {level!r}; read as National")
    kind: Literal["national", "local"] = "local" if level == "Legacy Local" else "national"
    fields: dict[str, Any] = {"id": member_id, "name": name, "kind": kind}
    code = cells.raw("Code")
    if CODE.match(code):
        fields["code"] = code
    elif member_code(name):
        fields["code"] = member_code(name)
        cells.warn("Code", f"not a member code: {code!r}; used {fields['code']!r} (the code of {name})")
    else:
        cells.warn("Code", f"not a member code: {code!r}; left empty")
    region_name = cells.text("Region")
    region = Region(id=slugify(region_name), name=region_name) if region_name else None
    if region is not None:
        fields["region"] = region_name
    country = canonical_member_name(name.rsplit(",", 1)[1]) if kind == "local" and "," in name else None
    return RowMember(Member(**fields), region, country)


def row_plan(cells: Cells, base: CurrentRow, member_id: str) -> ActionPlan:
    """The row's action plan."""
    return ActionPlan(
        id=base.plan_id,
        member_id=member_id,
        number=base.plan_number,
        submission_year=cells.integer("Year Of Submission", 2010, 2100),
        end_year=cells.integer("Action Plan End Year", 2010, 2100),
        duration_years=cells.integer("Action Plan Duration (Years)", 1, 10),
    )


def row_commitment(cells: Cells, base: CurrentRow, plan: ActionPlan, layout: str) -> Commitment:
    """The row's commitment: identity from ``base``, every declared column read leniently (``read_declared``)."""
    number = normalise_number(cells.raw("Commitment Number")) or None
    if number is None:
        cells.warn("Commitment Number", "no commitment number; the commitment is keyed by its OGP id")
    return Commitment(
        id=base.id,
        title=cells.text("Commitment Title") or base.title,
        number=number,
        natural_key=natural_key(plan.member_id, base.plan_number, number or base.id),
        member_id=plan.member_id,
        action_plan_id=plan.id,
        year=plan.submission_year,
        source_layouts=[layout],
        **read_declared(cells, layout),
    )
