"""The ranker before issue 14, kept as it was to measure the new one against (``bench/relevance.py``).

Score = 0.55 text (multilingual TF-IDF of titles and bodies) + 0.30 policy areas + 0.05 organisations
+ 0.04 coalition + 0.06 IRM outcome; a draft scores on text and outcome alone. This is the code that
ranked ``Commitment.similar`` and ``similarToText`` until the discovery package replaced it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize
from unidecode import unidecode

# Component weights (they sum to 1, so a score is in [0, 1]); change them and re-run `ogp load`.
WEIGHTS: dict[str, float] = {
    "text": 0.55,
    "policy_areas": 0.30,
    "organizations": 0.05,
    "coalition": 0.04,
    "outcome": 0.06,
}
PARENT_AREA_FACTOR = 0.25  # a broad parent area (e.g. Anti-Corruption and Integrity) weighs a quarter
CHAR_SHARE = 0.6  # share of the character n-gram space in the combined text vector
TITLE_SHARE = 0.5  # share of the titles (title + short title) in a commitment's text vector; the rest is its body

# Spanish, French, Portuguese function words (accent-folded), so that they do not make texts "similar".
_OTHER_STOP_WORDS = frozenset(
    " ".join(
        (
            "de la el los las del y en para por con un una que se su sus al lo como mas o a e",
            "le les des du et pour par avec une dans sur au aux ce qui est sont leur leurs",
            "da do das dos em no na nos nas um uma com ao pelo pela os as ou",
        )
    ).split(" ")
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _OTHER_STOP_WORDS


def fold(text: str) -> str:
    """Lower-case and strip accents (``Participación`` → ``participacion``) so languages share n-grams."""
    return unidecode(text).lower()


@dataclass(frozen=True)
class Doc:
    """What similarity needs to know about one commitment."""

    id: str
    member_id: str
    title: str
    text: str = ""
    year: int | None = None
    areas: frozenset[str] = frozenset()
    organizations: frozenset[str] = frozenset()
    coalitions: frozenset[str] = frozenset()
    outcome: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def area_weights(docs: Sequence[Doc], parents: set[str]) -> dict[str, float]:
    """IDF-like weight per policy area: rare (specific) areas weigh more; parent areas are downweighted."""
    df = Counter(a for d in docs for a in d.areas)
    n = len(docs)
    return {
        a: (math.log((1 + n) / (1 + c)) + 1.0) * (PARENT_AREA_FACTOR if a in parents else 1.0) for a, c in df.items()
    }


def _unit(m: sp.spmatrix) -> sp.csr_matrix:
    """Rows scaled to unit length (an empty matrix, e.g. of an empty graph, stays as it is)."""
    return sp.csr_matrix(m) if m.shape[0] == 0 else normalize(m)


class Corpus:
    """All commitments as vectors: text (TF-IDF), areas (weighted), organisations, coalitions."""

    def __init__(self, docs: Sequence[Doc], parents: set[str]) -> None:
        self.docs = list(docs)
        self.index = {d.id: i for i, d in enumerate(self.docs)}
        self.parents = set(parents)
        self.area_weight = area_weights(self.docs, self.parents)
        titles, bodies = [d.title or "" for d in self.docs], [d.text or d.title or "" for d in self.docs]
        # A tiny corpus keeps every n-gram (max_df would otherwise prune a term found in every document).
        max_df = 0.8 if len(self.docs) >= 5 else 1.0
        self.char: TfidfVectorizer | None = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            lowercase=False,  # texts arrive folded (``fold``): lower-cased, accents stripped
            sublinear_tf=True,
            min_df=1,
            max_df=max_df,
            dtype=np.float32,
        )
        self.word: TfidfVectorizer | None = TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 2),
            lowercase=False,
            sublinear_tf=True,
            max_df=max_df,
            stop_words=sorted(STOP_WORDS),
            token_pattern=r"(?u)\b\w\w+\b",
            dtype=np.float32,
        )
        # Folded once (unidecode was half of the build when each vectoriser folded each text twice), and
        # each space fitted and transformed in one pass over the texts.
        folded = [fold(t) for t in titles + bodies]
        n = len(self.docs)
        try:
            combined = self._combine(self.char.fit_transform(folded), self.word.fit_transform(folded))
        except ValueError:  # no usable text: an empty graph, or only stop words; the text side scores 0
            self.char = self.word = None
            combined = sp.csr_matrix((2 * n, 1), dtype=np.float32)
        # (analyser, vocabulary, idf, share) of both vectorisers, for ``draft_vector``'s lean path.
        self._spaces = [
            (v.build_analyzer(), v.vocabulary_, v.idf_, share)
            for v, share in ((self.char, CHAR_SHARE), (self.word, 1 - CHAR_SHARE))
            if v is not None
        ]
        title_vec, body_vec = combined[:n], combined[n:]
        self.text = _unit(title_vec * math.sqrt(TITLE_SHARE) + body_vec * math.sqrt(1 - TITLE_SHARE)).tocsr()
        self.text_t = self.text.T.tocsr()  # transposed once: a draft is scored with one sparse product
        self.areas = self._binary([d.areas for d in self.docs], self.area_weight)
        orgs = sorted({o for d in self.docs for o in d.organizations})
        self.organizations = self._binary([d.organizations for d in self.docs], dict.fromkeys(orgs, 1.0))
        coals = sorted({c for d in self.docs for c in d.coalitions})
        self.coalitions = self._binary([d.coalitions for d in self.docs], dict.fromkeys(coals, 1.0), norm=False)
        self.outcome = np.array([d.outcome for d in self.docs], dtype=np.float64)
        self.members = np.array([d.member_id for d in self.docs], dtype=str)
        self._transposed = tuple(m.T.tocsr() for m in (self.areas, self.organizations, self.coalitions))

    def having(self, ids: set[str]) -> np.ndarray:
        """A boolean mask over the commitments: those whose id is in ``ids``."""
        return np.fromiter((d.id in ids for d in self.docs), dtype=bool, count=len(self.docs))

    def _combine(self, char: sp.spmatrix, word: sp.spmatrix) -> sp.csr_matrix:
        char = _unit(char) * math.sqrt(CHAR_SHARE)
        word = _unit(word) * math.sqrt(1 - CHAR_SHARE)
        return _unit(sp.hstack([char, word]).tocsr())

    def vectorize(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The combined TF-IDF vectors of texts (e.g. a pasted draft), unit length (zero without a vocabulary)."""
        if self.char is None or self.word is None:
            return sp.csr_matrix((len(texts), 1), dtype=np.float32)
        folded = [fold(t) for t in texts]
        return self._combine(self.char.transform(folded), self.word.transform(folded))

    def draft_vector(self, text: str) -> sp.csr_matrix:
        """``vectorize([text])`` for one text, without sklearn's per-call input validation (about 5x faster).

        The same steps with the fitted vectorisers' own analysers, vocabularies and idf: n-gram counts,
        sublinear tf (``1 + log``), idf, L2 norm per space, the spaces' shares, L2 norm of the whole.
        ``similarToText`` vectorises one draft per request; a unit test holds this equal to ``vectorize``.
        """
        if not self._spaces:
            return self.vectorize([text])
        indices, data, offset = [], [], 0
        folded = fold(text)
        for analyze, vocabulary, idf, share in self._spaces:
            counts = Counter(j for j in map(vocabulary.get, analyze(folded)) if j is not None)
            columns = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
            values = (np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts))) + 1) * idf[columns]
            length = float(np.sqrt(np.dot(values, values)))
            indices.append(columns + offset)
            data.append(values * np.float32(math.sqrt(share) / length) if length > 0 else values)
            offset += len(vocabulary)
        joined = np.concatenate(data).astype(np.float32)
        length = float(np.sqrt(np.dot(joined, joined)))
        if length > 0:
            joined /= np.float32(length)
        return sp.csr_matrix((joined, np.concatenate(indices), np.array([0, joined.size])), shape=(1, offset))

    def _binary(self, sets: Sequence[frozenset[str]], weight: dict[str, float], norm: bool = True) -> sp.csr_matrix:
        keys = {k: i for i, k in enumerate(sorted(weight))}
        rows, cols, vals = [], [], []
        for r, items in enumerate(sets):
            for item in items:
                if item in keys:
                    rows.append(r)
                    cols.append(keys[item])
                    vals.append(weight[item])
        m = sp.csr_matrix((vals, (rows, cols)), shape=(len(sets), max(len(keys), 1)), dtype=np.float64)
        return _unit(m) if norm else m

    def block_scores(self, rows: slice | Sequence[int]) -> dict[str, np.ndarray]:
        """Dense component-value matrices for the query commitments ``rows`` (a range or a list of
        indices) against every commitment."""
        # Against matrices transposed once (a product with ``m.T`` transposes ``m`` on every call: 14 ms
        # for the one row of a commitment's filtered ranking, of which the products take 1 ms).
        areas_t, orgs_t, coalitions_t = self._transposed
        text = (self.text[rows] @ self.text_t).toarray()
        areas = (self.areas[rows] @ areas_t).toarray()
        orgs = (self.organizations[rows] @ orgs_t).toarray()
        coal = ((self.coalitions[rows] @ coalitions_t).toarray() > 0).astype(np.float64)
        outcome = np.broadcast_to(self.outcome, text.shape)
        return {
            "text": np.clip(text, 0.0, 1.0),
            "policy_areas": np.clip(areas, 0.0, 1.0),
            "organizations": np.clip(orgs, 0.0, 1.0),
            "coalition": coal,
            "outcome": outcome,
        }


def total(values: dict[str, np.ndarray]) -> np.ndarray:
    """Weighted sum of component matrices: the score matrix."""
    out = np.zeros_like(values["text"])
    for c, w in WEIGHTS.items():
        out = out + w * values[c]
    return out


def best(scores: np.ndarray, keep: np.ndarray, first: int) -> np.ndarray:
    """Indices of the ``first`` highest ``scores`` among ``keep``; ties in corpus order (by id, as stored)."""
    candidates = np.flatnonzero(keep)
    return candidates[np.argsort(-scores[candidates], kind="stable")[:first]]


def text_query_values(corpus: Corpus, text: str) -> dict[str, np.ndarray]:
    """Component values of a pasted draft against every commitment (1 × N): text and the match's outcome.

    A draft has no policy areas, organisations or coalition yet, so those components are zero.
    """
    sims = np.clip((corpus.draft_vector(text) @ corpus.text_t).toarray(), 0.0, 1.0)
    zeros = np.zeros_like(sims)
    return {
        "text": sims,
        "policy_areas": zeros,
        "organizations": zeros,
        "coalition": zeros,
        "outcome": corpus.outcome[np.newaxis, :],
    }
