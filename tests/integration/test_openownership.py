"""Open Ownership's tracker on the real exports: BOLG, commitment mechanisms, registers, same Member nodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.backend import Graph
from graph.model import Member, PolicyArea
from loaders import openownership
from loaders._source import Batch, header_of, read_csv, write_batch
from loaders._write import Provenance
from loaders.coalitions import load_file
from loaders.member_names import member_slug
from tests.helpers import real_file

NOW = "2024-01-01T00:00:00Z"
SEED = Path(__file__).resolve().parent.parent.parent / "samples" / "coalitions.yaml"
BOLG = {"armenia", "kenya", "latvia", "mexico", "nigeria", "norway", "slovak-republic", "united-kingdom"}


async def load_members(graph: Graph) -> None:
    """Member nodes from the real members seed (83 national members), and the BO policy area."""
    rows = [r for r in read_csv(real_file("ogp_members_seed.csv")) if r.cells["level"] == "national"]
    members = [
        Member(id=member_slug(r.cells["member_name"]), name=r.cells["member_name"], code=r.cells["member_code"])
        for r in rows
    ]
    batch = Batch("ogp_members_seed.csv")
    batch.add_nodes(members, [Provenance("ogp_members_seed.csv", r.number) for r in rows])
    batch.add_nodes([PolicyArea(id="beneficial-ownership", name="Beneficial Ownership")], [Provenance("t")])
    await write_batch(graph, batch, NOW)


async def load_tracker(graph: Graph) -> None:
    for name in ("openownership_bo_commitments_by_country.csv", "openownership_bo_registers.csv"):
        path = real_file(name)
        assert openownership.recognise(header_of(path))
        batch = openownership.validate(openownership.extract(path), name)
        assert batch.errors == []
        await openownership.load(graph, batch, NOW)


def test_mechanisms_are_read_from_the_html_list() -> None:
    html = (
        "<ul><li>As an <a href='https://eiti.org/'>Extractives Industry Transparency Initiative (EITI)</a> "
        "member, Kenya has committed.</li><li>Kenya has made a commitment to beneficial ownership transparency "
        "as part of the Beneficial Ownership Leadership Group.</li><li>Kenya passed a law.</li></ul>"
    )
    assert [m for m, _ in openownership.commitment_statements(html)] == ["eiti", "bolg", "other"]
    assert openownership.commitment_statements("<ul></ul>") == []


@pytest.mark.realdata
async def test_bolg_participants_and_mechanisms_on_the_same_member_nodes(graph: Graph) -> None:
    await load_members(graph)
    await load_tracker(graph)
    rows = await graph.read(
        "MATCH (m:Member)-[r:PARTICIPATES_IN]->(:Coalition {id: $id}) RETURN m.id AS id, r.source AS source",
        {"id": openownership.BOLG_ID},
    )
    assert {r["id"] for r in rows} == BOLG
    assert {r["source"] for r in rows} == {"openownership"}
    counts = await graph.read("MATCH (:BoCountry)-[:COMMITTED_TO_BO]->(m:BoMechanism) RETURN m.id AS id, count(*) AS n")
    by_mechanism = {r["id"]: r["n"] for r in counts}
    assert by_mechanism["bolg"] == 8 and by_mechanism["ogp-action-plan"] == 27 and by_mechanism["eiti"] == 54
    assert (await graph.read("MATCH (c:BoCountry) RETURN count(c) AS n")) == [{"n": 116}]
    uk = await graph.read(
        "MATCH (m:Member {id: 'united-kingdom'})-[:HAS_BO_PROFILE]->(c:BoCountry) "
        "RETURN c.name AS name, c.central AS central, c.public AS public, c.iso2 AS iso2"
    )
    assert uk == [
        {"name": "United Kingdom of Great Britain and Northern Ireland", "central": True, "public": True, "iso2": "GB"}
    ]
    # non-members are kept as BoCountry facts without a Member node
    assert await graph.read("MATCH (m:Member {id: 'zambia'}) RETURN m.id AS id") == []
    registers = await graph.read("MATCH (c:BoCountry)-[:HAS_REGISTER]->(r:BoRegister) RETURN count(r) AS n")
    assert registers == [{"n": 34}]
    albania = await graph.read(
        "MATCH (:BoCountry {id: 'albania'})-[:HAS_REGISTER]->(r:BoRegister) RETURN r.name AS name, r.scope AS scope"
    )
    assert albania == [{"name": "Albania Register of Beneficial Owners (RBO)", "scope": ["National"]}]


@pytest.mark.realdata
async def test_the_seed_agrees_with_the_tracker_and_loading_twice_changes_nothing(graph: Graph) -> None:
    await load_members(graph)
    await load_tracker(graph)
    await load_file(graph, SEED, NOW)
    rows = await graph.read(
        "MATCH (m:Member)-[r:PARTICIPATES_IN]->(:Coalition {id: $id}) RETURN m.id AS id", {"id": openownership.BOLG_ID}
    )
    assert {r["id"] for r in rows} == BOLG
    snapshot = "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN n.id AS a, n.loaded_at AS t, type(r) AS r, m.id AS b"
    before = sorted(map(str, await graph.read(snapshot)))
    await load_tracker(graph)
    assert sorted(map(str, await graph.read(snapshot))) == before


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('"x","Kenya","KE","maybe","","","","","","1","<ul></ul>"', "column 'committed': 'maybe' is not True or False"),
        ('"x","","KE","True","","","","","","1","<ul></ul>"', "column 'name' is empty"),
        ('"x","Kenya","KE","True","","","","","","high","<ul></ul>"', "'high' is not a whole number"),
    ],
)
def test_bad_rows_are_reported_with_row_and_reason(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "oo.csv"
    path.write_text(
        "notion_id,name,iso2,committed,involved,involvement,central,public,all_sectors,"
        f"commitment_level,commitments_html\n{row}\n"
    )
    errors = [str(e) for e in openownership.validate(openownership.extract(path), "oo.csv").errors]
    assert len(errors) == 1 and errors[0].startswith("oo.csv, row 2: ") and message in errors[0], errors
