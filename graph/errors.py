"""Errors the rest of the project handles differently from a plain bug."""

from __future__ import annotations


class GraphError(Exception):
    """Base class for every error raised on purpose by this project."""


class ConfigError(GraphError):
    """A setting (for example ``OGP_GRAPH_URL``) is malformed or unusable."""


class QueryTimeoutError(GraphError):
    """The database stopped a query that ran past the configured timeout."""


class LoadError(GraphError):
    """A source file could not be loaded; nothing was written to the graph."""


class InvalidRequest(GraphError):
    """A caller asked for something that cannot be answered as asked (an argument out of range, a reference
    that names nothing): the message says what to send instead, and ``code`` lets a client tell which."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class DatabaseUnavailable(GraphError):
    """The database cannot be reached (stopped, killed, restarting): nothing is wrong with the request,
    so a caller may retry it once the database is back."""
