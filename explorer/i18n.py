"""The reader's language: chosen from ``?lang=``, a cookie, or Accept-Language; catalogs are gettext .po files.

English is the source language (the strings in the templates). Each other language is one
``explorer/locales/<code>.po`` file, read with Babel at start-up (no compile step): add a language by
copying ``messages.pot`` to ``<code>.po``, translating it and adding the code to ``LANGUAGES``.
Numbers are written the reader's way (1,234 / 1 234 / 1.234) by Babel too. Commitment texts, names
and other data stay as published.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
# Code -> the language's own name (shown in the language switch, so a reader finds theirs).
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "fr": "Français"}
DEFAULT = "en"
COOKIE = "lang"


def load_catalogs(folder: Path = LOCALES_DIR) -> dict[str, NullTranslations]:
    """Every language's translations (English: the identity), compiled in memory from its .po file."""
    catalogs: dict[str, NullTranslations] = {DEFAULT: NullTranslations()}
    for code in LANGUAGES:
        if code == DEFAULT:
            continue
        path = folder / f"{code}.po"
        with path.open("rb") as f:
            catalog = read_po(f, locale=code)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        catalogs[code] = Translations(compiled)
    return catalogs


def choose_language(query: Mapping[str, str], cookies: Mapping[str, str], accept_language: str | None) -> str:
    """``?lang=`` first (an explicit choice), then the cookie that remembers it, then the browser's wish."""
    for given in (query.get(COOKIE), cookies.get(COOKIE)):
        if given in LANGUAGES:
            return given
    wanted = [part.split(";")[0].strip().replace("-", "_") for part in (accept_language or "").split(",")]
    return negotiate_locale([w for w in wanted if w], list(LANGUAGES), sep="_") or DEFAULT


def number(value: float | int | None, language: str) -> str:
    """A count or score written the reader's way."""
    if value is None:
        return ""
    return format_decimal(value, locale=Locale.parse(language))
