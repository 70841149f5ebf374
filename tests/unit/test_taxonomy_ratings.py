"""The policy-area taxonomy, the Explorer tag mapping, the OGP values and the IRM rating scales."""

from __future__ import annotations

import csv

import pytest

from graph.ratings import SCALES, outcome_score, parse_rating
from graph.taxonomy import (
    AREA_BY_ID,
    COMBINED_2015_TAG_COLUMNS,
    EXPLORER_TAG_COLUMNS,
    LEGACY_TAGS,
    OGP_VALUES,
    POLICY_AREAS,
    WORKING_GROUPS,
    area_slug,
    legacy_names,
)
from loaders._commit_columns import column_use
from tests.helpers import real_file

REAL = "commitments_open_parliament_g0v.csv"


def _header() -> list[str]:
    with real_file(REAL).open(encoding="utf-8-sig") as f:
        return next(csv.reader(f))


def test_every_policy_area_column_of_the_real_file_is_in_the_taxonomy_in_order() -> None:
    header = _header()
    first = header.index("Anti-Corruption and Integrity")
    assert [a.column for a in POLICY_AREAS] == header[first : first + len(POLICY_AREAS)]
    assert len(POLICY_AREAS) == 86 and len({a.id for a in POLICY_AREAS}) == 86


def test_every_column_of_the_real_file_is_understood() -> None:
    header = _header()
    assert len(header) == 171
    assert [c for c in header if column_use(c) is None] == []
    assert column_use("Contact Email") is None


def test_parents_are_broad_areas_that_come_before_their_children() -> None:
    position = {a.id: i for i, a in enumerate(POLICY_AREAS)}
    for area in POLICY_AREAS:
        if area.parent_id:
            assert AREA_BY_ID[area.parent_id].parent_id is None, area
            assert position[area.parent_id] < position[area.id]
    assert AREA_BY_ID["open-contracting"].parent_id == "anti-corruption-and-integrity"
    assert AREA_BY_ID["freedom-of-expression"].parent_id == "civic-space-and-enabling-environment"
    assert AREA_BY_ID["climate-finance"].parent_id == "environment-and-climate"
    assert AREA_BY_ID["tax"].parent_id == "fiscal-openness"
    assert AREA_BY_ID["judiciary"].parent_id == "justice"
    assert AREA_BY_ID["open-parliaments"].parent_id is None
    assert AREA_BY_ID["open-data"].parent_id is None


def test_slugs() -> None:
    assert area_slug("Environment & Climate") == "environment-and-climate"
    assert area_slug("LGBTQIA+") == "lgbtqia"
    assert area_slug("Disinformation/Misinformation") == "disinformation-misinformation"
    assert area_slug("Open Data (Health)") == "open-data-health"


def test_every_legacy_tag_maps_onto_one_or_two_existing_areas() -> None:
    assert len(EXPLORER_TAG_COLUMNS) == 43 and len(COMBINED_2015_TAG_COLUMNS) == 42
    assert set(LEGACY_TAGS) == {*EXPLORER_TAG_COLUMNS, *COMBINED_2015_TAG_COLUMNS}
    for tag, ids in LEGACY_TAGS.items():
        assert 1 <= len(ids) <= 2 or tag == "OGP", tag  # "OGP" (the OGP process itself) has no area today
        assert all(i in AREA_BY_ID for i in ids), tag
    assert LEGACY_TAGS["Sub-national governance"] == ("subnational",)
    assert LEGACY_TAGS["Nonprofits"] == ("civic-space-and-enabling-environment",)
    assert LEGACY_TAGS["Participatory Budgeting"] == ("public-participation-in-budget-fiscal-policy",)
    assert LEGACY_TAGS["Legislature"] == ("open-parliaments",)
    assert LEGACY_TAGS["Citizen Budgets"] == (
        "publication-of-budget-fiscal-information",
        "public-participation-in-budget-fiscal-policy",
    )
    assert legacy_names("security-and-public-safety") == ["Defense", "Public Safety", "Security"]
    assert all(area in AREA_BY_ID for area in WORKING_GROUPS.values())


