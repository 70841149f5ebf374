"""``WordSpace.draft_vector`` (the per-request path of similarToText) equals sklearn's ``vectorize``."""

from __future__ import annotations

import numpy as np
import pytest

from discovery.lexical import WordSpace

TEXTS = [
    ("Public register of beneficial owners", "Create a public register of the beneficial owners of companies."),
    ("Registro de beneficiarios finales", "Crear un registro público de los beneficiarios finales de empresas."),
    ("Budget participatif", "Mettre en place une plateforme de participation citoyenne au budget."),
    ("Portal de dados abertos", "Ampliar o acesso à informação pública com um portal de dados abertos."),
    ("Open contracting", "Publish all public contracts in the open contracting data standard."),
    ("Water data", "Water utilities publish tariffs and service quality data."),
]


@pytest.fixture(scope="module")
def corpus() -> WordSpace:
    return WordSpace([t for t, _ in TEXTS], [b for _, b in TEXTS])


@pytest.mark.parametrize(
    "draft",
    [
        "public register of the beneficial owners of companies",
        "Registro público de beneficiarios finales y fideicomisos, con datos abiertos",
        "the and of de la",  # stop words only: the word space is empty, the character space is not
        "",
        "zzzz qqqq",  # nothing in the vocabulary
        TEXTS[4][1] * 5,  # repeated n-grams: counts above 1 (sublinear tf)
    ],
)
def test_draft_vector_equals_vectorize(corpus: WordSpace, draft: str) -> None:
    expected = corpus.vectorize([draft]).toarray()
    got = corpus.draft_vector(draft).toarray()
    assert got.shape == expected.shape
    assert np.allclose(got, expected, atol=1e-6)
    assert np.isclose(np.linalg.norm(got), np.linalg.norm(expected), atol=1e-6)


def test_a_corpus_without_vocabulary_falls_back_to_vectorize() -> None:
    empty = WordSpace([], [])
    assert empty.draft_vector("anything").nnz == 0
