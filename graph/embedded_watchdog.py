"""Stops an embedded redis-server whose owner died without stopping it (``kill -9``, a crash, an OOM kill).

The process that starts the embedded server starts this watchdog beside it (a small detached process):
``python -m graph.embedded_watchdog OWNER_PID OWNER_STARTED SERVER_PID SOCKET REGISTRY``. While the owner
lives it only watches. Once the owner is gone it waits until no other process is connected (an ``ogp
load`` attached through the registry may still be writing), then shuts the server down (the append-only
file is flushed) and removes the registry that names it. It exits as soon as the server is gone, so a
clean close by the owner leaves nothing behind either.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import psutil
import redis

POLL_SECONDS = 0.5


def alive(pid: int, started: float | None = None) -> bool:
    """Whether ``pid`` runs (and, given its start time, is still the same process, not a reused pid)."""
    try:
        process = psutil.Process(pid)
        return process.status() != psutil.STATUS_ZOMBIE and (started is None or process.create_time() == started)
    except psutil.Error:
        return False


def others_connected(client: redis.Redis) -> int:
    """How many clients other than this one are connected to the server."""
    own = client.client_id()
    return sum(1 for entry in client.client_list() if int(entry["id"]) != own)


def remove_registry(registry: Path, socket: str) -> None:
    """Delete the registry if it still names this server (a new server may have replaced it)."""
    try:
        if json.loads(registry.read_text()).get("unixsocket") == socket:
            registry.unlink()
    except (OSError, ValueError):
        pass


def watch(owner: int, owner_started: float, server: int, socket: str, registry: Path) -> None:
    """Watch until the server is gone; stop it when its owner died and nobody else uses it."""
    while alive(server):
        if not alive(owner, owner_started):
            try:
                client = redis.Redis(unix_socket_path=socket, socket_timeout=5)
                if others_connected(client) == 0:
                    remove_registry(registry, socket)  # first, so that no newcomer attaches to a stopping server
                    client.shutdown()  # returns once the server has saved and closed the socket
            except redis.ConnectionError:
                pass  # the server is stopping (or gone): the loop ends when its process does
            except redis.RedisError:
                pass  # busy (loading, a long command): try again next round
        time.sleep(POLL_SECONDS)
    remove_registry(registry, socket)


def main() -> None:
    owner, owner_started, server, socket, registry = sys.argv[1:6]
    watch(int(owner), float(owner_started), int(server), socket, Path(registry))


if __name__ == "__main__":
    main()
