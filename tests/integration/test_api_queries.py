"""GraphQL over the sample data on both backends: navigation, filters, keyset paging, search, errors, query counts."""

from __future__ import annotations

from api.context import Context
from api.schema import schema
from graph.backend import Graph, count_queries
from graph.config import Settings
from tests.helpers import gql, gql_errors

NESTED = """query($n: Int) { commitments(first: $n) { nodes { id member { name region { name } }
  policyAreas { name parent { name } } organizations { organization { name } } } } }"""
MAX_QUERIES_NESTED = 7  # page + member + region + policy areas + parents + organisations (+1 spare)


async def test_query_count_does_not_grow_with_page_size(samples: Graph) -> None:
    with count_queries() as small:
        data5 = await gql(samples, NESTED, n=5)
    with count_queries() as large:
        data50 = await gql(samples, NESTED, n=50)
    assert len(data5["commitments"]["nodes"]) == 5 and len(data50["commitments"]["nodes"]) == 50
    assert len(small) == len(large) <= MAX_QUERIES_NESTED


async def test_lookup_by_slug_code_and_node_id(samples: Graph) -> None:
    data = await gql(
        samples,
        '{ a: member(id: "united-kingdom") { id code nodeId } b: member(id: "gbr") { id } '
        'c: member(id: "nowhere") { id } }',
    )
    assert data["a"]["code"] == "GBR" and data["b"]["id"] == "united-kingdom" and data["c"] is None
    q = "query($id: ID!) { node(id: $id) { nodeId ... on Member { id } } }"
    node = await gql(samples, q, id=data["a"]["nodeId"])
    assert node["node"]["id"] == "united-kingdom"


async def test_parent_policy_area_filter_includes_children_and_counts_match(samples: Graph) -> None:
    q = """query($f: CommitmentFilter) { commitments(filter: $f, first: 100) { totalCount nodes { id
      policyAreas { id parent { id } } } } }"""
    data = (await gql(samples, q, f={"policyAreas": {"some": ["anti-corruption-and-integrity"]}}))["commitments"]
    assert data["totalCount"] == len(data["nodes"]) > 0
    for node in data["nodes"]:
        ids = {a["id"] for a in node["policyAreas"]} | {a["parent"]["id"] for a in node["policyAreas"] if a["parent"]}
        assert "anti-corruption-and-integrity" in ids
    none = await gql(samples, q, f={"not": {"policyAreas": {"some": ["anti-corruption-and-integrity"]}}})
    everything = await gql(samples, "{ commitments { totalCount } }")
    assert none["commitments"]["totalCount"] + data["totalCount"] == everything["commitments"]["totalCount"]


async def test_combined_filters(samples: Graph) -> None:
    q = """{ commitments(first: 100, filter: {year: {gte: 2016}, leadOrganization: {kind: GOVERNMENT},
      or: [{completion: {in: ["complete"]}}, {didItOpenGovernment: {levelGte: 3}}]}) { totalCount nodes { id year
      irm { completion { value } didItOpenGovernment { value level } }
      organizations { role organization { kind } } } } }"""
    data = (await gql(samples, q))["commitments"]
    assert data["totalCount"] == len(data["nodes"]) > 0
    for c in data["nodes"]:
        assert c["year"] >= 2016
        assert any(o["role"] == "LEAD" and o["organization"]["kind"] == "GOVERNMENT" for o in c["organizations"])
        irm = c["irm"]
        assert (irm["completion"] or {}).get("value") == "complete" or (irm["didItOpenGovernment"] or {})["level"] >= 3


async def test_keyset_pages_cover_everything_once(samples: Graph) -> None:
    q = """query($after: String) { commitments(first: 7, after: $after, orderBy: {field: YEAR, direction: DESC}) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id year } } }"""
    seen: list[str] = []
    years: list[int] = []
    after = None
    while True:
        page = (await gql(samples, q, after=after))["commitments"]
        seen += [n["id"] for n in page["nodes"]]
        years += [n["year"] or 0 for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]
    assert years == sorted(years, reverse=True)


