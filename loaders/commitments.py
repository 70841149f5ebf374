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

from pydantic import ValidationError

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
from loaders._cells import Cells
from loaders._commit_columns import AREA_COLUMNS, VALUE_COLUMNS
from loaders._commit_keys import LIST_UNION, stated_values, taxonomy_nodes
from loaders._commit_merge import (
    LAYOUT_RANK,
    absorb,
    legacy_areas,
    legacy_nodes_of,
    prune_stale_links,
    rekey_legacy_plans,
)
from loaders._commit_orgs import OrgLinks, add_organizations
from loaders._current_row import MODEL_COLUMNS, CurrentRow, RowMember, row_commitment, row_member, row_plan
from loaders._source import Batch, RowError, SourceRow, model_errors, read_csv, write_batch
from loaders._write import LoadStats, Provenance, Rel, write_rels
from loaders.member_names import member_slug

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
        self.commitments: dict[str, tuple[Commitment, int]] = {}
        self.more_rows: dict[str, list[int]] = {}  # commitment id -> rows repeating it (same content)
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

    def institution_cells(self) -> OrgLinks:
        """Every institution cell of the file (for ``seed_organizations``)."""
        return self.orgs


def validate(rows: Iterable[SourceRow], source_file: str) -> CommitmentBatch:
    """Validate every row into graph models: a row that cannot be identified is a ``RowError``; a value we
    cannot use is a warning (the row loads); a row repeating a commitment (same id, same content) is merged."""
    batch = CommitmentBatch(source_file)
    out = _Collected(source_file)
    for row in rows:
        batch.rows_read += 1
        errors = _row(row, out, batch)
        batch.errors.extend(RowError(source_file, row.number, reason, column) for column, reason in errors)
    batch.rows_merged = sum(len(r) for r in out.more_rows.values())
    batch.rows_loaded = len(out.commitments)
    _finish(out, batch)
    return batch


def _row(row: SourceRow, out: _Collected, batch: CommitmentBatch) -> list[tuple[str | None, str]]:
    if "__error__" in row.cells:
        return [(None, row.cells["__error__"])]
    try:
        base = CurrentRow.model_validate(row.cells)
    except ValidationError as exc:
        return model_errors(exc)
    cells = Cells(row, batch)
    if int(base.plan_id[-2:]) != base.plan_number:
        cells.warn("Action Plan ID", f"{base.plan_id!r} does not match Action Plan Number {base.plan_number}")
    try:  # every model of the row is built before any is kept: a refused row leaves nothing behind
        member = row_member(cells, base)
        plan = row_plan(cells, base, member.model.id)
        commitment = row_commitment(cells, base, plan, LAYOUT)
    except ValidationError as exc:
        return model_errors(exc, MODEL_COLUMNS)
    first = out.commitments.get(base.id)
    if first is not None and stated_values(first[0]) != stated_values(commitment):
        return [
            (
                "Commitment Unique Identifier",
                f"commitment id {base.id!r} is used twice for different content (first in row {first[1]})",
            )
        ]
    _keep_member(out, member, row.number)
    out.plans.setdefault(plan.id, (plan, row.number))
    out.has_plan.add((plan.member_id, plan.id))
    if first is not None:
        out.more_rows.setdefault(base.id, []).append(row.number)
        return []
    out.commitments[base.id] = (commitment, row.number)
    out.includes.append(Rel(commitment.action_plan_id, commitment.id))
    out.addresses.extend(Rel(commitment.id, a) for a in cells.flags(AREA_COLUMNS))
    out.advances.extend(Rel(commitment.id, v) for v in cells.flags(VALUE_COLUMNS))
    code = out.members[commitment.member_id][0].code
    out.orgs.add(
        commitment.id,
        commitment.lead_institutions_text,
        commitment.supporting_institutions_text,
        member_id=commitment.member_id,
        member_code=code or commitment.member_id[:3].upper(),
    )
    return []


def _keep_member(out: _Collected, member: RowMember, row: int) -> None:
    member_id = member.model.id
    if member.region is not None:
        out.regions.setdefault(member.region.id, member.region)
        out.in_region.add((member_id, member.region.id))
    if member.country is not None:
        out.parents[member_id] = member.country
    out.members.setdefault(member_id, (member.model, row))


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
        [c for c, _ in out.commitments.values()],
        [
            prov(out.source_file, r, tuple(out.more_rows.get(c.id, ())), ((r, stated_values(c)),))
            for c, r in out.commitments.values()
        ],
        list_union=LIST_UNION,
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
    """Resolve organisations and write; then absorb legacy-only nodes of the same commitments (and re-key
    their plans), keep the areas their legacy tags give, and prune links this file no longer states."""
    assert isinstance(batch, CommitmentBatch), "pass the batch this module's validate() returned"
    commitments = [c for items, _, _ in batch.nodes for c in items if isinstance(c, Commitment)]
    plans = [p for items, _, _ in batch.nodes for p in items if isinstance(p, ActionPlan)]
    await rekey_legacy_plans(graph, plans)
    leads, supports = await add_organizations(graph, batch, batch.orgs)
    stats = await write_batch(graph, batch, loaded_at)
    await absorb(graph, await legacy_nodes_of(graph, commitments, LAYOUT_RANK[LAYOUT]))
    legacy = await legacy_areas(graph, [c.id for c in commitments])
    stats.merge(
        await write_rels(
            graph,
            Commitment.LABEL,
            ADDRESSES,
            PolicyArea.LABEL,
            [Rel(c, a) for c, areas in legacy.items() for a in areas],
        )
    )
    links = {ADDRESSES: batch.addresses, ADVANCES: batch.advances, LEADS: leads, SUPPORTS: supports}
    # Areas that only a legacy layout gave (its tags) are kept; everything else follows this file.
    keep = {
        rel_type: {c.id: list(legacy.get(c.id, [])) if rel_type == ADDRESSES else [] for c in commitments}
        for rel_type in links
    }
    await prune_stale_links(graph, links, keep, stats)
    return stats
