"""One organisation name: clean it (quotes, articles, acronym, legal form) and decide whether it is one.

Not organisations: people (a title such as "Mr." or "Lcda.", a role such as "Independent Consultant", or
a bare personal name in a cell that lists contacts), labels, groups ("other NGOs", "County Assemblies"),
non-answers, sentences, and fragments that are a lone adjective or portfolio word ("Abierto", "Finance").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import OrganizationKind
from loaders._org_lexicon import fold, head_word, is_generic, words

_ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9&.\-/]{1,14}$")
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_TITLE_RE = re.compile(r"^(?:Mr|Ms|Mrs|Dr|Hon|Lcdo|Lcda|Ing|Prof|Sr|Sra|M\.\s?A)\b\.?\s*")
_TYPED_RE = re.compile(r"([^\"“«]{2,40}?)\s*[\"“«]([^\"“”«»]{2,80})[\"”»]?")
_ROLE_LEAD_RE = re.compile(
    r"^(?:a/)?(?:secretary|chairman|chairperson|director|commissioner)\s+(?=(?:department|ministry|office|agency)\b)",
    re.IGNORECASE,
)
_DASH_ACRONYM_RE = re.compile(r"^(.{4,}?)\s*[-–/]\s*([A-Z][A-Za-z\-]{1,10})$")
_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI"})
_TITLES = frozenset({"secretary", "commissioner", "general", "director", "chairman", "chairperson", "acting", "a"})
MAX_WORDS = 12  # more words than prepositions: several names glued together, or a sentence
MAX_CHARS = 140


@dataclass(frozen=True)
class Piece:
    """One organisation name cut from a cell: cleaned name, acronym, the raw spelling, hints from the cell."""

    name: str
    acronym: str | None
    as_written: str
    hint: OrganizationKind | None = None
    parent: str | None = None


def is_acronym(token: str) -> bool:
    """An acronym-like token: starts upper case, mostly capitals (``OGP``, ``CDD-Ghana``, ``PNAfrica``, ``IMdev``;
    not ``Anti-Corruption``)."""
    capitals = sum(c.isupper() for c in token)
    letters = sum(c.isalpha() for c in token) or 1
    slashed = "/" not in token or capitals == sum(c.isalpha() for c in token)  # "OGI/P", not "Services/TAPAS"
    return (
        bool(_ACRONYM_RE.match(token))
        and capitals >= 2
        and capitals / letters >= 0.35
        and slashed
        and token not in _ROMAN
    )


def strip_article(text: str) -> str:
    """Drop a leading article (any language in the word lists)."""
    low = text.lower()
    for article in words().articles:
        if low.startswith(article + " ") and len(text) > len(article) + 2:
            return text[len(article) + 1 :].lstrip()
    return text


def looks_like_org(text: str) -> bool:
    """Does this fragment look like an organisation name on its own (capitalised, with an org word or acronym)?"""
    bare = strip_article(text.strip(" .,\"“”'‘’«»"))
    if not bare or not (bare[0].isupper() or bare[0].isdigit() or (len(bare) > 1 and bare[1].isupper())):
        return False
    if is_acronym(bare.split()[0]) or is_acronym(_PAREN_RE.sub("", bare).strip()):
        return True
    folded = fold(bare)
    w = words()
    return head_word(folded) is not None or w.has(folded, w.parliament_words) or w.has(folded, w.multilateral_names)


def _legal_form(name: str) -> tuple[str, OrganizationKind | None]:
    """Drop a legal form before or after the name ("NGO Dixi Group", "'Hayantar' SNCO"); its kind is a hint."""
    tokens = name.split()
    for form, kind in sorted(words().legal_forms.items(), key=lambda f: -len(f[0])):
        for size in range(1, min(len(tokens), 5)):
            if fold(" ".join(tokens[:size])) == form:
                return " ".join(tokens[size:]), kind
            rest = " ".join(tokens[:-size])
            quoted = rest[:1] in '"“«' or rest[-1:] in '"”»'
            if fold(" ".join(tokens[-size:])) == form and (kind != "private" or quoted):
                return rest, kind  # "Meqanizatori LLC" keeps its form, '"EKENG" CJSC' is EKENG
    return name, None


def clean_name(raw: str) -> tuple[str, str | None, OrganizationKind | None]:
    """Name, acronym and kind hint of a fragment: quotes, articles, legal forms and acronyms taken off."""
    name = raw.strip(" .,;:\"“”'‘’«»[]-–*").strip()
    if name.count("(") != name.count(")"):
        name = name.replace("(", " ").replace(")", " ").strip()
    acronym: str | None = None
    outside = _PAREN_RE.sub("", name).strip()
    for inner in _PAREN_RE.findall(name):
        inner = inner.strip()
        if is_acronym(inner.replace(" ", "")) and acronym is None:
            acronym = inner
        elif is_acronym(outside) and len(inner.split()) >= 2 and looks_like_org(inner):
            return clean_name(inner)[0], outside, None  # "UAIP (Unidad de Acceso …)"
        elif _TITLE_RE.match(outside) and looks_like_org(inner):
            return clean_name(inner)  # "Lcdo. Ricardo Herrera (Fundación Generación Sin Límite)"
    name = " ".join(_PAREN_RE.sub(" ", name).split()).strip(" .,;:-–")
    name = re.sub(r"\s+(?:etc\.?|(?:and|&|y|et|e)(?:\s+(?:others?|the|otr[ao]s|autres))?)$", "", name).strip()
    dash = _DASH_ACRONYM_RE.match(name)
    if dash and is_acronym(dash.group(2)) and looks_like_org(dash.group(1)) and not is_acronym(dash.group(1)):
        name, acronym = dash.group(1).strip(), acronym or dash.group(2)
    name, hint = _legal_form(name)
    name = strip_article(re.sub(r"^(?:and|y|e|et|&)\s+", "", name)).strip(" \"“”'‘’«»:,.-–")
    name = _ROLE_LEAD_RE.sub("", name)  # "A/Secretary Department of …": a person's title before the body
    typed = _TYPED_RE.fullmatch(name)  # 'Society "Latvian Civic Alliance"', '"EKENG" CJSC': the quoted part names it
    if typed and len(typed.group(1).split()) <= 3 and all(_type_word(t) for t in typed.group(1).split()):
        return typed.group(2), acronym, hint or _kind_of_type(typed.group(1))
    quoted = re.fullmatch(r"[\"“«]([^\"“”«»]+)[\"”»]?", name)
    return (quoted.group(1) if quoted else name), acronym, hint


def _type_word(token: str) -> bool:
    w = words()
    folded = fold(token)
    return folded in w.government_heads | w.civil_society_heads or folded in w.legal_forms or folded in w.generic_words


def _kind_of_type(text: str) -> OrganizationKind | None:
    form = words().legal_forms.get(fold(text))
    if form:
        return form
    head = head_word(fold(text))
    return {"gov": "government", "cso": "civil_society"}.get(head[1]) if head else None  # type: ignore[return-value]


def _person_like(name: str) -> bool:
    """Two to four capitalised words that are no organisation, place or generic word ("Misha Popovikj")."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 4 or not all(t[:1].isupper() and t[1:].islower() for t in tokens):
        return False
    w = words()
    vocabulary = w.government_heads | w.civil_society_heads | w.generic_words | w.descriptive | w.role_words
    return not any(fold(t) in vocabulary or w.has(fold(t), w.parliament_words) for t in tokens)


