"""What tests share besides fixtures (those are in ``conftest.py``): paths, GraphQL calls, a tiny app, a tiny world.

Tests import helpers from here only: never from another test module or from ``conftest.py``.
"""

from __future__ import annotations

import asyncio
import os
import select
import shutil
import socket
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
import uvicorn
from fastapi import FastAPI, Request

from api.app import create_app
from api.context import Context
from api.schema import schema
from graph.backend import Graph
from graph.config import PROJECT_ROOT, Settings
from graph.model import (
    ADDRESSES,
    HAS_ACTION_PLAN,
    INCLUDES,
    LEADS,
    SUPPORTS,
    ActionPlan,
    Commitment,
    Leads,
    Member,
    Organization,
    PolicyArea,
    Supports,
)
from loaders._source import Batch, write_batch
from loaders._write import Provenance, Rel
from loaders.organizations import OrganizationResolver
from loaders.run import run_load

# The backends every graph test runs on; OGP_SKIP_NEO4J=1 (the fast inner loop, `make check`) leaves Neo4j out.
BACKENDS = ["falkordb"] if os.environ.get("OGP_SKIP_NEO4J") else ["falkordb", "neo4j"]
DATA = PROJECT_ROOT / "tests" / "data"  # tiny hand-written source files
SAMPLES = PROJECT_ROOT / "samples"  # the project's own sample data (what `make run` loads)
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data" / "ogp"  # the real OGP files, beside the checkout
REAL_COMMITMENTS = "commitments_open_parliament_g0v.csv"
NOW = "2024-01-01T00:00:00Z"
NEO4J_LAUNCHER = PROJECT_ROOT / "neo4j-launcher" / "run.sh"
GQL = "application/graphql-response+json"


