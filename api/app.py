"""The FastAPI app: one graph per process, GraphQL over HTTP at /graphql, persisted queries, /healthz, the explorer."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from strawberry import Schema
from strawberry.http.ides import get_graphql_ide_html

from api.context import open_discovery
from api.http import GraphQLHandler, HttpError, error_body, negotiate, params_from_get, params_from_post, wants_html
from api.persisted import PersistedQueries, PersistedQueryError
from graph.backend import Graph, open_graph
from graph.config import Settings, get_settings
from queries.derivation_state import owed_since

logger = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
EXAMPLE_VARIABLES = re.compile(r"^# variables:(.*)$", re.MULTILINE)
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
GRAPHIQL_MODULES = Path(__file__).resolve().parent / "graphiql" / "node_modules"
GRAPHIQL_STATIC = "/graphiql/static"
ASSET_NAME = r"(?P<package>(?:@[\w.-]+/)?[\w.-]+)@(?P<version>[\w.-]+)/(?P<file>[\w./-]+)"
CDN_ASSET = re.compile(r"https://unpkg\.com/" + ASSET_NAME)
ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def load_examples(folder: Path = EXAMPLES_DIR) -> list[dict[str, str]]:
    """The example queries (one GraphiQL tab each) from ``api/examples/*.graphql`` in name order.

    A ``# variables: {...}`` comment line in a file gives the tab's variables (JSON).
    """
    examples = []
    for path in sorted(folder.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        found = EXAMPLE_VARIABLES.search(text)
        variables = found.group(1).strip() if found else "{}"
        try:
            json.loads(variables)
        except ValueError as exc:
            raise ValueError(f"{path}: the '# variables:' line is not valid JSON: {exc}") from exc
        examples.append({"query": text, "variables": variables})
    return examples


def local_graphiql_assets(html: str, root: Path = GRAPHIQL_MODULES) -> dict[str, str]:
    """The GraphiQL page's CDN assets that ``npm ci`` installed in ``api/graphiql`` at the page's version.

    Maps each such CDN URL to its local name ``package@version/file`` (served at ``/graphiql/static/<name>``).
    """
    found: dict[str, str] = {}
    for match in CDN_ASSET.finditer(html):
        package, version, file = match.group("package", "version", "file")
        if not (root / package / file).is_file() or Path(file).suffix not in ASSET_TYPES:
            continue
        try:
            installed = json.loads((root / package / "package.json").read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("GraphiQL asset %s: cannot read its installed version (%s); using the CDN", package, exc)
            continue
        if installed != version:
            logger.warning(
                "GraphiQL asset %s: api/graphiql has %s but the page wants %s; using the CDN (update %s)",
                package,
                installed,
                version,
                "api/graphiql/package.json",
            )
            continue
        found[match.group(0)] = f"{package}@{version}/{file}"
    cdn = len(set(CDN_ASSET.findall(html))) - len(found)
    logger.log(
        logging.WARNING if cdn else logging.INFO,
        "GraphiQL: %d assets served locally, %d from the CDN%s",
        len(found),
        cdn,
        " (install npm and run `make install` to serve them all locally)" if cdn else "",
    )
    return found


def graphiql_asset_file(name: str, root: Path = GRAPHIQL_MODULES) -> Path:
    """The installed file behind a local asset name ``package@version/file``."""
    match = re.fullmatch(ASSET_NAME, name)
    if match is None:
        raise ValueError(f"{name!r} is not a GraphiQL asset name (package@version/file)")
    return root / match.group("package") / match.group("file")


def graphiql_page(examples: list[dict[str, str]], assets: Mapping[str, str] | None = None) -> str:
    """Strawberry's GraphiQL page with the example queries preloaded as tabs.

    ``assets`` (from ``local_graphiql_assets``) maps CDN URLs to local names: those load from ``/graphiql/static/``
    (same files, so the page's SRI hashes still check them); the others come from the CDN.
    """
    html = get_graphql_ide_html("graphiql")
    for url, name in (assets or {}).items():
        html = html.replace(f'"{url}"', f'"{GRAPHIQL_STATIC}/{name}"')
    tabs = json.dumps(examples).replace("</", "<\\/")
    patched = (
        html.replace(
            "const fetcher = GraphiQL.createFetcher(",
            f"const OGP_EXAMPLES = {tabs};\n      const fetcher = GraphiQL.createFetcher(",
            1,
        )
        .replace("parameters.q || EXAMPLE_QUERY", "parameters.q || (OGP_EXAMPLES[0] || {}).query || EXAMPLE_QUERY", 1)
        .replace(
            "React.useState(\n          parameters.variables,\n        )",
            "React.useState(\n          parameters.variables || (OGP_EXAMPLES[0] || {}).variables,\n        )",
            1,
        )
        .replace("fetcher: fetcher,", "fetcher: fetcher,\n          defaultTabs: OGP_EXAMPLES,", 1)
        .replace("<title>Strawberry GraphiQL</title>", "<title>OGP reforms graph: GraphiQL</title>", 1)
    )
    if "defaultTabs: OGP_EXAMPLES" not in patched:
        logger.warning("strawberry's GraphiQL page changed: serving it without the example tabs")
    return patched


def _default_context(settings: Settings) -> Callable[[Request], Any]:
    from api.context import Context

    def context(request: Request) -> Any:
        state = request.app.state
        return Context(graph=state.graph, settings=settings, discovery=state.discovery)

    return context


def create_app(
    settings: Settings | None = None,
    *,
    schema: Schema | None = None,
    graph: Graph | None = None,
    context_factory: Callable[[Request], Any] | None = None,
) -> FastAPI:
    """Build the app. Tests may pass a schema, an already-open graph (then the app does not close it) or a context."""
    settings = settings or get_settings()
    if schema is None:
        from api.schema import schema as default_schema

        schema = default_schema
    persisted = PersistedQueries.load()
    handler = GraphQLHandler(schema, settings, persisted, context_factory or _default_context(settings))
    graphiql_on = settings.environment != "production" if settings.graphiql is None else settings.graphiql
    assets = local_graphiql_assets(get_graphql_ide_html("graphiql")) if graphiql_on else {}
    asset_files = {name: graphiql_asset_file(name) for name in assets.values()}
    page = graphiql_page(load_examples(), assets) if graphiql_on else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if graph is not None:
            yield
            return
        app.state.graph = await open_graph(settings)
        app.state.graph.heals = True  # a lost database is brought back while the server keeps answering (503s)
        app.state.discovery = open_discovery(app.state.graph, settings)
        logger.info("graph open (%s); serving GraphQL at /graphql", app.state.graph.kind)
        owed = await owed_since(app.state.graph)
        if owed is not None:
            logger.warning(
                "the derived links (similar commitments) lag behind the interrupted load of %s: "
                "`ogp serve` or `ogp load` completes them",
                owed,
            )
        # In the background: serving starts now (the task is kept so that a shutdown, or a test, can await it).
        app.state.discovery_warming = warm = asyncio.create_task(app.state.discovery.warm())
        try:
            yield
        finally:
            warm.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await warm
            await app.state.graph.close()
            logger.info("graph closed")

    app = FastAPI(
        title="OGP reforms knowledge graph", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.state.graph = graph
    app.state.discovery = open_discovery(graph, settings) if graph is not None else None
    app.state.settings = settings
    app.state.persisted = persisted
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept", "X-Request-ID"],
            expose_headers=["X-Request-ID"],
        )

    @app.middleware("http")
    async def request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.headers.get("x-request-id", "")
        request.state.request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        response = await call_next(request)
        response.headers["X-Request-ID"] = request.state.request_id
        return response

    @app.exception_handler(HttpError)
    async def http_error(request: Request, exc: HttpError) -> Response:
        media = negotiate(request.headers.get("accept")) or "application/json"
        return JSONResponse(
            error_body(exc.message), status_code=exc.status, headers=exc.headers, media_type=f"{media}; charset=utf-8"
        )

    def media_for(request: Request) -> str:
        media = negotiate(request.headers.get("accept"))
        if media is None:
            raise HttpError(
                406,
                "Nothing in the Accept header can be served: accept "
                "application/graphql-response+json or application/json.",
            )
        return media

    @app.get("/graphql", response_model=None)
    async def graphql_get(request: Request) -> Response:
        if page is not None and "query" not in request.query_params and wants_html(request.headers.get("accept")):
            return HTMLResponse(page)
        media = media_for(request)
        return await handler.handle(request, params_from_get(request.query_params), "GET", media)

    @app.post("/graphql", response_model=None)
    async def graphql_post(request: Request) -> Response:
        media = media_for(request)
        params = await params_from_post(request, settings.max_request_bytes)
        return await handler.handle(request, params, "POST", media)

    @app.get("/graphql/persisted", response_model=None)
    @app.get("/graphql/persisted/{name}", response_model=None)
    async def graphql_persisted(request: Request, name: str | None = None) -> Response:
        media = media_for(request)
        name = name or request.query_params.get("id")
        if not name:
            raise HttpError(400, "Name the persisted query: /graphql/persisted/<name> or ?id=<name>.")
        try:
            query = persisted.by_name(name)
        except PersistedQueryError as exc:
            raise HttpError(404, exc.message) from exc
        return await handler.handle(request, params_from_get(request.query_params, query=query), "GET", media)

    if asset_files:

        @app.get(GRAPHIQL_STATIC + "/{name:path}", response_model=None)
        async def graphiql_static(name: str) -> Response:
            path = asset_files.get(name)
            if path is None:
                raise HttpError(404, f"No GraphiQL asset named {name!r}: the page only uses {sorted(asset_files)}.")
            return FileResponse(
                path,
                media_type=ASSET_TYPES[path.suffix],
                headers={"Cache-Control": "public, max-age=31536000, immutable"},
            )

    # The web explorer (explorer/): pages for reformers and coalition staff, reading only through this schema.
    from explorer.app import mount_explorer

    mount_explorer(app, schema, context_factory or _default_context(settings))

    @app.get("/healthz")
    async def healthz(request: Request) -> JSONResponse:
        try:
            owed = await owed_since(request.app.state.graph)
        except Exception as exc:  # any failure means "not healthy"; the reason is logged
            logger.warning("health check failed: %s", exc)
            return JSONResponse({"status": "unavailable", "reason": type(exc).__name__}, status_code=503)
        body = {"status": "ok", "backend": request.app.state.graph.kind}
        if owed is not None:  # serving, but `similar` may lag: an interrupted load left its derivation owed
            body["derivedLinks"] = f"owed since the load of {owed}; `ogp load` or `ogp serve` completes them"
        return JSONResponse(body)

    return app


def __getattr__(name: str) -> Any:
    # `app` is built on first access (`uvicorn api.app:app`), so importing create_app has no side effects.
    if name == "app":
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        globals()["app"] = create_app()
        return globals()["app"]
    raise AttributeError(name)
