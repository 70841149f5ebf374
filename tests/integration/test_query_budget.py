"""Every example question costs a bounded number of Cypher queries, whatever the page size.

Each file in ``api/examples`` declares ``# max-queries: N``. The test runs it on the sample data with
small and large pages and fails when it issues more than N statements or when the count grows with
the number of objects returned (the N+1 pattern).
"""

from __future__ import annotations

import json
import re
from typing import Any

from api.app import load_examples
from api.context import Context
from api.schema import schema
from graph.backend import Graph, count_queries
from graph.config import Settings

BOUND = re.compile(r"^# max-queries:\s*(\d+)\s*$", re.M)


async def _count(graph: Graph, query: str, variables: dict[str, Any]) -> int:
    with count_queries() as log:
        result = await schema.execute(
            query, variable_values=variables, context_value=Context(graph=graph, settings=Settings())
        )
    assert result.errors is None, result.errors
    return len(log)


async def test_examples_stay_within_their_query_budget(samples: Graph) -> None:
    graph = samples
    examples = load_examples()
    assert len(examples) >= 9
    problems = []
    for example in examples:
        query, variables = example["query"], json.loads(example["variables"])
        found = BOUND.search(query)
        name = next(line for line in query.splitlines() if line.startswith("query"))
        assert found, f"{name}: declare '# max-queries: N' in the example file"
        bound = int(found.group(1))
        await _count(graph, query, variables)  # warm per-process caches (e.g. the draft-text index)
        small = await _count(graph, query, {**variables, **({"first": 2} if "first" in variables else {})})
        large = await _count(graph, query, {**variables, **({"first": 50} if "first" in variables else {})})
        if small != large:
            problems.append(f"{name}: {small} queries for 2 results but {large} for 50 (N+1)")
        elif large > bound:
            problems.append(f"{name}: {large} queries, over its budget of {bound}")
    assert not problems, "\n".join(problems)
