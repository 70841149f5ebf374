"""Splitting, classifying and resolving institution names (no graph needed)."""

from __future__ import annotations

from loaders._org_split import split_cell
from loaders.organizations import OrganizationResolver


def names(text: str) -> list[str]:
    return [p.name for p in split_cell(text)]


def test_comma_inside_a_ministry_name_does_not_split() -> None:
    assert names("Ministry of Labour, Employment and Social Protection") == [
        "Ministry of Labour, Employment and Social Protection"
    ]
    assert names("Ministry of Finance, Public Property Agency") == ["Ministry of Finance", "Public Property Agency"]


def test_and_splits_only_between_two_organisations() -> None:
    assert names("Ministry of Justice and Human Rights") == ["Ministry of Justice and Human Rights"]
    assert names("The Ministry of Justice and the Office of the Government") == [
        "Ministry of Justice",
        "Office of the Government",
    ]


def test_non_answers_and_generic_groups_give_nothing() -> None:
    for text in (
        "NA",
        "N/A",
        "TBD",
        "Unclear",
        "None",
        "other interested NGOs and CSOs",
        "Civil society organisations",
        "All organizations and coalitions interested in anti-corruption efforts",
    ):
        assert split_cell(text) == [], text


def test_a_ministries_list_gives_one_ministry_per_portfolio_and_a_bare_portfolio_is_dropped() -> None:
    assert names("Ministries of Communication, Finance, Justice") == [
        "Ministry of Communication",
        "Ministry of Finance",
        "Ministry of Justice",
    ]
    assert names("Committees: Public Account, Finance") == ["Public Account"]


def test_glued_names_are_cut_and_overlong_fragments_rejected() -> None:
    assert names(
        "Ghana Integrity Initiative Commonwealth Human Rights Initiative West African Civil Society Institute"
    ) == ["Ghana Integrity Initiative", "Commonwealth Human Rights Initiative", "West African Civil Society Institute"]
    assert names("NAP-4 18 working groups Center for Democratic Development Centre for Local Government Advocacy") == [
        "Center for Democratic Development",
        "Centre for Local Government Advocacy",
    ]
    assert names("Ministry of Justice and Human Rights") == ["Ministry of Justice and Human Rights"]
    long_one = "Agency " + " ".join(f"Word{i}" for i in range(12))
    assert names(long_one) == []


def test_parenthesised_acronym_becomes_an_alias() -> None:
    (piece,) = split_cell("Open Government Partnership (OGP)")
    assert (piece.name, piece.acronym) == ("Open Government Partnership", "OGP")


def test_national_bodies_are_per_member_and_international_ones_shared() -> None:
    resolver = OrganizationResolver()
    alb = resolver.mentions("Ministry of Justice; World Bank", member_id="albania", member_code="ALB", role="lead")
    ken = resolver.mentions("Ministry of Justice, World Bank", member_id="kenya", member_code="KEN", role="support")
    assert [m.organization.id for m in alb] == ["alb-ministry-of-justice", "world-bank"]
    assert [m.organization.id for m in ken] == ["ken-ministry-of-justice", "world-bank"]
    assert alb[0].organization.member_id == "albania" and alb[1].organization.kind == "multilateral"


def test_spellings_of_one_body_merge_and_keep_every_alias() -> None:
    resolver = OrganizationResolver()
    for text in ("Parliament of Georgia", "The Parliament of Georgia", "Parliament"):
        resolver.mentions(text, member_id="georgia", member_code="GEO", role="support")
    (org,) = resolver.organizations()
    assert org.id == "geo-parliament" and org.kind == "parliament"
    assert org.aliases == ["Parliament", "Parliament of Georgia", "The Parliament of Georgia"]


def test_acronym_and_full_name_are_one_organisation_in_either_order() -> None:
    cells = ["IDFI", "Institute for Development of Freedom of Information (IDFI)", "IDFI; Transparency International"]
    for order in (cells, list(reversed(cells))):
        resolver = OrganizationResolver()
        for text in order:
            resolver.observe(text, member_id="georgia", member_code="GEO")
        ids = [
            m.organization.id
            for text in order
            for m in resolver.mentions(text, member_id="georgia", member_code="GEO", role="support")
        ]
        idfi = "geo-institute-for-development-of-freedom-of-information"
        assert sorted(ids) == [idfi, idfi, idfi, "transparency-international"]
        org = resolver.organizations()[0]
        assert (org.name, org.aliases) == (
            "Institute for Development of Freedom of Information",
            ["IDFI", "Institute for Development of Freedom of Information (IDFI)"],
        )


def test_an_acronym_given_for_two_organisations_links_to_neither() -> None:
    resolver = OrganizationResolver()
    for text in ("Georgian Young Lawyers Association (GYLA)", "Georgian Youth League of Advocates (GYLA)", "GYLA"):
        resolver.observe(text, member_id="georgia", member_code="GEO")
    assert [o.id for o in resolver.organizations()] == [
        "geo-gyla",
        "georgian-young-lawyers-association",
        "georgian-youth-league-of-advocates",
    ]


def test_fuzzy_spellings_take_the_most_mentioned_spelling_whatever_the_order() -> None:
    cells = [
        "Ministry of Economic Development",
        "Ministry of Economic Developement",
        "Ministry of Economic Development",
    ]
    for order in (cells, cells[1:] + cells[:1], list(reversed(cells))):
        resolver = OrganizationResolver()
        for text in order:
            resolver.observe(text, member_id="kenya", member_code="KEN")
        ids = {
            m.organization.id
            for text in order
            for m in resolver.mentions(text, member_id="kenya", member_code="KEN", role="lead")
        }
        assert ids == {"ken-ministry-of-economic-development"}
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
    assert ids[0] == ids[1] == ["ken-ministry-of-finance", "transparency-international"]


def test_known_organisations_from_the_graph_win() -> None:
    from graph.model import Organization

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
