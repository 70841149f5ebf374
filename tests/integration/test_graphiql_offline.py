"""GraphiQL without internet: the page's scripts and styles come from api/graphiql (npm ci), else from the CDN."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from strawberry.http.ides import get_graphql_ide_html

from api.app import GRAPHIQL_MODULES, GRAPHIQL_STATIC, graphiql_page, load_examples, local_graphiql_assets
from tests.helpers import client_for, tiny_app

HTML = "text/html,application/xhtml+xml,*/*;q=0.8"
ASSET_TAG = re.compile(r"<(?:script|link)\b[^>]*?(?:src|href)=\"(?P<url>[^\"]+)\"[^>]*>", re.DOTALL)
INTEGRITY = re.compile(r"integrity=\"(?P<hash>[^\"]+)\"")
needs_assets = pytest.mark.skipif(
    not GRAPHIQL_MODULES.is_dir(),
    reason="api/graphiql/node_modules is missing: `make install` (needs npm) installs GraphiQL's assets",
)


def asset_tags(page: str) -> dict[str, str]:
    """Each script/stylesheet URL of the page -> its SRI hash ('' when none); data: URLs (the favicon) left out."""
    return {
        m["url"]: (found["hash"] if (found := INTEGRITY.search(m.group(0))) else "")
        for m in ASSET_TAG.finditer(page)
        if not m["url"].startswith("data:")
    }


@needs_assets
async def test_graphiql_assets_are_served_locally() -> None:
    async with client_for(tiny_app()) as client:
        page = await client.get("/graphql", headers={"accept": HTML})
        assert page.status_code == 200
        assert "defaultTabs: OGP_EXAMPLES" in page.text
        assert json.dumps(load_examples()[0]["query"].splitlines()[0])[1:-1] in page.text
        tags = asset_tags(page.text)
        names = {url.rsplit("/", 1)[1] for url in tags}
        assert {
            "react.production.min.js",
            "react-dom.production.min.js",
            "graphiql.min.js",
            "graphiql.min.css",
        } <= names
        remote = [url for url in tags if not url.startswith(GRAPHIQL_STATIC + "/")]
        assert not remote, f"the page still loads these from the network: {remote}"
        for url, sri in tags.items():
            response = await client.get(url)
            assert response.status_code == 200, url
            kind = "text/css" if url.endswith(".css") else "text/javascript"
            assert response.headers["content-type"].startswith(kind), (url, response.headers["content-type"])
            algorithm, digest = sri.split("-", 1)
            actual = base64.b64encode(hashlib.new(algorithm, response.content).digest()).decode()
            assert actual == digest, f"{url} does not match the page's integrity hash, so a browser would refuse it"
        missing = await client.get(GRAPHIQL_STATIC + "/graphiql@3.8.3/package.json")
        assert missing.status_code == 404
        assert "No GraphiQL asset named" in missing.json()["errors"][0]["message"]
    async with client_for(tiny_app(environment="production")) as prod:
        assert (await prod.get(GRAPHIQL_STATIC + "/" + next(iter(tags)).split("/static/", 1)[1])).status_code == 404


def test_without_local_assets_the_page_uses_the_cdn(tmp_path: Path) -> None:
    html = get_graphql_ide_html("graphiql")
    assert local_graphiql_assets(html, root=tmp_path) == {}
    page = graphiql_page(load_examples(), {})
    urls = list(asset_tags(page))
    assert urls and all(url.startswith("https://unpkg.com/") for url in urls)
    assert "defaultTabs: OGP_EXAMPLES" in page


def test_a_different_installed_version_falls_back_to_the_cdn(tmp_path: Path) -> None:
    html = get_graphql_ide_html("graphiql")
    wanted = re.search(r"https://unpkg\.com/react@([\d.]+)/umd/react\.production\.min\.js", html)
    assert wanted is not None, "strawberry's GraphiQL page no longer loads React from unpkg"
    react = tmp_path / "react"
    (react / "umd").mkdir(parents=True)
    (react / "umd" / "react.production.min.js").write_text("/* react */", encoding="utf-8")
    (react / "package.json").write_text(json.dumps({"version": wanted.group(1)}), encoding="utf-8")
    assert local_graphiql_assets(html, root=tmp_path) == {
        wanted.group(0): f"react@{wanted.group(1)}/umd/react.production.min.js"
    }
    (react / "package.json").write_text(json.dumps({"version": "0.0.1"}), encoding="utf-8")
    assert local_graphiql_assets(html, root=tmp_path) == {}
