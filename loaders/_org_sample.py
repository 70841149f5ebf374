"""The hand-checked sample: real institution cells of the OGP commitments export and the organisations in them.

Each entry names the commitment id and column, and the organisations a careful reader finds there
(name, kind), written by hand from the cell text, not from the program's output. ``score`` compares the
splitter + classifier with it (names compared folded, without articles).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from graph.model import OrganizationKind
from loaders._org_split import fold, strip_article
from loaders.member_names import member_slug
from loaders.organizations import OrganizationResolver

LEAD, SUPPORT = "Lead Institution", "Supporting Institution(s)"
G: OrganizationKind = "government"
P: OrganizationKind = "parliament"
C: OrganizationKind = "civil_society"
M: OrganizationKind = "multilateral"
B: OrganizationKind = "private"

SAMPLE: list[tuple[str, str, list[tuple[str, OrganizationKind]]]] = [
    ("AL0002", LEAD, [("Council of Ministers", G)]),
    ("AL0003", LEAD, [("Parliament", P)]),
    ("AL0097", SUPPORT, [("Assembly of Albania", P)]),
    ("AR0045", LEAD, [("Cámara de Diputados de la Nación", P), ("Senado de la Nación", P)]),
    (
        "AR0045",
        SUPPORT,
        [
            ("Fundación Directorio Legislativo", C),
            ("Fundación Conocimiento Abierto", C),
            ("La Nación Data", B),
            ("Cooperativa Lilikelen", C),
        ],
    ),
    (
        "AR0094",
        SUPPORT,
        [
            ("Fundación Directorio Legislativo", C),
            ("ACIJ", C),
            ("CIPPEC", C),
            ("Conocimiento Abierto", C),
            ("Democracia en Red", C),
            ("Poder Ciudadano", C),
            ("Eurosocial", M),
        ],
    ),
    ("AR0096", SUPPORT, []),
    ("AM0023", SUPPORT, []),
    (
        "BR0106",
        SUPPORT,
        [
            ("House of Representatives", P),
            ("Brazilian Senate", P),
            ("Municipal Chamber of Piracicaba", P),
            ("Legislative Assembly of Minas Gerais", P),
            ("District Chamber for the Federal District", P),
            ("Brazilian Institute for Criminal Science", C),
            ("Intelligent Citizenship", C),
        ],
    ),
    ("DE0030", LEAD, [("Federal Ministry of Justice and Consumer Protection", G)]),
    (
        "DE0030",
        SUPPORT,
        [
            ("Federal Office of Justice", G),
            ("Federal Ministry of the Interior, Building and Community", G),
            ("DigitalService4Germany GmbH", B),
        ],
    ),
    (
        "EC0014",
        SUPPORT,
        [
            ("Grupo Parlamentario por el Parlamento Abierto de la Asamblea Nacional", P),
            ("Defensoría del Pueblo de Ecuador", G),
            ("Consejo de Participación Ciudadana y Control Social", G),
            ("Fundación Ciudadanía y Desarrollo", C),
            ("ParlAmericas", M),
            ("Red Latinoamericana de Transparencia Legislativa", C),
            ("Open Parliament e-Network", C),
            ("Open Government Partnership", M),
        ],
    ),
    ("EE0050", SUPPORT, [("Estonian Cooperation Assembly", C), ("Network of Estonian Nonprofit Organizations", C)]),
    (
        "EE0054",
        SUPPORT,
        [
            ("Ministry of Justice", G),
            ("Centre of Registers and Information Systems", G),
            ("Ministry of Economic Affairs and Communications", G),
            ("Estonian Cooperation Assembly", C),
        ],
    ),
    ("GE0077", SUPPORT, [("Parliament of Georgia", P), ("Ministry of Finance", G), ("Civil Society Institute", C)]),
    (
        "GE0091",
        SUPPORT,
        [("GGI", C), ("IDFI", C), ("GIZ", M), ("GYLA", C), ("TI", C), ("American Chamber of Commerce", B)],
    ),
    (
        "GH0056",
        SUPPORT,
        [
            ("Ministry of Parliamentary Affairs", G),
            ("Ghana Parliamentary Monitoring Organizations Network", C),
            ("Parliamentary Network Africa", C),
            ("Centre for Democratic Development", C),
            ("Ghana Integrity Initiative", C),
            ("PenPlusBytes", C),
            ("Odikro", C),
        ],
    ),
    (
        "HR0009",
        LEAD,
        [("Government of the Republic of Croatia", G), ("Government Office for Cooperation with NGOs", G)],
    ),
    ("HR0028", LEAD, [("Ministry of Administration", G), ("State Electoral Commission", G)]),
    (
        "ID0097",
        SUPPORT,
        [
            ("Ministry of Communication and Informatics", G),
            ("Central Information Commission", G),
            ("Indonesian Parliamentary Center", C),
        ],
    ),
    ("IE0012", SUPPORT, [("Office of the Attorney General", G)]),
    ("IL0042", SUPPORT, [("Knesset", P)]),
    (
        "KE0012",
        LEAD,
        [
            ("Parliament Service Commission", P),
            ("County Assemblies", P),
            ("Department of Justice", G),
            ("Legislative & Intergovernmental Liaison Office", G),
            ("National Council for Law Reporting", G),
        ],
    ),
    (
        "KE0012",
        SUPPORT,
        [
            ("County Governments", G),
            ("Presidency", G),
            ("Mzalendo Trust", C),
            ("Parliamentary Initiatives Network", C),
            ("Kenya – Network of CSOs", C),
            ("Ushahidi", C),
        ],
    ),
    (
        "KG0018",
        SUPPORT,
        [
            ("Ministry of justice of the Kyrgyz Republic", G),
            ("State Committee of information technologies and communication of the Kyrgyz Republic", G),
        ],
    ),
    ("LT0033", LEAD, [("Ministry of Justice", G), ("Office of the Government", G)]),
    ("LV0028", LEAD, [("State Chancellery", G), ("Society Integration Foundation", C), ("Ministry of Culture", G)]),
    ("MD0070", LEAD, [("Ministry of Finance", G), ("Public Property Agency", G)]),
    ("ME0071", SUPPORT, []),
    (
        "MN0020",
        LEAD,
        [("Cabinet Secretariat", G), ("Information Technology, Post, and Telecommunications Authority", G)],
    ),
    (
        "MO0021",
        SUPPORT,
        [
            ("National commission on the right to information access", G),
            ("Transparency Morocco", C),
            ("European Union", M),
        ],
    ),
    ("NL0005", LEAD, [("Ministry of the Interior and Kingdom Relations", G), ("Ministry of Security and Justice", G)]),
    ("GR0085", SUPPORT, []),
    (
        "CO0119",
        SUPPORT,
        [
            ("Secretaría de Transparencia de la Presidencia de la República", G),
            ("NIMD", C),
            ("NDI", C),
            ("Extituto de Política Abierta", C),
            ("Artemisas", C),
            ("Instituto Anticorrupción", C),
        ],
    ),
]


@dataclass
class SampleScore:
    """How the splitter + classifier did on the hand-checked sample."""

    expected: int
    found: int
    correct: int
    kind_correct: int
    misses: list[tuple[str, str]]
    extras: list[tuple[str, str]]
    wrong_kinds: list[tuple[str, str, str, str]]

    @property
    def precision(self) -> float:
        """Share of found names that a reader also found."""
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Share of the reader's names that were found."""
        return self.correct / self.expected if self.expected else 1.0


