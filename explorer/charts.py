"""Chart geometry for the templates: stacked bars (counts by IRM completion) and year columns.

Bars are drawn by the templates as HTML (a table row per bar, so screen readers read a table and a phone
wraps the labels); the year columns as an inline SVG. Nothing here reads data: views pass what the API said.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# End-of-term completion, best first; anything else (withdrawn, unclear, not assessed) comes last as "other".
COMPLETION_ORDER = ("complete", "substantial", "limited", "not_started")
OTHER = "other"


@dataclass(frozen=True)
class Segment:
    """One part of a bar: a completion value, its words, its count and its share of the longest bar (%)."""

    value: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class Bar:
    """A labelled bar (a policy area, an action plan) made of segments."""

    key: str
    label: str
    total: int
    segments: list[Segment]


def _segments(counts: Mapping[str, tuple[str, int]], scale: int) -> list[Segment]:
    order = [*COMPLETION_ORDER, OTHER]
    return [
        Segment(value, counts[value][0], counts[value][1], 100.0 * counts[value][1] / scale)
        for value in order
        if counts.get(value, ("", 0))[1] > 0
    ]


def _bucket(value: str | None) -> str:
    return value if value in COMPLETION_ORDER else OTHER


def area_bars(cross: Iterable[Mapping[str, Any]], other_label: str, limit: int = 12) -> list[Bar]:
    """One bar per policy area (most commitments first), split by end-of-term completion."""
    totals: dict[str, int] = {}
    names: dict[str, str] = {}
    parts: dict[str, dict[str, tuple[str, int]]] = {}
    for row in cross:
        area, bucket = row["policyArea"], _bucket(row["completion"])
        names[area] = row["label"]
        totals[area] = totals.get(area, 0) + row["count"]
        label = other_label if bucket == OTHER else row["completionLabel"]
        before = parts.setdefault(area, {}).get(bucket, (label, 0))[1]
        parts[area][bucket] = (label, before + row["count"])
    chosen = sorted(totals, key=lambda a: (-totals[a], names[a]))[:limit]
    scale = max((totals[a] for a in chosen), default=1)
    return [Bar(a, names[a], totals[a], _segments(parts[a], scale)) for a in chosen]


def plan_bars(plans: Iterable[Mapping[str, Any]], labels: Mapping[str, str], other_label: str) -> list[Bar]:
    """One bar per action plan (in order), its commitments split by end-of-term completion."""
    rows = list(plans)
    scale = max((len(p["commitments"]) for p in rows), default=1) or 1
    bars = []
    for plan in rows:
        counts: dict[str, tuple[str, int]] = {}
        for commitment in plan["commitments"]:
            completion = (commitment["irm"]["completion"] or {}).get("value")
            bucket = _bucket(completion)
            label = other_label if bucket == OTHER else labels.get(bucket, bucket)
            counts[bucket] = (label, counts.get(bucket, (label, 0))[1] + 1)
        bars.append(Bar(plan["id"], str(plan["number"]), len(plan["commitments"]), _segments(counts, scale)))
    return bars


@dataclass(frozen=True)
class Column:
    """One year's column in SVG units."""

    label: str
    count: int
    x: float
    y: float
    height: float


WIDTH, HEIGHT, BASELINE = 600.0, 160.0, 140.0


def year_columns(facet: Iterable[Mapping[str, Any]]) -> list[Column]:
    """Columns for counts by year, oldest first, every year in between included (a gap is a zero)."""
    counts = {int(r["value"]): int(r["count"]) for r in facet if str(r["value"]).isdigit()}
    if not counts:
        return []
    years = list(range(min(counts), max(counts) + 1))
    top = max(counts.values())
    step = WIDTH / len(years)
    columns = []
    for i, year in enumerate(years):
        height = (BASELINE - 20) * counts.get(year, 0) / top
        columns.append(Column(str(year), counts.get(year, 0), i * step + step * 0.15, BASELINE - height, height))
    return columns


def column_width(columns: list[Column]) -> float:
    """The width of one column (70% of its slot)."""
    return WIDTH / len(columns) * 0.7 if columns else 0.0
