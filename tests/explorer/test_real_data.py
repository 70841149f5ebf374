"""Every explorer URL on the REAL shared OGP data (loaded once per backend), with the content a reader expects,
and each view in the browser (screenshots in var/screenshots/real-*.png). Skips when the files are absent."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from graph.backend import Graph
from tests.helpers import LiveServer, app_over, screenshot_path
from tests.helpers import page_client as client_for

pytestmark = pytest.mark.realdata
BOLG = "beneficial-ownership-leadership-group"
# Each view with a real id, and words its page must show (from the real files, checked by hand).
VIEWS = {
    "home": ("/", ["Commitments: 558", "Members with commitments: 75", "Paste a draft", "Browse policy areas"]),
    "search": ("/search?q=beneficial+ownership", ["Beneficial Ownership Register", "Albania", "Policy area", "Region"]),
    "search-filtered": ("/search?q=open+contracting&region=europe", ["Remove filter Region: Europe"]),
    "commitment": (
        "/commitments/AL0066",
        [
            "Beneficial Ownership Register",
            "Similar commitments elsewhere",
            "Shared policy areas",
            "Across action plans",
            "Where this comes from",
            "Read the whole text",
        ],
    ),
    "draft": ("/draft?text=A+public+register+of+the+beneficial+owners+of+companies", ["Most similar commitments"]),
    "member": (
        "/members/albania",
        [
            "Albania",
            "Plan 6 2023–2025",
            "Commitments by policy area and IRM outcome",
            "Peers with similar portfolios",
            "OPEN GOVERNANCE FOR “BETTER REGULATION”",
        ],
    ),
    "members": ("/members", ["Albania", "Europe", "Africa and the Middle East"]),
    "policy-areas": ("/policy-areas", ["Anti-Corruption and Integrity", "Beneficial Ownership"]),
    "policy-area": ("/policy-areas/beneficial-ownership", ["Who to learn from", "Commitments by year", "Sub-areas"]),
    "coalitions": ("/coalitions", ["Beneficial Ownership Leadership Group"]),
    "coalition": (
        f"/coalitions/{BOLG}",
        [
            "Recruitment targets",
            "Participants without commitments yet",
            "Organisations active across members",
            "Participant network",
        ],
    ),
    "organization": (
        "/organizations/ukr-ministry-of-justice",
        ["Ministry of Justice", "Members it worked with", "Ukraine", "Commitments it leads or supports"],
    ),
    "connections": ("/connections?from=Kenya&to=Indonesia", ["Shortest connections", "Kenya", "Indonesia"]),
}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S)).split())


@pytest.fixture(scope="module")
async def client(real: Graph) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app_over(real)) as c:
        yield c


@pytest.mark.parametrize("view", VIEWS)
async def test_every_view_renders_the_real_data(client: httpx.AsyncClient, view: str) -> None:
    path, expected = VIEWS[view]
    response = await client.get(path)
    assert response.status_code == 200, (path, text_of(response.text)[:300])
    words = text_of(response.text).replace("&#34;", '"')
    missing = [w for w in expected if w not in words]
    assert not missing, f"{path} lacks {missing}"


async def test_real_similar_lists_and_links_lead_somewhere(client: httpx.AsyncClient) -> None:
    html = (await client.get("/commitments/AL0066")).text
    similar = html.split('id="similar-heading"')[1].split("</section>")[0]
    ids = re.findall(r'<h3><a href="/commitments/(\w+)">', similar)
    assert len(ids) == 10 and not any(i.startswith("AL") for i in ids)
    for link in sorted(set(re.findall(r'href="(/(?:members|organizations|policy-areas|commitments)/[^"?#]+)"', html))):
        assert (await client.get(link)).status_code == 200, link
    network = (await client.get(f"/coalitions/{BOLG}")).text
    assert network.count('"kind":"member"') >= 10
    graphml = await client.get(f"/coalitions/{BOLG}/network.graphml")
    assert graphml.status_code == 200 and "<graphml" in graphml.text


async def test_every_view_in_the_browser(real: Graph, browser: Any, request: pytest.FixtureRequest) -> None:
    backend = request.node.callspec.params["real"]
    async with LiveServer(app_over(real)) as server:
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            for view, (path, _expected) in VIEWS.items():
                response = await page.goto(server.url + path)
                assert response is not None and response.status == 200, path
                assert await page.locator("h1").count() == 1, path
                if view == "coalition":
                    await page.wait_for_selector("#network[data-ready='true']")
                await page.screenshot(path=str(screenshot_path(f"real-{view}-{backend}")), full_page=True)
        finally:
            await context.close()
    assert not errors, errors
