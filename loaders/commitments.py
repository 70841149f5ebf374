"""Source: the current OGP commitments spreadsheet layout (171 columns; see ``_commit_columns.py``).

Writes Commitment, Member (+ Region, LOCATED_IN), ActionPlan, PolicyArea (+ PART_OF), OgpValue and
Organization nodes. A commitment's ADDRESSES / ADVANCES / LEADS / SUPPORTS links are authoritative: a
reload removes links the file no longer states, except ADDRESSES links implied by the commitment's
Explorer tags (``legacy_tags``, ``working_groups``), which are kept. A commitment first loaded from
the Explorer layout (synthetic id ``EXPL-…``) is re-keyed to its OGP id, keeping its links.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from graph.backend import Graph
from graph.fields import CURRENT
from graph.model import (
    ADDRESSES,
    ADVANCES,
    HAS_ACTION_PLAN,
    IN_REGION,
    INCLUDES,
    LEADS,
    LOCATED_IN,
    PART_OF,
    SUPPORTS,
    ActionPlan,
    Commitment,
    Member,
    OgpValue,
    PolicyArea,
    Region,
)
from loaders._commit_columns import AREA_COLUMNS, VALUE_COLUMNS, read_declared
from loaders._commit_keys import natural_key, normalise_number, taxonomy_nodes
from loaders._commit_merge import legacy_areas, prune_stale_links, rekey_explorer_nodes
from loaders._commit_orgs import OrgLinks, add_organizations
from loaders._source import Batch, RowError, SourceRow, read_csv, write_batch
from loaders._write import LoadStats, Provenance, Rel
from loaders.member_names import canonical_member_name, member_slug, slugify

logger = logging.getLogger(__name__)

NAME = "ogp-commitments"
DESCRIPTION = "OGP commitments spreadsheet, current layout (one row per commitment, policy areas as 0/1 columns)"
ORDER = 30
LAYOUT = CURRENT
REQUIRED = (
    "Commitment Unique Identifier",
    "Country/Locality",
    "Action Plan Number",
    "Commitment Number",
    "Code",
    "National Or Local",
    "Action Plan ID",
    "Commitment Title",
    "Full Text",
)
_MISSING = {"", "ND", "NR", "NA", "N/A"}


def _none_if_missing(value: Any) -> Any:
    return None if isinstance(value, str) and value.strip() in _MISSING else value


class CurrentRow(BaseModel):
    """The identity, plan and text columns of one row (ratings and 0/1 tags are parsed separately)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    id: str = Field(alias="Commitment Unique Identifier", pattern=r"^[A-Z]{2,6}\d{4}$")
    member: str = Field(alias="Country/Locality", min_length=1)
    plan_number: int = Field(alias="Action Plan Number", ge=1, le=30)
    number: str = Field(alias="Commitment Number", min_length=1)
    code: str = Field(alias="Code", pattern=r"^[A-Z]{3,6}$")
    region: str | None = Field(default=None, alias="Region")
    level: Literal["National", "Legacy Local", "Other"] = Field(alias="National Or Local")
    plan_id: str = Field(alias="Action Plan ID", pattern=r"^AP_[A-Z]{3,6}\d{2}$")
    year: int | None = Field(default=None, alias="Year Of Submission", ge=2010, le=2100)
    end_year: int | None = Field(default=None, alias="Action Plan End Year", ge=2010, le=2100)
    duration: int | None = Field(default=None, alias="Action Plan Duration (Years)", ge=1, le=10)
    title: str = Field(alias="Commitment Title", min_length=1)

    _missing = field_validator("region", "year", "end_year", "duration", mode="before")(_none_if_missing)


def recognise(header: list[str]) -> bool:
    """The current layout: an OGP id column, an action-plan id column and the full text."""
    return {"Commitment Unique Identifier", "Action Plan ID", "Full Text"} <= set(header)


def extract(path: Path) -> Iterator[SourceRow]:
    """The file's rows (raises ``LoadError`` for an empty file, bad encoding or missing columns)."""
    return read_csv(path, REQUIRED)


