"""The layers import one way (api -> queries -> graph, loaders -> graph + queries) and api/ has no import loop.

Every import counts: at module level, inside a function, or under ``if TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from graph.config import PROJECT_ROOT

PACKAGES = ("graph", "discovery", "queries", "loaders", "api", "cli", "explorer")
# What each layer may import among the project's packages (STYLE.md, DESIGN.md). ``discovery`` is pure
# computation on texts and vectors (no graph, no Cypher): the layers above graph use it.
ALLOWED = {
    "graph": {"graph"},
    "discovery": {"discovery"},
    "queries": {"graph", "discovery", "queries"},
    "loaders": {"graph", "discovery", "queries", "loaders", "cli"},  # `python -m loaders` is the `ogp` command
    "api": {"graph", "discovery", "queries", "api", "explorer"},  # the app mounts the explorer
    "cli": {"graph", "queries", "loaders", "api", "cli"},
    "explorer": {"graph", "queries", "api", "explorer"},
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            if "node_modules" in path.parts:
                continue
            name = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules a file imports (anywhere in it)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {f"{node.module}.{a.name}" for a in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return {n for n in names if n in modules}


def test_layers_import_one_way() -> None:
    modules = _modules()
    wrong = [
        f"{name} imports {target}"
        for name, path in modules.items()
        for target in _imports(path, modules)
        if target.split(".")[0] not in ALLOWED[name.split(".")[0]]
    ]
    assert wrong == []


def test_the_api_modules_import_without_a_loop() -> None:
    modules = _modules()
    graph = {
        name: sorted(_imports(path, modules) - {name}) for name, path in modules.items() if name.startswith("api.")
    }
    done: set[str] = set()

    def loop_from(name: str, trail: list[str]) -> list[str] | None:
        """A loop reached from ``name`` (depth first; each module is finished once)."""
        for target in graph.get(name, ()):
            if target in trail:
                return [*trail[trail.index(target) :], target]
            if target not in done:
                found = loop_from(target, [*trail, target])
                if found:
                    return found
        done.add(name)
        return None

    for start in graph:
        loop = None if start in done else loop_from(start, [start])
        assert loop is None, "import loop in api/: " + " -> ".join(loop or [])
