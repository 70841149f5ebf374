"""What each of the 171 columns of the current OGP commitments layout becomes (or why it is skipped), and
``read_declared``: the Commitment properties whose source column is declared in the model, read from a row.

A property with a column in a layout (``Prop(columns={CURRENT: …})``) is read by ``read_declared``
for that layout, in every layout (current, Explorer, 2015 Combined Database): ratings parsed on their
scale (and cross-checked against a numeric twin), other values trimmed, missing-value codes to ``None``,
and checked against the model's type, each leniently (a warning, never a refused row). Identity and
structure columns (ids, member, plan, title) are read by each layout's row model.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from graph.fields import CURRENT, Prop, source_columns
from graph.model import Commitment
from graph.ratings import read_rating
from graph.taxonomy import OGP_VALUES, POLICY_AREAS
from loaders._cells import Cells
from loaders._source import QUOTED_CHARS

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
    "Commitment Title": "Commitment.title",
    "Lead Institution": "LEADS (organisations resolved from the text)",
    "Supporting Institution(s)": "SUPPORTS (organisations resolved from the text)",
}

SKIPPED = {
    "Commitment Dummy": "always 1 (a counting helper of the spreadsheet)",
    "id": "row id inside OGP's sheet, not stable across exports",
    "Compound": "IRM clustering detail of one report, not modelled",
    "Cluster": "IRM clustering detail of one report, not modelled",
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
    uses = [IDENTITY[column]] if column in IDENTITY else []
    for item, declared_column in source_columns(Commitment, CURRENT):
        scale = f" ({item.prop.scale} scale)" if item.prop.scale else ""
        if column == declared_column.name:
            uses.insert(0, f"Commitment.{item.name}{scale}")
        if column == declared_column.twin:
            return f"cross-check of {declared_column.name!r}"
    if uses:
        return ", ".join(uses)
    if column in SKIPPED:
        return "skipped: " + SKIPPED[column]
    if column in AREA_COLUMNS:
        return f"ADDRESSES PolicyArea {AREA_COLUMNS[column]}"
    if column in VALUE_COLUMNS:
        return f"ADVANCES OgpValue {VALUE_COLUMNS[column]}"
    return None


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    """Validates a cell against the model's type and constraints of the property (``Year``: 2010-2100)."""
    info = Commitment.model_fields[name]
    constraints = [m for m in info.metadata if not isinstance(m, Prop)]
    annotation: Any = Annotated[info.annotation, *constraints] if constraints else info.annotation
    return TypeAdapter(annotation)


def read_declared(cells: Cells, layout: str) -> dict[str, Any]:
    """The Commitment properties a ``layout`` row gives through declared columns, read as a real export needs.

    Nothing here refuses a row: a rating off its scale is kept as written in ``<name>_raw`` (the rating left
    empty), a numeric twin that disagrees keeps the text's value, a value of the wrong type is left empty, and
    contact details are removed from texts; each is a warning on the row (file, row, column, why).
    """
    values: dict[str, Any] = {}
    for item, column in source_columns(Commitment, layout):
        if item.prop.scale is not None:
            reading = read_rating(item.prop.scale, cells.raw(column.name))
            values[item.name] = reading.slug
            if reading.raw is not None and item.raw_property is not None:
                values[item.raw_property] = reading.raw
                cells.warn(column.name, reading.problem or "off the scale; kept as written")
            twin = cells.raw(column.twin) if column.twin else ""
            if reading.level is not None and twin and twin != str(reading.level + column.twin_offset):
                cells.warn(column.twin, f"numeric twin {twin!r} disagrees with {column.name!r}; the text is loaded")
            continue
        text = cells.text(column.name)
        if item.value_type is str or text is None:
            values[item.name] = text
            continue
        try:
            values[item.name] = _adapter(item.name).validate_python(text)
        except ValidationError as exc:
            values[item.name] = None
            why = "; ".join(e["msg"] for e in exc.errors())
            cells.warn(column.name, f"{why} (got {text[:QUOTED_CHARS]!r}); left empty")
    return values
