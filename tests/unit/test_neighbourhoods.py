"""Neighbourhoods: a small corpus is scored all-pairs; a large one per cell, with a bounded candidate list
that still holds each commitment's nearest neighbours (issue 11: no all-pairs step at 100x)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from discovery.neighbourhoods import CELL_SIZE, PROBES, blocks, sketch


def _blobs(n: int, centres: int, dimensions: int = 32, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    middle = rng.normal(size=(centres, dimensions)) * 4
    points = middle[rng.integers(0, centres, size=n)] + rng.normal(size=(n, dimensions))
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def test_a_corpus_of_up_to_a_thousand_is_one_block_of_every_pair() -> None:
    points = _blobs(CELL_SIZE * PROBES, 5)
    found = list(blocks(points))
    assert len(found) == 1
    assert (found[0].queries == np.arange(len(points))).all()
    assert (found[0].candidates == np.arange(len(points))).all()


def test_a_large_corpus_is_cut_into_cells_with_a_bounded_number_of_candidates() -> None:
    points = _blobs(6_000, 40)
    found = list(blocks(points))
    queries = np.concatenate([b.queries for b in found])
    assert sorted(queries.tolist()) == list(range(len(points)))  # every commitment is a query exactly once
    assert all(set(b.queries.tolist()) <= set(b.candidates.tolist()) for b in found)  # its own cell included
    sizes = [len(b.candidates) for b in found]
    assert max(sizes) < len(points) / 2 and np.mean(sizes) < 3 * CELL_SIZE * PROBES  # not all pairs


def test_the_nearest_neighbours_are_among_the_candidates() -> None:
    points = _blobs(5_000, 40)
    similarity = points @ points.T
    np.fill_diagonal(similarity, -np.inf)
    nearest = np.argsort(-similarity, axis=1)[:, :20]
    found = hit = 0
    for block in blocks(points):
        allowed = set(block.candidates.tolist())
        for q in block.queries:
            found += len(nearest[q])
            hit += sum(int(j) in allowed for j in nearest[q])
    assert hit / found > 0.95, hit / found


def test_a_sketch_weighs_its_parts() -> None:
    text = sp.random(50, 5_000, density=0.01, format="csr", random_state=1) + sp.eye(50, 5_000, format="csr")
    areas = np.eye(8)[np.arange(50) % 8]  # one area each
    combined = sketch([(text, 0.7), (areas, 0.3)], dimensions=64)
    assert combined.shape == (50, 64 + 8)
    assert np.allclose((combined**2).sum(axis=1), 1.0)  # unit parts, weights summing to 1
