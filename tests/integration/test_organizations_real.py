"""The resolver on the real exports, judged by the hand-checked gold sets of ``loaders/data/org_gold``.

The figures are those ``python -m loaders.org_report`` prints; the targets are issue 15's (extraction
precision 0.97 and recall 0.95, kind 0.92, resolution 0.95). The dev cells were used to build the
rules and must meet them; the holdout cells were never used for tuning and are held to their measured
floor (below the targets: see loaders/data/org_gold/README.md), so a change that loses ground shows.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest

from graph.backend import Graph
from graph.model import Organization
from loaders._org_aliases import alias_table
from loaders._write import Provenance, write_nodes
from loaders.org_gold import Found, Scores, SourceCell, load_gold, match_cell, score
from loaders.org_report import read_cells, resolve
from loaders.organizations import OrganizationResolver, known_organizations
from tests.helpers import real_file

pytestmark = pytest.mark.realdata
COMMITMENTS = "commitments_open_parliament_g0v.csv"
IRM2015 = "irm_combined_database_2015_vizzuality.csv"


@cache
def _sources() -> dict[str, SourceCell]:
    cells: dict[str, SourceCell] = {}
    for name in (COMMITMENTS, IRM2015):
        cells.update(read_cells(real_file(name)))
    return cells


@cache
def _resolved() -> tuple[OrganizationResolver, dict[str, list[Found]]]:
    return resolve(_sources())


def _scores(split: str) -> Scores:
    _, found = _resolved()
    gold = [c for c in load_gold(_sources()) if split in ("all", c.split)]
    return score(match_cell(c, found[c.ref]) for c in gold)


def test_gold_sets_are_large_enough_and_hold_the_messy_kinds() -> None:
    gold = load_gold(_sources())
    full = [c for c in gold if not c.partial]
    assert len(full) >= 80 and sum(len(c.orgs) for c in full) >= 500
    assert sum(1 for c in full if c.ref.startswith("irm2015")) >= 15  # Spanish, French, Portuguese cells
    texts = [_sources()[c.ref].text for c in full]
    assert sum(1 for t in texts if "•" in t or "\n-" in t) >= 5  # bullets
    assert sum(1 for t in texts if "Sociedad civil" in t or "Gobierno:" in t or "Civil society:" in t) >= 2


def test_dev_cells_meet_the_targets() -> None:
    s = _scores("dev")
    assert s.precision >= 0.97 and s.recall >= 0.95, (s.precision, s.recall)
    assert s.role_right == s.correct
    assert s.kind_accuracy >= 0.92
    assert s.pairwise[0] >= 0.95 and s.pairwise[1] >= 0.95
    assert s.bcubed[0] >= 0.95 and s.bcubed[1] >= 0.95
    assert s.people_or_labels <= 2 and s.unknown_found <= s.unknown_gold


def test_all_cells_meet_the_targets() -> None:
    s = _scores("all")
    assert s.precision >= 0.97 and s.recall >= 0.95, (s.precision, s.recall)
    assert s.kind_accuracy >= 0.92 and s.pairwise[0] >= 0.95 and s.pairwise[1] >= 0.95


def test_holdout_cells_keep_their_measured_floor() -> None:
    s = _scores("holdout")
    assert s.precision >= 0.90 and s.recall >= 0.93, (s.precision, s.recall)  # measured 0.910 / 0.940
    assert s.kind_accuracy >= 0.92 and s.pairwise[0] >= 0.95 and s.pairwise[1] >= 0.95


def test_whole_data_facts() -> None:
    resolver, found = _resolved()
    orgs = resolver.organizations()
    unknown = sum(1 for o in orgs if o.kind == "unknown")
    assert unknown / len(orgs) < 0.10  # was 22.5% before issue 15
    # Only the alias table's international bodies are tied to no member ("tax", "system" were 586 such nodes).
    loose = {o.id for o in orgs if o.member_id is None}
    assert len(loose) > 50 and loose <= set(alias_table().international)
    assert not {"none-specified", "tax", "system", "csos", "finance", "accounting-chamber"} & {o.id for o in orgs}
    by_id = {o.id: o for o in orgs}
    assert by_id["undp"].kind == "multilateral" and by_id["world-bank"].member_id is None
    assert by_id["ken-transparency-international"].member_id == "kenya"
    links = set(resolver.chapter_links())
    assert ("geo-transparency-international", "transparency-international") in links
    assert ("gha-gheiti", "eiti") in links
    assert sum(1 for items in found.values() for _ in items) > 6000


def _ids(cells: list[tuple[str, SourceCell]]) -> tuple[list[dict[str, object]], dict[str, list[str]]]:
    resolver, found = resolve(dict(cells))
    return [o.model_dump() for o in resolver.organizations()], {r: [f.org_id for f in v] for r, v in found.items()}


def test_ids_do_not_depend_on_the_order_of_the_cells() -> None:
    cells = list(_sources().items())
    first = _ids(cells)
    shuffled = cells[:]
    random.Random(7).shuffle(shuffled)
    assert _ids(shuffled) == first


def test_the_report_command_prints_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    from loaders.org_report import main

    main([str(real_file(COMMITMENTS)), str(real_file(IRM2015))])
    out = capsys.readouterr().out
    for split in ("dev", "holdout", "all"):
        assert f"gold {split} (" in out
    for figure in ("precision", "recall", "kind right", "'unknown' given", "pairwise", "B-cubed"):
        assert figure in out


def test_the_gold_of_one_file_is_scored_when_only_that_file_is_given() -> None:
    commitments_only = load_gold(read_cells(real_file(COMMITMENTS)))
    both = load_gold(_sources())
    assert commitments_only and all(not c.ref.startswith("irm2015 row ") for c in commitments_only)
    assert {c.ref for c in commitments_only} == {c.ref for c in both if not c.ref.startswith("irm2015 row ")}


def test_the_report_refuses_a_file_it_does_not_know(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="neither the OGP commitments export"):
        read_cells(other)


async def test_known_organizations_round_trip_and_win(graph: Graph) -> None:
    orgs = [
        Organization(
            id="ken-national-treasury",
            name="National Treasury",
            kind="government",
            member_id="kenya",
            aliases=["The National Treasury", "Treasury"],
        ),
        Organization(id="world-bank", name="World Bank", kind="multilateral", aliases=["World Bank Group"]),
    ]
    await write_nodes(graph, orgs, [Provenance("orgs-test.csv", i + 2) for i in range(2)], loaded_at="2024-01-01")
    known = sorted(await known_organizations(graph), key=lambda o: o.id)
    assert [(o.id, o.name, o.kind, o.member_id, sorted(o.aliases)) for o in known] == [
        ("ken-national-treasury", "National Treasury", "government", "kenya", ["The National Treasury", "Treasury"]),
        ("world-bank", "World Bank", "multilateral", None, ["World Bank Group"]),
    ]
    resolver = OrganizationResolver(known)
    found = resolver.mentions(
        "The National Treasury; World Bank Group; Ministry of Health",
        member_id="kenya",
        member_code="KEN",
        role="support",
    )
    assert [m.organization.id for m in found] == ["ken-national-treasury", "world-bank", "ken-ministry-of-health"]
