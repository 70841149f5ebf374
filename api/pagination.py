"""Relay-style connections: page sizes, opaque keyset cursors, ``Connection``/``Edge``/``PageInfo``.

Cursors encode the row's sort key and id (``[key, id]``, JSON, base64url), so a page resumes after
that exact position: rows added elsewhere in the order do not shift the pages a client is reading.
Paging is forward-only (``first``/``after``); ``hasPreviousPage`` is true when ``after`` was given.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry import Info

from graph.backend import Row

DEFAULT_PAGE_SIZE = 20

T = TypeVar("T")


class PaginationError(GraphQLError):
    """A bad ``first`` or ``after`` argument: the message names the argument and what to send instead."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, extensions={"code": code})


def page_size(info: Info, first: int | None, argument: str = "first") -> int:
    """``first`` checked against 0 and the largest page the settings allow (``OGP_MAX_PAGE_SIZE``, default 100);
    ``DEFAULT_PAGE_SIZE`` (or that largest page, if smaller) when not given."""
    largest = max_page_size(info)
    if first is None:
        return min(DEFAULT_PAGE_SIZE, largest)
    if first < 0 or first > largest:
        raise PaginationError(
            f"`{argument}` must be between 0 and {largest} (got {first}); `{argument}: 0` asks only for "
            "totalCount, and longer lists are read page by page with `after`",
            "INVALID_PAGE_SIZE",
        )
    return first


def max_page_size(info: Info) -> int:
    """The largest page (``first``) a request may ask for: the ``max_page_size`` setting."""
    return int(info.context.settings.max_page_size)


def encode_cursor(sort_key: Any, node_id: str) -> str:
    """An opaque cursor for a row at ``(sort_key, id)``."""
    return base64.urlsafe_b64encode(json.dumps([sort_key, node_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, argument: str = "after") -> tuple[Any, str] | None:
    """The ``(sort_key, id)`` in a cursor, or a ``PaginationError`` that names the argument."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, node_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise _bad_cursor(cursor, argument) from exc
    if not isinstance(node_id, str) or isinstance(key, list | dict):
        raise _bad_cursor(cursor, argument)
    return key, node_id


def _bad_cursor(cursor: str, argument: str) -> PaginationError:
    shown = cursor if len(cursor) <= 60 else cursor[:57] + "..."
    return PaginationError(
        f"`{argument}` {shown!r} is not a cursor returned by this API: pass the `endCursor` (or an edge's "
        f"`cursor`) of the page before, unchanged, or leave `{argument}` out for the first page",
        "INVALID_CURSOR",
    )


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page (true when `after` was given).")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item of the page.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last item: pass it as `after` for the next page."
    )


@strawberry.type(description="One item of a page and the cursor to resume after it.")
class Edge(Generic[T]):  # noqa: UP046 -- strawberry names generics from Generic[T]
    cursor: str = strawberry.field(description="Opaque cursor of this item (pass as `after`).")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, with its total size (counted in the database).")
class Connection(Generic[T]):  # noqa: UP046 -- as above
    edges: list[Edge[T]] = strawberry.field(description="The items of this page with their cursors.")
    page_info: PageInfo = strawberry.field(description="Whether more items follow, and the cursors to get them.")
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="The items of this page (same as `edges { node }`).")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many items the whole list holds (across all pages).")
    async def total_count(self) -> int:
        return await self.count()


def build_connection(
    rows: Sequence[Row],
    limit: int,
    after: tuple[Any, str] | None,
    convert: Callable[[Row], Any],
    count: Callable[[], Awaitable[int]],
) -> Any:
    """A ``Connection`` from ``limit + 1`` fetched ``{node, sort_key}`` rows (the extra one means "more")."""
    edges = [Edge(cursor=encode_cursor(r["sort_key"], r["node"]["id"]), node=convert(r["node"])) for r in rows[:limit]]
    info = PageInfo(
        has_next_page=len(rows) > limit,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info, count=count)
