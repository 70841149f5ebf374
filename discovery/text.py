"""Commitment texts as discovery reads them: folded, language told, template headings removed, the lead.

Every function here depends on one text alone (never on the rest of the corpus), so what the encoder
embeds for a commitment, and the key its embedding is cached under, change only when that commitment's
own title or text changes: loading more data never re-embeds what is already embedded.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("en", "es", "fr", "pt")
LEAD_CHARS = 400  # of the body (after the titles) given to the encoder: the reform is stated up front
THIN_WORDS = 25  # a record whose body has fewer words than this (beyond its titles) is "thin"
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|\s+[•●·▪]\s*|\s-\s")


_MARKS = re.compile(r"[\u0300-\u036f]")  # combining accents, once NFKD has split them from their letters
_PUNCTUATION = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\xad", ""))


def fold(text: str) -> str:
    """Lower-case and strip accents (``Participación`` → ``participacion``) so languages share spellings.

    Unicode decomposition (NFKD) then dropping the accent marks: five times faster than transliterating
    (unidecode), which matters because every sentence of every commitment is folded when the corpus is
    built. Letters with no decomposition (Cyrillic, Georgian) stay as they are.
    """
    if text.isascii():
        return text.lower()
    folded = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    for old, new in _PUNCTUATION:  # (str.replace is C; a translate table is a dict lookup per character)
        folded = folded.replace(old, new)
    return folded.lower()


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Each language's function words (``data/function_words.txt``), folded."""
    found: dict[str, frozenset[str]] = {}
    for line in (DATA / "function_words.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, *words = line.split()
            found[language] = frozenset(words)
    return found


@cache
def _template() -> re.Pattern[str]:
    lines = (DATA / "template_headings.txt").read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    # A heading starts a text, a line or a sentence: testing the headings only there (the lookbehind fails
    # fast everywhere else) makes removing them ~10x faster on long texts than searching every position.
    return re.compile(r"(?:^|(?<=[\n.?!:;]))\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b\s*[?:.]?")


def language(text: str) -> str:
    """The language of a text among ``LANGUAGES``, told by its function words (English when none is found)."""
    words = _WORD.findall(fold(text))
    counts = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in function_words().items()}
    # Only words that are not function words of every language count; ties go to the first (English).
    best = max(LANGUAGES, key=lambda lang: counts.get(lang, 0))
    return best if counts.get(best, 0) > 0 else "en"


def _folded_with_origin(text: str) -> tuple[str, list[int] | None]:
    """``fold(text)`` and, for each of its characters, the index of the original character it came from
    (``None`` when folding kept every position, the usual case: accented letters fold one to one)."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    parts: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        one = fold(char)
        parts.append(one)
        origin.extend([i] * len(one))
    return "".join(parts), origin


def without_template(text: str) -> str:
    """The text with the template's headings (``What is the public problem…?``) removed, as written.

    The headings are found in the folded text (one spelling per heading, whatever the accents and case)
    and cut from the original, which the encoder reads best (accents carry meaning in es/fr/pt).
    """
    folded, origin = _folded_with_origin(text)
    kept, start = [], 0
    for match in _template().finditer(folded):
        if match.end() > match.start():
            first, last = (
                (match.start(), match.end() - 1) if origin is None else (origin[match.start()], origin[match.end() - 1])
            )
            kept.append(text[start:first])
            start = last + 1
    kept.append(text[start:])
    return _SPACES.sub(" ", " ".join(kept)).strip(" .:;-?")


def titles(title: str, short_title: str | None) -> str:
    """The title, and the short title in parentheses when it says something the title does not."""
    head = _SPACES.sub(" ", title or "").strip()
    short = _SPACES.sub(" ", short_title or "").strip()
    if short and fold(short) not in fold(head):
        head = f"{head} ({short})" if head else short
    return head


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first ``limit`` characters of a body without its template headings, cut at a word boundary."""
    body = without_template(text or "")
    if len(body) <= limit:
        return body
    cut = body.rfind(" ", 0, limit)
    return body[: cut if cut > limit // 2 else limit]


def passage(title: str, short_title: str | None, full_text: str | None, limit: int = LEAD_CHARS) -> str:
    """What the encoder embeds for a commitment: its titles and the lead of its text.

    Bounded on purpose: the cost of an embedding grows with its length (a whole commitment text takes
    ~10x a title and its lead), and a reformer judges "the same reform" from the titles and the opening.
    """
    head, body = titles(title, short_title), lead(full_text or "", limit)
    return f"{head}. {body}" if head and body else head or body


def passage_key(model_id: str, text: str) -> str:
    """The content address of an embedding: the model and the exact text it embedded."""
    return hashlib.sha256(f"{model_id}\0{text}".encode()).hexdigest()


def body_words(title: str, full_text: str | None) -> int:
    """Words of the body that are not template headings and not the title repeated."""
    body = fold(without_template(full_text or ""))
    folded_title = fold(title or "").strip(" .")
    if folded_title and body.startswith(folded_title):
        body = body[len(folded_title) :]
    return len(_WORD.findall(body))


def is_thin(title: str, full_text: str | None) -> bool:
    """A record with little text beyond its title: it can only be matched on its title."""
    return body_words(title, full_text) < THIN_WORDS


def sentences(text: str) -> Iterator[str]:
    """The sentences (or list items) of a text, whitespace squeezed, template headings dropped."""
    for piece in SENTENCE_END.split(text or ""):
        sentence = sentence_of(piece)
        if sentence is not None:
            yield sentence


def sentence_of(piece: str) -> str | None:
    """A piece of text between sentence ends as a sentence (whitespace squeezed), or ``None`` when it is too
    short (under four words) or only a template heading."""
    sentence = _SPACES.sub(" ", piece).strip(" -•●*")
    if len(_WORD.findall(sentence)) >= 4 and _WORD.search(_template().sub(" ", fold(sentence))):
        return sentence
    return None
