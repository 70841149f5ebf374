"""Open Ownership's beneficial-ownership tracker: the countries file and the registers file.

Every tracked country becomes a ``BoCountry`` (OGP member or not; ``id`` = the member slug of its
name), linked from the same ``Member`` node when that member is in the graph (``HAS_BO_PROFILE``).
Each ``<li>`` of ``commitments_html`` becomes ``COMMITTED_TO_BO`` to one ``BoMechanism``; members
named under the Beneficial Ownership Leadership Group get ``PARTICIPATES_IN`` that coalition
(source ``openownership``) unless a coalition file already states their participation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from graph.backend import Graph
from graph.model import (
    FOCUSES_ON,
    HAS_BO_PROFILE,
    HAS_REGISTER,
    PARTICIPATES_IN,
    BoCountry,
    BoMechanism,
    BoRegister,
    Coalition,
    CommittedToBo,
    Member,
    PolicyArea,
)
from loaders._source import Batch, RowError, SourceRow, read_csv, write_batch
from loaders._write import LoadStats, Provenance, Rel, write_rels
from loaders.member_names import member_slug, slugify

NAME = "openownership"
DESCRIPTION = "Open Ownership beneficial-ownership tracker: countries (with commitment mechanisms) or registers."
ORDER = 45  # after members: links to existing Member nodes
SOURCE = "openownership"
BOLG_ID = "beneficial-ownership-leadership-group"
BOLG_NAME = "Beneficial Ownership Leadership Group"
COUNTRY_COLUMNS = ("notion_id", "name", "iso2", "committed", "central", "public", "all_sectors", "commitments_html")
REGISTER_COLUMNS = ("country_notion_id", "name", "scope", "register_url", "oo_register_url")

# Open Ownership's (ISO-style) country names -> today's OGP member names.
OO_NAMES: dict[str, str] = {
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom",
    "United States of America": "United States",
    "Republic of South Africa": "South Africa",
    "United Republic of Tanzania": "Tanzania",
    "Kyrgyzstan (Kyrgyz Republic)": "Kyrgyz Republic",
    "Republic of Moldova": "Moldova",
    "Plurinational State of Bolivia": "Bolivia",
    "Islamic Republic of Mauritania": "Mauritania",
}

# (id, name, words in the tracker's sentence that identify it), checked in this order.
MECHANISMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("bolg", BOLG_NAME, ("Beneficial Ownership Leadership Group", "BOLG")),
    ("ogp-action-plan", "OGP National Action Plan", ("Open Government Partnership",)),
    ("eiti", "Extractive Industries Transparency Initiative (EITI)", ("EITI", "Extractives Industry Transparency")),
    ("eu-amld", "EU Anti-Money Laundering Directive", ("European Union member",)),
    ("london-summit-2016", "2016 London Anti-Corruption Summit", ("Anti-Corruption Summit",)),
    ("imf", "IMF financing", ("IMF",)),
    ("other", "Other commitment (law, policy or pledge)", ()),
)

ENSURE_BOLG = (
    "MERGE (c:Coalition {id: $id}) "
    "ON CREATE SET c.name = $name, c.source = $source, c.source_file = $source_file, c.loaded_at = $loaded_at"
)
BOLG_PARTICIPANTS = (
    "UNWIND $members AS member_id "
    "MATCH (m:Member {id: member_id}) MATCH (c:Coalition {id: $coalition}) "
    "MERGE (m)-[r:PARTICIPATES_IN]->(c) "
    "ON CREATE SET r.role = 'member', r.source = $source"
)
LINK_REGISTERS = (
    "UNWIND $rows AS row "
    "MATCH (c:BoCountry {notion_id: row.country}) MATCH (r:BoRegister {id: row.register}) "
    "MERGE (c)-[:HAS_REGISTER]->(r) RETURN count(*) AS linked"
)


class _ListItems(HTMLParser):
    """Collect the text of every ``<li>`` (links and line breaks flattened)."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._current is not None:
            self.items.append(" ".join("".join(self._current).split()))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


def commitment_statements(html: str) -> list[tuple[str, str]]:
    """``(mechanism id, sentence)`` for each ``<li>`` of a tracker ``commitments_html`` cell."""
    parser = _ListItems()
    parser.feed(html)
    parser.close()
    found = []
    for item in parser.items:
        if not item or item == "None":
            continue
        mechanism = next(m for m, _, words in MECHANISMS if not words or any(w in item for w in words))
        found.append((mechanism, item))
    return found


def country_id(name: str) -> str:
    """The member slug of an Open Ownership country name (``United Kingdom of …`` -> ``united-kingdom``)."""
    clean = " ".join(name.split())
    return member_slug(OO_NAMES.get(clean, clean))


def recognise(header: list[str]) -> bool:
    """The countries export (notion_id … commitments_html) or the registers export (country_notion_id …)."""
    return all(c in header for c in COUNTRY_COLUMNS) or all(c in header for c in REGISTER_COLUMNS)


def extract(path: Path) -> Iterator[SourceRow]:
    """The rows of either export (the header decides which)."""
    return read_csv(path)


