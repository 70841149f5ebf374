"""The Commitment node: every property declared once, with its meaning, API place, filter, sort and source columns.

Ratings are stored as the scale's value slug (``substantial``) or a missing-value slug (``no_data`` for
ND, ``not_reviewed`` for NR, ``not_applicable`` for NA); ``*_level`` holds the ordinal position on the
scale for filtering and ranking (see ``graph/ratings.py``). ``graph/fields.py`` says how to read a
declaration; ``CONTRIBUTING.md`` how to add one.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, model_validator

from graph.fields import (
    COMBINED_2015,
    CURRENT,
    EXPLORER,
    AsWritten,
    Column,
    Level,
    NodeId,
    NodeModel,
    Prop,
    Rating,
    ratings,
)
from graph.ratings import outcome_score

Year = Annotated[int | None, Field(ge=2010, le=2100)]
BOTH = (CURRENT, EXPLORER)
ALL = (CURRENT, EXPLORER, COMBINED_2015)


def same(column: str, layouts: tuple[str, ...] = BOTH) -> dict[str, str | Column]:
    """The same column name in several layouts."""
    return dict.fromkeys(layouts, column)


class Commitment(NodeModel):
    """A commitment in an action plan (``AL0002``), with its texts and IRM ratings."""

    LABEL: ClassVar[str] = "Commitment"
    FULLTEXT: ClassVar[tuple[str, ...]] = ("title", "short_title", "full_text")
    id: Annotated[NodeId, Prop("OGP commitment id (`AL0002`, `UK0107`).", filter=True, sort=True)]
    title: Annotated[str, Prop("Title.", filter=True, sort=True, sort_description="Title, case-insensitive.")]
    short_title: Annotated[str | None, Prop("Short title.", columns=same("Short Title"))] = None
    full_text: Annotated[str | None, Prop("Full text of the commitment.", columns=same("Full Text", ALL))] = None
    theme: Annotated[
        str | None, Prop("Theme or cluster named in the action plan.", filter=True, columns=same("Theme"))
    ] = None
    number: Annotated[str | None, Prop("Number within the action plan, as published.")] = None
    natural_key: Annotated[str, Prop("member|action plan number|commitment number, to match layouts.", shown=None)]
    member_id: Annotated[str, Prop("Slug of the member that made it.", shown=None, filter=True, filter_name="member")]
    action_plan_id: Annotated[
        str, Prop("Id of the action plan that includes it.", shown=None, filter=True, filter_name="action_plan")
    ]
    year: Annotated[Year, Prop("Year the action plan was submitted.", filter=True, sort=True)] = None
    start_date: Annotated[
        str | None, Prop("Start date, as published.", columns={**same("Start Date"), COMBINED_2015: "Start"})
    ] = None
    end_date: Annotated[
        str | None, Prop("End date, as published.", columns={**same("End Date"), COMBINED_2015: "End"})
    ] = None
    url: Annotated[str | None, Prop("Commitment page on opengovpartnership.org.", columns={CURRENT: "URL"})] = None
    lead_institutions_text: Annotated[
        str | None,
        Prop(
            "Lead institution(s), as written in the source.",
            columns={**same("Lead Institution"), COMBINED_2015: "Lead institution (Responsible Instutitution)"},
        ),
    ] = None
    supporting_institutions_text: Annotated[
        str | None,
        Prop(
            "Supporting institution(s), as written in the source.",
            columns={**same("Supporting Institution(s)"), COMBINED_2015: "Supporting Institution"},
        ),
    ] = None
    legacy_tags: Annotated[list[str], Prop("Policy tags of the 2011-2016 export.")] = Field(default_factory=list)
    working_groups: Annotated[list[str], Prop("OGP working groups it was assigned to.")] = Field(default_factory=list)
    source_layouts: Annotated[
        list[str], Prop("The source layouts that describe it (`current`, `explorer`, `combined-2015`).", shown=None)
    ] = Field(default_factory=list)
    relevant_to_ogp_values: Annotated[
        str | None,
        Rating(
            "Relevance to OGP values as assessed.",
            scale="relevance",
            columns={CURRENT: "_Relevant", COMBINED_2015: "_Relevant"},
        ),
    ] = None
    relevant_to_ogp_values_raw: AsWritten = None
    specificity: Annotated[
        str | None,
        Rating(
            "Specificity (none/low/medium/high; 2011-2019 method).",
            scale="specificity",
            filter=True,
            columns={
                CURRENT: Column("Specificity", twin="_Specificity"),
                EXPLORER: "Specificity",
                COMBINED_2015: "Specificity",
            },
        ),
    ] = None
    specificity_level: Level = None
    specificity_raw: AsWritten = None
    verifiable: Annotated[
        str | None, Rating("Verifiable as written.", scale="verifiable", columns={CURRENT: "Verifiable"})
    ] = None
    verifiable_raw: AsWritten = None
    potential_impact: Annotated[
        str | None,
        Rating(
            "Potential impact (none/minor/moderate/transformative; 2011-2019 method).",
            scale="potential_impact",
            filter=True,
            columns={
                CURRENT: Column("Potential Impact", twin="_Potential Impact"),
                EXPLORER: "Potential impact",
                COMBINED_2015: "Potential Impact",
            },
        ),
    ] = None
    potential_impact_level: Level = None
    potential_impact_raw: AsWritten = None
    potential_for_results: Annotated[
        str | None,
        Rating(
            "Potential for results (unclear/modest/substantial; 2020+ method).",
            scale="potential_for_results",
            filter=True,
            columns={CURRENT: Column("Potential for Results", twin="_Potential for Results")},
        ),
    ] = None
    potential_for_results_level: Level = None
    potential_for_results_raw: AsWritten = None
    clustered_in_review: Annotated[
        str | None,
        Rating(
            "Assessed together with related commitments as one cluster in the IRM action plan review (2020+ method).",
            scale="binary",
            filter=True,
            columns={CURRENT: "Cluster (AP Review)"},
        ),
    ] = None
    clustered_in_review_level: Level = None
    clustered_in_review_raw: AsWritten = None
    completion_midterm: Annotated[
        str | None,
        Rating(
            "Completion at mid-term (progress report).",
            scale="completion",
            filter=True,
            columns={
                CURRENT: Column("Completion (Progress Report)", twin="_CompletionProgress", twin_offset=2),
                EXPLORER: "Completion (progress report)",
                COMBINED_2015: "Actual Completion",
            },
        ),
    ] = None
    completion_midterm_level: Level = None
    completion_midterm_raw: AsWritten = None
    completion: Annotated[
        str | None,
        Rating(
            "Completion at the end of term.",
            scale="completion",
            filter=True,
            sort=True,
            sort_description="End-of-term completion level.",
            # the completion twins count withdrawn as 0 and unclear as 1
            columns={
                CURRENT: Column("Completion (End Of Term)", twin="_CompletionEndTerm", twin_offset=2),
                EXPLORER: "Completion (end of term)",
            },
        ),
    ] = None
    completion_level: Level = None
    completion_raw: AsWritten = None
    change_in_completion: Annotated[
        str | None,
        Rating(
            "Change in completion between the two reports.",
            scale="change_in_completion",
            columns={CURRENT: "Change In Completion"},
        ),
    ] = None
    change_in_completion_raw: AsWritten = None
    early_results: Annotated[
        str | None,
        Rating(
            "Early results (2020+ method).",
            scale="early_results",
            filter=True,
            columns={CURRENT: Column("Early Results", twin="_Early Results")},
        ),
    ] = None
    early_results_level: Level = None
    early_results_raw: AsWritten = None
    did_it_open_government: Annotated[
        str | None,
        Rating(
            "Did it open government, overall (worsened … outstanding).",
            scale="did_it_open_government",
            filter=True,
            sort=True,
            columns={
                CURRENT: Column("Did It Open Government (Overall)", twin="_OpenGovernment"),
                EXPLORER: "Did it open government (end of term only)",
            },
        ),
    ] = None
    did_it_open_government_level: Level = None
    did_it_open_government_raw: AsWritten = None
    # The per-value DIOG twins disagree with their text in 3 real rows, so they are not cross-checked.
    diog_access_to_information: Annotated[
        str | None,
        Rating(
            "Did it open government: access to information.",
            scale="did_it_open_government",
            columns={CURRENT: "Did It Open Government (Access To Information)"},
        ),
    ] = None
    diog_access_to_information_raw: AsWritten = None
    diog_civic_participation: Annotated[
        str | None,
        Rating(
            "Did it open government: civic participation.",
            scale="did_it_open_government",
            columns={CURRENT: "Did It Open Government (Civic Participation)"},
        ),
    ] = None
    diog_civic_participation_raw: AsWritten = None
    diog_public_accountability: Annotated[
        str | None,
        Rating(
            "Did it open government: public accountability.",
            scale="did_it_open_government",
            columns={CURRENT: "Did It Open Government: Public Accountability"},
        ),
    ] = None
    diog_public_accountability_raw: AsWritten = None
    starred: Annotated[bool | None, Prop("Starred in any IRM report.", shown="irm", filter=True)] = None
    starred_2015: Annotated[
        str | None,
        Prop(
            "Starred under the 2015 formula, as published.",
            shown="irm",
            scale="starred",
            columns={CURRENT: "Starred (2015 Only)", COMBINED_2015: "Starred"},
        ),
    ] = None
    starred_2015_raw: AsWritten = None
    starred_midterm: Annotated[
        str | None,
        Prop(
            "Starred at mid-term, as published.",
            shown="irm",
            scale="starred",
            columns={CURRENT: "Starred (Current Formula) Progress Report", EXPLORER: "Starred (progress report)"},
        ),
    ] = None
    starred_midterm_raw: AsWritten = None
    starred_end_of_term: Annotated[
        str | None,
        Prop(
            "Starred at the end of term, as published.",
            shown="irm",
            scale="starred",
            columns={CURRENT: "Starred (Current Formula) End of Term", EXPLORER: "Starred (end of term)"},
        ),
    ] = None
    starred_end_of_term_raw: AsWritten = None
    carried_forward: Annotated[
        str | None,
        Prop(
            "Carried forward into the next action plan, as published.",
            shown="irm",
            scale="binary",
            columns={CURRENT: "Carried Forward"},
        ),
    ] = None
    carried_forward_raw: AsWritten = None
    irm_report_year_midterm: Annotated[
        Year,
        Prop(
            "Publication year of the mid-term (progress) report.",
            shown="irm",
            columns={CURRENT: "Report Publication Year (Progress Report)"},
        ),
    ] = None
    irm_report_year_end_of_term: Annotated[
        Year,
        Prop(
            "Publication year of the end-of-term report.",
            shown="irm",
            columns={CURRENT: "Report Publication Year (End Of Term)"},
        ),
    ] = None
    latest_irm_report: Annotated[
        Year, Prop("The latest IRM report year.", shown="irm", columns={CURRENT: "Latest IRM Report"})
    ] = None
    outcome_score: Annotated[
        float | None, Prop("0-1 summary of the IRM results, for ranking.", shown="irm", filter=True, sort=True)
    ] = None
    # Derived by loaders/similarity.py, never from a source, not in the API: the encoder's vector of the
    # commitment's titles and lead (base64 float32), and the content key of the exact text it embedded.
    embedding: Annotated[str | None, Prop("Derived: the text's vector (base64 float32).", shown=None)] = None
    embedding_key: Annotated[str | None, Prop("Derived: the key of the embedded text.", shown=None)] = None
    # The language of its text and whether it is thin (read by similar commitments' explanations).
    text_language: Annotated[str | None, Prop("Derived: the language of its text (en, es, fr, pt).", shown=None)] = None
    thin_record: Annotated[bool | None, Prop("Derived: little text beyond its title.", shown=None)] = None

    @model_validator(mode="before")
    @classmethod
    def _derived(cls, data: Any) -> Any:
        """``starred`` (in any report: a yes, else a no, else unknown) and ``outcome_score`` follow from the
        ratings whenever a source gives ratings, so no loader computes them."""
        if not isinstance(data, dict) or not any(item.name in data for item in ratings(cls)):
            return data
        starred = [data.get(name) for name in STARRED]
        derived = {"starred": True if "yes" in starred else (False if "no" in starred else None)}
        return {**data, **derived, "outcome_score": outcome_score({**data, **derived})}


STARRED = ("starred_2015", "starred_midterm", "starred_end_of_term")  # the reports' starred flags
