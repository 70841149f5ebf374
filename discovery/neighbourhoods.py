"""Which commitments to compare with which: neighbourhoods, so that deriving similar links grows linearly.

Scoring every commitment against every other is quadratic: fine for the real export (558 commitments,
0.3 M pairs), out of reach at 100 times that (3 G pairs). So commitments are grouped into cells of about
``CELL_SIZE`` by a bisecting k-means over a small dense sketch of what the score weighs (a random
projection of the text vectors beside the policy areas), and each cell's commitments are scored only
against the commitments of the ``PROBES`` cells whose centres are nearest to theirs: a fixed number of
candidates per commitment, whatever the size of the corpus. A corpus of at most ``CELL_SIZE * PROBES``
commitments is one block, every pair scored: the real export's links are exactly the all-pairs ones.
The cost of the cells themselves: bisecting k-means is ``O(n log(cells))``; comparing cell centres is
``O(cells²)``, with ``cells = n / CELL_SIZE`` (0.2 M products at 100x).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import BisectingKMeans
from sklearn.random_projection import SparseRandomProjection

CELL_SIZE = 128
PROBES = 8  # cells searched per cell (its own included): ~1,000 candidates per commitment
SKETCH_DIMENSIONS = 128
SEED = 11  # fixed: the same corpus gives the same cells, so the same links


@dataclass(frozen=True)
class Block:
    """Commitments (``queries``) whose matches are looked for among ``candidates`` (indices into the corpus)."""

    queries: np.ndarray
    candidates: np.ndarray


def sketch(parts: Sequence[tuple[sp.spmatrix | np.ndarray, float]], dimensions: int = SKETCH_DIMENSIONS) -> np.ndarray:
    """One dense row per commitment: each (matrix, weight) part, unit rows, scaled by ``sqrt(weight)``.

    A sparse part wider than ``dimensions`` is randomly projected (inner products kept up to a small error);
    the rows' inner products then approximate the weighted sum of the parts' cosine similarities.
    """
    columns = []
    for matrix, weight in parts:
        if sp.issparse(matrix) and matrix.shape[1] > dimensions:
            projector = SparseRandomProjection(n_components=dimensions, dense_output=True, random_state=SEED)
            dense = np.asarray(projector.fit_transform(matrix), dtype=np.float64)
        else:
            dense = np.asarray(sp.csr_matrix(matrix).toarray() if sp.issparse(matrix) else matrix, dtype=np.float64)
        length = np.linalg.norm(dense, axis=1, keepdims=True)
        dense = np.divide(dense, length, out=np.zeros_like(dense), where=length > 0)
        columns.append(dense * np.sqrt(weight))
    return np.hstack(columns) if columns else np.zeros((0, 0))


def blocks(points: np.ndarray, cell_size: int = CELL_SIZE, probes: int = PROBES) -> Iterator[Block]:
    """The blocks to score: one block of everything for a small corpus, else one per cell (see the module)."""
    n = len(points)
    everything = np.arange(n)
    if n <= cell_size * probes:
        yield Block(everything, everything)
        return
    cells = max(probes + 1, n // cell_size)
    labels = BisectingKMeans(
        n_clusters=cells, bisecting_strategy="largest_cluster", random_state=SEED, n_init=1
    ).fit_predict(points)
    order = np.argsort(labels, kind="stable")
    members = np.split(order, np.searchsorted(labels[order], np.arange(1, cells)))
    centres = np.stack([points[m].mean(axis=0) for m in members])  # bisecting k-means leaves no cell empty
    squared = (centres**2).sum(axis=1)
    distances = squared[:, None] + squared[None, :] - 2 * centres @ centres.T
    for c, queries in enumerate(members):
        if not len(queries):
            continue
        nearest = np.argpartition(distances[c], probes - 1)[:probes]
        yield Block(queries, np.sort(np.concatenate([members[k] for k in nearest])))
