"""What the two legacy commitment layouts share (the IRM Explorer export, the 2015 Combined Database).

Neither has OGP ids. Validation turns rows into ``LegacyRow``s; ``collect`` makes one commitment per
distinct content in the file: rows that repeat a commitment (same member, plan, title and text) are
*merged* into it. A commitment is keyed by member, plan and number when the number is usable and
unique in its plan; otherwise (no number, as Norway's first plan in the Explorer export, or two
different commitments under one number) by its content: ``member|plan|c<8 hex of title and text>``,
so distinct commitments stay distinct and a reload gives the same ids.

Loading (``load_legacy``) settles each commitment against the graph, plan by plan, with
``loaders/_commit_match.py``: matched to a commitment of a more authoritative layout, it merges into
that node (tags, working groups and provenance only); otherwise it is written under its synthetic id,
and absorbs the nodes of less authoritative layouts that match it (``_commit_merge.absorb``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from graph.backend import Graph
from graph.model import (
    ADDRESSES,
    ADVANCES,
    HAS_ACTION_PLAN,
    INCLUDES,
    LEADS,
    PART_OF,
    SUPPORTS,
    ActionPlan,
    Commitment,
    Member,
    OgpValue,
)
from graph.model import PolicyArea as Area
from graph.taxonomy import LEGACY_TAGS, OGP_VALUES, WORKING_GROUPS
from loaders._commit_keys import LIST_UNION, natural_key, stated_values, taxonomy_nodes
from loaders._commit_match import Fingerprint, assign, split_number
from loaders._commit_merge import (
    LAYOUT_RANK,
    absorb,
    commitments_of_plans,
    legacy_areas,
    legacy_plan_id,
    plan_ids,
    prune_stale_links,
)
from loaders._commit_orgs import OrgLinks, add_organizations
from loaders._source import Batch, RowError, model_errors, write_batch
from loaders._write import LoadStats, Provenance, Rel, write_rels
from loaders.member_names import canonical_member_name, member_code, member_slug

# Columns both legacy layouts name the same way: OGP values and the OGP working groups of 2011-2016.
VALUE_COLUMNS = {v.explorer_column: v.id for v in OGP_VALUES}
GROUP_COLUMNS = {g: g for g in WORKING_GROUPS}


@dataclass
class LegacyRow:
    """One valid row of a legacy layout, before it is given an id."""

    row: int
    member_id: str
    member_code: str
    plan_number: int
    number: str | None
    fields: dict[str, Any]  # Commitment fields: texts, ratings, legacy tags, working groups …
    values: list[str]  # OGP value ids
    stated: dict[str, Any] = field(default_factory=dict)

    @property
    def content(self) -> str:
        """Title and full text, normalised: what tells two commitments of one plan apart."""
        words = [" ".join(str(self.fields.get(k) or "").lower().split()) for k in ("title", "full_text")]
        return "\n".join(words)


@dataclass
class LegacyItem:
    """One commitment of a legacy file (one row, or several identical ones)."""

    commitment: Commitment
    rows: list[LegacyRow]

    @property
    def areas(self) -> list[str]:
        """Today's policy areas its legacy tags and working groups map onto."""
        tags = {a for t in self.commitment.legacy_tags for a in LEGACY_TAGS.get(t, ())}
        return sorted(tags | {WORKING_GROUPS[g] for g in self.commitment.working_groups if g in WORKING_GROUPS})

    def provenance(self, source_file: str) -> Provenance:
        """Its rows, and what the first one stated (repeated rows stated the same)."""
        first = self.rows[0]
        return Provenance(source_file, first.row, tuple(r.row for r in self.rows[1:]), ((first.row, first.stated),))

    def fingerprint(self) -> Fingerprint:
        """What it is known by, for matching."""
        c = self.commitment
        return Fingerprint.of(c.number, [c.title, c.short_title], [c.full_text])


@dataclass
class LegacyBatch(Batch):
    """Validated commitments of one legacy file; ids are settled against the graph in ``load_legacy``."""

    items: list[LegacyItem] = field(default_factory=list)

    def institution_cells(self) -> OrgLinks:
        """Every institution cell of the file (for ``seed_organizations``)."""
        links = OrgLinks()
        for item in self.items:
            c = item.commitment
            lead, support = c.lead_institutions_text, c.supporting_institutions_text
            links.add(c.id, lead, support, member_id=c.member_id, member_code=item.rows[0].member_code)
        return links


def _content_key(content: str) -> str:
    return "c" + hashlib.sha1(content.encode()).hexdigest()[:8]


