"""Comparison keys of organisation names: two spellings with one key in one member are one body.

``match_key`` forgives what does not tell bodies apart: case, accents and punctuation, articles and
prepositions ("State Agency for E-Governance" = "State Agency on E-Governance"), British and US spelling,
plurals, an office holder for the office ("Minister of Justice", "Head of Bureau X"), legal forms
("NGO", "LLC") and the member's own name ("Parliament of Georgia" = "Parliament", "Assembly of RM" =
"Assembly"). ``display_key`` keeps the words and only drops articles and the member's name: ids are made
from it, so they stay readable (``alb-ministry-of-justice``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from loaders._org_lexicon import fold, words

SYNONYMS: dict[str, str] = {
    "organisation": "organization",
    "organisations": "organizations",
    "labour": "labor",
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "defence": "defense",
    "favour": "favor",
    "honourable": "honorable",
    "min": "ministry",
    "dept": "department",
    "govt": "government",
    "gov": "government",
    "natl": "national",
    "intl": "international",
    "tv": "television",
    "televisions": "television",
    "egovernance": "e governance",
    "egovernment": "e government",
    "anticorruption": "anti corruption",
    "nonprofit": "non profit",
    "selfgovernment": "self government",
    "ministerial": "ministry",
    "ministere": "ministry",
    "ministerio": "ministry",
    "secretaria": "secretariat",
}
_PHRASES: tuple[tuple[str, str], ...] = (
    ("co operation", "cooperation"),
    ("e government", "egov"),
    ("e governance", "egov"),
)
_ROLE_PREFIX_RE = re.compile(
    r"^(?:(?P<ord>1st|2nd|3rd|first|second|third)\s+)?(?:acting\s+)?"
    r"(?:head|chief|chair|chairman|chairperson|director)\s+(?:of\s+(?:the\s+)?)?"
)
_MINISTER_RE = re.compile(
    r"^(?:the\s+)?(?:deputy\s+prime\s+minister\s+and\s+(?:the\s+)?)?minister\s+(?P<prep>of|for|in charge of)\s+"
)
_ORDINALS = {"1st": "i", "first": "i", "2nd": "ii", "second": "ii", "3rd": "iii", "third": "iii"}
_KEEP_S = ("ss", "us", "is", "ics", "ous")


def member_words(member_id: str, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """Folded ways to name a member: its slug's words and the alias table's words, longest first."""
    found = {fold(member_id.replace("-", " ")), *(fold(w) for w in extra)}
    if "," in member_id:  # never: slugs have no commas; kept for names passed by mistake
        found.add(fold(member_id.split(",")[0]))
    return tuple(sorted((w for w in found if w), key=len, reverse=True))


def _strip_member(key: str, names: Sequence[str], leading: bool = True) -> str:
    for name in names:
        if key == name:
            return key
        trailing = re.sub(
            rf"\s+(?:(?:of|de|du|da|do|del|in|for)\s+)?(?:the\s+)?(?:la\s+|el\s+)?"
            rf"(?:republic\s+of\s+|republica\s+de\s+|kingdom\s+of\s+)?(?:la\s+)?{re.escape(name)}$",
            "",
            key,
        )
        if trailing != key and trailing:
            return trailing
        if leading and key.startswith(name + " ") and len(key) > len(name) + 3:
            return key[len(name) + 1 :]
    return key


def _roles(key: str, ministry: bool = True) -> str:
    match = _ROLE_PREFIX_RE.match(key)
    if match and len(key) > match.end():
        rest = key[match.end() :]
        ordinal = _ORDINALS.get(match.group("ord") or "")
        key = f"{rest} {ordinal}" if ordinal and not re.search(r"\b(i|ii|iii|iv)$", rest) else rest
    minister = _MINISTER_RE.match(key) if ministry else None
    if minister and len(key) > minister.end():
        key = f"ministry of {key[minister.end() :]}"
    return key


def _legal_forms(key: str) -> str:
    forms = sorted(words().legal_forms, key=len, reverse=True)
    for form in forms:
        if key.startswith(form + " ") and len(key) > len(form) + 3:
            key = key[len(form) + 1 :]
        if key.endswith(" " + form) and len(key) > len(form) + 3:
            key = key[: -len(form) - 1]
    return key


@lru_cache(maxsize=1 << 16)
def display_key(name: str, member: tuple[str, ...] = (), leading: bool = True) -> str:
    """Folded name without a leading article, legal form or the member's name (``leading``: also a name that
    starts with it, "Ghana Integrity Initiative"; ids keep that one)."""
    key = fold(name)
    for article in words().articles:
        if key.startswith(article + " ") and len(key) > len(article) + 2:
            key = key[len(article) + 1 :]
            break
    key = _legal_forms(key)
    return _strip_member(key, member, leading) if member else key


def title_key(name: str, member: tuple[str, ...] = ()) -> str:
    """The display key without an office holder's title ("head of bureau for sessions i"): ids are made from it."""
    return _roles(display_key(name, member, leading=False), ministry=False)


@lru_cache(maxsize=1 << 16)
def match_key(name: str, member: tuple[str, ...] = ()) -> str:
    """The key two spellings of one body share (see the module docstring)."""
    key = _roles(display_key(name, member))
    if member:
        key = _strip_member(key, member)
    tokens = [SYNONYMS.get(t, t) for t in key.split()]
    key = " ".join(tokens)
    for phrase, replacement in _PHRASES:
        key = re.sub(rf"\b{phrase}\b", replacement, key)
    skip = words().prepositions
    kept = [t for t in key.split() if t not in skip] or key.split()
    out = []
    for token in kept:
        if len(token) > 4 and token.endswith("s") and not token.endswith(_KEEP_S):
            token = token[:-1]
        out.append(token)
    return " ".join(out)


def numbers(key: str) -> frozenset[str]:
    """Digits and roman numerals in a key: spellings that differ in them are different bodies."""
    return frozenset(t for t in key.split() if t.isdigit() or t in {"i", "ii", "iii", "iv", "v", "vi"})
