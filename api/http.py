"""GraphQL over HTTP (the graphql-over-http spec): request parsing, media types, status codes, error masking."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import Response
from graphql import DocumentNode, GraphQLError, OperationType, get_operation_ast, specified_rules, validate
from graphql.execution.values import get_variable_values
from strawberry import Schema
from strawberry.types.graphql import OperationType as StrawberryOperation

from api.errors import (  # SAFE_ERRORS: re-exported for the explorer's pages
    BAD_USER_INPUT,
    PARSE_FAILED,
    SAFE_ERRORS,
    VALIDATION_FAILED,
    ErrorReport,
    is_unavailable,
    with_code,
)
from api.limits import (
    MAX_VARIABLE_NESTING,
    LimitExceeded,
    Limits,
    check_query_size,
    check_variables,
    cost_errors,
    parse_query,
    validation_rules,
)
from api.persisted import PersistedQueries
from api.strawberry_compat import VALIDATION_RULES, graphql_schema
from graph.config import Settings

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
__all__ = ["SAFE_ERRORS", "GraphQLHandler", "HttpError"]
UNAVAILABLE_RETRY_SECONDS = 2  # Retry-After of a 503: the embedded database restarts in well under that
DOCUMENT_CACHE_SIZE = 512

ContextFactory = Callable[[Request], Any]


class HttpError(Exception):
    """A request refused at the HTTP level (bad JSON, wrong method or media type, too large)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@dataclass
class _Checked:
    """A parsed document and, once computed, its errors under the rules that depend on the text alone."""

    document: DocumentNode
    protection: list[GraphQLError] | None = None
    standard: list[GraphQLError] | None = None


@dataclass(frozen=True)
class GraphQLParams:
    """The four GraphQL-over-HTTP request parameters, type-checked."""

    query: str | None
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header (JSON when absent), or None when nothing fits (406)."""
    if not accept or not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        chosen = {GRAPHQL_RESPONSE: GRAPHQL_RESPONSE, JSON: JSON, "application/*": JSON, "*/*": JSON}.get(media)
        if chosen is None or quality <= 0:
            continue
        if best is None or (quality, -position) > (best[0], -best[1]):
            best = (quality, position, chosen)
    return best[2] if best else None


def wants_html(accept: str | None) -> bool:
    """Whether a browser is asking for a page (text/html before any JSON type)."""
    if not accept:
        return False
    types = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    html = types.index("text/html") if "text/html" in types else None
    jsons = [i for i, t in enumerate(types) if t in (JSON, GRAPHQL_RESPONSE)]
    return html is not None and (not jsons or html < min(jsons))


def check_params(data: Any) -> GraphQLParams:
    """Type-check a decoded request body or query string; wrong types are a 400."""
    if not isinstance(data, dict):
        raise HttpError(400, "The request body must be a JSON object with a `query` string.")
    query, variables = data.get("query"), data.get("variables")
    operation_name, extensions = data.get("operationName"), data.get("extensions")
    if query is not None and not isinstance(query, str):
        raise HttpError(400, "`query` must be a string holding a GraphQL document.")
    if variables is not None and not isinstance(variables, dict):
        raise HttpError(400, "`variables` must be a JSON object (a map of variable names to values).")
    if operation_name is not None and not isinstance(operation_name, str):
        raise HttpError(400, "`operationName` must be a string.")
    if extensions is not None and not isinstance(extensions, dict):
        raise HttpError(400, "`extensions` must be a JSON object.")
    if query is None and not (extensions or {}).get("persistedQuery"):
        raise HttpError(400, "The request has no `query` (nor extensions.persistedQuery).")
    return GraphQLParams(query, variables, operation_name, extensions)


def decode_json(raw: bytes | str, what: str) -> Any:
    """Parse JSON with orjson: strict UTF-8 (no lone surrogates), and nesting limited to 1,024 levels, so a
    hostile document is a ``400`` naming the problem instead of a ``RecursionError`` (a plain-text 500)."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "depth limit" in str(exc):
            raise HttpError(
                400,
                f"{what} is JSON nested more than 1,024 levels deep; GraphQL requests never need that "
                f"(variables may nest {MAX_VARIABLE_NESTING} levels). Send a flatter document.",
            ) from exc
        raise HttpError(400, f"{what} is not valid JSON: {exc}") from exc


