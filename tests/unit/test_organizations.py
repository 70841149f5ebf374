"""Splitting, classifying and resolving institution names (no graph needed).

The cells here are written for the tests, in the shapes the real exports use (see loaders/data/org_gold/
for the hand-checked real cells and tests/integration/test_organizations_real.py for the figures).
"""

from __future__ import annotations

from graph.model import Organization
from loaders._cells import redact_contacts
from loaders._org_split import split_cell
from loaders.organizations import OrganizationResolver
from tests.helpers import resolve_cells as resolve


def names(text: str, member: str = "") -> list[str]:
    return [p.name for p in split_cell(text, member)]


def test_comma_inside_a_ministry_name_does_not_split() -> None:
    assert names("Ministry of Labour, Employment and Social Protection") == [
        "Ministry of Labour, Employment and Social Protection"
    ]
    assert names("Ministry of Finance, Public Property Agency") == ["Ministry of Finance", "Public Property Agency"]
    assert names("Ministério do Planejamento, Orçamento e Gestão, Controladoria-Geral da União") == [
        "Ministério do Planejamento, Orçamento e Gestão",
        "Controladoria-Geral da União",
    ]
    assert names("Chair of the Survey, Mapping and Cadastre Authority") == [
        "Chair of the Survey, Mapping and Cadastre Authority"
    ]


def test_and_splits_only_between_two_whole_names() -> None:
    assert names("Ministry of Justice and Human Rights") == ["Ministry of Justice and Human Rights"]
    assert names("The Ministry of Justice and the Office of the Government") == [
        "Ministry of Justice",
        "Office of the Government",
    ]
    assert names("Deputy Prime Minister and Minister of Justice") == ["Deputy Prime Minister and Minister of Justice"]
    assert names("Secretaría de Hacienda y Crédito Público y el Consejo Nacional de Evaluación") == [
        "Secretaría de Hacienda y Crédito Público",
        "Consejo Nacional de Evaluación",
    ]
    assert names("Department of the Interior and Local Government") == [
        "Department of the Interior and Local Government"
    ]


def test_non_answers_groups_people_and_labels_give_nothing() -> None:
    for text in (
        "NA",
        "N/A",
        "TBD",
        "None specified",
        "Unclear",
        "other interested NGOs and CSOs",
        "Civil society organisations",
        "All organizations and coalitions interested in anti-corruption efforts",
        "County Assemblies, County Governments",
        "Citizens: Jane Doe; John Roe",
        "Mr. John Roe, Independent Consultant",
        "State actors involved Active Partners could include:",
        "List of organizations consulted for Open Parliament Action Plan",
    ):
        assert split_cell(text) == [], text


def test_a_contact_list_keeps_the_organisations_and_drops_the_people() -> None:
    cell = "Jane Roe, IDSCS, jane@example.org Dr. John Doe, Ministry of Culture and other civil society organizations"
    assert names(cell, "north-macedonia") == ["IDSCS", "Ministry of Culture"]


def test_a_contact_list_reads_the_same_after_the_loader_removed_its_contact_details() -> None:
    # The loader hands the splitter text cells with e-mail addresses and phone numbers replaced by markers
    # (loaders/_cells.py): the markers still say "this cell lists people", and never stick to a name.
    cell = "Jane Roe, IDSCS, jane@example.org Jane Doe, MCIC doe@example.org, Tel: 021 450 422 and other NGOs"
    redacted, removed = redact_contacts(cell)
    assert removed == 3
    assert names(redacted, "north-macedonia") == names(cell, "north-macedonia") == ["IDSCS", "MCIC"]


def test_labelled_groups_give_their_kind_to_names_that_do_not_tell() -> None:
    cell = "Gobierno: IAPX, Dirección de Compras\nSociedad civil/Iniciativa privada: ASOQ, Foro Social"
    pieces = split_cell(cell, "honduras")
    assert [(p.name, p.hint) for p in pieces] == [
        ("IAPX", "government"),
        ("Dirección de Compras", "government"),
        ("ASOQ", "civil_society"),
        ("Foro Social", "civil_society"),
    ]
    resolver, ids = resolve([("honduras", cell)])
    kinds = {o.name: o.kind for o in resolver.organizations()}
    assert kinds == {
        "IAPX": "government",
        "Dirección de Compras": "government",
        "ASOQ": "civil_society",
        "Foro Social": "civil_society",
    }


