"""Cutting a list written without separators at name boundaries, and around bodies the alias table knows.

"Ministry of Finance Ministry of Economy State Treasury …": cut before a word that opens a name ("Ministry",
"Office", unless it follows a preposition or a modifier), after one that closes it ("… Treasury | National
Agency"), at an acronym, a closing quote, a repeated word or a footnote number, after a bracketed acronym
("Transparency International PNG (TIPNG) | PNG Resource Governance Coalition"); then around a body the
alias table knows ("Young Scot | Transparency International") when what is left stands as a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from loaders._org_aliases import PLACE_WORDS
from loaders._org_keys import match_key
from loaders._org_lexicon import fold, has_proper_name, is_generic, words
from loaders._org_names import is_acronym, looks_like_org
from loaders.member_names import MEMBER_CODES

_PREPOSITION_RE = re.compile(r"\b(of|for|in|on|de|del|para|pour|du|des)\b", re.IGNORECASE)
_OPEN_AFTER = frozenset({"of", "for", "on", "to", "in", "de", "del", "para", "pour", "du", "des", "against"})
_BINDING = frozenset({"in", "for", "on", "de", "en", "du", "of the"})  # "UNDP Office in …", "EITI Secretariat"
PLACES = PLACE_WORDS | frozenset(w for name in MEMBER_CODES for w in fold(name).split())
_WEB_ADDRESS_RE = re.compile(r"[\w-]+(?:\.[\w-]+)+")  # "State Information System Authority (eesti.ee) | Data …"
ROLE_ONLY_RE = re.compile(r"^(?:the )?(?:deputy |vice )?(?:prime )?(?:minister|president|governor|mayor)$")


def _complete(tokens: list[str], known: Callable[[str], bool], member: Sequence[str]) -> bool:
    """Could these words be a whole name (a head word, an acronym, a quoted or a known name)?"""
    while tokens and fold(tokens[0]) in words().legal_forms:  # "CSO Anti-Corruption": the type is no name
        tokens = tokens[1:]
    text = " ".join(tokens).strip(" ,.")
    if not tokens or fold(text) in member:  # "PNG" alone is the country, not a name
        return False
    if len(tokens) == 1:
        return is_acronym(tokens[0].strip('()"“”,.'))
    return looks_like_org(text) or text.endswith(("”", '"', "»")) or known(text)


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t[:1].isupper()).upper()


def _form_after_quote(tokens: list[str], start: int) -> bool:
    """Does a legal form follow the quoted name that opens at ``start`` ('"EKENG" CJSC')?"""
    for j in range(start, len(tokens)):
        if tokens[j].rstrip(",.;").endswith(("”", '"', "»")) and (j > start or len(tokens[j]) > 1):
            return j + 1 < len(tokens) and fold(tokens[j + 1]) in words().legal_forms
    return False


def _typed(tokens: list[str]) -> bool:
    """Only type words ("Society", "NGO", "Public Association"): the quoted name after them is theirs."""
    w = words()
    return all(fold(t) in w.legal_forms or fold(t) in w.civil_society_heads | w.government_heads for t in tokens)


def cut_glued(text: str, member: Sequence[str], known: Callable[[str], bool]) -> list[str]:
    """Cut a list written without separators at name boundaries (see the module docstring)."""
    w = words()
    tokens = text.split()
    if len(tokens) < 3 or known(text):  # a name of the alias table is never cut
        return [text]
    pieces: list[list[str]] = [[]]
    quotes = depth = 0
    for i, token in enumerate(tokens):
        current = pieces[-1]
        word, prev = fold(token), fold(current[-1]) if current else ""
        prev2 = fold(current[-2]) if len(current) > 1 else ""
        after = fold(tokens[i + 1]) if i + 1 < len(tokens) else ""
        capital = token[:1].isupper() or token[:1] in '"“«'
        inside = quotes % 2 == 1 or depth > 0  # never cut inside a quoted name or a bracket
        # "… of the Indonesian | House" and "Government Office" are one name; "Governance Coalition" too
        opens = (
            capital
            and i + 1 < len(tokens)  # "Treasury Board Secretariat": a head at the end closes the name
            and word in w.start_heads
            and (word not in w.end_heads or after in _OPEN_AFTER)
            and prev not in w.prepositions
            and (prev not in words().modifiers or prev2 in w.prepositions)  # "School of Government | National Assembly"
            and prev2 not in w.articles
            and not (
                current
                and is_acronym(current[-1].strip("(),"))
                and not current[-1].startswith("(")  # "(GFDO) Institute for …": a bracket ends a name
                and (not after or after in _BINDING)
            )
            and (current[-1:] and current[-1].startswith("(") or (prev not in PLACES and prev not in member))
            and f"{prev2} {prev}" not in member  # "… of DPR RI Secretariat General"
        )
        closes = (
            capital
            and (len(tokens) >= 8 or word in w.start_heads)
            and len(current) >= 2  # "Network Movement for Justice …" opens with its head
            and has_proper_name(fold(" ".join(current)))  # "the international initiative | Publish …" is one
            and prev in w.end_heads
            and word not in w.prepositions | w.end_heads
            and word not in PLACES  # "Parliamentary Network Africa", "Twaweza East Africa"
            and token[:1] not in '"“«'  # 'Society "Latvian Civic Alliance"': a type, then the name
            and (i + 1 < len(tokens) or _complete(tokens[i:], known, member))  # "… Trade Union | Relations"
        )
        bare = token.strip("(),.;")
        acronym = (
            is_acronym(bare)
            and "(" not in token
            and fold(bare) not in w.legal_forms
            and not any(fold(" ".join(tokens[i : i + k])) in member for k in (1, 2, 3))  # "… (BKD) DPR RI"
            and prev not in w.prepositions
            and current[-1:] != ["-"]
            and not (current and current[-1].endswith(("-", "–")))
            and fold(" ".join(current)) not in w.legal_forms
        )
        quoted = (
            current
            and capital
            and quotes % 2 == 0
            and fold(token) not in w.legal_forms
            and (
                current[-1].endswith(("”", '"', "»"))  # '"Latvian Civic Alliance" | Public Policy Center'
                or (
                    token[:1] in '"“«'  # 'Police Yerevan Municipality | "EKENG" CJSC'
                    and _form_after_quote(tokens, i)
                    and _complete(current, known, member)
                    and not _typed(current)
                )
            )
        )
        number = token.isdigit() and len(token) <= 3 and prev not in w.prepositions | _NUMBERED
        repeated = capital and current and fold(current[-1]) == word and len(word) > 3
        quotes += sum(token.count(q) for q in '"“”«»')
        depth = max(0, depth + token.count("(") - token.count(")"))
        if number and not inside:
            pieces.append([])
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if acronym and following.startswith("(") and bare.upper() in following.upper():
            acronym = False  # "Confédération … Libres DIGNITE (CISL-DIGNITE)": part of the name
        if acronym and current and _initials(current) == bare.upper():
            current.append(f"({bare})")  # "Fundación Ciudadanía y Desarrollo FCD": the acronym of the name before
            continue
        grouped = bool(current) and fold(current[-1]) in w.group_ends  # "… Working Groups | Ministry of …"
        bracketed = (  # "Transparency International PNG (TIPNG) | PNG Resource Governance Coalition"
            capital
            and current[-1:] != []
            and re.fullmatch(r"\([^()\s]+\)", current[-1]) is not None
            and (is_acronym(current[-1][1:-1]) or _WEB_ADDRESS_RE.fullmatch(current[-1][1:-1]) is not None)
            and len(tokens) - i >= 2
            and looks_like_org(" ".join(tokens[i:]))
        )
        cut = ((opens or acronym) and (_complete(current, known, member) or grouped)) or closes or quoted or repeated
        cut = cut or bracketed
        cut = cut and not _inside_known(tokens, i, known, member)
        if current and cut and not inside and prev not in {"and", "or", "y", "et", "e", "&"}:
            pieces.append([token])
        else:
            current.append(token)
    return [" ".join(p) for p in pieces if p]


def _inside_known(tokens: list[str], at: int, known: Callable[[str], bool], member: Sequence[str]) -> bool:
    """Is the word at ``at`` inside a name the alias table knows ("Unidad de Modernización del | Ministerio
    Secretaría General de la Presidencia": no cut before "Secretaría")?"""
    w = words()

    def content(part: list[str]) -> bool:  # words that make a name, not a place, bracket or legal form
        folded = fold(" ".join(t for t in part if not t.startswith("(")))
        own = [t for t in folded.split() if t not in member and t not in PLACES and t not in w.prepositions]
        return bool(own) and folded not in w.legal_forms

    for start in range(max(0, at - 6), at):
        if not content(tokens[start:at]):
            continue  # "(Kenya) | Institute of Economic Affairs"
        for end in range(at + 1, min(len(tokens), at + 8) + 1):
            if content(tokens[at:end]) and known(" ".join(tokens[start:end])):
                return True  # not "State Treasury | State Institution …", "… and Planning | Kenya School …"
    return False


def _rest_stands(rest: list[str], known_part: list[str], member: Sequence[str], known: Callable[[str], bool]) -> bool:
    """Is what is left beside a known body a name of its own (not a type word, a place or a qualifier)?"""
    w = words()
    rest = [t for t in rest if not t.startswith("(")]  # "Kenya (IPFK)": the bracket is an acronym, not a name
    while rest and fold(rest[0]) in w.articles:
        rest = rest[1:]
    folded = fold(" ".join(rest))
    if len(rest) > 1 and known(" ".join(rest)):
        return True  # "Council of Governors | Ushahidi": both are bodies the table knows
    if not rest or folded in member or not match_key(" ".join(rest), tuple(member)).replace("republic", "").strip():
        return False  # "… of the Republic of Armenia", "Australia"
    if all(t in PLACES for t in folded.split()):
        return False  # "Eastern Africa", "Kenya"
    if len(rest) == 1:
        if is_acronym(rest[0]) or folded in words().standalone_heads:
            return True
        return len(known_part) == 1 and is_acronym(known_part[0]) and has_proper_name(folded)  # "Pollicy | GiZ"
    if is_generic(folded) or folded in w.legal_forms or _typed(rest):
        return False
    return has_proper_name(folded)


def _place_then_acronym(tokens: list[str], member: Sequence[str]) -> bool:
    """ "Transparency International | PNG (TIPNG) …": a place before a bracketed acronym ends the name before it."""
    return len(tokens) > 1 and tokens[1][:1] == "(" and fold(tokens[0]) in {*member, *PLACES}


def cut_known(text: str, known: Callable[[str], bool], member: Sequence[str]) -> list[str]:
    """Split off a body the alias table knows at the start or end of a longer fragment ("Young Scot | Transparency
    International", "Presidency | Mzalendo Trust", "Pollicy | GiZ")."""
    tokens = text.split()
    if len(tokens) < 2 or known(text):
        return [text]
    complement = False
    for size in range(len(tokens) - 1, 0, -1):
        for at_start in (True, False):
            head, tail = (tokens[:size], tokens[size:]) if at_start else (tokens[-size:], tokens[:-size])
            single_name = size == 1 and (is_acronym(head[0]) or (len(head[0]) >= 5 and has_proper_name(fold(head[0]))))
            if not tail[0][:1].isupper() or (size == 1 and not single_name) or head[0][:1] == "(":
                continue  # "Parliamentary Network Africa (PN Africa)": the bracket is an alias, not a second body
            if fold(head[-1]) in words().prepositions or sum(" ".join(head).count(q) for q in '"“”«»') % 2:
                continue
            if not head[0][:1].isupper() or fold(head[0]) in words().prepositions:
                continue  # "… Relations | with the Parliament": the known body is a complement
            if at_start and (fold(tail[0]) in PLACES or fold(tail[0]) in member):
                continue  # "Transparency International | Australia and …": the place belongs to the name
            if not at_start and _place_then_acronym(head, member):
                continue
            inner = [t for t in tail if fold(t) not in member and fold(t) not in {"dpr", "ri"}]
            if not at_start and inner and fold(inner[-1]) in words().prepositions:
                complement = complement or known(" ".join(head))
                continue  # "Principal Inspectorate of DPR RI | Secretariat General": a complement, one name
            if not at_start and complement:
                continue  # "Unidad … del | Ministerio Secretaría General …": no cut inside the known complement
            if _rest_stands(tail, head, member, known) and known(" ".join(head)):
                first, second = (head, tail) if at_start else (tail, head)
                return [p for part in (first, second) for p in cut_known(" ".join(part), known, member)]
    for size in range(len(tokens) - 2, 1, -1):  # a known body in the middle: "Fundación Balmaceda | Ciudadanía
        for start in range(1, len(tokens) - size):  # Inteligente | Espacio Público"
            before, middle, after = tokens[:start], tokens[start : start + size], tokens[start + size :]
            if not (middle[0][:1].isupper() and after[0][:1].isupper()) or fold(before[-1]) in words().prepositions:
                continue
            if fold(middle[-1]) in words().prepositions or _place_then_acronym(middle, member):
                continue
            if not known(" ".join(middle)):
                continue
            if _rest_stands(before, middle, member, known) and _rest_stands(after, middle, member, known):
                return [
                    *cut_known(" ".join(before), known, member),
                    " ".join(middle),
                    *cut_known(" ".join(after), known, member),
                ]
    return [text]


_NUMBERED = frozenset({"no", "law", "act", "article", "articulo", "articolo", "rule", "group", "channel"})
