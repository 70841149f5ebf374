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
from collections.abc import Callable, Sequence
from functools import lru_cache
from loaders._org_aliases import PLACE_WORDS, alias_table
from loaders._org_clean import prepare
from loaders._org_keys import match_key
from loaders._org_labels import State, runs
from loaders._org_lexicon import fold, has_proper_name, head_word, is_generic, words
from loaders._org_names import Piece, clean_name, is_acronym, keep, looks_like_org, strip_article
from loaders.member_names import MEMBER_CODES

_CONNECTOR_RE = re.compile(r"\s+(?:and|y|et|e|&|-|–|/)\s+|\s+/(?=[A-Z])|(?<=[a-z]{3})/\s*(?=[A-Z])")
_LAST_IS_MINISTRY_RE = re.compile(
    r"(?:^|\s(?:and|y|e|et|&)\s)(?:the\s+)?(?:federal\s+|national\s+)?(?:ministry|ministerio|minist[eè]re|"
    r"minist[eé]rio|department|departamento|secretar[ií]a|minister|direcci[oó]n|directorate|comisi[oó]n|"
    r"commission|council|consejo|agency|agencia|oficina|office)\b[^,]*$",
    re.IGNORECASE,
)
_AND_RE = re.compile(r"(?:^|\s)(?:and|y|e|et|&)\s")


def _ends_in_and(parts: list[str], index: int, known: Callable[[str], bool]) -> bool:
    """Does the list of short parts starting at ``index`` end in one with "and" ("…, Employment and Social
    Protection")? Then they are the rest of one body's name, not other bodies ("Petróleos Mexicanos")."""
    for part in parts[index:]:
        bare = re.sub(r"\([^()]*\)", "", part).strip()  # "…, Reforms and Trainings (Training Center)"
        if not _continues(bare, known) or len(bare.split()) > 8:
            return False
        if _AND_RE.search(part):
            return True
    return False
_MINISTRIES_OF_RE = re.compile(
    r"^(?:the\s+)?(?:ministries|ministrries|ministerios|minist[eè]res)\s+"
    r"(of|de|du|des|responsible for|in charge of)\s*:?\s*(.+)$",
    re.IGNORECASE,
)
_PREPOSITION_RE = re.compile(r"\b(of|for|in|on|de|del|para|pour|du|des)\b", re.IGNORECASE)
_OPEN_AFTER = frozenset({"of", "for", "on", "to", "in", "de", "del", "para", "pour", "du", "des", "against"})
_BINDING = frozenset({"in", "for", "on", "de", "en", "du", "of the"})  # "UNDP Office in …", "EITI Secretariat"
_PLACES = PLACE_WORDS | frozenset(w for name in MEMBER_CODES for w in fold(name).split())
# Nouns used as adjectives before a head: "Government Office", "State Treasury" are one name.
_MODIFIERS = frozenset(
    "government state national federal public prime cabinet parliamentary municipal central regional local city "
    "county provincial presidential".split()
)
_ROLE_ONLY_RE = re.compile(r"^(?:the )?(?:deputy |vice )?(?:prime )?(?:minister|president|governor|mayor)$")


def _complete(tokens: list[str], known: Callable[[str], bool], member: Sequence[str]) -> bool:
    """Could these words be a whole name (a head word, an acronym, a quoted or a known name)?"""
    while tokens and fold(tokens[0]) in words().legal_forms:  # "CSO Anti-Corruption": the type is no name
        tokens = tokens[1:]
    text = " ".join(tokens).strip(" ,.")
    if not tokens or fold(text) in member:  # "PNG" alone is the country, not a name
        return False
    if len(tokens) == 1:
        return is_acronym(tokens[0].strip("()\"“”,."))
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


