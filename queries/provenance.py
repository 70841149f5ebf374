"""Where a node's facts came from: its source rows, what each stated, and where sources disagree.

The loaders' writer keeps on every node ``sources`` (one entry per source row: file, row, layout, when
that file's content for the node last changed) and, on commitments, ``source_values`` (what each row
stated). Entries are ``<file>\\x1f<json>`` strings (see ``loaders/_write.py``), read here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.backend import Graph, Row
from graph.model import SOURCE_RANK
from graph.ratings import MISSING

SILENT = frozenset(MISSING.values())  # "no data", "not reviewed", "not applicable": a source says nothing

SEPARATOR = "\x1f"

MERGED_COMMITMENTS = (
    "MATCH (c:Commitment) WHERE size(c.source_layouts) > 1 "
    "RETURN c.id AS id, c.number AS number, c.title AS title, c.short_title AS short_title, "
    "c.full_text AS full_text, c.source_values AS source_values ORDER BY c.id"
)


@dataclass(frozen=True)
class SourceRecord:
    """One source row a node was built from."""

    file: str
    row: int | None
    layout: str
    loaded_at: str | None


@dataclass(frozen=True)
class SourcedValue:
    """One value of a field and the source rows that stated it."""

    value: str
    sources: tuple[SourceRecord, ...]


@dataclass(frozen=True)
class Difference:
    """A field whose sources disagree: every value with who said it, and the value the node shows."""

    field: str
    shown: str | None
    values: tuple[SourcedValue, ...]


def _entries(raw: Iterable[str] | None) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for entry in raw or ():
        file, _, record = entry.partition(SEPARATOR)
        try:
            found.append((file, json.loads(record)))
        except ValueError:
            continue  # written by another version: skip rather than fail a read
    return found


def sources(row: Mapping[str, Any]) -> list[SourceRecord]:
    """Every source row of a node, in file order then row order (or the last source for older nodes)."""
    records = [
        SourceRecord(file, data.get("row"), data.get("layout") or "", data.get("loaded_at"))
        for file, data in _entries(row.get("sources"))
    ]
    if not records and row.get("source_file"):
        records = [SourceRecord(row["source_file"], row.get("source_row"), "", row.get("loaded_at"))]
    return sorted(records, key=lambda r: (r.file, r.row if r.row is not None else -1))


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def differences(row: Mapping[str, Any]) -> list[Difference]:
    """The fields on which the node's source rows stated different values, with which row said what.

    A source silent on a field, or giving a missing-value code such as ND, does not disagree. ``shown`` is
    what the node shows: the value of its most authoritative source (``graph.model.SOURCE_RANK``), which
    owns the node's fields."""
    by_key = {(s.file, s.row): s for s in sources(row)}
    stated: dict[str, dict[str, list[SourceRecord]]] = {}
    owner: dict[str, tuple[int, str]] = {}
    for file, data in _entries(row.get("source_values")):
        record = by_key.get((file, data.get("row"))) or SourceRecord(file, data.get("row"), "", None)
        rank = SOURCE_RANK.get(data.get("layout") or record.layout, 0)
        for field, value in (data.get("values") or {}).items():
            if value is None or value in SILENT:
                continue
            text = _text(value)
            stated.setdefault(field, {}).setdefault(text, []).append(record)
            if field not in owner or rank > owner[field][0]:
                owner[field] = (rank, text)
    found = []
    for field, values in sorted(stated.items()):
        if len(values) > 1:
            sourced = tuple(SourcedValue(v, tuple(s)) for v, s in sorted(values.items()))
            found.append(Difference(field, owner[field][1], sourced))
    return found


@dataclass(frozen=True)
class MergedRow:
    """A row of one layout that was folded into a commitment another source owns (for merge reports)."""

    file: str
    row: int
    commitment: str
    stated: dict[str, Any]
    node: Row


async def merged_rows(graph: Graph, layout: str) -> list[MergedRow]:
    """Every row of ``layout`` (a source name such as ``irm-combined-2015``) held by a commitment that more
    than one layout describes, with what the row stated and the node's own number, titles and text."""
    found = []
    for r in await graph.read(MERGED_COMMITMENTS):
        for file, data in _entries(r["source_values"]):
            if data.get("layout") == layout:
                found.append(MergedRow(file, int(data["row"]), r["id"], data.get("values") or {}, r))
    return sorted(found, key=lambda m: (m.file, m.row))
