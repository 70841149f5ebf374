"""Running a load: extract and validate every file first, then write the whole run as one undoable block.

The block is ``graph.atomic_parts()``: one transaction on the embedded backend; on Neo4j, parts of about
``PART_BYTES`` each under its transaction memory limit, the graph put back as it was if the run fails
(``graph/neo4j_undo.py``). A run of the real export fits in one part, so it is one transaction there too.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tqdm import tqdm

from graph.backend import Graph
from graph.errors import LoadError
from loaders._commit_orgs import seed_organizations
from loaders._source import Batch, RowError, RowWarning, ValidationFailed
from loaders._write import LoadStats
from loaders.registry import Source, plan
from loaders.similarity import DerivedStats, derive_similarity
from queries.derivation_state import mark_owed, owed_since
from queries.schema import graph_schema

logger = logging.getLogger(__name__)

# Statement parameters per committed part of a run on Neo4j: a part of ~8 MB of rows held ~60 MiB of
# transaction state in measurements (256 MiB is the launcher's db.memory.transaction.max; see BENCHMARKS.md).
PART_BYTES = 8 * 2**20
MAX_LISTED = 40  # warnings listed in the summary (all of them with --all-warnings)
QUOTED_OR_COUNT = re.compile(r"'[^']*'|\b\d+\b")  # what varies between warnings of one kind


@dataclass
class FileReport:
    """What happened to one file: rows read = loaded + merged + rejected, and the warnings."""

    path: Path
    source: str
    rows_read: int = 0
    rejected: list[RowError] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    loaded: int = 0
    merged: int = 0
    stats: LoadStats = field(default_factory=LoadStats)

    @property
    def rejected_rows(self) -> int:
        """Rows rejected (a row with several bad cells counts once; a file-level error counts none)."""
        return len({e.row for e in self.rejected if e.row is not None})

    @property
    def warned_rows(self) -> int:
        """Rows with at least one warning."""
        return len({e.row for e in self.warnings if e.row is not None})

    @property
    def reconciles(self) -> bool:
        """Every row read is accounted for once (checked on each run; see ``summary``)."""
        return self.rows_read == self.loaded + self.merged + self.rejected_rows


@dataclass
class RunReport:
    """What a whole run did: per file, in total, and whether anything was written."""

    files: list[FileReport]
    written: bool = False
    total: LoadStats = field(default_factory=LoadStats)
    derived: DerivedStats | None = None
    owed_before: str | None = None  # an earlier run whose derivation never finished (completed by this one)

    @property
    def changed(self) -> bool:
        """Whether the run created, updated or removed anything."""
        t = self.total
        return any(sum(c.values()) for c in (t.nodes_created, t.nodes_updated, t.rels_created, t.rels_removed))

    @property
    def rejected(self) -> list[RowError]:
        """Every rejected row (or unreadable file) of the run."""
        return [e for f in self.files for e in f.rejected]

    @property
    def rows_read(self) -> int:
        """Rows read over all files."""
        return sum(f.rows_read for f in self.files)

    @property
    def warnings(self) -> list[RowWarning]:
        """Every warning of the run (rows loaded anyway)."""
        return [w for f in self.files for w in f.warnings]


def now() -> str:
    """The run's ``loaded_at`` stamp (UTC, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _validate(path: Path, source: Source, progress: bool) -> tuple[FileReport, Batch | None]:
    report = FileReport(path, source.NAME)
    try:
        rows = tqdm(source.extract(path), desc=path.name, unit=" rows", disable=not progress, leave=False)
        batch = source.validate(rows, path.name)
    except LoadError as exc:
        report.rejected.append(RowError(path.name, None, str(exc).removeprefix(f"{path.name}: ")))
        return report, None
    except ValidationError as exc:  # a model built outside a source's row checks: a refused file, not a crash
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        reason = f"a value is not acceptable ({exc.title}.{where}: {first['msg']}); no row number is known"
        report.rejected.append(RowError(path.name, None, reason))
        return report, None
    batch.layout = source.NAME
    report.rows_read = batch.rows_read
    report.rejected.extend(batch.errors)
    report.warnings.extend(batch.warnings)
    logger.info(
        "%s (%s): %d rows read, %d rejected, %d warnings",
        path.name,
        source.NAME,
        batch.rows_read,
        len(batch.errors),
        len(batch.warnings),
    )
    return report, batch


