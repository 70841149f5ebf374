"""Coalition files (YAML, one coalition per file, maintained by hand): see docs/coalition-file-format.md.

Loading a file makes it the authority on that coalition: its focus areas and participants are set to
exactly what the file says (participants and focus areas missing from the file are removed), and
nothing else in the graph is touched. Members must already exist (load members/commitments first);
organisations are matched by id, name or known spelling, and created when new.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.backend import Graph
from graph.errors import LoadError
from graph.model import FOCUSES_ON, Coalition, Member, Organization, ParticipatesIn, PolicyArea
from graph.taxonomy import AREA_BY_ID, area_slug
from loaders._source import Batch, RowError, SourceRow, ValidationFailed, read_text
from loaders._write import LoadStats, Provenance, Rel, prune_rels, write_nodes, write_rels
from loaders.member_names import canonical_member_name, member_slug, slugify

NAME = "coalition-file"
DESCRIPTION = "Coalition file (YAML): one coalition, its focus policy areas and its participants."
ORDER = 50  # after members, commitments and organisations: participants must resolve to existing members
SOURCE = "coalition-file"
MIN_YEAR, MAX_YEAR = 2011, 2100  # OGP was launched in 2011
ROLES_HINT = "member, co-chair, champion, supporter, observer, …"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PARTICIPANT_KEYS = {"member", "organization", "role", "since", "note", "kind"}
_COALITION_KEYS = {"id", "name", "description", "url", "focus_policy_areas", "participants"}

MEMBER_REFS = "MATCH (m:Member) RETURN m.id AS id, m.name AS name, m.code AS code, m.former_names AS former_names"
ORGANIZATION_REFS = "MATCH (o:Organization) RETURN o.id AS id, o.name AS name, o.aliases AS aliases"
POLICY_AREA_REFS = "MATCH (p:PolicyArea) RETURN p.id AS id, p.name AS name"
PRUNE_PARTICIPANTS = (
    "MATCH (p)-[r:PARTICIPATES_IN]->(c:Coalition {id: $coalition}) "
    "WHERE NOT ((p:Member AND p.id IN $members) OR (p:Organization AND p.id IN $organizations)) "
    "DELETE r RETURN count(*) AS removed"
)


MAX_YAML_NODES = 20_000  # nodes a coalition file may expand to, aliases counted at their full size
MAX_YAML_DEPTH = 50  # nesting levels (a coalition file needs four)


class YamlTooLarge(LoadError):
    """A YAML document that would expand past the node budget (an alias bomb) or nest too deeply."""


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that records the line of every mapping under the key ``__line__``.

    It also bounds what a hand-written file may cost: every node composed counts against
    ``MAX_YAML_NODES``, and an alias (``*name``) counts the full size of what it repeats, so nine nested
    anchors (a "billion laughs" file) are refused after a few thousand nodes instead of growing to
    gigabytes; nesting deeper than ``MAX_YAML_DEPTH`` is refused before Python's recursion limit.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._expanded = 0
        self._depth = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent):
            anchored = self.anchors.get(event.anchor)
            self._count(self._size(anchored) if anchored is not None else 1, line)
        else:
            self._count(1, line)
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise YamlTooLarge(f"line {line}: nested more than {MAX_YAML_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _count(self, nodes: int, line: int) -> None:
        self._expanded += nodes
        if self._expanded > MAX_YAML_NODES:
            raise YamlTooLarge(
                f"line {line}: the document expands to more than {MAX_YAML_NODES} values "
                "(aliases such as *name count the full size of what they repeat); write the values out, or "
                "split the file"
            )

    def _size(self, node: yaml.Node) -> int:
        """Values in ``node`` with aliases expanded (memoised: shared nodes are counted once each)."""
        known = self._sizes.get(id(node))
        if known is not None:
            return known
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._size(item) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._size(key) + self._size(value) for key, value in node.value)
        self._sizes[id(node)] = size
        return size


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file (mappings carry ``__line__``); ``LoadError`` for empty, broken encoding or syntax."""
    text = read_text(path)
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except YamlTooLarge as exc:
        raise LoadError(f"{path.name}, {exc}") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise LoadError(f"{path.name}{where}: not valid YAML ({exc.problem or exc.context})") from exc
    except yaml.YAMLError as exc:
        raise LoadError(f"{path.name}: not valid YAML ({exc})") from exc
    if data is None:
        raise LoadError(f"{path.name}: the file has no content (only comments?)")
    return data


