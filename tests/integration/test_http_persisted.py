"""Persisted queries (named files and APQ hashes) and the example queries, over HTTP against the real schema."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import create_app, load_examples
from api.persisted import PERSISTED_DIR, PersistedQueries, sha256
from graph.backend import Graph
from graph.config import Settings
from tests.helpers import GQL, client_for, tiny_app

HELLO = "query Hello($n: String) { hello(name: $n) }"


def apq(digest: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


@pytest.fixture
async def real_client(samples: Graph) -> AsyncIterator[httpx.AsyncClient]:
    """The app over the real schema and context, on the sample data."""
    async with client_for(create_app(Settings(), graph=samples)) as client:
        yield client


def test_persisted_files_are_named_and_versioned() -> None:
    store = PersistedQueries.load()
    assert {"commitment-by-id", "member-overview", "search-commitments"} <= set(store.latest)
    assert all(key.rsplit(".v", 1)[1].isdigit() for key in store.named)
    assert store.by_name("member-overview") == (PERSISTED_DIR / "member-overview.v1.graphql").read_text()


def _leaves(value: Any) -> int:
    """How many non-null scalar values a JSON result holds."""
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return 0 if value is None else 1


async def test_every_example_and_persisted_query_runs(real_client: httpx.AsyncClient) -> None:
    """Every example GraphiQL opens with (and every persisted query) answers, with data, on the samples."""
    runs = [(e["query"], json.loads(e["variables"])) for e in load_examples()]
    sample_variables = {
        "commitment-by-id": {"id": "KE9001"},
        "member-overview": {"id": "united-kingdom"},
        "search-commitments": {"text": "open data"},
        "similar-commitments": {"id": "UK9002"},
        "coalition-gaps": {"id": "beneficial-ownership-leadership-group"},
        "similar-to-text": {"text": "beneficial ownership register"},
    }
    runs += [(text, sample_variables[name.rsplit(".v", 1)[0]]) for name, text in PersistedQueries.load().named.items()]
    for query, variables in runs:
        response = await real_client.post(
            "/graphql", json={"query": query, "variables": variables}, headers={"accept": GQL}
        )
        name = next(line for line in query.splitlines() if not line.startswith("#"))
        assert response.status_code == 200, (name, response.text[:500])
        body = response.json()
        assert "errors" not in body, (name, body)
        assert _leaves(body["data"]) >= 3, (name, body)  # the example shows something on the sample data


async def test_named_persisted_query_by_get(real_client: httpx.AsyncClient) -> None:
    variables = json.dumps({"id": "no-such-member"})
    by_path = await real_client.get("/graphql/persisted/member-overview", params={"variables": variables})
    assert by_path.status_code == 200
    assert by_path.json() == {"data": {"member": None}}
    assert by_path.headers["cache-control"] == "public, max-age=300"
    by_id = await real_client.get("/graphql/persisted", params={"id": "member-overview.v1", "variables": variables})
    assert by_id.json() == by_path.json()
    unknown = await real_client.get("/graphql/persisted/no-such-query")
    assert unknown.status_code == 404
    assert "commitment-by-id, member-overview" in unknown.json()["errors"][0]["message"]


async def test_apq_register_then_call_by_hash() -> None:
    digest = sha256(HELLO)
    async with client_for(tiny_app()) as client:
        missing = await client.post("/graphql", json={"extensions": apq(digest)})
        assert missing.status_code == 200
        assert missing.json()["errors"][0]["message"] == "PersistedQueryNotFound"
        assert missing.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
        registered = await client.post("/graphql", json={"query": HELLO, "extensions": apq(digest)})
        assert registered.json() == {"data": {"hello": "hello world"}}
        params = {"extensions": json.dumps(apq(digest)), "variables": json.dumps({"n": "Ana"})}
        by_get = await client.get("/graphql", params=params)
        assert by_get.json() == {"data": {"hello": "hello Ana"}}
        assert by_get.headers["cache-control"].startswith("public")
        wrong = await client.post(
            "/graphql", json={"query": "{ hello }", "extensions": apq(digest)}, headers={"accept": GQL}
        )
        assert wrong.status_code == 400
        assert "does not match" in wrong.json()["errors"][0]["message"]


async def test_persisted_only_mode_is_an_allow_list() -> None:
    stored = PersistedQueries.load().by_name("member-overview")
    async with client_for(tiny_app(persisted_only=True)) as client:
        ad_hoc = await client.post("/graphql", json={"query": "{ hello }"}, headers={"accept": GQL})
        assert ad_hoc.status_code == 400
        assert ad_hoc.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_REQUIRED"
        register = await client.post("/graphql", json={"query": HELLO, "extensions": apq(sha256(HELLO))})
        assert register.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"
        # a persisted file's text passes the allow-list (it then fails validation against the throwaway schema)
        known = await client.post("/graphql", json={"extensions": apq(sha256(stored))})
        assert known.json()["errors"][0]["message"] == "Unknown type 'ID'."
