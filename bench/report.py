"""The ``make bench`` report: tables of loads, latency ratios and throughput, and the issue's targets checked."""

from __future__ import annotations

import argparse
import os
import platform
from dataclasses import dataclass, field

import psutil

from bench.latency import Series
from bench.load_scale import LoadResult
from bench.wrk import WrkResult

# Embedded backend at 1x: the most a query's p50 may be, as a multiple of { __typename }'s (issue 11).
EMBEDDED_TARGETS = {
    "01-search-commitments": 2.0,
    "02-commitment-detail": 2.0,
    "05-similar-commitments": 2.0,
    "06-draft-similar-to-text": 2.0,
    "08-coalition-gaps": 4.0,
    "09-connections": 4.0,
    "nested-50x10": 12.0,
}
NEO4J_VS_EMBEDDED = 2.0  # a query's Neo4j p50 / its embedded p50
TEN_X_VS_ONE_X = 1.5  # a query's p50 at 10x / at 1x (same backend)
LOAD_GROWTH_100X = 120.0  # load time at 100x / at 1x
P99_OVER_P50 = 3.0  # throughput run


@dataclass
class Report:
    """Everything measured in one ``make bench`` run."""

    args: argparse.Namespace
    floor: WrkResult | None = None
    loads: list[LoadResult] = field(default_factory=list)
    latency: dict[tuple[str, int], dict[str, Series]] = field(default_factory=dict)
    throughput: dict[tuple[str, int], WrkResult] = field(default_factory=dict)
    checks: list[tuple[str, bool]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def render(self) -> str:
        """The whole report as Markdown."""
        self.checks = self._checks()
        lines = [
            "# make bench",
            "",
            f"machine: {platform.node()}, {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
            f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end (shared machine)",
            f"settings: scales {self.args.scales}, {self.args.rounds} rounds x {self.args.seconds}s "
            "of wrk -c1 per query",
        ]
        if self.floor:
            lines.append(
                f"client floor: wrk -c1 against an empty ASGI app on uvicorn: p50 {self.floor.p50:.3f} ms "
                f"({self.floor.rate:.0f} req/s)"
            )
        lines += ["", "## Loads", ""]
        lines.append(
            "| backend | scale | seconds | loader peak MiB | database peak MiB | largest transaction MiB | result |"
        )
        lines.append("|---|---|---|---|---|---|---|")
        for r in self.loads:
            server = f"{r.server_peak / 2**20:.0f}" if r.server_peak else "(in loader)"
            largest = f"{r.largest_transaction / 2**20:.0f}" if r.largest_transaction else "-"
            cells = [r.backend, f"{r.scale}x", f"{r.seconds:.1f}", f"{r.peak_mib:.0f}", server, largest, r.message]
            lines.append("| " + " | ".join(cells) + " |")
        for (backend, scale), series in sorted(self.latency.items()):
            base = series["__typename"].median()
            lines += ["", f"## Latency: {backend}, {scale}x (__typename p50 {base:.3f} ms)", ""]
            lines.append("| query | p50 ms (median) | ratio (median) | ratio spread | errors |")
            lines.append("|---|---|---|---|---|")
            for name, s in series.items():
                lines.append(f"| {name} | {s.median():.2f} | {s.median_ratio():.2f} | {s.spread()} | {s.errors} |")
                if s.failure:
                    lines.append(f"|  (first failure: {s.failure[:150]!r}) | | | | |")
        if self.throughput:
            lines += ["", "## Throughput (commitment detail, wrk -c16 -t2)", ""]
            lines.append("| backend | workers | req/s | p50 ms | p99 ms | p99/p50 | errors |")
            lines.append("|---|---|---|---|---|---|---|")
            for (backend, workers), t in sorted(self.throughput.items()):
                lines.append(
                    f"| {backend} | {workers} | {t.rate:.0f} | {t.p50:.2f} | {t.p99:.2f} | {t.p99 / t.p50:.2f} | "
                    f"{t.errors} |"
                )
        if self.failures:
            lines += ["", "## Failures", ""] + [f"- {failure}" for failure in self.failures]
        lines += ["", "## Targets", ""]
        lines += [f"- [{'x' if ok else ' '}] {text}" for text, ok in self.checks]
        return "\n".join(lines)

    def targets_met(self) -> bool:
        """Whether every checked target holds."""
        return all(ok for _, ok in self.checks)

    def _checks(self) -> list[tuple[str, bool]]:
        checks: list[tuple[str, bool]] = []
        embedded = self.latency.get(("falkordb", 1))
        if embedded:
            for name, limit in EMBEDDED_TARGETS.items():
                if name in embedded:
                    ratio = embedded[name].median_ratio()
                    checks.append((f"embedded 1x {name}: {ratio:.2f}x <= {limit}x", ratio <= limit))
        for (backend, scale), series in sorted(self.latency.items()):
            if backend == "neo4j" and ("falkordb", scale) in self.latency:
                other = self.latency[("falkordb", scale)]
                for name, s in series.items():
                    if name in other and name != "__typename":
                        ratio = s.median() / other[name].median()
                        checks.append(
                            (f"neo4j {scale}x {name}: {ratio:.2f}x the embedded p50 <= 2x", ratio <= NEO4J_VS_EMBEDDED)
                        )
            if scale == 10 and (backend, 1) in self.latency:
                small = self.latency[(backend, 1)]
                for name, s in series.items():
                    if name in small and name != "__typename":
                        ratio = s.median() / small[name].median()
                        checks.append((f"{backend} 10x/1x {name}: {ratio:.2f} <= 1.5", ratio <= TEN_X_VS_ONE_X))
            for name, s in series.items():
                if s.errors:
                    checks.append((f"{backend} {scale}x {name}: {s.errors} errors", False))
        checks += [(failure, False) for failure in self.failures]
        for load in self.loads:
            checks.append((f"{load.backend} {load.scale}x load succeeded", load.ok))
        times = {(r.backend, r.scale): r.seconds for r in self.loads if r.ok}
        for backend in {r.backend for r in self.loads}:
            if (backend, 1) in times and (backend, 100) in times:
                growth = times[(backend, 100)] / times[(backend, 1)]
                checks.append((f"{backend} load 100x/1x: {growth:.0f} <= 120", growth <= LOAD_GROWTH_100X))
        for (backend, workers), t in sorted(self.throughput.items()):
            spread = t.p99 / t.p50 if t.p50 else float("inf")
            text = f"{backend} {workers} worker(s): {t.errors} errors, p99/p50 {spread:.2f} <= 3"
            checks.append((text, not t.errors and spread <= P99_OVER_P50))
        return checks
