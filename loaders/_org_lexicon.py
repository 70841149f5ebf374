"""Word lists that classify organisation names (multilingual) and recognise non-organisations.

Classification looks at the *head noun*: the last organisation word before the first preposition
("Council for Civil Society Development" -> council -> government; "Civil Society Institute" ->
institute -> civil society; "Fundación Directorio Legislativo" -> fundación). Named multilaterals
and company markers win over the head; a parliament word anywhere makes a non-ministry body a
parliament body ("Secretary General of the House of Representatives").

Decisions (documented here so they are easy to change):
- bilateral development agencies (GIZ, USAID, FCDO/DFID, Sida, JICA, AFD …) are ``multilateral``:
  the model has no "bilateral" kind and, like multilaterals, they work across members; classing them
  ``government`` would tie them to the member they work in.
- universities, research centres and think tanks are ``civil_society`` (OGP counts academia as civil society).
- the Open Government Partnership itself (and its Support Unit) is ``multilateral``.
"""

from __future__ import annotations

import re

from graph.model import OrganizationKind

# Multilaterals / international partners, matched as whole words on the normalised (ascii, lower) name.
MULTILATERAL_NAMES: tuple[str, ...] = (
    "world bank", "undp", "united nations", "unicef", "unesco", "un women", "unodc", "unhcr", "pnud", "oecd", "ocde",
    "imf", "international monetary fund", "european union", "european commission", "eu delegation", "council of europe",
    "parliamentary assembly of the council of europe", "pace", "osce", "odihr", "usaid", "giz", "gtz", "dfid", "fcdo",
    "sida", "jica", "afd", "koica", "inter american development bank", "idb", "bid", "asian development bank", "adb",
    "african development bank", "afdb", "open government partnership", "ogp", "ogp support unit", "eurosocial",
    "parlamericas", "inter parliamentary union", "ipu", "african union", "nepad", "aprm", "oas",
    "organization of american states", "oea", "world health organization", "ilo", "fao", "eiti",
    "millennium challenge corporation", "german corporation for international cooperation",
    "deutsche gesellschaft fur internationale zusammenarbeit",
    "extractive industries transparency initiative", "commonwealth", "world food programme", "wfp", "unfpa",
    "interamerican development bank", "banco mundial", "union europea", "union europeenne", "cepal", "eclac",
)

# Parliament words (normalised); any of these anywhere makes a non-ministry body a parliament body.
PARLIAMENT_WORDS: tuple[str, ...] = (
    "parliament", "parliamentary", "parlamento", "parlement", "parlamentaria", "parlamentario", "congress", "congreso",
    "senate", "senado", "senat", "house of representatives", "house of the nation", "chamber of deputies",
    "camara de diputados", "camara de diputadas", "camara de representantes", "camara dos deputados",
    "camara municipal",
    "municipal chamber", "chamber of representatives", "national assembly", "legislative assembly", "asamblea",
    "assemblee", "assembleia", "county assembly", "county assemblies", "knesset", "riigikogu", "sabor", "saeima",
    "seimas", "jogorku kenesh", "verkhovna rada", "sejm", "storting", "folketing", "bundestag", "legislature",
    "legislatura", "dpr", "dpr ri", "majlis", "national legislature", "house of commons", "house of lords",
    "states general", "poder legislativo", "concejo", "city council",
    "diputados", "deputies", "assembly",
)

# Government head words (normalised).
GOVERNMENT_HEADS: frozenset[str] = frozenset({
    "ministry", "ministries", "minister", "ministerio", "ministere", "ministerie", "ministarstvo",
    "department", "departamento", "departement", "agency", "agencia", "agence", "agencija", "office", "oficina",
    "bureau",
    "commission", "comision", "commissione", "comissao", "commissioner", "council", "consejo", "conseil", "conselho",
    "authority", "autoridad", "autorite", "secretariat", "secretaria", "secretariado", "secretary", "directorate",
    "direccion", "direction", "service", "servicio", "court", "courts", "tribunal", "corte", "juzgado",
    "juzgados", "prosecutor", "fiscalia", "procuraduria", "contraloria", "ombudsman", "defensoria", "chancellery",
    "cabinet", "presidency", "presidencia", "government", "gobierno", "gouvernement", "governo",
    "treasury", "municipality", "municipalidad", "municipio", "city", "county", "counties", "inspectorate", "unit",
    "unidad", "administration", "administracion", "auditor", "comptroller", "registry", "register", "registrar",
    "police", "library", "archives", "archive", "division", "board", "center of registers", "prefecture", "province",
    "governor", "governors", "mayor", "alcaldia", "intendencia", "superintendencia", "superintendency", "state",
    "kepala", "biro", "badan", "kementerian", "committee", "comite", "comisiones", "bank",
    "institute of statistics", "statistics", "districts", "district",
    "subsecretaria", "viceministerio", "vice ministry", "coordinacion", "coordination",
})

