"""Every explorer URL over the sample data, on both backends, through HTTP in-process: content, links,
empty states, 404/400 pages, languages, downloads. (The browser scenarios are in test_browser.py.)"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import networkx as nx
import pytest

from api.context import Context
from api.schema import schema
from graph.backend import Graph
from graph.falkordb_backend import FalkorGraph
from tests.helpers import app_over
from tests.helpers import page_client as client_for

BOLG = "beneficial-ownership-leadership-group"


@pytest.fixture(scope="module")
async def client(samples: Graph) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app_over(samples)) as c:
        yield c


def text_of(html: str) -> str:
    """The page's visible words, tags stripped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S)).split())


async def page(client: httpx.AsyncClient, path: str, status: int = 200) -> str:
    response = await client.get(path)
    assert response.status_code == status, (path, response.status_code, text_of(response.text)[:300])
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text
    return response.text


async def test_home_says_what_the_graph_holds_and_where_to_start(client: httpx.AsyncClient) -> None:
    html = await page(client, "/")
    words = text_of(html)
    assert "Commitments: 64" in words and "Members with commitments: 15" in words and "Coalitions: 1" in words
    for href in ('href="/draft"', 'href="/policy-areas"', 'href="/coalitions"', 'action="/search"'):
        assert href in html
    assert 'href="/policy-areas/beneficial-ownership"' in html


async def test_search_pages_facets_and_narrows(client: httpx.AsyncClient) -> None:
    html = await page(client, "/search?q=beneficial+ownership")
    words = text_of(html)
    assert "Commitments 1–12 of 12" in words
    assert 'href="/commitments/UK9001"' in html
    assert 'href="/search?q=beneficial+ownership&amp;member=united-kingdom"' in html  # a facet link narrows
    narrowed = text_of(await page(client, "/search?q=beneficial+ownership&member=united-kingdom"))
    assert "Commitments 1–2 of 2" in narrowed
    assert "Remove filter Member: United Kingdom" in narrowed
    opened = text_of(await page(client, "/search?q=beneficial+ownership&opened=1"))
    assert "Commitments 1–4 of 4" in opened
    first = await page(client, "/search")
    assert "Commitments 1–20 of 64" in text_of(first)
    cursor = re.search(r'href="(/search\?[^"]*after=[^"]+)"', first)
    assert cursor is not None, "no next-page link"
    second = text_of(await page(client, cursor.group(1).replace("&amp;", "&")))
    assert "Commitments 21–40 of 64" in second


async def test_search_says_so_when_nothing_matches(client: httpx.AsyncClient) -> None:
    words = text_of(await page(client, "/search?q=beneficial&region=europe&year=2011"))
    assert "No commitment matches these filters." in words
    assert "Search again without filters" in words
    bad = text_of(await page(client, "/search?year=twenty", status=400))
    assert "“twenty” is not a year." in bad


async def test_commitment_shows_ratings_organisations_similar_lineage_and_source(client: httpx.AsyncClient) -> None:
    html = await page(client, "/commitments/KE9001")
    words = text_of(html)
    assert "Similar commitments elsewhere" in words and "Same meaning" in words and "Shared policy areas" in words
    assert "Words in common:" in words  # what a match shares, in words
    assert 'href="/members/kenya"' in html
    assert 'class="lineage"' in html and 'href="/commitments/KE9002"' in html
    assert "File commitments.csv, row" in words
    uk = await page(client, "/commitments/UK9002")
    assert "Department for Business, Energy and Industrial Strategy" in text_of(uk)
    assert 'href="/organizations/open-ownership"' in uk
    assert "Completion at end of term Complete" in text_of(uk)
    similar = re.findall(
        r'<h3><a href="/commitments/(\w+)">', uk.split('id="similar-heading"')[1].split("</section>")[0]
    )
    assert len(similar) == 10 and "UK9002" not in similar and not any(s.startswith("UK") for s in similar)
    starred = await page(client, "/commitments/UK9002?outcome=starred")
    assert 'aria-current="true">starred' in starred


