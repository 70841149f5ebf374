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


async def fetch_page(
    graph: Graph, listing: Listing, sort: str, descending: bool, after: tuple[Any, str] | None, limit: int
) -> list[Row]:
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


# Per-parent pages in one statement: ``listing.match`` starts with ``UNWIND $ids AS key`` and binds ``key``.
# Each parent's rows are sorted, collected, counted (``total``) and sliced after the keyset position.
PAGES_BY_KEY = (
    "{match} {with_} WHERE {where} "
    "WITH {keep}, {sort} AS sort_key ORDER BY sort_key {direction}, {var}.id {direction} "
    "WITH key, collect({{{entries}}}) AS rows "
    "RETURN key, size(rows) AS total, [x IN rows WHERE {after}][0..$limit] AS page"
)
ROW_AFTER_ASC = "(x.sort_key > $after_key OR (x.sort_key = $after_key AND x.id > $after_id))"
ROW_AFTER_DESC = "(x.sort_key < $after_key OR (x.sort_key = $after_key AND x.id < $after_id))"


@dataclass(frozen=True)
class KeyedPage:
    """One parent's page: its ``total`` (all matching rows) and ``rows`` (``{node, sort_key, id, …carry}``)."""

    total: int
    rows: list[Row]


async def fetch_pages_by_key(
    graph: Graph,
    listing: Listing,
    ids: list[str],
    sort: str,
    descending: bool,
    after: tuple[Any, str] | None,
    limit: int,
) -> dict[str, KeyedPage]:
    """Each parent's keyset page and total in ONE statement (``listing.carry`` starts with ``key``)."""
    parts, values = listing.compile()
    var, extra = listing.var, [c for c in listing.carry if c != "key"]
    after_clause = "true"
    if after is not None:
        after_clause = ROW_AFTER_DESC if descending else ROW_AFTER_ASC
        values["after_key"], values["after_id"] = after
    entries = ", ".join([f"node: {var}", f"id: {var}.id", "sort_key: sort_key", *(f"{c}: {c}" for c in extra)])
    cypher = PAGES_BY_KEY.format(
        sort=sort,
        after=after_clause,
        direction="DESC" if descending else "ASC",
        keep=", ".join(["key", var, *extra]),
        entries=entries,
        **parts,
    )
    found = await graph.read(cypher, {**values, "ids": list(dict.fromkeys(ids)), "limit": limit})
    pages = {key: KeyedPage(0, []) for key in ids}
    pages.update({row["key"]: KeyedPage(int(row["total"]), list(row["page"])) for row in found})
    return pages
