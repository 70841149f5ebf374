"""Fuzzing the running API: every argument of every root field with hypothesis, and whole queries generated
from the committed schema with schemathesis. Zero server errors: every answer is 200 or 400 with JSON, and
no error is ``INTERNAL_SERVER_ERROR``. On both backends (the data: the project's samples).

Finding 3 of the reliability issue found its internal errors by hand; this looks for the ones not found yet.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from graphql import GraphQLField, GraphQLNonNull, GraphQLScalarType, get_named_type
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.schema import schema as api_schema
from tests.helpers import BACKENDS, Neo4jServer
from tests.reliability.processes import ROOT, ApiServer, ogp

pytestmark = pytest.mark.slow

EXAMPLES_PER_ARGUMENT = 25
EXAMPLES_PER_FIELD = 20  # schemathesis: per root field, 23 of them
INT32 = st.integers(min_value=-(2**31), max_value=2**31 - 1)
SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "String": st.text(max_size=200),
    "ID": st.one_of(st.text(max_size=100), st.sampled_from(["member:kenya", "AL0002", "kenya", "x" * 5000])),
    "Int": st.one_of(INT32, st.sampled_from([-1, 0, 1, 7, 100, 101, 10**6])),
    "Float": st.floats(allow_nan=False, allow_infinity=False),
    "Boolean": st.booleans(),
}


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, neo4j_server: Neo4jServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ApiServer]:
    """The API (development: introspection on, errors unmasked but still coded) over the samples."""
    folder = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    if request.param == "falkordb":
        url = f"falkordb-lite://{folder}/g.db"
    else:
        neo4j_server.start()
        if not neo4j_server.url:
            pytest.skip(neo4j_server.reason)
        url = neo4j_server.url
    assert ogp(["reset", "--yes"], url).returncode == 0
    loaded = ogp(["load", str(ROOT / "samples")], url)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    running = ApiServer(url, folder / "server.log", environment="development")
    yield running
    running.stop()
    if request.param == "neo4j":
        ogp(["reset", "--yes"], url)


def post(server: ApiServer, body: bytes) -> tuple[int, Any]:
    request = urllib.request.Request(
        server.url + "/graphql", data=body, headers={"content-type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def assert_no_server_error(status: int, payload: Any, sent: Any) -> None:
    assert status in (200, 400), (status, payload, sent)
    codes = [e.get("extensions", {}).get("code") for e in payload.get("errors", [])]
    assert "INTERNAL_SERVER_ERROR" not in codes, (payload, sent)
    assert all(codes), (payload, sent)  # every error says what kind it is


def _arguments() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(field, argument, scalar type, the field's other required arguments) for every scalar argument."""
    found = []
    query_type = api_schema._schema.query_type
    assert query_type is not None
    for name, field in query_type.fields.items():
        assert isinstance(field, GraphQLField)
        scalars = {a: get_named_type(arg.type) for a, arg in field.args.items()}
        required = [(a, t.name) for a, t in scalars.items() if isinstance(field.args[a].type, GraphQLNonNull)]
        for argument, named in scalars.items():
            if isinstance(named, GraphQLScalarType) and named.name in SCALARS:
                list_type = "[" in str(field.args[argument].type)
                if not list_type:
                    others = [(a, t) for a, t in required if a != argument]
                    found.append((name, argument, named.name, others))
    return found


ARGUMENTS = _arguments()


@pytest.mark.parametrize(("field", "argument", "kind", "others"), ARGUMENTS, ids=[f"{f}.{a}" for f, a, *_ in ARGUMENTS])
def test_every_argument_with_any_value(
    server: ApiServer, field: str, argument: str, kind: str, others: list[tuple[str, str]]
) -> None:
    if any(t not in SCALARS for _, t in others):
        pytest.skip(f"{field} needs an input object besides {argument}: schemathesis covers it")
    declared = ", ".join(f"${a}: {t}" for a, t in [(argument, kind), *[(o, f"{t}!") for o, t in others]])
    passed = ", ".join(f"{a}: ${a}" for a in [argument, *[o for o, _ in others]])
    query = f"query Fuzz({declared}) {{ {field}({passed}) {{ __typename }} }}"
    if field == "organizationReach":  # a JSON scalar: no selection
        query = f"query Fuzz({declared}) {{ {field}({passed}) }}"

    @settings(max_examples=EXAMPLES_PER_ARGUMENT, deadline=None, suppress_health_check=list(HealthCheck))
    @given(value=SCALARS[kind], rest=st.fixed_dictionaries({o: SCALARS[t] for o, t in others}))
    def check(value: Any, rest: dict[str, Any]) -> None:
        body = json.dumps({"query": query, "variables": {argument: value, **rest}}).encode()
        assert_no_server_error(*post(server, body), sent=(query, value, rest))

    check()


SCHEMA = schemathesis.graphql.from_path(ROOT / "api" / "schema.graphql")


@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES_PER_FIELD, deadline=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_queries(case: Any, server: ApiServer) -> None:
    response = case.call(base_url=server.url + "/graphql")
    payload = response.json()
    assert_no_server_error(response.status_code, payload, sent=case.body)


def test_the_fuzzer_sees_an_internal_error() -> None:
    """The check above can fail: an internal error is caught by it."""
    with pytest.raises(AssertionError):
        assert_no_server_error(200, {"errors": [{"extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}, sent=None)
    with pytest.raises(AssertionError):
        assert_no_server_error(500, {}, sent=None)
    assert Path(ROOT / "api" / "schema.graphql").exists()
