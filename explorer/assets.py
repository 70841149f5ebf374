"""The explorer's browser files: its stylesheet and scripts, and the graph-drawing library pinned from npm.

``explorer/assets/`` holds what this project wrote (CSS, the network script) and ``package.json`` pinning
cytoscape, which ``make install`` installs with ``npm ci`` into ``explorer/assets/node_modules`` (served
from here, never from a CDN, so the explorer works offline). The stylesheet (~2.5 kB gzipped) is inlined
in every page, so a first-time reader's browser paints without waiting for a second request. Scripts are
served under a URL carrying a hash of their content with a one-year immutable cache, gzipped once in memory.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
PREFIX = "/assets"
STYLESHEET = ASSETS_DIR / "explorer.css"  # inlined in every page (no request before the first paint)
# URL name -> file under explorer/assets (the library's minified build from node_modules).
FILES = {
    "network.js": "network.js",
    "cytoscape.min.js": "node_modules/cytoscape/dist/cytoscape.min.js",
}
TYPES = {".js": "text/javascript; charset=utf-8"}


@dataclass(frozen=True)
class Asset:
    """One file's bytes (plain and gzipped), media type and versioned URL."""

    body: bytes
    gzipped: bytes
    media_type: str
    url: str


def load_assets(root: Path = ASSETS_DIR) -> dict[str, Asset]:
    """Every asset that is present (cytoscape is missing until ``make install`` ran npm ci: logged)."""
    found: dict[str, Asset] = {}
    for name, relative in FILES.items():
        path = root / relative
        if not path.is_file():
            logger.warning(
                "explorer asset %s is missing (%s): run `make install` (npm ci in explorer/assets); "
                "the coalition network then shows as a list only",
                name,
                path,
            )
            continue
        body = path.read_bytes()
        digest = hashlib.sha256(body).hexdigest()[:12]
        found[name] = Asset(body, gzip.compress(body, 9, mtime=0), TYPES[path.suffix], f"{PREFIX}/{digest}/{name}")
    return found
