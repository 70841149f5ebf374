"""The word lists of ``loaders/data/organization_words.yaml`` and the classifier built on them.

Classification looks at the *head noun*: the last organisation word before the first preposition
("Council for Civil Society Development" -> council -> government; "Civil Society Institute" ->
institute -> civil society; "Fundación Directorio Legislativo" -> fundación). Named multilaterals
and company markers win over the head; a parliament word anywhere makes a non-ministry body a
parliament body ("Secretary General of the House of Representatives"). When the name tells nothing,
the label the cell puts above it ("Gobierno:", "Civil Society:") decides; the alias table
(``organizations.yaml``) overrides all of this for the bodies it lists.

Decisions (documented here so they are easy to change):
- bilateral development agencies and their programmes (GIZ, USAID, DFID, SDC, AFD, WFD …) are
  ``multilateral``: the model has no "bilateral" kind and, like multilaterals, they work across members.
- universities, research centres and think tanks are ``civil_society`` (OGP counts academia as civil society).
- chambers of commerce and business associations are ``private``; associations of local governments,
  state-owned companies and national EITI bodies are ``government``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from unidecode import unidecode

from graph.model import OrganizationKind

KIND_NAMES: tuple[OrganizationKind, ...] = (
    "government",
    "parliament",
    "civil_society",
    "private",
    "multilateral",
    "unknown",
)
_COMPANY_RE = re.compile(r"\b(S\.A\.|GmbH|Ltd|Inc|LLC|CJSC|d\.d\.|d\.o\.o\.)(?=\W|$)")
_MINISTRY_WORDS = frozenset({"ministry", "minister", "ministerio", "ministere", "ministerie", "kementerian"})
_CENTRE_WORDS = frozenset({"institute", "instituto", "institut", "centre", "center", "centro"})
_UNIT_OF_RE = re.compile(r"\b(?:of|del|de la|du|da|do) (?:the )?(?:ministry|ministerio|ministere|ministerio)\b")
_ENTERPRISES = frozenset({"enterprises", "entreprises", "empresas", "petites et moyennes entreprises"})
# Heads that name bodies of either side ("committee", "council"): the cell's label decides when there is one.
_AMBIGUOUS_HEADS = frozenset(
    {"committee", "comite", "council", "consejo", "conseil", "board", "commission", "comision", "forum", "foro"}
)
_STATE_CENTRE_RE = re.compile(r"\b(statistic\w*|estadistica|national institute of|instituto nacional)\b")


def fold(text: str) -> str:
    """ASCII, lower case, punctuation as spaces, single-spaced (the form every word list is compared in)."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", unidecode(text).lower().replace("&", " and ")).split())


@dataclass(frozen=True)
class Words:
    """Every list of the words file, folded."""

    multilateral_names: tuple[str, ...]
    parliament_words: tuple[str, ...]
    government_heads: frozenset[str]
    civil_society_heads: frozenset[str]
    private_words: tuple[str, ...]
    private_heads: frozenset[str]
    government_phrases: tuple[str, ...]
    role_words: frozenset[str]
    adjectives: frozenset[str]
    group_starts: frozenset[str]
    group_ends: frozenset[str]
    quantifiers: frozenset[str]
    standalone_heads: frozenset[str]
    modifiers: frozenset[str]
    descriptive: frozenset[str]
    generic_words: frozenset[str]
    not_organizations: frozenset[str]
    portfolio_words: frozenset[str]
    end_heads: frozenset[str]
    start_heads: frozenset[str]
    people_labels: tuple[str, ...]
    people_words: frozenset[str]
    sentence_words: tuple[str, ...]
    joining_phrases: tuple[str, ...]
    note_words: frozenset[str]
    articles: tuple[str, ...]
    prepositions: frozenset[str]
    labels: dict[str, OrganizationKind | None]
    legal_forms: dict[str, OrganizationKind]

    def has(self, norm: str, phrases: tuple[str, ...] | frozenset[str]) -> bool:
        """Does the folded name contain one of the phrases as whole words?"""
        padded = f" {norm} "
        return any(f" {p} " in padded for p in phrases)


def _list(raw: Any, name: str) -> list[str]:
    if not isinstance(raw, str | list):
        raise ValueError(f"organization_words.yaml: {name} must be a comma-separated list of words")
    items = raw.split(",") if isinstance(raw, str) else [str(r) for r in raw]
    return [folded for folded in (fold(i) for i in items) if folded]


def _kinds(raw: Any, name: str, none_key: str | None = None) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValueError(f"organization_words.yaml: {name} must map a kind to a list of words")
    out: dict[str, Any] = {}
    for kind, words in raw.items():
        if kind != none_key and kind not in KIND_NAMES:
            raise ValueError(f"organization_words.yaml: {name}: {kind!r} is not a kind ({', '.join(KIND_NAMES)})")
        for word in _list(words, f"{name}.{kind}"):
            out[word] = None if kind == none_key else kind
    return out


