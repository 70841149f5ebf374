"""The Beneficial Ownership Leadership Group on the real data: participants, gaps, network, paths."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from cli.export import write_csv, write_graphml
from graph.backend import Graph
from graph.model import (
    ADDRESSES,
    HAS_ACTION_PLAN,
    INCLUDES,
    ActionPlan,
    Commitment,
    Leads,
    Organization,
    PolicyArea,
)
from loaders._source import Batch, read_csv, write_batch
from loaders._write import Provenance, Rel
from loaders.member_names import member_slug, slugify
from loaders.run import run_load
from queries import coalitions, connections, network
from tests.helpers import real_file

pytestmark = pytest.mark.realdata

ROOT = Path(__file__).resolve().parent.parent.parent
BOLG = "beneficial-ownership-leadership-group"
IN_BOLG = {"armenia", "kenya", "latvia", "mexico", "nigeria", "norway", "slovak-republic", "united-kingdom"}


def expected_targets() -> set[str]:
    """Members with a BO commitment in the OGP file or an OGP action-plan BO mention in Open Ownership, minus BOLG."""
    ogp = {
        member_slug(r["Country/Locality"])
        for r in csv.DictReader(real_file("commitments_open_parliament_g0v.csv").open(encoding="utf-8"))
        if r["Beneficial Ownership"] == "1"
    }
    return ogp - IN_BOLG


def _level(text: str) -> int | None:
    return {"Not Started": 0, "Limited": 1, "Substantial": 3, "Complete": 4}.get(text.strip())


async def load_bo_commitments(graph: Graph) -> None:
    """The real file's beneficial-ownership commitments, written as model objects (minimal fields)."""
    rows = [
        r for r in read_csv(real_file("commitments_open_parliament_g0v.csv")) if r.cells["Beneficial Ownership"] == "1"
    ]
    prov = [Provenance("commitments_open_parliament_g0v.csv", r.number) for r in rows]
    items, plans, orgs = [], {}, {}
    for r in rows:
        c = r.cells
        member = member_slug(c["Country/Locality"])
        plans[c["Action Plan ID"]] = ActionPlan(
            id=c["Action Plan ID"], member_id=member, number=int(c["Action Plan Number"])
        )
        items.append(
            Commitment(
                id=c["Commitment Unique Identifier"],
                title=c["Commitment Title"],
                member_id=member,
                natural_key=f"{member}|{c['Action Plan Number']}|{c['Commitment Number']}",
                action_plan_id=c["Action Plan ID"],
                completion_level=_level(c["Completion (End Of Term)"]),
            )
        )
        lead = c["Lead Institution"].strip()
        if lead and lead not in ("NA", "ND"):
            orgs.setdefault(slugify(f"{member} {lead}"), (lead, []))[1].append(c["Commitment Unique Identifier"])
    batch = Batch("commitments_open_parliament_g0v.csv")
    batch.add_nodes([PolicyArea(id="beneficial-ownership", name="Beneficial Ownership")], [Provenance("t")])
    batch.add_nodes(list(plans.values()), [Provenance("t")] * len(plans))
    batch.add_nodes(items, prov)
    batch.add_nodes([Organization(id=k, name=v[0]) for k, v in orgs.items()], [Provenance("t")] * len(orgs))
    batch.add_rels("Member", HAS_ACTION_PLAN, "ActionPlan", [Rel(p.member_id, p.id) for p in plans.values()])
    batch.add_rels("ActionPlan", INCLUDES, "Commitment", [Rel(c.action_plan_id, c.id) for c in items])
    batch.add_rels("Commitment", ADDRESSES, "PolicyArea", [Rel(c.id, "beneficial-ownership") for c in items])
    batch.add_rels(
        "Organization",
        "LEADS",
        "Commitment",
        [Rel(k, cid, Leads(as_written=v[0])) for k, v in orgs.items() for cid in v[1]],
    )
    await write_batch(graph, batch, "2024-01-01T00:00:00Z")


async def load_real(graph: Graph) -> None:
    # the commitments loader (loaders/commitments.py) is used once it loads the real file on both backends
    await run_load(graph, [real_file("ogp_members_seed.csv")])
    await load_bo_commitments(graph)
    await run_load(
        graph,
        [
            real_file("openownership_bo_commitments_by_country.csv"),
            real_file("openownership_bo_registers.csv"),
            ROOT / "samples" / "coalitions.yaml",
        ],
    )


async def test_bolg_gaps_name_the_ogp_bo_committers_outside_the_group(graph: Graph) -> None:
    await load_real(graph)
    assert {p["id"] for p in await coalitions.participants(graph, BOLG)} == IN_BOLG
    gaps = await coalitions.gaps(graph, BOLG)
    targets = {t.member_id: t for t in gaps.recruitment_targets}
    assert expected_targets() <= set(targets)
    assert {"albania", "mongolia", "sierra-leone", "malawi"} <= set(targets)  # OGP-file BO commitments
    assert "afghanistan" in targets and targets["afghanistan"].declared  # Open Ownership: OGP action plan BO
    assert not IN_BOLG & set(targets)
    scores = [t.score for t in gaps.recruitment_targets]
    assert scores == sorted(scores, reverse=True)
    assert targets["mongolia"].score >= 4  # four BO commitments in the OGP file
    committed = {r["member_id"] for r in await coalitions.participant_commitments(graph, BOLG)}
    assert {"armenia", "nigeria", "slovak-republic"} <= committed
    idle = {p["id"] for p in gaps.participants_without_commitments}
    assert idle <= IN_BOLG and not idle & committed


async def test_network_exports_read_back(graph: Graph, tmp_path: Path) -> None:
    await load_real(graph)
    net = await network.coalition_network(graph, BOLG)
    assert {n.id for n in net.nodes.values() if n.participant} == {f"member:{m}" for m in IN_BOLG}
    write_graphml(net, tmp_path / "bolg.graphml")
    g = nx.read_graphml(tmp_path / "bolg.graphml")
    assert g.number_of_nodes() == len(net.nodes) and g.number_of_edges() == len(net.edges)
    assert g.nodes["commitment:MN0044"]["kind"] == "commitment"
    write_csv(net, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    nodes = list(csv.DictReader((tmp_path / "nodes.csv").open()))
    edges = list(csv.DictReader((tmp_path / "edges.csv").open()))
    assert list(nodes[0]) == ["Id", "Label", "Kind", "Participant"] and len(nodes) == len(net.nodes)
    assert list(edges[0]) == ["Source", "Target", "Weight", "Type"] and len(edges) == len(net.edges)
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)


async def test_paths_between_real_actors_are_real(graph: Graph) -> None:
    await load_real(graph)
    paths = await connections.shortest_paths(graph, ("Member", "albania"), ("Member", "united-kingdom"), 4, 10)
    assert paths and len({p.length for p in paths}) == 1
    for path in paths:
        assert path.nodes[0]["id"] == "albania" and path.nodes[-1]["id"] == "united-kingdom"
        for step, (a, b) in zip(path.steps, zip(path.nodes, path.nodes[1:], strict=False), strict=True):
            assert {step.start, step.end} == {(a["label"], a["id"]), (b["label"], b["id"])}
            rows = await graph.read(
                "MATCH (x {id: $a})-[r]->(y {id: $b}) WHERE type(r) = $t RETURN count(r) AS n",
                {"a": step.start[1], "b": step.end[1], "t": step.type},
            )
            assert rows[0]["n"] >= 1, step