@dataclass
class Prepared:
    """A validated run, not written yet: the report so far and each file's batch."""

    report: RunReport
    batches: list[tuple[Source, Batch, FileReport]]
    skip_invalid: bool


def prepare(
    paths: Sequence[Path], *, skip_invalid: bool = False, source: str | None = None, progress: bool = False
) -> Prepared:
    """Recognise, extract and validate every file (no database needed).

    Strict by default: any rejected row raises ``ValidationFailed``. ``UnrecognisedFile`` (a
    ``LoadError``) is raised when a file matches no known layout.
    """
    report = RunReport([])
    batches: list[tuple[Source, Batch, FileReport]] = []
    for path, src in plan(paths, source):
        file_report, batch = _validate(path, src, progress)
        report.files.append(file_report)
        if batch is not None:
            batches.append((src, batch, file_report))
    if report.rejected and not skip_invalid:
        raise ValidationFailed(report.rejected)
    return Prepared(report, batches, skip_invalid)


async def write(
    graph: Graph,
    prepared: Prepared,
    *,
    derive: bool = True,
    on_written: Callable[[], None] | None = None,
    part_bytes: int = PART_BYTES,
) -> RunReport:
    """Ensure the schema, write every batch inside one ``graph.atomic_parts()`` block (all files or none),
    then recompute the derived similarity links when the run changed anything, or when an earlier run's
    derivation never finished (killed, or failed): the run marks the derivation owed in its own
    block, and the derivation settles it once the new links are in. A run whose process died half-way
    through a block of parts is undone first (``restore_unfinished``)."""
    report = prepared.report
    loaded_at = now()
    await graph.ensure_schema(graph_schema())
    await graph.restore_unfinished()
    report.owed_before = await owed_since(graph)
    async with graph.atomic_parts(part_bytes):
        await seed_organizations(graph, [batch for _, batch, _ in prepared.batches])
        for src, batch, file_report in prepared.batches:
            if prepared.skip_invalid and batch.errors:
                batch.errors = []  # reported in the file report; the batch holds only the valid rows
            file_report.stats = await src.load(graph, batch, loaded_at)
            file_report.merged = batch.rows_merged
            file_report.loaded = (
                batch.rows_loaded
                if batch.rows_loaded is not None
                else file_report.rows_read - file_report.rejected_rows - batch.rows_merged
            )
            if not file_report.reconciles:
                logger.error("%s: rows read do not add up to loaded + merged + rejected", file_report.path.name)
            report.total.merge(file_report.stats)
        if report.changed:
            await mark_owed(graph, loaded_at)
    report.written = True
    if on_written is not None:
        on_written()
    if derive and (report.changed or report.owed_before is not None):
        # Derived links (SIMILAR_TO, CONTINUES) are recomputed from the whole graph after the run is in;
        # a run that changed nothing (and owes nothing) leaves them as they are.
        report.derived = await derive_similarity(graph)
    logger.info(
        "load finished: %d files, %d rows read, %d rejected", len(report.files), report.rows_read, len(report.rejected)
    )
    return report


async def run_load(
    graph: Graph,
    paths: Sequence[Path],
    *,
    skip_invalid: bool = False,
    source: str | None = None,
    progress: bool = False,
    derive: bool = True,
) -> RunReport:
    """Load ``paths`` (files or folders) into ``graph``: validate everything, then write all or nothing.

    With ``skip_invalid`` the valid rows are written and the rejected ones are listed in the report.
    """
    prepared = prepare(paths, skip_invalid=skip_invalid, source=source, progress=progress)
    return await write(graph, prepared, derive=derive)


