"""Hostile request bodies against a running server: a clear JSON error every time, never a 500 or a reset."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

import pytest

from tests.reliability.processes import ApiServer

MEGABYTES_10 = 10 * 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    folder = tmp_path_factory.mktemp("bodies")
    running = ApiServer(f"falkordb-lite://{folder}/g.db", folder / "server.log", environment="production")
    yield running
    running.stop()


def post(server: ApiServer, body: bytes, path: str = "/graphql") -> tuple[int, str, bytes]:
    """POST ``body`` over a plain connection: (status, content type, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("POST", path, body=body, headers={"content-type": "application/json"})
        response = connection.getresponse()
        return response.status, response.getheader("content-type") or "", response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_json_nested_100000_deep_is_a_400_json_error(server: ApiServer, opening: str) -> None:
    status, media, body = post(server, (opening * (100_000 if opening == "[" else 40_000)).encode())
    assert status == 400, body[:300]
    assert media.startswith("application/json")
    message = json.loads(body)["errors"][0]["message"]
    assert "nested" in message and "JSON" in message, message


def test_deep_json_in_get_variables_is_a_400(server: ApiServer) -> None:
    status, payload = server.get("/graphql?query=%7B__typename%7D&variables=" + "%5B" * 3000)
    assert status == 400, payload
    assert "nested" in payload["errors"][0]["message"]


def test_a_10_mb_body_is_a_413_not_a_reset(server: ApiServer) -> None:
    body = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * MEGABYTES_10}}).encode()
    status, media, answer = post(server, body)
    assert status == 413, answer[:300]
    assert media.startswith("application/json")
    assert "limit" in json.loads(answer)["errors"][0]["message"]
    # the server is still there and answers the next request on a new connection
    assert post(server, b'{"query": "{ __typename }"}')[0] == 200


def test_a_lone_surrogate_in_the_body_is_a_400(server: ApiServer) -> None:
    status, _, body = post(server, b'{"query": "{ commitments(search: \\"\\ud800\\") { totalCount } }"}')
    assert status == 400, body[:300]
    assert "JSON" in json.loads(body)["errors"][0]["message"]