# Office holders: they name a government body when nothing else does ("Secretary General"), but never split a list.
ROLE_WORDS: frozenset[str] = frozenset({"head", "chair", "speaker", "counsel", "clerk", "president", "deputy"})
# Adjectives that are not heads: they never make a fragment look like an organisation on their own.
ADJECTIVES: frozenset[str] = frozenset({"parliamentary", "parlamentaria", "parlamentario"})
# A name that starts with one of these is a group of organisations ("Organizaciones de Mujeres", "All ministries").
GROUP_STARTS: frozenset[str] = frozenset({
    "organizaciones", "organizations", "organisations", "associations", "asociaciones", "ngos", "csos", "ongs",
    "ministries", "ministerios", "institutions", "instituciones", "universities", "universidades", "entities",
    "entidades", "commissions", "bureaus", "leaders", "members", "representatives", "districts", "departments", "all",
    "other", "others", "every", "various", "relevant", "concerned", "interested", "local", "several", "different",
})
# Descriptive words: a civil-society or unknown name made only of these (and generic/head words) has no proper
# name ("Research Center", "Open Government Coalition") and stays inside its member.
DESCRIPTIVE: frozenset[str] = frozenset({
    "research", "information", "data", "development", "democratic", "democracy", "open", "sessions", "session",
    "leaders", "deputy", "house", "factions", "communications", "law", "rights", "human", "justice", "public",
    "policy", "studies", "governance", "good", "economic", "social", "legal", "training", "education", "anti",
    "corruption", "integrity", "citizens", "participation", "access", "budget", "fiscal", "affairs", "strategic",
    "advocacy", "documentation", "legislative", "legislation", "protection", "environment", "health", "freedom",
    "media", "gender", "equality", "inclusion", "transparency", "accountability", "monitoring", "innovation",
    "technology", "digital", "science", "sciences", "communication", "archive", "museum", "it", "pr", "general",
})
# Civil-society head words (normalised).
CSO_HEADS: frozenset[str] = frozenset({
    "foundation", "fundacion", "fondation", "fundacao", "stiftung", "stichting", "fondazione", "association",
    "asociacion", "associacao", "associazione", "ngo", "ong", "network", "red", "reseau", "rede", "coalition",
    "coalicion", "alliance", "alianza", "alianca", "trust", "society", "sociedad", "club", "union", "federation",
    "federacion", "institute", "instituto", "institut", "istituto", "centre", "center", "centro", "university",
    "universidad", "universidade", "universite", "universita", "college", "school", "academy", "academia",
    "observatory", "observatorio", "movement", "movimiento", "campaign", "platform", "plataforma", "partnership",
    "cooperative", "cooperativa", "watch", "lab", "labs", "initiative", "iniciativa", "forum", "foro", "caucus",
    "collective", "colectivo", "think tank", "citizenship", "ciudadania", "transparency international",
    "partners", "accion", "action", "aid", "programme", "program", "project", "group", "grupo",
    "consortium", "consorcio", "civic", "civica", "civico", "advocacy", "cooperation assembly", "co operation assembly",
})

# Company markers (regex on the original, and words on the normalised name).
PRIVATE_RE = re.compile(
    r"\b(ltd|limited|inc|llc|plc|gmbh|ag|s\.\s?a\.?|sa|s\.?a\.?s|s\.?r\.?l|bv|nv|corp|co\.|company|companies"
    r"|chamber of commerce|camara de comercio|chambre de commerce|business|enterprises?|industries)\b"
)

