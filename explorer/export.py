"""A coalition's participant network as downloadable files, built from the API's ``coalitionNetwork`` answer.

Same shape as ``ogp export network``: GraphML with node attributes label/kind/participant and edge
attributes type/weight (Gephi, Cytoscape, networkx read it), or Gephi-style node and edge CSV lists.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

import networkx as nx


def graphml(network: Mapping[str, Any]) -> str:
    """The network as a GraphML document."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for node in network["nodes"]:
        g.add_node(node["id"], label=node["label"], kind=node["kind"], participant=bool(node["participant"]))
    for edge in network["edges"]:
        g.add_edge(edge["source"], edge["target"], key=edge["type"], type=edge["type"], weight=float(edge["weight"]))
    return "\n".join(nx.generate_graphml(g)) + "\n"


def nodes_csv(network: Mapping[str, Any]) -> str:
    """Node list: Id, Label, Kind, Participant."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Id", "Label", "Kind", "Participant"])
    for node in sorted(network["nodes"], key=lambda n: n["id"]):
        writer.writerow([node["id"], node["label"], node["kind"], str(bool(node["participant"])).lower()])
    return out.getvalue()


def edges_csv(network: Mapping[str, Any]) -> str:
    """Edge list: Source, Target, Weight, Type."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Source", "Target", "Weight", "Type"])
    for edge in sorted(network["edges"], key=lambda e: (e["source"], e["target"], e["type"])):
        writer.writerow([edge["source"], edge["target"], edge["weight"], edge["type"]])
    return out.getvalue()


DOWNLOADS = {
    "network.graphml": (graphml, "application/graphml+xml; charset=utf-8"),
    "network-nodes.csv": (nodes_csv, "text/csv; charset=utf-8"),
    "network-edges.csv": (edges_csv, "text/csv; charset=utf-8"),
}