async def complete_owed_derivation(graph: Graph) -> DerivedStats | None:
    """Undo a run whose process died half-way through its writes, then compute the derived links if a run
    left them owed (``ogp serve`` calls this before serving)."""
    await graph.restore_unfinished()
    since = await owed_since(graph)
    if since is None:
        return None
    logger.warning("the derived links lag behind the load of %s (it was interrupted): computing them now", since)
    return await derive_similarity(graph)


def summary(report: RunReport, max_warnings: int | None = MAX_LISTED) -> str:
    """A plain-text table: rows per file, nodes created/updated/unchanged per label, relationships, rejects."""
    lines = [f"{'file':<44} {'source':<24} {'read':>6} {'loaded':>6} {'merged':>6} {'rejected':>8} {'warned':>6}"]
    for f in report.files:
        rejected = f.rejected_rows if f.rejected_rows or not f.rejected else "file"
        lines.append(
            f"{f.path.name[:44]:<44} {f.source:<24} {f.rows_read:>6} {f.loaded:>6} {f.merged:>6} {rejected:>8} "
            f"{f.warned_rows:>6}"
        )
    lines.append("(rows read = loaded + merged + rejected; merged = the same commitment as a row already loaded)")
    t = report.total
    labels = sorted(set(t.nodes_created) | set(t.nodes_updated) | set(t.nodes_unchanged))
    lines += ["", f"{'nodes':<26} {'created':>8} {'updated':>8} {'unchanged':>9}"]
    for label in labels:
        lines.append(
            f"{label:<26} {t.nodes_created.get(label, 0):>8} {t.nodes_updated.get(label, 0):>8} "
            f"{t.nodes_unchanged.get(label, 0):>9}"
        )
    lines.append(f"{'total':<26} {_sum(t.nodes_created):>8} {_sum(t.nodes_updated):>8} {_sum(t.nodes_unchanged):>9}")
    types = sorted(set(t.rels_created) | set(t.rels_removed) | set(t.rels_unmatched))
    lines += ["", f"{'relationships':<26} {'created':>8} {'removed':>8} {'unmatched':>9}"]
    for rel in types:
        lines.append(
            f"{rel:<26} {t.rels_created.get(rel, 0):>8} {t.rels_removed.get(rel, 0):>8} "
            f"{t.rels_unmatched.get(rel, 0):>9}"
        )
    lines.append(f"{'total':<26} {_sum(t.rels_created):>8} {_sum(t.rels_removed):>8} {_sum(t.rels_unmatched):>9}")
    if report.derived is not None:
        d = report.derived
        lines += [
            "",
            f"derived: SIMILAR_TO {d.similar_to} and CONTINUES {d.continues} links over "
            f"{d.commitments} commitments (recomputed)",
        ]
        if report.owed_before is not None:
            lines.append(f"  (this completes the derivation of the interrupted load of {report.owed_before})")
    if report.warnings:
        lines += ["", f"warnings by kind ({len(report.warnings)}; the rows were loaded):"]
        lines += [f"  {n:>5}  {file}, {column or 'row'}: {kind}" for (file, column, kind), n in warning_kinds(report)]
        shown = report.warnings if max_warnings is None else report.warnings[:max_warnings]
        lines += ["", "warnings:"] + [f"  {w}" for w in shown]
        if len(shown) < len(report.warnings):
            lines.append(f"  … and {len(report.warnings) - len(shown)} more (`ogp load --all-warnings` lists them)")
    if report.rejected:
        lines += ["", f"rejected rows ({len(report.rejected)}):"] + [f"  {e}" for e in report.rejected]
    return "\n".join(lines)


def warning_kinds(report: RunReport) -> list[tuple[tuple[str, str | None, str], int]]:
    """How many warnings of each kind (file, column, the reason without its quoted values and counts), most first."""
    kinds = Counter((w.file, w.column, QUOTED_OR_COUNT.sub("…", w.reason)) for w in report.warnings)
    return sorted(kinds.items(), key=lambda kind: (-kind[1], kind[0][0], kind[0][1] or "", kind[0][2]))


def _sum(counter: dict[str, Any]) -> int:
    return sum(int(v) for v in counter.values())
