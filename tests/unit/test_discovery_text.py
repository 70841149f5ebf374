"""Commitment texts as discovery reads them: language, template headings, the bounded passage, thinness, passages."""

from __future__ import annotations

import pytest

from discovery.explain import passage, passage_in, surface
from discovery.lexical import WordSpace
from discovery.text import LEAD_CHARS, fold, is_thin, language, passage_key, without_template
from discovery.text import passage as encoder_passage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Create a public register of the beneficial owners of companies", "en"),
        ("Crear un registro público de los beneficiarios finales de las empresas", "es"),
        ("Créer un registre public des bénéficiaires effectifs des sociétés", "fr"),
        ("Criar um registro público dos beneficiários finais das empresas", "pt"),
        ("Open data", "en"),  # no function word at all: English, the export's main language
    ],
)
def test_language_is_told_by_function_words(text: str, expected: str) -> None:
    assert language(text) == expected


def test_fold_strips_accents_and_case_one_letter_for_one() -> None:
    assert fold("Participación Ciudadana – “Bénéficiaires”") == 'participacion ciudadana - "beneficiaires"'
    assert len(fold("Ação é já")) == len("Ação é já")


def test_template_headings_are_removed_and_the_rest_kept_as_written() -> None:
    text = (
        "What is the public problem that the commitment will address? Companies hide their owners. "
        "What is the commitment? Create a public register. Why is this commitment relevant to OGP values? "
        "It advances accountability."
    )
    assert without_template(text) == (
        "Companies hide their owners. Create a public register. It advances accountability"
    )
    spanish = (
        "Status quo o problema que se quiere resolver: La participación es débil. Objetivo principal: Fortalecerla"
    )
    assert without_template(spanish) == "La participación es débil. Fortalecerla"


def test_the_encoder_gets_the_titles_and_a_bounded_lead() -> None:
    body = "Main objective: Create a register of beneficial owners. " + "More detail follows here. " * 60
    text = encoder_passage("Beneficial Ownership Register", "BO register", body)
    assert text.startswith("Beneficial Ownership Register (BO register). Create a register")
    assert len(text) <= len("Beneficial Ownership Register (BO register). ") + LEAD_CHARS
    # the short title is left out when the title already says it
    assert encoder_passage("Open data portal", "Open data", "").startswith("Open data portal")
    assert "(" not in encoder_passage("Open data portal", "Open data", "")


def test_an_embedding_is_keyed_by_model_and_exact_text() -> None:
    key = passage_key("model-a", "Open data")
    assert key == passage_key("model-a", "Open data")
    assert key != passage_key("model-b", "Open data") and key != passage_key("model-a", "Open data.")


def test_a_record_with_little_beyond_its_title_is_thin() -> None:
    assert is_thin("Open data portal", "Open data portal. Launch it.")
    assert is_thin("Open data portal", "What is the commitment? Launch the open data portal.")
    assert not is_thin("Open data portal", " ".join(["The ministry will publish datasets on budgets."] * 5))


def test_the_passage_is_the_sentence_holding_most_shared_terms() -> None:
    text = (
        "The ministry will improve its services. A public register of beneficial owners will be created. "
        "The beneficial owners of companies will be published as open data."
    )
    space = WordSpace(["Beneficial owners", "Budget"], [text, "The budget is published every year."])
    sentences = space.sentence_terms(text)
    found = passage(sentences, ["beneficial owners", "register", "open data"])
    assert found == "A public register of beneficial owners will be created."
    assert passage(sentences, ["budget"]) is None
    assert passage(sentences, []) is None


def test_shared_terms_are_named_most_telling_first_without_repeating_a_word() -> None:
    space = WordSpace(
        ["Beneficial ownership register", "Beneficial ownership data", "Budget portal"],
        [
            "Create a public register of beneficial ownership of companies.",
            "Publish beneficial ownership data of companies in a register.",
            "Publish the budget online every year.",
        ],
    )
    terms = space.shared_terms(space.words[0], [1, 2])
    assert "beneficial ownership" in terms[0] and "beneficial" not in terms[0]
    assert terms[1] == []  # nothing distinctive in common with the budget portal


def test_a_term_is_shown_as_the_text_writes_it() -> None:
    assert surface("Registro de Beneficiarios Finales", "beneficiarios finales") == "Beneficiarios Finales"
    assert surface("Participación ciudadana", "participacion") == "Participación"
    assert surface("Something else", "participacion") == "participacion"


STORED_TEXT = (
    "Ambition: to open up the economy. Brief description of commitment: The government will publish data. "
    "A public register of the beneficial owners of companies will be created by the registry agency, "
    "with the names of the owners. Civil society will monitor the register and its use every year."
)


def test_a_stored_match_passage_is_the_sentence_holding_most_shared_words() -> None:
    found = passage_in(STORED_TEXT, ["beneficial owners", "register", "companies"])
    assert found is not None and found.startswith("A public register of the beneficial owners")
    assert passage_in(STORED_TEXT, ["monitor"]) == "Civil society will monitor the register and its use every year."
    assert passage_in(STORED_TEXT, ["budget"]) is None and passage_in("", ["register"]) is None
    # a word inside another word is not the word; a term may skip up to two short words ("owners of companies")
    assert passage_in("The registry agency keeps all the files here.", ["register"]) is None
    assert passage_in(STORED_TEXT, ["owners companies"]) == passage_in(STORED_TEXT, ["beneficial owners"])
    # accents are folded ("Participación" holds "participacion"), also where folding changes the text's length
    spanish = "Se crea un portal. La Participación ciudadana será abierta en todos los municipios del país."
    assert passage_in(spanish, ["participacion"]) == spanish.split(". ", 1)[1]
    assert passage_in("ﬁnal text. La Participación ciudadana será abierta en todos los municipios.", ["participacion"])
