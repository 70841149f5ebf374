"""The ``ogp`` command: load source files into the graph, serve the API, list sources, reset the graph."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.export import export_app
from graph.backend import open_graph
from graph.config import get_settings
from graph.errors import ConfigError
from loaders._source import ValidationFailed
from loaders.fetch import FetchError, download
from loaders.load_failure import LoadProgress, explain
from loaders.registry import UnrecognisedFile, supported
from loaders.run import MAX_LISTED, RunReport, complete_owed_derivation, prepare, summary, write

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    help="OGP reforms knowledge graph: load OGP data, serve the GraphQL API.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(export_app, name="export")


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each stage and batch.")] = False) -> None:
    """Configure logging (this is the entrypoint; modules only log)."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not verbose:  # the Neo4j driver's notices (unknown labels in a new database, a dropped connection) are
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # noise next to ogp's own one-paragraph errors


async def _load(paths: list[Path], skip_invalid: bool, source: str | None, progress: LoadProgress) -> RunReport:
    # Validate every file before opening the graph: a bad file costs no database start.
    prepared = prepare(paths, skip_invalid=skip_invalid, source=source, progress=sys.stderr.isatty())
    progress.phase = "opening"
    graph = await open_graph(get_settings())
    async with graph.session():
        progress.phase = "writing"
        return await write(graph, prepared, on_written=lambda: setattr(progress, "phase", "deriving"))


def _database() -> str:
    settings = get_settings()
    return settings.graph_url or f"the embedded graph {settings.embedded_path}"


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Source files or folders (folders: every .csv/.yaml/.yml).")],
    skip_invalid: Annotated[bool, typer.Option(help="Load the valid rows and report the rejected ones.")] = False,
    source: Annotated[str | None, typer.Option(help="Force one source layout (see `ogp sources`).")] = None,
    all_warnings: Annotated[bool, typer.Option(help="List every warning (the summary shows the first 40).")] = False,
) -> None:
    """Load files into the graph (OGP_GRAPH_URL), all files in one transaction.

    Real exports load whole: a value outside our vocabulary is kept as written and warned. A row that
    cannot be placed (no member, plan or id; an OGP id used twice for different content) is rejected,
    and then nothing is written unless --skip-invalid.
    """
    _run_load(paths, skip_invalid, source, all_warnings)


@app.command()
def fetch(
    url: Annotated[
        str | None, typer.Option(help="Download this URL instead (default OGP_COMMITMENTS_EXPORT_URL).")
    ] = None,
    then_load: Annotated[
        bool, typer.Option("--load/--no-load", help="Load the download (--no-load: only download and keep it).")
    ] = True,
) -> None:
    """Download OGP's current public commitments export, keep a dated copy under var/fetched/, and load it.

    A failed or partial download, or a file that is not a layout ogp load knows, is not kept and leaves
    the graph as it was.
    """
    settings = get_settings()
    try:
        path = download(
            url or settings.commitments_export_url,
            settings.fetched_dir,
            timeout_s=settings.fetch_timeout_s,
            progress=sys.stderr.isatty(),
        )
    except FetchError as exc:
        typer.echo(f"fetch failed: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from exc
    typer.echo(f"downloaded {path}")
    if then_load:
        _run_load([path], False, None, False)


def _run_load(paths: list[Path], skip_invalid: bool, source: str | None, all_warnings: bool) -> None:
    progress = LoadProgress()
    try:
        report = asyncio.run(_load(paths, skip_invalid, source, progress))
    except (UnrecognisedFile, ConfigError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    except ValidationFailed as exc:
        typer.echo(f"load failed: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from exc
    except Exception as exc:  # noqa: BLE001 - every failure gets one paragraph; the traceback only with --verbose
        logging.getLogger(__name__).info("load failed; the traceback:", exc_info=True)
        typer.echo(explain(exc, progress.phase, _database()), err=True)
        raise typer.Exit(EXIT_FAILED) from exc
    typer.echo(summary(report, max_warnings=None if all_warnings else MAX_LISTED))
    if report.rejected:
        typer.echo(f"loaded with {len(report.rejected)} rejected row(s) skipped (--skip-invalid)", err=True)


@app.command()
def sources() -> None:
    """List the source layouts `ogp load` recognises."""
    typer.echo("Supported source layouts (recognised by their header):")
    typer.echo(supported())


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default OGP_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default OGP_PORT).")] = None,
) -> None:
    """Serve the GraphQL API (api.app:app) with uvicorn (after completing derived links a load left owed)."""
    import uvicorn

    settings = get_settings()
    try:
        asyncio.run(_complete_owed())
    except Exception as exc:  # noqa: BLE001 - one paragraph, the traceback only with --verbose
        logging.getLogger(__name__).info("completing the owed derivation failed; the traceback:", exc_info=True)
        typer.echo(
            f"ogp serve: could not open the graph ({_database()}) to complete the derived links a load left "
            f"owed: {type(exc).__name__}: {exc}. Check that the database is running, then start again.",
            err=True,
        )
        raise typer.Exit(EXIT_FAILED) from exc
    uvicorn.run("api.app:app", host=host or settings.host, port=port or settings.port)


async def _complete_owed() -> None:
    graph = await open_graph(get_settings())
    async with graph.session():
        await complete_owed_derivation(graph)


async def _reset() -> None:
    graph = await open_graph(get_settings())
    async with graph.session():
        await graph.clear()


@app.command()
def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: delete every node and relationship.")] = False,
) -> None:
    """Delete everything in the graph (OGP_GRAPH_URL)."""
    if not yes:
        typer.echo("error: `ogp reset` deletes the whole graph; run it with --yes to confirm", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        asyncio.run(_reset())
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    typer.echo("graph cleared")
