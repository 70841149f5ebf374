"""``ogp export network``: a coalition's or policy area's participant network as GraphML or CSV lists."""

from __future__ import annotations

import asyncio
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from graph.backend import open_graph
from graph.config import get_settings
from queries import network

export_app = typer.Typer(help="Export parts of the graph for Gephi, Cytoscape or networkx.", no_args_is_help=True)


@export_app.callback()
def _group() -> None:
    """Export parts of the graph."""


class Format(StrEnum):
    """Output formats."""

    graphml = "graphml"
    csv = "csv"


async def _build(coalition: str | None, policy_area: str | None) -> network.Network:
    graph = await open_graph(get_settings())
    async with graph.session():
        if coalition:
            return await network.coalition_network(graph, coalition)
        return await network.policy_area_network(graph, [policy_area or ""])


@export_app.command("network")
def export_network(
    out: Annotated[Path, typer.Option("--out", help="GraphML file, or CSV prefix (PATH.nodes.csv, PATH.edges.csv).")],
    coalition: Annotated[str | None, typer.Option("--coalition", help="Coalition slug.")] = None,
    policy_area: Annotated[str | None, typer.Option("--policy-area", help="Policy-area slug.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="graphml or csv.")] = Format.graphml,
) -> None:
    """Write the participant network of a coalition or a policy area."""
    if bool(coalition) == bool(policy_area):
        raise typer.BadParameter("give exactly one of --coalition or --policy-area")
    try:
        net = asyncio.run(_build(coalition, policy_area))
    except KeyError as exc:
        typer.echo(f"error: no coalition with id {coalition!r} in the graph (see the coalitions query)", err=True)
        raise typer.Exit(1) from exc
    if not net.nodes:
        typer.echo("warning: the network is empty (unknown id, or nothing loaded yet)", err=True)
    if fmt is Format.graphml:
        network.export_graphml(net, out)
        typer.echo(f"wrote {out} ({len(net.nodes)} nodes, {len(net.edges)} edges)")
    else:
        nodes, edges = out.with_suffix(".nodes.csv"), out.with_suffix(".edges.csv")
        network.export_csv(net, nodes, edges)
        typer.echo(f"wrote {nodes} and {edges} ({len(net.nodes)} nodes, {len(net.edges)} edges)")
