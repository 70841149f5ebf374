"""Why two texts are alike, in a reformer's terms: the words they share, the passage that shares them, the concept.

Numbers (component values) say how much; these say what. ``shared_terms`` are the distinctive words
both texts weigh most (TF-IDF), shown as the match writes them; ``passage`` is the sentence of the match
that holds most of them. Across languages the texts share meaning but not words: then the concept (the
policy areas both address, or that a draft most likely addresses) carries the explanation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from discovery.corpus import Corpus
from discovery.lexical import Sentences
from discovery.text import SENTENCE_END, fold, language, sentence_of, sentences

PASSAGE_CHARS = 240  # a passage longer than this is cut around its first shared term


@dataclass(frozen=True)
class Explanation:
    """What a query (a commitment or a draft) and one match share."""

    shared_terms: tuple[str, ...] = ()
    passage: str | None = None
    shared_policy_areas: tuple[str, ...] = ()  # ids, most specific first
    cross_language: bool = False
    query_language: str = "en"
    match_language: str = "en"
    query_thin: bool = False
    match_thin: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=False)


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    """A term (folded) as a text may write it: its words in order, up to two short words between them
    (the word space drops function words before pairing words: "register of owners" holds "register owners")."""
    words = [re.escape(w) for w in term.split()]
    # The first word as a literal, its word boundary checked behind it: the regex engine then jumps from one
    # occurrence of that word to the next (~25x faster on a long text than trying a leading \b everywhere).
    first = words[0] + r"(?<=\b" + words[0] + ")"
    return re.compile(first + "".join(r"(?:\W+\w{1,4}){0,2}\W+" + w for w in words[1:]) + r"\b")


def surface(text: str, term: str) -> str:
    """``term`` (folded) as ``text`` writes it (its case and accents), or the term itself when not found."""
    folded = fold(text)
    if len(folded) != len(text):  # a character folded into several: positions do not line up, keep the term
        return term
    found = _term_pattern(term).search(folded)
    return text[found.start() : found.end()] if found else term


def passage(text: Sentences, terms: Sequence[str], limit: int = PASSAGE_CHARS) -> str | None:
    """The sentence holding the most ``terms`` (earlier ones count more), cut to ``limit`` around the first
    one; ``None`` when no sentence holds any. ``text`` comes split, with the sentences holding each term
    (``WordSpace.sentence_terms``): the derivation explains every stored pair, so this is dictionary lookups."""
    score: dict[int, float] = {}
    for rank, term in enumerate(terms):
        for i in text.holding.get(term, ()):
            score[i] = score.get(i, 0.0) + 1.0 / (1 + rank)
    if not score:
        return None
    return _cut(text.sentences[min(score, key=lambda i: (-score[i], i))], terms, limit)


def _cut(best: str, terms: Sequence[str], limit: int) -> str:
    """``best`` cut to ``limit`` characters around the first of ``terms`` it holds."""
    if len(best) <= limit:
        return best
    folded = fold(best)
    found = [m.start() for t in terms if (m := _term_pattern(t).search(folded))] if len(folded) == len(best) else []
    start = max(0, min(min(found, default=0) - limit // 4, len(best) - limit))
    cut = best[start : start + limit].strip()
    return ("…" if start else "") + cut + ("…" if start + limit < len(best) else "")


def passage_in(text: str, terms: Sequence[str], limit: int = PASSAGE_CHARS) -> str | None:
    """``passage`` for a text not split yet (a stored match's, read when a client asks for its passage).

    Asked for every match of a page, so it must cost well under a millisecond: the terms are searched in
    the whole folded text at once, and only the sentences that hold them are cut out and checked (splitting
    and checking every sentence of a long text first cost ~30 ms a match). Same choice as ``passage``.
    """
    if not terms or not text:
        return None
    folded = fold(text)
    if len(folded) != len(text):  # a character folded into several: positions do not line up
        return _passage_by_sentence(text, terms, limit)
    separators = list(SENTENCE_END.finditer(text))
    starts = [0, *(m.end() for m in separators)]
    ends = [*(m.start() for m in separators), len(text)]
    score: dict[int, float] = {}
    for rank, term in enumerate(terms):
        holding = set()
        for found in _term_pattern(term).finditer(folded):
            piece = bisect_right(starts, found.start()) - 1
            if found.end() <= ends[piece]:
                holding.add(piece)
        for piece in holding:
            score[piece] = score.get(piece, 0.0) + 1.0 / (1 + rank)
    for piece in sorted(score, key=lambda i: (-score[i], i)):
        sentence = sentence_of(text[starts[piece] : ends[piece]])
        if sentence is not None:
            return _cut(sentence, terms, limit)
    return None


def _passage_by_sentence(text: str, terms: Sequence[str], limit: int) -> str | None:
    """``passage_in`` the slow way: every sentence split out, folded and searched."""
    patterns = [_term_pattern(t) for t in terms]
    found = list(sentences(text))
    holding: dict[str, list[int]] = {}
    for i, sentence in enumerate(found):
        folded = fold(sentence)
        for term, pattern in zip(terms, patterns, strict=True):
            if pattern.search(folded):
                holding.setdefault(term, []).append(i)
    return passage(Sentences(found, holding), terms, limit)


LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese"}


def summary(explanation: Explanation, area_names: Mapping[str, str], match_text: str = "") -> str:
    """One sentence saying what the two texts share (the words, else the concept), and any caveat."""
    parts = []
    if explanation.shared_terms:
        shown = [surface(match_text, t) if match_text else t for t in explanation.shared_terms[:4]]
        parts.append("Both texts speak of " + ", ".join(f"“{t}”" for t in shown))
    elif explanation.cross_language:
        parts.append(
            f"Alike in meaning across languages ({LANGUAGE_NAMES.get(explanation.query_language, '?')} and "
            f"{LANGUAGE_NAMES.get(explanation.match_language, '?')})"
        )
    else:
        parts.append("Alike in meaning, with few words in common")
    areas = [area_names.get(a, a) for a in explanation.shared_policy_areas[:2]]
    if areas:
        parts.append("both address " + " and ".join(areas))
    caveats = []
    if explanation.query_thin:
        caveats.append("the query has little text beyond its title")
    if explanation.match_thin:
        caveats.append("the match has little text beyond its title")
    text = "; ".join(parts)
    if caveats:
        text += " (" + " and ".join(caveats) + ", so this rests on titles)"
    return text + "."


def explain(
    corpus: Corpus, query: int | None, matches: Sequence[int], draft: str = "", with_passage: bool = True
) -> list[Explanation]:
    """What a corpus commitment (or a draft, ``query=None``) shares with each of ``matches``; the passage
    only ``with_passage`` (the derivation stores the terms; the passage is found when a client asks)."""
    query_words = corpus.words.words[query] if query is not None else corpus.words.word_vector(draft)
    terms = corpus.words.shared_terms(query_words, matches)
    query_language = str(corpus.languages[query]) if query is not None else language(draft)
    found = []
    for j, shared in zip(matches, terms, strict=True):
        match = corpus.docs[j]
        found.append(
            Explanation(
                shared_terms=tuple(shared),
                passage=passage(corpus.sentences(j), shared) if with_passage else None,
                shared_policy_areas=corpus.shared_areas(corpus.docs[query], match) if query is not None else (),
                cross_language=query_language != str(corpus.languages[j]),
                query_language=query_language,
                match_language=str(corpus.languages[j]),
                query_thin=bool(corpus.thin[query]) if query is not None else False,
                match_thin=bool(corpus.thin[j]),
            )
        )
    return found