async def test_draft_finds_similar_commitments_and_is_shareable(client: httpx.AsyncClient) -> None:
    empty = await page(client, "/draft")
    assert '<textarea id="text" name="text"' in empty and "Most similar commitments" not in empty
    html = await page(client, "/draft?text=public+register+of+the+beneficial+owners+of+companies")
    assert "Most similar commitments" in text_of(html)
    assert html.count('class="reasons"') == 10
    assert "public register of the beneficial owners of companies</textarea>" in html
    complete = await page(client, "/draft?text=beneficial+owners+register&outcome=complete")
    assert "Limited" not in text_of(complete.split('id="matches-heading"')[1])
    problem = await page(client, "/draft?text=", status=400)
    assert "Paste a draft first" in text_of(problem)


async def test_member_page_charts_plans_areas_peers_and_coalitions(client: httpx.AsyncClient) -> None:
    html = await page(client, "/members/united-kingdom")
    words = text_of(html)
    assert "Action plans over time" in words and "Plan 2 2013–2015" in words
    assert "Commitments by policy area and IRM outcome" in words
    assert 'class="stack" role="img" aria-label="Complete: 2, Substantial: 1"' in html  # anti-corruption: 3
    assert 'href="/coalitions/' + BOLG + '"' in html
    assert "Peers with similar portfolios" in words and 'href="/members/nigeria"' in html
    moved = await client.get("/members/GBR", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/members/united-kingdom"


async def test_policy_area_ranks_members_and_counts_years(client: httpx.AsyncClient) -> None:
    html = await page(client, "/policy-areas/beneficial-ownership")
    words = text_of(html)
    assert "Who to learn from" in words and 'href="/members/united-kingdom"' in html
    assert '<svg class="columns"' in html and "Commitments by year" in words
    parent = text_of(await page(client, "/policy-areas/anti-corruption-and-integrity"))
    assert "Sub-areas" in parent and "Beneficial Ownership" in parent
    listing = await page(client, "/policy-areas")
    assert 'href="/policy-areas/open-contracting"' in listing


async def test_coalition_gaps_network_and_downloads(client: httpx.AsyncClient, samples: Graph) -> None:
    html = await page(client, "/coalitions/" + BOLG)
    words = text_of(html)
    assert "Recruitment targets" in words and 'href="/members/indonesia"' in html
    assert "Participants without commitments yet" in words and 'href="/members/armenia"' in html
    assert "Organisations active across members" in words and 'href="/organizations/open-ownership"' in html
    assert '<script type="application/json" id="network-data">' in html
    graphml = await client.get(f"/coalitions/{BOLG}/network.graphml")
    assert graphml.status_code == 200 and "attachment" in graphml.headers["content-disposition"]
    drawn = nx.parse_graphml(graphml.text)
    result = await schema.execute(
        "query($id: ID!) { coalitionNetwork(id: $id) { nodes { id } edges { source } } }",
        variable_values={"id": BOLG},
        context_value=Context(graph=samples),
    )
    assert result.data is not None
    assert set(drawn.nodes) == {n["id"] for n in result.data["coalitionNetwork"]["nodes"]}
    nodes = await client.get(f"/coalitions/{BOLG}/network-nodes.csv")
    assert nodes.text.splitlines()[0] == "Id,Label,Kind,Participant"
    assert (await client.get(f"/coalitions/{BOLG}/network.exe")).status_code == 404
    assert (await client.get("/coalitions")).status_code == 200


async def test_organization_reach_and_connections(client: httpx.AsyncClient) -> None:
    html = await page(client, "/organizations/open-ownership")
    words = text_of(html)
    assert "Members it worked with" in words and 'href="/members/united-kingdom"' in html
    assert "Commitments it leads or supports" in words
    paths = await page(client, "/connections?from=Kenya&to=Indonesia")
    assert "Shortest connections" in text_of(paths)
    assert 'href="/members/kenya"' in paths and 'href="/members/indonesia"' in paths
    by_ref = await page(client, "/connections?from=member:kenya&to=organization:open-ownership")
    assert 'href="/organizations/open-ownership"' in by_ref
    choose = text_of(await page(client, "/connections?from=Open&to=Kenya"))
    assert "Which one did you mean for “From”?" in choose
    unknown = text_of(await page(client, "/connections?from=Atlantis&to=Kenya", status=400))
    assert "Nothing is called “Atlantis”" in unknown


async def test_unknown_ids_and_paths_get_a_404_page_with_a_way_back(client: httpx.AsyncClient) -> None:
    for path in (
        "/commitments/XX0000",
        "/members/atlantis",
        "/policy-areas/nope",
        "/coalitions/nope",
        "/organizations/nope",
        "/no/such/page",
    ):
        html = await page(client, path, status=404)
        assert "Not found" in text_of(html) and 'href="/"' in html
    assert "There is no commitment with the id “XX0000”" in text_of(await page(client, "/commitments/XX0000", 404))
    api = await client.get("/no/such/page", headers={"accept": "application/json"})
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


async def test_language_from_query_cookie_and_accept_language(samples: Graph) -> None:
    async with client_for(app_over(samples)) as fresh:  # its own cookie jar: the choice is remembered
        spanish = await fresh.get("/?lang=es")
        assert '<html lang="es">' in spanish.text and "Buscar compromisos" in spanish.text
        assert spanish.cookies.get("lang") == "es"
        kept = await fresh.get("/search?q=zzqx")
        assert '<html lang="es">' in kept.text and "Ningún compromiso" in text_of(kept.text)
    async with client_for(app_over(samples)) as other:
        french = await other.get("/", headers={"accept-language": "fr-CH, fr;q=0.9, en;q=0.8"})
        assert '<html lang="fr">' in french.text and french.headers["content-language"] == "fr"
        assert "Rechercher des engagements" in french.text
        commitment = text_of((await other.get("/commitments/UK9002?lang=fr")).text)
        assert "Mise en œuvre en fin de période Achevé" in commitment  # rating words translated
        assert "Beneficial ownership data for overseas entities owning property" in commitment  # data as published
        switch = re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang', (await other.get("/search?q=x&lang=en")).text)
        assert ("/search?q=x&amp;lang=fr", "fr") in switch


async def test_pages_are_gzipped_and_assets_cached(client: httpx.AsyncClient) -> None:
    response = await client.get("/search", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "<style>:root" in response.text  # the stylesheet is inlined: no request before the first paint
    coalition = (await client.get("/coalitions/" + BOLG)).text
    script = re.search(r'src="(/assets/[0-9a-f]+/network\.js)"', coalition)
    assert script is not None
    js = await client.get(script.group(1), headers={"accept-encoding": "gzip"})
    assert js.status_code == 200 and "immutable" in js.headers["cache-control"]
    assert js.headers["content-encoding"] == "gzip" and b"cytoscape" in js.content  # httpx decodes the body
    raw = await client.get(script.group(1), headers={"accept-encoding": "identity"})
    assert raw.headers.get("content-encoding") is None and raw.content == js.content
    assert (await client.get("/assets/0123456789ab/network.js")).status_code == 404


async def test_a_failing_database_gives_an_error_page_not_a_stack_trace(embedded_dir: Path) -> None:
    broken = await FalkorGraph.open(embedded_dir / "broken.db", "broken", 1_000)
    await broken.close()  # every read now fails inside the driver
    async with client_for(app_over(broken)) as c:
        response = await c.get("/commitments/UK9002")
    assert response.status_code == 500
    words = text_of(response.text)
    assert "Something went wrong" in words and "Request id:" in words
    assert "Traceback" not in response.text and "Error" not in words.replace("went wrong", "")
