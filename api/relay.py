"""The Relay ``Node`` interface and global ids.

Design choice: every type keeps its natural id as ``id`` (OGP commitment id ``AL0002``, member slug
``united-kingdom``…), because that is what users know and what the issue asks for. The Relay global
id (base64 of ``Label:id``) is the separate field ``nodeId``; ``node(id:)`` takes a ``nodeId``.
"""

from __future__ import annotations

import base64
import binascii

import strawberry

NODE_LABELS = ("Member", "ActionPlan", "Commitment", "PolicyArea", "OgpValue", "Organization", "Coalition", "Region")


@strawberry.interface(description="An object that can be fetched again with `node(id: nodeId)`.")
class Node:
    node_id: strawberry.ID = strawberry.field(description="Global Relay id (opaque); `node(id:)` accepts it.")


def to_global_id(label: str, node_id: str) -> strawberry.ID:
    """The global id of a node: base64url of ``Label:id``."""
    return strawberry.ID(base64.urlsafe_b64encode(f"{label}:{node_id}".encode()).decode().rstrip("="))


def from_global_id(global_id: str) -> tuple[str, str] | None:
    """``(label, id)`` of a global id, or ``None`` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode()
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    label, sep, node_id = raw.partition(":")
    if not sep or label not in NODE_LABELS or not node_id:
        return None
    return label, node_id
