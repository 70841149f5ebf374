"""Keep the translation catalogs in step with the templates: ``python -m explorer.catalog``.

Extracts every ``_()``/``{% trans %}`` string of ``explorer/templates/``, the Python messages
(``explorer.site.MESSAGES`` and a few view strings) and the IRM rating words the API returns, writes
``explorer/locales/messages.pot``, and merges it into each ``<code>.po`` (new strings come in empty,
strings no longer used are dropped). Then translate the empty ``msgstr`` lines; the tests fail while a
catalog misses a string.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from explorer.i18n import DEFAULT, LANGUAGES, LOCALES_DIR
from explorer.render import TEMPLATES_DIR
from explorer.site import MESSAGES

# Strings Python code passes to the templates' ``_`` (view code, not templates).
VIEW_STRINGS = ("Other or not assessed", "commitment", "member", "policy area", "coalition", "organisation")


def rating_words() -> list[str]:
    """Every rating label the API can return (``IrmRating.label``, facet labels), in English."""
    from api.types_irm import MISSING_LABELS, rating_label
    from graph.ratings import SCALES

    words = {rating_label(v) for scale in SCALES.values() for v in (*scale.values, *scale.off_scale)}
    return sorted(words | set(MISSING_LABELS.values()) | {"Not assessed"})


Message = str | tuple[str, str]  # a plural message is (singular, plural)


def messages() -> Iterator[Message]:
    """Every English string the explorer shows, each once, in a stable order (plurals as pairs)."""
    seen: set[Message] = set()
    found = extract_from_dir(
        TEMPLATES_DIR,
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.do", "trimmed": "true"}},
    )
    strings: list[Message] = [m if isinstance(m, str) else (m[0], m[1]) for _, _, m, _, _ in found]
    for message in [*strings, *MESSAGES.values(), *VIEW_STRINGS, *rating_words()]:
        if message not in seen:
            seen.add(message)
            yield message


def template_catalog() -> Catalog:
    """The .pot catalog of every string."""
    catalog = Catalog(project="ogp-graph explorer", fuzzy=False)
    for text in messages():
        catalog.add(text)
    return catalog


def update(folder: Path = LOCALES_DIR) -> None:
    """Write messages.pot and merge it into every language's .po."""
    template = template_catalog()
    with (folder / "messages.pot").open("wb") as f:
        write_po(f, template, omit_header=False, width=120)
    for code in LANGUAGES:
        if code == DEFAULT:
            continue
        path = folder / f"{code}.po"
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=code)
        else:
            catalog = Catalog(locale=code, project="ogp-graph explorer", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as f:
            write_po(f, catalog, width=120, ignore_obsolete=True)


if __name__ == "__main__":
    update()
