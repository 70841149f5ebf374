"""``make bench``: load time and memory at each scale, latency ratios and throughput, on both backends.

    .venv/bin/python -m bench                                   # 1x and 10x, both backends (~25 min)
    .venv/bin/python -m bench --scales 1,10,100 --backends neo4j
    .venv/bin/python -m bench --scales 1 --rounds 3 --seconds 1 # a quick look

For each backend: a fresh graph per scale (``bench/scale_corpus.py`` writes the synthetic corpus into
``var/scale/``), ``ogp load`` timed with its peak memory, then ``ogp serve`` (production settings) measured
with wrk: every example query and the 50 x 10 nested list as ratios to ``{ __typename }`` in one run
(``bench/latency.py``), and at 1x the throughput of ``--workers`` 1 and 2 at 16 connections. The report
is printed and saved to ``var/bench/``. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from bench import latency, wrk
from bench.load_scale import LoadResult, clear, embedded_url, run_load
from bench.processes import Neo4jServer, free_port, neo4j_server, ogp_env, ogp_serve
from bench.report import Report
from bench.scale_corpus import default_folder, generate
from graph.config import PROJECT_ROOT


def corpus(scale: int) -> Path:
    """The scale's folder, generated when missing (the generator is deterministic)."""
    folder = default_folder(scale)
    if not any(folder.glob("commitments-*.csv")):
        print(f"generating the {scale}x corpus in {folder}", flush=True)
        generate(scale, folder)
    return folder


@contextlib.contextmanager
def backend_url(backend: str, scratch: Path) -> Iterator[tuple[str | None, Neo4jServer | None]]:
    """(None, None) for the embedded backend (a new file per scale), or a started Neo4j."""
    if backend == "falkordb":
        yield None, None
        return
    with neo4j_server() as server:
        yield server.url, server


def empty_app_floor(seconds: float) -> wrk.WrkResult:
    """wrk against an ASGI app that does nothing (uvicorn, the same client settings)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.empty_app:app", "--port", str(port), "--log-level", "warning"],
        cwd=PROJECT_ROOT,
    )
    try:
        time.sleep(2)
        script = wrk.script([{"query": latency.TYPENAME}])
        wrk.run(f"http://127.0.0.1:{port}", script, seconds=1)
        result = wrk.run(f"http://127.0.0.1:{port}", script, seconds=seconds)
        script.unlink()
        return result
    finally:
        process.terminate()
        process.wait()


def throughput(env: dict[str, str], workers: int, seconds: float, inputs: latency.Inputs) -> wrk.WrkResult:
    """Requests per second of commitment detail (rotating ids) at 16 connections on ``ogp serve --workers``."""
    detail = next(q for q in latency.queries(inputs) if q.name.endswith("commitment-detail"))
    script = wrk.script(detail.bodies())
    try:
        with ogp_serve(env, workers=workers) as served:
            wrk.run(served.base, script, connections=16, threads=2, seconds=2)  # warm every worker
            return wrk.run(served.base, script, connections=16, threads=2, seconds=seconds)
    finally:
        script.unlink()


def run_backend(backend: str, args: argparse.Namespace, report: Report, scratch: Path) -> None:
    """Every scale of one backend: load, then latency (and throughput at 1x)."""
    inputs = latency.real_inputs()
    with backend_url(backend, scratch) as (neo4j_url, server):
        for scale in args.scales:
            folder = corpus(scale)
            url = neo4j_url or embedded_url(scratch, scale)
            reused = args.reuse and backend == "falkordb" and Path(url.removeprefix("falkordb-lite://")).exists()
            if not reused:
                if neo4j_url:
                    clear(neo4j_url)
                print(f"[{backend} {scale}x] loading {folder}", flush=True)
                result: LoadResult = run_load(backend, scale, url, folder, server.pid if server else None)
                report.loads.append(result)
                print(f"[{backend} {scale}x] load: {result.seconds:.1f}s, {result.message}", flush=True)
                if not result.ok:
                    continue
            if scale > args.latency_max_scale or args.skip_latency:
                continue
            env = ogp_env(url)
            try:
                with ogp_serve(env, log=scratch / f"serve-{backend}-{scale}x.log") as served:
                    print(f"[{backend} {scale}x] latency: {args.rounds} rounds x {args.seconds}s per query", flush=True)
                    report.latency[(backend, scale)] = latency.measure(
                        served.base, latency.queries(inputs), args.rounds, args.seconds
                    )
                if scale == args.scales[0] and args.workers:
                    for workers in args.workers:
                        print(f"[{backend} {scale}x] throughput with {workers} worker(s)", flush=True)
                        report.throughput[(backend, workers)] = throughput(
                            env, workers, args.throughput_seconds, inputs
                        )
            except RuntimeError as exc:  # a server that does not start is a finding, not the end of the run
                report.failures.append(f"{backend} {scale}x: {exc} (log: {scratch})")
                print(f"[{backend} {scale}x] {exc}", flush=True)


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=_ints, default=[1, 10], help="comma-separated factors (default 1,10)")
    parser.add_argument("--backends", default="falkordb,neo4j", help="falkordb, neo4j or both (comma-separated)")
    parser.add_argument("--rounds", type=int, default=5, help="latency rounds per scale (default 5)")
    parser.add_argument("--seconds", type=float, default=2.0, help="seconds of wrk per query per round (default 2)")
    parser.add_argument("--latency-max-scale", type=int, default=10, help="measure latency up to this scale")
    parser.add_argument("--skip-latency", action="store_true", help="loads only")
    parser.add_argument("--workers", type=_ints, default=[1, 2], help="throughput with these worker counts ('' = none)")
    parser.add_argument("--throughput-seconds", type=float, default=10.0, help="seconds of the throughput run")
    parser.add_argument("--scratch", type=Path, help="folder for graphs and logs (default var/bench/<time>)")
    parser.add_argument("--reuse", action="store_true", help="serve embedded graphs already loaded in --scratch")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run, print and save the report; 1 when a target is missed."""
    args = parse(argv)
    scratch = args.scratch or PROJECT_ROOT / "var" / "bench" / time.strftime("%Y%m%d-%H%M%S")
    scratch.mkdir(parents=True, exist_ok=True)
    report = Report(args)
    report.floor = empty_app_floor(args.seconds)
    for backend in args.backends.split(","):
        run_backend(backend.strip(), args, report, scratch)
    text = report.render()
    (scratch / "report.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"\nsaved to {scratch / 'report.md'}")
    return 0 if report.targets_met() else 1


if __name__ == "__main__":
    raise SystemExit(main())
