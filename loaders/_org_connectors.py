"""Commas and connectors: where ``,``/``and``/``y``/``et``/``&``/``-``/``/`` separate two names and where they
are inside one ("Ministry of Labour, Employment and Social Protection", "Cámara de Diputadas y Diputados",
"Deputy Prime Minister and Minister of Justice").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from loaders._org_cuts import PLACES, ROLE_ONLY_RE
from loaders._org_lexicon import fold, has_proper_name, head_word, is_generic, words
from loaders._org_names import is_acronym, looks_like_org, strip_article

_CONNECTOR_RE = re.compile(
    r"\s+(?:and|or|y|et|e|&|-|–|/)\s+|\s+/(?=[A-Z])|(?<=[a-z]{3})/\s*(?=[A-Z])"
    r"|(?<=[A-Z])/(?=[A-Z]{2,}(?:$|[,;.)]))"  # "MoJ/RAF": two acronyms
)
_LAST_IS_MINISTRY_RE = re.compile(
    r"(?:^|\s(?:and|y|e|et|&)\s)(?:the\s+)?(?:federal\s+|national\s+)?(?:ministry|ministerio|minist[eè]re|"
    r"minist[eé]rio|department|departamento|secretar[ií]a|minister|direcci[oó]n|directorate|comisi[oó]n|"
    r"commission|council|consejo|agency|agencia|oficina|office)\b[^,]*$",
    re.IGNORECASE,
)
_QUALIFIER_RE = re.compile(r"^(?:(?:national|country|regional|head|main|local) )?(?:office|chapter|branch)$")
_AND_RE = re.compile(r"(?:^|\s)(?:and|y|e|et|&)\s")


def _ends_in_and(parts: list[str], index: int, known: Callable[[str], bool]) -> bool:
    """Does the list of short parts starting at ``index`` end in one with "and" ("…, Employment and Social
    Protection")? Then they are the rest of one body's name, not other bodies ("Petróleos Mexicanos")."""
    for part in parts[index:]:
        bare = _lead_in(re.sub(r"\([^()]*\)", "", part).strip())  # "…, Reforms and Trainings (Training Center)"
        if not _continues(bare, known) or len(bare.split()) > 8:
            return False
        if _AND_RE.search(part):
            return True
    return False


def _lead_in(text: str) -> str:
    """The words before a second name glued on without a separator ("Energy and Technology | Office of the
    Parliamentary Counsel …"): what may continue the name before the comma."""
    tokens = text.split()
    w = words()
    for i in range(1, len(tokens)):
        previous = fold(tokens[i - 1])
        word, after = fold(tokens[i]), fold(tokens[i + 1]) if i + 1 < len(tokens) else ""
        opens = (
            tokens[i][:1].isupper() and word in w.start_heads and (word not in w.end_heads or after in w.prepositions)
        )
        after_head = " ".join(tokens[i + 1 :])
        own = _AND_RE.split(after_head)[0].split()  # up to the next "and": "… Republic and the Plenipotentiary …"
        complement = [fold(t) for t in own if fold(t) not in w.prepositions | set(w.articles)]
        if all(t in PLACES for t in complement):
            continue  # "Cadastre | Authority of the Slovak Republic": the place completes the name before
        if opens and previous not in w.prepositions and previous not in w.articles and previous not in w.modifiers:
            return " ".join(tokens[:i])
    return text


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


def _oxford(parts: list[str], known: Callable[[str], bool]) -> list[str]:
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
                opens_name = joint and fold(parts[j]).split()[0] in words().modifiers  # "…, National Information and …"
                if (
                    joint
                    and not opens_name
                    and head_word(fold(parts[j]))
                    and head_word(fold(parts[j][: joint.start()])) is None
                ):
                    between = parts[i + 1 : j]
                    if all(head_word(fold(b)) is None and not known(b) for b in between):  # "DataCo, Oxfam, …"
                        joined = (j, ", ".join(parts[i : j + 1]))
                    break
        if joined:
            out.append(joined[1])
            i = joined[0] + 1
        else:
            out.append(parts[i])
            i += 1
    return out


def comma_parts(line: str, known: Callable[[str], bool]) -> list[str]:
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
    raw = _oxford([p.strip() for p in parts if p.strip()], known)
    for index, part in enumerate(raw):
        if not part:
            continue
        own = re.sub(r"^(?:and|y|et|e)\s+", "", part)
        bare = _lead_in(strip_article(own))
        last_name = _AND_RE.split(merged[-1])[-1] if merged else ""
        continues_list = (
            merged
            and (_LAST_IS_MINISTRY_RE.search(merged[-1]) or head_word(fold(last_name)) is not None)
            and bare[:1].isupper()
            and _continues(bare, known)
            and len(bare.split()) <= 8
            and _ends_in_and(raw, index, known)
        )
        if continues_list or (merged and _QUALIFIER_RE.match(fold(bare))):  # "Save the Children, National Office"
            merged[-1] = f"{merged[-1]}, {part}"
        elif merged and _LAST_IS_MINISTRY_RE.search(merged[-1]) is None and head_word(fold(last_name)) is not None:
            pieces = connector_parts(bare, known)  # "…, Solidarity and Equality (ESE) and Open Society Foundation"
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
    bare = strip_article(re.sub(r"\([^()]*\)", "", text).strip(' .,"“”'))
    tokens = bare.split()
    if is_acronym(bare) or known(bare):
        return True
    if left and re.search(r"\([A-Z][A-Za-z\-]{1,12}\)\s*$", text.strip()):
        return True  # "Solidarity and Equality (ESE)": a name closed by its acronym
    if bare[:1].islower():  # "… and the parliamentary institute", not "… and civil service"
        article = bare != re.sub(r"\([^()]*\)", "", text).strip(' .,"“”')
        return not left and article and len(tokens) >= 2 and head_word(fold(tokens[-1])) is not None
    if len(tokens) == 1:
        return left and looks_like_org(bare)
    if not looks_like_org(bare) or ROLE_ONLY_RE.match(fold(bare)):
        return False
    w = words()
    first, last = fold(tokens[0]), fold(tokens[-1])
    heads = w.government_heads | w.civil_society_heads
    if left or (first in w.start_heads and first not in words().modifiers) or is_acronym(tokens[0]):
        return True
    article = bare != re.sub(r"\([^()]*\)", "", text).strip(' .,"“”')
    opening = next((fold(t) for t in tokens if fold(t) not in w.modifiers | {"general"}), "")
    if article and opening != first and opening in w.start_heads and len(tokens) >= 3:
        return True  # "… and the General Secretariat of …", not "Department of the Interior and Local Government"
    capitalised = all(t[:1].isupper() for t in tokens if fold(t) not in w.prepositions)
    if article and not latin and capitalised and last in heads and len(tokens) >= 3:
        return True  # "… and the Freedom of Information Movement"
    return not latin and last in heads and has_proper_name(fold(bare))


_ADJECTIVES = frozenset(
    ["local", "regional", "municipal", "public", "provincial", "county", "city", "social", "and", "y", "e", "et"]
)


def _is_group(text: str) -> bool:
    """ "All public bodies", "other civil society organisations": a group, dropped later, never part of a name."""
    folded = fold(strip_article(text))
    return bool(folded) and folded.split()[0] in words().quantifiers


def _continues(text: str, known: Callable[[str], bool]) -> bool:
    """Could this comma part be the rest of the name before it ("…, Building and Community", "…, Orçamento e
    Gestão", "…, Community and Local Government"): no opening head word, acronym or known body, and no head
    word of its own except after modifiers ("Local Government")?"""
    bare = re.sub(r"\([^()]*\)", "", text).strip()
    tokens = bare.split()
    if not tokens or fold(tokens[0]) in words().start_heads or is_acronym(tokens[0]) or known(bare):
        return False
    if _is_group(bare):  # "…'s Department, All organizations and coalitions …": a group, not the name's rest
        return False
    folded = fold(bare).split()
    heads = words().government_heads | words().civil_society_heads
    return not any(token in heads and (i == 0 or folded[i - 1] not in _ADJECTIVES) for i, token in enumerate(folded))


def connector_parts(text: str, known: Callable[[str], bool]) -> list[str]:
    """Split on and/y/et/e/&/-/–// only where both sides are whole names ("Deputy Prime Minister and Minister of
    Justice" and "Cámara de Diputadas y Diputados" are one body), or the left is a group ("All public bodies
    and Office of the Attorney General")."""
    protected = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(" ", "\x00"), text)  # never inside brackets
    pieces = [p.replace("\x00", " ") for p in _CONNECTOR_RE.split(protected)]
    seps = _CONNECTOR_RE.findall(protected)
    if len(pieces) == 1 or known(text):  # "Ministry of Finance and the Public Service" (Jamaica) is one body
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