@dataclass
class OpenOwnershipBatch(Batch):
    """Validated tracker rows, plus BOLG members and register links (written by custom statements)."""

    bolg_members: list[str] = field(default_factory=list)
    register_links: list[dict[str, str]] = field(default_factory=list)


def _flag(value: str, column: str, errors: list[str]) -> bool | None:
    text = value.strip().lower()
    if text in ("", "none"):
        return None
    if text in ("true", "false"):
        return text == "true"
    errors.append(f"column {column!r}: {value!r} is not True or False")
    return None


def validate(rows: Iterable[SourceRow], source_file: str) -> OpenOwnershipBatch:
    """Turn either export into models; a bad row is reported with its number, column and reason."""
    batch = OpenOwnershipBatch(source_file)
    countries: list[BoCountry] = []
    registers: list[BoRegister] = []
    prov: list[Provenance] = []
    reg_prov: list[Provenance] = []
    committed: list[Rel] = []
    seen: dict[str, int] = {}
    for row in rows:
        batch.rows_read += 1
        c = row.cells
        if "__error__" in c:
            batch.errors.append(RowError(source_file, row.number, c["__error__"]))
            continue
        problems: list[str] = []
        name = " ".join(c.get("name", "").split())
        if not name:
            problems.append("column 'name' is empty")
        if "country_notion_id" in c:
            if not c["country_notion_id"].strip():
                problems.append("column 'country_notion_id' is empty")
            if not problems:
                reg_id = slugify(name)
                registers.append(
                    BoRegister(
                        id=reg_id,
                        name=name,
                        scope=[s.strip() for s in c["scope"].split(",") if s.strip()],
                        url=c["register_url"].strip() or None,
                        oo_register_url=c["oo_register_url"].strip() or None,
                        country_notion_id=c["country_notion_id"].strip(),
                    )
                )
                reg_prov.append(Provenance(source_file, row.number))
                batch.register_links.append({"country": c["country_notion_id"].strip(), "register": reg_id})
        else:
            flags = {
                k: _flag(c.get(k, ""), k, problems)
                for k in (
                    "committed",
                    "central",
                    "public",
                    "all_sectors",
                    "any_online_register",
                    "any_data_in_oo_register",
                )
            }
            level = c.get("commitment_level", "").strip()
            if level and not level.isdigit():
                problems.append(f"column 'commitment_level': {level!r} is not a whole number")
            cid = country_id(name) if name else ""
            if cid in seen:
                problems.append(f"country {name!r} is already on row {seen[cid]}")
            if not problems:
                seen[cid] = row.number
                countries.append(
                    BoCountry(
                        id=cid,
                        name=name,
                        notion_id=c["notion_id"].strip(),
                        iso2=c["iso2"].strip() or None,
                        involvement=c.get("involvement", "").strip() or None,
                        commitment_level=int(level) if level else None,
                        last_updated=c.get("last_updated", "").strip() or None,
                        **flags,
                    )
                )
                prov.append(Provenance(source_file, row.number))
                for mechanism, sentence in commitment_statements(c["commitments_html"]):
                    committed.append(Rel(cid, mechanism, CommittedToBo(statement=sentence)))
                    if mechanism == "bolg":
                        batch.bolg_members.append(cid)
        for problem in problems:
            batch.errors.append(RowError(source_file, row.number, problem))
    if countries:
        batch.add_nodes([BoMechanism(id=m, name=n) for m, n, _ in MECHANISMS], [Provenance(source_file)] * 7)
        batch.add_nodes(countries, prov)
        batch.add_rels(Member.LABEL, HAS_BO_PROFILE, BoCountry.LABEL, [Rel(b.id, b.id) for b in countries])
        # the tracker is authoritative on each country's mechanisms: a dropped one is removed
        batch.add_rels(BoCountry.LABEL, CommittedToBo.TYPE, BoMechanism.LABEL, committed, prune=True)
    batch.add_nodes(registers, reg_prov)
    return batch


async def load(graph: Graph, batch: OpenOwnershipBatch, loaded_at: str) -> LoadStats:
    """Write the tracker facts; BOLG participants only where no participation is recorded yet."""
    stats = await write_batch(graph, batch, loaded_at)
    if batch.bolg_members:
        await graph.write(
            ENSURE_BOLG,
            {
                "id": BOLG_ID,
                "name": BOLG_NAME,
                "source": SOURCE,
                "source_file": batch.source_file,
                "loaded_at": loaded_at,
            },
        )
        ws = await graph.write(
            BOLG_PARTICIPANTS, {"members": batch.bolg_members, "coalition": BOLG_ID, "source": SOURCE}
        )
        if ws.relationships_created:
            stats.rels_created[PARTICIPATES_IN] = ws.relationships_created
        stats.merge(
            await write_rels(
                graph, Coalition.LABEL, FOCUSES_ON, PolicyArea.LABEL, [Rel(BOLG_ID, "beneficial-ownership")]
            )
        )
    if batch.register_links:
        ws = await graph.write(LINK_REGISTERS, {"rows": batch.register_links})
        if ws.relationships_created:
            stats.rels_created[HAS_REGISTER] = ws.relationships_created
    return stats
