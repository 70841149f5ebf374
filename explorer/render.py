"""Pages as HTML responses: one Jinja2 environment per language, links that keep the query string, gzip.

Templates live in ``explorer/templates/`` (``base.html`` is the layout every page extends). A page gets
its data plus ``lang``, ``languages``, ``url`` (a path with query parameters) and ``switch`` (the current
URL in another language), and numbers through the ``num`` filter.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from explorer.assets import STYLESHEET, Asset
from explorer.i18n import COOKIE, DEFAULT, LANGUAGES, choose_language, load_catalogs, number

logger = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
GZIP_FROM = 1_400  # bytes: smaller pages fit one packet anyway
COOKIE_AGE = 365 * 24 * 3600

Params = Mapping[str, Any]


def url(path: str, params: Params | None = None) -> str:
    """``path`` with the non-empty ``params`` as a query string (lists repeat the key)."""
    pairs: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((key, str(v)) for v in values if v not in (None, "", False))
    return path + ("?" + urlencode(pairs) if pairs else "")


def external(link: str | None) -> str | None:
    """A link from the data (a commitment's or member's page) only when it is a web address."""
    return link if link and link.startswith(("https://", "http://")) else None


def query_params(request: Request) -> dict[str, list[str]]:
    """The request's query string as lists of values (``lang`` left out: it is the reader's, not the page's)."""
    found: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        if key != COOKIE:
            found.setdefault(key, []).append(value)
    return found


class Renderer:
    """Renders templates in the reader's language and wraps them as responses."""

    def __init__(self, assets: Mapping[str, Asset], folder: Path = TEMPLATES_DIR) -> None:
        self.assets = assets
        css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.DOTALL)
        stylesheet = Markup(" ".join(css.split()))  # our own file, not input: safe to inline
        self.environments: dict[str, Environment] = {}
        self.translations = load_catalogs()
        for code, translations in self.translations.items():
            env = Environment(
                loader=FileSystemLoader(folder),
                autoescape=select_autoescape(default=True),
                undefined=StrictUndefined,
                extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
                trim_blocks=True,
                lstrip_blocks=True,
            )
            env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
            env.filters["num"] = lambda value, code=code: number(value, code)
            env.filters["external"] = external
            env.globals.update(
                url=url, asset=self.asset_url, languages=LANGUAGES, lang=code, zip=zip, stylesheet=stylesheet
            )
            self.environments[code] = env

    def asset_url(self, name: str) -> str | None:
        """The versioned URL of an asset, or None when it is not installed."""
        asset = self.assets.get(name)
        return asset.url if asset else None

    def language(self, request: Request) -> str:
        """The reader's language for this request."""
        return choose_language(request.query_params, request.cookies, request.headers.get("accept-language"))

    def page(self, request: Request, template: str, data: Mapping[str, Any], status: int = 200) -> Response:
        """The page as HTML (gzipped when the browser accepts it), remembering an explicit ``?lang=``."""
        language = self.language(request)
        params = query_params(request)
        switch = {code: url(request.url.path, {**params, COOKIE: code}) for code in LANGUAGES}
        request_id = getattr(request.state, "request_id", "")
        env = self.environments[language]
        extra = {"switch": switch, "path": request.url.path, "request_id": request_id}
        try:
            html = env.get_template(template).render(**data, **extra)
        except Exception:  # a template bug must not show a stack trace: log it, answer with the error page
            logger.exception("explorer template %s failed (request %s)", template, request_id)
            html = env.get_template("error.html").render(message=None, status=500, **extra)
            status = 500
        body = html.encode("utf-8")
        headers = {"Vary": "Accept-Encoding, Accept-Language, Cookie", "Content-Language": language}
        if len(body) >= GZIP_FROM and "gzip" in request.headers.get("accept-encoding", ""):
            body = gzip.compress(body, 6)
            headers["Content-Encoding"] = "gzip"
        response = HTMLResponse(body, status_code=status, headers=headers)
        chosen = request.query_params.get(COOKIE)
        if chosen in LANGUAGES and request.cookies.get(COOKIE) != chosen:
            response.set_cookie(COOKIE, chosen, max_age=COOKIE_AGE, samesite="lax", httponly=True)
        return response

    def translate(self, request: Request, message: str) -> str:
        """A message of Python code (not a template) in the reader's language."""
        return self.translations[self.language(request)].gettext(message)

    def default_environment(self) -> Environment:
        """The English environment (the tests extract the template strings from it)."""
        return self.environments[DEFAULT]
