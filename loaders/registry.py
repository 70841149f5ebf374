"""The list of source layouts the loader knows, and ``recognise(path)`` that picks one by the file's content."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from graph.backend import Graph
from graph.errors import LoadError
from loaders import coalitions, combined2015, commitments, explorer, members, openownership, process2016
from loaders._source import Batch, SourceRow, header_of, read_text
from loaders._write import LoadStats

TABLE_SUFFIXES = (".csv",)
TEXT_SUFFIXES = (".yaml", ".yml")
SUFFIXES = TABLE_SUFFIXES + TEXT_SUFFIXES


class Source(Protocol):
    """What a source module (or source object) exposes; see ``loaders/_source.py``."""

    NAME: str
    DESCRIPTION: str
    ORDER: int

    def recognise(self, header: list[str]) -> bool: ...

    def extract(self, path: Path) -> Iterator[SourceRow]: ...

    def validate(self, rows: Iterable[SourceRow], source_file: str) -> Batch: ...

    async def load(self, graph: Graph, batch: Any, loaded_at: str) -> LoadStats: ...


class UnrecognisedFile(LoadError):
    """No known source layout matches the file (a usage error: exit code 2 in the CLI)."""


def _available() -> list[Any]:
    found: list[Any] = [*members.SOURCES, process2016, commitments, explorer, combined2015, openownership, coalitions]
    return sorted(found, key=lambda s: (s.ORDER, s.NAME))


SOURCES: list[Source] = _available()


def by_name(name: str) -> Source:
    """The source with this NAME (``ogp load --source``), or ``UnrecognisedFile`` listing the names."""
    for source in SOURCES:
        if name == source.NAME:
            return source
    raise UnrecognisedFile(f"unknown source {name!r}; known sources: {', '.join(s.NAME for s in SOURCES)}")


def supported() -> str:
    """One line per supported layout: name, description."""
    return "\n".join(f"  {s.NAME:<26} {s.DESCRIPTION}" for s in SOURCES)


def _header(path: Path) -> list[str]:
    if path.suffix.lower() in TEXT_SUFFIXES:
        return [line.strip() for line in read_text(path).splitlines() if line.strip()]
    return header_of(path)


def recognise(path: Path) -> Source:
    """The source whose layout matches ``path``'s header (content, not file name).

    Raises ``UnrecognisedFile`` naming the file, what was found and the supported layouts.
    """
    try:
        header = _header(path)
    except LoadError as exc:
        raise UnrecognisedFile(
            f"{path}: cannot be read as a CSV or YAML source ({exc}); supported layouts:\n{supported()}"
        ) from exc
    except OSError as exc:
        raise UnrecognisedFile(f"{path}: cannot be read ({exc.strerror})") from exc
    matches = [s for s in SOURCES if s.recognise(header)]
    if not matches:
        shown = ", ".join(repr(h) for h in header[:8]) + (" …" if len(header) > 8 else "")
        raise UnrecognisedFile(
            f"{path}: the header ({shown}) matches no supported layout; supported layouts:\n{supported()}"
        )
    if len(matches) > 1:
        raise UnrecognisedFile(
            f"{path}: the header matches several layouts ({', '.join(s.NAME for s in matches)}); pick one with --source"
        )
    return matches[0]


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to load (a folder gives its .csv/.yaml/.yml files, sorted) and the files a folder had but skipped."""
    files: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and not child.name.startswith("."):
                    (files if child.suffix.lower() in SUFFIXES else skipped).append(child)
        elif path.exists():
            files.append(path)
        else:
            raise UnrecognisedFile(f"{path}: no such file or folder")
    return files, skipped


def plan(paths: Sequence[Path], source: str | None = None) -> list[tuple[Path, Source]]:
    """Every file with its source, in load order (members and taxonomies first, coalitions last)."""
    files, _ = expand(paths)
    if not files:
        raise UnrecognisedFile(f"no .csv/.yaml/.yml files found in {', '.join(str(p) for p in paths)}")
    chosen = [(f, by_name(source) if source else recognise(f)) for f in files]
    order = {f: i for i, f in enumerate(files)}
    return sorted(chosen, key=lambda fs: (fs[1].ORDER, order[fs[0]]))
