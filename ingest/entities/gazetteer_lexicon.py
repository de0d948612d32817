"""Small hand-written lexicons of general knowledge (EN/NL/FR/DE).

Nothing here is taken from the sample documents or the gold files: these are the names
of countries, EU funds and programmes, and the words that name kinds of organisations,
as any reference work lists them. The registry-derived gazetteers are in ``data/``.
"""

from __future__ import annotations

from innograph.ingest.entities.countries import COUNTRIES as COUNTRIES
from innograph.ontology.ids import fold


def with_folded(words: frozenset[str]) -> frozenset[str]:
    """The words as written and folded: callers look up folded words ("universite",
    "federation", "fur"), so an accented entry must be there in both forms."""
    return words | frozenset(fold(w) for w in words)


# Sub-national regions whose everyday names differ from the NUTS label, with the NUTS
# code they denote (general knowledge of Belgian/Dutch/French administrative geography).
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "BE1": ("Brussels-Capital Region", "Brussels Capital Region", "Brussels Hoofdstedelijk Gewest"),
    "BE2": ("Flanders", "Vlaanderen", "Flandre", "Flandern", "Flemish Region", "Vlaams Gewest"),
    "BE3": ("Wallonia", "Wallonie", "Wallonië", "Walloon Region", "Région wallonne", "Wallonien"),
    "BE21": ("Province of Antwerp", "Provincie Antwerpen", "Antwerp Province"),
    "BE22": ("Provincie Limburg (BE)", "Belgian Limburg", "Belgisch Limburg"),
    "BE23": ("East Flanders", "Oost-Vlaanderen", "Province of East Flanders"),
    "BE24": ("Flemish Brabant", "Vlaams-Brabant"),
    "BE25": ("West Flanders", "West-Vlaanderen", "Province of West Flanders"),
    "BE31": ("Walloon Brabant", "Brabant wallon"),
    "BE32": ("Hainaut", "Henegouwen"),
    "BE33": ("Province of Liège", "Luik"),
    "BE35": ("Namur", "Namen"),
    "NL1": ("Northern Netherlands", "North Netherlands", "Noord-Nederland", "Noord Nederland"),
    "NL2": ("Eastern Netherlands", "East Netherlands", "Oost-Nederland", "Oost Nederland"),
    "NL3": (
        "Western Netherlands",
        "West Netherlands",
        "West-Nederland",
        "West Nederland",
        "Randstad",
    ),
    "NL4": ("Southern Netherlands", "South Netherlands", "Zuid-Nederland", "Zuid Nederland"),
    "NL11": ("Provincie Groningen",),
    "NL12": ("Friesland", "Fryslân", "Frisia"),
    "NL31": ("Provincie Utrecht", "Province of Utrecht"),
    "NL32": ("North Holland", "Provincie Noord-Holland", "Province of North Holland"),
    "NL33": (
        "South Holland",
        "Zuid-Holland",
        "Provincie Zuid-Holland",
        "Province of South Holland",
    ),
    "NL34": ("Provincie Zeeland", "Zealand"),
    "NL41": ("North Brabant", "Noord-Brabant", "Provincie Noord-Brabant", "Brabant"),
    "NL42": ("Provincie Limburg (NL)", "Dutch Limburg", "Nederlands Limburg"),
    "NL23": ("Provincie Flevoland",),
    "NL21": ("Provincie Overijssel",),
    "NL22": ("Provincie Gelderland", "Guelders"),
    "NL13": ("Provincie Drenthe",),
    "FR3": ("Nord-Pas-de-Calais", "Hauts-de-France"),
    "DEA": ("North Rhine-Westphalia", "Noordrijn-Westfalen", "NRW"),
}

# Names that more than one NUTS region carries: resolved by the country in context.
AMBIGUOUS_REGIONS: dict[str, tuple[str, ...]] = {
    "Limburg": ("NL42", "BE22"),
    "Provincie Limburg": ("NL42", "BE22"),
    "Province of Limburg": ("NL42", "BE22"),
    "Luxembourg": ("LU", "BE34"),
    "Brabant": ("NL41", "BE24"),
}

