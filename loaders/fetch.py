"""``ogp fetch``: download OGP's current public commitments export, keep a dated copy, hand it to the loader.

The download goes to a ``.part`` file beside the copies; only a complete download (as long as the server
said, ended cleanly) whose header is a layout the loader knows becomes the dated copy
(``commitments-YYYY-MM-DD.csv``, replacing one of the same day). Anything else raises ``FetchError``
and removes the ``.part`` file, and nothing is loaded: the graph is only touched by the normal, atomic
``ogp load`` of the kept copy. The URL is the ``OGP_COMMITMENTS_EXPORT_URL`` setting.
"""

from __future__ import annotations

import http.client
import logging
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from graph.errors import LoadError
from loaders.registry import UnrecognisedFile, recognise

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
USER_AGENT = "ogp-graph (ogp fetch)"


class FetchError(LoadError):
    """The export could not be downloaded whole, or is not a layout we know; nothing was loaded."""


def dated_name(now: datetime | None = None) -> str:
    """The name of today's copy (``commitments-2025-01-31.csv``)."""
    return f"commitments-{(now or datetime.now(UTC)).date().isoformat()}.csv"


def download(url: str, folder: Path, *, timeout_s: float, progress: bool = False) -> Path:
    """Download ``url`` into ``folder`` as today's dated copy; returns its path.

    Raises ``FetchError`` (saying why) for an unreachable server, an HTTP error, a download that stopped
    short, or a file whose header matches no layout the loader knows.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / dated_name()
    part = target.with_name(target.name + ".part")
    try:
        _save(url, part, timeout_s=timeout_s, progress=progress)
        source = recognise(part)
    except UnrecognisedFile as exc:
        part.unlink(missing_ok=True)
        raise FetchError(f"{url}: the download is not a layout ogp load knows; nothing was loaded ({exc})") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    part.replace(target)
    logger.info("fetched %s (%s) into %s", url, source.NAME, target)
    return target


def _save(url: str, part: Path, *, timeout_s: float, progress: bool) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response, part.open("wb") as out:
            length = response.headers.get("Content-Length")
            expected = int(length) if length and length.isdigit() else None
            received = 0
            with tqdm(total=expected, unit="B", unit_scale=True, desc="ogp fetch", disable=not progress) as bar:
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    received += len(chunk)
                    bar.update(len(chunk))
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}; nothing was loaded") from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise FetchError(f"{url}: the download failed ({type(exc).__name__}: {reason}); nothing was loaded") from exc
    if expected is not None and received != expected:
        raise FetchError(f"{url}: the download stopped at {received} of {expected} bytes; nothing was loaded")
    if received == 0:
        raise FetchError(f"{url}: the server sent an empty file; nothing was loaded")
