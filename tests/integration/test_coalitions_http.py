"""Coalition staff's questions through the real app over HTTP, on the project's sample data."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from graph.backend import Graph
from graph.config import Settings
from tests.helpers import GQL, client_for

BOLG = "beneficial-ownership-leadership-group"
COALITION = """
query ($id: ID!) {
  coalition(id: $id) {
    name
    policyAreas { id }
    participants(first: 20) { totalCount edges { role node { __typename ... on Member { id name } } } }
    focusCommitments { id memberId completion }
    gaps {
      recruitmentTargets { member { id name } score commitments { id } }
      participantsWithoutCommitments { id }
      activeOrganizations { id members }
    }
  }
}
"""


@pytest.fixture
async def client(samples: Graph) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(create_app(Settings(), graph=samples)) as c:
        yield c


async def post(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables}, headers={"accept": GQL})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


async def test_bolg_participants_focus_and_gaps(client: httpx.AsyncClient, samples: Graph) -> None:
    graph = samples
    data = (await post(client, COALITION, id=BOLG))["coalition"]
    assert data["policyAreas"] == [{"id": "beneficial-ownership"}]
    members = {e["node"]["id"] for e in data["participants"]["edges"]}
    assert data["participants"]["totalCount"] == len(members) == 8
    assert {"kenya", "united-kingdom", "nigeria", "mexico"} <= members
    # recruitment targets: exactly the members with a beneficial-ownership commitment that are not in BOLG
    expected = {
        r["m"]
        for r in await graph.read(
            "MATCH (m:Member)-[:HAS_ACTION_PLAN]->(:ActionPlan)-[:INCLUDES]->(:Commitment)-[:ADDRESSES]->"
            "(:PolicyArea {id: 'beneficial-ownership'}) RETURN DISTINCT m.id AS m"
        )
    } - members
    targets = data["gaps"]["recruitmentTargets"]
    assert expected and {t["member"]["id"] for t in targets} == expected
    scores = [t["score"] for t in targets]
    assert scores == sorted(scores, reverse=True)
    # participants with no BO commitment are listed; those with one are not
    idle = {p["id"] for p in data["gaps"]["participantsWithoutCommitments"]}
    with_commitments = {c["memberId"] for c in data["focusCommitments"]}
    assert idle == members - with_commitments and with_commitments <= members
    assert all(len(o["members"]) >= 2 for o in data["gaps"]["activeOrganizations"])


async def test_connections_are_real_paths(client: httpx.AsyncClient, samples: Graph) -> None:
    graph = samples
    query = """query { connections(from: "member:kenya", to: "member:indonesia", maxHops: 6) {
        length nodes { kind id } steps { type start end } } }"""
    paths = (await post(client, query))["connections"]
    assert paths, "Kenya and Indonesia share an organisation in the samples (World Bank / Open Ownership)"
    for path in paths:
        assert path["nodes"][0]["id"] == "kenya" and path["nodes"][-1]["id"] == "indonesia"
        assert len(path["steps"]) == path["length"] <= 6
        for step in path["steps"]:
            start_id, end_id = step["start"].split(":", 1)[1], step["end"].split(":", 1)[1]
            found = await graph.read(
                "MATCH (a {id: $a})-[r]-(b {id: $b}) WHERE type(r) = $t RETURN count(r) AS n",
                {"a": start_id, "b": end_id, "t": step["type"]},
            )
            assert found[0]["n"] >= 1, step


async def test_unknown_coalition_is_null(client: httpx.AsyncClient) -> None:
    query = 'query { coalition(id: "nope") { name } coalitionNetwork(id: "nope") { nodes { id } } }'
    data = await post(client, query)
    assert data == {"coalition": None, "coalitionNetwork": None}
