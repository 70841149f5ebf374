"""Every caller mistake is a GraphQL error with a specific code and a message saying what to send instead;
none is an internal error, none logs a traceback. Through the HTTP app in production, on both backends."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from graph.backend import Graph
from graph.config import Settings
from tests.helpers import client_for, load_samples, tiny_app

# (query, code, words the message must contain: what was wrong, and what to send instead)
MISTAKES: list[tuple[str, str, tuple[str, ...]]] = [
    ("{ commitments(first: -1) { totalCount } }", "INVALID_PAGE_SIZE", ("-1", "from 0 to 100")),
    ("{ organizations(first: -1) { totalCount } }", "INVALID_PAGE_SIZE", ("-1", "from 0 to 100")),
    ("{ members(first: -5) { totalCount } }", "INVALID_PAGE_SIZE", ("-5",)),
    ('{ commitments(after: "nonsense") { totalCount } }', "INVALID_CURSOR", ("nonsense", "endCursor")),
    ('{ members(after: "W10") { totalCount } }', "INVALID_CURSOR", ("endCursor",)),
    ('{ organizations(after: "eyJhIjoxfQ") { totalCount } }', "INVALID_CURSOR", ("endCursor",)),
    (
        '{ connections(from: "member:kenya", to: "member:chile", maxHops: 100) { length } }',
        "ARGUMENT_OUT_OF_RANGE",
        ("maxHops", "between 1 and 6", "100"),
    ),
    (
        '{ connections(from: "member:kenya", to: "member:chile", maxPaths: 100000) { length } }',
        "ARGUMENT_OUT_OF_RANGE",
        ("maxPaths", "between 1 and 10"),
    ),
    (
        '{ connections(from: "kenya", to: "member:chile") { length } }',
        "INVALID_NODE_REFERENCE",
        ("`from`", "member:kenya"),
    ),
    (
        '{ connections(from: "member:atlantis", to: "member:chile") { length } }',
        "NOT_FOUND",
        ("member", "'atlantis'"),
    ),
    ('{ commitments(search: "a\\u0000b") { totalCount } }', "INVALID_STRING", ("NUL", "remove it")),
    ('{ member(id: "ken\\u0000ya") { id } }', "INVALID_STRING", ("NUL",)),
    ('{ commitment(id: "\\u0000") { id } }', "INVALID_STRING", ("NUL",)),
    ('{ organizationReach(id: "a\\u0000") }', "INVALID_STRING", ("NUL",)),
    ('{ similarToText(text: "   ") { score } }', "EMPTY_TEXT", ("paste",)),
    ('{ similarToText(text: "open data", first: 0) { score } }', "INVALID_PAGE_SIZE", ("between 1 and 100",)),
    ("{ commitments(first: 1) { nodes { nope } } }", "GRAPHQL_VALIDATION_FAILED", ("nope",)),
    ("{ commitments(first: 1) { nodes { id }", "GRAPHQL_PARSE_FAILED", ("Syntax Error",)),
]
# the same mistakes through variables
VARIABLE_MISTAKES: list[tuple[str, dict[str, Any], str]] = [
    ("query Q($n: Int) { commitments(first: $n) { totalCount } }", {"n": -1}, "INVALID_PAGE_SIZE"),
    ("query Q($c: String) { commitments(after: $c) { totalCount } }", {"c": "%%%"}, "INVALID_CURSOR"),
    ("query Q($s: String) { commitments(search: $s) { totalCount } }", {"s": "x\u0000"}, "INVALID_STRING"),
    ("query Q($f: String!, $t: String!) { connections(from: $f, to: $t) { length } }",
     {"f": "kenya", "t": "member:chile"}, "INVALID_NODE_REFERENCE"),
    ("query Q($n: Int) { commitments(first: $n) { totalCount } }", {"n": "ten"}, "BAD_USER_INPUT"),
]  # fmt: skip


@pytest.fixture
async def client(graph: Graph) -> AsyncIterator[httpx.AsyncClient]:
    await load_samples(graph)
    app = create_app(Settings(environment="production"), graph=graph)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://test") as c:
        yield c


def _only_error(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code in (200, 400), response.text[:300]
    errors = response.json()["errors"]
    assert len(errors) == 1, errors
    error: dict[str, Any] = errors[0]
    return error


async def test_caller_mistakes_have_specific_codes(client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    for query, code, words in MISTAKES:
        error = _only_error(await client.post("/graphql", json={"query": query}))
        assert error.get("extensions", {}).get("code") == code, (query, error)
        for word in words:
            assert word in error["message"], (query, word, error["message"])
    for query, variables, code in VARIABLE_MISTAKES:
        error = _only_error(await client.post("/graphql", json={"query": query, "variables": variables}))
        assert error.get("extensions", {}).get("code") == code, (query, variables, error)
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert logged == [], [r.getMessage()[:200] for r in logged]


async def test_a_real_bug_is_masked_and_logged_in_bounded_form(caplog: pytest.LogCaptureFixture) -> None:
    """An internal error keeps its code and request id; its log record holds the last frames only."""
    from api.errors import LOG_CHARS, MESSAGE_CHARS

    async with client_for(tiny_app(environment="production")) as prod:
        response = await prod.post("/graphql", json={"query": "{ boom }"}, headers={"x-request-id": "req-9"})
    assert response.json()["errors"][0]["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-9"}
    records = [r for r in caplog.records if r.name == "api.errors"]
    assert len(records) == 1
    assert "req-9" in records[0].getMessage() and "RuntimeError" in records[0].getMessage()
    assert len(records[0].getMessage()) <= LOG_CHARS + MESSAGE_CHARS + 200
    assert records[0].exc_info is None  # the traceback is in the bounded message, not appended whole
