"""How the legacy layouts merge with the current export: ``python -m bench.legacy_merge [FOLDER] [--pairs]``.

Loads the folder (default: the shared real data) twice into a throw-away embedded graph with the
project's loaders, then prints:

1. per file: rows read, loaded, merged, rejected, warned (and whether they add up);
2. what the second load changed (nothing, for an idempotent load);
3. the merges: how many rows of each legacy file were folded into a commitment of another layout, into
   how many commitments, and with ``--pairs`` every pair (row, its title; the commitment, its title; the
   evidence of ``loaders/_commit_match.py``) for reading. ``tests/data/gold_2015_merges.csv`` holds the
   judgement of every pair read this way; ``tests/integration/test_real_folder.py`` checks the loader
   against it;
4. with ``--near``, the merges that may have been missed: every 2015 row left a commitment of its own whose
   plan has commitments of the current export, with its closest one among them when any evidence points at
   it (title similarity >= 0.5, or a quarter of either text found in the other), for reading.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from graph.backend import Graph, Row
from loaders._commit_match import Evidence, Fingerprint, _features, evidence
from loaders.run import RunReport, run_load
from queries.provenance import merged_rows

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ogp"


NEAR_TITLE = 0.5  # a title this similar, or
NEAR_TEXT = 0.25  # this share of either text found in the other, makes a pair worth reading
COMMITMENTS = (
    "MATCH (c:Commitment) RETURN c.id AS id, c.member_id AS member_id, c.natural_key AS natural_key, "
    "c.number AS number, c.title AS title, c.short_title AS short_title, c.full_text AS full_text, "
    "c.source_layouts AS layouts, c.source_row AS row"
)


@dataclass(frozen=True)
class NearMiss:
    """A 2015 row left a commitment of its own, and the closest current commitment of its plan."""

    row: int
    title: str
    commitment: str
    other: str
    evidence: Evidence


async def near_misses(graph: Graph) -> tuple[int, list[NearMiss]]:
    """2015 rows that stayed commitments of their own in plans the current export covers (how many), and
    those with a current commitment of their plan near enough to read (the closest one each)."""
    by_plan: dict[tuple[str, str], list[Row]] = {}
    for r in await graph.read(COMMITMENTS):
        by_plan.setdefault((r["member_id"], r["natural_key"].split("|")[1]), []).append(r)
    in_covered, near = 0, []
    for plan in by_plan.values():
        current = [c for c in plan if "current" in (c["layouts"] or ())]
        alone = [c for c in plan if c["layouts"] == ["combined-2015"]]
        if not current:
            continue
        in_covered += len(alone)
        for row in alone:
            part = _features(Fingerprint.of(None, [row["title"]], [row["full_text"]]))
            scored: list[tuple[float, Row, Evidence]] = []
            for c in current:
                whole = _features(Fingerprint.of(c["number"], [c["title"], c["short_title"]], [c["full_text"]]))
                e = evidence(part, whole, False, False)
                if e.title >= NEAR_TITLE or max(e.part_text, e.same_text) >= NEAR_TEXT:
                    scored.append((max(e.title, e.part_text, e.same_text), c, e))
            if scored:
                _, best, e = max(scored, key=lambda s: s[0])
                near.append(NearMiss(row["row"], row["title"], best["id"], best["title"], e))
    return in_covered, sorted(near, key=lambda n: n.row)


async def merged_pairs(graph: Graph, layout: str = "irm-combined-2015") -> list[dict[str, object]]:
    """Every (legacy row, commitment) pair the graph holds, with the matcher's evidence for the pair."""
    pairs = []
    for m in await merged_rows(graph, layout):
        node = m.node
        whole = Fingerprint.of(node["number"], [node["title"], node["short_title"]], [node["full_text"]])
        part = Fingerprint.of(None, [m.stated.get("title")], [m.stated.get("full_text")])
        pairs.append(
            {
                "file": m.file,
                "row": m.row,
                "commitment": m.commitment,
                "row_title": m.stated.get("title"),
                "title": node["title"],
                "evidence": evidence(_features(part), _features(whole), False, False),
            }
        )
    return pairs


def table(report: RunReport) -> str:
    """Rows read / loaded / merged / rejected / warned per file."""
    lines = [f"{'file':<46} {'read':>6} {'loaded':>6} {'merged':>6} {'rejected':>8} {'warned':>6}  adds up"]
    for f in report.files:
        lines.append(
            f"{f.path.name:<46} {f.rows_read:>6} {f.loaded:>6} {f.merged:>6} {f.rejected_rows:>8} "
            f"{f.warned_rows:>6}  {'yes' if f.reconciles else 'NO'}"
        )
    return "\n".join(lines)


async def main(folder: Path, show_pairs: bool, show_near: bool = False) -> None:
    from graph.falkordb_backend import FalkorGraph

    tmp = Path(tempfile.mkdtemp(prefix="ogp-merge-"))
    graph = await FalkorGraph.open(tmp / "merge.db", "merge", 120_000)
    try:
        first = await run_load(graph, [folder], derive=False)
        print(table(first))
        second = await run_load(graph, [folder], derive=False)
        t = second.total
        changed = {
            "nodes created": sum(t.nodes_created.values()),
            "nodes updated": sum(t.nodes_updated.values()),
            "links created": sum(t.rels_created.values()),
            "links removed": sum(t.rels_removed.values()),
        }
        print(f"\nsecond load of the same folder: {changed}")
        pairs = await merged_pairs(graph)
        print(f"\nrows of the 2015 database merged into another layout's commitment: {len(pairs)}")
        print(f"commitments they merged into: {len({p['commitment'] for p in pairs})}")
        if show_pairs:
            for p in pairs:
                e = p["evidence"]
                print(
                    f"row {p['row']:>5} -> {p['commitment']:<8} title {e.title:.2f} same text {e.same_text:.2f} "  # type: ignore[attr-defined]
                    f"in text {e.part_text:.2f} number {e.number:<8} | {str(p['row_title'])[:50]!r} || "  # type: ignore[attr-defined]
                    f"{str(p['title'])[:50]!r}"
                )
        if show_near:
            covered, near = await near_misses(graph)
            print(f"\n2015 rows left on their own in plans the current export covers: {covered}")
            print(f"of them near a current commitment of their plan (to read): {len(near)}")
            for n in near:
                e = n.evidence
                print(
                    f"row {n.row:>5} ~ {n.commitment:<8} title {e.title:.2f} same text {e.same_text:.2f} "
                    f"in text {e.part_text:.2f} number {e.number:<8} score {e.score:.2f} | "
                    f"{n.title[:50]!r} || {n.other[:50]!r}"
                )
    finally:
        await graph.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    asyncio.run(main(Path(args[0]) if args else SHARED, "--pairs" in sys.argv, "--near" in sys.argv))
