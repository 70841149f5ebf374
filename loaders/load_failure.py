"""What ``ogp load`` tells a user when a run fails: one paragraph saying what failed, what state the graph is
in, and what to do. The traceback is for ``--verbose`` only (the CLI logs it there)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from graph.errors import DatabaseUnavailable, GraphError, LoadError, QueryTimeoutError

Phase = Literal["reading", "opening", "writing", "deriving"]
MESSAGE_CHARS = 400  # an error's own text, quoted in the paragraph, is cut here (a database can say a lot)


@dataclass
class LoadProgress:
    """How far a run got: the paragraph depends on whether the files were written."""

    phase: Phase = "reading"


def _quote(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 3] + "..."


def _state(phase: Phase) -> str:
    if phase == "reading":
        return "Nothing was written: the files are all checked before the database is opened."
    if phase == "opening":
        return "Nothing was written: the database could not be opened."
    if phase == "writing":
        return (
            "The graph is as it was before this run: the files are written in one transaction, and an "
            "interrupted write is undone (on the embedded database, the next time the graph is opened)."
        )
    return (
        "The files were loaded and are in the graph, but the derived links (similar commitments, "
        "continuations) still reflect the previous load; the graph records that they are owed."
    )


def _retry(phase: Phase) -> str:
    if phase == "deriving":
        return "run `ogp load` again (with the same files or any others) or `ogp serve`: either completes them first"
    return "run the same command again"


def explain(exc: BaseException, phase: Phase, database: str) -> str:
    """The paragraph for a run that failed with ``exc`` during ``phase`` on ``database`` (a URL or a path)."""
    state = _state(phase)
    if isinstance(exc, DatabaseUnavailable):
        return (
            f"ogp load failed: the database ({database}) stopped answering while {_doing(phase)} "
            f"({_quote(exc)}). {state} Check that it is running and reachable, then {_retry(phase)}."
        )
    if isinstance(exc, QueryTimeoutError):
        return (
            f"ogp load failed: the database ({database}) stopped a statement that ran too long while "
            f"{_doing(phase)} ({_quote(exc)}). {state} Raise OGP_QUERY_TIMEOUT_MS or load fewer files at "
            f"once, then {_retry(phase)}."
        )
    if isinstance(exc, LoadError):
        return f"ogp load failed: {_quote(exc)}. {state} Fix the file and run the command again."
    if isinstance(exc, GraphError):
        return (
            f"ogp load failed: the database ({database}) refused a statement while {_doing(phase)}: "
            f"{_quote(exc)}. {state} If the database reports a memory or size limit, load fewer files at "
            f"once or raise that limit; then {_retry(phase)}."
        )
    return (
        f"ogp load failed with an unexpected error while {_doing(phase)} ({type(exc).__name__}: {_quote(exc)}). "
        f"This is a fault in ogp, not in your files. {state} Run the command again with --verbose for the "
        "traceback, and report it with that output."
    )


def _doing(phase: Phase) -> str:
    return {
        "reading": "reading the files",
        "opening": "opening the graph",
        "writing": "writing the files to the graph",
        "deriving": "computing the derived links",
    }[phase]
