"""Write the project's own SAMPLE data (samples/commitments.csv, samples/members.csv) from the description below.

SAMPLE DATA, written by the ogp-graph project: the texts paraphrase public OGP reforms in our own words;
ids use real member codes with numbers 9xxx so they never collide with real commitment ids. The
commitments file has the 171 columns of the current OGP export, in the same order. Run
``python samples/make_samples.py`` to regenerate; the output is deterministic.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent

COLUMNS: tuple[str, ...] = (
    'Commitment Unique Identifier', 'Country/Locality', 'Action Plan Number', 'Commitment Number', 'Code', 'Region',
    'National Or Local', 'Commitment Dummy', 'Year Of Submission', 'Action Plan End Year',
    'Action Plan Duration (Years)', 'Theme', 'Commitment Title', 'Short Title', 'Full Text', 'Start Date',
    'End Date', 'Lead Institution', 'Supporting Institution(s)', 'Anti-Corruption and Integrity',
    'Anti-corruption Institutions', 'Anti-Corruption Strategies', 'Asset Disclosure', 'Audits',
    'Beneficial Ownership', 'Conflicts Of Interest', 'Elections', 'Political Finance', 'Lobbying',
    'Open Contracting', 'Public Procurement', 'Right To Information', 'Whistleblower Protections',
    'Civic Space and Enabling Environment', 'Freedom of Assembly', 'Freedom of Association', 'Freedom of Expression',
    'Democratizing Decision-Making', 'Digital Participation', 'Mainstreaming Participation', 'Regulatory Governance',
    'Social Accountability', 'Digital Governance', 'Automated Decision-making', 'Data Stewardship and Privacy',
    'Digital Inclusion', 'Disinformation/Misinformation', 'Online Civic Space', 'Environment & Climate',
    'Climate Finance', 'Climate Mitigation and Adaptation', 'Environmental Regulation',
    'International Environmental Agreements', 'Fiscal Openness', 'Publication Of Budget/Fiscal Information',
    'Public Participation In Budget/Fiscal Policy', 'Oversight Of Budget/Fiscal Policies',
    'Stimulus and Economic Recovery', 'Tax', 'Debt', 'Inclusion', 'Gender', 'Gender-Based Violence',
    'Economic Inclusion', 'LGBTQIA+', 'People with Disabilities', 'Youth', 'Justice', 'Access to Justice',
    'Open Justice', 'Policing & Corrections', 'Judiciary', 'Open Parliaments', 'Public Service Delivery',
    'Citizenship & Immigration', 'Education', 'Health & Nutrition', 'Infrastructure & Transport',
    'Water & Sanitation', 'Capacity Building', 'Digital Transformation', 'Legislation', 'Regulation',
    'Legislative Oversight', 'Open Data', 'Public Participation', 'Aid', 'Energy', 'Extractive Industries',
    'Land and Spatial Planning', 'Media & Telecommunications', 'Science & Technology', 'Security & Public Safety',
    'Labor', 'Private Sector', 'Subnational', 'Human Rights', 'Open Parliament Plan',
    'Sustainable Development Goals', 'Open Data (Water/Sanitation)', 'Open Data (Health)', 'Open Data (Education)',
    'Participation in Lawmaking', 'Access to information', 'Money in Politics',
    'Report Publication Year (Progress Report)', 'Compound', 'Cluster', 'Specificity', '_Specificity', 'Verifiable',
    'OGP Value Access To Information', 'OGP Value Civic Participation', 'OGP Value Public Accountability',
    'OGP Value Technology', '_Relevant', 'Potential Impact', '_Potential Impact', 'Completion (Progress Report)',
    '_CompletionProgress', 'Starred (2015 Only)', 'Starred (Current Formula) Progress Report',
    'Potential for Results', '_Potential for Results', 'Cluster (AP Review)', 'Cluster Commitment ID(s)',
    'Report Publication Year (End Of Term)', 'Completion (End Of Term)', '_CompletionEndTerm',
    'Change In Completion', '_ChangeCompletion', 'Early Results', '_Early Results',
    'Did It Open Government (Overall)', '_OpenGovernment', 'Did It Open Government (Access To Information)',
    '_DIOGATI', 'Did It Open Government (Civic Participation)', '_DIOGCP',
    'Did It Open Government: Public Accountability', '_DIOGPA', 'Starred (Current Formula) End of Term',
    'Carried Forward', 'Most Recently Assessed', 'Star - Most Recently Assessed', 'IRM Assessed',
    'Updated? (Website)', 'Active Commitment', 'Max star', 'Ambition Assessed', 'Comp Assessed', 'DIOG Assessed',
    'Midterm Only', 'Max Completion', 'Raw Completion', 'High Completion', 'High Ambition', 'High DIOG',
    'Ambitious and complete, or DIOG', 'Ambitious but not complete', 'Complete but not ambitious',
    'Not complete or ambitious', 'Not reviewed', 'CHECKSUM', 'IRM-Based Score', 'Binding constraint', 'URL',
    'Latest IRM Report', 'Subnational in NAPs', 'Action Plan ID', 'id',
)

# Short policy-area keys -> export columns; a sub-area also ticks its parent column, as OGP does.
AREAS: dict[str, str] = {
    "bo": "Beneficial Ownership", "oc": "Open Contracting", "proc": "Public Procurement",
    "parl": "Open Parliaments", "rti": "Right To Information", "fiscal": "Publication Of Budget/Fiscal Information",
    "budgetpart": "Public Participation In Budget/Fiscal Policy", "tax": "Tax", "gender": "Gender",
    "gbv": "Gender-Based Violence", "a2j": "Access to Justice", "openjustice": "Open Justice",
    "water": "Water & Sanitation", "extract": "Extractive Industries", "opendata": "Open Data",
    "participation": "Public Participation", "law": "Legislation", "health": "Health & Nutrition",
    "education": "Education", "lobby": "Lobbying", "assets": "Asset Disclosure",
    "whistle": "Whistleblower Protections", "climate": "Climate Mitigation and Adaptation",
    "envreg": "Environmental Regulation", "expression": "Freedom of Expression", "subnational": "Subnational",
    "service": "Public Service Delivery", "privacy": "Data Stewardship and Privacy", "youth": "Youth",
    "lawmaking": "Participation in Lawmaking", "digital": "Digital Transformation",
}
PARENTS: dict[str, str] = {
    "Beneficial Ownership": "Anti-Corruption and Integrity", "Open Contracting": "Anti-Corruption and Integrity",
    "Public Procurement": "Anti-Corruption and Integrity", "Right To Information": "Anti-Corruption and Integrity",
    "Lobbying": "Anti-Corruption and Integrity", "Asset Disclosure": "Anti-Corruption and Integrity",
    "Whistleblower Protections": "Anti-Corruption and Integrity",
    "Publication Of Budget/Fiscal Information": "Fiscal Openness",
    "Public Participation In Budget/Fiscal Policy": "Fiscal Openness", "Tax": "Fiscal Openness",
    "Gender": "Inclusion", "Gender-Based Violence": "Inclusion", "Youth": "Inclusion",
    "Access to Justice": "Justice", "Open Justice": "Justice",
    "Climate Mitigation and Adaptation": "Environment & Climate", "Environmental Regulation": "Environment & Climate",
    "Freedom of Expression": "Civic Space and Enabling Environment",
    "Data Stewardship and Privacy": "Digital Governance",
}
VALUES = {"ati": "OGP Value Access To Information", "cp": "OGP Value Civic Participation",
          "pa": "OGP Value Public Accountability", "tech": "OGP Value Technology"}

# code: (name in the export, commitment id prefix, region, National/Legacy Local, slug, {plan: (submitted, end)})
MEMBERS: dict[str, tuple[str, str, str, str, str, dict[int, tuple[int, int]]]] = {
    "GBR": ("United Kingdom", "UK", "Europe", "National", "united-kingdom", {2: (2013, 2015), 3: (2016, 2018)}),
    "USA": ("United States", "US", "Americas", "National", "united-states", {2: (2013, 2015), 3: (2015, 2017)}),
    "MEX": ("Mexico", "MX", "Americas", "National", "mexico", {2: (2013, 2015), 3: (2016, 2018)}),
    "BRA": ("Brazil", "BR", "Americas", "National", "brazil", {3: (2016, 2018), 4: (2018, 2020)}),
    "KEN": ("Kenya", "KE", "Africa and the Middle East", "National", "kenya", {3: (2018, 2020), 4: (2020, 2022)}),
    "NGA": ("Nigeria", "NG", "Africa and the Middle East", "National", "nigeria", {1: (2017, 2019), 2: (2019, 2022)}),
    "GHA": ("Ghana", "GH", "Africa and the Middle East", "National", "ghana", {3: (2017, 2019), 4: (2021, 2023)}),
    "FRA": ("France", "FR", "Europe", "National", "france", {1: (2015, 2017), 2: (2018, 2020)}),
    "ESP": ("Spain", "ES", "Europe", "National", "spain", {3: (2017, 2019), 4: (2020, 2024)}),
    "COL": ("Colombia", "CO", "Americas", "National", "colombia", {3: (2017, 2019), 4: (2020, 2022)}),
    "UKR": ("Ukraine", "UA", "Europe", "National", "ukraine", {3: (2016, 2018), 4: (2018, 2020)}),
    "PHL": ("Philippines", "PH", "Asia and the Pacific", "National", "philippines", {4: (2017, 2019), 5: (2019, 2022)}),
    "IDN": ("Indonesia", "ID", "Asia and the Pacific", "National", "indonesia", {5: (2018, 2020), 6: (2020, 2022)}),
    "ARBA": ("Buenos Aires, Argentina", "BUE", "Americas", "Legacy Local", "buenos-aires-argentina",
             {1: (2017, 2018), 2: (2018, 2020)}),
    "NGKD": ("Kaduna State, Nigeria", "KAD", "Africa and the Middle East", "Legacy Local", "kaduna-state-nigeria",
             {1: (2018, 2020), 2: (2021, 2023)}),
}

# IRM outcome profiles: legacy method (progress + end-of-term reports) and the 2020+ method (AP review + results).
_ND = dict.fromkeys(("spec", "pi", "cp", "s15", "sp", "pfr", "ce", "chg", "er", "diog", "dati", "dcp", "dpa", "se",
                     "cf", "ve", "rel"), "ND")
OUTCOMES: dict[str, dict[str, str]] = {
    "star": {"spec": "High", "ve": "Yes", "rel": "1", "pi": "Transformative", "cp": "Substantial", "s15": "1",
             "sp": "1", "pfr": "ND", "ce": "Complete", "chg": "Increase", "er": "ND", "diog": "Outstanding",
             "dati": "Outstanding", "dcp": "Marginal", "dpa": "Major", "se": "1", "cf": "0"},
    "major": {"spec": "High", "ve": "Yes", "rel": "1", "pi": "Moderate", "cp": "Substantial", "s15": "0", "sp": "0",
              "pfr": "ND", "ce": "Complete", "chg": "Increase", "er": "ND", "diog": "Major", "dati": "Major",
              "dcp": "Did Not Change", "dpa": "Marginal", "se": "0", "cf": "0"},
    "marginal": {"spec": "Medium", "ve": "Yes", "rel": "1", "pi": "Moderate", "cp": "Limited", "s15": "0", "sp": "0",
                 "pfr": "ND", "ce": "Substantial", "chg": "Increase", "er": "ND", "diog": "Marginal",
                 "dati": "Marginal", "dcp": "Not Applicable", "dpa": "Did Not Change", "se": "0", "cf": "1"},
    "limited": {"spec": "Low", "ve": "Yes", "rel": "1", "pi": "Minor", "cp": "Limited", "s15": "0", "sp": "0",
                "pfr": "ND", "ce": "Limited", "chg": "No Change", "er": "ND", "diog": "Did Not Change",
                "dati": "Did Not Change", "dcp": "Not Applicable", "dpa": "Not Applicable", "se": "0", "cf": "1"},
    "notstarted": {"spec": "Medium", "ve": "Yes", "rel": "1", "pi": "Minor", "cp": "Not Started", "s15": "0",
                   "sp": "0", "pfr": "ND", "ce": "Not Started", "chg": "No Change", "er": "ND",
                   "diog": "Did Not Change", "dati": "Not Applicable", "dcp": "Not Applicable",
                   "dpa": "Did Not Change", "se": "0", "cf": "0"},
    "results": {**_ND, "ve": "Yes", "rel": "1", "pfr": "Substantial", "ce": "Substantial", "er": "Significant",
                "diog": "ND", "se": "ND"},
    "modest": {**_ND, "ve": "Yes", "rel": "1", "pfr": "Modest", "ce": "Limited", "er": "No notable results"},
    "nd": dict(_ND),
    "nr": dict.fromkeys(_ND, "NR"),
}
LEVELS = {"None": "0", "Low": "1", "Medium": "2", "High": "3", "Minor": "1", "Moderate": "2", "Transformative": "3",
          "Not Started": "2", "Limited": "3", "Substantial": "4", "Complete": "5", "Unclear": "0", "Modest": "1",
          "Worsens": "0", "Did Not Change": "1", "Marginal": "2", "Major": "3", "Outstanding": "4",
          "Not Applicable": "0", "No notable results": "0", "Significant": "2", "No Change": "0", "Increase": "1"}
POTENTIAL_FOR_RESULTS = {"Unclear": "0", "Modest": "1", "Substantial": "2"}

OCP, WB, UNDP, OO = "Open Contracting Partnership", "World Bank", "UNDP", "Open Ownership"

# (member code, plan, number, id number, outcome, areas, values, lead, support, title, full text)
COMMITMENTS: list[tuple[str, int, str, int, str, str, str, str, str, str, str]] = [
    ("GBR", 2, "1", 9001, "star", "bo law", "ati pa", "Department for Business, Innovation and Skills",
     f"{OO}; Transparency International UK", "Public register of company beneficial ownership",
     "Create a central register of the people who ultimately own or control UK companies and make it free to "
     "search, so that anonymous shell companies can no longer hide corrupt money."),
    ("GBR", 3, "2", 9002, "major", "bo opendata", "ati pa tech", "Department for Business, Energy and Industrial "
     "Strategy", f"{OO}; {WB}", "Beneficial ownership data for overseas entities owning property",
     "Building on the company register of the previous plan, extend beneficial ownership disclosure to foreign "
     "companies that buy land and property, and publish the data in an open, structured format."),
    ("GBR", 2, "2", 9003, "marginal", "oc proc opendata", "ati pa tech", "Cabinet Office", OCP,
     "Open contracting in central government", "Adopt the Open Contracting Data Standard for central government "
     "contracts and publish tenders, awards and contract changes as open data."),
    ("GBR", 3, "3", 9004, "limited", "parl lawmaking", "cp", "House of Commons", "mySociety",
     "Parliamentary data and public reading stage", "Publish parliamentary business as open data and pilot a public "
     "reading stage in which citizens comment on draft bills before committee."),
    ("GBR", 3, "4", 9005, "nd", "fiscal", "ati", "HM Treasury", "", "Open fiscal data for local spending",
     "Publish spending over a threshold by local authorities in a common format to compare budgets."),
    ("USA", 2, "1", 9001, "star", "extract fiscal", "ati pa", "Department of the Interior", "EITI Multi-Stakeholder "
     "Group", "Implement the Extractive Industries Transparency Initiative", "Disclose revenues the government "
     "receives from oil, gas and mining companies and reconcile them with company payments, with civil society."),
    ("USA", 3, "2", 9002, "major", "extract opendata", "ati pa tech", "Department of the Interior",
     "EITI Multi-Stakeholder Group", "Continue extractive revenue transparency with open data", "Continue the "
     "extractives reporting of the previous plan and publish unilateral revenue data as an open data portal."),
    ("USA", 2, "3", 9003, "marginal", "rti law", "ati", "Department of Justice", "National Archives",
     "Modernise the Freedom of Information Act process", "Develop a shared online portal for FOIA requests across "
     "agencies and common regulations so requesters get faster answers."),
    ("USA", 3, "4", 9004, "limited", "bo", "pa", "Department of the Treasury", OO,
     "Beneficial ownership for company formation", "Work with Congress on legislation requiring companies to "
     "disclose their beneficial owners at incorporation."),
    ("USA", 3, "5", 9005, "nr", "openjustice a2j", "ati", "Department of Justice", "", "Open justice data",
     "Publish data on federal criminal cases and civil rights investigations."),
    ("MEX", 2, "1", 9001, "star", "oc proc", "ati pa tech", "Secretaría de la Función Pública",
     f"{OCP}; {WB}; Transparencia Mexicana", "Contrataciones abiertas del nuevo aeropuerto",
     "Publicar todas las etapas de la contratación del nuevo aeropuerto de la Ciudad de México con el estándar "
     "de datos de contrataciones abiertas, para que la ciudadanía pueda seguir cada contrato."),
    ("MEX", 3, "2", 9002, "major", "oc proc opendata", "ati pa tech", "Secretaría de Hacienda y Crédito Público",
     OCP, "Contrataciones abiertas en toda la administración federal", "Extender la publicación en el estándar de "
     "contrataciones abiertas del plan anterior a todas las compras de la administración pública federal."),
    ("MEX", 2, "3", 9003, "marginal", "water participation", "ati cp", "Comisión Nacional del Agua", UNDP,
     "Agua limpia y datos abiertos sobre su calidad", "Publicar datos sobre la calidad del agua y la inversión "
     "en infraestructura hídrica y abrir mesas de diálogo con comunidades afectadas."),
    ("MEX", 3, "4", 9004, "limited", "gender gbv", "cp pa", "Instituto Nacional de las Mujeres", UNDP,
     "Igualdad de género en el gasto público", "Etiquetar y publicar el gasto destinado a la igualdad entre "
     "mujeres y hombres y a la prevención de la violencia de género."),
    ("MEX", 3, "5", 9005, "nd", "bo extract", "ati pa", "Secretaría de Energía", OO,
     "Beneficiarios finales en el sector extractivo", "Publicar quiénes son los dueños reales de las empresas "
     "que reciben concesiones mineras y de hidrocarburos."),
    ("BRA", 3, "1", 9001, "major", "rti opendata", "ati tech", "Controladoria-Geral da União", "",
     "Transparência passiva e ativa na Lei de Acesso à Informação", "Melhorar o sistema federal de pedidos de "
     "acesso à informação e publicar as respostas em formato aberto."),
    ("BRA", 4, "2", 9002, "marginal", "rti opendata", "ati tech", "Controladoria-Geral da União", "",
     "Acesso à informação: continuidade e monitoramento", "Dar continuidade ao compromisso anterior de acesso à "
     "informação, com painéis de monitoramento dos pedidos e recursos."),
    ("BRA", 3, "3", 9003, "limited", "parl lawmaking", "cp tech", "Câmara dos Deputados", "",
     "Parlamento aberto e participação digital", "Criar ferramentas digitais para que cidadãos comentem projetos "
     "de lei e acompanhem votações na Câmara."),
    ("BRA", 4, "4", 9004, "results", "oc proc", "ati pa", "Ministério da Economia", OCP,
     "Dados abertos de compras públicas", "Publicar os dados de compras federais segundo o padrão de "
     "contratações abertas."),
    ("BRA", 4, "5", 9005, "nr", "climate envreg", "ati cp", "Ministério do Meio Ambiente", UNDP,
     "Transparência ambiental e florestal", "Publicar dados sobre autorizações de desmatamento e fiscalização "
     "ambiental, com participação social."),
    ("KEN", 3, "1", 9001, "major", "oc proc opendata", "ati pa tech", "National Treasury", f"{OCP}; {WB}",
     "Open contracting in public procurement", "Publish procurement information at every stage through the "
     "government procurement portal in the open contracting data standard."),
    ("KEN", 4, "2", 9002, "results", "oc proc", "ati pa tech", "National Treasury", OCP,
     "Open contracting: from publication to use", "Continue the previous open contracting commitment so that "
     "citizens and businesses use the procurement data to flag red flags."),
    ("KEN", 3, "3", 9003, "limited", "bo", "ati pa", "Business Registration Service", OO,
     "Beneficial ownership register for companies", "Set up a register of beneficial owners of companies and "
     "make it accessible to competent authorities and the public."),
    ("KEN", 4, "4", 9004, "modest", "bo extract", "ati pa", "Business Registration Service", f"{OO}; {WB}",
     "Public beneficial ownership disclosure", "Make the beneficial ownership register public and link it with "
     "public procurement and extractive licences."),
    ("KEN", 3, "5", 9005, "nd", "water service", "ati cp", "Ministry of Water and Sanitation", UNDP,
     "Open water service data", "Publish data on water points and service interruptions in counties."),
    ("NGA", 1, "1", 9001, "marginal", "bo extract", "ati pa", "Corporate Affairs Commission", f"{OO}; NEITI",
     "Beneficial ownership register", "Establish a public central register of beneficial owners of companies, "
     "starting with the extractive sector, in line with the London Anti-Corruption Summit pledge."),
    ("NGA", 2, "2", 9002, "results", "bo", "ati pa", "Corporate Affairs Commission", OO,
     "Beneficial ownership register: implementation", "Complete the beneficial ownership register begun in the "
     "first plan and publish it under the Beneficial Ownership Data Standard."),
    ("NGA", 1, "3", 9003, "limited", "oc proc", "ati pa", "Bureau of Public Procurement", f"{OCP}; {WB}",
     "Open contracting portal", "Publish federal contracts on the open contracting portal."),
    ("NGA", 2, "4", 9004, "nr", "tax fiscal", "ati pa", "Federal Inland Revenue Service", "",
     "Tax transparency", "Publish tax expenditures and tax incentives granted to companies."),
    ("GHA", 3, "1", 9001, "major", "rti law", "ati", "Ministry of Information", "",
     "Right to Information law", "Pass the Right to Information bill and set up the Right to Information "
     "Commission to hear appeals."),
    ("GHA", 4, "2", 9002, "modest", "rti", "ati", "Right to Information Commission", UNDP,
     "Implementation of the Right to Information Act", "Train information officers and publish statistics on "
     "requests received and answered under the Act adopted after the previous plan."),
    ("GHA", 3, "3", 9003, "limited", "oc proc", "ati pa", "Public Procurement Authority", f"{OCP}; {WB}",
     "Open contracting for public works", "Publish contracts for roads and public works from planning to "
     "completion."),
    ("GHA", 4, "4", 9004, "nd", "extract bo", "ati pa", "Ministry of Lands and Natural Resources", OO,
     "Beneficial ownership in the extractive sector", "Disclose the beneficial owners of mining and oil licence "
     "holders."),
    ("FRA", 1, "1", 9001, "star", "parl lawmaking opendata", "ati cp tech", "Assemblée nationale", "Regards Citoyens",
     "Ouvrir les données parlementaires", "Publier en données ouvertes les travaux, amendements et votes de "
     "l'Assemblée nationale, et associer les citoyens à l'écriture de la loi."),
    ("FRA", 2, "2", 9002, "marginal", "parl lobby", "ati pa", "Haute Autorité pour la transparence de la vie "
     "publique", "Transparency International France", "Registre des représentants d'intérêts",
     "Rendre public un répertoire des représentants d'intérêts et de leurs actions auprès des décideurs publics."),
    ("FRA", 1, "3", 9003, "major", "oc proc", "ati pa", "Direction des achats de l'État", OCP,
     "Transparence de la commande publique", "Publier les données essentielles des marchés publics au format "
     "ouvert."),
    ("FRA", 2, "4", 9004, "nr", "climate", "ati cp", "Ministère de la Transition écologique", "",
     "Climat et transparence", "Publier les données relatives aux engagements climatiques et à leur suivi."),
    ("ESP", 3, "1", 9001, "limited", "rti law", "ati", "Consejo de Transparencia y Buen Gobierno", "",
     "Reforma de la ley de transparencia", "Reformar la ley de transparencia para reforzar el derecho de acceso a "
     "la información y las competencias del Consejo."),
    ("ESP", 4, "2", 9002, "modest", "rti", "ati", "Ministerio de Hacienda y Función Pública", "",
     "Reforma de la ley de transparencia: segunda fase", "Continuar la reforma del plan anterior con un nuevo "
     "reglamento y la ratificación del Convenio del Consejo de Europa."),
    ("ESP", 3, "3", 9003, "marginal", "gender participation", "cp", "Instituto de las Mujeres", "",
     "Participación de las mujeres en la vida pública", "Crear espacios de participación para organizaciones de "
     "mujeres en el diseño de políticas públicas."),
    ("ESP", 4, "4", 9004, "results", "openjustice a2j", "ati pa", "Ministerio de Justicia", "",
     "Justicia abierta", "Publicar datos de la actividad de los juzgados y facilitar el acceso a la justicia."),
    ("COL", 3, "1", 9001, "major", "oc proc", "ati pa tech", "Colombia Compra Eficiente", f"{OCP}; {WB}",
     "Contratación abierta en el sistema de compras", "Publicar los datos del sistema electrónico de compras "
     "públicas en el estándar de contrataciones abiertas."),
    ("COL", 4, "2", 9002, "results", "oc proc bo", "ati pa", "Colombia Compra Eficiente", f"{OCP}; {OO}",
     "Beneficiarios finales de contratistas", "Continuar la contratación abierta del plan anterior y exigir a "
     "los contratistas revelar a sus beneficiarios finales."),
    ("COL", 3, "3", 9003, "limited", "a2j", "cp", "Ministerio de Justicia y del Derecho", UNDP,
     "Acceso a la justicia en territorios rurales", "Acercar la oferta de justicia a zonas rurales afectadas por "
     "el conflicto con casas de justicia y datos abiertos."),
    ("COL", 4, "4", 9004, "nd", "water subnational", "ati cp", "Ministerio de Vivienda, Ciudad y Territorio", "",
     "Transparencia en el servicio de agua", "Publicar información sobre inversiones en acueductos rurales."),
    ("UKR", 3, "1", 9001, "star", "oc proc opendata", "ati pa tech", "Ministry of Economic Development and Trade",
     f"{OCP}; Transparency International Ukraine", "ProZorro e-procurement for all public purchases",
     "Move all public purchases to the ProZorro e-procurement system and publish every contract as open data."),
    ("UKR", 4, "2", 9002, "major", "oc proc", "ati pa tech", "Ministry of Economic Development and Trade", OCP,
     "ProZorro monitoring and public oversight", "Extend the e-procurement system of the previous plan with "
     "monitoring tools that civil society uses to flag suspicious tenders."),
    ("UKR", 3, "3", 9003, "major", "bo extract", "ati pa", "Ministry of Justice", f"{OO}; {WB}",
     "Beneficial ownership register in open data", "Publish the register of companies' ultimate beneficial "
     "owners as open data and connect it to the global beneficial ownership register."),
    ("UKR", 4, "4", 9004, "limited", "assets", "pa", "National Agency on Corruption Prevention", UNDP,
     "Verification of asset declarations", "Automate the verification of public officials' asset declarations."),
    ("PHL", 4, "1", 9001, "marginal", "fiscal budgetpart", "ati cp", "Department of Budget and Management", WB,
     "Participatory budgeting", "Engage civil society in preparing the national budget and publish budget "
     "documents in citizen-friendly formats."),
    ("PHL", 5, "2", 9002, "modest", "fiscal budgetpart", "ati cp", "Department of Budget and Management", WB,
     "Participatory budgeting: deepening citizen engagement", "Continue the participatory budgeting of the "
     "previous plan and extend it to local governments."),
    ("PHL", 4, "3", 9003, "limited", "rti", "ati", "Presidential Communications Operations Office", "",
     "Freedom of Information in the executive", "Implement the executive order on freedom of information with an "
     "online request portal."),
    ("PHL", 5, "4", 9004, "nr", "bo", "ati pa", "Securities and Exchange Commission", OO,
     "Beneficial ownership transparency", "Require corporations to report their beneficial owners."),
    ("IDN", 5, "1", 9001, "major", "bo", "ati pa", "Ministry of Law and Human Rights", OO,
     "Beneficial ownership regulation", "Implement the presidential regulation on beneficial ownership and build "
     "the database of beneficial owners."),
    ("IDN", 6, "2", 9002, "results", "bo proc", "ati pa", "Ministry of Law and Human Rights", f"{OO}; {WB}",
     "Use of beneficial ownership data in procurement", "Continue the previous beneficial ownership commitment by "
     "using the data to screen companies bidding for public contracts."),
    ("IDN", 5, "3", 9003, "limited", "parl", "cp", "House of Representatives (DPR)", "",
     "Open parliament Indonesia", "Publish committee deliberations and open public hearings on draft laws."),
    ("IDN", 6, "4", 9004, "nd", "education", "ati", "Ministry of Education", "", "School operational fund "
     "transparency", "Publish how school operational funds are spent."),
    ("ARBA", 1, "1", 9001, "major", "opendata participation subnational", "ati cp tech",
     "Secretaría de Innovación y Transformación Digital", "", "Datos abiertos de obras públicas",
     "Publicar un mapa abierto con el avance de las obras públicas de la Ciudad de Buenos Aires."),
    ("ARBA", 2, "2", 9002, "modest", "opendata subnational oc", "ati pa tech",
     "Secretaría de Innovación y Transformación Digital", OCP, "Obras públicas: seguimiento ciudadano",
     "Continuar el compromiso anterior de datos de obras públicas con seguimiento ciudadano y contratación abierta."),
    ("ARBA", 2, "3", 9003, "nr", "gender subnational", "cp", "Subsecretaría de Derechos Humanos", "",
     "Brecha de género en la ciudad", "Publicar indicadores sobre desigualdades de género."),
    ("NGKD", 1, "1", 9001, "marginal", "fiscal budgetpart subnational", "ati cp", "Kaduna State Planning and "
     "Budget Commission", WB, "Citizens' participation in the state budget", "Hold town halls in every local "
     "government area so citizens set budget priorities, and publish the approved budget."),
    ("NGKD", 2, "2", 9002, "modest", "fiscal budgetpart subnational", "ati cp", "Kaduna State Planning and "
     "Budget Commission", WB, "Citizens' participation in the state budget: feedback",
     "Continue the budget town halls of the first plan and report back on which requests were funded."),
    ("NGKD", 1, "3", 9003, "limited", "oc proc subnational", "ati pa", "Kaduna State Public Procurement Authority",
     OCP, "Open contracting in Kaduna State", "Publish state contracts on an open contracting portal."),
    ("NGKD", 2, "4", 9004, "nd", "health subnational", "ati cp", "Kaduna State Ministry of Health", UNDP,
     "Primary health care scorecards", "Use community scorecards to monitor primary health centres."),
]

# The sample members in the members-seed layout (facts as in OGP's participation data; see README.md): the
# members with sample commitments, Argentina (Buenos Aires' country) and the sample coalition's other members.
SEED_HEADER = ("member_code", "member_name", "level", "parent_country", "first_year_participating_2011_2019",
               "last_year_participating_2011_2019", "founding_member", "announced_at_sept_2011_launch",
               "okfde_status_2016")
SEED_ROWS: list[tuple[str, ...]] = [
    ("ARG", "Argentina", "national", "", "2012", "2019", "0", "0", "3"),
    ("ARBA", "Buenos Aires", "local", "Argentina", "2016", "2019", "0", "0", ""),
    ("ARM", "Armenia", "national", "", "2011", "2019", "0", "0", "4"),
    ("BRA", "Brazil", "national", "", "2011", "2019", "1", "1", "3"),
    ("COL", "Colombia", "national", "", "2011", "2019", "0", "1", "3"),
    ("ESP", "Spain", "national", "", "2011", "2019", "0", "1", "3"),
    ("FRA", "France", "national", "", "2014", "2019", "0", "0", "2"),
    ("GBR", "United Kingdom", "national", "", "2011", "2019", "1", "1", "4"),
    ("GHA", "Ghana", "national", "", "2011", "2019", "0", "1", "3"),
    ("IDN", "Indonesia", "national", "", "2011", "2019", "1", "1", "4"),
    ("LVA", "Latvia", "national", "", "2011", "2019", "0", "1", "3"),
    ("KEN", "Kenya", "national", "", "2011", "2019", "0", "1", "3"),
    ("MEX", "Mexico", "national", "", "2011", "2019", "1", "1", "4"),
    ("NGA", "Nigeria", "national", "", "2016", "2019", "0", "0", ""),
    ("NGKD", "Kaduna State", "local", "Nigeria", "2018", "2019", "0", "0", ""),
    ("NOR", "Norway", "national", "", "2011", "2019", "1", "1", "4"),
    ("PHL", "Philippines", "national", "", "2011", "2019", "1", "1", "4"),
    ("SVK", "Slovak Republic", "national", "", "2011", "2019", "0", "1", "3"),
    ("UKR", "Ukraine", "national", "", "2011", "2019", "0", "1", "3"),
    ("USA", "United States", "national", "", "2011", "2019", "1", "1", "4"),
]

RATINGS = {  # profile key -> (text column, coded twin column or "")
    "spec": ("Specificity", "_Specificity"), "pi": ("Potential Impact", "_Potential Impact"),
    "cp": ("Completion (Progress Report)", "_CompletionProgress"), "s15": ("Starred (2015 Only)", ""),
    "sp": ("Starred (Current Formula) Progress Report", ""), "pfr": ("Potential for Results", "_Potential for Results"),
    "ce": ("Completion (End Of Term)", "_CompletionEndTerm"), "chg": ("Change In Completion", "_ChangeCompletion"),
    "er": ("Early Results", "_Early Results"), "diog": ("Did It Open Government (Overall)", "_OpenGovernment"),
    "dati": ("Did It Open Government (Access To Information)", "_DIOGATI"),
    "dcp": ("Did It Open Government (Civic Participation)", "_DIOGCP"),
    "dpa": ("Did It Open Government: Public Accountability", "_DIOGPA"),
    "se": ("Starred (Current Formula) End of Term", ""), "cf": ("Carried Forward", ""), "ve": ("Verifiable", ""),
    "rel": ("_Relevant", ""),
}
AREA_COLUMNS = COLUMNS[COLUMNS.index("Anti-Corruption and Integrity"): COLUMNS.index("Money in Politics") + 1]


def commitment_row(index: int, entry: tuple[str, int, str, int, str, str, str, str, str, str, str]) -> dict[str, str]:
    """One export row (all 171 columns) for one described commitment."""
    code, plan, number, id_number, outcome, areas, values, lead, support, title, text = entry
    name, prefix, region, level, slug, plans = MEMBERS[code]
    submitted, end = plans[plan]
    cid = f"{prefix}{id_number:04d}"
    row = dict.fromkeys(COLUMNS, "0")
    tagged = {AREAS[a] for a in areas.split()}
    tagged |= {PARENTS[a] for a in tagged if a in PARENTS}
    row.update({a: "1" for a in AREA_COLUMNS if a in tagged})
    profile = OUTCOMES[outcome]
    missing = profile["spec"] if profile["spec"] in ("ND", "NR") and profile["pfr"] in ("ND", "NR") else None
    for key, column in VALUES.items():
        row[column] = missing or ("1" if key in values.split() else "0")
    for key, (column, coded) in RATINGS.items():
        row[column] = profile[key]
        if coded:
            levels = POTENTIAL_FOR_RESULTS if key == "pfr" else LEVELS
            row[coded] = levels.get(profile[key], profile[key])
    new_method = submitted >= 2020
    row.update({
        "Commitment Unique Identifier": cid, "Country/Locality": name, "Action Plan Number": str(plan),
        "Commitment Number": number, "Code": code, "Region": region, "National Or Local": level,
        "Commitment Dummy": "1", "Year Of Submission": str(submitted), "Action Plan End Year": str(end),
        "Action Plan Duration (Years)": str(end - submitted), "Theme": sorted(tagged)[0],
        "Commitment Title": title, "Short Title": title[:40], "Full Text": text,
        "Start Date": f"1/1/{submitted}" if new_method else "NA", "End Date": f"12/31/{end}" if new_method else "NA",
        "Lead Institution": lead, "Supporting Institution(s)": support or "NA",
        "Report Publication Year (Progress Report)": "ND" if new_method or missing else str(submitted + 1),
        "Report Publication Year (End Of Term)": missing or str(end + 1),
        "Compound": "0", "Cluster": "ND", "Cluster (AP Review)": "0" if new_method else "ND",
        "Cluster Commitment ID(s)": "ND", "URL": f"https://www.opengovpartnership.org/members/{slug}/commitments/{cid}/",
        "Latest IRM Report": "NA", "Binding constraint": "FALSE", "Updated? (Website)": "0",
        "IRM Assessed": "0" if missing else "1", "Not reviewed": "1" if outcome == "nr" else "0",
        "Subnational in NAPs": "1" if "subnational" in areas.split() else "0",
        "Action Plan ID": f"AP_{code}{plan:02d}", "id": str(90001 + index),
    })
    return row


def write(path: Path, header: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Write a CSV with Unix line ends (stable diffs)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    """Regenerate samples/commitments.csv and samples/members.csv."""
    write(HERE / "commitments.csv", COLUMNS, [commitment_row(i, e) for i, e in enumerate(COMMITMENTS)])
    write(HERE / "members.csv", SEED_HEADER, [dict(zip(SEED_HEADER, r, strict=True)) for r in SEED_ROWS])


if __name__ == "__main__":
    main()
