"""Facet counts on the sample data, both backends: readable labels, the member facet, the policy area x
completion cross-tabulation, and one statement per selected facet only."""

from __future__ import annotations

from graph.backend import Graph, count_queries
from tests.helpers import gql

UK = """query($member: String!) {
  facets(filter: {member: {eq: $member}}) {
    member { value label count }
    policyArea { value label count }
    completion { value label count }
    policyAreaByCompletion { policyArea label completion completionLabel count }
  }
}"""


async def test_facets_carry_labels_and_a_consistent_cross_tabulation(samples: Graph) -> None:
    facets = (await gql(samples, UK, member="united-kingdom"))["facets"]
    assert facets["member"] == [{"value": "united-kingdom", "label": "United Kingdom", "count": 5}]
    completion = {row["value"]: row["label"] for row in facets["completion"]}
    assert completion["complete"] == "Complete" and completion["no_data"] == "ND: no data"
    by_area: dict[str, int] = {}
    for row in facets["policyAreaByCompletion"]:
        by_area[row["policyArea"]] = by_area.get(row["policyArea"], 0) + row["count"]
        assert row["completionLabel"] == completion.get(row["completion"], "Not assessed")
    assert by_area == {row["value"]: row["count"] for row in facets["policyArea"]}
    names = {row["value"]: row["label"] for row in facets["policyArea"]}
    assert names["beneficial-ownership"] == "Beneficial Ownership"


async def test_only_the_selected_facets_are_counted(samples: Graph) -> None:
    with count_queries() as statements:
        data = await gql(samples, '{ facets(search: "beneficial") { region { value label count } } }')
    assert len(statements) == 1
    assert {row["label"] for row in data["facets"]["region"]} >= {"Europe", "Africa and the Middle East"}


async def test_narrowing_to_a_policy_area_counts_the_same_as_before(samples: Graph) -> None:
    query = """query($f: CommitmentFilter) { commitments(filter: $f, first: 100) { totalCount nodes { id } }
      facets(filter: $f) { year { value count } } }"""
    narrowed = await gql(samples, query, f={"policyAreas": {"some": ["anti-corruption-and-integrity"]}})
    combined = await gql(
        samples, query, f={"and": [{"policyAreas": {"some": ["anti-corruption-and-integrity"]}}, {"year": {"gte": 0}}]}
    )
    assert narrowed["commitments"]["totalCount"] == 38  # the parent area includes its children
    assert {n["id"] for n in narrowed["commitments"]["nodes"]} == {n["id"] for n in combined["commitments"]["nodes"]}
    assert sum(row["count"] for row in narrowed["facets"]["year"]) == 38
