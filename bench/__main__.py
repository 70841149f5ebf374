"""``make bench``: latency of ``similar`` and ``similarToText`` vs ``{ __typename }`` on one server, one run.

Loads the real commitments export into a temporary embedded graph, serves ``api.app`` (the project's
schema) with uvicorn
on a free loopback port, sends N requests of each query with httpx and prints medians and ratios.
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import sys
import tempfile
import time
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


async def _measure(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> float:
    timings = []
    for _ in range(N):
        started = time.perf_counter()
        response = await client.post("/graphql", json={"query": query, "variables": variables})
        timings.append(time.perf_counter() - started)
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise SystemExit(f"bench query failed ({response.status_code}): {body}")
    return statistics.median(timings) * 1000


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
            text = "public register of the beneficial owners of companies"
            for q, v in ((TYPENAME, {}), (similar_query, {"id": "AL0066"}), (SIMILAR_TO_TEXT, {"t": text})):
                await _measure(client, q, v)  # warm-up (and the text index is built here)
            base = await _measure(client, TYPENAME, {})
            sim = await _measure(client, similar_query, {"id": "AL0066"})
            txt = await _measure(client, SIMILAR_TO_TEXT, {"t": text})
        server.should_exit = True
        await task
    finally:
        await graph.close()
    print(
        f"medians over {N} requests: __typename {base:.2f} ms, similar {sim:.2f} ms ({sim / base:.2f}x), "
        f"similarToText {txt:.2f} ms ({txt / base:.2f}x); target: within 2x"
    )
    return 0 if max(sim, txt) <= 2 * base else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV)))
