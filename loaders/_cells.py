"""Reading the cells of a real export leniently: a value we cannot use becomes a warning, not a refused row.

Every reader records what it could not take as a ``RowWarning`` (file, row, column, why) on the batch and
returns ``None`` (or, for a rating, keeps the cell as written beside an empty rating). Only the columns
that identify a row are strict, in each layout's own validator.

Personal contact details inside the texts we load (officials' e-mail addresses and phone numbers, which
action plans often print under "point of contact") are replaced by ``[e-mail address removed]`` /
``[phone number removed]``, with a warning: contact columns are never read, and their content must not
come in through a text cell either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from loaders._source import Batch, SourceRow

MISSING_CODES = frozenset({"", "ND", "NR", "NA", "N/A"})
MISSING_TEXT = frozenset({"", "na", "n/a", "nd", "nr", "none", "-"})
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
# An international number (+355 4 000 0000) or a number after a phone label (Tel: 021 450 422).
PHONE = re.compile(
    r"(?:\+\(?\d{1,3}\)?|\b(?:tel|phone|telephone|tel[eé]fono|fax)\.?\s*:?\s*)"
    r"[\s().-]*\d[\d\s().\-/]{6,}\d",
    re.IGNORECASE,
)
EMAIL_REMOVED = "[e-mail address removed]"
PHONE_REMOVED = "[phone number removed]"


def redact_contacts(text: str) -> tuple[str, int]:
    """``text`` with e-mail addresses and phone numbers replaced, and how many were replaced."""
    text, emails = EMAIL.subn(EMAIL_REMOVED, text)
    text, phones = PHONE.subn(PHONE_REMOVED, text)
    return text, emails + phones


class Cells:
    """One row's cells, read for one batch (warnings go to the batch, with the row number)."""

    def __init__(self, row: SourceRow, batch: Batch) -> None:
        self.row = row
        self.batch = batch

    def raw(self, column: str) -> str:
        """The cell, trimmed (``""`` when the column is absent)."""
        return self.row.cells.get(column, "").strip()

    def warn(self, column: str | None, reason: str) -> None:
        """Record a warning for this row."""
        self.batch.warn(self.row.number, reason, column)

    def text(self, column: str) -> str | None:
        """A text cell: ``None`` for blank and the missing-value codes, contact details removed (warned)."""
        value = self.raw(column)
        if value.lower() in MISSING_TEXT:
            return None
        clean, removed = redact_contacts(value)
        if removed:
            self.warn(column, f"{removed} personal contact detail(s) (e-mail address, phone number) removed")
        return clean

    def integer(self, column: str, low: int, high: int) -> int | None:
        """A whole number from ``low`` to ``high``; anything else is warned and left empty."""
        value = self.raw(column)
        if value in MISSING_CODES:
            return None
        if value.isdigit() and low <= int(value) <= high:
            return int(value)
        self.warn(column, f"expected a whole number from {low} to {high}, got {value!r}; left empty")
        return None

    def flags(self, columns: Mapping[str, str]) -> list[str]:
        """The targets of the 0/1 columns set to 1; ND/NR/NA/blank are "not tagged", other values warned."""
        found = []
        for column, target in columns.items():
            value = self.raw(column)
            if value == "1":
                found.append(target)
            elif value not in MISSING_CODES and value != "0":
                self.warn(column, f"expected 0 or 1 (or ND/NR/NA), got {value!r}; read as not tagged")
        return found