class _Collected:
    """Nodes and links gathered from valid rows, before they become a ``Batch``."""

    def __init__(self, source_file: str) -> None:
        self.source_file = source_file
        self.commitments: list[tuple[Commitment, int]] = []
        self.members: dict[str, tuple[Member, int]] = {}
        self.plans: dict[str, tuple[ActionPlan, int]] = {}
        self.regions: dict[str, Region] = {}
        self.in_region: set[tuple[str, str]] = set()
        self.located_in: set[tuple[str, str]] = set()
        self.parents: dict[str, str] = {}  # local member id -> country name
        self.has_plan: set[tuple[str, str]] = set()
        self.includes: list[Rel] = []
        self.addresses: list[Rel] = []
        self.advances: list[Rel] = []
        self.orgs = OrgLinks()


@dataclass
class CommitmentBatch(Batch):
    """A ``Batch`` plus what ``load`` needs: institution cells to resolve and the authoritative links."""

    orgs: OrgLinks = field(default_factory=OrgLinks)
    addresses: list[Rel] = field(default_factory=list)
    advances: list[Rel] = field(default_factory=list)


def validate(rows: Iterable[SourceRow], source_file: str) -> CommitmentBatch:
    """Validate every row into graph models; each bad cell becomes a ``RowError`` (file, row, column, why)."""
    batch = CommitmentBatch(source_file)
    out = _Collected(source_file)
    first_row: dict[str, int] = {}
    for row in rows:
        batch.rows_read += 1
        errors = _row(row, out, first_row)
        batch.errors.extend(RowError(source_file, row.number, reason, column) for column, reason in errors)
    _finish(out, batch)
    return batch


def _row(row: SourceRow, out: _Collected, first_row: dict[str, int]) -> list[tuple[str | None, str]]:
    if "__error__" in row.cells:
        return [(None, row.cells["__error__"])]
    errors: list[tuple[str | None, str]] = []
    base: CurrentRow | None = None
    try:
        base = CurrentRow.model_validate(row.cells)
    except ValidationError as exc:
        errors.extend(
            (".".join(str(p) for p in e["loc"]), f"{e['msg']} (got {e.get('input')!r})") for e in exc.errors()
        )
    if base is not None and base.id in first_row:
        errors.append(
            (
                "Commitment Unique Identifier",
                f"duplicate commitment id {base.id!r} (first seen in row {first_row[base.id]})",
            )
        )
    if base is not None and int(base.plan_id[-2:]) != base.plan_number:
        errors.append(("Action Plan ID", f"{base.plan_id!r} does not match Action Plan Number {base.plan_number}"))
    fields, bad_cells = read_declared(row.cells, LAYOUT)
    errors.extend(bad_cells)
    areas = _flags(row, AREA_COLUMNS, errors)
    values = _flags(row, VALUE_COLUMNS, errors)
    if errors or base is None:
        return errors
    first_row[base.id] = row.number
    _collect(row, base, fields, areas, values, out)
    return []


def _flags(row: SourceRow, columns: dict[str, str], errors: list[tuple[str | None, str]]) -> list[str]:
    """Ids whose 0/1 column is 1; ND/NR/NA/blank count as not tagged."""
    found = []
    for column, target in columns.items():
        raw = row.cells.get(column, "").strip()
        if raw == "1":
            found.append(target)
        elif raw not in {"0", *_MISSING}:
            errors.append((column, f"expected 0 or 1 (or ND/NR/NA), got {raw!r}"))
    return found


def _member(base: CurrentRow, out: _Collected, row: int) -> str:
    name = canonical_member_name(base.member)
    member_id = member_slug(name)
    kind: Literal["national", "local"] = "local" if base.level == "Legacy Local" else "national"
    fields: dict[str, Any] = {"id": member_id, "name": name, "code": base.code, "kind": kind}
    if base.region:
        region_id = slugify(base.region)
        out.regions.setdefault(region_id, Region(id=region_id, name=base.region))
        out.in_region.add((member_id, region_id))
        fields["region"] = base.region
    if kind == "local" and "," in name:
        out.parents[member_id] = canonical_member_name(name.rsplit(",", 1)[1])
    out.members.setdefault(member_id, (Member(**fields), row))
    return member_id