def _cuts(text: str, member: Sequence[str], known: Callable[[str], bool]) -> list[str]:
    """Cut a list written without separators at name boundaries (see the module docstring)."""
    w = words()
    tokens = text.split()
    if len(tokens) < 3 or known(text):  # a name of the alias table is never cut
        return [text]
    pieces: list[list[str]] = [[]]
    quotes = 0
    for i, token in enumerate(tokens):
        current = pieces[-1]
        word, prev = fold(token), fold(current[-1]) if current else ""
        prev2 = fold(current[-2]) if len(current) > 1 else ""
        after = fold(tokens[i + 1]) if i + 1 < len(tokens) else ""
        capital = token[:1].isupper() or token[:1] in "\"“«"
        inside = quotes % 2 == 1  # never cut inside a quoted name
        # "… of the Indonesian | House" and "Government Office" are one name; "Governance Coalition" too
        opens = (
            capital
            and i + 1 < len(tokens)  # "Treasury Board Secretariat": a head at the end closes the name
            and word in w.start_heads
            and (word not in w.end_heads or after in _OPEN_AFTER)
            and prev not in w.prepositions
            and (prev not in _MODIFIERS or prev2 in w.prepositions)  # "School of Government | National Assembly"
            and prev2 not in w.articles
            and not (
                current
                and is_acronym(current[-1].strip("(),"))
                and not current[-1].startswith("(")  # "(GFDO) Institute for …": a bracket ends a name
                and (not after or after in _BINDING)
            )
            and (current[-1:] and current[-1].startswith("(") or (prev not in _PLACES and prev not in member))
            and f"{prev2} {prev}" not in member  # "… of DPR RI Secretariat General"
        )
        closes = (
            capital
            and (len(tokens) >= 8 or word in w.start_heads)
            and len(current) >= 2  # "Network Movement for Justice …" opens with its head
            and has_proper_name(fold(" ".join(current)))  # "the international initiative | Publish …" is one
            and prev in w.end_heads
            and word not in w.prepositions | w.end_heads
            and word not in _PLACES  # "Parliamentary Network Africa", "Twaweza East Africa"
            and token[:1] not in "\"“«"  # 'Society "Latvian Civic Alliance"': a type, then the name
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
                    token[:1] in "\"“«"  # 'Police Yerevan Municipality | "EKENG" CJSC'
                    and _form_after_quote(tokens, i)
                    and _complete(current, known, member)
                    and not _typed(current)
                )
            )
        )
        number = token.isdigit() and len(token) <= 3 and prev not in w.prepositions | _NUMBERED
        repeated = capital and current and fold(current[-1]) == word and len(word) > 3
        quotes += sum(token.count(q) for q in "\"“”«»")
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
            and is_acronym(current[-1][1:-1])
            and len(tokens) - i >= 2
            and looks_like_org(" ".join(tokens[i:]))
        )
        cut = ((opens or acronym) and (_complete(current, known, member) or grouped)) or closes or quoted or repeated
        cut = cut or bracketed
        if current and cut and not inside and prev not in {"and", "y", "et", "e", "&"}:
            pieces.append([token])
        else:
            current.append(token)
    return [" ".join(p) for p in pieces if p]


_STANDALONE = frozenset({"presidency", "parliament", "treasury", "police", "government", "cabinet", "judiciary", "senate"})


def _rest_stands(rest: list[str], known_part: list[str], member: Sequence[str]) -> bool:
    """Is what is left beside a known body a name of its own (not a type word, a place or a qualifier)?"""
    w = words()
    rest = [t for t in rest if not t.startswith("(")]  # "Kenya (IPFK)": the bracket is an acronym, not a name
    while rest and fold(rest[0]) in w.articles:
        rest = rest[1:]
    folded = fold(" ".join(rest))
    if not rest or folded in member or not match_key(" ".join(rest), tuple(member)).replace("republic", "").strip():
        return False  # "… of the Republic of Armenia", "Australia"
    if all(t in _PLACES for t in folded.split()):
        return False  # "Eastern Africa", "Kenya"
    if len(rest) == 1:
        if is_acronym(rest[0]) or folded in _STANDALONE:
            return True
        return len(known_part) == 1 and is_acronym(known_part[0]) and has_proper_name(folded)  # "Pollicy | GiZ"
    if is_generic(folded) or folded in w.legal_forms or _typed(rest):
        return False
    return has_proper_name(folded)


def _place_then_acronym(tokens: list[str], member: Sequence[str]) -> bool:
    """"Transparency International | PNG (TIPNG) …": a place before a bracketed acronym ends the name before it."""
    return len(tokens) > 1 and tokens[1][:1] == "(" and fold(tokens[0]) in {*member, *_PLACES}


