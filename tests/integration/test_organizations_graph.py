"""Issue 15's false merges and splits, checked in the graph after loading the real commitments export (both backends).

Each test names the case the issue found on the real data before the change (one node holding six
Transparency International chapters, GIZ as a multilateral and a Ukrainian body, …) and asserts what a
careful reader would expect now: chapters apart and linked by CHAPTER_OF, spellings of one body joined.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from graph.backend import Graph
from loaders._org_aliases import alias_table
from loaders.run import run_load
from tests.helpers import BACKENDS, real_file

pytestmark = pytest.mark.realdata
ORGS = (
    "MATCH (o:Organization) "
    "RETURN o.id AS id, o.name AS name, o.kind AS kind, o.member_id AS member, o.aliases AS aliases"
)
CHAPTERS = (
    "MATCH (c:Organization)-[:CHAPTER_OF]->(n:Organization) "
    "RETURN c.id AS chapter, c.member_id AS member, n.id AS network"
)
LINKED = (
    "MATCH (o:Organization)-[:LEADS|SUPPORTS]->(c:Commitment) WHERE o.id IN $ids "
    "RETURN o.id AS id, collect(DISTINCT c.member_id) AS members"
)


class Loaded:
    """The organisations, chapter links and a query runner of the real load on one backend."""

    def __init__(self, graph: Graph, orgs: list[dict[str, Any]], chapters: list[dict[str, Any]]) -> None:
        self.graph = graph
        self.by_id = {o["id"]: o for o in orgs}
        self.chapters = chapters

    def named(self, member: str | None, *phrases: str) -> list[str]:
        """Ids of the member's organisations with any of the phrases in their name or a spelling."""
        out = []
        for o in self.by_id.values():
            spellings = " | ".join([o["name"], *(o["aliases"] or [])]).lower()
            if (member is None or o["member"] == member) and any(p.lower() in spellings for p in phrases):
                out.append(o["id"])
        return sorted(out)

    def network_of(self, org_id: str) -> str | None:
        return next((c["network"] for c in self.chapters if c["chapter"] == org_id), None)


@pytest.fixture(scope="module", params=BACKENDS)
async def loaded(
    request: pytest.FixtureRequest, open_graph: Callable[[str, str], Awaitable[Graph]]
) -> AsyncIterator[Loaded]:
    graph = await open_graph(request.param, "organizations-real")
    path = real_file("commitments_open_parliament_g0v.csv")
    await graph.clear()
    await run_load(graph, [path])
    yield Loaded(graph, await graph.read(ORGS), await graph.read(CHAPTERS))
    await graph.clear()


def test_transparency_international_chapters_are_apart_and_linked(loaded: Loaded) -> None:
    # Before: one `transparency-international` node held the chapters of six members.
    for member, code in (
        ("papua-new-guinea", "png"),
        ("georgia", "geo"),
        ("kenya", "ken"),
        ("spain", "esp"),
        ("australia", "aus"),
    ):
        org = loaded.by_id[f"{code}-transparency-international"]
        assert org["member"] == member and org["kind"] == "civil_society"
        assert loaded.network_of(org["id"]) == "transparency-international"
    armenia = loaded.by_id["arm-transparency-international-anti-corruption-center"]
    assert loaded.network_of(armenia["id"]) == "transparency-international"
    network = loaded.by_id["transparency-international"]
    assert network["member"] is None
    chapters = [c for c in loaded.chapters if c["network"] == "transparency-international"]
    assert len({c["member"] for c in chapters}) == len(chapters) >= 15  # one chapter per member


async def test_the_network_node_names_no_commitment_of_a_member_with_a_chapter(loaded: Loaded) -> None:
    rows = await loaded.graph.read(LINKED, {"ids": ["transparency-international"]})
    chapter_members = {c["member"] for c in loaded.chapters if c["network"] == "transparency-international"}
    assert not [m for r in rows for m in r["members"] if m in chapter_members]


def test_one_node_per_chapter_whatever_the_spelling(loaded: Loaded) -> None:
    # Before: TI PNG and TI Armenia were three nodes each.
    assert loaded.named("papua-new-guinea", "Transparency International", "TIPNG") == ["png-transparency-international"]
    assert set(loaded.by_id["png-transparency-international"]["aliases"]) >= {
        "TIPNG",
        "Transparency International PNG",
        "Transparency International (TI) PNG",
    }
    assert loaded.named("armenia", "Transparency International") == [
        "arm-transparency-international-anti-corruption-center"
    ]


def test_american_chambers_of_commerce_stay_in_their_countries(loaded: Loaded) -> None:
    # Before: `american-chamber-of-commerce` joined Georgia's and Serbia's.
    for code, member in (("geo", "georgia"), ("srb", "serbia")):
        org = loaded.by_id[f"{code}-american-chamber-of-commerce"]
        assert org["member"] == member and org["kind"] == "private"
        assert loaded.network_of(org["id"]) == "american-chamber-of-commerce"