# Supra-national areas (no NUTS code): canonical key -> names.
AREAS: dict[str, tuple[str, ...]] = {
    # The guide (second edition): "Europe" as a place is a Region.
    "europe": ("Europe", "Europa"),
    "northern-europe": ("Northern Europe", "Noord-Europa", "Nordeuropa", "Europe du Nord"),
    "western-europe": ("Western Europe", "West-Europa", "Westeuropa"),
    "southern-europe": ("Southern Europe", "Zuid-Europa", "Südeuropa"),
    "eastern-europe": ("Eastern Europe", "Oost-Europa", "Osteuropa"),
    "central-europe": ("Central Europe", "Centraal-Europa", "Mitteleuropa"),
    "baltic-sea-region": ("Baltic Sea Region", "Baltic region", "Oostzeeregio"),
    "north-sea-region": ("North Sea Region", "Noordzeeregio"),
    "benelux": ("Benelux",),
    "northern-germany": ("Northern Germany", "Noord-Duitsland", "Norddeutschland"),
    "north-western-russia": ("North-Western Russia", "Northwest Russia", "North-West Russia"),
    "euregio-meuse-rhine": ("Euregio Meuse-Rhine", "Euregio Maas-Rijn", "Euregio Maas-Rhein"),
}

# Continents other than Europe (an AREA): not regions of an innovation ecosystem.
CONTINENTS: frozenset[str] = frozenset(
    "afrika africa asia azie asien america amerika amerique".split()
)

# Capitals and major cities whose names differ across EN/NL/FR/DE: key -> (country, names).
CITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "brussels": ("BE", ("Brussels", "Brussel", "Bruxelles", "Brüssel")),
    "antwerp": ("BE", ("Antwerp", "Antwerpen", "Anvers")),
    "ghent": ("BE", ("Ghent", "Gent", "Gand")),
    "bruges": ("BE", ("Bruges", "Brugge", "Brügge")),
    "leuven": ("BE", ("Leuven", "Louvain")),
    "liege": ("BE", ("Liège", "Luik", "Lüttich")),
    "mechelen": ("BE", ("Mechelen", "Malines")),
    "kortrijk": ("BE", ("Kortrijk", "Courtrai")),
    "hasselt": ("BE", ("Hasselt",)),
    "namur": ("BE", ("Namen",)),
    "the-hague": ("NL", ("The Hague", "Den Haag", "'s-Gravenhage", "La Haye")),
    "amsterdam": ("NL", ("Amsterdam",)),
    "rotterdam": ("NL", ("Rotterdam",)),
    "eindhoven": ("NL", ("Eindhoven",)),
    "maastricht": ("NL", ("Maastricht",)),
    "nijmegen": ("NL", ("Nijmegen", "Nimègue")),
    "copenhagen": ("DK", ("Copenhagen", "Kopenhagen", "København", "Copenhague")),
    "stockholm": ("SE", ("Stockholm",)),
    "helsinki": ("FI", ("Helsinki", "Helsingfors")),
    "oslo": ("NO", ("Oslo",)),
    "tallinn": ("EE", ("Tallinn",)),
    "riga": ("LV", ("Riga",)),
    "vilnius": ("LT", ("Vilnius",)),
    "warsaw": ("PL", ("Warsaw", "Warschau", "Varsovie", "Warszawa")),
    "berlin": ("DE", ("Berlin", "Berlijn")),
    "munich": ("DE", ("Munich", "München", "Munchen")),
    "cologne": ("DE", ("Cologne", "Keulen", "Köln")),
    "aachen": ("DE", ("Aachen", "Aken", "Aix-la-Chapelle")),
    "paris": ("FR", ("Paris", "Parijs")),
    "lille": ("FR", ("Lille", "Rijsel")),
    "strasbourg": ("FR", ("Strasbourg", "Straatsburg", "Straßburg")),
    "luxembourg-city": ("LU", ("Luxembourg City", "Luxemburg-Stad")),
    "london": ("UK", ("London", "Londen", "Londres")),
    "dublin": ("IE", ("Dublin",)),
    "vienna": ("AT", ("Vienna", "Wenen", "Vienne", "Wien")),
    "rome": ("IT", ("Rome", "Rom", "Roma")),
    "milan": ("IT", ("Milan", "Milaan", "Mailand", "Milano")),
    "madrid": ("ES", ("Madrid",)),
    "barcelona": ("ES", ("Barcelona", "Barcelone")),
    "lisbon": ("PT", ("Lisbon", "Lissabon", "Lisbonne", "Lisboa")),
    "athens": ("EL", ("Athens", "Athene", "Athènes", "Athen")),
    "prague": ("CZ", ("Prague", "Praag", "Prag", "Praha")),
    "budapest": ("HU", ("Budapest", "Boedapest")),
    "bucharest": ("RO", ("Bucharest", "Boekarest", "Bucarest", "Bukarest")),
    "sofia": ("BG", ("Sofia",)),
    "zagreb": ("HR", ("Zagreb",)),
    "ljubljana": ("SI", ("Ljubljana",)),
    "bratislava": ("SK", ("Bratislava",)),
    "geneva": ("CH", ("Geneva", "Genève", "Genf")),
    "zurich": ("CH", ("Zurich", "Zürich")),
}

