"""The real-data quirks, each in a few rows of our own (tests/data/quirks/), loaded on both backends.

Quirks: a rating outside the published scale ('Unclear'), distinct commitments under one heading and no
number (Norway's first plan), a row repeated, old member names, a number mangled by a spreadsheet, a
number glued to the title, parts of a commitment filed as rows, a row of column totals, two header rows
and a repeated column name, 2015 topic tags, Spanish text, contact columns and contact details in texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.backend import Graph
from loaders.run import RunReport, run_load, summary, warning_kinds
from tests.helpers import gql

QUIRKS = Path(__file__).resolve().parent.parent / "data" / "quirks"
CURRENT, EXPLORER, COMBINED = "commitments_quirks.csv", "explorer_quirks.csv", "combined2015_quirks.csv"
COMMITMENTS = (
    "MATCH (c:Commitment) RETURN c.id AS id, c.title AS title, c.source_layouts AS layouts, c.sources AS sources, "
    "c.legacy_tags AS tags, c.potential_impact AS impact, c.potential_impact_raw AS impact_raw, c.full_text AS text"
)
LINKS = "MATCH (c:Commitment)-[r]-(n) WHERE type(r) <> 'SIMILAR_TO' RETURN c.id AS c, type(r) AS type, n.id AS n"
OFF_SCALE = (
    "… is not a {} rating (expected one of: none, minor, moderate, transformative, ND, NR, NA); "
    "kept as written, rating left empty"
)
NODES = "MATCH (n) RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props"
RELS = "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props"


async def dump(graph: Graph) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """Every node and relationship with its properties, sorted (to compare whole graphs)."""
    nodes = sorted((r["label"], r["id"], repr(sorted(r["props"].items()))) for r in await graph.read(NODES))
    rels = sorted((r["a"], r["type"], r["b"], repr(sorted(r["props"].items()))) for r in await graph.read(RELS))
    return nodes, rels


async def _load(graph: Graph, *names: str) -> RunReport:
    return await run_load(graph, [QUIRKS / n for n in names], derive=False)


async def _commitments(graph: Graph) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in await graph.read(COMMITMENTS)}


def _files(sources: list[str]) -> list[str]:
    return sorted(s.split("\x1f", 1)[0] for s in sources)


async def test_every_quirk_loads_whole_with_warnings_and_rows_add_up(graph: Graph) -> None:
    report = await _load(graph, CURRENT, EXPLORER, COMBINED)
    counts = {f.path.name: (f.rows_read, f.loaded, f.merged, f.rejected_rows, f.warned_rows) for f in report.files}
    assert counts == {
        CURRENT: (4, 3, 1, 0, 1),  # UK0051 twice (same content): merged
        EXPLORER: (8, 6, 2, 0, 1),  # a Norway row twice; the UK row is UK0051
        COMBINED: (7, 3, 4, 0, 2),  # UK0051, two parts of HR0010, a Norway row; the totals row is warned, not read
    }
    assert all(f.reconciles for f in report.files)
    warned = {(w.file, w.row, w.column) for w in report.warnings}
    assert warned == {
        (CURRENT, 3, "Potential Impact"),
        (CURRENT, 3, "Full Text"),
        (EXPLORER, 7, "Potential impact"),
        (COMBINED, 8, "Potential Impact"),
        (COMBINED, 10, None),
    }
    assert "not a commitment (no country, plan, title or text: a row of column totals)" in str(report.warnings[-1])
    kinds = dict(warning_kinds(report))
    assert kinds[(EXPLORER, "Potential impact", OFF_SCALE.format("potential impact"))] == 1
    assert kinds[(CURRENT, "Full Text", "… personal contact detail(s) (e-mail address, phone number) removed")] == 1
    assert sum(kinds.values()) == len(report.warnings) == 5
    assert "warnings by kind (5; the rows were loaded):" in summary(report)


async def test_a_rating_off_the_scale_is_kept_as_written_beside_an_empty_rating(graph: Graph) -> None:
    await _load(graph, CURRENT, EXPLORER, COMBINED)
    found = await _commitments(graph)
    assert (found["NO0036"]["impact"], found["NO0036"]["impact_raw"]) == (None, "Unclear")
    assert (found["IRM2015-guatemala-2-A6"]["impact"], found["IRM2015-guatemala-2-A6"]["impact_raw"]) == (
        None,
        "Unclear",
    )
    assert (found["UK0051"]["impact"], found["UK0051"]["impact_raw"]) == ("moderate", None)


async def test_numberless_commitments_under_one_heading_stay_distinct_and_keep_their_ids(graph: Graph) -> None:
    await _load(graph, EXPLORER)
    first = sorted(i for i in await _commitments(graph) if i.startswith("EXPL-norway-1-"))
    assert len(first) == 5 and all(i.removeprefix("EXPL-norway-1-").startswith("c") for i in first)
    await graph.clear()
    await _load(graph, EXPLORER)
    assert sorted(i for i in await _commitments(graph) if i.startswith("EXPL-norway-1-")) == first


async def test_the_same_commitment_in_three_layouts_is_one_node_with_every_source(graph: Graph) -> None:
    await _load(graph, CURRENT, EXPLORER, COMBINED)
    found = await _commitments(graph)
    uk = found["UK0051"]
    assert sorted(uk["layouts"]) == ["combined-2015", "current", "explorer"]
    assert _files(uk["sources"]) == [COMBINED, CURRENT, CURRENT, EXPLORER]  # the current file has it twice
    # Parts of a commitment (milestones 1.1 and 1.4 of Croatia's commitment 1) merge into it; 2.1 does not.
    assert _files(found["HR0010"]["sources"]) == [COMBINED, COMBINED, CURRENT]
    assert "IRM2015-croatia-2-2.1" in found
    # A Norway row of the 2015 database is one of the five numberless Explorer commitments.
    norway = [c for i, c in found.items() if i.startswith("EXPL-norway-1-") and "combined-2015" in c["layouts"]]
    assert len(norway) == 1 and "user satisfaction surveys" in norway[0]["text"]
    assert not [i for i in found if i.startswith("IRM2015-norway") or i.startswith("IRM2015-united-kingdom")]
    assert found["EXPL-north-macedonia-2-1.10"]["title"].startswith("1.10 ")  # "1.1" in the number column


async def test_2015_topic_tags_map_onto_todays_policy_areas(graph: Graph) -> None:
    await _load(graph, COMBINED)
    links = {(r["c"], r["type"], r["n"]) for r in await graph.read(LINKS)}
    guatemala = "IRM2015-guatemala-2-A6"
    assert {n for c, t, n in links if c == guatemala and t == "ADDRESSES"} == {
        "subnational",
        "civic-space-and-enabling-environment",
    }  # Sub-national governance, Nonprofits ("OGP" has no area today)
    assert {n for c, t, n in links if c == guatemala and t == "ADVANCES"} == {
        "access-to-information",
        "civic-participation",
    }
    assert ("IRM2015-republic-of-korea-1-a", "ADDRESSES", "open-data") in links  # the ODWG working group too
    member = await graph.read("MATCH (m:Member {id: 'republic-of-korea'}) RETURN m.former_names AS names")
    assert member[0]["names"] == ["South Korea"]


async def test_no_contact_data_reaches_the_graph(graph: Graph) -> None:
    await _load(graph, CURRENT, EXPLORER, COMBINED)
    text = repr(await dump(graph))
    for personal in ("Jane Example", "jane.example@example.org", "+355 4 000 0000", "John Example", "+47 000 00 000"):
        assert personal not in text
    assert "john.example@example.org" not in text and "Head of Legislation Services" not in text
    assert "Contact: [e-mail address removed], [phone number removed]." in text


async def test_loading_twice_changes_nothing(graph: Graph) -> None:
    await _load(graph, CURRENT, EXPLORER, COMBINED)
    before = await dump(graph)
    again = await _load(graph, CURRENT, EXPLORER, COMBINED)
    assert not again.changed
    assert await dump(graph) == before


async def test_any_load_order_gives_the_same_commitments_and_links(graph: Graph) -> None:
    results = []
    for order in ((CURRENT, EXPLORER, COMBINED), (COMBINED, EXPLORER, CURRENT), (EXPLORER, COMBINED, CURRENT)):
        await graph.clear()
        for name in order:  # one run per file: each later file meets the earlier ones in the graph
            await _load(graph, name)
        found = await _commitments(graph)
        shape = {i: (sorted(c["layouts"]), sorted(c["tags"] or []), _files(c["sources"])) for i, c in found.items()}
        links = sorted((r["c"], r["type"], r["n"]) for r in await graph.read(LINKS))
        results.append((shape, links))
    assert results[0] == results[1] == results[2]


PROVENANCE = """query($id: ID!) { commitment(id: $id) { title
  irm { potentialImpact { value asWritten level label } }
  provenance { sourceFile sources { file row layout loadedAt }
    differences { field shown values { value shown sources { file row layout } } } } } }"""


async def test_the_api_lists_every_source_and_says_which_source_gave_each_differing_value(graph: Graph) -> None:
    await _load(graph, CURRENT, EXPLORER, COMBINED)
    uk = (await gql(graph, PROVENANCE, id="UK0051"))["commitment"]
    sources = [(s["file"], s["row"], s["layout"]) for s in uk["provenance"]["sources"]]
    assert sources == [
        (COMBINED, 3, "irm-combined-2015"),
        (CURRENT, 2, "ogp-commitments"),
        (CURRENT, 5, "ogp-commitments"),
        (EXPLORER, 9, "irm-explorer"),
    ]
    assert all(s["loadedAt"] for s in uk["provenance"]["sources"])
    differences = {d["field"]: d for d in uk["provenance"]["differences"]}
    title = differences["title"]
    assert title["shown"] == uk["title"] == "Legislative openness"
    said = {v["value"]: ([(s["file"], s["row"]) for s in v["sources"]], v["shown"]) for v in title["values"]}
    assert said == {
        "Legislative openness": ([(CURRENT, 2), (EXPLORER, 9)], True),
        "10. The UK government will publish new legislation promptly": ([(COMBINED, 3)], False),
    }
    # The Explorer's text is shorter; ratings agree (ND, "no data", is silence, not a different value).
    assert set(differences) == {"title", "fullText"}
    norway = (await gql(graph, PROVENANCE, id="NO0036"))["commitment"]
    assert norway["irm"]["potentialImpact"] == {
        "value": "not_on_scale",
        "asWritten": "Unclear",
        "level": None,
        "label": "Not on the scale: Unclear",
    }
    assert norway["provenance"]["differences"] == []  # one source
