"""Source: the legacy IRM Explorer export (2011-2016): one row per commitment, no OGP commitment id.

Rows become commitments through ``loaders/_legacy.py``: matched (``loaders/_commit_match.py``) to a
commitment of the current layout, a row only adds its Explorer tags, working groups and provenance (the
current layout wins for texts, ratings, values and institutions); otherwise it becomes a commitment
with a synthetic id (``EXPL-<member id>-<plan>-<number>``, or ``…-c<hash>`` keyed by content when the
number is missing or shared). Contact columns (names, e-mails, phones of officials) are dropped when
the file is read: they never reach validation, let alone the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.backend import Graph
from graph.fields import EXPLORER
from graph.model import Member
from graph.taxonomy import EXPLORER_TAG_COLUMNS
from loaders._cells import Cells
from loaders._commit_columns import read_declared
from loaders._commit_keys import normalise_number
from loaders._legacy import (
    GROUP_COLUMNS,
    VALUE_COLUMNS,
    LegacyBatch,
    LegacyRow,
    collect,
    legacy_member,
    load_legacy,
    number_from_title,
    queue_taxonomy,
)
from loaders._source import Batch, RowError, SourceRow, model_errors, read_csv
from loaders._write import LoadStats

NAME = "irm-explorer"
DESCRIPTION = "Legacy IRM Explorer export 2011-2016 (commitments with Explorer policy tags, no OGP ids)"
ORDER = 31
LAYOUT = EXPLORER
ID_PREFIX = "EXPL-"
REQUIRED = ("Country", "Action Plan Number", "Comm No", "Commitment Title")
CONTACT_COLUMNS = ("Contact Name", "Contact Email", "Contact Phone")
TAG_COLUMNS = {t: t for t in EXPLORER_TAG_COLUMNS}
MODEL_COLUMNS = {"Member.id": "Country", "Member.name": "Country"}  # the column a model field is read from


class ExplorerRow(BaseModel):
    """The columns that place a row: member and action plan (the rest is read leniently)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    country: str = Field(alias="Country", min_length=1, pattern=r"^[^@]*$")
    plan_number: int = Field(alias="Action Plan Number", ge=1, le=30)
    title: str = Field(alias="Commitment Title", min_length=1)


def recognise(header: list[str]) -> bool:
    """The Explorer layout: ``Country`` + ``Comm No`` + ``Commitment Title``, and no OGP id column."""
    return set(REQUIRED) <= set(header) and "Commitment Unique Identifier" not in header


def extract(path: Path) -> Iterator[SourceRow]:
    """The file's rows, contact columns dropped (a row of column indices above the header is skipped)."""
    return read_csv(path, REQUIRED, drop=CONTACT_COLUMNS)


def validate(rows: Iterable[SourceRow], source_file: str) -> LegacyBatch:
    """Rows into commitments with synthetic ids; a row that cannot be placed is a ``RowError``."""
    batch = LegacyBatch(source_file)
    members: dict[str, Member] = {}
    valid: list[LegacyRow] = []
    for row in rows:
        batch.rows_read += 1
        if "__error__" in row.cells:
            batch.errors.append(RowError(source_file, row.number, row.cells["__error__"]))
            continue
        try:
            base = ExplorerRow.model_validate(row.cells)
            valid.append(_row(Cells(row, batch), base, members))
        except ValidationError as exc:
            columns = None if exc.title == ExplorerRow.__name__ else MODEL_COLUMNS
            batch.errors.extend(RowError(source_file, row.number, why, col) for col, why in model_errors(exc, columns))
    collect(valid, batch, ID_PREFIX, LAYOUT)
    queue_taxonomy(batch, members)
    return batch


def _row(cells: Cells, base: ExplorerRow, members: dict[str, Member]) -> LegacyRow:
    member_id, code = legacy_member(base.country, members)
    fields: dict[str, Any] = read_declared(cells, LAYOUT)  # texts, dates, institutions, ratings
    title = cells.text("Commitment Title") or base.title
    number = number_from_title(normalise_number(cells.raw("Comm No")) if cells.text("Comm No") else None, title)
    fields.update(
        title=title,
        year=cells.integer("Year of submission", 2010, 2100),
        legacy_tags=cells.flags(TAG_COLUMNS),
        working_groups=cells.flags(GROUP_COLUMNS),
    )
    values = cells.flags(VALUE_COLUMNS)
    return LegacyRow(cells.row.number, member_id, code, base.plan_number, number, fields, values)


async def load(graph: Graph, batch: Batch, loaded_at: str) -> LoadStats:
    """Settle ids against the graph (same commitment = same node), then write and prune this layout's links."""
    assert isinstance(batch, LegacyBatch), "pass the batch this module's validate() returned"
    return await load_legacy(graph, batch, LAYOUT, loaded_at)