def test_bullets_numbering_and_dashes_separate_names() -> None:
    assert names("• Ministry of Health • Ministry of Energy\uf0b7 Audit Office") == [
        "Ministry of Health",
        "Ministry of Energy",
        "Audit Office",
    ]
    assert names("1. Ministry of Health 2. Ministry of Energy\n(a) Audit Office") == [
        "Ministry of Health",
        "Ministry of Energy",
        "Audit Office",
    ]
    assert names("-Konza Tech Park -ICT Authority -Mzalendo Trust", "kenya") == [
        "Konza Tech Park",
        "ICT Authority",
        "Mzalendo Trust",
    ]


def test_lists_written_without_separators_are_cut_at_name_boundaries() -> None:
    assert names(
        "Ministry of Finance Ministry of Economy State Treasury State Institution “Open Budget” (by agreement)"
    ) == [
        "Ministry of Finance",
        "Ministry of Economy",
        "State Treasury",
        "Open Budget",
    ]
    assert names(
        "Ghana Integrity Initiative Commonwealth Human Rights Initiative West African Civil Society Institute"
    ) == [
        "Ghana Integrity Initiative",
        "Commonwealth Human Rights Initiative",
        "West African Civil Society Institute",
    ]
    assert names("NAP-4 18 working groups Center for Democratic Development Centre for Local Government Advocacy") == [
        "Center for Democratic Development",
        "Centre for Local Government Advocacy",
    ]
    assert names("Office of the Clerk of Parliament Parliament of Sierra Leone", "sierra-leone") == [
        "Office of the Clerk of Parliament",
        "Parliament of Sierra Leone",
    ]


def test_names_wrapped_over_lines_are_rejoined() -> None:
    assert names("Comisión Especial de Parlamento\n  Abierto") == ["Comisión Especial de Parlamento Abierto"]
    assert names(
        "Office of the Public Prosecutor, Ministry of Information\nSociety and Administration, Audit Office"
    ) == [
        "Office of the Public Prosecutor",
        "Ministry of Information Society and Administration",
        "Audit Office",
    ]
    assert names("Ministry of Labour\nMinistry of Justice\nAudit Office") == [
        "Ministry of Labour",
        "Ministry of Justice",
        "Audit Office",
    ]


def test_units_under_a_parent_label_stay_apart_from_the_same_unit_of_another_parent() -> None:
    cell = "De la Cámara: • Departamento de Informática • Fiscalía Del Senado: • Departamento de Informática"
    pieces = split_cell(cell, "chile")
    assert [(p.name, p.parent) for p in pieces] == [
        ("Cámara", None),
        ("Departamento de Informática", "Cámara"),
        ("Fiscalía", "Cámara"),
        ("Senado", None),
        ("Departamento de Informática", "Senado"),
    ]
    _, (ids,) = resolve([("chile", cell)], "CHL")
    assert len(set(ids)) == 5
    assert "chl-senado-departamento-de-informatica" in ids


def test_a_ministries_list_gives_one_ministry_per_portfolio_and_a_bare_portfolio_is_dropped() -> None:
    assert names("Ministries of Communication, Finance, Justice") == [
        "Ministry of Communication",
        "Ministry of Finance",
        "Ministry of Justice",
    ]
    assert names("Ministries responsible for Finance, Justice and Communication") == [
        "Ministry of Finance",
        "Ministry of Justice",
        "Ministry of Communication",
    ]
    assert names("Committees: Public Account, Finance") == ["Public Account"]
    assert names("• Ministries of: - Finance - Industry, Commerce and Tourism - Transportation • State Council") == [
        "Ministry of Finance",
        "Ministry of Industry, Commerce and Tourism",
        "Ministry of Transportation",
        "State Council",  # the list ends with its line: not a unit of "Ministries of"
    ]