def _key(name: str) -> str:
    return fold(strip_article(name.strip()))


def score(path: Path) -> SampleScore:
    """Run the resolver over the sampled cells of the real export and compare with the hand-made answers."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["Commitment Unique Identifier"]: r for r in csv.DictReader(handle)}
    result = SampleScore(0, 0, 0, 0, [], [], [])
    for commitment_id, column, expected in SAMPLE:
        row = rows[commitment_id]
        resolver = OrganizationResolver()
        got = resolver.mentions(
            row[column],
            member_id=member_slug(row["Country/Locality"]),
            member_code=row["Code"],
            role="lead" if column == LEAD else "support",
        )
        got_kinds = {_key(m.organization.aliases[0]): m.organization.kind for m in got}
        got_kinds.update({_key(m.organization.name): m.organization.kind for m in got})
        found_names = {_key(m.organization.name) for m in got}
        want = {_key(name): kind for name, kind in expected}
        result.expected += len(want)
        result.found += len(found_names)
        for key, kind in want.items():
            if key in got_kinds:
                result.correct += 1
                if got_kinds[key] == kind:
                    result.kind_correct += 1
                else:
                    result.wrong_kinds.append((commitment_id, key, kind, got_kinds[key]))
            else:
                result.misses.append((commitment_id, key))
        aliases = {_key(m.organization.aliases[0]): _key(m.organization.name) for m in got}
        matched = {aliases.get(k, k) for k in want if k in got_kinds} | set(want)
        result.extras += [(commitment_id, k) for k in sorted(found_names - matched)]
    return result
