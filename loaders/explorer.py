"""Source: the legacy IRM Explorer export (2011-2016): one row per commitment, no OGP commitment id.

Rows are matched to commitments already in the graph by natural key (member + action plan number +
commitment number) AND title (see ``loaders/_commit_keys.py``). A match keeps the existing id and, when
the current layout already describes the commitment, only adds the Explorer's tags, working groups and
their policy areas (the current layout wins for texts, ratings, values and institutions). Otherwise the
row becomes a commitment with a synthetic id (``EXPL-<member id>-<plan>-<number>``, see ``_commit_merge``).
Contact columns (names, e-mails, phones of officials) are never read into the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from graph.backend import Graph
from graph.fields import EXPLORER
from graph.model import (
    ADDRESSES,
    ADVANCES,
    HAS_ACTION_PLAN,
    INCLUDES,
    LEADS,
    PART_OF,
    SUPPORTS,
    ActionPlan,
    Commitment,
    Member,
    OgpValue,
    PolicyArea,
)
from graph.taxonomy import LEGACY_TAGS, OGP_VALUES, WORKING_GROUPS
from loaders._commit_columns import read_declared
from loaders._commit_keys import natural_key, normalise_number, repair_number, taxonomy_nodes
from loaders._commit_merge import (
    EXPLORER_PREFIX,
    PLANS_OF_MEMBERS,
    existing_by_key,
    explorer_plan_id,
    prune_stale_links,
)
from loaders._commit_orgs import OrgLinks, add_organizations
from loaders._source import Batch, RowError, SourceRow, read_csv, write_batch
from loaders._write import LoadStats, Provenance, Rel
from loaders.member_names import canonical_member_name, member_code, member_slug

NAME = "irm-explorer"
DESCRIPTION = "Legacy IRM Explorer export 2011-2016 (commitments with Explorer policy tags, no OGP ids)"
ORDER = 31
LAYOUT = EXPLORER
REQUIRED = ("Country", "Action Plan Number", "Comm No", "Commitment Title")
VALUE_COLUMNS = {v.explorer_column: v.id for v in OGP_VALUES}
MEMBER_CODES = "MATCH (m:Member) WHERE m.id IN $ids RETURN m.id AS id, m.code AS code"
_FLAG_MISSING = {"", "0", "ND", "NR", "NA", "N/A"}


class ExplorerRow(BaseModel):
    """The identity and text columns of one Explorer row."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    country: str = Field(alias="Country", min_length=1)
    plan_number: int = Field(alias="Action Plan Number", ge=1, le=30)
    number: str = Field(alias="Comm No", min_length=1)
    title: str = Field(alias="Commitment Title", min_length=1)
    year: int | None = Field(default=None, alias="Year of submission", ge=2010, le=2100)

    @field_validator("year", mode="before")
    @classmethod
    def _missing_year(cls, value: Any) -> Any:
        return None if isinstance(value, str) and value.strip() in {"", "ND", "NA", "NR"} else value


@dataclass
class _Item:
    commitment: Commitment
    row: int
    areas: list[str]
    values: list[str]
    lead: str | None
    support: str | None


@dataclass
class ExplorerBatch(Batch):
    """Validated rows; ids are settled against the graph in ``load``."""

    items: list[_Item] = field(default_factory=list)


def recognise(header: list[str]) -> bool:
    """The Explorer layout: ``Country`` + ``Comm No`` + ``Commitment Title``, and no OGP id column."""
    return set(REQUIRED) <= set(header) and "Commitment Unique Identifier" not in header


def extract(path: Path) -> Iterator[SourceRow]:
    """The file's rows (a row of column indices above the header is skipped)."""
    return read_csv(path, REQUIRED)