def test_ghana_and_kenya_oil_and_gas_platforms_are_two_bodies(loaded: Loaded) -> None:
    # Before: `oil-and-gas-platform` joined Ghana's platform with Kenya's KCSPOG.
    ghana = loaded.named("ghana", "Platform on Oil and Gas")
    kenya = loaded.named("kenya", "Platform on Oil and Gas")
    assert ghana == ["gha-civil-society-platform-on-oil-and-gas"]
    assert kenya == ["ken-kenya-civil-society-platform-on-oil-and-gas"]


def test_national_eiti_secretariats_are_apart_and_linked_to_eiti(loaded: Loaded) -> None:
    # Before: `eiti-secretariat` joined Papua New Guinea's and Sierra Leone's.
    for code, member in (("png", "papua-new-guinea"), ("sle", "sierra-leone")):
        org = loaded.by_id[f"{code}-eiti-secretariat"]
        assert org["member"] == member and org["kind"] == "government"
        assert loaded.network_of(org["id"]) == "eiti"
    assert loaded.network_of("gha-gheiti") == "eiti"
    assert loaded.by_id["eiti"]["member"] is None


def test_indonesian_bureaus_for_sessions_one_and_two_are_two_bodies(loaded: Loaded) -> None:
    # Before: the parliament's Bureau for Sessions I and II were one node (the numbers were dropped).
    assert loaded.named("indonesia", "Bureau for Session") == [
        "idn-bureau-for-sessions-i",
        "idn-bureau-for-sessions-ii",
    ]


def test_giz_and_usaid_are_one_international_node_each(loaded: Loaded) -> None:
    # Before: GIZ was a multilateral and a Ukrainian government node; USAID three nodes.
    giz = loaded.named(None, "GIZ", "Deutsche Gesellschaft", "German Agency for International Cooperation")
    assert [i for i in giz if "eastern-partnership" not in i] == ["giz"]  # and GIZ's Eastern Partnership programme
    assert loaded.by_id["giz"]["kind"] == "multilateral" and loaded.by_id["giz"]["member"] is None
    assert loaded.named(None, "USAID", "Agency for International Development") == ["usaid"]


def test_the_assembly_of_north_macedonia_is_one_node(loaded: Loaded) -> None:
    # Before: four nodes ("Assembly of RM", "ASSEMBLY of RNM", "The Assembly", …).
    assembly = [i for i in loaded.named("north-macedonia", "Assembly") if loaded.by_id[i]["kind"] == "parliament"]
    assert assembly == ["mkd-assembly"]
    assert {"Assembly of RM", "ASSEMBLY of RNM"} <= set(loaded.by_id["mkd-assembly"]["aliases"])


def test_acronyms_and_near_spellings_join_keeping_every_spelling(loaded: Loaded) -> None:
    cases = {
        "arm-freedom-of-information-center": {"FOICA"},  # acronym vs full name
        "ukr-state-committee-on-tv-and-radio-broadcasting": {  # Television vs TV
            "State Committee on TV and Radio Broadcasting",
            "State Committee on Television and Radio Broadcasting",
        },
        "ukr-state-agency-for-e-governance": {"State Agency for E-Governance", "State Agency on E-Governance"},
        "lva-saeima": {"Saeima", "LR Saeima"},
        "est-estonian-cooperation-assembly": {"Estonian Co-operation Assembly", "The Estonian Cooperation Assembly"},
    }
    for org_id, spellings in cases.items():
        assert spellings <= set(loaded.by_id[org_id]["aliases"]), org_id
    assert loaded.named("armenia", "Freedom of Information Center", "FOICA") == ["arm-freedom-of-information-center"]
    assert loaded.named("latvia", "Saeima") == ["lva-saeima"]


def test_people_labels_and_fragments_are_not_organisations(loaded: Loaded) -> None:
    names = {o["name"].lower() for o in loaded.by_id.values()}
    for wrong in (
        "misha popovikj",
        "independent consultant",
        "active partners could include",
        "abierto",
        "human",
        "none specified",
    ):
        assert wrong not in names
    assert not [n for n in names if n.startswith("list of organizations consulted")]


def test_only_international_bodies_are_tied_to_no_member(loaded: Loaded) -> None:
    # Before: 586 nodes ("tax", "system", "accounting-chamber") were tied to no country.
    loose = {i for i, o in loaded.by_id.items() if o["member"] is None}
    assert loose and loose <= set(alias_table().international)
    assert {"tax", "system", "accounting-chamber"}.isdisjoint(loaded.by_id)
