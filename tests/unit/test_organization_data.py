"""The organisation data files (word lists, alias table, gold sets): the shipped ones load, bad ones say why."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from loaders._org_aliases import alias_table, parse_alias_table
from loaders._org_lexicon import parse_words, words
from loaders.org_gold import GOLD_FILES, GoldError, SourceCell, load_gold, parse_org

GOLD = resources.files("loaders").joinpath("data", "org_gold")
WORDS_TEXT = resources.files("loaders").joinpath("data", "organization_words.yaml").read_text(encoding="utf-8")


def test_the_shipped_files_load() -> None:
    w = words()
    assert "ministry" in w.government_heads and "fundacion" in w.civil_society_heads
    assert w.labels["sociedad civil"] == "civil_society" and w.labels["gobierno"] == "government"
    table = alias_table()
    assert table.international["transparency-international"].national == "chapters"
    assert table.lookup("georgia", "transparency international") is not None


def _words_with(**changes: object) -> str:
    """The shipped words file with lists replaced (None: removed)."""
    raw = yaml.safe_load(WORDS_TEXT)
    for name, value in changes.items():
        if value is None:
            raw.pop(name)
        else:
            raw[name] = value
    return str(yaml.safe_dump(raw, allow_unicode=True))


def test_a_words_file_with_a_missing_or_unknown_list_is_refused() -> None:
    with pytest.raises(ValueError, match=r"missing lists \['adjectives'\]"):
        parse_words(_words_with(adjectives=None))
    with pytest.raises(ValueError, match=r"unknown lists \['misspelt_list'\]"):
        parse_words(_words_with(misspelt_list="a, b"))
    with pytest.raises(ValueError, match="expected a mapping"):
        parse_words("- just a list")
    with pytest.raises(ValueError, match="organization_words.yaml: not YAML"):
        parse_words("adjectives: [unclosed")


def test_a_words_file_with_a_bad_kind_or_list_is_refused() -> None:
    labels = yaml.safe_load(WORDS_TEXT)["labels"]
    with pytest.raises(ValueError, match=r"labels: 'goverment' is not a kind"):
        parse_words(_words_with(labels={**labels, "goverment": "ministries"}))
    with pytest.raises(ValueError, match="adjectives must be a comma-separated list"):
        parse_words(_words_with(adjectives={"a": "b"}))
    assert "new adjective" in parse_words(_words_with(adjectives="new adjective, other")).adjectives


def test_an_alias_table_entry_with_a_wrong_kind_member_or_network_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        parse_alias_table("international:\n  - {name: World Bank, kind: bank}\n")
    with pytest.raises(ValueError, match="'atlantis' is not an OGP member slug"):
        parse_alias_table("international: []\nmembers:\n  atlantis:\n    words: [Atl]\n")
    with pytest.raises(ValueError, match="chapter_of 'ti' is not a network"):
        parse_alias_table(
            "international:\n  - {name: Transparency International, kind: civil_society}\n"
            "members:\n  kenya:\n    organizations:\n"
            "      - {name: Transparency International Kenya, kind: civil_society, chapter_of: ti}\n"
        )
    with pytest.raises(ValueError, match="extra"):
        parse_alias_table("international:\n  - {name: World Bank, kind: multilateral, alias: [WB]}\n")


def test_one_spelling_for_two_bodies_is_refused() -> None:
    with pytest.raises(ValueError, match="'ILO' also names 'International Labour Organization'"):
        parse_alias_table(
            "international:\n  - {name: International Labour Organization, kind: multilateral, aliases: [ILO]}\n"
            "  - {name: Independent Lawyers Organisation, kind: civil_society, aliases: [ILO]}\n"
        )
    with pytest.raises(ValueError, match=r"members.kenya: 'NT' also names 'National Treasury'"):
        parse_alias_table(
            "international: []\nmembers:\n  kenya:\n    organizations:\n"
            "      - {name: National Treasury, kind: government, aliases: [NT]}\n"
            "      - {name: Nairobi Trust, kind: civil_society, aliases: [NT]}\n"
        )


def test_a_table_entry_is_found_by_a_newcomer_s_alias() -> None:
    table = parse_alias_table(
        "international: []\nmembers:\n  kenya:\n    organizations:\n"
        "      - {name: Mzalendo Trust, kind: civil_society, aliases: [Mzalendo, Mzalendo Watch]}\n"
    )
    found = table.lookup("kenya", "mzalendo watch")
    assert found is not None and found.entry.name == "Mzalendo Trust" and found.member_id == "kenya"
    local = table.lookup("nairobi-kenya", "mzalendo")  # a local member's cell names its country's bodies
    assert local is not None and local.member_id == "kenya"


def test_gold_cells_that_do_not_fit_the_source_are_refused() -> None:
    with pytest.raises(GoldError, match="AL0002 lead: no such cell in the source data"):
        load_gold({"XX0001 lead": SourceCell("", "albania", "ALB")})  # a commitments file without the gold cells
    assert load_gold({}) == []  # no file read: no gold cell to score
    refs = [
        str(entry["cell"])
        for name in GOLD_FILES
        for entry in yaml.safe_load(GOLD.joinpath(name).read_text(encoding="utf-8"))["cells"]
    ]
    assert len(refs) == len(set(refs)) >= 300
    emptied = {ref: SourceCell("", "albania", "ALB") for ref in refs}
    with pytest.raises(GoldError, match="is not in the cell"):
        load_gold(emptied)


def test_a_gold_line_says_name_kind_and_entity() -> None:
    org = parse_org("Ministry of Finance ~ MoF | gov", "geo", "here")
    assert (org.spellings, org.kind, org.entity) == (
        ("Ministry of Finance", "MoF"),
        "government",
        "geo:ministry-of-finance",
    )
    assert parse_org("EITI Secretariat | gov | =sle:eiti", "sle", "here").entity == "sle:eiti"
    with pytest.raises(GoldError, match="here: 'Ministry of Finance | ministry' is not 'name | kind | =entity'"):
        parse_org("Ministry of Finance | ministry", "geo", "here")
    with pytest.raises(GoldError, match="must be written '=entity'"):
        parse_org("Ministry of Finance | gov | finance", "geo", "here")
