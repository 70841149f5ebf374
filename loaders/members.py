"""Member sources: the members seed, OGP Local members, the 2011-2019 participation panel, the 2016 status list.

Each file layout is one source object (``SEED``, ``LOCAL``, ``PANEL``, ``STATUS_2016``) with the
``NAME``/``DESCRIPTION``/``ORDER``/``recognise``/``extract``/``validate``/``load`` contract of
``loaders/_source.py``. Each sets only the member facts its file really states.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.backend import Graph
from graph.model import LOCATED_IN, Member
from loaders._source import Batch, RowError, SourceRow, read_csv, write_batch
from loaders._write import LoadStats, Provenance, Rel
from loaders.member_names import (
    CODE_MEMBERS,
    canonical_member_name,
    local_member_name,
    member_code,
    member_slug,
)

SEED_COLUMNS = (
    "member_code",
    "member_name",
    "level",
    "parent_country",
    "first_year_participating_2011_2019",
    "last_year_participating_2011_2019",
    "founding_member",
)
LOCAL_COLUMNS = ("local_member", "country", "joined_year")
PANEL_COLUMNS = ("Country Code", "Year", "OGP Participating")
STATUS_COLUMNS = ("name", "value", "year", "timestamp")
CODE = re.compile(r"^[A-Z]{3,4}$")


class BadCell(ValueError):
    """One cell is unusable: carries the column name for the row error."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


def cell(row: SourceRow, column: str, required: bool = False) -> str | None:
    """The trimmed cell, ``None`` when blank (or raise ``BadCell`` when it is required)."""
    value = " ".join(row.cells.get(column, "").split())
    if not value:
        if required:
            raise BadCell(column, "required value is empty")
        return None
    return value


def int_cell(row: SourceRow, column: str, low: int, high: int, required: bool = False) -> int | None:
    """An integer cell within ``low..high`` (blank = ``None``)."""
    value = cell(row, column, required)
    if value is None:
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadCell(column, f"expected a whole number from {low} to {high}, got {value!r}")
    return int(value)


def flag_cell(row: SourceRow, column: str) -> bool | None:
    """A 0/1 cell (blank = ``None``)."""
    value = int_cell(row, column, 0, 1)
    return None if value is None else bool(value)


def status_of(value: int | None) -> str | None:
    """Membership status from the 2016 OGP status code (0 = inactive membership, 1-4 = active)."""
    return None if value is None else ("inactive" if value == 0 else "active")


@dataclass(frozen=True)
class FileSource:
    """One file layout that feeds Member nodes."""

    NAME: str
    DESCRIPTION: str
    ORDER: int
    columns: tuple[str, ...]
    rows_to_batch: Callable[[list[SourceRow], Batch], None]
    exact: bool = False

    def recognise(self, header: list[str]) -> bool:
        """True when the header has this layout's columns (exactly them, for a generic layout)."""
        names = [h for h in header if h]
        return set(names) == set(self.columns) if self.exact else set(self.columns) <= set(names)

    def extract(self, path: Path) -> Iterator[SourceRow]:
        """The file's rows (raises ``LoadError`` on a missing column)."""
        return read_csv(path, required=self.columns)

    def validate(self, rows: Iterable[SourceRow], source_file: str) -> Batch:
        """Members (and LOCATED_IN links) from the rows; bad rows become ``RowError``s."""
        batch = Batch(source_file)
        good: list[SourceRow] = []
        for row in rows:
            batch.rows_read += 1
            if "__error__" in row.cells:
                batch.errors.append(RowError(source_file, row.number, row.cells["__error__"]))
            else:
                good.append(row)
        self.rows_to_batch(good, batch)
        return batch

    async def load(self, graph: Graph, batch: Batch, loaded_at: str) -> LoadStats:
        """Write the batch."""
        return await write_batch(graph, batch, loaded_at)


class _Collector:
    """Members of one file keyed by id, rejecting a second row for the same member."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.members: dict[str, Member] = {}
        self.provenance: dict[str, Provenance] = {}
        self.first_row: dict[str, int] = {}
        self.located_in: list[Rel] = []
        self.parents: dict[str, tuple[Member, int]] = {}

    def add(self, row: SourceRow, member: Member, parent: Member | None = None) -> None:
        if member.id in self.members:
            self.batch.errors.append(
                RowError(
                    self.batch.source_file,
                    row.number,
                    f"member {member.id!r} already given in row {self.first_row[member.id]}",
                )
            )
            return
        self.members[member.id] = member
        self.provenance[member.id] = Provenance(self.batch.source_file, row.number)
        self.first_row[member.id] = row.number
        if parent is not None:
            if parent.id not in self.members:
                self.parents.setdefault(parent.id, (parent, row.number))
            self.located_in.append(Rel(member.id, parent.id))

    def finish(self, list_union: tuple[str, ...] = ()) -> None:
        for pid, (parent, number) in self.parents.items():
            if pid not in self.members:
                self.members[pid] = parent
                self.provenance[pid] = Provenance(self.batch.source_file, number)
        self.batch.add_nodes(list(self.members.values()), list(self.provenance.values()), list_union)
        self.batch.add_rels(Member.LABEL, LOCATED_IN, Member.LABEL, self.located_in, prune=bool(self.located_in))

    def error(self, row: SourceRow, exc: BadCell | ValueError) -> None:
        column = exc.column if isinstance(exc, BadCell) else None
        self.batch.errors.append(RowError(self.batch.source_file, row.number, str(exc), column))


def known_country(row: SourceRow, column: str) -> tuple[str, str]:
    """Today's name and code of the country in ``column``; unknown names are rejected."""
    name = cell(row, column, required=True) or ""
    code = member_code(name)
    if code is None:
        raise BadCell(
            column,
            f"unknown OGP member {name!r}: add its code to MEMBER_CODES or its old name "
            "to FORMER_NAMES in loaders/member_names.py",
        )
    return canonical_member_name(name), code