def validate(rows: Iterable[SourceRow], source_file: str) -> ExplorerBatch:
    """Validate rows into commitments with synthetic ids; every bad cell becomes a ``RowError``."""
    batch = ExplorerBatch(source_file)
    titles: dict[str, list[tuple[str, int]]] = {}  # natural key -> [(title, row)]
    members: dict[str, Member] = {}
    for row in rows:
        batch.rows_read += 1
        errors: list[tuple[str | None, str]] = []
        item = _item(row, errors, members)
        if item is not None:
            key = item.commitment.natural_key
            seen = titles.setdefault(key, [])
            same = [r for t, r in seen if t.lower() == item.commitment.title.lower()]
            if same:
                errors.append(("Comm No", f"duplicate commitment {key!r} with the same title (first in row {same[0]})"))
            else:
                suffix = "" if not seen else "-" + "bcdefghijklmnopqrstuvwxyz"[len(seen) - 1]
                item.commitment = item.commitment.model_copy(update={"id": item.commitment.id + suffix})
                seen.append((item.commitment.title, row.number))
                batch.items.append(item)
        batch.errors.extend(RowError(source_file, row.number, reason, column) for column, reason in errors)
    batch.add_nodes(list(members.values()), [Provenance(source_file)] * len(members), list_union=("former_names",))
    areas, part_of, values = taxonomy_nodes()
    batch.add_nodes(areas, [Provenance(source_file)] * len(areas), list_union=("legacy_names",))
    batch.add_nodes(values, [Provenance(source_file)] * len(values))
    batch.add_rels(PolicyArea.LABEL, PART_OF, PolicyArea.LABEL, part_of)
    return batch


def _item(row: SourceRow, errors: list[tuple[str | None, str]], members: dict[str, Member]) -> _Item | None:
    if "__error__" in row.cells:
        errors.append((None, row.cells["__error__"]))
        return None
    base: ExplorerRow | None = None
    try:
        base = ExplorerRow.model_validate(row.cells)
    except ValidationError as exc:
        errors.extend(
            (".".join(str(p) for p in e["loc"]), f"{e['msg']} (got {e.get('input')!r})") for e in exc.errors()
        )
    fields, bad_cells = read_declared(row.cells, LAYOUT)
    errors.extend(bad_cells)
    tags = _flags(row, list(LEGACY_TAGS), errors)
    groups = _flags(row, list(WORKING_GROUPS), errors)
    values = [VALUE_COLUMNS[c] for c in _flags(row, list(VALUE_COLUMNS), errors)]
    if errors or base is None:
        return None
    name = canonical_member_name(base.country)
    member_id = member_slug(name)
    former = [base.country.strip()] if base.country.strip() != name else []
    known = members.get(member_id)
    if known is None or (former and former[0] not in known.former_names):
        old = known.former_names if known else []
        code = member_code(name)
        extra: dict[str, Any] = {"code": code} if code else {}
        members[member_id] = Member(
            id=member_id, name=name, kind="national", former_names=sorted({*old, *former}), **extra
        )
    number = repair_number(normalise_number(base.number), base.title)
    commitment = Commitment(
        id=f"{EXPLORER_PREFIX}{member_id}-{base.plan_number}-{number}",
        title=base.title,
        number=number,
        natural_key=natural_key(member_id, base.plan_number, number),
        member_id=member_id,
        action_plan_id=explorer_plan_id(member_id, base.plan_number),
        year=base.year,
        legacy_tags=tags,
        working_groups=groups,
        source_layouts=[LAYOUT],
        **fields,
    )
    areas = sorted({a for t in tags for a in LEGACY_TAGS[t]} | {WORKING_GROUPS[g] for g in groups})
    return _Item(
        commitment,
        row.number,
        areas,
        values,
        commitment.lead_institutions_text,
        commitment.supporting_institutions_text,
    )


def _flags(row: SourceRow, columns: list[str], errors: list[tuple[str | None, str]]) -> list[str]:
    found = []
    for column in columns:
        raw = row.cells.get(column, "").strip()
        if raw == "1":
            found.append(column)
        elif raw not in _FLAG_MISSING:
            errors.append((column, f"expected 0 or 1 (or blank/NA), got {raw!r}"))
    return found


