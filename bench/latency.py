"""Latency of every example query (``api/examples/``) and a 50 x 10 nested list, as ratios to ``{ __typename }``.

One server, one run: each round runs ``wrk`` with one connection for a few seconds per query, ``{ __typename }``
first, and each query's p50 is divided by the ``__typename`` p50 of the same round, so a slow moment of this
shared machine hits a query and its baseline alike. Reported: the median over rounds and the spread
(lowest-highest). Every request of a query asks about something else (a rotation of real ids, words and
drafts drawn from the real export), so no cache of one answer stands in for the work.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import wrk
from bench.realdata import DEFAULT_CSV
from graph.taxonomy import POLICY_AREAS
from loaders._commit_columns import AREA_COLUMNS
from loaders.member_names import canonical_member_name, member_slug

EXAMPLES = Path(__file__).resolve().parent.parent / "api" / "examples"
TYPENAME = "{ __typename }"
NESTED = (
    "query Nested { members(first: 50) { nodes { id name commitments(first: 10) { nodes { id title "
    "policyAreas { id name } } } } } }"
)
ROTATION = 64  # different inputs per query
SEARCH_WORDS = [
    "beneficial ownership",
    "open contracting",
    "access to information",
    "budget transparency",
    "open data",
    "civic participation",
    "public procurement",
    "anti-corruption",
    "open parliament",
    "justice",
    "asset declarations",
    "extractive industries",
]
DRAFTS = [
    "Create a public register of the beneficial owners of companies bidding for public contracts",
    "Publish all public contracts in the open contracting data standard, from planning to implementation",
    "Crear un registro público de beneficiarios finales de las empresas y fideicomisos",
    "Mettre en place une plateforme de participation citoyenne au budget des collectivités",
    "Ampliar o acesso à informação pública nos municípios com um portal de dados abertos",
    "access to justice for women survivors of violence",
    "open parliament: publish votes and draft bills online and hold public consultations on legislation",
    "Water utilities publish tariffs, service quality and investment data",
]


@dataclass(frozen=True)
class Inputs:
    """Real ids to rotate through: commitments, members, policy areas (all in the 1x corpus, so in every scale)."""

    commitments: list[str]
    members: list[str]
    areas: list[str]


def real_inputs(path: Path = DEFAULT_CSV) -> Inputs:
    """Commitments, members and well-used policy areas of the real export, in a fixed order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    commitments = [r["Commitment Unique Identifier"] for r in rows][::7][:ROTATION]
    members = sorted({member_slug(canonical_member_name(r["Country/Locality"])) for r in rows})
    ticked = Counter(AREA_COLUMNS[c] for r in rows for c in AREA_COLUMNS if (r.get(c) or "").strip() == "1")
    known = {a.id for a in POLICY_AREAS}
    areas = [a for a, n in ticked.most_common() if n >= 5 and a in known]
    return Inputs(commitments, members, areas)


@dataclass(frozen=True)
class Query:
    """A named GraphQL document and the variables its requests rotate through."""

    name: str
    text: str
    variables: list[dict[str, Any]]

    def bodies(self) -> list[dict[str, Any]]:
        """The request bodies (one per variable set)."""
        return [{"query": self.text, "variables": v} for v in self.variables]


def _example_variables(text: str) -> dict[str, Any]:
    found = re.search(r"^# variables: (.*)$", text, re.MULTILINE)
    return dict(json.loads(found.group(1))) if found else {}


def _rotate(example: dict[str, Any], inputs: Inputs) -> list[dict[str, Any]]:
    """Variable sets like the example's, over real inputs (keys the example does not use stay as written)."""
    if "id" in example and str(example["id"]) in set(inputs.commitments) | {"UK9002"}:
        return [{**example, "id": i} for i in inputs.commitments]
    if "id" in example and "-" in str(example["id"]) and example["id"] in inputs.members:
        return [{**example, "id": m} for m in inputs.members]
    if "text" in example and len(str(example["text"])) > 40:
        return [{**example, "text": d} for d in DRAFTS]
    if "text" in example:
        return [{**example, "text": w} for w in SEARCH_WORDS]
    if "area" in example:
        return [{**example, "area": a} for a in inputs.areas]
    if "from" in example and "to" in example:
        members = inputs.members
        pairs = [(members[i], members[(i * 7 + 3) % len(members)]) for i in range(len(members))]
        return [{**example, "from": f"member:{a}", "to": f"member:{b}"} for a, b in pairs if a != b][:ROTATION]
    return [example]


def queries(inputs: Inputs, examples: Path = EXAMPLES) -> list[Query]:
    """``__typename``, every example (rotated inputs) and the nested list, in that order."""
    found = [Query("__typename", TYPENAME, [{}])]
    for path in sorted(examples.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        found.append(Query(path.stem, text, _rotate(_example_variables(text), inputs)))
    found.append(Query("nested-50x10", NESTED, [{}]))
    return found


@dataclass
class Series:
    """One query's p50 per round, and its ratio to the round's ``__typename`` p50."""

    p50: list[float] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)
    errors: int = 0
    failure: str = ""

    def median(self) -> float:
        """Median p50 over rounds (ms); nan when no round completed a request."""
        return statistics.median(self.p50) if self.p50 else float("nan")

    def median_ratio(self) -> float:
        """Median ratio over rounds (nan when none)."""
        return statistics.median(self.ratio) if self.ratio else float("nan")

    def spread(self) -> str:
        """Lowest-highest ratio over rounds."""
        return f"{min(self.ratio):.2f}-{max(self.ratio):.2f}" if self.ratio else "-"


def measure(base: str, chosen: Sequence[Query], rounds: int, seconds: float) -> dict[str, Series]:
    """``rounds`` rounds of ``seconds`` of wrk per query (after one warm-up pass), ratios to ``__typename``."""
    scripts = {q.name: wrk.script(q.bodies()) for q in chosen}
    try:
        for q in chosen:  # warm-up: caches, the discovery index, the JIT of Neo4j's query plans
            wrk.run(base, scripts[q.name], seconds=1)
        series = {q.name: Series() for q in chosen}
        for _ in range(rounds):
            baseline = None
            for q in chosen:
                result = wrk.run(base, scripts[q.name], seconds=seconds)
                s = series[q.name]
                if not result.requests:  # every request outlasted the round: no p50 to report
                    s.errors += 1
                    s.failure = s.failure or f"no request completed within a {seconds:.0f} s round"
                    continue
                baseline = result.p50 if baseline is None else baseline
                s.p50.append(result.p50)
                s.ratio.append(result.p50 / baseline if baseline else float("nan"))
                s.errors += result.errors
                s.failure = s.failure or result.failure
        return series
    finally:
        for path in scripts.values():
            path.unlink(missing_ok=True)
