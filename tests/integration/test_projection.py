"""Fetching only the selected properties gives the same answers as fetching whole nodes, on both backends.

Each Commitment field is asked alone (so only its properties are fetched), through every projected path:
the root lookup, ``similar``, ``similarToText``, inline and named fragments. The reference is the same
query with ``irm`` added, which makes the request fetch whole nodes.
"""

from __future__ import annotations

from typing import Any

import pytest

from api.context import open_discovery
from api.types_commitment import Commitment
from graph.backend import Graph, count_queries
from graph.config import Settings
from queries import similarity
from queries.similarity import COMMITMENT_WITH_SIMILAR
from queries.similarity_filter import SimilarityFilter
from tests.helpers import gql, load_samples

PROPERTIES = Commitment.PROPERTIES  # GraphQL field -> the node properties it reads

SUBFIELDS = {
    "provenance": "{ sourceFile sourceRow loadedAt }",
    "member": "{ id name }",
    "actionPlan": "{ id }",
    "policyAreas": "{ id }",
    "ogpValues": "{ id }",
    "organizations": "{ role asWritten organization { id } }",
    "leadOrganizations": "{ id }",
    "similar": "(first: 2) { score commitment { id } }",
    "lineage": "{ id }",
}
PATHS = {
    "root": 'query { x: commitment(id: "UK9001") { SEL } }',
    "similar": 'query { commitment(id: "UK9001") { similar(first: 4) { commitment { SEL } } } }',
    "similarToText": 'query { similarToText(text: "beneficial ownership register", first: 4) { commitment { SEL } } }',
    "inline fragment": 'query { commitment(id: "UK9001") { similar(first: 4) '
    "{ commitment { ... on Commitment { SEL } } } } }",
    "named fragment": 'query { commitment(id: "UK9001") { ...F } } fragment F on Commitment { SEL }',
}


def _without_irm(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_irm(v) for k, v in value.items() if k != "irm"}
    if isinstance(value, list):
        return [_without_irm(v) for v in value]
    return value


# Every field is asked alone on the root lookup and through a named fragment; how a selection is found on the
# other paths does not depend on the field, so they are checked with fields of each kind (a property, several
# properties, a navigation field, a list) instead of all of them (each similarToText request scores a draft).
EVERY_FIELD_PATHS = ("root", "named fragment")
EACH_KIND = ("title", "provenance", "member", "legacyTags")


async def test_each_field_alone_equals_the_whole_node_answer(samples: Graph) -> None:
    checked = 0
    for name in PROPERTIES:
        selection = f"{name} {SUBFIELDS.get(name, '')}"
        for path, template in PATHS.items():
            if path not in EVERY_FIELD_PATHS and name not in EACH_KIND:
                continue
            projected = await gql(samples, template.replace("SEL", selection))
            whole = await gql(samples, template.replace("SEL", selection + " irm { __typename }"))
            assert projected == _without_irm(whole), (name, path)
            checked += 1
    assert checked == len(PROPERTIES) * len(EVERY_FIELD_PATHS) + len(EACH_KIND) * (len(PATHS) - len(EVERY_FIELD_PATHS))


async def test_projected_answers_are_not_empty(samples: Graph) -> None:
    # The comparison above would pass if both sides were empty: the paths do return commitments and values.
    data = await gql(samples, PATHS["similar"].replace("SEL", "id title member { id } provenance { sourceFile }"))
    matches = data["commitment"]["similar"]
    assert len(matches) == 4
    assert all(m["commitment"]["title"] and m["commitment"]["member"]["id"] for m in matches)
    assert all(m["commitment"]["provenance"]["sourceFile"] == "commitments.csv" for m in matches)
    text = await gql(samples, PATHS["similarToText"].replace("SEL", "id year"))
    assert text["similarToText"] and all(m["commitment"]["year"] for m in text["similarToText"])


async def test_a_projection_does_not_add_queries(samples: Graph) -> None:
    query = PATHS["similar"].replace("SEL", "id title member { name }")
    with count_queries() as projected:
        await gql(samples, query)
    with count_queries() as whole:
        await gql(samples, query.replace("member { name }", "member { name } irm { __typename }"))
    assert len(projected) == len(whole) == 2  # the commitment with its matches, then their members


TWO_SIMILAR = '{ commitment(id: "UK9001") { id a: similar(first: 3) { score } b: similar(first: 2) { score } } }'


@pytest.mark.parametrize(
    ("query", "variables", "statements"),
    [
        ('{ commitment(id: "UK9001") { id similar(first: 3) { score } } }', {}, 1),
        ('query($n: Int!) { commitment(id: "UK9001") { id similar(first: $n) { score } } }', {"n": 3}, 1),
        ('{ commitment(id: "UK9001") { id similar { score } } }', {}, 1),
        ('{ commitment(id: "UK9001") { id similar(first: 3, filter: {yearFrom: 2000}) { score } } }', {}, 2),
        (TWO_SIMILAR, {}, 3),
    ],
    ids=["literal", "variable", "default", "with-filter", "two-similar"],
)
async def test_a_commitment_lookup_reads_its_similar_matches_in_the_same_statement(
    samples: Graph, query: str, variables: dict[str, Any], statements: int
) -> None:
    # One statement for the commitment and its matches; otherwise the lookup, then one per argument set.
    with count_queries() as log:
        data = await gql(samples, query, **variables)
    answers = [v for k, v in data["commitment"].items() if k != "id"]
    assert all(answers), "UK9001 has stored matches in the samples"
    assert [len(log), log[0].startswith(COMMITMENT_WITH_SIMILAR[:40])] == [statements, statements == 1]
    if statements == 1:  # the same answer as the field's own statement
        index = open_discovery(samples, Settings())
        alone = await similarity.similar(samples, index, "UK9001", len(answers[0]), SimilarityFilter())
        assert [a["score"] for a in answers[0]] == pytest.approx([r["score"] for r in alone], rel=1e-12)


async def test_a_lookup_with_similar_still_answers_unknown_ids_and_commitments_without_matches(graph: Graph) -> None:
    await load_samples(graph)
    query = '{ commitment(id: "%s") { id title similar(first: 3) { score } } }'
    assert await gql(graph, query % "XX0000") == {"commitment": None}
    await graph.write("MATCH (:Commitment {id: 'UK9001'})-[s:SIMILAR_TO]->() DELETE s")
    data = await gql(graph, query % "UK9001")
    assert data["commitment"]["id"] == "UK9001" and data["commitment"]["title"]
    assert data["commitment"]["similar"] == []
