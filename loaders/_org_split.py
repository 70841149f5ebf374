"""Split a free-text institutions cell into organisation names (conservatively) and clean each name.

Strong separators (new line, ``;``, bullets, list numbering) always split; a comma, ``and``/``y``/``et``/
``e``/``&``, `` - `` or `` / `` split only when both sides look like organisation names, and a comma never
splits an unfinished ministry list ("Ministry of Labour, Employment and Social Protection").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode

from loaders._org_lexicon import (
    ADJECTIVES,
    ARTICLES,
    CSO_HEADS,
    END_HEADS,
    GENERIC_WORDS,
    GOVERNMENT_HEADS,
    GROUP_ENDS,
    GROUP_STARTS,
    KNOWN_ACRONYMS,
    MULTILATERAL_NAMES,
    PARLIAMENT_WORDS,
    PORTFOLIO_WORDS,
    START_HEADS,
    is_generic,
)

BULLETS = "•●▪◦·‣⁃\uf06c\uf0b7\uf0a7\uf0d8\uf076\u2023\u25aa\u25cf\u2022"
_BULLET_RE = re.compile(f"[{BULLETS}]")
_LINE_BULLET_RE = re.compile(r"^\s*(?:[-–—*>]+|\(?[a-zA-Z]\)|\d{1,2}[.)])\s+", re.MULTILINE)
_INLINE_NUMBER_RE = re.compile(r"(?:(?<=^)|(?<=[\s,.]))(?:\([a-z]\)|\d{1,2}[.)])\s+(?=[A-Z\"“])")
_HYPHEN_WRAP_RE = re.compile(r"(\w)-\s*\n\s*(?=[a-z])")
_JOIN_END_RE = re.compile(
    r"\b(of|for|and|the|de|del|la|el|des|du|da|do|on|to|in|y|et|e|with|para|pour)\s*$", re.IGNORECASE
)
_ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,14}$")
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_LABEL_RE = re.compile(r"^([^:]{2,120}):\s*(.*)$", re.DOTALL)
_ACTORS_ANYWHERE_RE = re.compile(r"\b(?:other|state)\s+actors\s+involved\b", re.IGNORECASE)
_ACTORS_PREFIX_RE = re.compile(
    r"^(?:other\s+|state\s+|government\s+)?actors\s+involved(?:\s*-\s*(?:government|csos?)\b)?\s*", re.IGNORECASE
)
_PEOPLE_RE = re.compile(r"\b(Mr|Ms|Mrs|Dr|Hon|Sr|Sra|Diputad[oa]|MP|Senator|Senador[a]?)\b\.?")
_PEOPLE_LABELS = ("citizens", "individuals", "persons", "people", "experts", "ciudadanos")
_SENTENCE_RE = re.compile(
    r"\b(will|have been|has been|taken into|which|who|that|according to|where appropriate|as appropriate|"
    r"interested in|involved in|such as|depending|nature of|in charge of the|upon|among other|see|que|conforman)\b",
    re.IGNORECASE,
)
_CONNECTOR_RE = re.compile(r"\s+(?:and|y|et|e|&|-|–|/)\s+|(?<=[\w)])\.\s+(?=[A-Z])")
_SLASH_ACRONYM_RE = re.compile(r"\s*/([A-Z]{2,8})/\s*")
_MINISTRY_LIST_RE = re.compile(
    r"^(?:the\s+)?(?:federal\s+|national\s+)?(?:ministry|ministerio|minist[eè]re|minist[eé]rio|department|"
    r"departamento|secretar[ií]a|minister)\b",
    re.IGNORECASE,
)
_MINISTRIES_OF_RE = re.compile(
    r"^(?:the\s+)?(?:ministries|ministrries|ministerios|minist[eè]res)\s+(of|de|du|des)\s*:?\s*(.+)$", re.IGNORECASE
)
_PREPOSITION_RE = re.compile(r"\b(of|for|in|on|de|del|para|pour|du|des)\b", re.IGNORECASE)
_STOP = frozenset(
    {
        "of",
        "for",
        "in",
        "on",
        "the",
        "and",
        "to",
        "de",
        "del",
        "la",
        "el",
        "y",
        "e",
        "et",
        "des",
        "du",
        "les",
        "los",
        "las",
        "a",
        "da",
        "do",
        "dos",
        "das",
        "with",
    }
)
MAX_WORDS = 12  # longer fragments are several names glued together, or a sentence
MAX_CHARS = 120
GLUED_WORDS = 8
_ORG_WORDS = tuple(GOVERNMENT_HEADS | CSO_HEADS) + tuple(w for w in PARLIAMENT_WORDS if w not in ADJECTIVES)
_ORG_WORDS += MULTILATERAL_NAMES


@dataclass(frozen=True)
class Piece:
    """One organisation name cut from a cell: cleaned name, acronym given with it, and the raw spelling."""

    name: str
    acronym: str | None
    as_written: str


def fold(text: str) -> str:
    """ASCII, lower case, punctuation as spaces, single-spaced."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", unidecode(text).lower().replace("&", " and ")).split())


