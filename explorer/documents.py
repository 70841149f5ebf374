"""The explorer's stored GraphQL documents, run in-process through the API's schema and per-request context.

A page's data is one document (``explorer/documents/<name>.graphql``) and its variables: the same
schema, resolvers, DataLoaders and limits on page size as ``/graphql``, without an HTTP round trip. Errors
a reader can act on (a GraphQL error written for clients) become a 400 page with the message; anything
else is logged with the request id and shown as a 500 page without details.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from graphql import GraphQLError
from strawberry import Schema

from api.http import SAFE_ERRORS

logger = logging.getLogger(__name__)

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"


class PageDataError(Exception):
    """A document answered with errors: ``public`` says whether the message is meant for readers."""

    def __init__(self, message: str, public: bool) -> None:
        super().__init__(message)
        self.message = message
        self.public = public


@dataclass(frozen=True)
class Documents:
    """The stored documents by name, and how to run them for a request."""

    schema: Schema
    context_for: Callable[[Request], Any]
    texts: dict[str, str]

    @classmethod
    def load(cls, schema: Schema, context_for: Callable[[Request], Any], folder: Path = DOCUMENTS_DIR) -> Documents:
        """Read every ``*.graphql`` in the folder (checked against the schema by the tests, not at start-up)."""
        return cls(
            schema, context_for, {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.graphql"))}
        )

    async def run(self, request: Request, name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``data`` of document ``name``; ``PageDataError`` when the answer carries errors."""
        result = await self.schema.execute(
            self.texts[name], variable_values=variables or {}, context_value=self.context_for(request)
        )
        if result.errors:
            raise _page_error(request, name, result.errors)
        return result.data or {}


def _page_error(request: Request, name: str, errors: list[GraphQLError]) -> PageDataError:
    request_id = getattr(request.state, "request_id", "")
    for error in errors:
        if error.original_error is not None and not isinstance(error.original_error, SAFE_ERRORS):
            logger.error(
                "explorer page %s (document %s, request %s): %s at %s",
                request.url.path,
                name,
                request_id,
                error.message,
                error.path,
                exc_info=error.original_error,
            )
            return PageDataError(f"request id {request_id}", public=False)
    return PageDataError("; ".join(e.message for e in errors), public=True)
