"""An ASGI app that answers every request with a fixed GraphQL body: the floor of the client + uvicorn.

``make bench`` serves it with uvicorn and measures it with the same wrk client as the real API, so the
report shows how much of a p50 is the client and the HTTP server rather than the project.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

BODY = b'{"data":{"__typename":"Query"}}'


async def app(
    scope: MutableMapping[str, Any],
    receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
    send: Callable[[MutableMapping[str, Any]], Awaitable[None]],
) -> None:
    """Read the whole request, answer 200 with ``BODY``."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = bool(message.get("more_body"))
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": BODY})