def recognise(header: list[str]) -> bool:
    """A coalition file starts (after comments) with a top-level ``coalition:`` key."""
    return any(re.match(r"^coalition:\s*$", cell.strip()) for cell in header)


def recognise_text(text: str) -> bool:
    """Content sniffing for YAML: a line ``coalition:`` at column 0 outside comments."""
    return re.search(r"^coalition:[ \t]*(#.*)?$", text, re.MULTILINE) is not None


def recognise_file(path: Path) -> bool:
    """True when ``path`` is a readable coalition file (used by the CLI for non-CSV files)."""
    try:
        return recognise_text(read_text(path))
    except (LoadError, OSError):
        return False


def extract(path: Path) -> Iterator[SourceRow]:
    """One row for the coalition, one per focus area and one per participant (``__kind__`` says which)."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("coalition"), dict):
        raise LoadError(f"{path.name}: expected a top-level 'coalition:' mapping (see docs/coalition-file-format.md)")
    body: dict[str, Any] = data["coalition"]
    line = int(body.get("__line__", 1))
    unknown = sorted(k for k in body if k not in _COALITION_KEYS and k != "__line__")
    cells = {k: _text(body.get(k)) for k in ("id", "name", "description", "url")}
    yield SourceRow(line, {"__kind__": "coalition", **cells, "__unknown__": ", ".join(map(str, unknown))})
    focus = body.get("focus_policy_areas") or []
    if not isinstance(focus, list):
        yield SourceRow(line, {"__kind__": "error", "reason": "focus_policy_areas must be a list"})
        focus = []
    for area in focus:
        yield SourceRow(line, {"__kind__": "focus", "area": _text(area)})
    participants = body.get("participants") or []
    if not isinstance(participants, list):
        yield SourceRow(line, {"__kind__": "error", "reason": "participants must be a list"})
        participants = []
    for index, entry in enumerate(participants, start=1):
        if not isinstance(entry, dict):
            yield SourceRow(line, {"__kind__": "error", "reason": f"participant #{index} is not a mapping"})
            continue
        extra = sorted(k for k in entry if k not in _PARTICIPANT_KEYS and k != "__line__")
        cells = {k: _text(entry.get(k)) for k in sorted(_PARTICIPANT_KEYS)}
        yield SourceRow(
            int(entry.get("__line__", line)),
            {"__kind__": "participant", "index": str(index), **cells, "__unknown__": ", ".join(extra)},
        )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class Participant:
    """One validated participant entry, before its member/organisation is resolved in the graph."""

    kind: str  # "member" | "organization"
    ref: str
    props: ParticipatesIn
    index: int
    line: int
    org_kind: str | None = None


@dataclass
class CoalitionBatch(Batch):
    """A validated coalition file: the coalition, its focus-area references and participant entries."""

    coalition: Coalition | None = None
    line: int = 1
    focus: list[str] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)


def validate(rows: Iterable[SourceRow], source_file: str) -> CoalitionBatch:
    """Check ids, years, roles and duplicates; every problem names the file, the entry and the line."""
    batch = CoalitionBatch(source_file)
    seen: dict[tuple[str, str], int] = {}

    def error(row: SourceRow, reason: str, column: str | None = None) -> None:
        batch.errors.append(RowError(source_file, row.number, reason, column))

    for row in rows:
        batch.rows_read += 1
        c = row.cells
        kind = c["__kind__"]
        if kind == "error":
            error(row, c["reason"])
        elif kind == "coalition":
            batch.line = row.number
            if c["__unknown__"]:
                error(row, f"unknown key(s) under 'coalition': {c['__unknown__']}")
            if not c["id"] or not _ID.match(c["id"]):
                error(row, f"coalition id {c['id']!r} must be a lower-case slug like 'open-contracting-partners'", "id")
            if not c["name"]:
                error(row, "the coalition needs a name", "name")
            if c["url"] and not c["url"].startswith(("http://", "https://")):
                error(row, f"url {c['url']!r} must start with http:// or https://", "url")
            if not batch.errors:
                batch.coalition = Coalition(
                    id=c["id"],
                    name=c["name"],
                    description=c["description"] or None,
                    url=c["url"] or None,
                    source=SOURCE,
                )
        elif kind == "focus":
            _validate_focus(batch, row, error)
        else:
            _validate_participant(batch, row, seen, error)
    if batch.coalition is None and not batch.errors:
        batch.errors.append(RowError(source_file, None, "no coalition found"))
    return batch


def _validate_focus(batch: CoalitionBatch, row: SourceRow, error: Any) -> None:
    area = row.cells["area"]
    if not area:
        error(row, "an empty focus policy area", "focus_policy_areas")
    elif area in batch.focus:
        error(row, f"focus policy area {area!r} is listed twice", "focus_policy_areas")
    elif area not in AREA_BY_ID and area_slug(area) not in AREA_BY_ID:
        close = difflib.get_close_matches(area_slug(area), list(AREA_BY_ID), n=3, cutoff=0.8)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see graph/taxonomy.py)"
        error(row, f"unknown policy area {area!r}: not an id or name of today's taxonomy{hint}", "focus_policy_areas")
    else:
        batch.focus.append(area)


def _validate_participant(batch: CoalitionBatch, row: SourceRow, seen: dict[tuple[str, str], int], error: Any) -> None:
    c = row.cells
    where = f"participant #{c['index']}"
    if c["__unknown__"]:
        error(row, f"{where}: unknown key(s) {c['__unknown__']} (allowed: {', '.join(sorted(_PARTICIPANT_KEYS))})")
    if bool(c["member"]) == bool(c["organization"]):
        error(row, f"{where}: give exactly one of 'member' or 'organization'")
        return
    kind = "member" if c["member"] else "organization"
    ref = c[kind]
    since: int | None = None
    if c["since"]:
        if not c["since"].isdigit() or not MIN_YEAR <= int(c["since"]) <= MAX_YEAR:
            error(
                row, f"{where} ({ref!r}): since {c['since']!r} is not a year between {MIN_YEAR} and {MAX_YEAR}", "since"
            )
            return
        since = int(c["since"])
    role = c["role"] or "participant"
    if not re.match(r"^[a-z][a-z -]*$", role):
        error(row, f"{where} ({ref!r}): role {role!r} should be a lower-case word ({ROLES_HINT})", "role")
        return
    key = (kind, member_slug(ref) if kind == "member" else slugify(ref))
    if key in seen:
        error(row, f"{where} ({ref!r}): duplicate participant, already listed as participant #{seen[key]}")
        return
    seen[key] = int(c["index"])
    batch.participants.append(
        Participant(
            kind,
            ref,
            ParticipatesIn(role=role, since=since, source=SOURCE, note=c["note"] or None),
            int(c["index"]),
            row.number,
            c["kind"] or None,
        )
    )


def _resolve_member(ref: str, members: list[dict[str, Any]]) -> str | None:
    wanted = {ref.lower(), member_slug(ref), canonical_member_name(ref).lower()}
    for m in members:
        names = {str(m["id"]), str(m["name"] or "").lower(), str(m["code"] or "").lower()}
        names |= {str(n).lower() for n in (m["former_names"] or [])}
        if wanted & names:
            return str(m["id"])
    return None


def _resolve_named(ref: str, nodes: list[dict[str, Any]], alias_key: str | None) -> str | None:
    wanted = {ref.lower(), slugify(ref)}
    for n in nodes:
        names = {str(n["id"]), str(n["name"] or "").lower(), slugify(str(n["name"] or ""))}
        if alias_key:
            names |= {str(a).lower() for a in (n[alias_key] or [])}
        if wanted & names:
            return str(n["id"])
    return None


async def load(graph: Graph, batch: CoalitionBatch, loaded_at: str) -> LoadStats:
    """Resolve participants and areas in the graph (all-or-nothing), then set the coalition to the file."""
    if batch.errors or batch.coalition is None:
        raise ValidationFailed(batch.errors or [RowError(batch.source_file, None, "no coalition found")])
    coalition = batch.coalition
    members = await graph.read(MEMBER_REFS)
    organizations = await graph.read(ORGANIZATION_REFS)
    areas = await graph.read(POLICY_AREA_REFS)
    errors: list[RowError] = []
    focus_ids: list[str] = []
    for ref in batch.focus:
        area_id = _resolve_named(ref, areas, None)
        if area_id is None:
            errors.append(
                RowError(
                    batch.source_file,
                    batch.line,
                    f"unknown policy area {ref!r} (use an id or name of today's taxonomy, e.g. 'beneficial-ownership')",
                    "focus_policy_areas",
                )
            )
        else:
            focus_ids.append(area_id)
    member_rels: list[Rel] = []
    org_rels: list[Rel] = []
    new_orgs: dict[str, Organization] = {}
    for p in batch.participants:
        if p.kind == "member":
            member_id = _resolve_member(p.ref, members)
            if member_id is None:
                errors.append(
                    RowError(
                        batch.source_file,
                        p.line,
                        f"participant #{p.index}: unknown member {p.ref!r} "
                        "(use the OGP name, slug such as 'united-kingdom', or code such as 'GBR')",
                    )
                )
                continue
            member_rels.append(Rel(member_id, coalition.id, p.props))
        else:
            org_id = _resolve_named(p.ref, organizations, "aliases") or slugify(p.ref)
            if not any(o["id"] == org_id for o in organizations):
                new_orgs[org_id] = Organization(
                    id=org_id, name=p.ref, aliases=[p.ref], **({"kind": p.org_kind} if p.org_kind else {})
                )
            org_rels.append(Rel(org_id, coalition.id, p.props))
    if errors:
        raise ValidationFailed(errors)
    prov = Provenance(batch.source_file, batch.line)
    stats = await write_nodes(graph, [coalition], [prov], loaded_at=loaded_at)
    orgs = list(new_orgs.values())
    stats.merge(await write_nodes(graph, orgs, [prov] * len(orgs), loaded_at=loaded_at, list_union=("aliases",)))
    stats.merge(await prune_rels(graph, Coalition.LABEL, FOCUSES_ON, PolicyArea.LABEL, {coalition.id: focus_ids}))
    stats.merge(
        await write_rels(
            graph, Coalition.LABEL, FOCUSES_ON, PolicyArea.LABEL, [Rel(coalition.id, a) for a in focus_ids]
        )
    )
    removed = await graph.write(
        PRUNE_PARTICIPANTS,
        {
            "coalition": coalition.id,
            "members": [r.start for r in member_rels],
            "organizations": [r.start for r in org_rels],
        },
    )
    if removed.relationships_deleted:
        stats.rels_removed[ParticipatesIn.TYPE] = removed.relationships_deleted
    stats.merge(await write_rels(graph, Member.LABEL, ParticipatesIn.TYPE, Coalition.LABEL, member_rels))
    stats.merge(await write_rels(graph, Organization.LABEL, ParticipatesIn.TYPE, Coalition.LABEL, org_rels))
    return stats


async def load_file(graph: Graph, path: Path, loaded_at: str) -> LoadStats:
    """Extract, validate and load one coalition file; ``ValidationFailed`` lists every problem."""
    batch = validate(extract(path), path.name)
    if batch.errors:
        raise ValidationFailed(batch.errors)
    return await load(graph, batch, loaded_at)
