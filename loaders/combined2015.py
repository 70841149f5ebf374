"""Source: the IRM "Combined Database" of May 2015 (SOURCES.md entry 10): commitments of action plans 1-3.

Layout: a row of section labels above the real header (95 columns, ``Action Plan No.`` twice), one row
per commitment or part of one (a milestone, an activity), 2015 short member names (``UK``,
``South Korea``), no OGP ids and no number column: the number leads the title (``"3.2. Open budget"``,
``"Commitment n°4: …"``), when there is one. About a quarter of the texts are in Spanish. A last row of
column totals is not a commitment (warned and skipped). Its 42 topic tags of 2015 map onto today's policy
areas (``graph/taxonomy.py``); its contact columns are dropped when the file is read.

Rows become commitments through ``loaders/_legacy.py`` (ids ``IRM2015-<member>-<plan>-<number>``): a
row that is a commitment of a more authoritative layout, or one of its parts, merges into that node.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.backend import Graph
from graph.fields import COMBINED_2015, source_columns
from graph.model import Commitment, Member
from graph.taxonomy import COMBINED_2015_TAG_COLUMNS, WORKING_GROUPS
from loaders._cells import Cells
from loaders._commit_columns import read_declared
from loaders._commit_match import split_number
from loaders._legacy import (
    GROUP_COLUMNS,
    VALUE_COLUMNS,
    LegacyBatch,
    LegacyRow,
    collect,
    legacy_member,
    load_legacy,
    queue_taxonomy,
)
from loaders._source import Batch, RowError, SourceRow, model_errors, read_csv
from loaders._write import LoadStats
from loaders.member_names import MEMBER_CODES, canonical_member_name

NAME = "irm-combined-2015"
DESCRIPTION = "IRM Combined Database of May 2015 (commitments of plans 1-3, 2015 topic tags, no OGP ids)"
ORDER = 32
LAYOUT = COMBINED_2015
ID_PREFIX = "IRM2015-"
COUNTRY, PLAN, TITLE, TEXT = "Country", "Action Plan No.", "Commitment Title", "Full Text"
LEAD, SUPPORT = "Lead institution (Responsible Instutitution)", "Supporting Institution"
REQUIRED = ("000 Case No.", PLAN, COUNTRY, TITLE, TEXT, LEAD)
CONTACT_COLUMNS = ("Person Reponsible from Lead Institution", "Title, Department", "Email", "Phone")
TAG_COLUMNS = {t: t for t in COMBINED_2015_TAG_COLUMNS}
_TWIN = "numeric twin of the text column that is loaded"
_DERIVED = "derived by the IRM from other columns"
# What every other column of the layout becomes, or why it is not loaded.
COLUMNS: dict[str, str] = {
    "000 Case No.": "skipped: a running number of the database (NR for half the rows), not the commitment number",
    PLAN: "ActionPlan.number, Commitment.natural_key",
    f"{PLAN} (2)": "cross-check of the first Action Plan No. column (warned when they differ)",
    COUNTRY: "Member (2015 short names mapped onto today's members; the old name kept in former_names)",
    TITLE: "Commitment.title (as written) and Commitment.number (the number leading it)",
    "Compound": "skipped: IRM clustering detail of one report, not modelled",
    "Cluster": "skipped: IRM clustering detail of one report, not modelled",
    "PoC Specificed?": "skipped: whether a point of contact was named (the contact itself is never read)",
    "_Specificity": f"skipped: {_TWIN}",
    "_Pot Impact Coded": f"skipped: {_TWIN}",
    "_Actual Completion": f"skipped: {_TWIN}",
    "NewvPre-exist": "skipped: new or pre-existing initiative, not modelled",
    "_NewvPre-exist": f"skipped: {_TWIN}",
    "Timebound?": "skipped: IRM judgement of the dates, not modelled",
    "_Before July 2013": f"skipped: {_DERIVED}",
    "Projected Completion": "skipped: completion the IRM expected by the end of term, not modelled",
    "_Proj Completion": f"skipped: {_TWIN}",
    "On time": f"skipped: {_DERIVED}",
    "On schedule": f"skipped: {_DERIVED}",
    "New x Starred": f"skipped: {_DERIVED}",
    "Starred x Specificity": f"skipped: {_DERIVED}",
    "Next Y/N": "skipped: whether the IRM recommended next steps",
    "Next Steps": "skipped: the IRM's recommendations text, not modelled",
    "IRM Assessed (Y/N)?": "skipped: 0 exactly when the ratings are NR",
    **{f"GC-{g}": "skipped: OGP grand challenge of 2011, not modelled" for g in ("PubInt", "PubRes", "PubSvc")},
    **{f"GC-{g}": "skipped: OGP grand challenge of 2011, not modelled" for g in ("CorpAcc", "SafComm")},
    **{
        column.name: f"Commitment.{item.name}" + (f" ({item.prop.scale} scale)" if item.prop.scale else "")
        for item, column in source_columns(Commitment, LAYOUT)
    },
    LEAD: "Commitment.lead_institutions_text, LEADS",
    SUPPORT: "Commitment.supporting_institutions_text, SUPPORTS",
    **{c: f"ADVANCES OgpValue {v}" for c, v in VALUE_COLUMNS.items()},
    **{c: "Commitment.legacy_tags, ADDRESSES today's policy areas" for c in TAG_COLUMNS},
    **{c: f"Commitment.working_groups, ADDRESSES {a}" for c, a in WORKING_GROUPS.items()},
    **{c: "never read: personal contact data" for c in CONTACT_COLUMNS},
}


def recognise(header: list[str]) -> bool:
    """The 2015 Combined Database: its case number, plan, country and lead-institution columns."""
    return set(REQUIRED) <= set(header)


def extract(path: Path) -> Iterator[SourceRow]:
    """The rows below the real header, contact columns dropped, the second ``Action Plan No.`` numbered."""
    return read_csv(path, REQUIRED, allow_duplicates=(PLAN,), drop=CONTACT_COLUMNS)


def validate(rows: Iterable[SourceRow], source_file: str) -> LegacyBatch:
    """Rows into commitments; a row that cannot be placed (no member or plan) is a ``RowError``."""
    batch = LegacyBatch(source_file)
    members: dict[str, Member] = {}
    valid: list[LegacyRow] = []
    for row in rows:
        cells = Cells(row, batch)
        if "__error__" in row.cells:
            batch.rows_read += 1
            batch.errors.append(RowError(source_file, row.number, row.cells["__error__"]))
            continue
        if not any(cells.raw(c) for c in (COUNTRY, PLAN, TITLE, TEXT)):
            # Not a record: the spreadsheet's row of column totals. Not counted as a row read.
            cells.warn(None, "not a commitment (no country, plan, title or text: a row of column totals); skipped")
            continue
        batch.rows_read += 1
        problem = _key_problem(cells)
        if problem:
            batch.errors.append(RowError(source_file, row.number, problem[1], problem[0]))
            continue
        try:
            valid.append(_row(cells, members))
        except ValidationError as exc:  # a member name whose id would be too long, say
            errors = model_errors(exc, {"Member.id": COUNTRY, "Member.name": COUNTRY})
            batch.errors.extend(RowError(source_file, row.number, why, column) for column, why in errors)
    collect(valid, batch, ID_PREFIX, LAYOUT)
    queue_taxonomy(batch, members)
    return batch


def _key_problem(cells: Cells) -> tuple[str, str] | None:
    country, plan = cells.raw(COUNTRY), cells.raw(PLAN)
    if not country or "@" in country:
        return COUNTRY, f"no member name (got {country!r})"
    if not (plan.isdigit() and 1 <= int(plan) <= 30):
        return PLAN, f"expected an action plan number from 1 to 30, got {plan!r}"
    if not cells.raw(TITLE) and not cells.raw(TEXT):
        return TITLE, "no title and no text: nothing says which commitment this is"
    return None


def _row(cells: Cells, members: dict[str, Member]) -> LegacyRow:
    name = cells.raw(COUNTRY)
    if canonical_member_name(name) not in MEMBER_CODES:
        cells.warn(COUNTRY, f"{name!r} is not a member name we know; loaded as written")
    member_id, code = legacy_member(name, members)
    plan = int(cells.raw(PLAN))
    if cells.raw(f"{PLAN} (2)") not in ("", str(plan)):
        cells.warn(f"{PLAN} (2)", f"the second plan number column says {cells.raw(f'{PLAN} (2)')!r}; used {plan}")
    fields: dict[str, Any] = read_declared(cells, LAYOUT)  # text, dates, institutions, ratings
    title = cells.text(TITLE)
    if not title:
        title = " ".join((fields.get("full_text") or "").split()[:12])
        cells.warn(TITLE, "no title; the first words of the text are used")
    number, _ = split_number(title)
    fields.update(title=title, legacy_tags=cells.flags(TAG_COLUMNS), working_groups=cells.flags(GROUP_COLUMNS))
    return LegacyRow(cells.row.number, member_id, code, plan, number, fields, cells.flags(VALUE_COLUMNS))


def column_use(column: str) -> str | None:
    """What the loader does with a column of this layout (None: unknown column)."""
    return COLUMNS.get(column)


async def load(graph: Graph, batch: Batch, loaded_at: str) -> LoadStats:
    """Settle ids against the graph (same commitment = same node), then write and prune this layout's links."""
    assert isinstance(batch, LegacyBatch), "pass the batch this module's validate() returned"
    return await load_legacy(graph, batch, LAYOUT, loaded_at)