async def test_members_by_commitment_count_in_an_area(samples: Graph) -> None:
    q = """{ members(first: 3, orderBy: {field: COMMITMENT_COUNT, direction: DESC, policyArea: "open-contracting"}) {
      nodes { id commitments(filter: {policyAreas: {some: ["open-contracting"]}}) { totalCount } } } }"""
    counts = [n["commitments"]["totalCount"] for n in (await gql(samples, q))["members"]["nodes"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0


async def test_search_orders_by_relevance_and_filters(samples: Graph) -> None:
    q = '{ commitments(search: "beneficial ownership", first: 5) { totalCount nodes { id title fullText } } }'
    data = (await gql(samples, q))["commitments"]
    assert data["totalCount"] > 0
    top = data["nodes"][0]
    assert "beneficial" in (top["title"] + (top["fullText"] or "")).lower()


async def test_bad_arguments_are_clear_errors(samples: Graph) -> None:
    errors = await gql_errors(samples, "{ commitments(first: 500) { totalCount } }")
    assert errors[0].startswith(f"`first` must be between 0 and {Settings().max_page_size} (got 500)")
    errors = await gql_errors(samples, '{ commitments(after: "garbage!") { totalCount } }')
    assert "`after` 'garbage!' is not a cursor" in errors[0]


async def test_coalitions_organizations_and_navigation(samples: Graph) -> None:
    q = """{ coalitions { id name policyAreas { id } participants(first: 100) { totalCount edges { role
      node { __typename ... on Member { id } } } } }
      organizations(first: 5, filter: {kind: CIVIL_SOCIETY}, orderBy: {field: COMMITMENT_COUNT, direction: DESC}) {
      totalCount nodes { id kind commitments(role: SUPPORT) { totalCount } members { id } } }
      policyAreas { id children { id } } regions { id members { id } } }"""
    data = await gql(samples, q)
    assert data["coalitions"] and all(
        c["participants"]["totalCount"] == len(c["participants"]["edges"]) for c in data["coalitions"]
    )
    assert all(o["kind"] == "CIVIL_SOCIETY" for o in data["organizations"]["nodes"])
    assert any(a["children"] for a in data["policyAreas"])
    assert sum(len(r["members"]) for r in data["regions"]) > 0


NESTED_CONNECTIONS = """query($n: Int) { members(first: $n) { nodes { id commitments(first: 5) { totalCount
  nodes { id } } } } policyAreas { commitments(first: 2) { totalCount nodes { id } } }
  ogpValues { commitments(first: 2) { totalCount } }
  organizations(first: $n) { nodes { commitments(first: 3) { totalCount edges { role asWritten } } } } }"""
# members page + their commitments + areas + their commitments + values + their commitments + organisations page
# + their commitments: one statement per (field, argument set), whatever the number of parents.
MAX_QUERIES_NESTED_CONNECTIONS = 8
MEMBER_COMMITMENTS = """query($n: Int) { members(first: $n) { nodes {
  commitments(first: 5) { totalCount nodes { id } } } } }"""


async def test_nested_connections_cost_one_query_per_field(samples: Graph) -> None:
    with count_queries() as small:
        data5 = await gql(samples, NESTED_CONNECTIONS, n=5)
    with count_queries() as large:
        data50 = await gql(samples, NESTED_CONNECTIONS, n=50)
    assert len(data5["members"]["nodes"]) == 5 and len(data50["members"]["nodes"]) > 5
    assert len(small) == len(large) == MAX_QUERIES_NESTED_CONNECTIONS
    for n in (5, 50):  # the members page + ONE statement for all their commitment pages and totals
        with count_queries() as queries:
            await gql(samples, MEMBER_COMMITMENTS, n=n)
        assert len(queries) == 2, n
    # the batched totals and pages agree with the root list filtered on the same parent
    for member in data50["members"]["nodes"]:
        q = "query($m: String) { commitments(first: 5, filter: {member: {eq: $m}}) { totalCount nodes { id } } }"
        root = (await gql(samples, q, m=member["id"]))["commitments"]
        assert member["commitments"] == root, member["id"]


async def test_nested_commitments_page_by_keyset_per_parent(samples: Graph) -> None:
    q = """query($after: String) { members(first: 3, orderBy: {field: COMMITMENT_COUNT, direction: DESC}) { nodes {
      id commitments(first: 2, after: $after, orderBy: {field: YEAR, direction: DESC}) { totalCount
      pageInfo { hasNextPage endCursor } nodes { id year } } } } }"""
    first = (await gql(samples, q))["members"]["nodes"][0]
    seen, after, page = [], None, first["commitments"]
    while True:
        nodes = [m for m in (await gql(samples, q, after=after))["members"]["nodes"] if m["id"] == first["id"]]
        page = nodes[0]["commitments"]
        seen += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == first["commitments"]["totalCount"] > 2


async def test_coalition_participants_keyset_pages(samples: Graph) -> None:
    q = """query($after: String) { coalitions { id participants(first: 2, after: $after) { totalCount
      pageInfo { hasNextPage endCursor } edges { role node { __typename ... on Member { name }
      ... on Organization { name } } } } } }"""
    everything = await gql(samples, q.replace("first: 2", "first: 100"))
    coalition = max(everything["coalitions"], key=lambda c: c["participants"]["totalCount"])
    names = [e["node"]["name"] for e in coalition["participants"]["edges"]]
    assert names == sorted(names, key=lambda n: n.lower()) and len(names) > 2
    paged, after = [], None
    with count_queries() as queries:
        while True:
            co = next(c for c in (await gql(samples, q, after=after))["coalitions"] if c["id"] == coalition["id"])
            part = co["participants"]
            assert part["totalCount"] == len(names)
            paged += [e["node"]["name"] for e in part["edges"]]
            if not part["pageInfo"]["hasNextPage"]:
                break
            after = part["pageInfo"]["endCursor"]
    assert paged == names
    assert len(queries) == 2 * ((len(names) + 1) // 2)  # per request: the coalition list + one participants query


async def test_organization_commitment_edges_carry_role_and_spelling(samples: Graph) -> None:
    q = """{ organizations(first: 20, orderBy: {field: COMMITMENT_COUNT, direction: DESC}) { nodes { id
      all: commitments(first: 100) { totalCount edges { role asWritten node { id
        organizations { role asWritten organization { id } } } } }
      lead: commitments(role: LEAD, first: 100) { totalCount edges { role } } } } }"""
    orgs = (await gql(samples, q))["organizations"]["nodes"]
    assert any(o["lead"]["totalCount"] for o in orgs)
    for org in orgs:
        assert {e["role"] for e in org["lead"]["edges"]} <= {"LEAD"}
        assert org["all"]["totalCount"] >= org["lead"]["totalCount"]
        for edge in org["all"]["edges"]:
            links = [
                (o["role"], o["asWritten"])
                for o in edge["node"]["organizations"]
                if o["organization"]["id"] == org["id"]
            ]
            assert (edge["role"], edge["asWritten"]) in links and edge["asWritten"]


async def test_irm_ratings_carry_the_scale_meaning(samples: Graph) -> None:
    q = """{ commitments(first: 100, filter: {completion: {assessed: true}}) { nodes { irm {
      completion { value label level maxLevel scale meaning assessed } } } } }"""
    ratings = [n["irm"]["completion"] for n in (await gql(samples, q))["commitments"]["nodes"]]
    assert ratings
    for r in ratings:
        assert r["scale"] == "completion" and r["maxLevel"] == 3 and r["meaning"].startswith("Level of completion")
        assert r["assessed"] and r["label"] and (r["level"] is None or 0 <= r["level"] <= 3)


async def test_clustered_in_review_is_read_filtered_and_shown(samples: Graph) -> None:
    q = """query($f: CommitmentFilter) { commitments(first: 100, filter: $f) { totalCount nodes { year
      irm { clusteredInReview { value level scale assessed missingReason } } } } }"""
    rated = (await gql(samples, q, f={"clusteredInReview": {"assessed": True}}))["commitments"]
    assert rated["totalCount"] == len(rated["nodes"]) > 0
    for node in rated["nodes"]:  # the samples' 2020+ plans were reviewed, none of their commitments clustered
        assert node["year"] >= 2020
        assert node["irm"]["clusteredInReview"] == {
            "value": "no",
            "level": 0,
            "scale": "binary",
            "assessed": True,
            "missingReason": None,
        }
    older = (await gql(samples, q, f={"year": {"lte": 2019}}))["commitments"]["nodes"]
    assert {n["irm"]["clusteredInReview"]["missingReason"] for n in older} == {"no_data"}
    clustered = await gql(samples, q, f={"clusteredInReview": {"levelGte": 1}})
    assert clustered["commitments"]["totalCount"] == 0


async def test_a_plain_boolean_filter_means_equal_to(samples: Graph) -> None:
    q = """query($f: CommitmentFilter) { commitments(first: 100, filter: $f) { totalCount
      nodes { irm { starred } } } }"""
    starred = (await gql(samples, q, f={"starred": True}))["commitments"]
    not_starred = (await gql(samples, q, f={"starred": False}))["commitments"]
    assert starred["totalCount"] > 0 and not_starred["totalCount"] > 0
    assert {n["irm"]["starred"] for n in starred["nodes"]} == {True}
    assert {n["irm"]["starred"] for n in not_starred["nodes"]} == {False}


async def test_the_page_limit_is_the_max_page_size_setting(samples: Graph) -> None:
    async def ask(first: int, similar: int, largest: int) -> tuple[int | None, list[str]]:
        context = Context(graph=samples, settings=Settings(max_page_size=largest))
        q = "query($n: Int, $m: Int!) { commitments(first: $n) { nodes { id similar(first: $m) { score } } } }"
        result = await schema.execute(q, variable_values={"n": first, "m": similar}, context_value=context)
        page = result.data["commitments"] if result.data and result.data["commitments"] else None
        return (len(page["nodes"]) if page else None), [e.message for e in result.errors or ()]

    assert await ask(30, 3, largest=30) == (30, [])
    page, errors = await ask(31, 3, largest=30)
    assert page is None and len(errors) == 1 and errors[0].startswith("`first` must be between 0 and 30 (got 31)")
    assert await ask(150, 3, largest=200) == (64, [])  # above the default of 100: every sample commitment
    _, errors = await ask(2, 5, largest=4)
    assert errors and set(errors) == {"first must be between 1 and 4, got 5"}