def is_person(name: str, cell_lists_people: bool) -> bool:
    """A person or a person's role, not an organisation."""
    w = words()
    folded = fold(name)
    if _TITLE_RE.match(name) or w.has(folded, w.people_words):
        return True
    return cell_lists_people and _person_like(name)


def keep(name: str, cell_lists_people: bool = False, unit: bool = False) -> bool:
    """Is this cleaned fragment an organisation name (not a non-answer, sentence, person, label or group)?

    ``unit``: it is listed under a parent body, so a bare head word names that body's unit ("Fiscalía").
    """
    w = words()
    folded = fold(name)
    tokens = folded.split()
    if len(name) < 2 or not tokens or all(t.isdigit() for t in tokens):
        return False
    headed = head_word(folded) is not None or w.has(folded, w.parliament_words)
    capital = name[0].isupper() or name[0].isdigit() or (len(name) > 1 and name[1].isupper())
    if not capital and tokens[0] in w.group_starts:
        return False  # "representatives of NPOs and representatives from academia"
    if not capital and not (headed and len(tokens) >= 2):  # "national commission on the right to information …"
        return False
    if w.has(folded, w.sentence_words):
        return False
    if tokens[0] in words().quantifiers or (tokens[0] in w.group_starts and head_word(tokens[-1]) is None):
        return False  # "Local Development Research Institute" is a body, "Local communities" a group
    content_words = [t for t in tokens if t not in w.prepositions]
    if len(content_words) > MAX_WORDS or len(name) > MAX_CHARS or is_person(name, cell_lists_people):
        return False
    if len(tokens) == 1 and (tokens[0] in w.portfolio_words or tokens[0] in w.descriptive):
        return False
    if len(name.split()) == 1 and all(t in w.role_words | _TITLES for t in tokens):
        return False  # "Secretary", "Commissioner-General": a person's title
    if (
        len(tokens) == 1
        and tokens[0] in w.government_heads | w.civil_society_heads
        and tokens[0] not in words().standalone_heads
    ):
        return unit  # "Ministry", "Secretariat": a head word alone names no body (but a unit under a parent)
    if len(tokens) > 1 and re.search(r"(?:ian|ish|ese|an)$", tokens[0]) and is_generic(" ".join(tokens[1:])):
        return False  # "Estonian Civil Society", "Kenyan NGOs"
    if tokens[-1] in w.group_ends and not re.search(r"\b(of|for|on|de|del|des)\b", folded):
        return False
    content = [t for t in name.split() if fold(t) not in w.prepositions and t[:1].isalpha()]
    if not headed and len(content) >= 4 and sum(t[0].islower() for t in content) * 2 > len(content):
        return False  # mostly lower-case words: a description, not a name
    return not is_generic(folded)