@cache
def words() -> Words:
    """The word lists, read once from the package data (``ValueError`` names a malformed list)."""
    text = resources.files("loaders").joinpath("data", "organization_words.yaml").read_text(encoding="utf-8")
    return parse_words(text)


def parse_words(text: str) -> Words:
    """The word lists of a words file's text; ``ValueError`` says which list is missing, unknown or malformed."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"organization_words.yaml: not YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ValueError("organization_words.yaml: expected a mapping of list names to words")
    expected = set(Words.__dataclass_fields__)
    missing, unknown = sorted(expected - set(raw)), sorted(set(raw) - expected)
    if missing or unknown:
        raise ValueError(f"organization_words.yaml: missing lists {missing}, unknown lists {unknown}")
    lists = {k: _list(v, k) for k, v in raw.items() if k not in ("labels", "legal_forms")}
    longest_first = ("private_words", "government_phrases", "people_labels", "joining_phrases", "sentence_words")
    tuples = {"multilateral_names", "parliament_words", "articles", *longest_first}
    values: dict[str, Any] = {}
    for name, items in lists.items():
        if name in longest_first:
            values[name] = tuple(sorted(set(items), key=len, reverse=True))
        else:
            values[name] = tuple(dict.fromkeys(items)) if name in tuples else frozenset(items)
    values["labels"] = _kinds(raw["labels"], "labels", none_key="no_kind")
    values["legal_forms"] = _kinds(raw["legal_forms"], "legal_forms")
    return Words(**values)


@cache
def _phrases(heads: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted((h for h in heads if " " in h), key=len, reverse=True))


def head_word(norm: str) -> tuple[str, str] | None:
    """The head organisation word of a folded name and its family ('gov' or 'cso'), or None."""
    w = words()
    tokens = norm.split()
    found: list[tuple[int, str, str]] = []
    for i, token in enumerate(tokens):
        if token in w.government_heads:
            found.append((i, token, "gov"))
        elif token in w.civil_society_heads:
            found.append((i, token, "cso"))
    if not found:
        return None
    if found[0][0] == 0:  # "Ministry of …", "Fundación …", "Office of …": the first word is the head
        return found[0][1], found[0][2]
    first_prep = next((i for i, t in enumerate(tokens) if t in w.prepositions and i > 0), len(tokens))
    before = [f for f in found if f[0] < first_prep]
    _, word, family = before[-1] if before else found[0]
    return word, family


_MINISTRY_ACRONYM_RE = re.compile(r"^Mo[A-Z][A-Za-z]{0,3}$")


def classify(norm: str, original: str, hint: OrganizationKind | None = None) -> OrganizationKind:
    """The kind of a body from its folded name (and original spelling), else the cell's label ``hint``."""
    w = words()
    if w.has(norm, w.multilateral_names):
        return "multilateral"
    if w.has(norm, w.private_words) or _COMPANY_RE.search(original):
        return "private"
    if w.has(norm, w.government_phrases):
        return "government"
    head = head_word(norm)
    word, family = head if head else ("", None)
    ministry = word in _MINISTRY_WORDS
    if not ministry and w.has(norm, _phrases(w.civil_society_heads)):
        return "civil_society"  # "PNG Council of Churches", "Trade Union …", "Journalists Club"
    if w.has(norm, _phrases(w.government_heads)) or _UNIT_OF_RE.search(norm):
        return "government"  # "Centre of Registers …", "Training Centre of the Ministry of Justice"
    if w.has(norm, w.private_heads | _ENTERPRISES) and not ministry and family != "gov":
        return "private"
    if hint and word in _AMBIGUOUS_HEADS:
        return hint  # "Helsinki Committee …" under "Civil Society:", a council under "Government:"
    parliament = w.has(norm, w.parliament_words)
    if family == "cso":
        if word in _CENTRE_WORDS and _STATE_CENTRE_RE.search(norm):
            return "government"
        if word in {"group", "grupo", "caucus", "programme", "program", "project", "diputados"} and parliament:
            return "parliament"
        return "civil_society"
    if family == "gov":
        if word in _MINISTRY_WORDS:
            return "government"
        return "parliament" if parliament else "government"
    if parliament:
        return "parliament"
    if any(t in w.role_words for t in norm.split()) or _MINISTRY_ACRONYM_RE.match(original.strip()):
        return "government"  # "MoJ", "MoF", "MoFA": a ministry's acronym
    return hint or "unknown"


def has_proper_name(norm: str) -> bool:
    """Does a folded name contain a word that is not generic, descriptive or an organisation word?"""
    w = words()
    known = w.generic_words | w.descriptive | w.government_heads | w.civil_society_heads | w.role_words
    return any(t not in known and not t.isdigit() and len(t) > 1 for t in norm.split())


def is_generic(norm: str) -> bool:
    """True when a name only uses generic words ("other interested NGOs and CSOs") or is a non-answer."""
    w = words()
    if norm in w.not_organizations:
        return True
    tokens = norm.split()
    return not tokens or all(t in w.generic_words or t.isdigit() for t in tokens)
