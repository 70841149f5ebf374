"""Every IRM rating scale of both layouts: ordered values, their meaning, and ``parse_rating``.

A rating is stored as a value slug (``substantial``) plus its ``level`` (0-based position on the
ordered scale). Missing-value codes become slugs with no level: ND -> ``no_data``, NR ->
``not_reviewed``, NA / ``Not Applicable`` / ``N/A`` -> ``not_applicable``. Older Explorer exports
prefix values with an ordinal (``a. low``, ``c. Marginal``); the prefix is ignored.
Off-scale values that are real answers but not a step on the scale (completion ``withdrawn`` and
``unclear``; did-it-open-government ``no_early_results_to_report_yet``) have a slug and no level.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

MISSING: dict[str, str] = {
    "nd": "no_data",
    "nr": "not_reviewed",
    "na": "not_applicable",
    "n/a": "not_applicable",
    "not applicable": "not_applicable",
    "not_applicable": "not_applicable",
}
_ORDINAL = re.compile(r"^[a-h]\.\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Scale:
    """An IRM scale: ordered value slugs (level = index), off-scale slugs, and accepted spellings."""

    name: str
    meaning: str
    values: tuple[str, ...]
    off_scale: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)

    def level(self, slug: str) -> int | None:
        """The ordinal level of a value slug (None for off-scale and missing slugs)."""
        return self.values.index(slug) if slug in self.values else None


SCALES: dict[str, Scale] = {
    s.name: s
    for s in (
        Scale(
            "specificity",
            "How precisely the commitment's milestones are written (legacy IRM method).",
            ("none", "low", "medium", "high"),
        ),
        Scale(
            "verifiable",
            "Whether the commitment's activities can be checked (2020+ IRM method).",
            ("no", "yes"),
            aliases={"0": "no", "1": "yes"},
        ),
        Scale(
            "relevance",
            "Relevant to at least one OGP value.",
            ("not_relevant", "relevant"),
            aliases={"0": "not_relevant", "1": "relevant", "no": "not_relevant", "yes": "relevant"},
        ),
        Scale(
            "potential_impact",
            "Potential impact if fully implemented (legacy IRM method).",
            ("none", "minor", "moderate", "transformative"),
        ),
        Scale(
            "potential_for_results",
            "Potential for results (2020+ IRM action plan review).",
            ("unclear", "modest", "substantial"),
        ),
        Scale(
            "completion",
            "Level of completion at the mid-term or end of term.",
            ("not_started", "limited", "substantial", "complete"),
            off_scale=("withdrawn", "unclear"),
            aliases={"not started": "not_started", "complete": "complete", "completed": "complete"},
        ),
        Scale(
            "change_in_completion",
            "Change in completion between the mid-term and end-of-term reports.",
            ("decrease", "no_change", "increase"),
        ),
        Scale(
            "early_results",
            "Early results of implementation (2020+ IRM results report).",
            ("no_notable_results", "moderate", "significant", "outstanding"),
            aliases={"none": "no_notable_results", "no notable results": "no_notable_results"},
        ),
        Scale(
            "did_it_open_government",
            "Did it open government: change in government practice (end of term).",
            ("worsens", "did_not_change", "marginal", "major", "outstanding"),
            off_scale=("no_early_results_to_report_yet",),
            aliases={"worsened": "worsens", "none": "did_not_change", "did not change": "did_not_change"},
        ),
        Scale(
            "starred",
            "Starred: specific, relevant, transformative and substantially or fully complete.",
            ("no", "yes"),
            aliases={"0": "no", "1": "yes", "starred": "yes", "not starred": "no"},
        ),
        Scale(
            "binary",
            "A 0/1 flag (e.g. carried forward into the next plan).",
            ("no", "yes"),
            aliases={"0": "no", "1": "yes"},
        ),
    )
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def parse_rating(scale: str, raw: str | None) -> tuple[str | None, int | None]:
    """``(slug, level)`` of a raw rating on ``scale``; ``(None, None)`` when blank.

    Raises ``ValueError`` naming the scale and its accepted values when ``raw`` is not one of them.
    """
    spec = SCALES[scale]
    text = " ".join((raw or "").split())
    if not text:
        return None, None
    lowered = _ORDINAL.sub("", text).lower()
    if lowered in MISSING:
        return MISSING[lowered], None
    slug = spec.aliases.get(lowered) or _slug(lowered)
    if slug in spec.values or slug in spec.off_scale:
        return slug, spec.level(slug)
    accepted = ", ".join(spec.values + spec.off_scale + ("ND", "NR", "NA"))
    raise ValueError(f"{raw!r} is not a {scale.replace('_', ' ')} rating (expected one of: {accepted})")


@dataclass(frozen=True)
class Reading:
    """A rating cell read leniently: the slug and level (None when blank or off the scale), the cell as
    written when it is off the scale, and the reason (for a warning)."""

    slug: str | None
    level: int | None
    raw: str | None = None
    problem: str | None = None


def read_rating(scale: str, raw: str | None) -> Reading:
    """``parse_rating`` for real exports: a value outside the scale is kept as written, never refused."""
    try:
        slug, level = parse_rating(scale, raw)
    except ValueError as exc:
        return Reading(None, None, " ".join((raw or "").split()), f"{exc}; kept as written, rating left empty")
    return Reading(slug, level)


# Weights of outcome_score's parts; renormalised over the parts that are known.
OUTCOME_WEIGHTS = {"completion": 0.4, "results": 0.5, "starred": 0.1}


def outcome_score(fields: Mapping[str, object]) -> float | None:
    """A 0..1 summary of a commitment's IRM results, for ranking; None when nothing is known.

    Levels are read from ``<rating>_level`` or, when absent, from the rating's value slug.
    Parts (each 0..1): completion = end-of-term ``completion_level`` / 3 (else the mid-term level);
    results = ``did_it_open_government_level`` / 4 (worsens 0 … outstanding 1), else ``early_results_level``
    / 3; starred = 1 if ``starred`` else 0 (only counted when completion or results are known).
    Score = weighted mean 0.4 completion + 0.5 results + 0.1 starred over the known parts.
    """
    parts: dict[str, float] = {}
    completion = _level(fields, "completion", "completion")
    if completion is None:
        completion = _level(fields, "completion_midterm", "completion")
    if completion is not None:
        parts["completion"] = completion / 3
    diog = _level(fields, "did_it_open_government", "did_it_open_government")
    early = _level(fields, "early_results", "early_results")
    if diog is not None:
        parts["results"] = diog / 4
    elif early is not None:
        parts["results"] = early / 3
    if not parts:
        return None
    if fields.get("starred") is not None:
        parts["starred"] = 1.0 if fields.get("starred") else 0.0
    total = sum(OUTCOME_WEIGHTS[k] for k in parts)
    return round(sum(OUTCOME_WEIGHTS[k] * v for k, v in parts.items()) / total, 4)


def _level(fields: Mapping[str, object], name: str, scale: str) -> int | None:
    """``<name>_level`` when given, else the level of the ``name`` slug on ``scale``."""
    level = fields.get(f"{name}_level")
    if isinstance(level, int) and not isinstance(level, bool):
        return level
    slug = fields.get(name)
    return SCALES[scale].level(slug) if isinstance(slug, str) else None