# EU funds and programmes: canonical key -> names (EN/NL/FR/DE and acronyms).
FUNDS: dict[str, tuple[str, ...]] = {
    "european-regional-development-fund": (
        "European Regional Development Fund",
        "ERDF",
        "Europees Fonds voor Regionale Ontwikkeling",
        "EFRO",
        "Fonds européen de développement régional",
        "FEDER",
        "Europäischer Fonds für regionale Entwicklung",
        "Europäischen Fonds für regionale Entwicklung",  # dative/genitive, as written
        "EFRE",
    ),
    "european-social-fund": (
        "European Social Fund",
        "ESF",
        "Europees Sociaal Fonds",
        "Fonds social européen",
        "FSE",
        "Europäischer Sozialfonds",
        "Europäischen Sozialfonds",
        "ESF+",
        "European Social Fund Plus",
    ),
    "cohesion-fund": ("Cohesion Fund", "Cohesiefonds", "Fonds de cohésion", "Kohäsionsfonds"),
    "just-transition-fund": (
        "Just Transition Fund",
        "JTF",
        "Fonds voor een rechtvaardige transitie",
    ),
    "eafrd": ("European Agricultural Fund for Rural Development", "EAFRD", "ELFPO", "Feader"),
    "emff": ("European Maritime and Fisheries Fund", "EMFF", "EFMZV", "EMFAF"),
    "recovery-and-resilience-facility": ("Recovery and Resilience Facility", "RRF"),
    "horizon-2020": ("Horizon 2020", "H2020", "Horizon2020", "Horizon 2020 programme"),
    "horizon-europe": ("Horizon Europe", "Horizon Europa", "Horizon Europe programme"),
    "fp7": ("Seventh Framework Programme", "FP7", "7th Framework Programme", "KP7"),
    "cosme": (
        "COSME",
        "Programme for the Competitiveness of Enterprises and Small and Medium-sized Enterprises",
    ),
    "single-market-programme": ("Single Market Programme", "SMP"),
    "digital-europe-programme": ("Digital Europe Programme", "Digital Europe", "DIGITAL"),
    "life-programme": ("LIFE programme", "LIFE Programme", "LIFE+"),
    "erasmus-plus": ("Erasmus+", "Erasmus Plus", "Erasmus+ programme"),
    "creative-europe": ("Creative Europe", "Creatief Europa"),
    "connecting-europe-facility": ("Connecting Europe Facility", "CEF"),
    "innovation-fund": ("Innovation Fund",),
    "eic-accelerator": ("EIC Accelerator",),
    "eurostars": ("Eurostars",),
    "ecsel": ("ECSEL", "ECSEL Joint Undertaking", "ECSEL JU"),
    "key-digital-technologies": ("Key Digital Technologies Joint Undertaking", "KDT JU"),
    "european-structural-and-investment-funds": (
        "European Structural and Investment Funds",
        "ESIF",
        "ESI Funds",
        "Europese structuur- en investeringsfondsen",
    ),
    "european-cluster-excellence-programme": ("European Cluster Excellence Programme",),
    # EU recovery instruments and research-grant schemes (their official names).
    "react-eu": ("REACT-EU", "REACT EU"),
    "nextgenerationeu": ("NextGenerationEU", "Next Generation EU", "NextGenEU"),
    "msca": (
        "Marie Skłodowska-Curie Actions",
        "Marie Sklodowska-Curie Actions",
        "Marie Sklodowska Curie Actions",
        "Marie Curie Actions",
    ),
    "erc-advanced-grant": ("ERC Advanced Grant", "Advanced ERC Grant"),
    "erc-starting-grant": ("ERC Starting Grant", "Starting ERC Grant"),
    "erc-consolidator-grant": ("ERC Consolidator Grant", "Consolidator ERC Grant"),
    "erc-synergy-grant": ("ERC Synergy Grant", "Synergy ERC Grant"),
    # Dutch regional ERDF programmes (general knowledge of the Dutch OPs).
    "kansen-voor-west": ("Kansen voor West",),
    "kansen-voor-west-ii": ("Kansen voor West II", "Kansen voor West 2"),
    "kansen-voor-west-iii": ("Kansen voor West III", "Kansen voor West 3"),
    "op-zuid": ("OP Zuid", "OPZuid", "OP-Zuid", "Operationeel Programma Zuid-Nederland"),
    "op-oost": ("OP Oost", "OP-Oost", "GO-EFRO", "Operationeel Programma Oost-Nederland"),
    "op-noord": ("OP Noord", "Operationeel Programma Noord-Nederland", "SNN-programma"),
}