def _json_param(raw: str | None, name: str) -> Any:
    if raw is None or raw == "":
        return None
    return decode_json(raw, f"The `{name}` URL parameter")


def params_from_get(query_params: Mapping[str, str], query: str | None = None) -> GraphQLParams:
    """Read GET parameters (variables and extensions are URL-encoded JSON)."""
    return check_params(
        {
            "query": query if query is not None else query_params.get("query"),
            "variables": _json_param(query_params.get("variables"), "variables"),
            "operationName": query_params.get("operationName") or None,
            "extensions": _json_param(query_params.get("extensions"), "extensions"),
        }
    )


async def params_from_post(request: Request, max_bytes: int) -> GraphQLParams:
    """Read a POST body: application/json in UTF-8, at most ``max_bytes``."""
    content_type = request.headers.get("content-type")
    if not content_type:
        raise HttpError(415, "POST needs a Content-Type header: send application/json.")
    media, *params = (p.strip().lower() for p in content_type.split(";"))
    charset = next((p.partition("=")[2].strip('"') for p in params if p.startswith("charset=")), "utf-8")
    if media != JSON or charset not in ("utf-8", "utf8"):
        raise HttpError(415, f"Unsupported Content-Type {content_type!r}: send application/json (UTF-8).")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise HttpError(413, f"The request body is {declared} bytes; the limit is {max_bytes} bytes.")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise HttpError(413, f"The request body is over the limit of {max_bytes} bytes.")
    if not body:
        raise HttpError(400, "The request body is empty: send a JSON object with a `query` string.")
    return check_params(decode_json(bytes(body), "The request body"))


def error_body(message: str, code: str | None = None) -> dict[str, Any]:
    """A GraphQL-shaped error body for an HTTP-level error."""
    error: dict[str, Any] = {"message": message}
    if code:
        error["extensions"] = {"code": code}
    return {"errors": [error]}


