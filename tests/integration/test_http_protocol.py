"""GraphQL over HTTP through the app: media types, status codes, methods, request ids, health, GraphiQL, CORS."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from api.app import load_examples
from graph.backend import Graph
from tests.helpers import GQL, client_for, tiny_app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(tiny_app()) as c:
        yield c


async def test_post_json_legacy_and_graphql_response(client: httpx.AsyncClient) -> None:
    legacy = await client.post("/graphql", json={"query": "{ hello }"})
    assert legacy.status_code == 200
    assert legacy.headers["content-type"] == "application/json; charset=utf-8"
    assert legacy.json() == {"data": {"hello": "hello world"}}
    modern = await client.post("/graphql", json={"query": "{ hello }"}, headers={"accept": GQL})
    assert modern.status_code == 200
    assert modern.headers["content-type"].startswith(GQL)
    assert modern.headers["cache-control"] == "no-store"


async def test_accept_negotiation(client: httpx.AsyncClient) -> None:
    body = {"query": "{ hello }"}
    prefers_json = await client.post("/graphql", json=body, headers={"accept": f"{GQL};q=0.5, application/json"})
    assert prefers_json.headers["content-type"].startswith("application/json")
    wildcard = await client.post("/graphql", json=body, headers={"accept": "*/*"})
    assert wildcard.headers["content-type"].startswith("application/json")
    refused = await client.post("/graphql", json=body, headers={"accept": "text/xml"})
    assert refused.status_code == 406
    assert "Accept" in refused.json()["errors"][0]["message"]


async def test_errors_before_execution_are_400_with_graphql_response_json(client: httpx.AsyncClient) -> None:
    for query in ("{ hello(", "{ nope }", "query Q($n: Int!) { items(first: $n) { id } }"):
        modern = await client.post("/graphql", json={"query": query}, headers={"accept": GQL})
        assert modern.status_code == 400, query
        assert "data" not in modern.json()
        legacy = await client.post("/graphql", json={"query": query}, headers={"accept": "application/json"})
        assert legacy.status_code == 200, query
        assert legacy.json()["errors"]


async def test_bad_requests(client: httpx.AsyncClient) -> None:
    bad_json = await client.post("/graphql", content=b'{"query": ', headers={"content-type": "application/json"})
    assert bad_json.status_code == 400
    assert "not valid JSON" in bad_json.json()["errors"][0]["message"]
    no_query = await client.post("/graphql", json={"qeury": "{ hello }"})
    assert no_query.status_code == 400
    for field, value in (("query", 1), ("variables", "x"), ("operationName", 0), ("extensions", [1])):
        response = await client.post("/graphql", json={"query": "{ hello }", field: value})
        assert response.status_code == 400, field
        assert f"`{field}`" in response.json()["errors"][0]["message"]
    wrong_type = await client.post("/graphql", content=b"{ hello }", headers={"content-type": "text/plain"})
    assert wrong_type.status_code == 415
    no_type = await client.post("/graphql", content=b'{"query": "{ hello }"}', headers={"content-type": ""})
    assert no_type.status_code == 415


async def test_get_queries_and_mutations(client: httpx.AsyncClient) -> None:
    params = {"query": "query Q($n: String) { hello(name: $n) }", "variables": json.dumps({"n": "Ana"})}
    response = await client.get("/graphql", params=params)
    assert response.json() == {"data": {"hello": "hello Ana"}}
    assert response.headers["cache-control"] == "public, max-age=300"
    mutation = await client.get("/graphql", params={"query": "mutation { ping }"}, headers={"accept": GQL})
    assert mutation.status_code == 405
    assert mutation.headers["allow"] == "POST"
    posted = await client.post("/graphql", json={"query": "mutation { ping }"})
    assert posted.json() == {"data": {"ping": True}}


async def test_operation_name(client: httpx.AsyncClient) -> None:
    document = 'query A { hello } query B { hello(name: "B") }'
    chosen = await client.post("/graphql", json={"query": document, "operationName": "B"})
    assert chosen.json() == {"data": {"hello": "hello B"}}
    unnamed = await client.post("/graphql", json={"query": document}, headers={"accept": GQL})
    assert unnamed.status_code == 400
    assert "operationName" in unnamed.json()["errors"][0]["message"]


async def test_request_id_in_and_out(client: httpx.AsyncClient) -> None:
    given = await client.post("/graphql", json={"query": "{ hello }"}, headers={"x-request-id": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = await client.post("/graphql", json={"query": "{ hello }"}, headers={"x-request-id": "bad id\n"})
    assert len(made.headers["x-request-id"]) == 32


async def test_errors_masked_in_production_only() -> None:
    async with client_for(tiny_app()) as dev:
        shown = (await dev.post("/graphql", json={"query": "{ boom }"})).json()
    assert "secret detail" in shown["errors"][0]["message"]
    async with client_for(tiny_app(environment="production")) as prod:
        response = await prod.post("/graphql", json={"query": "{ boom }"}, headers={"x-request-id": "req-7"})
        masked = response.json()
        assert "secret" not in json.dumps(masked)
        assert masked["errors"][0]["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-7"}
        assert masked["data"] == {"boom": None}
        typo = (await prod.post("/graphql", json={"query": "{ helo }"})).json()
        assert "Did you mean" not in typo["errors"][0]["message"]
        introspection = await prod.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        assert "introspection" in introspection.json()["errors"][0]["message"].lower()
        page = await prod.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 406  # no GraphiQL in production


async def test_graphiql_page_has_the_examples(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "defaultTabs: OGP_EXAMPLES" in page.text
    examples = load_examples()
    assert examples, "api/examples/ has no .graphql files"
    for example in examples:
        first_line = example["query"].splitlines()[0]
        assert json.dumps(first_line)[1:-1] in page.text


async def test_healthz(graph: Graph) -> None:
    async with client_for(tiny_app(graph)) as c:
        response = await c.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "backend": graph.kind}


async def test_cors_off_by_default_and_configurable() -> None:
    preflight = {"origin": "https://example.org", "access-control-request-method": "POST"}
    async with client_for(tiny_app()) as c:
        response = await c.options("/graphql", headers=preflight)
        assert "access-control-allow-origin" not in response.headers
    async with client_for(tiny_app(cors_origins=["https://example.org"])) as c:
        response = await c.options("/graphql", headers=preflight)
        assert response.headers["access-control-allow-origin"] == "https://example.org"
