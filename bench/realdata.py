"""The real OGP commitments export, loaded with the project's loaders, for benchmarks, quality checks and tests.

``load_real_graph`` goes through ``loaders.run.run_load`` (the same path as ``ogp load``, which derives
the similarity edges after the run); ``real_corpus`` loads into a temporary embedded graph and reads it
back as the similarity corpus, so the quality command measures exactly what the API serves.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from discovery.corpus import Corpus
from graph.backend import Graph

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ogp"
DEFAULT_CSV = SHARED / "commitments_open_parliament_g0v.csv"


async def load_real_graph(graph: Graph, path: Path = DEFAULT_CSV) -> None:
    """Load the real export into ``graph`` with the project's loaders; ``run_load`` derives similarity."""
    from loaders.run import run_load
    from loaders.similarity import derive_similarity

    report = await run_load(graph, [path])
    if report.derived is None:  # nothing changed (already loaded): make sure the derived edges exist
        await derive_similarity(graph)


async def real_corpus(path: Path = DEFAULT_CSV) -> tuple[Corpus, set[str]]:
    """The export loaded into a throw-away embedded graph, read back as the similarity corpus (and parent areas)."""
    from discovery.encoder import EmbeddingCache, open_encoder
    from graph.config import get_settings
    from graph.falkordb_backend import FalkorGraph
    from loaders.run import run_load
    from queries.corpus import build_corpus

    folder = Path(tempfile.mkdtemp(prefix="ogp-quality-"))
    graph = await FalkorGraph.open(folder / "quality.db", "quality", 60_000)
    try:
        await run_load(graph, [path], derive=False)
        settings = get_settings()
        built = await build_corpus(
            graph, open_encoder(settings.text_encoder), EmbeddingCache.at(settings.embedding_cache)
        )
        corpus, parents = built.corpus, built.corpus.parents
    finally:
        await graph.close()
        shutil.rmtree(folder, ignore_errors=True)
    return corpus, parents
