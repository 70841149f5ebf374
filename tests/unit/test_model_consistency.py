"""Every label, relationship type and property named in Cypher under queries/ exists in graph/model.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from pydantic import BaseModel

from graph import model

QUERIES = Path(__file__).resolve().parents[2] / "queries"
LABEL = re.compile(r":([A-Z][a-z][A-Za-z]*)\b")  # PascalCase after a colon; rel types are UPPER_SNAKE
REL = re.compile(r"\[\s*\w*\s*:\s*([A-Z_][A-Z_|:]*)")
PROP = re.compile(r"(?<![\w.$])([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\b")


def _models() -> list[type]:
    return [v for v in vars(model).values() if isinstance(v, type) and issubclass(v, BaseModel)]


def _cypher_strings(path: Path) -> list[str]:
    """String constants of a module, docstrings excluded."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def test_queries_use_only_model_names() -> None:
    labels = {m.LABEL for m in _models() if hasattr(m, "LABEL") and isinstance(getattr(m, "LABEL", None), str)}
    rel_types = set(model.REL_TYPES)
    # sort_key: the key of the ``{node, id, sort_key}`` rows that queries/paging.py collects per parent.
    props = {"id", "content_hashes", "sort_key", *model.PROVENANCE_PROPERTIES}
    for m in _models():
        props |= set(m.model_fields)
    problems: list[str] = []
    for path in sorted(QUERIES.glob("*.py")):
        for text in _cypher_strings(path):
            if not re.search(r"\b(MATCH|RETURN|WITH|WHERE|UNWIND|size\(|CALL)\b", text) and "[:" not in text:
                continue
            problems += [f"{path.name}: label :{x}" for x in LABEL.findall(text) if x not in labels]
            for group in REL.findall(text):
                problems += [f"{path.name}: type [:{t}]" for t in re.split(r"[|:]", group) if t and t not in rel_types]
            problems += [f"{path.name}: property .{p}" for _, p in PROP.findall(text) if p not in props]
    assert problems == []


def test_checker_catches_drift() -> None:
    text = "MATCH (c:Commitmnt)-[:ADRESSES]->(p:PolicyArea) RETURN c.titel"
    assert LABEL.findall(text) == ["Commitmnt", "PolicyArea"]
    assert REL.findall(text) == ["ADRESSES"]
    assert [p for _, p in PROP.findall(text)] == ["titel"]


def test_relationship_types_are_named_through_the_model() -> None:
    """A relationship type in Python code (not inside a Cypher statement) comes from graph.model, never a string."""
    root = QUERIES.parent
    rel_types = set(model.REL_TYPES)
    folders = ("api", "queries", "loaders", "bench", "cli")
    sources = [p for folder in folders for p in sorted((root / folder).rglob("*.py"))]
    found = [
        f"{path.relative_to(root)}: {text!r}" for path in sources for text in _cypher_strings(path) if text in rel_types
    ]
    assert found == []
