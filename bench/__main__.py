"""``make bench``: latency of ``similar`` and ``similarToText`` vs ``{ __typename }`` on one server, one run.

Loads the real commitments export into a temporary embedded graph, serves ``api.app`` (the project's
schema) with uvicorn on a free loopback port, sends N requests of each query with httpx and prints medians
and ratios. Every ``similar`` request asks about another commitment and every ``similarToText`` request
pastes another draft (written drafts alternate with real titles), so no cache can stand in for the work.
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import strawberry
import uvicorn

from bench.realdata import DEFAULT_CSV, load_real_graph
from graph.falkordb_backend import FalkorGraph

N = 200
TYPENAME = "{ __typename }"
SIMILAR_TO_TEXT = (
    "query($t: String!) { similarToText(text: $t, first: 10) "
    "{ score commitment { id title } reasons { component contribution } } }"
)
SIMILAR = (
    "query($id: ID!) { commitment(id: $id) { id similar(first: 10) "
    "{ score commitment { id title } reasons { component contribution } } } }"
)


# Drafts as a reformer would paste them (our own wording), alternated with real commitment titles.
DRAFTS = [
    "public register of the beneficial owners of companies",
    "Publish all public contracts in the open contracting data standard, from planning to implementation, "
    "and let citizens monitor them",
    "Crear un registro público de beneficiarios finales de las empresas y fideicomisos",
    "Mettre en place une plateforme de participation citoyenne au budget des collectivités",
    "Ampliar o acesso à informação pública nos municípios com um portal de dados abertos",
    "access to justice for women survivors of violence",
    "open parliament: publish votes and draft bills online and hold public consultations on legislation",
    "Water utilities publish tariffs, service quality and investment data",
]


async def _inputs(graph: FalkorGraph) -> tuple[list[str], list[str]]:
    """2N commitments that have stored matches (ids) and their titles: every request asks something new."""
    rows = await graph.read(
        "MATCH (c:Commitment)-[:SIMILAR_TO]->() WITH DISTINCT c RETURN c.id AS id, c.title AS title "
        "ORDER BY id LIMIT $n",
        {"n": 2 * N},
    )
    if not rows:
        raise SystemExit("bench: no commitment has SIMILAR_TO edges: was similarity derived?")
    return [r["id"] for r in rows], [r["title"] for r in rows]


def _schema() -> tuple[strawberry.Schema, str]:
    """The served schema (the project's, where Commitment.similar and Query.similarToText are attached)."""
    from api.schema import schema

    query, commitment = schema.get_type_by_name("Query"), schema.get_type_by_name("Commitment")
    names = {f.name for t in (query, commitment) for f in getattr(t, "fields", [])}
    if not {"similar_to_text", "similar"} <= names:
        raise SystemExit("bench: api.schema has no Commitment.similar / Query.similarToText")
    return schema, SIMILAR


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> float:
    started = time.perf_counter()
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    elapsed = time.perf_counter() - started
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise SystemExit(f"bench query failed ({response.status_code}): {body}")
    return elapsed


async def _measure(
    client: httpx.AsyncClient, queries: dict[str, tuple[str, Sequence[dict[str, Any]]]], start: int = 0
) -> dict[str, float]:
    """Median milliseconds of N requests per query, interleaved (one of each per round, so a slow moment of
    this shared machine hits every query alike); round i uses the (start + i)-th variables of each list."""
    timings: dict[str, list[float]] = {name: [] for name in queries}
    for i in range(start, start + N):
        for name, (query, variables) in queries.items():
            timings[name].append(await _post(client, query, variables[i % len(variables)]))
    return {name: statistics.median(t) * 1000 for name, t in timings.items()}


async def _quiet(graph: FalkorGraph) -> None:
    """Wait until the embedded server has no background save or append-only rewrite running (a large
    load starts one; it would compete for the CPU with the measurement)."""
    for _ in range(600):
        info = await graph._command("INFO", "persistence")
        text = info if isinstance(info, str) else "\n".join(f"{k}:{v}" for k, v in dict(info).items())
        if "aof_rewrite_in_progress:1" not in text and "rdb_bgsave_in_progress:1" not in text:
            return
        await asyncio.sleep(0.1)


async def main(csv_path: Path) -> int:
    """Load, serve, measure, print; non-zero when a ratio is above 2."""
    from api.app import create_app

    folder = Path(tempfile.mkdtemp(prefix="ogp-bench-"))
    graph = await FalkorGraph.open(folder / "bench.db", "bench", 30_000)
    try:
        started = time.perf_counter()
        await load_real_graph(graph, csv_path)
        print(f"loaded {csv_path.name} and derived similarity in {time.perf_counter() - started:.1f}s")
        schema, similar_query = _schema()
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(schema=schema, graph=graph), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
            )
        )
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.05)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            ids, titles = await _inputs(graph)
            queries: dict[str, tuple[str, Sequence[dict[str, Any]]]] = {
                "typename": (TYPENAME, [{}]),
                "similar": (similar_query, [{"id": i} for i in ids]),
                "text": (SIMILAR_TO_TEXT, [{"t": t} for pair in zip(DRAFTS * N, titles, strict=False) for t in pair]),
            }
            await _measure(client, queries)  # warm-up (the text index is built here), on the first N inputs
            await _quiet(graph)
            medians = await _measure(client, queries, start=N)  # inputs not seen in the warm-up
        server.should_exit = True
        await task
    finally:
        await graph.close()
    base, sim, txt = medians["typename"], medians["similar"], medians["text"]
    print(
        f"medians over {N} interleaved rounds: __typename {base:.2f} ms, similar {sim:.2f} ms ({sim / base:.2f}x), "
        f"similarToText {txt:.2f} ms ({txt / base:.2f}x); target: within 2x"
    )
    return 0 if max(sim, txt) <= 2 * base else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV)))
