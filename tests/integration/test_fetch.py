"""``ogp fetch`` against a local HTTP server serving our own fixture (no test reaches the internet)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from graph.backend import open_graph
from graph.config import get_settings
from loaders.fetch import dated_name

DATA = Path(__file__).resolve().parent.parent / "data"
EXPORT = (DATA / "commitments_sample.csv").read_bytes()
runner = CliRunner()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path == "/export.csv":
            self._send(EXPORT)
        elif self.path == "/partial.csv":  # says the whole length, sends half, hangs up
            self.send_response(200)
            self.send_header("Content-Length", str(len(EXPORT)))
            self.end_headers()
            self.wfile.write(EXPORT[: len(EXPORT) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif self.path == "/unknown.csv":
            self._send((DATA / "members_unknown.csv").read_bytes())
        else:
            self.send_error(404, "Not Found")

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join()


@pytest.fixture
def fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: str) -> Iterator[Path]:
    """A fresh embedded graph, a fetch folder, and the export URL pointing at the local server."""
    monkeypatch.setenv("OGP_GRAPH_URL", f"falkordb-lite://{tmp_path}/g/g.db")
    monkeypatch.setenv("OGP_FETCH_DIR", str(tmp_path / "fetched"))
    monkeypatch.setenv("OGP_COMMITMENTS_EXPORT_URL", f"{server}/export.csv")
    get_settings.cache_clear()
    yield tmp_path / "fetched"
    get_settings.cache_clear()


def _commitments() -> list[str]:
    async def read() -> list[str]:
        graph = await open_graph(get_settings())
        async with graph.session():
            return sorted(r["id"] for r in await graph.read("MATCH (c:Commitment) RETURN c.id AS id"))

    return asyncio.run(read())


def test_fetch_downloads_keeps_a_dated_copy_and_loads_it(fetched: Path) -> None:
    result = runner.invoke(app, ["fetch"])
    assert result.exit_code == 0, result.output
    kept = fetched / dated_name()
    assert kept.read_bytes() == EXPORT and list(fetched.iterdir()) == [kept]
    assert f"downloaded {kept}" in result.output and "ogp-commitments" in result.output
    assert _commitments() == ["AL0002", "KENMS0002", "MK0063"]
    again = runner.invoke(app, ["fetch"])  # the same export again: the same day's copy is replaced, nothing changes
    assert again.exit_code == 0, again.output
    assert list(fetched.iterdir()) == [kept]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/partial.csv", f"the download stopped at {len(EXPORT) // 2} of {len(EXPORT)} bytes"),
        ("/unknown.csv", "the download is not a layout ogp load knows"),
        ("/missing.csv", "the server answered HTTP 404"),
    ],
)
def test_a_failed_partial_or_unknown_download_leaves_the_graph_untouched(
    fetched: Path, server: str, path: str, reason: str
) -> None:
    assert runner.invoke(app, ["load", str(DATA / "explorer_sample.csv")]).exit_code == 0
    before = _commitments()
    result = runner.invoke(app, ["fetch", "--url", f"{server}{path}"])
    assert result.exit_code == 1
    assert reason in result.output and "nothing was loaded" in result.output
    assert _commitments() == before
    assert not fetched.exists() or list(fetched.iterdir()) == []


def test_an_unreachable_server_is_a_clear_error(fetched: Path) -> None:
    result = runner.invoke(app, ["fetch", "--url", "http://127.0.0.1:9/export.csv", "--no-load"])
    assert result.exit_code == 1
    assert "the download failed" in result.output and "nothing was loaded" in result.output
