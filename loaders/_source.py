"""What every source module shares: reading files safely, row errors, and the validated ``Batch``.

A source module (one per file layout) exposes::

    NAME: str                                   # e.g. "ogp-commitments"
    DESCRIPTION: str                            # one line for `ogp sources`
    def recognise(header: list[str]) -> bool    # by content (the header), never by file name
    def extract(path: Path) -> Iterator[SourceRow]
    def validate(rows: Iterable[SourceRow], source_file: str) -> Batch
    async def load(graph: Graph, batch: Batch, loaded_at: str) -> LoadStats   # usually write_batch

``validate`` never raises on a bad row: it records a ``RowError`` and goes on, so that the user sees
every problem at once. The CLI refuses to write anything when a batch has errors (unless asked to
skip invalid rows), and writes each run inside ``graph.atomic()``. What is merely unexpected in a real
export (a rating outside our scales, a row that is not a record such as a row of column totals) is a
``RowWarning``: the row loads, the warning is reported with file, row and column, and counted.

Every row read ends up counted once: loaded (it made or owns a node), merged (it was folded into a
node another row or file owns, as the same commitment) or rejected.
"""

from __future__ import annotations

import codecs
import csv
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.backend import Graph
from graph.errors import LoadError
from graph.model import NodeModel
from loaders._write import LoadStats, Provenance, Rel, prune_rels, write_nodes, write_rels

MAX_HEADER_SCAN = 3  # real exports may carry a row of column indices (and a section row) above the header
# Bounds on untrusted files (the real exports are a few MB, cells a few thousand characters): a file over
# them is refused with a message saying which bound, instead of exhausting memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_CELL_CHARS = 1_000_000
MAX_ROWS = 2_000_000
csv.field_size_limit(MAX_CELL_CHARS)


