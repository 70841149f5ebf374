"""Labels inside institution cells: "Gobierno:", "Civil Society:", "State actors involved", "Citizens:" …

A cell often groups its names under labels. A label is never part of a name; it tells the kind of
the names after it (used only when a name does not tell its own kind), and "Citizens:"-like labels say
the names after them are people. A label naming a body ("De la Cámara de Diputadas y Diputados:",
"Ministry of Finance:") makes it the *parent* of the units listed after it, so the Chamber's and the
Senate's "Departamento de Informática" stay two bodies. ``runs`` cuts one line into such runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.model import OrganizationKind
from loaders._org_lexicon import fold, head_word, words

_PARENT_RE = re.compile(r"(?:^|\s)(?:De la|Del|De los|De las|From the|Of the)\s+([^:;]{3,80}?)\s*:", re.UNICODE)
_COLON_RE = re.compile(r"([^:;,]{2,80}?)\s*:(?!//)")
_MINISTRIES_RE = re.compile(r"^(?:the )?(?:ministries|ministerios|ministeres) (?:of|de|du|des)$")
PEOPLE = "people"


@dataclass(frozen=True)
class Run:
    """A stretch of a line under one label: its text, the label's kind hint, its parent body, or people."""

    text: str
    hint: OrganizationKind | None
    parent: str | None
    people: bool = False


@dataclass
class State:
    """What the labels seen so far say about the text that follows (carried across lines of a cell)."""

    hint: OrganizationKind | None = None
    parent: str | None = None
    people: bool = False


_ACCENTED = {"a": "aáàâäã", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü", "n": "nñ", "c": "cç"}


def _pattern(phrase: str) -> str:
    """A folded phrase as a pattern that also matches its accented spelling ("institucion publica" matches
    "Institución pública")."""

    def word(w: str) -> str:
        return "".join(f"[{_ACCENTED[ch]}]" if ch in _ACCENTED else re.escape(ch) for ch in w)

    return r"[\W_]*".join(word(w) for w in phrase.split())


@cache
def _label_re() -> re.Pattern[str]:
    """Every multi-word label, anywhere in a line; one-word labels only before ':' or '-' or alone."""
    phrases = sorted(words().labels, key=len, reverse=True)
    anywhere = [_pattern(p) for p in phrases if _distinctive(p)]
    single = [_pattern(p) for p in phrases if not _distinctive(p)]
    people = [_pattern(p) for p in words().people_labels]
    one = "|".join(single)
    return re.compile(
        rf"(?P<people>\b(?:{'|'.join(people)})\s*:)"
        rf"|(?P<multi>\b(?:{'|'.join(anywhere)})\b(?:\s*\([^)]*\))?\s*[:\-–]?)"
        rf"|(?P<single>(?:^|(?<=\s[\-–(])|(?<=^[\-–(]))\s*(?:{one})(?:\s*[:\-–]+|\s*$)|(?<=\s)(?:{one})\s*(?::|-(?=\s)))",
        re.IGNORECASE,
    )


def _distinctive(phrase: str) -> bool:
    """A label that cannot be part of a name, so it is one wherever it stands ("State actors involved")."""
    tokens = phrase.split()
    distinctive = ("involved", "actors", "actores", "multilaterals", "responsable", "corresponsables")
    return len(tokens) >= 4 or any(t in distinctive for t in tokens)


def _kind_of(label: str) -> OrganizationKind | None:
    folded = fold(label)
    found = words().labels.get(folded)
    if found is not None:
        return found
    return next((k for p, k in words().labels.items() if k and (folded.startswith(p) or folded.endswith(p))), None)


def _is_body(text: str) -> bool:
    folded = fold(text)
    return head_word(folded) is not None or words().has(folded, words().parliament_words)


def runs(line: str, state: State) -> list[Run]:
    """The runs of one line (``state`` carries the label in force from earlier lines and is updated)."""
    out: list[Run] = []
    position = 0
    for match in _label_re().finditer(line):
        before = line[position : match.start()]
        out += _parent_runs(before, state)
        label = match.group(0)
        state.people = bool(match.group("people"))
        if not state.people:
            state.hint = _kind_of(label.strip(" :-–"))
            state.parent = None
        position = match.end()
    out += _parent_runs(line[position:], state)
    return [r for r in out if r.text.strip(" ,.;:-–")]


def _parent_runs(text: str, state: State) -> list[Run]:
    """Split a stretch at "X:" where X names a body (it becomes the parent) or a generic label."""
    out: list[Run] = []
    position = 0
    matches = list(_PARENT_RE.finditer(text)) or list(_COLON_RE.finditer(text))
    for match in matches:
        name = match.group(1).strip()
        before = text[position : match.start()]
        folded = fold(name)
        phrase = any(t[:1].islower() and fold(t) not in words().prepositions for t in name.split())
        if match.re is _COLON_RE and not (_is_body(name) or folded in words().generic_words or _kind_of(name)):
            if not phrase:
                continue  # "Fundar: Centro de Análisis e Investigación": a colon inside a name
            out.append(Run(text[position : match.start()], state.hint, state.parent, state.people))
            position = match.end()  # "Taxation data: General Secretariat …": words about the names, not a name
            continue
        if _MINISTRIES_RE.match(folded):
            continue  # "Ministries of: - Finance - Industry, Commerce and Tourism": a list of ministries
        out.append(Run(before, state.hint, state.parent, state.people))
        if match.re is _PARENT_RE or (_is_body(name) and len(folded.split()) > 1):
            out.append(Run(name, state.hint, None, False))  # the parent is a body named in the cell
            state.parent, state.people = name, False
        else:
            state.hint, state.parent, state.people = _kind_of(name) or state.hint, None, False
        position = match.end()
    out.append(Run(text[position:], state.hint, state.parent, state.people))
    return out