# The 2014-2020 CCI code of the ERDF programmes listed above (from the reference list).
FUND_CCI: dict[str, str] = {
    "kansen-voor-west-ii": "2014NL16RFOP002",
}

# Institutions with well-known acronyms (general knowledge of the EU institutions).
INSTITUTIONS: dict[str, tuple[str, ...]] = {
    "european-commission": (
        "European Commission",
        "Europese Commissie",
        "Commission européenne",
        "Europäische Kommission",
        "EC",
    ),
    "european-union": (
        "European Union",
        "Europese Unie",
        "Union européenne",
        "Europäische Union",
        "EU",
    ),
    "european-parliament": ("European Parliament", "Europees Parlement", "Parlement européen"),
    "european-investment-bank": ("European Investment Bank", "EIB", "Europese Investeringsbank"),
    "committee-of-the-regions": (
        "European Committee of the Regions",
        "Committee of the Regions",
        "CoR",
        "Comité van de Regio's",
    ),
    "dg-grow": (
        "DG GROW",
        "DG Grow",
        "DG Growth",
        "Directorate-General for Internal Market, Industry, Entrepreneurship and SMEs",
    ),
    "dg-regio": ("DG REGIO", "DG Regio", "Directorate-General for Regional and Urban Policy"),
    "dg-rtd": ("DG RTD", "DG Research and Innovation"),
    "dg-cnect": ("DG CNECT", "DG Connect"),
    "eismea": ("EISMEA", "European Innovation Council and SMEs Executive Agency"),
    "easme": ("EASME", "Executive Agency for Small and Medium-sized Enterprises"),
    "joint-research-centre": ("Joint Research Centre", "JRC"),
    "enterprise-europe-network": ("Enterprise Europe Network", "EEN"),
    "european-cluster-collaboration-platform": ("European Cluster Collaboration Platform", "ECCP"),
}

