"""Where an organisation belongs: its member, its country (local members), the world (the alias table's
international bodies), or its country as the national chapter of an international network."""

from __future__ import annotations

from loaders._org_split import split_cell
from tests.helpers import resolve_cells as resolve


def test_an_organisation_is_scoped_to_its_member_unless_international() -> None:
    resolver, ids = resolve(
        [
            ("albania", "Ministry of Justice; World Bank; Civic Forum"),
            ("kenya", "Ministry of Justice, World Bank, Civic Forum"),
        ]
    )
    assert ids == [
        ["alb-ministry-of-justice", "world-bank", "alb-civic-forum"],
        ["ken-ministry-of-justice", "world-bank", "ken-civic-forum"],
    ]
    by_id = {o.id: o for o in resolver.organizations()}
    assert by_id["world-bank"].member_id is None and by_id["world-bank"].kind == "multilateral"
    assert by_id["alb-civic-forum"].member_id == "albania"


def test_national_chapters_are_separate_and_linked_to_their_network() -> None:
    cells = [
        ("georgia", "TI; American Chamber of Commerce"),
        ("serbia", "American Chamber of Commerce, Transparency International Serbia"),
        ("papua-new-guinea", "TIPNG, Transparency International PNG, EITI Secretariat"),
        ("sierra-leone", "EITI Secretariat"),
        ("ghana", "GHEITI"),
    ]
    resolver, ids = resolve(cells)
    assert ids == [
        ["geo-transparency-international", "geo-american-chamber-of-commerce"],
        ["srb-american-chamber-of-commerce", "srb-transparency-international"],
        ["png-transparency-international", "png-eiti-secretariat"],
        ["sle-eiti-secretariat"],
        ["gha-gheiti"],
    ]
    links = dict(resolver.chapter_links())
    assert (
        links["geo-transparency-international"]
        == links["png-transparency-international"]
        == "transparency-international"
    )
    assert links["srb-american-chamber-of-commerce"] == "american-chamber-of-commerce"
    assert links["png-eiti-secretariat"] == links["gha-gheiti"] == "eiti"
    network_ids = {o.id for o in resolver.organizations() if o.member_id is None}
    assert {"transparency-international", "american-chamber-of-commerce", "eiti"} <= network_ids


def test_country_offices_of_one_international_body_are_that_body() -> None:
    _, ids = resolve(
        [
            ("ukraine", "UNDP Ukraine; German Agency for International Cooperation (GIZ); USAID"),
            ("romania", "National Democratic Institute – Romania, GIZ"),
            ("kenya", "ARTICLE 19 Eastern Africa, NDI, United States Agency for International Development"),
        ]
    )
    assert ids == [["undp", "giz", "usaid"], ["ndi", "giz"], ["article-19", "ndi", "usaid"]]


def test_a_name_that_sounds_international_stays_national_unless_the_table_lists_it() -> None:
    resolver, ids = resolve(
        [
            ("kyrgyz-republic", "International Business Council"),
            ("nigeria", "African Network for Economic and Environmental Justice"),
        ]
    )
    assert ids == [
        ["kgz-international-business-council"],
        ["nga-african-network-for-economic-and-environmental-justice"],
    ]
    assert all(o.member_id for o in resolver.organizations())


def test_a_local_member_s_civil_society_and_chapters_belong_to_its_country() -> None:
    resolver, ids = resolve(
        [("nairobi-kenya", "Transparency International Kenya (TI-Kenya)"), ("kenya", "Transparency International")],
        code="KEN",
    )
    assert ids == [["ken-transparency-international"], ["ken-transparency-international"]]
    (chapter,) = [o for o in resolver.organizations() if o.member_id]
    assert chapter.member_id == "kenya"


def test_a_glued_chapter_acronym_needs_the_member_s_short_form() -> None:
    resolver, ids = resolve(
        [
            ("ghana", "Coalition on the Right to Information Bill (CRTI); Ghana Integrity Initiative (GII); CRTI"),
            ("papua-new-guinea", "TIPNG; Transparency International PNG (TIPNG) PNG Resource Governance Coalition"),
        ]
    )
    assert ids == [
        ["gha-coalition-on-the-right-to-information-bill", "gha-ghana-integrity-initiative"],
        ["png-transparency-international", "png-png-resource-governance-coalition"],
    ]
    assert dict(resolver.chapter_links()) == {
        "gha-ghana-integrity-initiative": "transparency-international",
        "png-transparency-international": "transparency-international",
    }


def test_two_acronyms_on_a_dash_are_two_bodies_a_name_and_an_acronym_one() -> None:
    assert [(p.name, p.acronym) for p in split_cell("MITIC - STP", "paraguay")] == [("MITIC", None), ("STP", None)]
    assert [(p.name, p.acronym) for p in split_cell("Ministerio de Hacienda - MH", "paraguay")] == [
        ("Ministerio de Hacienda", "MH")
    ]
