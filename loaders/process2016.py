"""IRM process database (July 2016): consultation and forum facts per member action plan -> ActionPlan nodes.

The file has a row of column indices and a row of section labels above its header, and repeats that
block once inside the data; rows without a country or plan number carry no facts and are skipped.
Action plan ids match the commitments export's ``Action Plan ID`` (``AP_ALB01``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.backend import Graph
from graph.model import HAS_ACTION_PLAN, ActionPlan, Member
from loaders._source import Batch, RowError, SourceRow, read_csv, write_batch
from loaders._write import LoadStats, Provenance, Rel
from loaders.member_names import member_slug
from loaders.members import BadCell, cell, int_cell, known_country

NAME = "irm-process-2016"
DESCRIPTION = "IRM process database 2016: consultation steps, multi-stakeholder forum, IAP2 level per action plan"
ORDER = 20

COUNTRY = "Country name"
PLAN = "Action Plan Number"
YEAR = "Year AP Submitted"
STEPS = "_Number of steps followed (out of 6)"
OPEN_DEV = "Invitation-only or open participation during dev. consultation"
IAP2_DEV = "IAP2 level during development"
FORUM = "_Regular forum"
IAP2_IMP = "IAP2 level during imp."
SELF_ASSESSMENT = "_Self assessment published"
COLUMNS = (COUNTRY, PLAN, YEAR, STEPS, OPEN_DEV, IAP2_DEV, FORUM, IAP2_IMP, SELF_ASSESSMENT)

MISSING = {"NR", "NA", "ND", "N/A"}  # not reviewed / not applicable / no data: the fact is unknown
IAP2_LEVELS = ("inform", "consult", "involve", "collaborate", "empower")
OPENNESS = {"open": True, "invitation-only": False}


def recognise(header: list[str]) -> bool:
    """The IRM process database header (country, plan number, consultation steps, regular forum)."""
    return {COUNTRY, PLAN, STEPS, FORUM} <= set(header)


def extract(path: Path) -> Iterator[SourceRow]:
    """The file's rows below its real header."""
    return read_csv(path, required=COLUMNS)


def _known(row: SourceRow, column: str) -> str | None:
    value = cell(row, column)
    return None if value is None or value.upper() in MISSING else value


def _count(row: SourceRow, column: str, high: int) -> int | None:
    return None if _known(row, column) is None else int_cell(row, column, 0, high)


def _flag(row: SourceRow, column: str) -> bool | None:
    value = _count(row, column, 1)
    return None if value is None else bool(value)


def _choice(row: SourceRow, column: str, choices: dict[str, bool] | tuple[str, ...]) -> str | bool | None:
    value = _known(row, column)
    if value is None:
        return None
    key = value.lower()
    if key not in choices:
        raise BadCell(column, f"expected one of {', '.join(choices)} (or NR/NA), got {value!r}")
    return choices[key] if isinstance(choices, dict) else key


def _plan(row: SourceRow) -> tuple[ActionPlan, str]:
    country, code = known_country(row, COUNTRY)
    number = int_cell(row, PLAN, 1, 20, required=True) or 0
    facts = {
        "submission_year": int_cell(row, YEAR, 2011, 2100),
        "consultation_steps_followed": _count(row, STEPS, 6),
        "regular_forum": _flag(row, FORUM),
        "open_participation_development": _choice(row, OPEN_DEV, OPENNESS),
        "iap2_level_development": _choice(row, IAP2_DEV, IAP2_LEVELS),
        "iap2_level_implementation": _choice(row, IAP2_IMP, IAP2_LEVELS),
        "self_assessment_published": _flag(row, SELF_ASSESSMENT),
    }
    member_id = member_slug(country)
    plan = ActionPlan.model_validate(
        {
            "id": f"AP_{code}{number:02d}",
            "member_id": member_id,
            "number": number,
            **{k: v for k, v in facts.items() if v is not None},
        }
    )
    return plan, member_id


def validate(rows: Iterable[SourceRow], source_file: str) -> Batch:
    """ActionPlan nodes with their process facts, and HAS_ACTION_PLAN from the member."""
    batch = Batch(source_file)
    plans: dict[str, ActionPlan] = {}
    provenance: dict[str, Provenance] = {}
    links: list[Rel] = []
    for row in rows:
        batch.rows_read += 1
        if "__error__" in row.cells:
            batch.errors.append(RowError(source_file, row.number, row.cells["__error__"]))
            continue
        if cell(row, COUNTRY) is None and cell(row, PLAN) is None:
            continue  # the repeated section-label row: no country, no plan, no facts
        try:
            plan, member_id = _plan(row)
        except BadCell as exc:
            batch.errors.append(RowError(source_file, row.number, str(exc), exc.column))
            continue
        if plan.id in plans:
            batch.errors.append(
                RowError(
                    source_file,
                    row.number,
                    f"action plan {plan.id} already given in row {provenance[plan.id].source_row}",
                )
            )
            continue
        plans[plan.id] = plan
        provenance[plan.id] = Provenance(source_file, row.number)
        links.append(Rel(member_id, plan.id))
    batch.add_nodes(list(plans.values()), list(provenance.values()))
    batch.add_rels(Member.LABEL, HAS_ACTION_PLAN, ActionPlan.LABEL, links)
    return batch


async def load(graph: Graph, batch: Batch, loaded_at: str) -> LoadStats:
    """Write the action plans and their member links."""
    return await write_batch(graph, batch, loaded_at)
