"""Provenance as GraphQL objects: the source rows a node was built from, and where its sources disagree.

The node properties behind them are written by ``loaders/_write.py`` and read by ``queries/provenance.py``.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.utils.str_converters import to_camel_case

from graph.backend import Row
from queries import provenance

# The node properties the ``provenance`` field of a node type reads (``api/projection.py``).
PROVENANCE = ("source_file", "source_row", "loaded_at", "sources", "source_values")


def _d(description: str) -> Any:
    return strawberry.field(description=description)


@strawberry.type(description="One source row a node was built from.")
class ProvenanceSource:
    file: str = _d("Name of the source file.")
    row: int | None = _d("Row of that file (1-based; the header is row 1).")
    layout: str = _d("The source layout that read it, as `ogp sources` names it (`irm-combined-2015`, …).")
    loaded_at: str | None = _d("When what that file says about this node last changed (ISO 8601).")

    @classmethod
    def of(cls, record: provenance.SourceRecord) -> ProvenanceSource:
        """From a ``queries.provenance.SourceRecord``."""
        return cls(file=record.file, row=record.row, layout=record.layout, loaded_at=record.loaded_at)


@strawberry.type(description="One value a field was given, and the source rows that gave it.")
class SourcedValue:
    value: str = _d("The value as the sources wrote it (spaces collapsed).")
    shown: bool = _d("True for the value the node itself shows (that of its most authoritative source).")
    sources: list[ProvenanceSource] = _d("The source rows that stated this value.")


@strawberry.type(description="A field on which the node's sources disagree (e.g. two exports title it differently).")
class ValueDifference:
    field: str = _d("The field, as named in this API (`title`, `fullText`, `potentialImpact` under `irm`, …).")
    shown: str | None = _d("The value the node shows.")
    values: list[SourcedValue] = _d("Every value the sources stated, with which source stated it.")


@strawberry.type(description="Where a node's facts came from.")
class Provenance:
    row: strawberry.Private[Row]
    source_file: str | None = _d("Name of the source file that last set this node.")
    source_row: int | None = _d("Row of that file (1-based; the header is row 1).")
    loaded_at: str | None = _d("When the node's content last changed (ISO 8601).")

    @classmethod
    def from_row(cls, row: Row) -> Provenance:
        """Provenance properties of a node row."""
        return cls(
            row=row,
            source_file=row.get("source_file"),
            source_row=row.get("source_row"),
            loaded_at=row.get("loaded_at"),
        )

    @strawberry.field(
        description="Every source row this node was built from (a commitment found in several exports lists "
        "each of them), by file and row."
    )
    def sources(self) -> list[ProvenanceSource]:
        return [ProvenanceSource.of(s) for s in provenance.sources(self.row)]

    @strawberry.field(
        description="The fields on which the node's sources stated different values, each value with the source "
        "rows that stated it (a source silent on a field does not disagree). Empty for a node from one source."
    )
    def differences(self) -> list[ValueDifference]:
        return [
            ValueDifference(
                field=to_camel_case(d.field),
                shown=d.shown,
                values=[
                    SourcedValue(
                        value=v.value, shown=v.value == d.shown, sources=[ProvenanceSource.of(s) for s in v.sources]
                    )
                    for v in d.values
                ],
            )
            for d in provenance.differences(self.row)
        ]