def collect(rows: Iterable[LegacyRow], batch: LegacyBatch, prefix: str, layout: str) -> None:
    """One ``LegacyItem`` per distinct commitment of the file (see the module docstring); counts merged rows."""
    by_content: dict[tuple[str, int, str], list[LegacyRow]] = {}
    for row in rows:
        by_content.setdefault((row.member_id, row.plan_number, row.content), []).append(row)
    contents_per_number: dict[tuple[str, int, str], set[str]] = {}
    for (member_id, plan, content), same in by_content.items():
        if same[0].number:
            contents_per_number.setdefault((member_id, plan, same[0].number), set()).add(content)
    for (member_id, plan, content), same in by_content.items():
        first = same[0]
        unique = bool(first.number) and len(contents_per_number[(member_id, plan, str(first.number))]) == 1
        key = str(first.number) if unique else _content_key(content)
        fields = dict(first.fields)
        try:
            commitment = Commitment(
                id=f"{prefix}{member_id}-{plan}-{key}",
                number=first.number,
                natural_key=natural_key(member_id, plan, key),
                member_id=member_id,
                action_plan_id=legacy_plan_id(member_id, plan),
                source_layouts=[layout],
                **fields,
            )
        except ValidationError as exc:  # an id too long (a hostile member name or number): its rows are refused
            problems = model_errors(exc, {})
            batch.errors.extend(RowError(batch.source_file, r.row, why, col) for r in same for col, why in problems)
            continue
        for row in same:
            row.stated = stated_values(commitment)
        batch.items.append(LegacyItem(commitment, same))
    batch.rows_merged = sum(len(i.rows) - 1 for i in batch.items)


def number_from_title(number: str | None, title: str) -> str | None:
    """The commitment number: the column's (repaired when the title shows a spreadsheet mangled it, ``1.1``
    for ``1.10``), else the one leading the title."""
    leading, _ = split_number(title)
    if not number:
        return leading
    if leading and leading != number:
        try:
            return leading if float(leading) == float(number) else number
        except ValueError:
            return number
    return number


def legacy_member(name: str, members: dict[str, Member]) -> tuple[str, str]:
    """The member id and code of a (possibly 2015-era) member name; records the old name on the member."""
    written = " ".join(name.split())
    today = canonical_member_name(written)
    member_id = member_slug(today)
    code = member_code(today)
    known = members.get(member_id)
    former = sorted({*(known.former_names if known else ()), *([written] if written != today else [])})
    extra: dict[str, Any] = {"code": code} if code else {}
    members[member_id] = Member(id=member_id, name=today, kind="national", former_names=former, **extra)
    return member_id, code or member_id[:3].upper()


def queue_taxonomy(batch: LegacyBatch, members: dict[str, Member]) -> None:
    """Members (with their former names) and the policy-area taxonomy, written before the commitments; only
    members of a commitment of the file (not those of refused rows)."""
    used = {item.commitment.member_id for item in batch.items}
    members = {member_id: member for member_id, member in members.items() if member_id in used}
    batch.add_nodes(
        list(members.values()), [Provenance(batch.source_file)] * len(members), list_union=("former_names",)
    )
    areas, part_of, values = taxonomy_nodes()
    batch.add_nodes(areas, [Provenance(batch.source_file)] * len(areas), list_union=("legacy_names",))
    batch.add_nodes(values, [Provenance(batch.source_file)] * len(values))
    batch.add_rels(Area.LABEL, PART_OF, Area.LABEL, part_of)


async def load_legacy(graph: Graph, batch: LegacyBatch, layout: str, loaded_at: str) -> LoadStats:
    """Settle ids against the graph, write own commitments and merge the others (see the module docstring)."""
    mine = LAYOUT_RANK[layout]
    plans = sorted({(i.commitment.member_id, int(i.commitment.natural_key.split("|")[1])) for i in batch.items})
    ids = await plan_ids(graph, plans)
    known = [k for k in await commitments_of_plans(graph, plans) if k.id not in {i.commitment.id for i in batch.items}]
    target: dict[str, str] = {}  # item id -> the node it is written to
    absorbed: dict[str, str] = {}  # node of a less authoritative layout -> the node it is folded into
    for member_id, plan in plans:
        items = {i.commitment.id: i for i in batch.items if (i.commitment.member_id, _plan(i)) == (member_id, plan)}
        here = [k for k in known if (k.member_id, k.plan) == (member_id, plan)]
        higher = {k.id: k.fingerprint(above=mine) for k in here if k.rank > mine}
        up = assign({key: item.fingerprint() for key, item in items.items()}, higher)
        target.update({key: match.whole for key, match in up.items()})
        target.update({key: key for key in items if key not in up})
        wholes = {key: item.fingerprint() for key, item in items.items()}
        for lower in sorted({k.rank for k in here if 0 < k.rank < mine}, reverse=True):
            parts = {k.id: k.fingerprint(above=lower - 1) for k in here if k.rank == lower}
            already = [row for k in here if k.rank > lower for row in k.merged_rows(lower)]
            absorbed.update({old: target[m.whole] for old, m in assign(parts, wholes, already).items()})
    own = [i for i in batch.items if target[i.commitment.id] == i.commitment.id]
    merged = [i for i in batch.items if target[i.commitment.id] != i.commitment.id]
    batch.rows_merged += sum(len(i.rows) for i in merged)
    batch.rows_loaded = len(own)
    return await _write(graph, batch, own, merged, target, absorbed, ids, loaded_at)


