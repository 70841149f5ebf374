"""The explorer's translations and stored documents stay in step with its templates and the API's schema."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from graphql import parse, validate

from api.schema import schema
from explorer.catalog import messages
from explorer.documents import DOCUMENTS_DIR
from explorer.i18n import DEFAULT, LANGUAGES, LOCALES_DIR, choose_language

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != DEFAULT])
def test_every_string_is_translated_with_the_same_placeholders(code: str) -> None:
    with (LOCALES_DIR / f"{code}.po").open("rb") as f:
        catalog = read_po(f, locale=code)
    translated = {m.id: m.string for m in catalog if m.id}
    missing = [text for text in messages() if not _complete(translated.get(text))]
    assert not missing, f"{code}.po lacks {len(missing)} strings (run `python -m explorer.catalog`): {missing[:5]}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"{code}.po has fuzzy (unchecked) entries: {fuzzy[:5]}"
    for text, translation in translated.items():
        originals = [text] if isinstance(text, str) else list(text)
        for form in [translation] if isinstance(translation, str) else list(translation):
            assert set(PLACEHOLDER.findall(form)) <= set().union(*(PLACEHOLDER.findall(o) for o in originals)), (
                code,
                text,
            )
            assert set(PLACEHOLDER.findall(originals[-1])) <= set(PLACEHOLDER.findall(form)) | {"n"}, (code, text)
            assert form.count("%%") == originals[-1].count("%%"), (code, text)


def _complete(translation: object) -> bool:
    """A translation with every form filled (a plural has one per form of the language)."""
    if isinstance(translation, tuple):
        return bool(translation) and all(translation)
    return bool(translation)


def test_messages_pot_lists_every_string() -> None:
    with (LOCALES_DIR / "messages.pot").open("rb") as f:
        template = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(f) if m.id}
    assert set(messages()) == template, "explorer/locales/messages.pot is stale: run `python -m explorer.catalog`"


@pytest.mark.parametrize("path", sorted(DOCUMENTS_DIR.glob("*.graphql")), ids=lambda p: p.stem)
def test_every_stored_document_is_valid_against_the_public_schema(path: object) -> None:
    document = parse(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    assert validate(schema._schema, document) == []


def test_language_choice_order() -> None:
    assert choose_language({"lang": "fr"}, {"lang": "es"}, "en") == "fr"  # an explicit choice first
    assert choose_language({"lang": "xx"}, {"lang": "es"}, "fr") == "es"  # then the remembered one
    assert choose_language({}, {}, "pt-BR, es-MX;q=0.8, en;q=0.5") == "es"  # then the browser's, by language
    assert choose_language({}, {}, "de, ja") == "en"
    assert choose_language({}, {}, None) == "en"