class GraphQLHandler:
    """Runs one GraphQL-over-HTTP request: persisted lookup, limits, validation, execution, response."""

    def __init__(
        self, schema: Schema, settings: Settings, persisted: PersistedQueries, context_factory: ContextFactory
    ) -> None:
        self.schema = schema
        self.settings = settings
        self.limits = Limits.from_settings(settings)
        self.persisted = persisted
        self.context_factory = context_factory
        self.production = settings.environment == "production"
        # Parsed documents and their validation by the rules that depend on the text alone (LRU, by query
        # text): a repeated query (the usual case: an app sends the same few) skips parsing and validating.
        self._documents: OrderedDict[str, _Checked] = OrderedDict()
        self._protection = validation_rules(self.limits)
        self._standard = [*specified_rules, *VALIDATION_RULES]

    def _parse(self, query: str) -> _Checked:
        cached = self._documents.get(query)
        if cached is not None:
            self._documents.move_to_end(query)
            return cached
        checked = _Checked(parse_query(query, self.limits))
        self._documents[query] = checked
        if len(self._documents) > DOCUMENT_CACHE_SIZE:
            self._documents.popitem(last=False)
        return checked

    def _validate(self, checked: _Checked, operation_name: str | None, variables: dict[str, Any]) -> list[GraphQLError]:
        """Protection rules (depth, aliases, introspection), then cost (per request: it reads the variables),
        then GraphQL's own rules, each group only when the one before passed. The standard rules run last:
        some (overlapping fields) are quadratic, and an abusive document must not reach them."""
        hide = not self.limits.suggestions
        if checked.protection is None:
            checked.protection = validate(
                graphql_schema(self.schema), checked.document, self._protection, max_errors=20, hide_suggestions=hide
            )
        if checked.protection:
            return checked.protection
        costly = cost_errors(checked.document, operation_name, variables, self.limits)
        if costly:
            return costly
        if checked.standard is None:
            checked.standard = validate(
                graphql_schema(self.schema), checked.document, self._standard, max_errors=20, hide_suggestions=hide
            )
        return checked.standard

    def _respond(
        self, payload: dict[str, Any], media: str, status: int = 200, cache: bool = False, retry_after: int = 0
    ) -> Response:
        headers = {"Vary": "Accept"}
        headers["Cache-Control"] = f"public, max-age={self.settings.cache_max_age}" if cache else "no-store"
        if retry_after:
            headers["Retry-After"] = str(retry_after)
        return Response(
            orjson.dumps(payload), status_code=status, media_type=f"{media}; charset=utf-8", headers=headers
        )

    def _request_error(self, errors: list[GraphQLError], media: str, code: str = VALIDATION_FAILED) -> Response:
        """Errors before execution: 400 with application/graphql-response+json, 200 with legacy JSON. Each
        carries a code: its own (a limit's) or the stage's that refused it (``code``)."""
        status = 400 if media == GRAPHQL_RESPONSE else 200
        return self._respond({"errors": [with_code(e, code) for e in errors]}, media, status)

    def _check_text(self, params: GraphQLParams) -> str:
        query = self.persisted.resolve(params.query, params.extensions, allow_register=not self.settings.persisted_only)
        if query is None:
            raise HttpError(400, "The request has no `query`.")
        if self.settings.persisted_only and not self.persisted.is_allowed(query):
            raise LimitExceeded(
                "This server only runs persisted queries: call /graphql/persisted/<name> or send a known "
                "extensions.persistedQuery.sha256Hash.",
                "PERSISTED_QUERY_REQUIRED",
            )
        check_query_size(query, self.limits)
        check_variables(params.variables, self.limits)
        return query

    async def handle(self, request: Request, params: GraphQLParams, method: str, media: str) -> Response:
        """Check everything that can be checked without the database, then execute."""
        try:
            query = self._check_text(params)
            checked = self._parse(query)
        except GraphQLError as exc:  # persisted-query, limit and syntax errors
            return self._request_error([exc], media, PARSE_FAILED)
        operation = get_operation_ast(checked.document, params.operation_name)
        if operation is None:
            named = f"operation {params.operation_name!r}" if params.operation_name else "a single operation"
            missing = GraphQLError(f"The document has no {named}: name the operation to run in `operationName`.")
            return self._request_error([missing], media)
        if method == "GET" and operation.operation != OperationType.QUERY:
            raise HttpError(405, f"A {operation.operation.value} cannot be sent with GET: use POST.", {"Allow": "POST"})
        variables = params.variables or {}
        hide = not self.limits.suggestions
        errors = self._validate(checked, params.operation_name, variables)
        if errors:
            return self._request_error(errors, media)
        coerced = get_variable_values(
            graphql_schema(self.schema), operation.variable_definitions or (), variables, hide_suggestions=hide
        )
        if isinstance(coerced, list):
            return self._request_error(coerced, media, BAD_USER_INPUT)
        allowed = {StrawberryOperation.QUERY}
        if method == "POST":
            allowed.add(StrawberryOperation.MUTATION)
        context = self.context_factory(request)
        graph = getattr(context, "graph", None)
        # One read transaction for the whole request (Neo4j: one session instead of one per statement).
        async with graph.reading() if graph is not None else contextlib.nullcontext():
            result = await self.schema.execute(
                query,
                variable_values=variables,
                context_value=context,
                operation_name=params.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=params.extensions,
            )
        payload: dict[str, Any] = {"data": result.data}
        if not result.errors:
            return self._respond(payload, media, cache=method == "GET")
        report = ErrorReport(getattr(request.state, "request_id", ""), self.production)
        payload["errors"] = [report.public(e) for e in result.errors]
        if any(is_unavailable(e) for e in result.errors):
            # the request was fine and the answer is incomplete: a 503 tells clients and proxies to retry
            return self._respond(payload, media, status=503, retry_after=UNAVAILABLE_RETRY_SECONDS)
        return self._respond(payload, media)
