"""Protection through HTTP: abusive requests are refused fast, with a clear error, before any Cypher runs."""

from __future__ import annotations

import json
from typing import Any

from graph.backend import Graph, count_queries
from tests.helpers import GQL, RESOLVED, client_for, tiny_app


async def refused(body: dict[str, Any] | bytes, status: int = 400) -> dict[str, Any]:
    """POST the body to the app over the tiny schema; assert the status and that no resolver ran (refused
    before execution, so before any Cypher could); return the JSON. No graph is needed: none is reached."""
    before = sum(RESOLVED.values())
    async with client_for(tiny_app()) as client:
        if isinstance(body, bytes):
            headers = {"accept": GQL, "content-type": "application/json"}
            response = await client.post("/graphql", content=body, headers=headers)
        else:
            response = await client.post("/graphql", json=body, headers={"accept": GQL})
    assert response.status_code == status, response.text[:300]
    assert sum(RESOLVED.values()) == before, "a refused request reached a resolver"
    payload: dict[str, Any] = response.json()
    assert "data" not in payload
    return payload


def code(payload: dict[str, Any]) -> str:
    return str(payload["errors"][0].get("extensions", {}).get("code"))


async def test_the_counter_sees_queries_through_the_app(graph: Graph) -> None:
    async with client_for(tiny_app(graph)) as client:
        with count_queries() as ran:
            response = await client.post("/graphql", json={"query": "{ nodeCount }"})
    assert response.json() == {"data": {"nodeCount": 0}}
    assert len(ran) == 1


async def test_deep_nesting() -> None:
    query = "{ items(first: 1) " + "{ children(first: 1) " * 14 + "{ id }" + " }" * 15
    payload = await refused({"query": query})
    assert "exceeds maximum operation depth of 10" in payload["errors"][0]["message"]


async def test_a_thousand_aliases() -> None:
    query = "{ " + " ".join(f"a{i}: hello" for i in range(1000)) + " }"
    payload = await refused({"query": query})
    assert payload["errors"][0]["message"] == "1000 aliases found. Allowed: 30"


async def test_page_size_over_the_maximum() -> None:
    payload = await refused({"query": "{ items(first: 100000) { id } }"})
    assert code(payload) == "PAGE_TOO_LARGE"
    assert "Argument first of field items is 100000; the largest page size is 100" in payload["errors"][0]["message"]
    by_variable = {"query": "query Q($n: Int!) { items(first: $n) { id } }", "variables": {"n": 100000}}
    assert code(await refused(by_variable)) == "PAGE_TOO_LARGE"


async def test_cost_of_nested_pages() -> None:
    query = "{ items(first: 100) { children(first: 100) { children(first: 100) { id } } } }"
    payload = await refused({"query": query})
    assert code(payload) == "QUERY_TOO_COSTLY"
    assert "The query costs 1010101; the limit is 10000" in payload["errors"][0]["message"]
    fragment = (
        "query { items(first: 50) { ...F } } fragment F on Item { children(first: 50) { children(first: 5) { id } } }"
    )
    assert code(await refused({"query": fragment})) == "QUERY_TOO_COSTLY"


async def test_huge_strings_in_variables() -> None:
    query = "query Q($n: String) { hello(name: $n) }"
    payload = await refused({"query": query, "variables": {"n": "x" * 20_000}})
    message = "Variable $n is a string of 20000 bytes; the limit is 10000 bytes per string."
    assert payload["errors"][0]["message"] == message
    megabyte = json.dumps({"query": query, "variables": {"n": "x" * 1_000_000}}).encode()
    too_big = await refused(megabyte, status=413)
    assert "limit is 262144 bytes" in too_big["errors"][0]["message"]


async def test_a_100_kb_query() -> None:
    query = "{ hello " + "# padding\n" * 10_000 + "}"
    payload = await refused({"query": query})
    assert code(payload) == "QUERY_TOO_LARGE"
    assert "The query is 100009 bytes long; the limit is 20000 bytes" in payload["errors"][0]["message"]


async def test_too_many_tokens() -> None:
    query = "{ " + "a " * 6_000 + "}"  # 12 KB, under the size limit
    payload = await refused({"query": query})
    assert code(payload) == "TOO_MANY_TOKENS"


async def test_limits_follow_the_settings() -> None:
    async with client_for(tiny_app(max_cost=100_000_000)) as client:
        query = "{ items(first: 100) { children(first: 100) { id } } }"
        response = await client.post("/graphql", json={"query": query})
    assert len(response.json()["data"]["items"]) == 100


async def test_get_is_protected_too() -> None:
    before = sum(RESOLVED.values())
    async with client_for(tiny_app()) as client:
        response = await client.get("/graphql", params={"query": "{ items(first: 100000) { id } }"})
    assert response.status_code == 200  # legacy application/json: errors with 200
    assert response.json()["errors"][0]["extensions"]["code"] == "PAGE_TOO_LARGE"
    assert response.headers["cache-control"] == "no-store"
    assert sum(RESOLVED.values()) == before


async def test_query_size_counts_bytes() -> None:
    async with client_for(tiny_app(max_query_bytes=100)) as client:
        response = await client.post("/graphql", json={"query": '{ hello(name: "' + "é" * 50 + '") }'})
    assert "bytes long; the limit is 100 bytes" in response.json()["errors"][0]["message"]