# Head nouns that end (EN) or start (NL/FR/DE) an organisation's name.
ORG_HEADS: frozenset[str] = with_folded(
    frozenset(
        """university universities universiteit université universität hogeschool haute école
    college school academy academie académie akademie agency agentschap agence agentur
    ministry ministerie ministère ministerium chamber kamer chambre kammer foundation
    stichting fondation stiftung association vereniging verbond federatie federation
    fédération verband hospital ziekenhuis hôpital krankenhaus klinikum institute instituut
    institut centre center centrum zentrum council raad conseil rat authority autoriteit
    office bureau department departement commission commissie company corporation group
    groep groupe gmbh bv nv vzw asbl laboratory laboratories lab labs laboratorium
    network netwerk réseau netzwerk alliance alliantie society maatschappij société
    gesellschaft government regering overheid gouvernement regierung province provincie
    municipality gemeente commune gemeinde city stad ville stadt board trust bank fund
    consortium partnership union unie forum park parc campus hub incubator accelerator
    holding industries technologies systems solutions hochschule fachhochschule verein
    agentur kamer ecole école université""".split()
    )
)

# Words that make an organisation a cluster organisation.
CLUSTER_CUES: frozenset[str] = with_folded(
    frozenset(
        """cluster clusters biocluster clusterorganisatie clusterorganisation pôle pole
    kompetenznetz""".split()
    )
)

# Words that mark a smart-specialisation platform or thematic partnership.
S3_CUES: frozenset[str] = with_folded(
    frozenset(
        """s3 smart specialisation specialization slimme specialisatie spécialisation
    intelligente platform plateforme partnership partnerships""".split()
    )
)

# Words that name an event when they end a capitalised name.
EVENT_HEADS: frozenset[str] = with_folded(
    frozenset(
        """week weeks days day summit conference conferences congress congres forum fair expo
    exhibition festival symposium workshop meeting meetings hackathon awards award xchange
    beurs dag dagen week-end semaine journée journées salon sommet tagung kongress messe
    gipfel woche tage""".split()
    )
)

# Words that introduce or follow a project name (German also in the genitive: "die
# Ergebnisse des Projekts X").
PROJECT_CUES: frozenset[str] = with_folded(
    frozenset(
        """project projects projecten projet projets projekt projekte initiative initiatief
    pilot proeftuin programme-project projekts projektes""".split()
    )
)

# The plural cues: a name before one says whose or what kind the projects are ("the
# Interreg projects", "Acme-projecten"), it does not name one project.
PLURAL_PROJECT_CUES: frozenset[str] = frozenset("projects projecten projets projekte".split())

# Last words that make a capitalised name a project ("the Quantum Flagship").
PROJECT_HEADS: frozenset[str] = frozenset("flagship flagships vlaggenschip".split())

# Stems that make any word a project cue, inflected or compounded ("Projekten",
# "Kaderproject", "projets", "Rahmenprojekt").
PROJECT_STEMS: tuple[str, ...] = ("project", "projekt", "projet")

# Words that name a kind of event, next to (not inside) the event's name.
EVENT_CUES: frozenset[str] = with_folded(
    frozenset(
        """event events evenement evenementen événement événements veranstaltung
    veranstaltungen conférence colloque séminaire seminar seminarie webinar""".split()
    )
)

# Geographic words that make up Interreg programme areas besides the names of countries
# and regions (seas, rivers, compass points, "Euregio"): any other word after "Interreg"
# ends the name ("Interreg-Projekte", "Interreg Project Manager").
INTERREG_AREA_WORDS: frozenset[str] = with_folded(
    frozenset(
        """sea seas zee zeeen zeeën mer mers meer meere north noord nord northwest nordwest
    noordwest south zuid sud süd east oost est ost west ouest central centre mitte upper
    oberrhein rhine rijn rhein rhin maas meuse mosel moselle euregio euregion großregion
    grossregion grande region région regio europe europa atlantic alpine channel manche
    baltic danube""".split()
    )
)