def _plan(item: LegacyItem) -> int:
    return int(item.commitment.natural_key.split("|")[1])


async def _write(
    graph: Graph,
    batch: LegacyBatch,
    own: list[LegacyItem],
    merged: list[LegacyItem],
    target: dict[str, str],
    absorbed: dict[str, str],
    ids: dict[tuple[str, int], str],
    loaded_at: str,
) -> LoadStats:
    plans: dict[str, ActionPlan] = {}
    includes, advances, addresses = [], [], []
    orgs = OrgLinks()
    nodes: list[Commitment] = []
    provenance: list[Provenance] = []
    for item in own:
        c = item.commitment
        plan_id = ids.get((c.member_id, _plan(item)), c.action_plan_id)
        if plan_id == c.action_plan_id:
            year = c.year
            plans.setdefault(
                plan_id, ActionPlan(id=plan_id, member_id=c.member_id, number=_plan(item), submission_year=year)
            )
        nodes.append(c.model_copy(update={"action_plan_id": plan_id}))
        provenance.append(item.provenance(batch.source_file))
        includes.append(Rel(plan_id, c.id))
        advances += [Rel(c.id, v) for v in item.rows[0].values]
        addresses += [Rel(c.id, a) for a in item.areas]
        first = item.rows[0]
        lead, support = c.lead_institutions_text, c.supporting_institutions_text
        orgs.add(c.id, lead, support, member_id=c.member_id, member_code=first.member_code)
    by_whole: dict[str, list[LegacyItem]] = {}
    for item in merged:
        by_whole.setdefault(target[item.commitment.id], []).append(item)
    for whole, items in sorted(by_whole.items()):
        rows = [r for i in items for r in i.rows]
        lists: dict[str, Any] = {
            name: sorted({x for i in items for x in getattr(i.commitment, name)}) for name in LIST_UNION
        }
        nodes.append(Commitment.model_construct({"id", *LIST_UNION}, id=whole, **lists))
        stated = tuple((r.row, r.stated) for r in rows)
        provenance.append(Provenance(batch.source_file, rows[0].row, tuple(r.row for r in rows[1:]), stated))
        addresses += [Rel(whole, a) for i in items for a in i.areas]
    batch.add_nodes(list(plans.values()), [Provenance(batch.source_file)] * len(plans))
    batch.add_nodes(nodes, provenance, list_union=LIST_UNION)
    batch.add_rels(Member.LABEL, HAS_ACTION_PLAN, ActionPlan.LABEL, [Rel(p.member_id, p.id) for p in plans.values()])
    batch.add_rels(ActionPlan.LABEL, INCLUDES, Commitment.LABEL, includes)
    batch.add_rels(Commitment.LABEL, ADDRESSES, Area.LABEL, addresses)
    batch.add_rels(Commitment.LABEL, ADVANCES, OgpValue.LABEL, advances)
    leads, supports = await add_organizations(graph, batch, orgs)
    stats = await write_batch(graph, batch, loaded_at)
    own_ids = [i.commitment.id for i in own]
    await absorb(graph, absorbed)
    # The tags of the nodes just absorbed map onto areas of the nodes that absorbed them.
    legacy = await legacy_areas(graph, sorted({*own_ids, *absorbed.values()}))
    extra = [Rel(cid, a) for cid, areas in legacy.items() for a in areas]
    stats.merge(await write_rels(graph, Commitment.LABEL, ADDRESSES, Area.LABEL, extra))
    links = {ADDRESSES: addresses + extra, ADVANCES: advances, LEADS: leads, SUPPORTS: supports}
    keep: dict[str, dict[str, list[str]]] = {rel_type: {cid: [] for cid in own_ids} for rel_type in links}
    await prune_stale_links(graph, links, keep, stats)
    return stats
