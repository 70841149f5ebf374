"""IRM ratings as GraphQL objects: value slug, readable label, level, and the scale's meaning (graph/ratings.py)."""

from __future__ import annotations

import strawberry

from api.types_common import _d
from graph.backend import Row
from graph.ratings import SCALES

MISSING_LABELS = {"no_data": "ND: no data", "not_reviewed": "NR: not reviewed", "not_applicable": "NA: not applicable"}
# Commitment property -> its scale in graph/ratings.py (as the loaders parse them).
PROPERTY_SCALES = {
    "specificity": "specificity",
    "verifiable": "verifiable",
    "relevant_to_ogp_values": "relevance",
    "potential_impact": "potential_impact",
    "potential_for_results": "potential_for_results",
    "completion_midterm": "completion",
    "completion": "completion",
    "change_in_completion": "change_in_completion",
    "early_results": "early_results",
    "did_it_open_government": "did_it_open_government",
    "diog_access_to_information": "did_it_open_government",
    "diog_civic_participation": "did_it_open_government",
    "diog_public_accountability": "did_it_open_government",
}


def rating_label(value: str) -> str:
    """A readable label for a value slug: the missing-value code spelled out, else the slug as words."""
    return MISSING_LABELS.get(value) or value.replace("_", " ").capitalize()


@strawberry.type(description="One IRM rating: the value slug, a readable label, its level on the scale.")
class IrmRating:
    value: str = _d("Value slug as stored (`substantial`), or a missing-value slug (`no_data`, `not_reviewed`, …).")
    label: str = _d("Readable label.")
    level: int | None = _d("Ordinal position on the rating's scale (higher = more), when it has one.")
    assessed: bool = _d("False when the IRM gave no rating (ND, NR, NA).")
    missing_reason: str | None = _d("Why it is missing: `no_data`, `not_reviewed` or `not_applicable`.")
    scale: str | None = _d("Name of the IRM scale it is rated on (`completion`, `did_it_open_government`, …).")
    meaning: str | None = _d("What the scale measures (from the IRM method).")
    max_level: int | None = _d("Highest level on the scale (so `level / maxLevel` is a 0-1 position).")

    @classmethod
    def of(cls, row: Row, prop: str) -> IrmRating | None:
        """The rating stored in ``row[prop]`` (with ``row[prop + '_level']``), or ``None`` if absent."""
        value = row.get(prop)
        if value is None:
            return None
        value = str(value)
        missing = value if value in MISSING_LABELS else None
        scale = SCALES.get(PROPERTY_SCALES.get(prop, ""))
        return cls(
            value=value,
            label=rating_label(value),
            level=row.get(f"{prop}_level"),
            assessed=missing is None,
            missing_reason=missing,
            scale=scale.name if scale else None,
            meaning=scale.meaning if scale else None,
            max_level=len(scale.values) - 1 if scale else None,
        )


@strawberry.type(description="The Independent Reporting Mechanism's assessment of a commitment.")
class CommitmentIrm:
    row: strawberry.Private[Row]

    def _r(self, prop: str) -> IrmRating | None:
        return IrmRating.of(self.row, prop)

    @strawberry.field(description="Relevance to OGP values as assessed.")
    def relevant_to_ogp_values(self) -> IrmRating | None:
        return self._r("relevant_to_ogp_values")

    @strawberry.field(description="Specificity (none/low/medium/high; 2011-2019 method).")
    def specificity(self) -> IrmRating | None:
        return self._r("specificity")

    @strawberry.field(description="Verifiable as written.")
    def verifiable(self) -> IrmRating | None:
        return self._r("verifiable")

    @strawberry.field(description="Potential impact (none/minor/moderate/transformative; 2011-2019 method).")
    def potential_impact(self) -> IrmRating | None:
        return self._r("potential_impact")

    @strawberry.field(description="Potential for results (unclear/modest/substantial; 2020+ method).")
    def potential_for_results(self) -> IrmRating | None:
        return self._r("potential_for_results")

    @strawberry.field(description="Completion at mid-term (progress report).")
    def completion_midterm(self) -> IrmRating | None:
        return self._r("completion_midterm")

    @strawberry.field(description="Completion at the end of term.")
    def completion(self) -> IrmRating | None:
        return self._r("completion")

    @strawberry.field(description="Change in completion between the two reports.")
    def change_in_completion(self) -> IrmRating | None:
        return self._r("change_in_completion")

    @strawberry.field(description="Early results (2020+ method).")
    def early_results(self) -> IrmRating | None:
        return self._r("early_results")

    @strawberry.field(description="Did it open government, overall (worsened … outstanding).")
    def did_it_open_government(self) -> IrmRating | None:
        return self._r("did_it_open_government")

    @strawberry.field(description="Did it open government: access to information.")
    def diog_access_to_information(self) -> IrmRating | None:
        return self._r("diog_access_to_information")

    @strawberry.field(description="Did it open government: civic participation.")
    def diog_civic_participation(self) -> IrmRating | None:
        return self._r("diog_civic_participation")

    @strawberry.field(description="Did it open government: public accountability.")
    def diog_public_accountability(self) -> IrmRating | None:
        return self._r("diog_public_accountability")

    @strawberry.field(description="Starred in any IRM report.")
    def starred(self) -> bool | None:
        return self.row.get("starred")

    @strawberry.field(description="Starred under the 2015 formula, as published.")
    def starred_2015(self) -> str | None:
        return self.row.get("starred_2015")

    @strawberry.field(description="Starred at mid-term, as published.")
    def starred_midterm(self) -> str | None:
        return self.row.get("starred_midterm")

    @strawberry.field(description="Starred at the end of term, as published.")
    def starred_end_of_term(self) -> str | None:
        return self.row.get("starred_end_of_term")

    @strawberry.field(description="Carried forward into the next action plan, as published.")
    def carried_forward(self) -> str | None:
        return self.row.get("carried_forward")

    @strawberry.field(description="Publication year of the mid-term (progress) report.")
    def irm_report_year_midterm(self) -> int | None:
        return self.row.get("irm_report_year_midterm")

    @strawberry.field(description="Publication year of the end-of-term report.")
    def irm_report_year_end_of_term(self) -> int | None:
        return self.row.get("irm_report_year_end_of_term")

    @strawberry.field(description="The latest IRM report year.")
    def latest_irm_report(self) -> int | None:
        return self.row.get("latest_irm_report")

    @strawberry.field(description="0-1 summary of the IRM results, for ranking.")
    def outcome_score(self) -> float | None:
        return self.row.get("outcome_score")
