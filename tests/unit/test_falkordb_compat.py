"""Contract of graph/falkordb_compat.py with the installed falkordb: fails loudly when an upgrade moves what it uses."""

from __future__ import annotations

import inspect

from falkordb.graph import Graph as LibraryGraph

from graph import falkordb_compat


def test_the_parameters_header_is_the_one_the_library_sends() -> None:
    params = {
        "text": 'a "quoted" \\ word',
        "n": 3,
        "x": 0.25,
        "flag": True,
        "none": None,
        "ids": ["a", "b"],
        "rows": [{"id": "k", "props": {"title": "T", "year": 2020, "tags": []}}],
    }
    library = LibraryGraph.__new__(LibraryGraph)  # the header is built from params alone
    assert falkordb_compat.params_header(params) == library._build_params_header(params)
    assert falkordb_compat.params_header({}) == library._build_params_header({}) == "CYPHER "


def test_the_library_decoder_is_a_coroutine_of_a_cell_and_a_graph() -> None:
    decoder = falkordb_compat.parse_scalar
    assert inspect.iscoroutinefunction(decoder)
    assert list(inspect.signature(decoder).parameters) == ["value", "graph"]
