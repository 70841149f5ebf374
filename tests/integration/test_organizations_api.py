"""National chapters in the GraphQL API (both backends): `network` and `chapters`, loaded through the real loader.

The commitments file is the test sample with its institution cells rewritten to name chapters of
Transparency International in three members (one a local member, whose civil society is its country's).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.backend import Graph
from loaders.run import run_load
from tests.helpers import DATA, gql

SAMPLE = DATA / "commitments_sample.csv"
CELLS = {
    "AL0002": ("Council of Ministers", "Transparency International; World Bank Group"),
    "MK0063": ("Ministry of Justice", "Transparency International Macedonia"),
    "KENMS0002": ("Nairobi City County", "Transparency International Kenya (TI-Kenya), the World Bank"),
}
NETWORK = """{ organization(id: "transparency-international") { name kind member { id }
  network { id } chapters { id kind member { id } network { id }
  commitments { totalCount edges { asWritten node { id } } } } } }"""
WORLD_BANK = """{ organization(id: "world-bank") { member { id } network { id } chapters { id }
  commitments { totalCount } } }"""


@pytest.fixture
async def chapters(graph: Graph, tmp_path: Path) -> Graph:
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    lead, support = header.index("Lead Institution"), header.index("Supporting Institution(s)")
    for row in rows[1:]:
        row[lead], row[support] = CELLS[row[header.index("Commitment Unique Identifier")]]
    path = tmp_path / "commitments_chapters.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    await run_load(graph, [path])
    return graph


async def test_all_chapters_of_a_network_are_one_question(chapters: Graph) -> None:
    org = (await gql(chapters, NETWORK))["organization"]
    assert (org["name"], org["kind"], org["member"], org["network"]) == (
        "Transparency International",
        "CIVIL_SOCIETY",
        None,
        None,
    )
    got = {c["id"]: c for c in org["chapters"]}
    assert sorted(got) == [
        "alb-transparency-international",
        "ken-transparency-international",
        "mkd-transparency-international",
    ]
    for chapter_id, member, commitment, written in (
        ("alb-transparency-international", "albania", "AL0002", "Transparency International"),
        ("mkd-transparency-international", "north-macedonia", "MK0063", "Transparency International Macedonia"),
        ("ken-transparency-international", "kenya", "KENMS0002", "Transparency International Kenya (TI-Kenya)"),
    ):
        chapter = got[chapter_id]
        assert chapter["member"] == {"id": member} and chapter["kind"] == "CIVIL_SOCIETY"
        assert chapter["network"] == {"id": "transparency-international"}
        assert chapter["commitments"]["totalCount"] == 1
        assert chapter["commitments"]["edges"] == [{"asWritten": written, "node": {"id": commitment}}]


async def test_an_international_body_without_chapters_spans_members(chapters: Graph) -> None:
    org = (await gql(chapters, WORLD_BANK))["organization"]
    assert org == {"member": None, "network": None, "chapters": [], "commitments": {"totalCount": 2}}


async def test_reach_of_a_network_lists_its_chapters_and_a_chapter_names_its_network(chapters: Graph) -> None:
    network = (await gql(chapters, '{ organizationReach(id: "transparency-international") }'))["organizationReach"]
    assert network["commitments"] == [] and network["network"] is None  # the chapters name the commitments
    assert [(c["id"], c["member_id"]) for c in network["chapters"]] == [
        ("alb-transparency-international", "albania"),
        ("ken-transparency-international", "kenya"),
        ("mkd-transparency-international", "north-macedonia"),
    ]
    chapter = (await gql(chapters, '{ organizationReach(id: "ken-transparency-international") }'))["organizationReach"]
    assert chapter["network"]["id"] == "transparency-international" and chapter["chapters"] == []
    assert [m["id"] for m in chapter["members"]] == ["nairobi-kenya"]  # the member whose commitment names it