def _known_cuts(text: str, known: Callable[[str], bool], member: Sequence[str]) -> list[str]:
    """Split off a body the alias table knows at the start or end of a longer fragment ("Young Scot | Transparency
    International", "Presidency | Mzalendo Trust", "Pollicy | GiZ")."""
    tokens = text.split()
    if len(tokens) < 2 or known(text):
        return [text]
    for size in range(len(tokens) - 1, 0, -1):
        for at_start in (True, False):
            head, tail = (tokens[:size], tokens[size:]) if at_start else (tokens[-size:], tokens[:-size])
            single_name = size == 1 and (is_acronym(head[0]) or (len(head[0]) >= 5 and has_proper_name(fold(head[0]))))
            if not tail[0][:1].isupper() or (size == 1 and not single_name) or head[0][:1] == "(":
                continue  # "Parliamentary Network Africa (PN Africa)": the bracket is an alias, not a second body
            if fold(head[-1]) in words().prepositions or sum(" ".join(head).count(q) for q in "\"“”«»") % 2:
                continue
            if not head[0][:1].isupper() or fold(head[0]) in words().prepositions:
                continue  # "… Relations | with the Parliament": the known body is a complement
            if at_start and (fold(tail[0]) in _PLACES or fold(tail[0]) in member):
                continue  # "Transparency International | Australia and …": the place belongs to the name
            if not at_start and _place_then_acronym(head, member):
                continue
            inner = [t for t in tail if fold(t) not in member and fold(t) not in {"dpr", "ri"}]
            if not at_start and inner and fold(inner[-1]) in words().prepositions:
                continue  # "Principal Inspectorate of DPR RI | Secretariat General": a complement, one name
            if _rest_stands(tail, head, member) and known(" ".join(head)):
                first, second = (head, tail) if at_start else (tail, head)
                return [p for part in (first, second) for p in _known_cuts(" ".join(part), known, member)]
    for size in range(len(tokens) - 2, 1, -1):  # a known body in the middle: "Fundación Balmaceda | Ciudadanía
        for start in range(1, len(tokens) - size):  # Inteligente | Espacio Público"
            before, middle, after = tokens[:start], tokens[start : start + size], tokens[start + size :]
            if not (middle[0][:1].isupper() and after[0][:1].isupper()) or fold(before[-1]) in words().prepositions:
                continue
            if fold(middle[-1]) in words().prepositions or _place_then_acronym(middle, member):
                continue
            if not known(" ".join(middle)):
                continue
            if _rest_stands(before, middle, member) and _rest_stands(after, middle, member):
                return [
                    *_known_cuts(" ".join(before), known, member),
                    " ".join(middle),
                    *_known_cuts(" ".join(after), known, member),
                ]
    return [text]


def _balanced(text: str) -> str:
    """Drop brackets that open or close nothing ("Transparency International PNG (TIPNG Consultative …")."""
    stack: list[int] = []
    drop: set[int] = set()
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                stack.pop()
            else:
                drop.add(i)
    drop.update(stack)
    return "".join(" " if i in drop else ch for i, ch in enumerate(text))


def _oxford(parts: list[str]) -> list[str]:
    """Rejoin "Geodesy, Cartography and Cadastre Authority": parts without a head word before "… and X Authority"."""
    out: list[str] = []
    i = 0
    groups = words().group_ends
    while i < len(parts):
        joined = None
        plural = any(fold(t) in groups for p in parts[i : i + 3] for t in p.split())
        if not plural and not looks_like_org(parts[i]):
            for j in (i + 1, i + 2):
                joint = re.search(r"(^|\s)(and|&|y|et)\s", parts[j]) if j < len(parts) else None
                if joint and head_word(fold(parts[j])) and head_word(fold(parts[j][: joint.start()])) is None:
                    between = parts[i + 1 : j]
                    if all(head_word(fold(b)) is None for b in between):
                        joined = (j, ", ".join(parts[i : j + 1]))
                    break
        if joined:
            out.append(joined[1])
            i = joined[0] + 1
        else:
            out.append(parts[i])
            i += 1
    return out


