"""The word side of likeness: multilingual TF-IDF of titles and bodies, and the distinctive words two texts share.

Character n-grams (3-5, accent-folded) catch word forms and cognates across languages
(``transparencia``/``transparency``); word unigrams and bigrams catch the exact terms of a reform
(``beneficial ownership``). Both are IDF-weighted, so words every commitment uses ("government", "law")
weigh little, and the template headings of OGP's action plans are removed before counting
(``discovery/text.py``). A commitment's vector mixes its titles and its body half and half.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from discovery.text import fold, function_words, sentences, without_template

CHAR_SHARE = 0.6  # share of the character n-gram space in the combined text vector
TITLE_SHARE = 0.5  # share of the titles (title + short title) in a commitment's text vector; the rest is its body
_MORE_STOP_WORDS = (  # Spanish, French, Portuguese words too common to say two texts are alike (folded)
    "mas como sobre este esta estos estas ser sera seran sus otro otra todos todas cada entre hasta desde "
    "ainsi aussi comme dont entre etre sera seront tous toutes autre autres sans sous "
    "mais como sobre este esta estes estas ser sera serao seus suas outro outra todos todas cada entre ate"
)


@dataclass(frozen=True)
class Sentences:
    """A text's sentences, and the sentences (indices) that hold each of its terms."""

    sentences: list[str]
    holding: dict[str, list[int]]


def stop_words() -> frozenset[str]:
    """Words that never make two texts alike: English stop words and the four languages' function words."""
    words = set(ENGLISH_STOP_WORDS) | set(_MORE_STOP_WORDS.split())
    for vocabulary in function_words().values():
        words |= vocabulary
    return frozenset(words)


def unit_rows(m: sp.spmatrix) -> sp.csr_matrix:
    """Rows scaled to unit length (an empty matrix, e.g. of an empty graph, stays as it is)."""
    return sp.csr_matrix(m) if m.shape[0] == 0 else normalize(m)


class WordSpace:
    """Fitted TF-IDF vectorisers over a corpus's titles and bodies, and its commitments' unit vectors."""

    def __init__(self, titles: Sequence[str], bodies: Sequence[str]) -> None:
        n = len(titles)
        # A tiny corpus keeps every n-gram (max_df would otherwise prune a term found in every document).
        max_df = 0.8 if n >= 5 else 1.0
        self.char: TfidfVectorizer | None = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            lowercase=False,  # texts arrive folded (``fold``): lower-cased, accents stripped
            sublinear_tf=True,
            max_df=max_df,
            dtype=np.float32,
        )
        self.word: TfidfVectorizer | None = TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 2),
            lowercase=False,
            sublinear_tf=True,
            max_df=max_df,
            stop_words=sorted(stop_words()),
            token_pattern=r"(?u)\b[^\W\d_][^\W\d_]+\b",  # words of letters: numbers are not shared meaning
            dtype=np.float32,
        )
        # Folded once, template headings removed; each space fitted and transformed in one pass over the texts.
        folded = [fold(t) for t in titles] + [fold(without_template(b)) for b in bodies]
        try:
            char, word = self.char.fit_transform(folded), self.word.fit_transform(folded)
            combined = self._combine(char, word)
        except ValueError:  # no usable text: an empty graph, or only stop words; the word side scores 0
            self.char = self.word = None
            word = sp.csr_matrix((2 * n, 1), dtype=np.float32)
            combined = sp.csr_matrix((2 * n, 1), dtype=np.float32)
        # (analyser, vocabulary, idf, share) of both vectorisers, for ``draft_vector``'s lean path.
        self._spaces = [
            (v.build_analyzer(), v.vocabulary_, v.idf_, share)
            for v, share in ((self.char, CHAR_SHARE), (self.word, 1 - CHAR_SHARE))
            if v is not None
        ]
        title_vec, body_vec = combined[:n], combined[n:]
        self.vectors = unit_rows(title_vec * math.sqrt(TITLE_SHARE) + body_vec * math.sqrt(1 - TITLE_SHARE)).tocsr()
        self.vectors_t = self.vectors.T.tocsr()  # transposed once: a draft is scored with one sparse product
        # The word space alone (titles and bodies together), to name the words two texts share.
        self.words = unit_rows(word[:n] + word[n:]).tocsr()
        self.terms = self.word.get_feature_names_out() if self.word is not None else np.array([], dtype=object)

    @staticmethod
    def _combine(char: sp.spmatrix, word: sp.spmatrix) -> sp.csr_matrix:
        char = unit_rows(char) * math.sqrt(CHAR_SHARE)
        word = unit_rows(word) * math.sqrt(1 - CHAR_SHARE)
        return unit_rows(sp.hstack([char, word]).tocsr())

    def vectorize(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The combined TF-IDF vectors of texts (e.g. a pasted draft), unit length (zero without a vocabulary)."""
        if self.char is None or self.word is None:
            return sp.csr_matrix((len(texts), 1), dtype=np.float32)
        folded = [fold(without_template(t)) for t in texts]
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
        folded = fold(without_template(text))
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

    def word_vector(self, text: str) -> sp.csr_matrix:
        """The word-space vector of a text (to name the words it shares with a commitment)."""
        if self.word is None:
            return sp.csr_matrix((1, 1), dtype=np.float32)
        return unit_rows(self.word.transform([fold(without_template(text))])).tocsr()

    def sentence_terms(self, text: str) -> Sentences:
        """The sentences of ``text``, and for each word-space term (word or two-word term) the sentences
        that hold it: what finding the passage two texts share needs."""
        if self.word is None:
            return Sentences([], {})
        analyze = self._spaces[-1][0]  # the word vectoriser's analyser: the terms ``shared_terms`` names
        found = list(sentences(text))
        holding: dict[str, list[int]] = {}
        for i, sentence in enumerate(found):
            for term in set(analyze(fold(sentence))):
                holding.setdefault(term, []).append(i)
        return Sentences(found, holding)

    def shared_terms(self, query: sp.csr_matrix, matches: Sequence[int], limit: int = 5) -> list[list[str]]:
        """For each of ``matches``, the words and two-word terms it and ``query`` weigh most (folded), most
        telling first. ``query`` is one row of the word space (``words[i]``, or ``word_vector(draft)``).

        One sparse product for all matches (the derivation explains ~45 matches per commitment). A word
        that is part of a chosen two-word term is not listed again on its own.
        """
        if self.word is None or not len(matches) or query.nnz == 0:
            return [[] for _ in matches]
        products = self.words[list(matches)].multiply(query).tocsr()
        found = []
        for r in range(products.shape[0]):
            start, stop = products.indptr[r], products.indptr[r + 1]
            columns, weights = products.indices[start:stop], products.data[start:stop]
            chosen: list[str] = []
            for j in np.argsort(-weights, kind="stable")[: 4 * limit]:
                term = str(self.terms[columns[j]])
                if any(term in other.split() for other in chosen):
                    continue
                chosen = [other for other in chosen if not (" " in term and other in term.split())]
                chosen.append(term)
                if len(chosen) == limit:
                    break
            found.append(chosen)
        return found
