"""All commitments as vectors: meaning (the encoder's, centred per language), words, policy areas, organisations.

``Corpus`` is what the derivation ranks (``ranking.py``) and what ``similarToText`` scores a draft against.
Meaning vectors are centred per language before comparing: a multilingual encoder places texts of one
language a little closer to each other whatever they say, which made a Spanish draft prefer any Spanish
commitment over the English one doing the same thing. Removing each language's mean vector (for the
languages the corpus has enough of) takes that pull away; the rest is what the texts mean.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from discovery.lexical import Sentences, WordSpace, unit_rows
from discovery.neighbourhoods import sketch
from discovery.text import is_thin, language, passage, titles

PARENT_AREA_FACTOR = 0.25  # a broad parent area (e.g. Anti-Corruption and Integrity) weighs a quarter
MIN_LANGUAGE_DOCS = 20  # a language's own mean is removed once the corpus has this many texts in it


@dataclass(frozen=True)
class Doc:
    """What discovery needs to know about one commitment."""

    id: str
    member_id: str
    title: str
    short_title: str = ""
    text: str = ""
    year: int | None = None
    areas: frozenset[str] = frozenset()
    organizations: frozenset[str] = frozenset()
    outcome: float | None = None  # the IRM outcome score (0-1), None when not assessed

    @property
    def passage(self) -> str:
        """What the encoder embeds for it (titles and the lead of its text)."""
        return passage(self.title, self.short_title, self.text)

    @property
    def titles(self) -> str:
        """Its title, and its short title when that adds something."""
        return titles(self.title, self.short_title)


def area_weights(docs: Sequence[Doc], parents: set[str]) -> dict[str, float]:
    """IDF-like weight per policy area: rare (specific) areas weigh more; parent areas are downweighted."""
    df = Counter(a for d in docs for a in d.areas)
    n = len(docs)
    return {
        a: (math.log((1 + n) / (1 + c)) + 1.0) * (PARENT_AREA_FACTOR if a in parents else 1.0) for a, c in df.items()
    }


def _value(similarity: np.ndarray) -> np.ndarray:
    """Similarities as component values: float64, in [0, 1], rounded to 9 decimals.

    Rounded because a product of many rows (the derivation) and of one row (a request) may differ in the
    last bits (different BLAS kernels): the same pair must get the same value, and the same rank, both ways.
    """
    return np.round(np.clip(similarity.astype(np.float64), 0.0, 1.0), 9)


def _unit(matrix: np.ndarray) -> np.ndarray:
    length = np.linalg.norm(matrix, axis=-1, keepdims=True)
    unit: np.ndarray = np.divide(matrix, length, out=np.zeros_like(matrix), where=length > 0)
    return unit


class Corpus:
    """All commitments as vectors. ``embeddings`` (one unit row per doc, same order) may be ``None``: then
    likeness is by words alone (the ``none`` encoder setting)."""

    def __init__(self, docs: Sequence[Doc], parents: set[str], embeddings: np.ndarray | None = None) -> None:
        self.docs = list(docs)
        self.index = {d.id: i for i, d in enumerate(self.docs)}
        self.parents = set(parents)
        self.area_weight = area_weights(self.docs, self.parents)
        counts = Counter(a for d in self.docs for a in d.areas)
        self.area_share = {a: n / len(self.docs) for a, n in counts.items()}
        self.words = WordSpace([d.titles for d in self.docs], [d.text or d.title for d in self.docs])
        self.languages = np.array([language(f"{d.title} {d.text[:600]}") for d in self.docs], dtype=str)
        self.thin = np.array([is_thin(d.title, d.text) for d in self.docs], dtype=bool)
        self.members = np.array([d.member_id for d in self.docs], dtype=str)
        self.outcome = np.array([-1.0 if d.outcome is None else d.outcome for d in self.docs], dtype=np.float64)
        self.language_means: dict[str, np.ndarray] = {}
        self.meaning: np.ndarray | None = None
        if embeddings is not None and len(self.docs):
            self._centre(np.asarray(embeddings, dtype=np.float64))
        self.areas = self._binary([d.areas for d in self.docs], self.area_weight)
        organizations = sorted({o for d in self.docs for o in d.organizations})
        self.organizations = self._binary([d.organizations for d in self.docs], dict.fromkeys(organizations, 1.0))
        self._transposed = tuple(m.T.tocsr() for m in (self.areas, self.organizations))
        self._sentences: dict[int, Sentences] = {}

    def _centre(self, embeddings: np.ndarray) -> None:
        overall = embeddings.mean(axis=0)
        counts = Counter(self.languages.tolist())
        self.language_means = {
            lang: embeddings[self.languages == lang].mean(axis=0) if counts[lang] >= MIN_LANGUAGE_DOCS else overall
            for lang in counts
        }
        self._overall = overall
        means = np.stack([self.language_means[lang] for lang in self.languages.tolist()])
        # float64: a product of one row and of many rows then agree to ~1e-16 (float32 kernels differ by ~1e-7)
        self.meaning = _unit(embeddings.astype(np.float64) - means)
        self.meaning_t = np.ascontiguousarray(self.meaning.T)

    def centred(self, vector: np.ndarray, text_language: str) -> np.ndarray:
        """A draft's meaning vector, centred like the corpus's texts of its language (unit length)."""
        mean = self.language_means.get(text_language, getattr(self, "_overall", None))
        vector = np.asarray(vector, dtype=np.float64)
        return _unit(vector - mean if mean is not None else vector)

    def sentences(self, j: int) -> Sentences:
        """The sentences of commitment ``j``'s text (its title when it has none), and where each term is."""
        found = self._sentences.get(j)
        if found is None:
            found = self._sentences[j] = self.words.sentence_terms(self.docs[j].text or self.docs[j].title)
        return found

    def having(self, ids: set[str]) -> np.ndarray:
        """A boolean mask over the commitments: those whose id is in ``ids``."""
        return np.fromiter((d.id in ids for d in self.docs), dtype=bool, count=len(self.docs))

    def _binary(self, sets: Sequence[frozenset[str]], weight: dict[str, float]) -> sp.csr_matrix:
        keys = {k: i for i, k in enumerate(sorted(weight))}
        rows, cols, vals = [], [], []
        for r, items in enumerate(sets):
            for item in items:
                if item in keys:
                    rows.append(r)
                    cols.append(keys[item])
                    vals.append(weight[item])
        m = sp.csr_matrix((vals, (rows, cols)), shape=(len(sets), max(len(keys), 1)), dtype=np.float64)
        return unit_rows(m)

    def block_values(
        self, rows: slice | Sequence[int] | np.ndarray, columns: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Dense component-value matrices (0-1) for the commitments ``rows`` against every commitment, or
        against ``columns`` only (a neighbourhood's candidates, ``discovery/neighbourhoods.py``)."""
        if columns is not None:
            return self._block_against(rows, columns)
        words = (self.words.vectors[rows] @ self.words.vectors_t).toarray()
        areas_t, organizations_t = self._transposed
        return {
            "meaning": self._meaning(self.meaning[rows] if self.meaning is not None else None, words.shape),
            "words": _value(words),
            "policy_areas": _value((self.areas[rows] @ areas_t).toarray()),
            "organizations": _value((self.organizations[rows] @ organizations_t).toarray()),
        }

    def _block_against(self, rows: slice | Sequence[int] | np.ndarray, columns: np.ndarray) -> dict[str, np.ndarray]:
        words = (self.words.vectors[rows] @ self.words.vectors[columns].T).toarray()
        meaning = (
            _value(self.meaning[rows] @ self.meaning[columns].T) if self.meaning is not None else np.zeros(words.shape)
        )
        return {
            "meaning": meaning,
            "words": _value(words),
            "policy_areas": _value((self.areas[rows] @ self.areas[columns].T).toarray()),
            "organizations": _value((self.organizations[rows] @ self.organizations[columns].T).toarray()),
        }

    def sketch(self) -> np.ndarray:
        """Dense rows whose inner products approximate the text evidence (and areas): which commitments to
        compare with which (``discovery/neighbourhoods.py``)."""
        parts: list[tuple[sp.spmatrix | np.ndarray, float]] = [(self.words.vectors, 0.4), (self.areas, 0.1)]
        if self.meaning is not None:
            parts.append((self.meaning, 0.6))
        return sketch(parts)

    def _meaning(self, queries: np.ndarray | None, shape: tuple[int, ...]) -> np.ndarray:
        if queries is None or self.meaning is None:
            return np.zeros(shape)
        return _value(queries @ self.meaning_t)

    def draft_values(self, text: str, embedding: np.ndarray | None) -> dict[str, np.ndarray]:
        """Component values (1 × N) of a pasted draft: meaning and words (a draft has no areas or organisations)."""
        words = _value((self.words.draft_vector(text) @ self.words.vectors_t).toarray())
        query = None if embedding is None else self.centred(embedding, language(text))[np.newaxis, :]
        zeros = np.zeros_like(words)
        return {
            "meaning": self._meaning(query, words.shape),
            "words": words,
            "policy_areas": zeros,
            "organizations": zeros,
        }

    def shared_areas(self, query: Doc, match: Doc) -> tuple[str, ...]:
        """The policy areas both address, most specific (rarest) first."""
        return tuple(sorted(query.areas & match.areas, key=lambda a: (-self.area_weight.get(a, 0.0), a)))