def _seed_rows(rows: list[SourceRow], batch: Batch) -> None:
    out = _Collector(batch)
    for row in rows:
        try:
            code = cell(row, "member_code", required=True) or ""
            if not CODE.match(code):
                raise BadCell("member_code", f"expected 3 or 4 capital letters, got {code!r}")
            name = canonical_member_name(cell(row, "member_name", required=True) or "")
            level = cell(row, "level", required=True)
            if level not in ("national", "local"):
                raise BadCell("level", f"expected 'national' or 'local', got {level!r}")
            fields: dict[str, object] = {
                "code": code,
                "kind": level,
                "joined_year": int_cell(row, "first_year_participating_2011_2019", 2011, 2100),
                "last_year_participating": int_cell(row, "last_year_participating_2011_2019", 2011, 2100),
                "founding_member": flag_cell(row, "founding_member"),
                "status": status_of(int_cell(row, "okfde_status_2016", 0, 4)),
            }
            parent = None
            if level == "local":
                country, country_code = known_country(row, "parent_country")
                name = local_member_name(name, country)
                fields["country_code"] = country_code
                parent = Member(id=member_slug(country), name=country, kind="national")
            known = {k: v for k, v in fields.items() if v is not None}
            out.add(row, Member.model_validate({"id": member_slug(name), "name": name, **known}), parent)
        except ValueError as exc:
            out.error(row, exc)
    out.finish()


def _local_rows(rows: list[SourceRow], batch: Batch) -> None:
    out = _Collector(batch)
    for row in rows:
        try:
            country, country_code = known_country(row, "country")
            name = local_member_name(cell(row, "local_member", required=True) or "", country)
            fields: dict[str, object] = {"kind": "local", "country_code": country_code}
            joined = int_cell(row, "joined_year", 2011, 2100)
            if joined is not None:
                fields["joined_year"] = joined
            parent = Member(id=member_slug(country), name=country, kind="national")
            out.add(row, Member.model_validate({"id": member_slug(name), "name": name, **fields}), parent)
        except ValueError as exc:
            out.error(row, exc)
    out.finish()


def _panel_rows(rows: list[SourceRow], batch: Batch) -> None:
    years: dict[str, list[int]] = {}
    first_row: dict[str, int] = {}
    for row in rows:
        try:
            code = cell(row, "Country Code", required=True) or ""
            if code not in CODE_MEMBERS:
                raise BadCell(
                    "Country Code",
                    f"unknown OGP member code {code!r}: add it to MEMBER_CODES in loaders/member_names.py",
                )
            year = int_cell(row, "Year", 2011, 2100, required=True) or 0
            participating = int_cell(row, "OGP Participating", 0, 1, required=True)
        except BadCell as exc:
            batch.errors.append(RowError(batch.source_file, row.number, str(exc), exc.column))
            continue
        first_row.setdefault(code, row.number)
        active = years.setdefault(code, [])
        if participating:
            active.append(year)
    members, provenance = [], []
    for code, active in years.items():
        name = CODE_MEMBERS[code]
        fields: dict[str, object] = {"id": member_slug(name), "name": name, "code": code}
        if active:
            fields |= {"joined_year": min(active), "last_year_participating": max(active)}
        members.append(Member.model_validate(fields))
        provenance.append(Provenance(batch.source_file, first_row[code]))
    batch.add_nodes(members, provenance)


def _status_rows(rows: list[SourceRow], batch: Batch) -> None:
    out = _Collector(batch)
    for row in rows:
        try:
            written = cell(row, "name", required=True) or ""
            name, _ = known_country(row, "name")
            value = int_cell(row, "value", 0, 4, required=True)
            fields: dict[str, object] = {"id": member_slug(name), "name": name, "status": status_of(value)}
            if written != name:
                fields["former_names"] = [written]
            out.add(row, Member.model_validate(fields))
        except ValueError as exc:
            out.error(row, exc)
    out.finish(list_union=("former_names",))


SEED = FileSource(
    "ogp-members-seed",
    "OGP members: code, level, parent country, years, founding member, status",
    10,
    SEED_COLUMNS,
    _seed_rows,
)
LOCAL = FileSource(
    "ogp-local-members", "OGP Local members by country, with the year they joined", 11, LOCAL_COLUMNS, _local_rows
)
PANEL = FileSource(
    "ogp-participation-panel", "OGP participation by member code and year, 2011-2019", 12, PANEL_COLUMNS, _panel_rows
)
STATUS_2016 = FileSource(
    "ogp-status-2016",
    "OGP country status snapshot of December 2016 (old country names)",
    13,
    STATUS_COLUMNS,
    _status_rows,
    exact=True,
)
SOURCES = (SEED, LOCAL, PANEL, STATUS_2016)