def _comma_parts(line: str, known: Callable[[str], bool]) -> list[str]:
    line = _balanced(line)
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
    raw = _oxford([p.strip() for p in parts if p.strip()])
    for index, part in enumerate(raw):
        if not part:
            continue
        own = re.sub(r"^(?:and|y|et|e)\s+", "", part)
        bare = strip_article(own)
        last_name = _AND_RE.split(merged[-1])[-1] if merged else ""
        continues_list = (
            merged
            and (_LAST_IS_MINISTRY_RE.search(merged[-1]) or head_word(fold(last_name)) is not None)
            and bare[:1].isupper()
            and _continues(bare, known)
            and len(bare.split()) <= 8
            and _ends_in_and(raw, index, known)
        )
        if continues_list:
            merged[-1] = f"{merged[-1]}, {part}"
        elif merged and _LAST_IS_MINISTRY_RE.search(merged[-1]) is None and head_word(fold(last_name)) is not None:
            pieces = _connector_parts(bare, known)  # "…, Solidarity and Equality (ESE) and Open Society Foundation"
            if len(pieces) > 1 and _continues(pieces[0], known) and _AND_RE.search(pieces[0]):
                merged[-1] = f"{merged[-1]}, {pieces[0]}"
                merged += pieces[1:]
            else:
                merged.append(own)
        else:
            merged.append(own)
    return merged


def _whole(text: str, left: bool, known: Callable[[str], bool], latin: bool = False) -> bool:
    """A name on its own, as the left or right side of "and": an acronym or a known body; on the left a single
    head word too ("Parliament and Ministry of Information"); on the right it must open with a head word, or
    (after English "and") hold a proper name and end with a head ("… and Commonwealth Human Rights Initiative";
    not "… and Local Government", not "… y Programación de la Presidencia"). ``latin``: the connector was
    "y"/"e"/"et", where names go on with their own "y" ("Secretaría de Hacienda y Crédito Público")."""
    bare = strip_article(re.sub(r"\([^()]*\)", "", text).strip(" .,\"“”"))
    tokens = bare.split()
    if is_acronym(bare) or known(bare):
        return True
    if left and re.search(r"\([A-Z][A-Za-z\-]{1,12}\)\s*$", text.strip()):
        return True  # "Solidarity and Equality (ESE)": a name closed by its acronym
    if bare[:1].islower():  # "… and the parliamentary institute", not "… and civil service"
        article = bare != re.sub(r"\([^()]*\)", "", text).strip(" .,\"“”")
        return not left and article and len(tokens) >= 2 and head_word(fold(tokens[-1])) is not None
    if len(tokens) == 1:
        return left and looks_like_org(bare)
    if not looks_like_org(bare) or _ROLE_ONLY_RE.match(fold(bare)):
        return False
    w = words()
    first, last = fold(tokens[0]), fold(tokens[-1])
    heads = w.government_heads | w.civil_society_heads
    if left or (first in w.start_heads and first not in _MODIFIERS) or is_acronym(tokens[0]):
        return True
    return not latin and last in heads and has_proper_name(fold(bare))


_ADJECTIVES = frozenset("local regional municipal public provincial county city social and y e et".split())
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
    if first not in heads or first in _MODIFIERS - {"national", "federal", "state"}:
        return True  # "(Open Knowledge)", "(Training Center)", "(Seguro Popular)"
    before = text[: match.start()].rstrip().split()
    return bool(before) and is_acronym(before[-1].strip(",;"))  # "UAIP (Unidad de Acceso …)", "MES (Agency …)"


_NUMBERED = frozenset({"no", "law", "act", "article", "articulo", "articolo", "rule", "group", "channel"})
_QUANTIFIERS = frozenset(
    "all other others various relevant concerned several different every any its their non unspecified selected".split()
)


def _is_group(text: str) -> bool:
    """ "All public bodies", "other civil society organisations": a group, dropped later, never part of a name."""
    folded = fold(strip_article(text))
    return bool(folded) and folded.split()[0] in _QUANTIFIERS


def _continues(text: str, known: Callable[[str], bool]) -> bool:
    """Could this comma part be the rest of the name before it ("…, Building and Community", "…, Orçamento e
    Gestão", "…, Community and Local Government"): no opening head word, acronym or known body, and no head
    word of its own except after modifiers ("Local Government")?"""
    bare = re.sub(r"\([^()]*\)", "", text).strip()
    tokens = bare.split()
    if not tokens or fold(tokens[0]) in words().start_heads or is_acronym(tokens[0]) or known(bare):
        return False
    folded = fold(bare).split()
    heads = words().government_heads | words().civil_society_heads
    for i, token in enumerate(folded):
        if token in heads and (i == 0 or folded[i - 1] not in _ADJECTIVES):
            return False
    return True