@dataclass(frozen=True)
class SourceRow:
    """One raw row: its 1-based line number in the file (header = the row above) and its cells."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class RowError:
    """Why one row (or the whole file, ``row=None``) was rejected."""

    file: str
    row: int | None
    reason: str
    column: str | None = None

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.reason}"


QUOTED_CHARS = 60  # a bad value is quoted in a message up to this length (a hostile cell can be a megabyte)


def model_errors(exc: ValidationError, columns: Mapping[str, str] | None = None) -> list[tuple[str | None, str]]:
    """``(column, reason)`` for each error of a model built from one row, so that the row is refused with its
    number rather than the whole file. Without ``columns`` the model is a layout's row model, validated by
    column name (an error's location is the column); with it, a graph model, and ``columns`` names the column
    each field came from (``"Member.id"`` -> ``"Country/Locality"``; a field not named there gets no column)."""
    found: list[tuple[str | None, str]] = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"])
        shown = repr(error.get("input"))
        if len(shown) > QUOTED_CHARS:
            shown = f"{shown[:QUOTED_CHARS]}… ({len(shown)} characters)"
        if columns is None:
            found.append((where, f"{error['msg']} (got {shown})"))
        else:
            found.append((columns.get(f"{exc.title}.{where}"), f"{exc.title}.{where}: {error['msg']} (got {shown})"))
    return found


class RowWarning(RowError):
    """Something unexpected in one row (or cell) that was loaded anyway, with where and why."""


class ValidationFailed(LoadError):
    """A file had rejected rows and the run was strict: nothing was written."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        shown = "\n  ".join(str(e) for e in self.errors[:50])
        more = f"\n  … and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(f"{len(self.errors)} row(s) rejected; nothing was written:\n  {shown}{more}")


@dataclass(frozen=True)
class RelGroup:
    """Relationships of one pattern ``(:start)-[:type]->(:end)``; ``prune`` lists start ids whose
    other relationships of this type (not in this group) must be removed (the source is authoritative)."""

    start_label: str
    type: str
    end_label: str
    rels: list[Rel]
    prune: bool = False


@dataclass
class Batch:
    """Validated models ready to write, in dependency order, plus what was rejected."""

    source_file: str
    rows_read: int = 0
    nodes: list[tuple[list[NodeModel], list[Provenance], tuple[str, ...]]] = field(default_factory=list)
    rels: list[RelGroup] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    layout: str = ""  # the source's NAME, recorded in each node's ``sources``
    # Commitment layouts count their rows' outcomes while loading; other sources load every valid row.
    rows_loaded: int | None = None
    rows_merged: int = 0
    # Organisations resolved from every commitment file of the run (see loaders/_commit_orgs.py).
    known_organizations: list[Any] = field(default_factory=list)

    def warn(self, row: int | None, reason: str, column: str | None = None) -> None:
        """Record a warning for one row (and column)."""
        self.warnings.append(RowWarning(self.source_file, row, reason, column))

    def add_nodes(self, items: list[Any], provenance: list[Provenance], list_union: tuple[str, ...] = ()) -> None:
        """Queue nodes of one label (``list_union`` list properties accumulate across sources)."""
        if items:
            self.nodes.append((items, provenance, list_union))

    def add_rels(self, start_label: str, rel_type: str, end_label: str, rels: list[Rel], prune: bool = False) -> None:
        """Queue relationships of one pattern."""
        if rels or prune:
            self.rels.append(RelGroup(start_label, rel_type, end_label, rels, prune))


async def write_batch(graph: Graph, batch: Batch, loaded_at: str) -> LoadStats:
    """Write all nodes (label by label), then all relationships; prune where the source is authoritative."""
    stats = LoadStats()
    for items, provenance, list_union in batch.nodes:
        stats.merge(
            await write_nodes(graph, items, provenance, loaded_at=loaded_at, list_union=list_union, layout=batch.layout)
        )
    for group in batch.rels:
        if group.prune:
            keep: dict[str, list[str]] = {}
            for rel in group.rels:
                keep.setdefault(rel.start, []).append(rel.end)
            stats.merge(await prune_rels(graph, group.start_label, group.type, group.end_label, keep))
        stats.merge(await write_rels(graph, group.start_label, group.type, group.end_label, group.rels))
    return stats


def check_size(path: Path) -> None:
    """Refuse a file larger than ``MAX_FILE_BYTES`` before reading any of it."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LoadError(
            f"{path.name}: the file is {size / 2**20:.0f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB "
            "(no OGP export comes near it): check that it is the file you meant, or split it"
        )


def _not_utf8(path: Path, data: bytes) -> LoadError:
    """The error for a file that is not UTF-8, saying where (the stream reader's own offsets count from its
    buffer, so the position is found again on the whole file; a BOM is not counted twice)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return LoadError(f"{path.name}: the file is UTF-16 text; re-save it as UTF-8 (e.g. 'CSV UTF-8' in Excel)")
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = bom + exc.start
        line = data[:start].count(b"\n") + 1
        return LoadError(
            f"{path.name}, line {line}: not valid UTF-8 (byte {data[start]:#04x} at offset {start}); "
            "re-save the file as UTF-8"
        )
    return LoadError(f"{path.name}: not valid UTF-8; re-save the file as UTF-8")


def read_text(path: Path) -> str:
    """Read a whole file as UTF-8 (BOM tolerated); raise a ``LoadError`` that says where it broke."""
    check_size(path)
    data = path.read_bytes()
    if not data.strip():
        raise LoadError(f"{path.name}: the file is empty")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise LoadError(f"{path.name}, line {line}: a NUL byte: this is not a text file (CSV or YAML)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, data) from exc


def header_of(path: Path) -> list[str]:
    """The header row of a CSV file, skipping a row of column indices or section labels above it."""
    rows = list(_first_rows(path))
    return _pick_header(rows)[1] if rows else []


def _first_rows(path: Path) -> Iterator[list[str]]:
    for i, row in enumerate(_rows(path)):
        if i > MAX_HEADER_SCAN:
            return
        yield row


def _rows(path: Path) -> Iterator[list[str]]:
    """The file's CSV rows, read as a stream (memory for one row at a time, not for the file), each cell at
    most ``MAX_CELL_CHARS`` long; a file cut off in its last row is a ``LoadError`` saying so."""
    check_size(path)
    size = path.stat().st_size
    with path.open("rb") as raw:
        head = raw.read(4096)
        raw.seek(max(size - 1, 0))
        ends_with_newline = raw.read(1) in (b"\n", b"\r")
    if not head.strip():
        raise LoadError(f"{path.name}: the file is empty")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(f"{path.name}: a NUL byte near the start: this is not a text file (CSV)")
    width = 0
    last: list[str] | None = None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            for last in reader:
                width = width or len(last)
                if reader.line_num > MAX_ROWS:
                    raise LoadError(f"{path.name}: more than {MAX_ROWS} lines; split the file")
                yield last
        except UnicodeDecodeError as exc:
            raise _not_utf8(path, path.read_bytes()) from exc
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise LoadError(
                    f"{path.name}, line {reader.line_num}: a cell is longer than {MAX_CELL_CHARS} characters "
                    "(often an unclosed quote that swallowed the rest of the file)"
                ) from exc
            raise LoadError(f"{path.name}, line {reader.line_num}: not a readable CSV file ({exc})") from exc
    if last is not None and not ends_with_newline and 0 < len(last) < width:
        raise LoadError(
            f"{path.name}: the file is cut off: its last row (line {reader.line_num}) has {len(last)} of {width} "
            "columns and the file ends without a line break. Was the download or export interrupted? "
            "Get the complete file"
        )


def _is_header(row: list[str]) -> bool:
    filled = [c for c in row if c.strip()]
    if len(filled) < 2:
        return False
    numeric = sum(c.strip().isdigit() for c in filled)
    return numeric < len(filled) / 2 and len(filled) > len(row) / 2


def _pick_header(rows: list[list[str]]) -> tuple[int, list[str]]:
    for i, row in enumerate(rows):
        if _is_header(row):
            return i, [c.strip() for c in row]
    return 0, [c.strip() for c in rows[0]]


def unique_names(header: list[str], allow_duplicates: Sequence[str], file: str) -> list[str]:
    """The header with a repeated name allowed by the layout numbered (``Action Plan No. (2)``); any other
    repeated name raises a ``LoadError`` (we could not tell which cell is meant)."""
    counts: dict[str, int] = {}
    names = []
    bad = set()
    for name in header:
        counts[name] = counts.get(name, 0) + 1
        if name and counts[name] > 1:
            if name not in allow_duplicates:
                bad.add(name)
            name = f"{name} ({counts[name]})"
        names.append(name)
    if bad:
        raise LoadError(f"{file}: duplicate column name(s) {', '.join(sorted(bad))}")
    return names


def read_csv(
    path: Path, required: Sequence[str] = (), allow_duplicates: Sequence[str] = (), drop: Sequence[str] = ()
) -> Iterator[SourceRow]:
    """Yield the rows of a CSV export as dicts keyed by header, reading the file as a stream.

    Skips rows of column indices / section labels above the header and blank rows; raises
    ``LoadError`` for an empty file, broken encoding, or missing required columns (all named).
    A column name the layout repeats (``allow_duplicates``) is read as ``Name (2)`` the second time.
    Columns in ``drop`` (personal contact columns) are never read into a row.
    Row numbers are the file's own row numbers (1 = first row of the file; a quoted cell spanning
    several lines is still one row).
    """
    rows = _rows(path)
    top = list(itertools.islice(rows, MAX_HEADER_SCAN + 1))
    offset, header = _pick_header(top)
    missing = [c for c in required if c not in header]
    if missing:
        raise LoadError(f"{path.name}: missing required column(s) {', '.join(repr(c) for c in missing)}")
    names = [name if name not in drop else "" for name in unique_names(header, allow_duplicates, path.name)]
    found = False
    for index, row in enumerate(itertools.chain(top[offset + 1 :], rows), start=offset + 2):
        if not any(c.strip() for c in row):
            continue
        if [c.strip() for c in row] == header:
            continue  # a repeated header row inside the data (seen in real exports)
        found = True
        if len(row) > len(names):
            extra = row[len(names) :]
            if any(c.strip() for c in extra):
                yield SourceRow(index, {"__error__": f"{len(row)} cells but the header has {len(names)}"})
                continue
        yield SourceRow(index, {name: (row[i] if i < len(row) else "") for i, name in enumerate(names) if name})
    if not found:
        raise LoadError(f"{path.name}: the file has a header but no data rows")