def test_ogp_values() -> None:
    assert [v.id for v in OGP_VALUES] == [
        "access-to-information",
        "civic-participation",
        "public-accountability",
        "technology-and-innovation",
    ]
    assert [v.explorer_column for v in OGP_VALUES] == ["Value -Info", "Value -Part", "Value -Acc", "Value -Tech"]
    assert set(_header()) >= {v.current_column for v in OGP_VALUES}


@pytest.mark.parametrize(
    ("scale", "raw", "expected"),
    [
        ("specificity", "High", ("high", 3)),
        ("specificity", "a. low", ("low", 1)),
        ("specificity", "None", ("none", 0)),
        ("potential_impact", "Transformative", ("transformative", 3)),
        ("potential_for_results", "Modest", ("modest", 1)),
        ("completion", "Not Started", ("not_started", 0)),
        ("completion", "d. Complete", ("complete", 3)),
        ("completion", "Withdrawn", ("withdrawn", None)),
        ("completion", "Unclear", ("unclear", None)),
        ("early_results", "No notable results", ("no_notable_results", 0)),
        ("did_it_open_government", "b. None", ("did_not_change", 1)),
        ("did_it_open_government", "c. Marginal", ("marginal", 2)),
        ("did_it_open_government", "No early results to report yet", ("no_early_results_to_report_yet", None)),
        ("did_it_open_government", "Not Applicable", ("not_applicable", None)),
        ("starred", "1", ("yes", 1)),
        ("verifiable", "Yes", ("yes", 1)),
        ("change_in_completion", "No Change", ("no_change", 1)),
        ("specificity", "ND", ("no_data", None)),
        ("potential_impact", "NR", ("not_reviewed", None)),
        ("completion", "NA", ("not_applicable", None)),
        ("completion", "  ", (None, None)),
    ],
)
def test_parse_rating(scale: str, raw: str, expected: tuple[str | None, int | None]) -> None:
    assert parse_rating(scale, raw) == expected


def test_unknown_rating_names_the_scale_and_the_accepted_values() -> None:
    with pytest.raises(ValueError, match=r"'Huge' is not a specificity rating \(expected one of: none, low"):
        parse_rating("specificity", "Huge")


def test_every_rating_in_the_real_file_parses() -> None:
    with real_file(REAL).open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    columns = {
        "Specificity": "specificity",
        "Potential Impact": "potential_impact",
        "Completion (End Of Term)": "completion",
        "Did It Open Government (Overall)": "did_it_open_government",
        "Early Results": "early_results",
        "Potential for Results": "potential_for_results",
    }
    for column, scale in columns.items():
        slugs = {parse_rating(scale, r[column])[0] for r in rows}
        assert None not in slugs and "no_data" in slugs, column
    assert {"no_data", "not_reviewed", "high"} <= {parse_rating("specificity", r["Specificity"])[0] for r in rows}
    assert set(SCALES["completion"].values) == {"not_started", "limited", "substantial", "complete"}


def test_outcome_score() -> None:
    assert outcome_score({}) is None
    assert outcome_score({"starred": True}) is None
    best = {"completion_level": 3, "did_it_open_government_level": 4, "starred": True}
    assert outcome_score(best) == 1.0
    assert outcome_score({"completion_level": 0, "did_it_open_government_level": 0, "starred": False}) == 0.0
    # completion only (mid-term): 2/3
    assert outcome_score({"completion_midterm_level": 2}) == pytest.approx(0.6667, abs=1e-4)
    # substantial + marginal, not starred: (0.4*2/3 + 0.5*2/4 + 0) / 1.0
    assert outcome_score({"completion_level": 2, "did_it_open_government_level": 2, "starred": False}) == pytest.approx(
        0.5167, abs=1e-4
    )
    # early results stand in when did-it-open-government is missing
    assert outcome_score({"early_results_level": 3}) == 1.0
