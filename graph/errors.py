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