# Word endings that name a call for proposals: a quoted name after one names the funding
# call ("the call ‘X’", "Projektaufruf „X“", "appel à projets « X »").
CALL_CUES: tuple[str, ...] = ("call", "oproep", "appel", "aufruf", "ausschreibung")

# Two words that together make a capitalised name a funding programme wherever they
# stand in it: the Dutch "Regio Deal" (a national fund's agreement with a region,
# "Regio Deal Noord-Oost", "the Twente Region Deal"), which alone would read as a region.
PROGRAMME_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {("regio", "deal"), ("region", "deal"), ("regional", "deal")}
)
PROGRAMME_COMPOUNDS: tuple[str, ...] = ("regiodeal",)

# Words that make a capitalised name a funding programme.
PROGRAMME_CUES: frozenset[str] = with_folded(
    frozenset(
        """programme program programma programm fund fonds fonds-programma funding call
    subsidieprogramma subsidieregeling regeling""".split()
    )
)

# Words that precede a person's name as a role (EN/NL/FR/DE).
PERSON_ROLES: frozenset[str] = with_folded(
    frozenset(
        """minister ministre gedeputeerde deputy gedeputeerden mayor burgemeester bourgmestre
    maire bürgermeister president voorzitter président chairman chairwoman chair ceo cto
    director directeur direktor manager coordinator coördinator professor prof dr drs ir
    mr mrs ms mevrouw meneer monsieur madame commissioner eurocommissaris commissaris
    alderman wethouder schepen échevin senator senateur senatorin""".split()
    )
)

# Capitalised words that never start or form an entity on their own (EN/NL/FR/DE).
STOP_CAPITALISED: frozenset[str] = with_folded(
    frozenset(
        """the a an this that these those our their its his her we they it he she i you
    de het een dit dat deze die onze hun zijn haar wij zij ze hij u je jij
    le la les un une des ce cette ces notre leur nous ils elle il
    der die das ein eine dieser diese unser ihr wir sie er es
    and or of for in on at to with from by en of voor in op aan met van door et ou pour
    dans sur avec und oder für mit von bei
    january february march april may june july august september october november december
    januari februari maart mei juni juli augustus oktober
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    monday tuesday wednesday thursday friday saturday sunday maandag dinsdag woensdag
    donderdag vrijdag zaterdag zondag
    please login start end date resources evidence potential main read about contact
    home news nieuws""".split()
    )
)

# Words that make no name on their own, beyond ``STOP_CAPITALISED`` (which also trims a
# run's first word, where a number word may open a name: "Two Seas"): number words,
# German months and contracted prepositions ("Am 19. Mai", "Vingt-sept projets"), the
# words of a sum ("2,4 Mio. Euro").
NOT_A_NAME_ALONE: frozenset[str] = with_folded(
    frozenset(
        """one two three four five six seven eight nine ten eleven twelve twenty thirty hundred
    een twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig honderd
    deux trois quatre cinq six sept huit neuf dix onze douze vingt trente cent
    eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert
    januar februar märz juni juli august september oktober november dezember
    am im zum zur vom beim bis seit vanuit sinds depuis
    mio mio. mrd mrd. mln mln. euro eur""".split()
    )
)

# Acronyms of general terms, never names of an organisation or project on their own.
GENERIC_ACRONYMS: frozenset[str] = frozenset(
    """SME SMES SMEs KMO KMOS KMO's MKB MKB's AI IOT IoT ICT IT RDI R&D RTD RD&I HPC MEMS CEO
    PME PMEs KMU KMUs
    CTO CFO COO CSR GDP KPI KPIS PHD PhD MSC MSc BSC BSc NGO NGOS B2B B2C DNA RNA CO2 ESG SDG
    SDGS GDPR API APIs 3D 5G 4G VAT BTW FAQ PDF URL USD EUR HR PR MRO ML NLP VR AR XR LED
    LEDs UV EV EVs TRL TRLS OK PS NB CV QR ID ISO IP IPR S3 RIS3 RIS
    MoU MOU ToR TOR LoI LOI""".split()
)