async def load(graph: Graph, batch: Batch, loaded_at: str) -> LoadStats:
    """Settle ids against the graph (same commitment = same node), then write and prune this layout's links."""
    assert isinstance(batch, ExplorerBatch), "pass the batch this module's validate() returned"
    pairs = sorted({(i.commitment.member_id, int(i.commitment.natural_key.split("|")[1])) for i in batch.items})
    plan_ids: dict[tuple[str, int], str] = {}
    for r in await graph.read(PLANS_OF_MEMBERS, {"rows": [{"member_id": m, "number": n} for m, n in pairs]}):
        key = (r["member_id"], r["number"])
        if key not in plan_ids or plan_ids[key].startswith(EXPLORER_PREFIX):
            plan_ids[key] = r["id"]
    existing = await existing_by_key(graph, [i.commitment.natural_key for i in batch.items])
    member_ids = sorted({i.commitment.member_id for i in batch.items})
    codes = {m.id: m.code for items, _, _ in batch.nodes for m in items if isinstance(m, Member) and m.code}
    codes.update({r["id"]: r["code"] for r in await graph.read(MEMBER_CODES, {"ids": member_ids}) if r["code"]})
    full: list[tuple[Commitment, int]] = []
    lists_only: list[tuple[Commitment, int]] = []
    plans: dict[str, ActionPlan] = {}
    includes: list[Rel] = []
    addresses: list[Rel] = []
    advances: list[Rel] = []
    own: list[str] = []
    rename: dict[str, str] = {}
    orgs = OrgLinks()
    for item in batch.items:
        c = item.commitment
        plan_number = int(c.natural_key.split("|")[1])
        plan_id = plan_ids.get((c.member_id, plan_number), c.action_plan_id)
        match = next((e for e in existing.get(c.natural_key, []) if e.matches(c.title, c.short_title)), None)
        cid = match.id if match else c.id
        rename[c.id] = cid
        addresses.extend(Rel(cid, a) for a in item.areas)
        if match and "current" in match.source_layouts:
            fields = {"id", "legacy_tags", "working_groups", "source_layouts"}
            lists_only.append((Commitment.model_construct(fields, **{**dict(c), "id": cid}), item.row))
            continue
        full.append((c.model_copy(update={"id": cid, "action_plan_id": plan_id}), item.row))
        own.append(cid)
        if plan_id == c.action_plan_id:
            plans.setdefault(
                plan_id, ActionPlan(id=plan_id, member_id=c.member_id, number=plan_number, submission_year=c.year)
            )
        includes.append(Rel(plan_id, cid))
        advances.extend(Rel(cid, v) for v in item.values)
        code = codes.get(c.member_id) or c.member_id[:3].upper()
        orgs.add(cid, item.lead, item.support, member_id=c.member_id, member_code=code)
    prov = Provenance
    batch.add_nodes(list(plans.values()), [prov(batch.source_file)] * len(plans))
    unions = ("source_layouts", "legacy_tags", "working_groups")
    for group in (full, lists_only):
        batch.add_nodes([c for c, _ in group], [prov(batch.source_file, r) for _, r in group], list_union=unions)
    batch.add_rels(Member.LABEL, HAS_ACTION_PLAN, ActionPlan.LABEL, [Rel(p.member_id, p.id) for p in plans.values()])
    batch.add_rels(ActionPlan.LABEL, INCLUDES, Commitment.LABEL, includes)
    batch.add_rels(Commitment.LABEL, ADDRESSES, PolicyArea.LABEL, addresses)
    batch.add_rels(Commitment.LABEL, ADVANCES, OgpValue.LABEL, advances)
    leads, supports = await add_organizations(graph, batch, orgs)
    stats = await write_batch(graph, batch, loaded_at)
    links = {ADDRESSES: addresses, ADVANCES: advances, LEADS: leads, SUPPORTS: supports}
    keep: dict[str, dict[str, list[str]]] = {rel_type: {cid: [] for cid in own} for rel_type in links}
    await prune_stale_links(graph, links, keep, stats)
    return stats