def _collect(
    row: SourceRow, base: CurrentRow, fields: dict[str, Any], areas: list[str], values: list[str], out: _Collected
) -> None:
    member_id = _member(base, out, row.number)
    plan = ActionPlan(
        id=base.plan_id,
        member_id=member_id,
        number=base.plan_number,
        submission_year=base.year,
        end_year=base.end_year,
        duration_years=base.duration,
    )
    out.plans.setdefault(plan.id, (plan, row.number))
    out.has_plan.add((member_id, plan.id))
    number = normalise_number(base.number)
    lead, support = fields["lead_institutions_text"], fields["supporting_institutions_text"]
    commitment = Commitment(
        id=base.id,
        title=base.title,
        number=number,
        natural_key=natural_key(member_id, base.plan_number, number),
        member_id=member_id,
        action_plan_id=plan.id,
        year=base.year,
        source_layouts=[LAYOUT],
        **fields,
    )
    out.commitments.append((commitment, row.number))
    out.includes.append(Rel(plan.id, commitment.id))
    out.addresses.extend(Rel(commitment.id, a) for a in areas)
    out.advances.extend(Rel(commitment.id, v) for v in values)
    out.orgs.add(commitment.id, lead, support, member_id=member_id, member_code=base.code)


def _finish(out: _Collected, batch: CommitmentBatch) -> None:
    prov = Provenance
    codes = {m.id: m.code for m, _ in out.members.values() if m.kind == "national"}
    for local_id, country in out.parents.items():
        parent_id = member_slug(country)
        out.located_in.add((local_id, parent_id))
        member, row = out.members[local_id]
        out.members[local_id] = (member.model_copy(update={"country_code": codes.get(parent_id)}), row)
        if parent_id not in out.members:  # the country has no commitment in this file: a bare member node
            out.members[parent_id] = (Member(id=parent_id, name=country, kind="national"), row)
    batch.add_nodes(list(out.regions.values()), [prov(out.source_file)] * len(out.regions))
    batch.add_nodes([m for m, _ in out.members.values()], [prov(out.source_file, r) for _, r in out.members.values()])
    batch.add_nodes([p for p, _ in out.plans.values()], [prov(out.source_file, r) for _, r in out.plans.values()])
    areas, part_of, values = taxonomy_nodes()
    batch.add_nodes(areas, [prov(out.source_file)] * len(areas), list_union=("legacy_names",))
    batch.add_nodes(values, [prov(out.source_file)] * len(values))
    batch.add_nodes(
        [c for c, _ in out.commitments],
        [prov(out.source_file, r) for _, r in out.commitments],
        list_union=("source_layouts", "legacy_tags", "working_groups"),
    )
    batch.add_rels(Member.LABEL, IN_REGION, Region.LABEL, [Rel(m, r) for m, r in sorted(out.in_region)])
    batch.add_rels(Member.LABEL, LOCATED_IN, Member.LABEL, [Rel(a, b) for a, b in sorted(out.located_in)])
    batch.add_rels(Member.LABEL, HAS_ACTION_PLAN, ActionPlan.LABEL, [Rel(m, p) for m, p in sorted(out.has_plan)])
    batch.add_rels(ActionPlan.LABEL, INCLUDES, Commitment.LABEL, out.includes)
    batch.add_rels(PolicyArea.LABEL, PART_OF, PolicyArea.LABEL, part_of)
    batch.add_rels(Commitment.LABEL, ADDRESSES, PolicyArea.LABEL, out.addresses)
    batch.add_rels(Commitment.LABEL, ADVANCES, OgpValue.LABEL, out.advances)
    batch.addresses, batch.advances, batch.orgs = out.addresses, out.advances, out.orgs


async def load(graph: Graph, batch: Batch, loaded_at: str) -> LoadStats:
    """Re-key Explorer-only nodes of the same commitments, resolve organisations, write, prune stale links."""
    assert isinstance(batch, CommitmentBatch), "pass the batch this module's validate() returned"
    commitments = [c for items, _, _ in batch.nodes for c in items if isinstance(c, Commitment)]
    plans = [p for items, _, _ in batch.nodes for p in items if isinstance(p, ActionPlan)]
    await rekey_explorer_nodes(graph, commitments, plans)
    leads, supports = await add_organizations(graph, batch, batch.orgs)
    stats = await write_batch(graph, batch, loaded_at)
    legacy = await legacy_areas(graph, [c.id for c in commitments])
    links = {ADDRESSES: batch.addresses, ADVANCES: batch.advances, LEADS: leads, SUPPORTS: supports}
    # Areas that only the Explorer layout gave (legacy tags) are kept; everything else follows this file.
    keep = {
        rel_type: {c.id: list(legacy.get(c.id, [])) if rel_type == ADDRESSES else [] for c in commitments}
        for rel_type in links
    }
    await prune_stale_links(graph, links, keep, stats)
    return stats
