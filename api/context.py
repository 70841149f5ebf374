"""Per-request GraphQL context: the graph, the settings, and the ``batch_<thing>`` DataLoaders.

Each DataLoader turns all the ids asked for at one nesting level into a single ``UNWIND $ids``
statement, so a request costs a bounded number of queries however many objects it returns.
``context_getter`` (for ``strawberry.fastapi.GraphQLRouter``) reads ``app.state.graph`` and
``app.state.settings``, which ``api/app.py`` sets in its lifespan.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from discovery.encoder import EmbeddingCache, open_encoder
from discovery.index import DiscoveryIndex
from graph.backend import Graph, Row
from graph.config import Settings, get_settings
from queries import commitments, members, organizations, participants, policy_areas, regions
from queries.corpus import discovery_index
from queries.nodes import nodes_by_id
from queries.paging import KeyedPage

Nodes = DataLoader[str, Row | None]
Groups = DataLoader[str, list[Row]]
Pages = DataLoader[str, KeyedPage]
PageFetch = Callable[[Sequence[str]], Awaitable[dict[str, KeyedPage]]]


def _nodes(graph: Graph, label: str, properties: tuple[str, ...] | None = None) -> Nodes:
    async def load(ids: Sequence[str]) -> list[Row | None]:
        found = await nodes_by_id(graph, label, ids, properties)
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _groups(graph: Graph, fetch: Callable[[Graph, Sequence[str]], Awaitable[dict[str, list[Row]]]]) -> Groups:
    async def load(ids: Sequence[str]) -> list[list[Row]]:
        found = await fetch(graph, ids)
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def _snake(label: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in label).lstrip("_")


@dataclass
class Context(BaseContext):
    """What every resolver gets as ``info.context``."""

    graph: Graph
    settings: Settings = field(default_factory=get_settings)
    # The app's discovery index (app.state.discovery); a context made without one gets its own.
    discovery: DiscoveryIndex = field(default=None)  # type: ignore[assignment]
    batch_member: Nodes = field(init=False)
    batch_action_plan: Nodes = field(init=False)
    batch_commitment: Nodes = field(init=False)
    batch_policy_area: Nodes = field(init=False)
    batch_ogp_value: Nodes = field(init=False)
    batch_organization: Nodes = field(init=False)
    batch_coalition: Nodes = field(init=False)
    batch_region: Nodes = field(init=False)
    batch_member_region: Groups = field(init=False)
    batch_member_country: Groups = field(init=False)
    batch_member_local_members: Groups = field(init=False)
    batch_member_action_plans: Groups = field(init=False)
    batch_member_coalitions: Groups = field(init=False)
    batch_action_plan_commitments: Groups = field(init=False)
    batch_commitment_policy_areas: Groups = field(init=False)
    batch_commitment_ogp_values: Groups = field(init=False)
    batch_commitment_organizations: Groups = field(init=False)
    batch_policy_area_children: Groups = field(init=False)
    batch_organization_members: Groups = field(init=False)
    batch_organization_coalitions: Groups = field(init=False)
    batch_organization_network: Groups = field(init=False)
    batch_organization_chapters: Groups = field(init=False)
    batch_coalition_participants: Groups = field(init=False)
    batch_coalition_policy_areas: Groups = field(init=False)
    batch_region_members: Groups = field(init=False)
    _pages: dict[str, Pages] = field(init=False, default_factory=dict)
    _projected: dict[tuple[str, tuple[str, ...]], Nodes] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__()
        g = self.graph
        if self.discovery is None:
            self.discovery = open_discovery(g, self.settings)
        self.batch_member = _nodes(g, "Member")
        self.batch_action_plan = _nodes(g, "ActionPlan")
        self.batch_commitment = _nodes(g, "Commitment")
        self.batch_policy_area = _nodes(g, "PolicyArea")
        self.batch_ogp_value = _nodes(g, "OgpValue")
        self.batch_organization = _nodes(g, "Organization")
        self.batch_coalition = _nodes(g, "Coalition")
        self.batch_region = _nodes(g, "Region")
        self.batch_member_region = _groups(g, members.regions_of_members)
        self.batch_member_country = _groups(g, members.countries_of_members)
        self.batch_member_local_members = _groups(g, members.local_members_of_members)
        self.batch_member_action_plans = _groups(g, members.action_plans_of_members)
        self.batch_member_coalitions = _groups(g, members.coalitions_of_members)
        self.batch_action_plan_commitments = _groups(g, commitments.commitments_of_action_plans)
        self.batch_commitment_policy_areas = _groups(g, commitments.policy_areas_of_commitments)
        self.batch_commitment_ogp_values = _groups(g, commitments.ogp_values_of_commitments)
        self.batch_commitment_organizations = _groups(g, commitments.organizations_of_commitments)
        self.batch_policy_area_children = _groups(g, policy_areas.children_of_policy_areas)
        self.batch_organization_members = _groups(g, organizations.members_of_organizations)
        self.batch_organization_coalitions = _groups(g, organizations.coalitions_of_organizations)
        self.batch_organization_network = _groups(g, organizations.networks_of_organizations)
        self.batch_organization_chapters = _groups(g, organizations.chapters_of_organizations)
        self.batch_coalition_participants = _groups(g, participants.participants_of_coalitions)
        self.batch_coalition_policy_areas = _groups(g, participants.policy_areas_of_coalitions)
        self.batch_region_members = _groups(g, regions.members_of_regions)

    def nodes(self, label: str, properties: tuple[str, ...] | None) -> Nodes:
        """The node DataLoader of ``label`` fetching only ``properties`` (``None``: the whole node, ``batch_*``)."""
        if properties is None:
            return getattr(self, "batch_" + _snake(label))  # type: ignore[no-any-return]
        key = (label, properties)
        if key not in self._projected:
            self._projected[key] = _nodes(self.graph, label, properties)
        return self._projected[key]

    def batch_pages(self, field_name: str, arguments: dict[str, Any], fetch: PageFetch) -> Pages:
        """The DataLoader of a nested connection for one (field, argument set): its parents share ONE query.

        ``fetch(ids)`` returns each parent's ``KeyedPage``; it is only used when the loader is new, so it
        must depend on nothing but ``field_name`` and ``arguments``.
        """
        key = field_name + json.dumps(arguments, sort_keys=True, default=str)
        if key not in self._pages:

            async def load(ids: Sequence[str]) -> list[KeyedPage]:
                found = await fetch(ids)
                return [found.get(i, KeyedPage(0, [])) for i in ids]

            self._pages[key] = DataLoader(load_fn=load)
        return self._pages[key]


def open_discovery(graph: Graph, settings: Settings) -> DiscoveryIndex:
    """A discovery index over ``graph`` with the encoder and embedding cache the settings name."""
    return discovery_index(graph, open_encoder(settings.text_encoder), EmbeddingCache.at(settings.embedding_cache))


async def context_getter(request: Request) -> Context:
    """A fresh context (fresh DataLoaders) per request, over the app's one shared graph and discovery index."""
    state = request.app.state
    return Context(graph=state.graph, settings=state.settings, discovery=state.discovery)
