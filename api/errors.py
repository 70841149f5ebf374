"""What a client sees of an error, with a code for every kind, and what the log keeps of a real bug.

A caller's mistake (a bad argument, a cursor that is not ours, a reference that names nothing) is a
GraphQL error whose ``extensions.code`` says which mistake and whose message says what to send instead;
it is not logged. The database being away is ``DATABASE_UNAVAILABLE`` (the HTTP layer answers 503).
Everything else is a bug: in production the client gets a request id and the log gets the details,
bounded in size (the last frames of the traceback, the message cut short), so that a burst of failing
requests cannot flood the log.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from graph.errors import DatabaseUnavailable, InvalidRequest, QueryTimeoutError

logger = logging.getLogger("api.errors")

DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"
QUERY_TIMEOUT = "QUERY_TIMEOUT"
INTERNAL = "INTERNAL_SERVER_ERROR"
# Before execution: graphql-core's own errors carry no code; these say which stage refused the request.
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"

# Errors whose message is written for the caller (the explorer's pages show them; the rest, the database
# being away included, get its generic error page with a request id).
SAFE_ERRORS = (GraphQLError, InvalidRequest, QueryTimeoutError)

LOG_FRAMES = 6  # traceback frames kept per logged bug (the innermost ones: where it broke)
LOG_CHARS = 3_000  # most characters of one logged bug
MESSAGE_CHARS = 300  # most characters of an error message quoted in the log
LOGGED_PER_REQUEST = 3  # bugs logged in full per request; the rest are counted in one line


def with_code(error: GraphQLError, code: str) -> dict[str, Any]:
    """The error as formatted by graphql-core, with ``extensions.code`` set unless it already has one."""
    formatted: dict[str, Any] = dict(error.formatted)
    extensions: dict[str, Any] = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", code)
    formatted["extensions"] = extensions
    return formatted


def is_unavailable(error: GraphQLError) -> bool:
    """Whether the error is the database being away (the whole response is then a 503)."""
    return isinstance(error.original_error, DatabaseUnavailable)


def bounded_traceback(exc: BaseException) -> str:
    """The exception and the innermost frames of its traceback, at most ``LOG_CHARS`` characters."""
    lines = traceback.format_exception(exc, limit=-LOG_FRAMES, chain=False)
    text = "".join(lines)
    if len(text) > LOG_CHARS:
        text = text[: LOG_CHARS // 2] + "\n  [... cut ...]\n" + text[-LOG_CHARS // 2 :]
    return text.rstrip()


class ErrorReport:
    """Turns one request's execution errors into what the client sees, logging the bugs among them."""

    def __init__(self, request_id: str, production: bool) -> None:
        self.request_id = request_id
        self.production = production
        self.bugs = 0

    def public(self, error: GraphQLError) -> dict[str, Any]:
        """One error as the client sees it."""
        original = error.original_error
        if original is None:  # raised as a GraphQLError on purpose: a caller's mistake
            return with_code(error, BAD_USER_INPUT)
        if isinstance(original, InvalidRequest):
            return with_code(error, original.code)
        if isinstance(original, DatabaseUnavailable):
            return {
                "message": "The database is unavailable right now (it is restarting or unreachable); "
                "retry in a few seconds.",
                "path": error.path,
                "extensions": {"code": DATABASE_UNAVAILABLE, "requestId": self.request_id},
            }
        if isinstance(original, QueryTimeoutError):
            return with_code(error, QUERY_TIMEOUT)
        if isinstance(original, GraphQLError):
            return with_code(error, BAD_USER_INPUT)
        self._log_bug(error, original)
        if not self.production:
            return with_code(error, INTERNAL)
        return {
            "message": f"Internal server error (request id {self.request_id}).",
            "path": error.path,
            "extensions": {"code": INTERNAL, "requestId": self.request_id},
        }

    def _log_bug(self, error: GraphQLError, original: BaseException) -> None:
        self.bugs += 1
        if self.bugs > LOGGED_PER_REQUEST:
            if self.bugs == LOGGED_PER_REQUEST + 1:
                logger.error("request %s: more internal errors (not logged one by one)", self.request_id)
            return
        message = error.message if len(error.message) <= MESSAGE_CHARS else error.message[:MESSAGE_CHARS] + "..."
        logger.error(
            "request %s: internal error at %s: %s\n%s",
            self.request_id,
            error.path,
            message,
            bounded_traceback(original),
        )


class Schema(strawberry.Schema):
    """strawberry's schema without its own error log: strawberry logs every error of a request with its whole
    traceback (~5 KB each, a caller's mistakes included); the HTTP layer reports them once, as above."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        return None
