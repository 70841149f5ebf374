"""Lead and supporting institutions of commitments -> Organization nodes, LEADS/SUPPORTS and CHAPTER_OF links.

Cells are collected while validating and resolved at load time, against the organisations already in
the graph (``known_organizations``), so that every file resolves spellings the same way. A run that
loads commitment files first resolves all their cells together (``seed_organizations``), knowing only
the organisations that *other* files put in the graph, and every file resolves with that result: the
resolution of a run does not depend on what an earlier load of the same files left in the graph, so
loading the same files again changes nothing (the resolver is not a fixpoint of its own output).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.backend import Graph
from graph.model import CHAPTER_OF, Commitment, Leads, Organization, Supports
from loaders._source import Batch
from loaders._write import Provenance, Rel
from loaders.organizations import OrganizationResolver, known_organizations


@dataclass(frozen=True)
class _Cells:
    commitment_id: str
    lead: str | None
    support: str | None
    member_id: str
    member_code: str


@dataclass
class OrgLinks:
    """Institution cells of one batch, waiting to be resolved."""

    cells: list[_Cells] = field(default_factory=list)

    def add(
        self, commitment_id: str, lead: str | None, support: str | None, *, member_id: str, member_code: str
    ) -> None:
        """Remember one commitment's institution cells."""
        if lead or support:
            self.cells.append(_Cells(commitment_id, lead, support, member_id, member_code))

    def resolve(
        self, known: list[Organization], rename: dict[str, str] | None = None
    ) -> tuple[list[Organization], list[Rel], list[Rel], list[Rel]]:
        """Organisations, LEADS / SUPPORTS links and CHAPTER_OF links (``rename``: commitment ids rewritten at load).

        Resolved twice: seeded with the graph's organisations, the resolver maps a few acronyms ("GIZ",
        "STP") differently than without them, so a reload would move links. The second round, seeded with
        the first round's organisations, is what any reload gives (checked on the real file): loading
        twice changes nothing.
        """
        first = self._resolve_once(known, rename)[0]
        return self._resolve_once(_merged(known, first), rename)

    def _resolve_once(
        self, known: list[Organization], rename: dict[str, str] | None
    ) -> tuple[list[Organization], list[Rel], list[Rel], list[Rel]]:
        # Two passes (observe, then mentions): ids do not depend on the order of the cells.
        resolver = OrganizationResolver(known=known)
        for c in self.cells:
            resolver.observe(c.lead, member_id=c.member_id, member_code=c.member_code)
            resolver.observe(c.support, member_id=c.member_id, member_code=c.member_code)
        leads: dict[tuple[str, str], Rel] = {}
        supports: dict[tuple[str, str], Rel] = {}
        for c in self.cells:
            cid = (rename or {}).get(c.commitment_id, c.commitment_id)
            for m in resolver.mentions(c.lead, member_id=c.member_id, member_code=c.member_code, role="lead"):
                leads.setdefault((m.organization.id, cid), Rel(m.organization.id, cid, Leads(as_written=m.as_written)))
            for m in resolver.mentions(c.support, member_id=c.member_id, member_code=c.member_code, role="support"):
                if (m.organization.id, cid) not in leads:  # named as lead and supporter: the lead role wins
                    supports.setdefault(
                        (m.organization.id, cid), Rel(m.organization.id, cid, Supports(as_written=m.as_written))
                    )
        chapters = [Rel(chapter, network) for chapter, network in resolver.chapter_links()]
        return resolver.organizations(), list(leads.values()), list(supports.values()), chapters


def _merged(known: list[Organization], more: list[Organization]) -> list[Organization]:
    by_id = {o.id: o for o in known}
    for o in more:
        old = by_id.get(o.id)
        by_id[o.id] = o if old is None else old.model_copy(update={"aliases": sorted({*old.aliases, *o.aliases})})
    return list(by_id.values())


ORGANIZATION_FILES = "MATCH (o:Organization) RETURN o.id AS id, o.content_hashes AS hashes"


async def seed_organizations(graph: Graph, batches: Sequence[Any]) -> None:
    """Resolve the institution cells of every batch of a run together, against the organisations other
    files put in the graph; each batch then resolves its own cells knowing that result."""
    together = OrgLinks()
    for batch in batches:
        cells = getattr(batch, "institution_cells", None)
        if cells is not None:
            together.cells.extend(cells().cells)
    if not together.cells:
        return
    run_files = {batch.source_file for batch in batches}
    vouched = {
        r["id"]
        for r in await graph.read(ORGANIZATION_FILES)
        if any(h.rsplit(":", 1)[0] not in run_files for h in r["hashes"] or ())
    }
    known = [o for o in await known_organizations(graph) if o.id in vouched]
    seed = together.resolve(known)[0]
    for batch in batches:
        batch.known_organizations = seed


async def add_organizations(
    graph: Graph, batch: Batch, links: OrgLinks, rename: dict[str, str] | None = None
) -> tuple[list[Rel], list[Rel]]:
    """Resolve ``links`` against the graph's organisations and queue the nodes and links on ``batch``."""
    # The run's resolution already started from the graph's organisations: use it as it is.
    known = batch.known_organizations or await known_organizations(graph)
    orgs, leads, supports, chapters = links.resolve(known, rename)
    batch.add_nodes(orgs, [Provenance(batch.source_file)] * len(orgs), list_union=("aliases",))
    batch.add_rels(Organization.LABEL, Leads.TYPE, Commitment.LABEL, leads)
    batch.add_rels(Organization.LABEL, Supports.TYPE, Commitment.LABEL, supports)
    batch.add_rels(Organization.LABEL, CHAPTER_OF, Organization.LABEL, chapters)
    return leads, supports
