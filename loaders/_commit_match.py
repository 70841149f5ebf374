"""Is this row the same commitment as that one? Matching commitments across layouts that share no id.

The legacy layouts (IRM Explorer export, 2015 Combined Database) have no OGP id, and their numbers are
unreliable: spreadsheets mangle them (``1.10`` saved as ``1.1``), the 2015 database writes them inside the
title (``"3.2. Open budget"``, ``"Commitment n°4: …"``, ``"Action 1.2 – …"``) and often numbers parts of
a commitment (its milestones) rather than the commitment. Within one member's action plan, a row (a
*part*) is matched to a commitment of a more authoritative layout (a *whole*) on three kinds of evidence:

- title: rapidfuzz ``token_set_ratio`` of the titles without their leading number (best of every title
  and short title the whole is known by);
- text: word 3-gram overlap of the full texts, both as "the same text" (overlap both ways) and as "a
  part of the text" (the row's text found inside the commitment's: a milestone of it);
- number: equal, a sub-number (``9.4`` of ``9``), the same digits (``A17``/``SC17``), or conflicting.

A title or text shared by several rows of the same plan (a heading repeated over its milestones, one text
copied onto several rows) says nothing about which commitment a row is, so it is not counted. A row
joins its best whole when the evidence reaches ``ACCEPT`` and beats the runner-up by ``MARGIN``; several
rows may join one whole (its parts), a row never joins two. The thresholds were set by reading every
candidate pair of the real 2015 file against the current export (see ``bench/legacy_merge.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from unidecode import unidecode

ACCEPT = 0.8  # evidence needed to call two rows the same commitment
MARGIN = 0.1  # and by how much the best whole must beat the second best
TITLE_STRONG = 0.85  # title similarity that is evidence on its own
TITLE_WITH_NUMBER = 0.7  # title similarity that is enough when the numbers agree
TEXT_SAME = 0.6  # overlap both ways that makes two texts the same text
TEXT_PART = 0.8  # share of a row's text found in a commitment's text that makes it a part of it
TITLE_CORROBORATES = 0.75  # title similarity that, with text evidence, adds CORROBORATION
CORROBORATION = 0.1
SHINGLE = 3  # words per shingle

# A number leading a title, with the words real exports put before it.
_LEADING_NUMBER = re.compile(
    r"""^\W*
    (?:(?:commitment|compromiso|engagement|action|measure|goal|meta|objective|objetivo)s?\s*
       (?:group\s*)?(?:no\.?|n°|nº|number|\#)?\s*)?
    (?P<number>
        [a-z]{0,2}\d+(?:[a-z]{1,2}\d+)*[a-z]?                # 1, A17, O1M1, 1a
        (?:\s?[.:\-]\s?\d+[a-z]?)*                          # .1, :2, .1a
        (?:[.:]?\s?[a-z]\)|\.[a-z](?=[.)]))?                 # 4:a)  1.1.a.
      | [ivx]{1,5}(?=[.)])                                  # i. ii)
      | [a-h](?=[.)]\s)                                     # a. b)
    )
    (?=[\s.):\-–—])[\s.):\-–—]*""",
    re.IGNORECASE | re.VERBOSE,
)
_NOT_A_NUMBER = 150  # a bare integer above this leading a title is a year or an amount, not a commitment number


def split_number(title: str) -> tuple[str | None, str]:
    """``(number, rest)`` of a title that starts with a commitment number (``"4:a) Open data"`` -> ``("4.a", …)``).

    The number is returned dotted (``:``, ``)`` and ``-`` become ``.``) as written otherwise (``A17``, ``1.1.a``).
    """
    text = " ".join(title.replace("\ufffc", " ").split())
    match = _LEADING_NUMBER.match(text)
    if not match or not match.group("number") or match.end() >= len(text):
        return None, text
    raw = match.group("number")
    if raw.isdigit() and int(raw) > _NOT_A_NUMBER:
        return None, text
    number = re.sub(r"\s*[.:\-)]\s*", ".", raw.replace(" ", "")).strip(".")
    return (number or None), text[match.end() :].strip()


def number_key(number: str | None) -> str | None:
    """A number for comparing: lower case, dotted (``1.6a)`` -> ``1.6a``, ``B.1 a)`` -> ``b.1.a``)."""
    if not number:
        return None
    key = re.sub(r"[^a-z0-9]+", ".", unidecode(number).lower()).strip(".")
    return key or None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unidecode(text).lower())


def title_key(title: str) -> str:
    """Lower-case ASCII words of a title without its leading number (and ``Commitment n°`` words)."""
    return " ".join(_words(split_number(title)[1]))


def shingles(text: str) -> frozenset[str]:
    """Word 3-grams of a text without the list number leading it (the whole text when it is shorter)."""
    words = _words(split_number(text)[1])
    if len(words) <= SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


@dataclass(frozen=True)
class Fingerprint:
    """What one commitment (or row) is known by: its number and every title and text a source gave it."""

    number: str | None
    titles: tuple[str, ...]
    texts: tuple[str, ...]

    @classmethod
    def of(cls, number: str | None, titles: Sequence[str | None], texts: Sequence[str | None]) -> Fingerprint:
        """From raw values (blanks dropped; the number may also lead a title)."""
        clean_titles = tuple(t for t in titles if t and t.strip())
        if not number:
            number = next((n for n in (split_number(t)[0] for t in clean_titles) if n), None)
        return cls(number_key(number), clean_titles, tuple(t for t in texts if t and t.strip()))


@dataclass(frozen=True)
class _Features:
    number: str | None
    titles: frozenset[str]
    texts: tuple[frozenset[str], ...]


def _features(print_: Fingerprint) -> _Features:
    titles = frozenset(k for k in (title_key(t) for t in print_.titles) if k)
    return _Features(print_.number, titles, tuple(s for s in (shingles(t) for t in print_.texts) if s))


@dataclass(frozen=True)
class Evidence:
    """Why a row is (or is not) taken for a commitment: the parts of the score, for reports."""

    title: float
    same_text: float
    part_text: float
    number: str  # "eq", "sub", "digits", "mangled", "conflict" or "unknown"
    score: float


def _number_relation(part: str | None, whole: str | None) -> str:
    if not part or not whole:
        return "unknown"
    if part == whole:
        return "eq"
    if part.startswith(whole + "."):
        return "sub"
    digits_part, digits_whole = re.sub(r"\D+", ".", part).strip("."), re.sub(r"\D+", ".", whole).strip(".")
    if digits_part and digits_part == digits_whole:
        return "digits"
    if re.fullmatch(r"\d+\.\d+", part) and re.fullmatch(r"\d+\.\d+", whole) and float(part) == float(whole):
        return "mangled"  # 1.10 saved as 1.1 by a spreadsheet
    return "conflict"


_NUMBER_BONUS = {"eq": 0.2, "sub": 0.1, "digits": 0.1, "mangled": 0.1, "conflict": -0.15, "unknown": 0.0}
TITLE_ONLY_CONFLICT = -0.3  # a conflicting number weighs more when only the titles agree


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def evidence(part: _Features, whole: _Features, shared_title: bool, shared_text: bool) -> Evidence:
    """The evidence that ``part`` is ``whole`` (or one of its parts)."""
    title = 0.0
    if not shared_title:
        title = max((fuzz.token_set_ratio(a, b) / 100 for a in part.titles for b in whole.titles), default=0.0)
    same = inside = 0.0
    if not shared_text:
        for a in part.texts:
            for b in whole.texts:
                forward, backward = _overlap(a, b), _overlap(b, a)
                same, inside = max(same, min(forward, backward)), max(inside, forward)
    # A number read from a heading shared by several rows is the heading's, not the row's.
    relation = "unknown" if shared_title else _number_relation(part.number, whole.number)
    title_evidence = title if title >= TITLE_STRONG or (relation == "eq" and title >= TITLE_WITH_NUMBER) else 0.0
    text_evidence = max(same if same >= TEXT_SAME else 0.0, inside if inside >= TEXT_PART else 0.0)
    score = max(title_evidence, text_evidence)
    if score:
        # Only a title similar (not equal) to the commitment's, and another number: most likely a sibling.
        alike_only = relation == "conflict" and not text_evidence and not (part.titles & whole.titles)
        score += TITLE_ONLY_CONFLICT if alike_only else _NUMBER_BONUS[relation]
        if text_evidence and title >= TITLE_CORROBORATES:
            score += CORROBORATION
    return Evidence(round(title, 3), round(same, 3), round(inside, 3), relation, round(score, 3))


@dataclass(frozen=True)
class Match:
    """A row (part) taken for a commitment (whole), with the evidence and the runner-up's score."""

    part: str
    whole: str
    evidence: Evidence
    runner_up: float


