"""Run ``ogp`` until it reaches a chosen point of a load, then stop it (SIGSTOP) for the test to ``kill -9``.

``python -m tests.reliability.stop_at POINT ogp-args…`` runs the real ``ogp`` command in this process with
one change: the process stops itself at POINT (just after a chosen write through ``Graph.write``, the one
door every write goes through on both backends, or just before the derivation starts). The test sees
the process stopped, kills it hard, and looks at what is left: a kill at an exact place, with no timing.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Mapping
from typing import Any

from graph.backend import Graph, WriteStats

BEFORE_DERIVATION = "before-derivation"  # the main write has committed (the owed marker with it); nothing derived
# stop just after the first write whose Cypher matches:
WRITES = {
    "main-write": r"MERGE \(n:Commitment ",  # inside the main transaction, half-way (nodes, no links yet)
    "derivation-staging": r"MERGE \(a\)-\[r:SIMILAR_TO_STAGED\]->\(b\)",  # some new links staged, none promoted
    "derivation-promoting": r"CREATE \(a\)-\[r:SIMILAR_TO\]->\(b\)",  # some commitments show their new links
}
POINTS = (*WRITES, BEFORE_DERIVATION)


def _stop() -> None:
    os.kill(os.getpid(), signal.SIGSTOP)


def main() -> None:
    point, args = sys.argv[1], sys.argv[2:]  # args: what follows `ogp` (options such as -v included)
    if point == BEFORE_DERIVATION:
        import loaders.run

        derive = loaders.run.derive_similarity

        async def stopped_derive(graph: Graph) -> Any:
            _stop()
            return await derive(graph)

        loaders.run.derive_similarity = stopped_derive  # type: ignore[assignment]
    else:
        pattern, write, stopped = re.compile(WRITES[point]), Graph.write, False

        async def stopping_write(self: Graph, cypher: str, params: Mapping[str, Any] | None = None) -> WriteStats:
            nonlocal stopped
            result = await write(self, cypher, params)
            if not stopped and pattern.search(cypher):
                stopped = True
                _stop()
            return result

        Graph.write = stopping_write  # type: ignore[method-assign]
    from cli import app

    app(args)


if __name__ == "__main__":
    main()