# Plural cue words before a list of names, and the type they give the list.
LIST_CUES: dict[str, str] = {
    **dict.fromkeys("projects projecten projets projekte".split(), "Project"),
    **dict.fromkeys(
        "partners partenaires organisations organisaties organizations "
        "companies bedrijven entreprises members leden".split(),
        "Organisation",
    ),
    **dict.fromkeys("clusters".split(), "Cluster"),
    **dict.fromkeys("platforms partnerships platformen plateformes".split(), "S3Platform"),
    **dict.fromkeys(
        "regions regio's regio’s régions regionen provinces provincies cities "
        "steden villes städte gemeenten municipalities countries landen pays "
        "länder".split(),
        "Region",
    ),
    **dict.fromkeys("events evenementen événements".split(), "Event"),
    **dict.fromkeys(
        "programmes programma's programma’s programs fondsen funds".split(), "FundingProgramme"
    ),
}

# Capitalised names of concepts and policies, not of organisations or projects (folded).
GENERIC_TERMS: frozenset[str] = frozenset(
    (
        "industry 4.0",
        "industrie 4.0",
        "web 2.0",
        "web 3.0",
        "internet of things",
        "big data",
        "smart cities",
        "smart city",
        "open innovation",
        "green deal",
        "european green deal",
        "brexit",
        "covid-19",
        "covid",
        "corona",
        # a kind of programme, not its name: "het Operationeel Programma" of a region
        "operationeel programma",
        "operational programme",
        "operational program",
        "programme operationnel",
        "operationelles programm",
        # kinds of document, not names of one
        "memorandum of understanding",
        "letter of intent",
        "terms of reference",
        # a programme's bodies named by their function alone, not by a name of their own
        "comite van toezicht",
        "monitoring committee",
        "comite de suivi",
        "begleitausschuss",
        "lenkungsausschuss",
        "stuurgroep",
        "steering committee",
        "managing authority",
        "management authority",
        "beheersautoriteit",
        "managementautoriteit",
        "autorite de gestion",
        "verwaltungsbehorde",
        "joint secretariat",
        "gemeenschappelijk secretariaat",
        "secretariat conjoint",
        "gemeinsames sekretariat",
        "secretariat",
    )
)

# Words that, first in a capitalised name, make it a region or place ("Provincie Drenthe").
REGION_HEADS: frozenset[str] = with_folded(
    frozenset(
        """landsdeel regio region région provincie province provinz prov gewest streek gemeente
    municipality stad city ville commune gemeinde stadt kreis arrondissement""".split()
    )
)

# Layout headings whose next line names an organisation (good-practice and project pages).
HEADING_CUES: frozenset[str] = frozenset(
    (
        "lead partner",
        "main institution",
        "coordinator",
        "project coordinator",
        "lead organisation",
        "lead organization",
        "beneficiary",
        "applicant",
        "penvoerder",
        "projectverantwoordelijke",
        "hoofdaanvrager",
        "promotor",
        "coordinateur",
        "chef de file",
        "porteur de projet",
        "federführung",
        "koordinator",
    )
)

# Nouns for a firm written right before its name ("die Firma X", "het bedrijf X",
# "la société X", "the company X"): the name is an organisation's, whatever cue is near.
COMPANY_NOUNS: frozenset[str] = with_folded(
    frozenset("""firma firm company bedrijf onderneming société entreprise unternehmen""".split())
)
# Words that make the next name the owner of what comes before ("projects of X",
# "projecten van X", "Projekte der X", "projets de X").
OWNER_LINKS: frozenset[str] = frozenset("of van von vom der des de du d".split())
