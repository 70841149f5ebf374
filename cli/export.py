"""``ogp export network``: a coalition's or policy area's participant network as GraphML or Gephi CSV lists.

The network is built by ``queries/network.py``; writing it to files is the export command's business.
"""

from __future__ import annotations

import asyncio
import csv
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import networkx as nx
import typer

from graph.backend import open_graph
from graph.config import get_settings
from queries.network import Network, coalition_network, policy_area_network

export_app = typer.Typer(help="Export parts of the graph for Gephi, Cytoscape or networkx.", no_args_is_help=True)


@export_app.callback()
def _group() -> None:
    """Export parts of the graph."""


class Format(StrEnum):
    """Output formats."""

    graphml = "graphml"
    csv = "csv"


async def _build(coalition: str | None, policy_area: str | None) -> Network:
    graph = await open_graph(get_settings())
    async with graph.session():
        if coalition:
            return await coalition_network(graph, coalition)
        return await policy_area_network(graph, [policy_area or ""])


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
        write_graphml(net, out)
        typer.echo(f"wrote {out} ({len(net.nodes)} nodes, {len(net.edges)} edges)")
    else:
        nodes, edges = out.with_suffix(".nodes.csv"), out.with_suffix(".edges.csv")
        write_csv(net, nodes, edges)
        typer.echo(f"wrote {nodes} and {edges} ({len(net.nodes)} nodes, {len(net.edges)} edges)")


def to_networkx(net: Network) -> nx.MultiDiGraph:
    """The network as a networkx multigraph (attributes: label, kind, participant; type, weight)."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for node in net.nodes.values():
        g.add_node(node.id, label=node.label, kind=node.kind, participant=node.participant)
    for edge in net.edges.values():
        g.add_edge(edge.source, edge.target, key=edge.type, type=edge.type, weight=float(edge.weight))
    return g


def write_graphml(net: Network, path: Path) -> None:
    """Write GraphML (readable by Gephi, Cytoscape and networkx.read_graphml)."""
    nx.write_graphml(to_networkx(net), str(path))


def write_csv(net: Network, nodes_path: Path, edges_path: Path) -> None:
    """Write Gephi-style node (Id,Label,Kind,Participant) and edge (Source,Target,Weight,Type) lists."""
    with nodes_path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Id", "Label", "Kind", "Participant"])
        for node in sorted(net.nodes.values(), key=lambda n: n.id):
            writer.writerow([node.id, node.label, node.kind, str(node.participant).lower()])
    with edges_path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Source", "Target", "Weight", "Type"])
        for edge in sorted(net.edges.values(), key=lambda e: (e.source, e.target, e.type)):
            writer.writerow([edge.source, edge.target, edge.weight, edge.type])