# Words that, alone or combined, name no particular organisation ("civil society organisations", "NGOs").
GENERIC_WORDS: frozenset[str] = frozenset({
    "civil", "society", "societies", "organization", "organizations", "organisation", "organisations", "ngo", "ngos",
    "cso", "csos", "osc", "oscs", "ong", "ongs", "nonprofit", "non", "profit", "governmental", "government",
    "governments", "other", "others", "interested", "relevant", "concerned", "local", "citizens", "citizen",
    "ciudadanos", "ciudadania", "academia", "academics", "academic", "experts", "expert", "researchers", "research",
    "media", "private", "sector", "universities", "representatives", "groups", "working", "associations",
    "foundations", "networks", "stakeholders", "stakeholder", "partners", "donors", "all", "various", "different",
    "ministries", "line", "public", "bodies", "universidad", "universidades", "publicas", "publicos",
    "institutions", "institution", "agencies", "departments", "entities",
    "and", "the", "of", "in", "de", "la", "el", "las", "los", "y", "et", "des", "les", "e", "a", "o", "etc", "to",
    "for", "with", "from", "by", "on", "sociedad", "civile", "organizaciones", "organizacion", "privado",
    "actors", "actores", "actor", "multilateral", "multilaterals", "multilaterales", "organisms", "international",
    "national", "regional", "municipal", "municipalities", "ministerial", "youth", "women", "womens", "mujeres",
    "juventud", "professionals", "lawmakers", "parliamentarians", "journalists", "companies", "community",
    "communities", "users", "general", "state", "involved", "participants", "group", "team", "teams",
    "implementing", "implementation", "partner", "business", "technology", "tech", "think", "tanks", "tank",
    "centers", "centres", "studies", "study", "platforms", "individuals", "people", "persons", "secteur", "prive",
    "societe", "ministerios", "instituciones", "entidades", "dependencias", "otras", "otros", "gobierno", "key",
    "subordinated", "subordinate", "units", "unit", "members", "member", "committees", "commissions", "oversight",
    "organs", "authorities", "self", "ministry", "cooperation", "digital", "every", "single", "territorial",
    "collectivities", "federations", "parents", "pupils", "civic", "coalitions", "associative", "themes", "grupos",
    "trabajo", "private-sector", "sectors", "educational", "higher", "education", "schools", "social", "partenaires",
})

NOT_ORGANIZATIONS: frozenset[str] = frozenset({
    "na", "n a", "nd", "nr", "none", "tbd", "tbc", "unclear", "unknown", "n", "see action plan", "not applicable",
    "not specified", "to be determined", "to be confirmed", "no", "nil", "ninguno", "ninguna", "pending", "various",
    "others", "other", "etc", "and others", "among others", "entre otros", "initiator", "government", "civil society",
})

ARTICLES = ("the ", "la ", "el ", "los ", "las ", "le ", "les ", "l ", "o ", "os ", "a ", "as ", "das ", "die ", "der ")

_CSO_PHRASES = tuple(sorted((w for w in CSO_HEADS if " " in w), key=len, reverse=True))
_GOV_PHRASES = tuple(sorted((w for w in GOVERNMENT_HEADS if " " in w), key=len, reverse=True))
_PREPOSITIONS = frozenset({
    "of", "for", "on", "to", "in", "de", "del", "da", "do", "dos", "das", "du", "des", "para", "pour", "per", "di",
    "with", "against", "under", "at", "y", "and", "et", "e",
})