def is_acronym(token: str) -> bool:
    """An acronym-like token: starts upper case, has two or more capitals (``OGP``, ``CDD-Ghana``, ``PNAfrica``)."""
    return bool(_ACRONYM_RE.match(token)) and sum(c.isupper() for c in token) >= 2


def strip_article(text: str) -> str:
    """Drop a leading article (any language in ``ARTICLES``)."""
    low = text.lower()
    for article in ARTICLES:
        if low.startswith(article) and len(text) > len(article) + 1:
            return text[len(article) :].lstrip()
    return text


def looks_like_org(text: str) -> bool:
    """Does this fragment look like an organisation name on its own (capitalised, with an org word or acronym)?"""
    bare = strip_article(text.strip(" .,\"“”'"))
    if not bare or not (bare[0].isupper() or bare[0].isdigit() or (len(bare) > 1 and bare[1].isupper())):
        return False
    if is_acronym(bare.split()[0]) or is_acronym(_PAREN_RE.sub("", bare).strip()):
        return True
    padded = f" {fold(bare)} "
    return any(f" {w} " in padded for w in _ORG_WORDS)


def _lines(text: str) -> list[str]:
    text = text.replace("\u00a0", " ").replace("\r", "\n").replace("\t", " ")
    text = _HYPHEN_WRAP_RE.sub(r"\1", text)
    text = _SLASH_ACRONYM_RE.sub(r" (\1)\n", text)
    text = _BULLET_RE.sub("\n", text)
    text = _ACTORS_ANYWHERE_RE.sub("\n", text)
    text = _LINE_BULLET_RE.sub("\n", text)
    text = _INLINE_NUMBER_RE.sub("\n", text)
    raw = [" ".join(line.split()) for line in text.split("\n")]
    lines: list[str] = []
    for line in raw:
        if not line:
            continue
        wrapped = _JOIN_END_RE.search(lines[-1]) or line[0].islower() or line[0].isdigit() if lines else False
        glue = wrapped and not lines[-1].endswith((";", "."))
        if glue:
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines


def _strip_label(line: str) -> str | None:
    """Remove a section label ("Civil Society:", "State actors involved"); None when the line lists people."""
    line = _ACTORS_PREFIX_RE.sub("", line)
    match = _LABEL_RE.match(line)
    if match:
        label = fold(match.group(1))
        if any(label.startswith(p) for p in _PEOPLE_LABELS):
            return None
        generic = is_generic(label) or "actor" in label or "stakeholder" in label or _SENTENCE_RE.search(label)
        if generic or label in {"initiator", "academia"}:
            return match.group(2)
    return line


