"""Keyset pages and database-side counts for any filtered list of nodes (commitments, members, organizations).

A page is ordered by ``(sort_key, id)`` and resumes *after* a ``(sort_key, id)`` pair, so rows added
elsewhere in the order never shift a page the client is reading. Counts run ``count()`` in the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.backend import Graph, Row
from queries.filters import FieldSpec, Params, compile_filter

PAGE = (
    "{match} {with_} WHERE {where} "
    "WITH {var}, {sort} AS sort_key WHERE {after} "
    "RETURN {var} AS node, sort_key ORDER BY sort_key {direction}, {var}.id {direction} LIMIT $limit"
)
COUNT = "{match} {with_} WHERE {where} RETURN count({var}) AS total"
AFTER_ASC = "(sort_key > $after_key OR (sort_key = $after_key AND {var}.id > $after_id))"
AFTER_DESC = "(sort_key < $after_key OR (sort_key = $after_key AND {var}.id < $after_id))"


@dataclass
class Listing:
    """What to list: the ``MATCH`` (binding ``var``, plus ``carry`` variables such as ``score``) and its filter."""

    match: str
    var: str
    fields: Mapping[str, FieldSpec]
    filter: Mapping[str, Any] | None = None
    carry: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)

    def compile(self) -> tuple[dict[str, str], dict[str, Any]]:
        """The statement parts and the parameter values (the listing's own plus the filter's)."""
        params = Params()
        where = compile_filter(self.filter, self.fields, params)
        with_ = "WITH " + ", ".join([self.var, *self.carry, *params.aliases])
        return {"match": self.match, "var": self.var, "with_": with_, "where": where}, {**self.params, **params.values}


async def fetch_page(graph: Graph, listing: Listing, sort: str, descending: bool,
                     after: tuple[Any, str] | None, limit: int) -> list[Row]:
    """Rows ``{node, sort_key}`` of one page (``limit`` rows at most), after the ``(sort_key, id)`` pair."""
    parts, values = listing.compile()
    after_clause = "true"
    if after is not None:
        after_clause = (AFTER_DESC if descending else AFTER_ASC).format(var=listing.var)
        values["after_key"], values["after_id"] = after
    cypher = PAGE.format(sort=sort, after=after_clause, direction="DESC" if descending else "ASC", **parts)
    return await graph.read(cypher, {**values, "limit": limit})


async def fetch_count(graph: Graph, listing: Listing) -> int:
    """How many nodes match the listing's filter, counted in the database."""
    parts, values = listing.compile()
    rows = await graph.read(COUNT.format(**parts), values)
    return int(rows[0]["total"]) if rows else 0
