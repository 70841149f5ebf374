"""docker-compose.yml stays usable and on the same Neo4j line as the test launcher."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent


def test_compose_runs_the_launchers_neo4j_line_with_a_healthcheck() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    launcher = re.search(
        r"<neo4j.version>(\d+\.\d+)\.\d+</neo4j.version>", (ROOT / "neo4j-launcher/pom.xml").read_text()
    )
    assert launcher, "neo4j-launcher/pom.xml names no neo4j.version"
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == f"neo4j:{launcher.group(1)}-community"
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])


def test_compose_api_is_wired_to_neo4j_and_waits_for_it() -> None:
    api = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["OGP_GRAPH_URL"].startswith("neo4j://")
    assert "/healthz" in " ".join(api["healthcheck"]["test"])
    # the image installs what the app reads at run time
    dockerfile = (ROOT / "Dockerfile").read_text()
    for folder in ("graph", "api", "loaders", "queries", "samples"):
        assert f"COPY {folder} {folder}" in dockerfile
