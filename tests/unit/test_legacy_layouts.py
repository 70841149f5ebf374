"""The pieces behind real-export leniency and the legacy layouts: reading, numbers in titles, matching,
contact details, and the real 2015 Combined Database validated as a whole (no database needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders import combined2015
from loaders._cells import redact_contacts
from loaders._commit_match import Fingerprint, assign, number_key, split_number
from loaders._source import header_of, read_csv
from tests.helpers import real_file

DATA = Path(__file__).resolve().parent.parent / "data"
QUIRKS = DATA / "quirks"
REAL_2015 = "irm_combined_database_2015_vizzuality.csv"


@pytest.mark.parametrize(
    ("title", "number", "rest"),
    [
        ("3.2. Open budget", "3.2", "Open budget"),
        ("1.1.a. Unified payment system", "1.1.a", "Unified payment system"),
        ("4:a) Disponer de datos abiertos", "4.a", "Disponer de datos abiertos"),
        ("Commitment n°4: Review of the legal framework", "4", "Review of the legal framework"),
        ("Action 3.2 – Strengthening FOI", "3.2", "Strengthening FOI"),
        ("ACTION 1a Designate categories", "1a", "Designate categories"),
        ("\ufffcCommitment No. 4. Accessibility", "4", "Accessibility"),
        ("O1M1:ENER on-line tool", "O1M1", "ENER on-line tool"),
        ("A17.        Cumplir el estándar", "A17", "Cumplir el estándar"),
        ("iii. Government websites", "iii", "Government websites"),
        ("1.10 Publication of budget execution data", "1.10", "Publication of budget execution data"),
        ("2015 budget law", None, "2015 budget law"),  # a year, not a number
        ("70% of lease agreements published", None, "70% of lease agreements published"),
        ("e-Acts", None, "e-Acts"),
    ],
)
def test_numbers_glued_to_titles(title: str, number: str | None, rest: str) -> None:
    assert split_number(title) == (number, rest)


def test_number_keys_compare_numbers_as_written_in_different_exports() -> None:
    assert number_key("1.6A") == number_key("1.6a)") == "1.6a"
    assert number_key("B.1 a)") == "b.1.a"
    assert number_key(None) is None


def _print(number: str | None, title: str, text: str) -> Fingerprint:
    return Fingerprint.of(number, [title], [text])


def test_a_row_joins_the_commitment_it_is_and_parts_join_their_whole() -> None:
    wholes = {
        "HR0010": _print(
            "1", "Right to information", "amend the access to information act. draft a whistleblower analysis"
        ),
        "HR0011": _print("2", "Open data portal", "publish datasets on a national open data portal every month"),
    }
    parts = {
        "r1": _print(None, "1.1. Amend the access to information act", "amend the access to information act"),
        "r2": _print(None, "1.4. Whistleblowers", "draft a whistleblower analysis"),
        "r3": _print(None, "2. Open data portal", "publish datasets on a national open data portal every month"),
        "r4": _print(None, "3. Citizen budget", "a citizen budget every year"),
    }
    found = assign(parts, wholes)
    assert {part: m.whole for part, m in found.items()} == {"r1": "HR0010", "r2": "HR0010", "r3": "HR0011"}
    assert found["r1"].evidence.number == "sub" and found["r3"].evidence.number == "eq"


def test_milestones_whose_texts_start_with_their_list_number_join_the_commitment_that_lists_them() -> None:
    # Bulgaria's BG0034 lists four drafts; the 2015 database has one row per draft, under one heading, each
    # text led by its number ("1. Draft State Fees Act"): the number is a list marker, not words of the text.
    wholes = {
        "BG0034": _print(
            "7",
            "State fees reform",
            "Draft state fees act; Draft methodology for calculation of fees; Draft uniform tariff of fees;",
        ),
        "BG0035": _print("8", "Openness of the administration", "Amendments to the Access to Public Information Act"),
    }
    heading = "4.3.Commitment: MORE EFFECTIVE MANAGEMENT OF PUBLIC FUNDS"
    parts = {
        "r1": _print(None, heading, "1. Draft State Fees Act"),
        "r3": _print(None, heading, "3. Draft Methodology for calculation of fees"),
        "r4": _print(None, heading, "4. Draft Uniform Tariff of Fees"),
    }
    assert {p: m.whole for p, m in assign(parts, wholes).items()} == {"r1": "BG0034", "r3": "BG0034", "r4": "BG0034"}


def test_a_heading_shared_by_several_rows_says_nothing_the_text_decides() -> None:
    heading = "An open public sector"
    wholes = {
        "NO1": _print("1", "Digital services", "offer every public service digitally with a paper alternative"),
        "NO2": _print(
            "2", "Re-use of information", "make public sector information available for re-use free of charge"
        ),
    }
    parts = {
        "a": _print(None, heading, "offer every public service digitally with a paper alternative"),
        "b": _print(None, heading, "make public sector information available for re-use free of charge"),
        "c": _print(None, heading, "publish user satisfaction surveys every year"),
    }
    assert {p: m.whole for p, m in assign(parts, wholes).items()} == {"a": "NO1", "b": "NO2"}


def test_a_similar_title_under_another_number_is_a_sibling_not_the_same_commitment() -> None:
    wholes = {
        "SL0002": _print(
            "2", "Pass the Archives and Records Management Act and the Right to Access Information Law", ""
        )
    }
    parts = {"r": _print("10", "10. Implementation of the Right to Access Information Law", "")}
    assert assign(parts, wholes) == {}


def test_two_equally_good_commitments_leave_the_row_unmatched() -> None:
    wholes = {"A": _print(None, "Open contracting portal", ""), "B": _print(None, "Open contracting portal", "")}
    assert assign({"r": _print(None, "Open contracting portal", "")}, wholes) == {}


def test_contact_details_in_texts_are_removed_and_ordinary_numbers_kept() -> None:
    text = "Contact: jane.example@example.org, tel: 8 618 72 994, +355 4 000 0000. Law 109/2007; budget 2012-2014."
    clean, removed = redact_contacts(text)
    assert removed == 3
    assert clean == (
        "Contact: [e-mail address removed], [phone number removed], [phone number removed]. "
        "Law 109/2007; budget 2012-2014."
    )


def test_a_repeated_column_name_is_numbered_only_where_the_layout_expects_it(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("Country,Plan,Title,Plan\nAlbania,1,e-Acts,1\n", encoding="utf-8")
    rows = list(read_csv(path, allow_duplicates=("Plan",)))
    assert rows[0].cells == {"Country": "Albania", "Plan": "1", "Title": "e-Acts", "Plan (2)": "1"}
    with pytest.raises(LoadError, match="dup.csv: duplicate column name"):
        list(read_csv(path))


def test_dropped_columns_never_reach_a_row_and_broken_encoding_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    # Far past the stream reader's first buffer, behind a BOM: the line is still the file's own.
    lines = ["Country,Email", *(f"Member {i},jane{i}@example.org" for i in range(2000)), "Georgia,caf\xe9"]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("latin-1"))
    with pytest.raises(LoadError, match=r"contacts.csv, line 2002: not valid UTF-8 \(byte 0xe9"):
        list(read_csv(path, drop=("Email",)))
    path.write_bytes("\n".join(lines[:-1]).encode() + b"\n")
    assert [r.cells for r in read_csv(path, drop=("Email",))][0] == {"Country": "Member 0"}


def test_the_2015_quirks_file_is_read_below_its_section_row_without_contacts() -> None:
    path = QUIRKS / "combined2015_quirks.csv"
    header = header_of(path)
    assert header[:3] == ["000 Case No.", "Action Plan No.", "Country"]
    assert combined2015.recognise(header)
    batch = combined2015.validate(combined2015.extract(path), path.name)
    assert batch.errors == []
    assert batch.rows_read == 7 and len(batch.items) == 7
    assert "john.example@example.org" not in repr([i.commitment for i in batch.items])


def test_every_column_of_the_real_2015_layout_is_loaded_or_skipped_for_a_reason() -> None:
    header = header_of(real_file(REAL_2015))
    named = [h for h in header if h]
    assert len(header) == 95 and header.count("Action Plan No.") == 2
    unknown = [h for h in dict.fromkeys(named) if combined2015.column_use(h) is None]
    assert unknown == []
    assert combined2015.column_use("Action Plan No. (2)") is not None


def test_the_real_2015_database_validates_whole() -> None:
    path = real_file(REAL_2015)
    batch = combined2015.validate(combined2015.extract(path), path.name)
    assert batch.errors == []
    assert batch.rows_read == 1985  # 1,986 rows below the header, the last one a row of column totals
    warned = sorted((w.row, w.column) for w in batch.warnings)
    assert warned == [(561, "Potential Impact"), (564, "Potential Impact"), (565, "Potential Impact"),
                      (569, "Potential Impact"), (1988, None)]  # fmt: skip
    ids = [i.commitment.id for i in batch.items]
    assert len(ids) == len(set(ids)) == batch.rows_read - batch.rows_merged
    members = {i.commitment.member_id for i in batch.items}
    assert len(members) == 61 and {"united-kingdom", "united-states", "republic-of-korea", "north-macedonia"} <= members
    norway = [i for i in batch.items if i.commitment.id.startswith("IRM2015-norway-1-")]
    assert len(norway) == 19 and all(i.commitment.number is None for i in norway)
    spanish = [
        i
        for i in batch.items
        if " de la " in f" {i.commitment.full_text} " or " para " in f" {i.commitment.full_text} "
    ]
    assert 0.2 < len(spanish) / len(ids) < 0.35  # about a quarter of the texts are in Spanish