def test_parenthesised_acronym_becomes_an_alias_and_notes_are_dropped() -> None:
    (piece,) = split_cell("Open Government Partnership (OGP)")
    assert (piece.name, piece.acronym) == ("Open Government Partnership", "OGP")
    (piece,) = split_cell("UAIP (Unidad de Acceso a la Información Pública)")
    assert (piece.name, piece.acronym) == ("Unidad de Acceso a la Información Pública", "UAIP")
    assert names("Agency for Data (upon consent), Ministry of Justice (by agreement)") == [
        "Agency for Data",
        "Ministry of Justice",
    ]


def test_a_body_in_brackets_after_another_is_a_body_of_its_own() -> None:
    assert names("Comisión Organizadora (Contraloría General de la República preside)") == [
        "Comisión Organizadora",
        "Contraloría General de la República",
    ]


def test_spellings_of_one_body_merge_and_keep_every_alias() -> None:
    resolver = OrganizationResolver()
    for text in ("Parliament of Georgia", "The Parliament of Georgia", "Parliament"):
        resolver.mentions(text, member_id="georgia", member_code="GEO", role="support")
    (org,) = resolver.organizations()
    assert org.id == "geo-parliament" and org.kind == "parliament"
    assert org.aliases == ["Parliament", "Parliament of Georgia", "The Parliament of Georgia"]


def test_near_spellings_translations_and_office_holders_join() -> None:
    _, ids = resolve(
        [
            ("ukraine", "State Agency for E-Governance; State Agency on E-Governance"),
            ("ukraine", "State Committee on TV and Radio; State Committee for Television and Radio"),
            (
                "nigeria",
                "Office of the Auditor-General of the Federation; Office of the Auditor-General for the Federation",
            ),
            (
                "slovak-republic",
                "Minister of Justice; Ministry of Justice; Deputy Prime Minister and Minister of Justice",
            ),
            ("indonesia", "Head of Bureau for Sessions I of DPR RI; Bureau for Session I; Bureau for Session II"),
            ("cote-divoire", "Union des Chauffeurs (UCHA); Drivers' Union of Côte d'Ivoire (UCHA)"),
        ]
    )
    assert len(set(ids[0])) == len(set(ids[1])) == len(set(ids[2])) == len(set(ids[3])) == 1
    assert ids[4] == ["idn-bureau-for-sessions-i", "idn-bureau-for-session-ii"]  # one mention per body, each once
    assert len(set(ids[5])) == 1  # one acronym, two languages


def test_a_shared_acronym_never_joins_bodies_of_different_kinds() -> None:
    _, ids = resolve([("kenya", "Ministry of Data (MDA); Makers of Data Association (MDA)")])
    assert len(set(ids[0])) == 2


def test_acronym_and_full_name_are_one_organisation_in_either_order() -> None:
    cells = ["QRTS", "Institute for Quiet Research and Technical Studies (QRTS)", "QRTS; World Bank"]
    for order in (cells, list(reversed(cells))):
        resolver, ids = resolve([("georgia", text) for text in order], "GEO")
        qrts = "geo-institute-for-quiet-research-and-technical-studies"
        assert sorted(i for cell in ids for i in cell) == [qrts, qrts, qrts, "world-bank"]
        org = next(o for o in resolver.organizations() if o.id == qrts)
        assert (org.name, org.aliases) == (
            "Institute for Quiet Research and Technical Studies",
            ["Institute for Quiet Research and Technical Studies (QRTS)", "QRTS"],
        )


def test_a_member_acronym_wins_over_an_international_one() -> None:
    _, ids = resolve([("denmark", "Agency for Digitisation (AFD)"), ("denmark", "AFD"), ("peru", "AFD")])
    assert ids == [["dnk-agency-for-digitisation"], ["dnk-agency-for-digitisation"], ["afd"]]


def test_fuzzy_spellings_take_the_most_mentioned_spelling_whatever_the_order() -> None:
    cells = [
        "Ministry of Economic Development",
        "Ministry of Economic Developement",
        "Ministry of Economic Development",
    ]
    for order in (cells, cells[1:] + cells[:1], list(reversed(cells))):
        resolver, ids = resolve([("kenya", text) for text in order], "KEN")
        assert {i for cell in ids for i in cell} == {"ken-ministry-of-economic-development"}
        (org,) = resolver.organizations()
        assert org.aliases == ["Ministry of Economic Developement", "Ministry of Economic Development"]


