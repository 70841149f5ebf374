"""Clean an institutions cell before splitting: contacts, notes, bullets, wrapped lines.

Real cells carry e-mail addresses and phone numbers, notes in parentheses ("(by agreement)", "(TBC)"),
bullets of every font (including private-use glyphs from pasted PDFs), words broken over lines
("Go-\\n vernment"), lines wrapped at a fixed width in the middle of a name, and joining phrases
("in cooperation with"). ``prepare`` turns all of that into lines of names separated by newlines and
semicolons, keeping each name's own spelling.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from loaders._cells import EMAIL_REMOVED, PHONE_REMOVED
from loaders._org_lexicon import fold, words

BULLETS = "•●▪◦·‣⁃○■□➢►▶✓✔\u2023\u25aa\u25cf\u2022\uf06c\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf02d"
_BULLET_RE = re.compile(f"[{BULLETS}]")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w.+-]+©[\w.-]+\b")
# The loader replaces contact details in text cells by these markers (loaders/_cells.py) before the splitter
# sees the cell: a marker is a contact like the address it stands for, never part of a name.
CONTACT_MARKERS_RE = re.compile("|".join(re.escape(m) for m in (EMAIL_REMOVED, PHONE_REMOVED)))
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+")
_PHONE_RE = re.compile(r"\+?\d[\d\s.\-/]{6,}\d")
_HYPHEN_WRAP_RE = re.compile(r"(\w)-\s*\n\s*(?=[a-z])")
_SOFT_HYPHEN_RE = re.compile(r"\b([A-Za-z][a-z]{3,})-([a-z]{3,})\b")  # "Govern-ment", "Plen-ipotentiary" (PDF)
# Real compounds keep their hyphen ("self-government", "anti-corruption", "multi-stakeholder").
HYPHEN_PREFIXES = frozenset(
    [
        "self",
        "anti",
        "multi",
        "inter",
        "cross",
        "socio",
        "state",
        "high",
        "well",
        "long",
        "semi",
        "vice",
        "full",
        "part",
        "post",
        "over",
        "under",
        "trans",
        "intra",
        "extra",
        "mid",
        "non",
        "pre",
        "sub",
        "low",
    ]
)
_CAMEL_RE = re.compile(r"\b([A-Z][a-z]{4,})([A-Z][a-z]{3,})\b")
_LINE_NUMBER_RE = re.compile(r"^\s*(?:[-–—*>]+|\(?[a-zA-Z]\)|\d{1,2}[.)])\s+", re.MULTILINE)
_INLINE_NUMBER_RE = re.compile(r"(?:(?<=^)|(?<=[\s,.;:]))(?:\(?[a-z]\)|\d{1,2}[.)])\s+(?=[A-Z\"“])")
_SLASH_ACRONYM_RE = re.compile(r"\s*/([A-Z]{2,8})/\s*")  # "Ministry of E-Government /MEG/ Bulgarian Center …"
_DASHED_ACRONYM_RE = re.compile(r"\s-([A-Z]{2,10})-(?=\s+[a-z]|\s*[.,;]|\s*$)")  # "… Control -SECYT- y …"
_BROKEN_HYPHEN_RE = re.compile(r"(\w)-\s+(?=[a-z]|General\b)")  # "Directorate- General"
_SHOUTED_RE = re.compile(r"\b[A-Z]{4,}\b")
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_END_JOIN_RE = re.compile(
    r"(?:\b(?:of|for|and|the|de|del|la|el|des|du|da|do|on|to|in|y|et|e|with|para|pour|&|an|a)|[,(\-–/])\s*$",
    re.IGNORECASE,
)
_FOOTNOTE_RE = re.compile(r"\[(?:[ivx]{1,4}|\d{1,3})\]")
_EXAMPLES_RE = re.compile(
    r"^\s*(?:such as|e\.\s?g\.?|eg|for example|for instance|tales como|notamment|par exemple)[\s:,]+",
    re.IGNORECASE,
)
WRAP_WIDTH = 40  # a line this long that does not end a name was wrapped by a fixed-width layout
_QUOTES = '"“”«»'


def _is_note(inner: str) -> bool:
    """A parenthesis that annotates rather than names ("by agreement", "upon consent", "pertaining to …")."""
    folded = fold(inner)
    if not folded:
        return True
    w = words()
    if folded in w.note_words or any(folded.startswith(n + " ") for n in w.note_words):
        return True
    tokens = inner.split()
    lower_start = inner.strip()[:1].islower()
    generic_end = folded.split()[-1] in w.group_ends | {"representatives", "experts", "members"}
    return (lower_start and len(tokens) >= 2) or w.has(folded, w.sentence_words) or len(tokens) > 8 or generic_end


def _notes(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        examples = _EXAMPLES_RE.match(match.group(1))
        if examples:  # "NPOs (such as the Israel Democracy Institute, …)": the examples are the bodies named
            return f" ;\n{' '.join(match.group(1)[examples.end() :].split())} ;\n"
        if not _is_note(match.group(1)):
            return match.group(0)
        folded = fold(match.group(1))
        after = text[match.end() : match.end() + 3].lstrip(" ")
        ends_name = not after or after[0].isupper() or after[0] in '\n;,.•-–"“'
        fixed = any(folded == n or folded.startswith(n + " ") for n in words().note_words)
        return " ;\n" if ends_name or fixed else " "

    previous = None
    while previous != text:  # inner notes first: "(… (by agreement) …)"
        previous, text = text, _PAREN_RE.sub(replace, text)
    return text


def _joining(text: str) -> str:
    for phrase in words().joining_phrases:
        pattern = r"\s+".join(re.escape(p) for p in phrase.split())
        text = re.sub(rf"(?<=[\w)”\",])\s+{pattern}\s+(?=[A-Z\"“«])", " ;\n", text, flags=re.IGNORECASE)
    return text


def _broken(prev: str, line: str) -> bool:
    """Does ``line`` visibly continue ``prev`` (a connector at the end, a lower-case start, an open bracket)?"""
    return (
        bool(_END_JOIN_RE.search(prev))
        or line[0].islower()
        or line[0] in "(&"
        or prev.count("(") > prev.count(")")
        or sum(prev.count(q) for q in _QUOTES) % 2 == 1
    )


def _unwrap(lines: list[str], member: Sequence[str]) -> list[str]:
    """Join a line to the one before when it continues a name broken by the layout.

    A paragraph with two or more visible breaks was wrapped by a narrow column: all its lines are one
    text. Otherwise a line joins the one before on a visible break, or when the one before is about as
    long as the cell's other long lines (a fixed-width wrap) in a comma-separated list.
    """
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        if (not line or line.endswith(";")) and paragraphs[-1]:  # a blank line or a bullet ends a paragraph
            paragraphs.append([])
    long = sorted(len(line) for line in lines if len(line) >= WRAP_WIDTH)
    median = long[len(long) // 2] if long else 0
    commas = sum(line.count(",") for line in lines)
    comma_list = commas >= 2 and commas * 2 >= sum(1 for line in lines if line)  # else lines are the list
    out: list[str] = []
    for paragraph in paragraphs:
        breaks = sum(_broken(a, b) for a, b in zip(paragraph, paragraph[1:], strict=False))
        lengths = sorted(len(line) for line in paragraph)
        column = len(paragraph) >= 4 and lengths[len(lengths) // 2] <= 30  # a narrow column of wrapped text
        if breaks and column:
            out.append(" ".join(paragraph))
            continue
        start = len(out)
        physical = ""  # the last line as the layout wrote it (a joined line is longer than any wrap width)
        for line in paragraph:
            prev = out[-1] if len(out) > start else ""
            if prev and not prev.endswith((";", ":")):
                stray = (
                    len(line.split()) == 1
                    and line.isalpha()
                    and sum(c.isupper() for c in line) < 2
                    and fold(line) not in words().generic_words
                )
                last = fold(prev.split()[-1])
                wrapped = (
                    comma_list
                    and 0.75 * median <= len(physical) <= 1.25 * median
                    and not prev.endswith((".", ")", '"', "”"))
                    and last not in member
                    and not any(last == m.split()[-1] for m in member)
                    and line[0] not in '"“«'
                    and fold(line.split()[0]) not in words().group_starts  # "…Presidencia\nRedes Sociales de …"
                )
                if _broken(prev, line) or wrapped or stray:  # "Parlamento\nAbierto", "Buenos\nAires"
                    out[-1] = f"{prev} {line}"
                    physical = line
                    continue
            out.append(line)
            physical = line
    return out


def _bulleted_continuations(text: str) -> str:
    """In a list whose items start with "- " or "1.", a line without one continues the item above it
    ("- Dirección General de Observatorio\n   Legislativo y Monitoreo")."""
    lines = text.split("\n")
    marked = [bool(_LINE_NUMBER_RE.match(line)) for line in lines]
    if sum(marked) < 2:
        return text
    out: list[str] = []
    for line, is_item in zip(lines, marked, strict=True):
        if out and not is_item and line.strip() and any(marked[: len(out)]) and not out[-1].rstrip().endswith(";"):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _unshout(line: str) -> str:
    """ "MINISTRY OF ADMINISTRATION" -> "Ministry Of Administration" (shouted words are no acronyms)."""
    shouted = [w for w in _SHOUTED_RE.findall(_PAREN_RE.sub("", line))]
    w = words()
    vocabulary = w.government_heads | w.civil_society_heads | w.generic_words | w.descriptive
    if len(shouted) < 2 or not any(fold(s) in vocabulary or w.has(fold(s), w.parliament_words) for s in shouted):
        return line
    line = _SHOUTED_RE.sub(lambda m: m.group(0).title() if m.group(0) in shouted else m.group(0), line)
    return re.sub(r"\b(OF|AND|FOR|THE|DE|LA|DEL|ON|IN)\b", lambda m: m.group(0).lower(), line)


def prepare(text: str, member: Sequence[str] = ()) -> str:
    """The cell as lines of names: contacts, notes and bullets removed, wrapped names rejoined."""
    text = html.unescape(text).replace("\u00a0", " ").replace("\r", "\n").replace("\t", " ")
    text = CONTACT_MARKERS_RE.sub(" ", text)
    text = _EMAIL_RE.sub(" ", text)
    text = _URL_RE.sub(" ", text)
    text = _FOOTNOTE_RE.sub(" ", text)  # "… Gobierno Electrónico – COPRET-.[i]"
    text = _PHONE_RE.sub(lambda m: " " if sum(c.isdigit() for c in m.group(0)) >= 7 else m.group(0), text)
    text = _DASHED_ACRONYM_RE.sub(r" (\1)", text)
    text = _SLASH_ACRONYM_RE.sub(r" (\1);\n", text)
    text = re.sub(r"(?<=\s)-(?=[A-Z])", ";\n", text)  # "-Konza Technopolis -ICT Authority": dashes as bullets
    text = _bulleted_continuations(text)
    text = _LINE_NUMBER_RE.sub(";\n", text)
    text = _INLINE_NUMBER_RE.sub(";\n", text)
    text = _HYPHEN_WRAP_RE.sub(r"\1", text)
    text = _BROKEN_HYPHEN_RE.sub(r"\1-", text)
    text = "\n".join(_unshout(line) for line in text.split("\n"))
    text = _SOFT_HYPHEN_RE.sub(
        lambda m: m.group(0) if m.group(1).lower() in HYPHEN_PREFIXES else m.group(1) + m.group(2), text
    )
    text = _CAMEL_RE.sub(r"\1 \2", text)
    text = _BULLET_RE.sub(";\n", text)  # a bullet always starts a new name
    text = _notes(text)
    text = _joining(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(_unwrap(lines, member))
