"""Mount the explorer on the API's FastAPI app: its pages, its assets, and an HTML 404 for browsers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from starlette.exceptions import HTTPException
from strawberry import Schema

from api.http import wants_html
from explorer import views_actors, views_discovery
from explorer.assets import PREFIX, load_assets
from explorer.documents import Documents
from explorer.render import Renderer
from explorer.site import Site

IMMUTABLE = "public, max-age=31536000, immutable"


def mount_explorer(app: FastAPI, schema: Schema, context_for: Callable[[Request], Any]) -> Site:
    """Add the explorer's pages (``/``, ``/search``, ``/commitments/{id}``, …) and assets to ``app``."""
    assets = load_assets()
    site = Site(Documents.load(schema, context_for), Renderer(assets))
    app.include_router(views_discovery.routes(site))
    app.include_router(views_actors.routes(site))
    by_url = {asset.url: asset for asset in assets.values()}

    @app.get(PREFIX + "/{digest}/{name}", response_model=None)
    async def asset(request: Request, digest: str, name: str) -> Response:
        found = by_url.get(f"{PREFIX}/{digest}/{name}")
        if found is None:
            return site.not_found(request)
        headers = {"Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(found.gzipped, media_type=found.media_type, headers=headers)
        return Response(found.body, media_type=found.media_type, headers=headers)

    @app.exception_handler(HTTPException)
    async def not_found_page(request: Request, exc: HTTPException) -> Response:
        # A browser that follows a broken link gets a page with a way back; API clients keep FastAPI's JSON.
        if exc.status_code == 404 and wants_html(request.headers.get("accept")):
            return site.not_found(request)
        return await http_exception_handler(request, exc)

    return site