def test_ids_do_not_depend_on_order_for_exact_spellings() -> None:
    cells = ["Ministry of Finance", "Transparency International", "the Ministry of Finance"]
    ids = []
    for order in (cells, list(reversed(cells))):
        resolver = OrganizationResolver()
        for text in order:
            resolver.mentions(text, member_id="kenya", member_code="KEN", role="lead")
        ids.append([o.id for o in resolver.organizations()])
    assert (
        ids[0] == ids[1] == ["ken-ministry-of-finance", "ken-transparency-international", "transparency-international"]
    )


def test_known_organisations_from_the_graph_win() -> None:
    known = [
        Organization(
            id="ken-treasury",
            name="National Treasury",
            kind="government",
            member_id="kenya",
            aliases=["The National Treasury"],
        )
    ]
    resolver = OrganizationResolver(known)
    (mention,) = resolver.mentions("The National Treasury", member_id="kenya", member_code="KEN", role="lead")
    assert mention.organization.id == "ken-treasury"


def test_a_group_after_a_comma_is_not_the_rest_of_the_name_before_it() -> None:
    # LK0019: the Attorney-General's Department was swallowed by the group after it, then dropped with it
    cell = "FCID, Attorney-General’s Department, All organizations and coalitions interested in anti-corruption"
    assert names(cell) == ["FCID", "Attorney-General’s Department"]
    assert names("Non-governmental agencies involved: Most of the CSO in Albania, Faculty of Economy") == [
        "Faculty of Economy"
    ]


def test_a_web_address_in_brackets_ends_a_name() -> None:
    cell = "State Information System Authority (eesti.ee) Data Protection Inspectorate (owner of the form)"
    assert names(cell) == ["State Information System Authority", "Data Protection Inspectorate"]


def test_or_between_two_whole_names_separates_them() -> None:
    assert names("Ministry of Mines (or the Office of the Chief of Staff, National Revenue Authority") == [
        "Ministry of Mines",
        "Office of the Chief of Staff",
        "National Revenue Authority",
    ]
    assert names("Ministry of Education or Ministry of Health") == ["Ministry of Education", "Ministry of Health"]
    assert names("Ministry of Labour or Social Affairs") == ["Ministry of Labour or Social Affairs"]


def test_no_cut_inside_brackets_and_a_lone_word_after_a_head_stays_with_it() -> None:
    cell = "Ministry of Finance (Secretary to Treasury; Debt and Aid Division); Reserve Bank of Malawi"
    assert names(cell) == ["Ministry of Finance", "Reserve Bank of Malawi"]
    assert names("Ministry in charge of Labour and Trade Union Relations; Law Commission") == [
        "Ministry in charge of Labour and Trade Union Relations",
        "Law Commission",
    ]


def test_two_acronyms_joined_by_a_slash_are_two_bodies_and_a_broad_range_is_a_group() -> None:
    assert names("4. MoJ & MoF, 7. MoJ/RAF, 8. OGI/P") == ["MoJ", "MoF", "RAF", "OGI/P"]
    assert names("Broad range of Public Service Bodies, third sector, Digital Directorate") == ["Digital Directorate"]


def test_a_list_of_whole_names_is_not_rejoined_as_one_name_with_portfolios() -> None:
    # PNG0015: "Geodesy, Cartography and Cadastre Authority" is one body, these are five
    cell = (
        "Civil Identity Registration, National Information and Communication Technology Authority, DataCo, Oxfam, "
        "Consultative Implementation and Monitoring Council"
    )
    assert names(cell) == [
        "Civil Identity Registration",
        "National Information and Communication Technology Authority",
        "DataCo",
        "Oxfam",
        "Consultative Implementation and Monitoring Council",
    ]
    assert names("Geodesy, Cartography and Cadastre Authority") == ["Geodesy, Cartography and Cadastre Authority"]
