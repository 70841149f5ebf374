"""A synthetic OGP corpus N times the real one, drawn from the real commitments export (``make bench``'s scale runs).

Copy 0 is the real export unchanged. Copy ``c`` (1 … N-1) adds one synthetic member per real member
(``Albania BA``: the real member's name with the copy's two letters; its code, ids and action plans get
the same letters), with the real member's plans, years, region, ratings, policy areas and institutions,
row for row, so every distribution of the real data (members, plans per member, commitments per plan,
areas, ratings, organisations) is kept. Only the texts are new: each synthetic commitment's title comes
from another real commitment of the same first policy area, and its full text is as many real sentences
as the template has, drawn from commitments of that area, so discovery has real but recombined prose to
rank. The output goes to a folder (by default ``var/scale/<N>x/``, never committed), split into files
of at most ``COPIES_PER_FILE`` copies, under the loader's per-file size cap.

    .venv/bin/python -m bench.scale_corpus 10            # var/scale/10x/commitments-*.csv
    .venv/bin/python -m bench.scale_corpus 100 --out /tmp/ogp-100x
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import string
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from bench.realdata import DEFAULT_CSV
from graph.config import PROJECT_ROOT
from loaders._commit_columns import AREA_COLUMNS

COPIES_PER_FILE = 10  # ~25 MB per file: well under the loader's 256 MiB cap
SEED = 11
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")


def copy_letters(copy: int) -> str:
    """Two capital letters naming synthetic copy ``copy`` (1 → ``AB``; 675 copies at most)."""
    if not 0 < copy < 26 * 26:
        raise ValueError(f"copy {copy} is out of range (1-675)")
    return string.ascii_uppercase[copy // 26] + string.ascii_uppercase[copy % 26]


def sentences(text: str) -> list[str]:
    """A text's sentences (and list items), non-empty, as written."""
    return [s.strip() for s in _SENTENCE.split(text or "") if len(s.strip()) > 2]


def primary_area(row: dict[str, str]) -> str:
    """The first policy-area column a row ticks ('' when none)."""
    return next((column for column in AREA_COLUMNS if (row.get(column) or "").strip() == "1"), "")


class Pools:
    """Real titles and sentences grouped by a commitment's first policy area (all of them under '')."""

    def __init__(self, rows: Sequence[dict[str, str]]) -> None:
        self.titles: dict[str, list[str]] = {"": []}
        self.sentences: dict[str, list[str]] = {"": []}
        for row in rows:
            area = primary_area(row)
            for key in {area, ""}:
                self.titles.setdefault(key, []).append(row["Commitment Title"])
                self.sentences.setdefault(key, []).extend(sentences(row["Full Text"]))

    def text_like(self, template: dict[str, str], rng: random.Random) -> tuple[str, str]:
        """A (title, full text) of real material for a commitment shaped like ``template``."""
        area = primary_area(template)
        titles = self.titles.get(area) or self.titles[""]
        pool = self.sentences.get(area) or self.sentences[""]
        count = max(1, len(sentences(template["Full Text"])))
        return rng.choice(titles), " ".join(rng.choice(pool) for _ in range(count)) if pool else ""


def _suffixed_name(name: str, letters: str) -> str:
    # A local member is "Place, Country": both parts get the letters, so its parent is the copy's country.
    return ", ".join(f"{part.strip()} {letters}" for part in name.split(","))


def synthetic_row(row: dict[str, str], copy: int, pools: Pools, rng: random.Random) -> dict[str, str]:
    """The row of ``row``'s member in synthetic copy ``copy``: same facts, recombined texts, new names and ids."""
    letters = copy_letters(copy)
    ident = row["Commitment Unique Identifier"]
    prefix, digits = ident[:-4], ident[-4:]
    code = row["Code"] + letters
    title, text = pools.text_like(row, rng)
    out = dict(row)
    out.update(
        {
            "Commitment Unique Identifier": prefix + letters + digits,
            "Country/Locality": _suffixed_name(row["Country/Locality"], letters),
            "Code": code,
            "Action Plan ID": f"AP_{code}{int(row['Action Plan Number']):02d}",
            "Commitment Title": title,
            "Short Title": "",
            "Full Text": text,
        }
    )
    return out


def read_real(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The real export's header and rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def generate(factor: int, out: Path, source: Path = DEFAULT_CSV, seed: int = SEED) -> list[Path]:
    """Write a corpus ``factor`` times the real one into ``out`` (replacing its CSV files); return the files."""
    if factor < 1:
        raise ValueError("the scale factor must be at least 1")
    header, rows = read_real(source)
    pools, rng = Pools(rows), random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("commitments-*.csv"):
        old.unlink()
    files = []
    for first in range(0, factor, COPIES_PER_FILE):
        path = out / f"commitments-{first // COPIES_PER_FILE:03d}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            for copy in range(first, min(factor, first + COPIES_PER_FILE)):
                writer.writerows(rows if copy == 0 else (synthetic_row(r, copy, pools, rng) for r in rows))
        files.append(path)
    return files


def default_folder(factor: int) -> Path:
    """Where ``make bench`` keeps the corpus of ``factor`` (under ``var/``, which git ignores)."""
    return PROJECT_ROOT / "var" / "scale" / f"{factor}x"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m bench.scale_corpus FACTOR [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factor", type=int, help="how many times the real corpus (1 = the real export alone)")
    parser.add_argument("--out", type=Path, help="output folder (default var/scale/<factor>x)")
    parser.add_argument("--source", type=Path, default=DEFAULT_CSV, help="the real commitments export")
    args = parser.parse_args(argv)
    files = generate(args.factor, args.out or default_folder(args.factor), args.source)
    total = sum(1 for path in files for _ in _data_lines(path))
    print(f"{total} commitments in {len(files)} file(s) under {files[0].parent}")
    return 0


def _data_lines(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


if __name__ == "__main__":
    sys.exit(main())
