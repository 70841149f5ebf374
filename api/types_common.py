"""Pieces every GraphQL object type shares: field descriptions, connection arguments and pages."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from api.filters import CommitmentFilter, CommitmentOrder
from api.pagination import PageInfo, encode_cursor
from api.types_provenance import Provenance as Provenance
from graph.backend import Row
from queries.paging import KeyedPage

FirstArg = Annotated[int | None, strawberry.argument(description="Page size (default 20, at most 100).")]
AfterArg = Annotated[str | None, strawberry.argument(description="Resume after this cursor (`pageInfo.endCursor`).")]
FilterArg = Annotated[CommitmentFilter | None, strawberry.argument(description="Only commitments matching this.")]
OrderArg = Annotated[CommitmentOrder | None, strawberry.argument(description="Sort order (default: by id).")]


def _d(description: str) -> Any:
    return strawberry.field(description=description)


def keyed_page_info(page: KeyedPage, limit: int, after: tuple[Any, str] | None) -> tuple[list[Row], PageInfo]:
    """The first ``limit`` rows of a page fetched with ``limit + 1`` rows, and its ``PageInfo``."""
    rows = page.rows[:limit]
    cursors = [encode_cursor(r["sort_key"], r["id"]) for r in rows]
    info = PageInfo(
        has_next_page=len(page.rows) > limit,
        has_previous_page=after is not None,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )
    return rows, info


def row_cursor(row: Row) -> str:
    """The cursor of a ``KeyedPage`` row."""
    return encode_cursor(row["sort_key"], row["id"])