def _connector_parts(text: str, known: Callable[[str], bool]) -> list[str]:
    """Split on and/y/et/e/&/-/–// only where both sides are whole names ("Deputy Prime Minister and Minister of
    Justice" and "Cámara de Diputadas y Diputados" are one body), or the left is a group ("All public bodies
    and Office of the Attorney General")."""
    protected = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(" ", "\x00"), text)  # never inside brackets
    pieces = [p.replace("\x00", " ") for p in _CONNECTOR_RE.split(protected)]
    seps = _CONNECTOR_RE.findall(protected)
    if len(pieces) == 1:
        return [text]
    out = [pieces[0]]
    for index, (sep, piece) in enumerate(zip(seps, pieces[1:], strict=True)):
        dash = sep.strip() in {"-", "–", "/"}
        left = out[-1]
        # "Name - ACR" gives the name's acronym, but "MITIC - STP" names two bodies
        two_acronyms = is_acronym(piece.strip(" .,")) and is_acronym(left.strip(" .,"))
        dash_acronym = dash and is_acronym(piece.strip(" .,")) and not two_acronyms
        single = dash and len(piece.split()) == 1 and not two_acronyms  # "Biosphere - Bitola", "… - Delna"
        latin = sep.strip() in {"y", "e", "et"}
        remainder = "".join(p for pair in zip(seps[index + 1 :], pieces[index + 2 :], strict=True) for p in pair)
        rest = piece + remainder  # the right side is judged with everything after it ("… and Coast Conservation
        whole = _whole(left, True, known) or _is_group(left)  # and Coastal Resource Management Department")
        lower_group = piece.strip()[:1].islower() and is_generic(fold(piece))  # "… y entidades nacionales"
        right = _whole(piece, False, known, latin) or _whole(rest, False, known, latin) or _is_group(piece)
        right = right or lower_group
        if not dash_acronym and not single and whole and right:
            out.append(piece)
        else:
            out[-1] = f"{out[-1]}{sep}{piece}"
    return out


def ministries_list(body: str) -> list[str] | None:
    """ "Ministries of Communication, Finance and Justice" -> one "Ministry of …" per portfolio (None: not one)."""
    match = _MINISTRIES_OF_RE.match(body.strip())
    if not match:
        return None
    head = "Ministerio de" if match.group(1).lower() in ("de", "du", "des") else "Ministry of"
    listed = match.group(2).strip(" -–")
    dashed = re.split(r"\s+[-–]\s+", listed)  # "Finance - Industry, Commerce and Tourism - Transportation"
    items = [p.strip() for p in (dashed if len(dashed) > 1 else listed.split(",")) if p.strip()]
    if all(fold(i) in _PLACES for i in items):
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
        word = match.group(1).strip("()”\"")
        if len(word) < 3 or fold(word) in _ABBREVIATIONS or "." in word:
            continue
        out.append(text[start : match.end(1)])
        start = match.end()
    return [*out, text[start:]]


def _fragments(text: str, member_id: str, member: Sequence[str]) -> list[str]:
    """Every name-sized fragment of one run of text, by separators from strongest to weakest."""
    table = alias_table()

    def known(name: str) -> bool:
        key = match_key(name, tuple(member))
        return bool(key) and table.lookup(member_id, key) is not None

    out: list[str] = []
    text = _SLASH_RE.sub(", ", text)  # "Ministry of Justice/Nigeria Union of Journalist"
    text = _PAREN_BODY_RE.sub(lambda m: m.group(0) if _expands(text, m) else f", {_proper_part(m.group(1))},", text)
    for body in (b for chunk in text.split(";") for b in _sentences(chunk)):
        body = body.strip(" -–—*•·")  # a bullet dash left at the start ("- Confédération Générale …")
        listed = ministries_list(body)
        for part in listed or _comma_parts(body, known):
            for cut in _cuts(part, member, known) if not listed else [part]:
                for piece in _known_cuts(cut, known, member):
                    out += _connector_parts(piece, known)
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
    lists_people = prepared != " ".join(text.split()) and bool(re.search(r"@|\d{6,}|\b(?:Mr|Ms|Mrs|Dr)\b\.?", text))
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
