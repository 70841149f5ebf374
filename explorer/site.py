"""What every view needs: run a page's document and render its template, with the 404 and error pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from explorer.documents import Documents, PageDataError
from explorer.render import Renderer

MAX_TEXT = 5_000  # characters of a search or a pasted draft (a few paragraphs; the API's variable limit is higher)


class NotFound(Exception):
    """The page's subject does not exist (an unknown id): a 404 page that names it and offers a way on."""

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(f"{what} {ident}")
        self.what = what
        self.ident = ident


# Messages of BadInput, in English (the msgids of explorer/locales/*.po; a test checks every catalog has them).
MESSAGES = {
    "too_long": "The text is %(count)s characters long; this page takes at most %(limit)s.",
    "not_a_year": "“%(value)s” is not a year.",
    "empty_draft": "Paste a draft first: a title or a few paragraphs.",
    "unknown_actor": "Nothing is called “%(value)s”: try a member, an organisation or a coalition by name.",
}


class BadInput(Exception):
    """A query-string value the page cannot use: a 400 page saying which and why (in the reader's language)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(MESSAGES[key] % params)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Site:
    """The explorer's documents and renderer, shared by every view."""

    documents: Documents
    renderer: Renderer

    async def data(self, request: Request, document: str, variables: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The data of a stored document for this request."""
        return await self.documents.run(request, document, dict(variables or {}))

    def page(self, request: Request, template: str, data: Mapping[str, Any], status: int = 200) -> Response:
        """Render a page."""
        return self.renderer.page(request, template, data, status)

    def not_found(self, request: Request, what: str = "", ident: str = "") -> Response:
        """The 404 page (unknown id or path), with a search for what was asked and a way home."""
        return self.page(request, "not_found.html", {"what": what, "ident": ident}, status=404)

    def message(self, request: Request, error: BadInput) -> str:
        """A BadInput's message in the reader's language."""
        return self.renderer.translate(request, MESSAGES[error.key]) % error.params

    def failed(self, request: Request, error: Exception) -> Response:
        """The error page: a reader's mistake (400, with the reason) or our failure (500, with a request id)."""
        if isinstance(error, NotFound):
            return self.not_found(request, error.what, error.ident)
        if isinstance(error, BadInput):
            return self.page(request, "error.html", {"message": self.message(request, error), "status": 400}, 400)
        if isinstance(error, PageDataError) and error.public:
            return self.page(request, "error.html", {"message": error.message, "status": 400}, status=400)
        return self.page(request, "error.html", {"message": None, "status": 500}, status=500)


def one(values: Mapping[str, list[str]], key: str) -> str:
    """The first value of a query parameter, stripped ('' when absent)."""
    found = values.get(key) or [""]
    return found[0].strip()


def text_param(values: Mapping[str, list[str]], key: str) -> str:
    """A free-text parameter, refused past ``MAX_TEXT`` characters."""
    text = one(values, key)
    if len(text) > MAX_TEXT:
        raise BadInput("too_long", count=len(text), limit=MAX_TEXT)
    return text
