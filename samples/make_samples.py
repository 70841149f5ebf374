"""Write the project's own SAMPLE data (samples/commitments.csv, samples/members.csv) from samples/description.toml.

SAMPLE DATA, written by the ogp-graph project: the description holds the content (members, IRM outcome
profiles, commitments); this script turns it into the layouts the loaders read, taking every layout fact
from the project itself: the rating columns and their numeric twins from the Commitment declarations
(``graph/commitment.py``), twin codes from the rating scales (``graph/ratings.py``), policy-area and
OGP-value columns from ``graph/taxonomy.py``. Run ``.venv/bin/python samples/make_samples.py`` to regenerate
(the output is deterministic); ``tests/unit/test_samples.py`` checks the committed files equal its output.
"""

from __future__ import annotations

import csv
import sys
import tomllib
from pathlib import Path
from typing import Any

from graph.commitment import Commitment
from graph.fields import CURRENT, source_columns
from graph.ratings import parse_rating
from graph.taxonomy import AREA_BY_ID, OGP_VALUES

HERE = Path(__file__).resolve().parent

# Numeric twins the export has but the loader does not cross-check (so the declarations do not name them):
# property -> (column, offset of the code from the level). The change in completion is coded -1 / 0 / +1.
UNCHECKED_TWINS = {
    "diog_access_to_information": ("_DIOGATI", 0),
    "diog_civic_participation": ("_DIOGCP", 0),
    "diog_public_accountability": ("_DIOGPA", 0),
    "change_in_completion": ("_ChangeCompletion", -1),
}
TWINS = {item.name: (column.twin, column.twin_offset) for item, column in source_columns(Commitment, CURRENT)}
TWINS = {name: twin for name, twin in TWINS.items() if twin[0]} | UNCHECKED_TWINS
COLUMNS = {item.name: column.name for item, column in source_columns(Commitment, CURRENT)}
SCALES = {item.name: str(item.prop.scale) for item, _ in source_columns(Commitment, CURRENT) if item.prop.scale}


def rating_cells(profile: dict[str, str]) -> dict[str, str]:
    """The export's cells for an outcome profile: each rating as written, and its numeric twin when it has one."""
    cells = {}
    for name, raw in profile.items():
        cells[COLUMNS[name]] = raw
        if name in TWINS:
            twin, offset = TWINS[name]
            slug, level = parse_rating(SCALES[name], raw)
            if level is not None:
                cells[twin] = str(level + offset)
            else:  # the export codes "Not Applicable" as 0 and keeps the ND/NR codes
                cells[twin] = "0" if slug == "not_applicable" else raw
    return cells


def commitment_row(entry: dict[str, Any], index: int, description: dict[str, Any]) -> dict[str, str]:
    """One export row (all 171 columns) for one described commitment."""
    code, plan = entry["member"], entry["plan"]
    member = description["members"][code]
    submitted, end = member["plans"][str(plan)]
    cid = f"{member['prefix']}{entry['id']:04d}"
    profile = description["outcomes"][entry["outcome"]]
    row = dict.fromkeys(description["commitments_file"]["header"], "0")
    tagged = [AREA_BY_ID[area].column for area in entry["areas"]]
    row.update(dict.fromkeys(tagged, "1"))
    missing = (
        profile["specificity"]
        if profile["specificity"] in ("ND", "NR") and profile["potential_for_results"] in ("ND", "NR")
        else None
    )
    for value in OGP_VALUES:
        row[value.current_column] = missing or ("1" if value.id in entry["values"] else "0")
    row.update(rating_cells(profile))
    new_method = submitted >= 2020
    row.update(
        {
            "Commitment Unique Identifier": cid,
            "Country/Locality": member["name"],
            "Action Plan Number": str(plan),
            "Commitment Number": entry["number"],
            "Code": code,
            "Region": member["region"],
            "National Or Local": member["level"],
            "Commitment Dummy": "1",
            "Year Of Submission": str(submitted),
            "Action Plan End Year": str(end),
            "Action Plan Duration (Years)": str(end - submitted),
            "Theme": sorted(tagged)[0],
            "Commitment Title": entry["title"],
            "Short Title": entry["title"][:40],
            "Full Text": entry["text"],
            "Start Date": f"1/1/{submitted}" if new_method else "NA",
            "End Date": f"12/31/{end}" if new_method else "NA",
            "Lead Institution": entry["lead"],
            "Supporting Institution(s)": entry["support"] or "NA",
            "Report Publication Year (Progress Report)": "ND" if new_method or missing else str(submitted + 1),
            "Report Publication Year (End Of Term)": missing or str(end + 1),
            "Compound": "0",
            "Cluster": "ND",
            "Cluster (AP Review)": "0" if new_method else "ND",
            "Cluster Commitment ID(s)": "ND",
            "URL": f"https://www.opengovpartnership.org/members/{member['slug']}/commitments/{cid}/",
            "Latest IRM Report": "NA",
            "Binding constraint": "FALSE",
            "Updated? (Website)": "0",
            "IRM Assessed": "0" if missing else "1",
            "Not reviewed": "1" if entry["outcome"] == "nr" else "0",
            "Subnational in NAPs": "1" if "subnational" in entry["areas"] else "0",
            "Action Plan ID": f"AP_{code}{plan:02d}",
            "id": str(90001 + index),
        }
    )
    return row


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write a CSV with Unix line ends (stable diffs)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(folder: Path = HERE) -> None:
    """Write commitments.csv and members.csv into ``folder`` (the samples folder by default)."""
    description = tomllib.loads((HERE / "description.toml").read_text(encoding="utf-8"))
    rows = [commitment_row(entry, i, description) for i, entry in enumerate(description["commitments"])]
    write(folder / "commitments.csv", description["commitments_file"]["header"], rows)
    seed = description["seed"]
    write(folder / "members.csv", seed["header"], [dict(zip(seed["header"], r, strict=True)) for r in seed["rows"]])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
