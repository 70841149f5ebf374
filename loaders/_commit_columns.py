"""What each of the 171 columns of the current OGP commitments layout becomes (or why it is skipped)."""

from __future__ import annotations

from dataclasses import dataclass

from graph.taxonomy import OGP_VALUES, POLICY_AREAS


@dataclass(frozen=True)
class RatingColumn:
    """A rating column: the Commitment field it fills, its scale, and its numeric twin (cross-checked)."""

    column: str
    field: str
    scale: str
    twin: str | None = None
    twin_offset: int = 0  # twin value = level + offset (completion twins count withdrawn=0, unclear=1)
    has_level: bool = False


RATINGS: tuple[RatingColumn, ...] = (
    RatingColumn("Specificity", "specificity", "specificity", "_Specificity", 0, True),
    RatingColumn("Verifiable", "verifiable", "verifiable"),
    RatingColumn("_Relevant", "relevant_to_ogp_values", "relevance"),
    RatingColumn("Potential Impact", "potential_impact", "potential_impact", "_Potential Impact", 0, True),
    RatingColumn("Completion (Progress Report)", "completion_midterm", "completion", "_CompletionProgress", 2, True),
    RatingColumn(
        "Potential for Results", "potential_for_results", "potential_for_results", "_Potential for Results", 0, True
    ),
    RatingColumn("Completion (End Of Term)", "completion", "completion", "_CompletionEndTerm", 2, True),
    RatingColumn("Change In Completion", "change_in_completion", "change_in_completion"),
    RatingColumn("Early Results", "early_results", "early_results", "_Early Results", 0, True),
    RatingColumn(
        "Did It Open Government (Overall)",
        "did_it_open_government",
        "did_it_open_government",
        "_OpenGovernment",
        0,
        True,
    ),
    # The per-value DIOG twins disagree with their text in 3 real rows, so they are not cross-checked.
    RatingColumn(
        "Did It Open Government (Access To Information)", "diog_access_to_information", "did_it_open_government"
    ),
    RatingColumn("Did It Open Government (Civic Participation)", "diog_civic_participation", "did_it_open_government"),
    RatingColumn(
        "Did It Open Government: Public Accountability", "diog_public_accountability", "did_it_open_government"
    ),
    RatingColumn("Starred (2015 Only)", "starred_2015", "starred"),
    RatingColumn("Starred (Current Formula) Progress Report", "starred_midterm", "starred"),
    RatingColumn("Starred (Current Formula) End of Term", "starred_end_of_term", "starred"),
    RatingColumn("Carried Forward", "carried_forward", "binary"),
)

# Plain columns -> Commitment / Member / ActionPlan fields (see loaders/commitments.py).
IDENTITY = {
    "Commitment Unique Identifier": "Commitment.id",
    "Country/Locality": "Member.name (Member.id = member slug)",
    "Action Plan Number": "ActionPlan.number, Commitment.natural_key",
    "Commitment Number": "Commitment.number, Commitment.natural_key",
    "Code": "Member.code",
    "Region": "Region.name, Member.region, IN_REGION",
    "National Or Local": "Member.kind (Legacy Local -> local + LOCATED_IN; National/Other -> national)",
    "Action Plan ID": "ActionPlan.id, Commitment.action_plan_id",
    "Year Of Submission": "ActionPlan.submission_year, Commitment.year",
    "Action Plan End Year": "ActionPlan.end_year",
    "Action Plan Duration (Years)": "ActionPlan.duration_years",
    "Theme": "Commitment.theme",
    "Commitment Title": "Commitment.title",
    "Short Title": "Commitment.short_title",
    "Full Text": "Commitment.full_text",
    "Start Date": "Commitment.start_date (as written)",
    "End Date": "Commitment.end_date (as written)",
    "Lead Institution": "Commitment.lead_institutions_text, LEADS",
    "Supporting Institution(s)": "Commitment.supporting_institutions_text, SUPPORTS",
    "URL": "Commitment.url",
    "Report Publication Year (Progress Report)": "Commitment.irm_report_year_midterm",
    "Report Publication Year (End Of Term)": "Commitment.irm_report_year_end_of_term",
    "Latest IRM Report": "Commitment.latest_irm_report",
}

SKIPPED = {
    "Commitment Dummy": "always 1 (a counting helper of the spreadsheet)",
    "id": "row id inside OGP's sheet, not stable across exports",
    "Compound": "IRM clustering detail of one report, not modelled",
    "Cluster": "IRM clustering detail of one report, not modelled",
    "Cluster (AP Review)": "IRM clustering detail of one report, not modelled",
    "Cluster Commitment ID(s)": "IRM clustering detail of one report, not modelled",
    "_ChangeCompletion": "numeric difference of the completion twins; the text column is loaded",
    "_DIOGATI": "numeric twin, inconsistent with its text in real rows",
    "_DIOGCP": "numeric twin, inconsistent with its text in real rows",
    "_DIOGPA": "numeric twin, inconsistent with its text in real rows",
}
# OGP's own derived analysis flags: recomputable from the ratings we load, so not stored.
ANALYSIS_FLAGS = (
    "Most Recently Assessed",
    "Star - Most Recently Assessed",
    "IRM Assessed",
    "Updated? (Website)",
    "Active Commitment",
    "Max star",
    "Ambition Assessed",
    "Comp Assessed",
    "DIOG Assessed",
    "Midterm Only",
    "Max Completion",
    "Raw Completion",
    "High Completion",
    "High Ambition",
    "High DIOG",
    "Ambitious and complete, or DIOG",
    "Ambitious but not complete",
    "Complete but not ambitious",
    "Not complete or ambitious",
    "Not reviewed",
    "CHECKSUM",
    "IRM-Based Score",
    "Binding constraint",
    "Subnational in NAPs",
)
SKIPPED.update({c: "OGP analysis flag derived from the ratings" for c in ANALYSIS_FLAGS})

AREA_COLUMNS = {a.column: a.id for a in POLICY_AREAS}
VALUE_COLUMNS = {v.current_column: v.id for v in OGP_VALUES}


def column_use(column: str) -> str | None:
    """What the loader does with a column of the current layout (None: unknown column)."""
    if column in IDENTITY:
        return IDENTITY[column]
    if column in SKIPPED:
        return "skipped: " + SKIPPED[column]
    if column in AREA_COLUMNS:
        return f"ADDRESSES PolicyArea {AREA_COLUMNS[column]}"
    if column in VALUE_COLUMNS:
        return f"ADVANCES OgpValue {VALUE_COLUMNS[column]}"
    for rating in RATINGS:
        if column == rating.column:
            return f"Commitment.{rating.field} ({rating.scale} scale)"
        if column == rating.twin:
            return f"cross-check of {rating.column!r}"
    return None