class Neo4jServer:
    """A Neo4j reachable for the test run (started here, or given by NEO4J_URI)."""

    def __init__(self) -> None:
        self.url: str | None = os.environ.get("NEO4J_URI")
        self.reason = ""
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        if self.url or self.reason:
            return
        if os.environ.get("OGP_SKIP_NEO4J"):
            self.reason = "OGP_SKIP_NEO4J is set"
            return
        missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
        if missing:
            self.reason = f"no Neo4j: NEO4J_URI is unset and {' and '.join(missing)} not found to start one"
            return
        self._process = subprocess.Popen(
            [str(NEO4J_LAUNCHER), "--port", "0", "--wait-stdin"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,
            text=True,
        )
        assert self._process.stdout is not None
        for line in self._process.stdout:
            if line.startswith("NEO4J_READY "):
                self.url = line.split()[1]
                return
        self.reason = f"the Neo4j launcher exited ({self._process.wait()}) without printing NEO4J_READY"

    def stop(self) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                self._process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._process.kill()


def real_file(name: str) -> Path:
    """A file of the real OGP data in ../shared/data/ogp, or skip the test with the reason."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"real OGP data not found at {path} (the shared data folder sits beside the repo)")
    return path


def exited(pid: int, within: float) -> bool:
    """Wait for a process (not necessarily a child) to exit: a pidfd becomes readable when it does, so this
    waits for that event; ``within`` only bounds a hang. True when it exited (or was already gone)."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([handle], [], [], within)
        return bool(readable)
    finally:
        os.close(handle)


# GraphQL on the project's schema, without HTTP.


def resolve_cells(cells: list[tuple[str, str]], code: str = "") -> tuple[OrganizationResolver, list[list[str]]]:
    """Organisation ids of institution cells: observe every (member, cell) first, then read each cell (as a load)."""
    resolver = OrganizationResolver()
    for member, text in cells:
        resolver.observe(text, member_id=member, member_code=code or member[:3].upper())
    ids = [
        [
            m.organization.id
            for m in resolver.mentions(text, member_id=m, member_code=code or m[:3].upper(), role="lead")
        ]
        for m, text in cells
    ]
    return resolver, ids


async def load_samples(graph: Graph) -> None:
    """Load ``samples/`` (members, commitments, coalitions) with the real loader runner."""
    await run_load(graph, [SAMPLES])


async def gql(graph: Graph, query: str, settings: Settings | None = None, **variables: Any) -> dict[str, Any]:
    """Execute ``query``; fail with the GraphQL errors if there are any."""
    context = Context(graph=graph, settings=settings or Settings())
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, [str(e) for e in result.errors]
    assert result.data is not None
    return result.data


async def gql_errors(graph: Graph, query: str, settings: Settings | None = None, **variables: Any) -> list[str]:
    """Execute ``query`` expecting errors; return their messages."""
    context = Context(graph=graph, settings=settings or Settings())
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors, "expected GraphQL errors"
    return [e.message for e in result.errors]


# The real app over a throwaway schema: the HTTP layer does not depend on the real schema's fields.


RESOLVED: Counter[str] = Counter()  # the tiny schema's resolver calls, by field: refused requests add none


@strawberry.type
class Item:
    """A list item for page-size and cost tests."""

    id: int

    @strawberry.field
    def children(self, first: int = 10) -> list[Item]:
        RESOLVED["children"] += 1
        return [Item(id=i) for i in range(first)]


@strawberry.type
class TinyQuery:
    """A throwaway schema's root: greetings, the graph's node count, a list and a failing field."""

    @strawberry.field
    def hello(self, name: str = "world") -> str:
        RESOLVED["hello"] += 1
        return f"hello {name}"

    @strawberry.field
    async def node_count(self, info: strawberry.Info) -> int:
        rows = await info.context["graph"].read("MATCH (n) RETURN count(n) AS n")
        return int(rows[0]["n"])

    @strawberry.field
    def items(self, first: int = 10) -> list[Item]:
        RESOLVED["items"] += 1
        return [Item(id=i) for i in range(first)]

    @strawberry.field
    def boom(self) -> str | None:
        raise RuntimeError("secret detail: password=hunter2")


@strawberry.type
class TinyMutation:
    """A mutation, to check that GET refuses it."""

    @strawberry.mutation
    def ping(self) -> bool:
        return True


TINY_SCHEMA = strawberry.Schema(TinyQuery, TinyMutation)


def tiny_app(graph: Graph | None = None, **settings: Any) -> FastAPI:
    """The real app over the throwaway schema; the context is a dict holding the graph."""

    def context(request: Request) -> dict[str, Any]:
        return {"graph": request.app.state.graph}

    return create_app(Settings(**settings), schema=TINY_SCHEMA, graph=graph, context_factory=context)


def tiny_factory() -> FastAPI:
    """For `uvicorn --factory` (the audit test): the app over the throwaway schema, opening its own graph."""
    return tiny_app()


def client_for(app: FastAPI) -> httpx.AsyncClient:
    """An httpx client calling the app in-process (same event loop, so count_queries() sees its queries)."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://test")


# A tiny real-shaped world for the coalition analysis: 4 members, 3 areas, 5 commitments, 3 organisations.

WORLD_MEMBERS = [
    Member(id="albania", name="Albania", code="ALB"),
    Member(id="united-kingdom", name="United Kingdom", code="GBR", former_names=["UK"]),
    Member(id="kenya", name="Kenya", code="KEN"),
    Member(id="armenia", name="Armenia", code="ARM"),
]
WORLD_AREAS = [
    PolicyArea(id="open-contracting", name="Open Contracting"),
    PolicyArea(id="public-procurement", name="Public Procurement"),
    PolicyArea(id="beneficial-ownership", name="Beneficial Ownership"),
]
# (commitment id, member, area, completion_level, outcome_score, lead organisation, supporting organisation)
WORLD_COMMITMENTS = [
    ("AL0066", "albania", "beneficial-ownership", 3, 0.8, "alb-ministry-of-finance", "transparency-international"),
    ("AL0010", "albania", "open-contracting", 2, 0.5, "alb-ministry-of-finance", None),
    ("UK0107", "united-kingdom", "beneficial-ownership", 4, 1.0, "gbr-companies-house", "transparency-international"),
    ("KE0025", "kenya", "open-contracting", 1, 0.2, None, "transparency-international"),
    ("KE0030", "kenya", "beneficial-ownership", None, None, None, None),
]
WORLD_ORGANIZATIONS = [
    Organization(id="alb-ministry-of-finance", name="Ministry of Finance", kind="government", member_id="albania"),
    Organization(id="gbr-companies-house", name="Companies House", kind="government", member_id="united-kingdom"),
    Organization(
        id="transparency-international",
        name="Transparency International",
        kind="civil_society",
        aliases=["Transparency International", "TI"],
    ),
]


async def build_world(graph: Graph) -> None:
    """Write the tiny world (members, areas, organisations, plans, commitments and their links)."""
    batch = Batch("world.csv")
    prov = Provenance("world.csv", 2)
    plans = {(m, f"AP_{m[:3].upper()}01") for _, m, *_ in WORLD_COMMITMENTS}
    commitments = [
        Commitment(
            id=cid,
            title=f"Commitment {cid}",
            natural_key=f"{m}|1|{i}",
            member_id=m,
            action_plan_id=f"AP_{m[:3].upper()}01",
            completion_level=level,
            outcome_score=score,
        )
        for i, (cid, m, _, level, score, _, _) in enumerate(WORLD_COMMITMENTS)
    ]
    batch.add_nodes(WORLD_MEMBERS, [prov] * len(WORLD_MEMBERS))
    batch.add_nodes(WORLD_AREAS, [prov] * len(WORLD_AREAS))
    batch.add_nodes(WORLD_ORGANIZATIONS, [prov] * len(WORLD_ORGANIZATIONS))
    batch.add_nodes([ActionPlan(id=p, member_id=m, number=1) for m, p in sorted(plans)], [prov] * len(plans))
    batch.add_nodes(commitments, [prov] * len(commitments))
    batch.add_rels(Member.LABEL, HAS_ACTION_PLAN, ActionPlan.LABEL, [Rel(m, p) for m, p in sorted(plans)])
    batch.add_rels(ActionPlan.LABEL, INCLUDES, Commitment.LABEL, [Rel(c.action_plan_id, c.id) for c in commitments])
    batch.add_rels(Commitment.LABEL, ADDRESSES, PolicyArea.LABEL, [Rel(c[0], c[2]) for c in WORLD_COMMITMENTS])
    leads = [Rel(c[5], c[0], Leads(as_written=c[5])) for c in WORLD_COMMITMENTS if c[5]]
    supports = [Rel(c[6], c[0], Supports(as_written=c[6])) for c in WORLD_COMMITMENTS if c[6]]
    batch.add_rels(Organization.LABEL, LEADS, Commitment.LABEL, leads)
    batch.add_rels(Organization.LABEL, SUPPORTS, Commitment.LABEL, supports)
    await write_batch(graph, batch, NOW)


# The explorer's pages: the real app over an open graph, asked as a browser asks, and served on a port.

SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"  # not committed: look at them after a run
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The real shared files the explorer shows (the 2015 combined database is not a supported layout yet),
# plus the project's Beneficial Ownership Leadership Group coalition file.
EXPLORER_REAL_FILES = (
    "ogp_members_seed.csv",
    "ogp_local_members_partial.csv",
    "ogp_participation_country_year_2011_2019.csv",
    "ogp_participating_countries_status_2016_okfde.csv",
    "irm_process_database_2016_vizzuality.csv",
    "commitments_open_parliament_g0v.csv",
    "openownership_bo_commitments_by_country.csv",
    "openownership_bo_registers.csv",
)


def app_over(graph: Graph) -> FastAPI:
    """The real app (project schema, explorer mounted) over an already-open graph."""
    return create_app(Settings(), graph=graph)


def page_client(app: FastAPI) -> httpx.AsyncClient:
    """An in-process HTTP client that asks for pages as a browser does."""
    headers = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8", "accept-language": "en"}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://test", headers=headers)


class _NotifyingServer(uvicorn.Server):
    """uvicorn's server, telling when it listens (an event to await instead of polling ``started``)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.listening = asyncio.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.listening.set()


class LiveServer:
    """The app served by uvicorn on a free loopback port, in the tests' event loop."""

    def __init__(self, app: FastAPI) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.server = _NotifyingServer(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> LiveServer:
        self.task = asyncio.create_task(self.server.serve(sockets=[self.socket]))
        listening = asyncio.create_task(self.server.listening.wait())
        done, _ = await asyncio.wait({listening, self.task}, return_when=asyncio.FIRST_COMPLETED)
        if self.task in done:  # it stopped before listening: say why
            listening.cancel()
            self.task.result()
            raise AssertionError("uvicorn exited before listening")
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await self.task
        self.socket.close()


def screenshot_path(name: str) -> Path:
    """Where a test saves its screenshot (var/screenshots/<name>.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
