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
skip invalid rows), and writes each run inside ``graph.atomic()``.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
        stats.merge(await write_nodes(graph, items, provenance, loaded_at=loaded_at, list_union=list_union))
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


def _not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError) -> LoadError:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return LoadError(f"{path.name}: the file is UTF-16 text; re-save it as UTF-8 (e.g. 'CSV UTF-8' in Excel)")
    line = data[: exc.start].count(b"\n") + 1
    return LoadError(
        f"{path.name}, line {line}: not valid UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start}); "
        "re-save the file as UTF-8"
    )


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
        raise _not_utf8(path, data, exc) from exc


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
            raise _not_utf8(path, path.read_bytes(), exc) from exc
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


def read_csv(path: Path, required: Sequence[str] = ()) -> Iterator[SourceRow]:
    """Yield the rows of a CSV export as dicts keyed by header.

    Skips rows of column indices / section labels above the header and blank rows; raises
    ``LoadError`` for an empty file, broken encoding, or missing required columns (all named).
    Row numbers are the file's own line-based row numbers (1 = first row of the file).
    """
    rows = _rows(path)
    top = [row for _, row in zip(range(MAX_HEADER_SCAN + 1), rows, strict=False)]
    offset, header = _pick_header(top)
    missing = [c for c in required if c not in header]
    if missing:
        raise LoadError(f"{path.name}: missing required column(s) {', '.join(repr(c) for c in missing)}")
    duplicates = {c for c in header if c and header.count(c) > 1}
    if duplicates:
        raise LoadError(f"{path.name}: duplicate column name(s) {', '.join(sorted(duplicates))}")
    found = False
    for index, row in enumerate(itertools.chain(top[offset + 1 :], rows), start=offset + 2):
        if not any(c.strip() for c in row):
            continue
        if [c.strip() for c in row] == header:
            continue  # a repeated header row inside the data (seen in real exports)
        found = True
        if len(row) > len(header):
            extra = row[len(header) :]
            if any(c.strip() for c in extra):
                yield SourceRow(index, {"__error__": f"{len(row)} cells but the header has {len(header)}"})
                continue
        cells = {name: (row[i] if i < len(row) else "") for i, name in enumerate(header) if name}
        yield SourceRow(index, cells)
    if not found:
        raise LoadError(f"{path.name}: the file has a header but no data rows")
