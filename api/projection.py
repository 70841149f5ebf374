"""Which node properties a request needs: fetch only those (the selection set decides, as in the Neo4j GraphQL Library).

A commitment node carries about 45 properties (its full text, every IRM rating, provenance); a client
listing ten similar commitments usually asks for two of them. Decoding the rest was most of the
database time of ``similar`` and ``similarToText``. ``needed_properties`` reads the GraphQL selection
on an object type and returns the property names to project, or ``None`` (fetch the whole node) when a
selected field is not in the type's table: an unknown field can never get a half-empty row.
``queries.nodes.projection`` turns the names into Cypher.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from strawberry import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

# The whole node: a field outside the table reads properties nobody listed (e.g. `irm` reads every rating).
WHOLE_NODE = None


def fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """The fields of a selection set, fragments flattened (a superset is safe: it only fetches more)."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from fields(selection.selections)


def selection_set(info: Info) -> list[Selection]:
    """What the client selected inside the field being resolved (every node of it merged: aliases, fragments).

    ``info.selected_fields`` holds the resolving field itself; its selections are the selection set.
    """
    return [s for f in info.selected_fields for s in f.selections]


def sub_selections(selections: Iterable[Selection], name: str) -> list[Selection]:
    """Every selection under the fields called ``name`` (all aliases of it merged)."""
    return [s for f in fields(selections) if f.name == name for s in f.selections]


def needed_properties(
    selections: Iterable[Selection], table: Mapping[str, Sequence[str]], always: Sequence[str]
) -> tuple[str, ...] | None:
    """The properties the selected fields read (``table``: GraphQL field name → properties), plus ``always``;
    ``None`` when a field is not in the table (then the caller fetches the whole node)."""
    wanted = dict.fromkeys(always)
    for f in fields(selections):
        if f.name == "__typename":
            continue
        properties = table.get(f.name, WHOLE_NODE)
        if properties is WHOLE_NODE:
            return WHOLE_NODE
        wanted.update(dict.fromkeys(properties))
    return tuple(wanted)