def _has_phrase(norm: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {norm} "
    return any(f" {p} " in padded for p in phrases)


def head_word(norm: str) -> tuple[str, str] | None:
    """The head organisation word of a normalised name and its family ('gov' or 'cso'), or None."""
    words = norm.split()
    found: list[tuple[int, str, str]] = []
    for i, w in enumerate(words):
        if w in GOVERNMENT_HEADS:
            found.append((i, w, "gov"))
        elif w in CSO_HEADS:
            found.append((i, w, "cso"))
    if not found:
        return None
    if found[0][0] == 0:  # "Ministry of …", "Fundación …", "Office of …": the first word is the head
        return found[0][1], found[0][2]
    first_prep = next((i for i, w in enumerate(words) if w in _PREPOSITIONS and i > 0), len(words))
    before = [f for f in found if f[0] < first_prep]
    i, w, family = before[-1] if before else found[0]
    return w, family


def classify(norm: str, original: str) -> OrganizationKind:
    """The kind of an organisation from its normalised name (and original spelling for company markers)."""
    if _has_phrase(norm, MULTILATERAL_NAMES):
        return "multilateral"
    if PRIVATE_RE.search(norm) or re.search(r"\b(S\.A\.|GmbH|Ltd|Inc)\b", original):
        return "private"
    head = head_word(norm)
    if _has_phrase(norm, _CSO_PHRASES) and not norm.startswith(("ministry", "ministerio")):
        return "civil_society"
    family = head[1] if head else None
    word = head[0] if head else ""
    parliament = _has_phrase(norm, PARLIAMENT_WORDS)
    if family == "cso":
        if word in {"institute", "instituto", "institut", "centre", "center", "centro"} and re.search(
            r"\b(statistic\w*|estadistica|national institute of|instituto nacional)\b", norm
        ):
            return "government"
        if word in {"group", "grupo", "caucus", "programme", "program", "project", "diputados"} and parliament:
            return "parliament"
        return "civil_society"
    if family == "gov":
        if word in {"ministry", "minister", "ministerio", "ministere", "ministerie", "kementerian"}:
            return "government"
        return "parliament" if parliament else "government"
    if parliament:
        return "parliament"
    if _has_phrase(norm, _GOV_PHRASES) or any(w in ROLE_WORDS for w in norm.split()):
        return "government"
    return "unknown"


def has_proper_name(norm: str) -> bool:
    """Does a normalised name contain a word that is not generic, descriptive or an organisation word?"""
    known = GENERIC_WORDS | DESCRIPTIVE | GOVERNMENT_HEADS | CSO_HEADS | ROLE_WORDS
    return any(w not in known and not w.isdigit() and len(w) > 1 for w in norm.split())


def is_generic(norm: str) -> bool:
    """True when a name only uses generic words ("other interested NGOs and CSOs") or is a non-answer."""
    if norm in NOT_ORGANIZATIONS:
        return True
    words = norm.split()
    return not words or all(w in GENERIC_WORDS or w.isdigit() for w in words)


# Acronyms of international organisations that are unambiguous everywhere: expanded before resolution, so
# "NDI" in Colombia and "National Democratic Institute (NDI)" in Morocco are one node whatever the order.
KNOWN_ACRONYMS: dict[str, str] = {
    "NDI": "National Democratic Institute", "IRI": "International Republican Institute",
    "WFD": "Westminster Foundation for Democracy", "NIMD": "Netherlands Institute for Multiparty Democracy",
    "IBP": "International Budget Partnership", "CIPE": "Center for International Private Enterprise",
    "UNDP": "United Nations Development Programme", "PNUD": "United Nations Development Programme",
    "OECD": "OECD", "OCDE": "OECD", "IMF": "International Monetary Fund", "EU": "European Union",
    "UE": "European Union", "USAID": "USAID", "GIZ": "GIZ", "OGP": "Open Government Partnership",
    "PACE": "Parliamentary Assembly of the Council of Europe", "IPU": "Inter-Parliamentary Union",
    "OSCE": "OSCE", "UNICEF": "UNICEF", "UNESCO": "UNESCO", "IDB": "Inter-American Development Bank",
    "BID": "Inter-American Development Bank", "EITI": "Extractive Industries Transparency Initiative",
    "APNAC": "African Parliamentarians Network Against Corruption", "FEMNET": "FEMNET",
    "AFRODAD": "AFRODAD", "ParlAmericas": "ParlAmericas", "W3C": "W3C",
}

# A portfolio word alone ("Finance" from "Ministries of Communication, Finance, Justice") is not an organisation.
PORTFOLIO_WORDS: frozenset[str] = frozenset({
    "finance", "finances", "justice", "education", "health", "culture", "defence", "defense", "interior", "economy",
    "tourism", "agriculture", "environment", "nature", "transport", "energy", "labour", "labor", "communication",
    "communications", "legislative", "information", "research", "planning", "budget", "trade", "industry",
})
# Glued names ("Ghana Integrity Initiative Commonwealth Human Rights Initiative") split after these heads ...
END_HEADS: frozenset[str] = frozenset({
    "initiative", "institute", "network", "coalition", "foundation", "trust", "authority", "agency", "bureau",
    "commission", "council", "service", "association", "society", "alliance", "partnership", "forum", "watch",
})
# ... and before these when they open a name ("... working groups Center for Democratic Development").
START_HEADS: frozenset[str] = frozenset({
    "center", "centre", "ministry", "department", "office", "institute", "university", "foundation", "commission",
    "council", "association", "network", "coalition", "agency", "authority",
})
# A name without a preposition ending in one of these is a group ("NAP-4 18 working groups").
GROUP_ENDS: frozenset[str] = frozenset({
    "groups", "organizations", "organisations", "ministries", "institutions", "ngos", "csos", "members",
    "representatives", "bodies", "entities", "agencies", "authorities",
})
