"""Protection through HTTP: abusive requests are refused fast, with a clear error, before any Cypher runs."""

from __future__ import annotations

import json
from typing import Any

from graph.backend import Graph, count_queries
from tests.integration.test_http_protocol import GQL, client_for, tiny_app


async def refused(graph: Graph, body: dict[str, Any] | bytes, status: int = 400) -> dict[str, Any]:
    """POST the body; assert the status and that no Cypher ran (refused before any work); return the JSON."""
    async with client_for(tiny_app(graph)) as client:
        with count_queries() as ran:
            if isinstance(body, bytes):
                headers = {"accept": GQL, "content-type": "application/json"}
                response = await client.post("/graphql", content=body, headers=headers)
            else:
                response = await client.post("/graphql", json=body, headers={"accept": GQL})
    assert response.status_code == status, response.text[:300]
    assert ran == [], f"Cypher ran for a refused request: {ran}"
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


async def test_deep_nesting(graph: Graph) -> None:
    query = "{ items(first: 1) " + "{ children(first: 1) " * 14 + "{ id }" + " }" * 15
    payload = await refused(graph, {"query": query})
    assert "exceeds maximum operation depth of 10" in payload["errors"][0]["message"]


async def test_a_thousand_aliases(graph: Graph) -> None:
    query = "{ " + " ".join(f"a{i}: hello" for i in range(1000)) + " }"
    payload = await refused(graph, {"query": query})
    assert payload["errors"][0]["message"] == "1000 aliases found. Allowed: 30"


async def test_page_size_over_the_maximum(graph: Graph) -> None:
    payload = await refused(graph, {"query": "{ items(first: 100000) { id } }"})
    assert code(payload) == "PAGE_TOO_LARGE"
    assert "Argument first of field items is 100000; the largest page size is 100" in payload["errors"][0]["message"]
    by_variable = {"query": "query Q($n: Int!) { items(first: $n) { id } }", "variables": {"n": 100000}}
    assert code(await refused(graph, by_variable)) == "PAGE_TOO_LARGE"


async def test_cost_of_nested_pages(graph: Graph) -> None:
    query = "{ items(first: 100) { children(first: 100) { children(first: 100) { id } } } }"
    payload = await refused(graph, {"query": query})
    assert code(payload) == "QUERY_TOO_COSTLY"
    assert "The query costs 1010101; the limit is 10000" in payload["errors"][0]["message"]
    fragment = (
        "query { items(first: 50) { ...F } } fragment F on Item { children(first: 50) { children(first: 5) { id } } }"
    )
    assert code(await refused(graph, {"query": fragment})) == "QUERY_TOO_COSTLY"


async def test_huge_strings_in_variables(graph: Graph) -> None:
    query = "query Q($n: String) { hello(name: $n) }"
    payload = await refused(graph, {"query": query, "variables": {"n": "x" * 20_000}})
    message = "Variable $n is a string of 20000 bytes; the limit is 10000 bytes per string."
    assert payload["errors"][0]["message"] == message
    megabyte = json.dumps({"query": query, "variables": {"n": "x" * 1_000_000}}).encode()
    too_big = await refused(graph, megabyte, status=413)
    assert "limit is 262144 bytes" in too_big["errors"][0]["message"]


async def test_a_100_kb_query(graph: Graph) -> None:
    query = "{ hello " + "# padding\n" * 10_000 + "}"
    payload = await refused(graph, {"query": query})
    assert code(payload) == "QUERY_TOO_LARGE"
    assert "The query is 100009 bytes long; the limit is 20000 bytes" in payload["errors"][0]["message"]


async def test_too_many_tokens(graph: Graph) -> None:
    query = "{ " + "a " * 6_000 + "}"  # 12 KB, under the size limit
    payload = await refused(graph, {"query": query})
    assert code(payload) == "TOO_MANY_TOKENS"


async def test_limits_follow_the_settings(graph: Graph) -> None:
    async with client_for(tiny_app(graph, max_cost=100_000_000)) as client:
        query = "{ items(first: 100) { children(first: 100) { id } } }"
        response = await client.post("/graphql", json={"query": query})
    assert len(response.json()["data"]["items"]) == 100


async def test_get_is_protected_too(graph: Graph) -> None:
    async with client_for(tiny_app(graph)) as client:
        with count_queries() as ran:
            response = await client.get("/graphql", params={"query": "{ items(first: 100000) { id } }"})
    assert response.status_code == 200  # legacy application/json: errors with 200
    assert response.json()["errors"][0]["extensions"]["code"] == "PAGE_TOO_LARGE"
    assert response.headers["cache-control"] == "no-store"
    assert ran == []


async def test_query_size_counts_bytes(graph: Graph) -> None:
    async with client_for(tiny_app(graph, max_query_bytes=100)) as client:
        response = await client.post("/graphql", json={"query": '{ hello(name: "' + "é" * 50 + '") }'})
    assert "bytes long; the limit is 100 bytes" in response.json()["errors"][0]["message"]