def assign(
    parts: Mapping[str, Fingerprint], wholes: Mapping[str, Fingerprint], others: Sequence[Fingerprint] = ()
) -> dict[str, Match]:
    """For each part (all from one member's plan), the whole it is, if the evidence is clear.

    ``others`` are the plan's other rows of the parts' layout that are not in question (already merged
    into a whole): they count when deciding whether a title or text is shared. Deterministic: ties and
    near-ties (closer than ``MARGIN``) leave the part unmatched.
    """
    if not parts or not wholes:
        return {}
    features = {key: _features(p) for key, p in parts.items()}
    whole_features = {key: _features(w) for key, w in wholes.items()}
    everyone = [*features.values(), *(_features(o) for o in others)]
    title_count = Counter(t for f in everyone for t in f.titles)
    text_count = Counter(t for f in everyone for t in set(f.texts))
    found: dict[str, Match] = {}
    for key, part in sorted(features.items()):
        shared_title = bool(part.titles) and all(title_count[t] > 1 for t in part.titles)
        shared_text = bool(part.texts) and all(text_count[t] > 1 for t in part.texts)
        scored = sorted(
            (
                (evidence(part, whole, shared_title, shared_text), whole_key)
                for whole_key, whole in whole_features.items()
            ),
            key=lambda pair: (-pair[0].score, pair[1]),
        )
        best, best_key = scored[0]
        runner_up = scored[1][0].score if len(scored) > 1 else 0.0
        if best.score >= ACCEPT and best.score - runner_up >= MARGIN:
            found[key] = Match(key, best_key, best, runner_up)
    return found