def _comma_parts(line: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in line:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    merged: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        bare = re.sub(r"^(?:and|y|et|e)\s+", "", part)
        continues_list = (
            merged
            and _MINISTRY_LIST_RE.match(merged[-1])
            and bare[:1].isupper()
            and not looks_like_org(bare)
            and len(bare.split()) <= 5
            and not _PREPOSITION_RE.search(bare)
        )
        if continues_list:
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(bare)
    return merged


def _connector_parts(text: str) -> list[str]:
    """Split on and/y/et/e/&/-// only where both sides look like organisations."""
    pieces = _CONNECTOR_RE.split(text)
    seps = _CONNECTOR_RE.findall(text)
    if len(pieces) == 1:
        return [text]
    out = [pieces[0]]
    for sep, piece in zip(seps, pieces[1:], strict=True):
        dash_acronym = sep.strip() in {"-", "–", "/"} and is_acronym(piece.strip(" .,"))
        if not dash_acronym and looks_like_org(out[-1]) and looks_like_org(piece):
            out.append(piece)
        else:
            out[-1] = f"{out[-1]}{sep}{piece}"
    return out


def clean_name(raw: str) -> tuple[str, str | None]:
    """Trim quotes, articles and punctuation; pull out an acronym given in parentheses or after a dash."""
    name = raw.strip(" .,;:\"“”'‘’«»[]-–*").strip()
    if name.count("(") != name.count(")"):
        name = name.replace("(", " ").replace(")", " ").strip()
    acronym: str | None = None
    for inner in _PAREN_RE.findall(name):
        inner = inner.strip()
        outside = _PAREN_RE.sub("", name).strip()
        if is_acronym(inner) and acronym is None:
            acronym = inner
        elif is_acronym(outside) and len(inner.split()) >= 2 and looks_like_org(inner):
            return clean_name(inner)[0], outside
    name = " ".join(_PAREN_RE.sub(" ", name).split()).strip(" .,;:-–")
    name = re.sub(r"\s+(?:etc\.?|and|&|y|et|e)$", "", name).strip()
    dash = re.match(r"^(.{4,}?)\s*[-–/]\s*([A-Z][A-Za-z\-]{1,10})$", name)
    if dash and is_acronym(dash.group(2)):
        name, acronym = dash.group(1).strip(), acronym or dash.group(2)
    name = re.sub(r"\s+(?:Del|De la|De los|De)\s+[^:]*:$", "", name)
    words = name.split()
    while len(words) > 1 and words[0][:1].islower() and fold(words[0]) in GENERIC_WORDS:
        words.pop(0)  # "working groups Parliamentary Network Africa"
    name = " ".join(words)
    name = strip_article(name).strip(" \"“”':")
    expanded = KNOWN_ACRONYMS.get(name)
    if expanded:
        return expanded, acronym or (name if expanded != name else None)
    return name, acronym


def keep(name: str) -> bool:
    """Is this cleaned fragment an organisation name (not a non-answer, a sentence, a person or a generic group)?"""
    if len(name) < 2 or not (name[0].isupper() or name[0].isdigit() or (len(name) > 1 and name[1].isupper())):
        return False
    if fold(name.split()[0]) in GROUP_STARTS:
        return False
    if _PEOPLE_RE.search(name) or _SENTENCE_RE.search(name) or len(name.split()) > MAX_WORDS or len(name) > MAX_CHARS:
        return False
    words = fold(name).split()
    if words == [] or (len(words) == 1 and words[0] in PORTFOLIO_WORDS):
        return False
    if words[-1] in GROUP_ENDS and not _PREPOSITION_RE.search(name):
        return False
    content = [w for w in name.split() if w.lower() not in _STOP and w[:1].isalpha()]
    if len(content) >= 4 and sum(w[0].islower() for w in content) * 2 > len(content):
        return False  # mostly lower-case words: a description, not a name
    return not is_generic(fold(name))


def ministries_list(body: str) -> list[str] | None:
    """ "Ministries of Communication, Finance, Justice" -> one "Ministry of …" per portfolio (None: not such a list)."""
    match = _MINISTRIES_OF_RE.match(body.strip())
    if not match:
        return None
    head = "Ministry of" if match.group(1).lower() == "of" else "Ministerio de"
    return [f"{head} {p.strip()}" for p in match.group(2).split(",") if p.strip()]


def split_glued(name: str) -> list[str]:
    """Cut a long name at organisation boundaries: after a closing head, or before an opening "Centre for"."""
    words = name.split()
    if len(words) < GLUED_WORDS:
        return [name]
    cuts = [0]
    for i in range(1, len(words)):
        prev, word = fold(words[i - 1]), fold(words[i])
        nxt = fold(words[i + 1]) if i + 1 < len(words) else ""
        opens = word in START_HEADS and nxt in {"of", "for", "on"} and prev not in _STOP
        closes = prev in END_HEADS and words[i][:1].isupper() and word not in _STOP | END_HEADS
        if (opens or closes) and i - cuts[-1] >= 2:
            cuts.append(i)
    return [" ".join(words[a:b]) for a, b in zip(cuts, [*cuts[1:], len(words)], strict=True)]


def split_cell(text: str | None) -> list[Piece]:
    """Every organisation name in one institutions cell, in order, without duplicates."""
    if not text or not text.strip():
        return []
    pieces: list[Piece] = []
    seen: set[str] = set()
    for line in _lines(text):
        first = _strip_label(line)
        if first is None:
            continue
        bodies = [_strip_label(p) for p in first.split(";")]
        if None in bodies:  # a "Citizens:" label: the rest of the line names people
            bodies = bodies[: bodies.index(None)]
        for part in (c for b in bodies if b for c in (ministries_list(b) or _comma_parts(b))):
            for fragment in _connector_parts(part):
                whole, acronym = clean_name(fragment)
                glued = split_glued(whole)
                for sub in glued:
                    name, sub_acronym = clean_name(sub) if len(glued) > 1 else (whole, acronym)
                    key = fold(name)
                    if keep(name) and key not in seen:
                        seen.add(key)
                        pieces.append(Piece(name, sub_acronym, (sub if len(glued) > 1 else fragment).strip(" .,;")))
    return pieces
