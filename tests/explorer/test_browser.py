"""The explorer in a real headless Chromium (Debian's, driven by Playwright) over the sample data, both backends.

Scenarios a reformer or a coalition officer goes through: search, open a result, read the similar list with
its reasons, paste a draft, open a coalition and click through its network, follow a link to a member, use
the keyboard, read it on a phone, switch the language. Each saves a screenshot in var/screenshots/.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from graph.backend import Graph
from tests.helpers import LiveServer, app_over, screenshot_path

pytestmark = pytest.mark.browser
BOLG = "beneficial-ownership-leadership-group"


@pytest.fixture(scope="module")
async def site(samples: Graph) -> AsyncIterator[str]:
    async with LiveServer(app_over(samples)) as server:
        yield server.url


@pytest.fixture
async def page(browser: Any, request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = await context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    await context.close()
    assert not errors, f"JavaScript errors: {errors}"


def shot(request: pytest.FixtureRequest, name: str) -> str:
    backend = request.node.callspec.params.get("samples", "") if hasattr(request.node, "callspec") else ""
    return str(screenshot_path(f"{name}-{backend}" if backend else name))


async def test_search_open_a_result_and_read_the_similar_list(
    page: Any, site: str, request: pytest.FixtureRequest
) -> None:
    await page.goto(site + "/")
    await page.get_by_label("Search commitments").fill("beneficial ownership register")
    await page.get_by_role("button", name="Search").click()
    await page.wait_for_url("**/search?q=beneficial+ownership+register")
    assert await page.locator("ol.results > li").count() > 3
    await page.get_by_role("button", name="Kenya").click()  # a facet narrows the list
    await page.wait_for_url("**member=kenya")
    titles = page.locator("ol.results h3 a")
    assert await titles.count() == 2
    await page.screenshot(path=shot(request, "search-narrowed"), full_page=True)
    await titles.first.click()
    await page.wait_for_url("**/commitments/KE900*")
    similar = page.locator("ol.similar > li")
    assert await similar.count() == 10
    reasons = similar.first.locator("ul.reasons li")
    assert {await r.locator(".name").inner_text() for r in await reasons.all()} >= {
        "Same meaning",
        "Shared words",
        "Shared policy areas",
    }
    widths = [
        await bar.evaluate("e => e.getBoundingClientRect().width") for bar in await similar.first.locator(".fill").all()
    ]
    assert max(widths) > 10
    # Every reason's bar is drawn in a colour of its own: a bar without a style rule is invisible, and the
    # text evidence (meaning, words) would look absent beside the policy-area bar.
    for component in ("meaning", "words", "policy_areas"):
        colour = await similar.first.locator(f".fill.{component}").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), component
    await page.screenshot(path=shot(request, "commitment-similar"), full_page=True)
    await page.get_by_role("link", name="substantially or fully completed").click()
    await page.wait_for_url("**outcome=complete")
    outcomes = await page.locator("ol.similar > li .meta .rating").all_inner_texts()
    assert outcomes and all(
        o in ("Substantial", "Complete") or o.startswith("Opened") or "Starred" in o for o in outcomes
    )


async def test_paste_a_draft(page: Any, site: str, request: pytest.FixtureRequest) -> None:
    await page.goto(site + "/draft")
    draft = "Publish a register of the real owners of companies that win public contracts, as open data."
    await page.get_by_label("Your draft").fill(draft)
    await page.get_by_role("button", name="Find similar commitments").click()
    await page.wait_for_url("**/draft?text=*")
    assert await page.locator("ol.similar > li").count() == 10
    assert await page.get_by_label("Your draft").input_value() == draft  # the shareable link keeps the text
    first = await page.locator("ol.similar > li h3").first.inner_text()
    assert "wnership" in first or "ontract" in first or "egist" in first
    await page.screenshot(path=shot(request, "draft"), full_page=True)


async def test_open_a_coalition_pan_its_network_and_click_a_member(
    page: Any, site: str, request: pytest.FixtureRequest
) -> None:
    await page.goto(site + "/coalitions")
    await page.get_by_role("link", name="Beneficial Ownership Leadership Group").click()
    await page.wait_for_selector("#network[data-ready='true']")
    assert await page.locator("#network canvas").count() > 0
    assert await page.evaluate("ogpNetwork.nodes().length") > 10
    before = await page.evaluate("ogpNetwork.pan()")
    await page.locator("#network").scroll_into_view_if_needed()
    box = await page.locator("#network").bounding_box()
    await page.mouse.move(box["x"] + 30, box["y"] + 30)  # an empty corner: dragging pans
    await page.mouse.down()
    await page.mouse.move(box["x"] + 130, box["y"] + 90, steps=5)
    await page.mouse.up()
    after = await page.evaluate("ogpNetwork.pan()")
    assert after != before
    await page.screenshot(path=shot(request, "coalition-network"), full_page=True)
    position = await page.evaluate(
        "(() => { const n = ogpNetwork.$id('member:kenya'); ogpNetwork.center(n); return n.renderedPosition(); })()"
    )
    box = await page.locator("#network").bounding_box()
    await page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    await page.wait_for_url("**/members/kenya")
    assert await page.locator("h1").inner_text() == "Kenya"


async def test_the_network_works_from_the_keyboard_and_as_a_list(page: Any, site: str) -> None:
    await page.goto(site + "/coalitions/" + BOLG)
    await page.wait_for_selector("#network[data-ready='true']")
    await page.locator("#network").focus()
    await page.keyboard.press("n")
    selected = await page.evaluate("ogpNetwork.$(':selected').data('label')")
    assert selected == "Armenia"  # members in name order
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/members/armenia")
    await page.go_back()
    await page.locator("#network-list summary").click()
    assert await page.locator("#network-list a[href='/members/kenya']").count() == 1


async def test_follow_a_link_to_a_member(page: Any, site: str, request: pytest.FixtureRequest) -> None:
    await page.goto(site + "/commitments/UK9002")
    await page.locator("p.breadcrumbs").get_by_role("link", name="United Kingdom").click()
    await page.wait_for_url("**/members/united-kingdom")
    assert await page.get_by_role("heading", name="Action plans over time").is_visible()
    assert await page.locator("table.bars .stack").count() >= 4
    peer = page.locator("#peers-heading + ol a").first
    name = await peer.inner_text()
    await peer.click()
    assert await page.locator("h1").inner_text() == name
    await page.screenshot(path=shot(request, "member"), full_page=True)


async def test_keyboard_skip_link_and_focus(page: Any, site: str) -> None:
    await page.goto(site + "/search?q=open+data")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Skip to content"
    await page.keyboard.press("Enter")
    assert await page.evaluate("document.activeElement.id") == "main"
    first_result = page.locator("ol.results a").first
    await first_result.focus()
    outline = await first_result.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline != "none"


async def test_readable_on_a_phone(browser: Any, site: str, request: pytest.FixtureRequest) -> None:
    context = await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = await context.new_page()
    try:
        for path, name in (
            ("/search?q=beneficial", "phone-search"),
            ("/members/united-kingdom", "phone-member"),
            ("/commitments/UK9002", "phone-commitment"),
        ):
            await tab.goto(site + path)
            overflow = await tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
            await tab.screenshot(path=shot(request, name), full_page=False)
    finally:
        await context.close()


async def test_switch_language(page: Any, site: str, request: pytest.FixtureRequest) -> None:
    await page.goto(site + "/policy-areas/beneficial-ownership")
    await page.get_by_role("link", name="Español").click()
    await page.wait_for_url("**lang=es")
    assert await page.locator("html").get_attribute("lang") == "es"
    assert await page.get_by_role("heading", name="De quién aprender").is_visible()
    await page.get_by_role("link", name="Miembros", exact=True).click()  # the choice is remembered
    assert await page.get_by_role("heading", name="Miembros", level=1).is_visible()
    await page.screenshot(path=shot(request, "spanish"), full_page=True)


async def test_unknown_id_gets_a_page_with_a_way_back(page: Any, site: str) -> None:
    response = await page.goto(site + "/commitments/XX0000")
    assert response.status == 404
    await page.get_by_role("link", name="Back to the start page").click()
    await page.wait_for_url(site + "/")
