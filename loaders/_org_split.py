"""Split a free-text institutions cell into organisation names, and clean each name.

Steps: ``prepare`` (contacts, notes, bullets, wrapped lines; loaders/_org_clean.py), labels and parents
(loaders/_org_labels.py), then strong separators (new line, ``;``), commas (never inside an unfinished
ministry list: "Ministry of Labour, Employment and Social Protection"), connectors (``and``/``y``/``et``/
``&``/`` - ``/``/``, only between two names), and last the cuts inside lists written without any
separator ("Ministry of Finance Ministry of Economy State Treasury …"): before a word that opens a name,
after one that closes it, at an acronym, a closing quote or a footnote number, and around a body the
alias table knows. Then names that are people, labels, groups or sentences are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from loaders._org_aliases import alias_table
from loaders._org_clean import CONTACT_MARKERS_RE, prepare
from loaders._org_connectors import comma_parts, connector_parts
from loaders._org_cuts import PLACES, cut_glued, cut_known
from loaders._org_keys import match_key
from loaders._org_labels import State, runs
from loaders._org_lexicon import fold, words
from loaders._org_names import Piece, clean_name, is_acronym, keep

_MINISTRIES_OF_RE = re.compile(
    r"^(?:the\s+)?(?:ministries|ministrries|ministerios|minist[eè]res)\s+"
    r"(of|de|du|des|responsible for|in charge of)\s*:?\s*(.+)$",
    re.IGNORECASE,
)

_SLASH_RE = re.compile(r"(?<=[a-z]{3})/(?=[A-Z][a-z]+ [A-Z])")
# "Ministerio de Finanzas (Dirección Técnica del Presupuesto …)": a body named in brackets is a body of its own
_PAREN_BODY_RE = re.compile(r"\(((?:[A-Z][\w\-]+)(?:\s+[\w\-’']+){1,12})\)")


def _proper_part(text: str) -> str:
    """The name without the lower-case words after it ("Contraloría General de la República preside")."""
    tokens = text.split()
    while len(tokens) > 1 and tokens[-1][:1].islower() and fold(tokens[-1]) not in words().prepositions:
        tokens.pop()
    return " ".join(tokens)


def _expands(text: str, match: re.Match[str]) -> bool:
    """Is the bracket an expansion or alias of what stands before it (not a second body)?"""
    inner = match.group(1)
    first = fold(inner.split()[0])
    heads = words().government_heads | words().civil_society_heads | words().start_heads
    if first not in heads or first in words().modifiers - {"national", "federal", "state"}:
        return True  # "(Open Knowledge)", "(Training Center)", "(Seguro Popular)"
    before = text[: match.start()].rstrip().split()
    return bool(before) and is_acronym(before[-1].strip(",;"))  # "UAIP (Unidad de Acceso …)", "MES (Agency …)"


def ministries_list(body: str) -> list[str] | None:
    """ "Ministries of Communication, Finance and Justice" -> one "Ministry of …" per portfolio (None: not one)."""
    match = _MINISTRIES_OF_RE.match(body.strip())
    if not match:
        return None
    head = "Ministerio de" if match.group(1).lower() in ("de", "du", "des") else "Ministry of"
    listed = match.group(2).strip(" -–")
    dashed = re.split(r"\s+[-–]\s+", listed)  # "Finance - Industry, Commerce and Tourism - Transportation"
    items = [p.strip() for p in (dashed if len(dashed) > 1 else listed.split(",")) if p.strip()]
    if all(fold(i) in PLACES for i in items):
        return []  # "Ministries of Georgia": the ministries of a country, a group
    last = items[-1].split(" and ") if items else []
    if len(last) == 2 and all(fold(x) in words().portfolio_words for x in last):
        items[-1:] = last  # "…, Justice and Communication": two portfolios
    return [f"{head} {p}" for p in items]


_SENTENCE_END_RE = re.compile(r"(\S+)\.\s+(?=[A-Z\"“])")
_ABBREVIATIONS = frozenset({"mr", "ms", "mrs", "dr", "st", "no", "inc", "ltd", "co", "sr", "jr", "vs", "etc"})


def _sentences(text: str) -> list[str]:
    """Cut at ". " before a capital ("… Network of CSOs. Ushahidi"), not after an abbreviation or an initial."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        word = match.group(1).strip('()”"')
        if len(word) < 3 or fold(word) in _ABBREVIATIONS or "." in word:
            continue
        out.append(text[start : match.end(1)])
        start = match.end()
    return [*out, text[start:]]


def _outside_brackets(text: str, separator: str) -> list[str]:
    """Split at ``separator`` outside brackets ("Ministry of Finance (Secretary to Treasury; Debt and Aid Division)"
    is one part)."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth = depth + (ch == "(") - (ch == ")" and depth > 0)
        if ch == separator and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def _fragments(text: str, member_id: str, member: Sequence[str]) -> list[str]:
    """Every name-sized fragment of one run of text, by separators from strongest to weakest."""
    table = alias_table()

    def known(name: str) -> bool:
        key = match_key(name, tuple(member))
        return bool(key) and table.lookup(member_id, key) is not None

    out: list[str] = []
    text = _SLASH_RE.sub(", ", text)  # "Ministry of Justice/Nigeria Union of Journalist"
    text = _PAREN_BODY_RE.sub(lambda m: m.group(0) if _expands(text, m) else f", {_proper_part(m.group(1))},", text)
    for body in (b for chunk in _outside_brackets(text, ";") for b in _sentences(chunk)):
        body = body.strip(" -–—*•·")  # a bullet dash left at the start ("- Confédération Générale …")
        listed = ministries_list(body)
        for part in listed or comma_parts(body, known):
            for cut in cut_glued(part, member, known) if not listed else [part]:
                for piece in cut_known(cut, known, member):
                    out += connector_parts(piece, known)
    return out


def split_cell(text: str | None, member_id: str = "") -> list[Piece]:
    """Every organisation name in one institutions cell, in order, each once (``member_id``: whose cell it is)."""
    if not text or not text.strip():
        return []
    return list(_split(text, member_id))


@lru_cache(maxsize=1 << 14)  # a load splits each cell several times (observe, mentions, two resolver rounds)
def _split(text: str, member_id: str) -> tuple[Piece, ...]:
    member = alias_table().member_words(member_id) if member_id else ()
    prepared = prepare(text, member)
    lists_people = prepared != " ".join(text.split()) and bool(
        re.search(r"@|\d{6,}|\b(?:Mr|Ms|Mrs|Dr)\b\.?", text) or CONTACT_MARKERS_RE.search(text)
    )
    pieces: list[Piece] = []
    seen: set[tuple[str | None, str]] = set()
    state = State()
    for line in prepared.split("\n"):
        if not line.strip():
            state.parent = None  # a blank line ends a labelled group's units, not its kind
            continue
        for run in runs(line, state):
            if run.people:
                continue
            for fragment in _fragments(run.text, member_id, member):
                name, acronym, form_hint = clean_name(fragment)
                parent = run.parent if run.parent and fold(run.parent) != fold(name) else None
                key = (fold(parent) if parent else None, fold(name))
                if keep(name, lists_people, parent is not None) and key not in seen:
                    seen.add(key)
                    as_written = fragment.strip(" .,;:-–")
                    pieces.append(Piece(name, acronym, as_written, form_hint or run.hint, parent))
    return tuple(pieces)
