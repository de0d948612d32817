"""Kind nouns that introduce a name written right after them, per language.

"het cluster X", "der Spitzencluster X", "le pôle de compétitivité X", "das Netzwerk X",
"die Firma X", "the company X": the noun says what kind of thing the name after it is.
Words are folded (lower case, no accents) as ``cached_fold`` gives them.
"""

from __future__ import annotations

from innograph.ingest.entities.gazetteer_lexicon import CLUSTER_CUES, with_folded

# Kind nouns of a cluster organisation; any compound ending in "cluster" counts too
# ("speerpuntcluster", "innovatiecluster", "Spitzencluster").
CLUSTER_KINDS: frozenset[str] = CLUSTER_CUES | with_folded(
    frozenset(
        """pôle pôles kompetenznetz kompetenznetzwerk kompetenznetzwerks
    kompetenznetzes competentienetwerk""".split()
    )
)

# Kind nouns of a network (an organisation; "competence network" is a cluster's).
NETWORK_KINDS: frozenset[str] = with_folded(
    frozenset("""network netwerk netzwerk netzwerks netzwerkes réseau""".split())
)

# Words before a network noun that make it a cluster's kind ("competence network").
CLUSTER_NETWORK_MODIFIERS: frozenset[str] = with_folded(
    frozenset("""competence kompetenz compétences competentie""".split())
)

# Words that make a cluster word before them a kind noun ("the cluster organisation X").
ORGANISATION_WORDS: frozenset[str] = with_folded(
    frozenset("""organisation organization organisatie initiative initiatief""".split())
)

# Kind nouns of a company, also what a firm does or how it is owned ("the recycler X",
# "la coopérative X", "X, an injection moulder based in ...", "X, une PME de ...").
COMPANY_KINDS: frozenset[str] = with_folded(
    frozenset(
        """company firm firma bedrijf onderneming unternehmen unternehmens société
    entreprise start-up startup scale-up spin-off cooperative coopérative coöperatie
    genossenschaft pme sme kmu mkb-bedrijf recycler manufacturer moulder fabrikant
    fabricant hersteller studio""".split()
    )
)
# Dutch and German compounds whose head is a company noun ("softwarebedrijf",
# "ingenieursbureau", "Familienunternehmen"): the same kind as their head.
COMPANY_COMPOUND_HEADS = ("bedrijf", "onderneming", "bureau", "unternehmen", "firma")

# Plural kind nouns that list names after them, directly or after "such as" ("research
# centres such as A and B", "kennisinstellingen A, B en C", "Städte wie A und B"), and
# the type of each listed name. Compounds ending in one count too ("industriepartners").
PLURAL_KINDS: dict[str, str] = {
    **dict.fromkeys(
        """companies firms partners centres centers institutes institutions universities
        organisations organizations agencies bedrijven ondernemingen instellingen
        kennisinstellingen organisaties universiteiten hogescholen unternehmen hochschulen
        universitäten einrichtungen institute organisationen entreprises sociétés
        partenaires organismes universités établissements""".split(),
        "Organisation",
    ),
    **dict.fromkeys(
        """clusters speerpuntclusters pôles networks netwerken netzwerke réseaux""".split(),
        "Cluster",
    ),
    **dict.fromkeys(
        """schemes programmes programs regelingen programma's fondsen funds programme
        förderprogramme dispositifs""".split(),
        "FundingProgramme",
    ),
    **dict.fromkeys(
        """cities regions countries municipalities provinces steden gemeenten regio's
        provincies landen städte regionen länder kommunen gemeinden kreise villes régions
        pays communes provinces""".split(),
        "Region",
    ),
}

# Words that introduce examples of the plural before them ("such as" is "such" + "as").
EXAMPLE_CUES: frozenset[str] = with_folded(
    frozenset("""such zoals wie comme tels telles including waaronder darunter notamment""".split())
)

# Articles and article-prepositions before a German kind noun, which German capitalises
# like a name ("der Cluster X", "beim Netzwerk X").
GERMAN_DETERMINERS: frozenset[str] = with_folded(
    frozenset(
        """der die das des dem den ein eine einem einen eines einer im am vom zum zur beim
    unser unsere unseres unserem unseren dieses diesem""".split()
    )
)

# Head nouns that make a cluster word before them a modifier: a "cluster partnership" is
# a joint project of clusters, not a cluster.
PARTNERSHIP_HEADS: frozenset[str] = with_folded(
    frozenset(
        """partnership partnerships partnerschap partnerschappen partnerschaft
    partnerschaften""".split()
    )
)

# Kind nouns that describe a name as a fund, a funding programme in the ontology ("X, a
# venture capital fund", "X is een investeringsfonds"): compounds ending in "fonds" count.
FUND_KINDS: frozenset[str] = with_folded(frozenset("""fund fonds fondo""".split()))
FUND_KIND_ENDINGS: tuple[str, ...] = ("fonds",)

# Kind nouns that describe a name as a consortium of partners, which the annotation reads
# as a project ("X, een consortium van 48 partners").
CONSORTIUM_KINDS: frozenset[str] = with_folded(frozenset("""consortium konsortium""".split()))

# Phrases that end right before the name of an earlier project that something continues
# ("a follow-up to X", "een vervolg op X", "Nachfolger von X", "prolonge les travaux de
# X"), per language, folded; an article or one lower-case word may stand between.
SUCCESSION_BEFORE: dict[str, tuple[str, ...]] = {
    "en": (
        "builds on",
        "build on",
        "building on",
        "built on",
        "builds upon",
        "follow-up to",
        "follow-up of",
        "follow up to",
        "follow-up project to",
        "follow-up project of",
        "successor to",
        "successor of",
        "continuation of",
        "follows on from",
    ),
    "nl": (
        "vervolg op",
        "opvolger van",
        "voortzetting van",
        "vervolgproject van",
        "vervolgproject op",
        "bouwt voort op",
        "bouwt verder op",
        "voortbouwend op",
        "voortbouwt op",
    ),
    "de": (
        "nachfolger von",
        "nachfolger des",
        "nachfolgeprojekt von",
        "nachfolgeprojekt des",
        "fortsetzung von",
        "fortsetzung des",
        "weiterfuhrung von",
        "weiterfuhrung des",
    ),
    "fr": (
        "fait suite a",
        "successeur de",
        "prolongement de",
        "prolonge",
        "prolonge les travaux de",
        "poursuit les travaux de",
        "succede a",
        "dans la continuite de",
        "dans le prolongement de",
    ),
}

# Nouns that describe a name as the continuation of an earlier project ("X is a follow-up
# to Y", "X is een vervolg op Y", "X ist die Fortsetzung von Y", "X est la suite de Y").
SUCCESSION_NOUNS: frozenset[str] = frozenset(
    """follow-up successor continuation sequel vervolg opvolger voortzetting vervolgproject
    nachfolger nachfolgeprojekt fortsetzung weiterfuhrung suite successeur prolongement
    continuite""".split()
)

# Endings of Dutch and German compounds that name an event when they end a name
# ("Visserijdagen", "Innovationstag", "Zukunftsforum"), and compounds with those endings
# that name no event: weekdays, parliaments ("Landtag" is an assembly), days of a life.
EVENT_COMPOUND_ENDINGS: tuple[str, ...] = (
    "dag",
    "dagen",
    "tag",
    "tage",
    "forum",
    "beurs",
    "messe",
    "kongress",
    "congres",
    "festival",
    "woche",
    "week",
)
NOT_EVENT_COMPOUNDS: frozenset[str] = frozenset(
    """maandag dinsdag woensdag donderdag vrijdag zaterdag zondag montag dienstag
    donnerstag freitag samstag sonntag landtag bundestag kreistag reichstag stadtrat
    feiertag alltag geburtstag jahrestag werktag verjaardag feestdag werkdag""".split()
)

# Event words that open a name in French, Dutch and German, where the head comes first
# ("Forum Éolien X", "Rencontres X", "Journées X"; a compound: "Innovationsforum X").
EVENT_OPENERS: frozenset[str] = frozenset(
    """forum rencontres journees salon sommet festival semaine""".split()
)

# Lead roles whose object is what is led, a project or a platform ("lead partner of X",
# "penvoerder van X", "Leadpartner von X", "chef de file de X"), per language, folded.
LEAD_ROLE_BEFORE: dict[str, tuple[str, ...]] = {
    "en": ("lead partner of", "lead partner in", "lead partner for", "coordinator of"),
    "nl": ("penvoerder van", "penvoerder voor", "coordinator van", "trekker van"),
    "de": (
        "leadpartner von",
        "leadpartner des",
        "lead-partner von",
        "koordinator von",
        "koordinator des",
        "konsortialfuhrer von",
        "konsortialfuhrer des",
    ),
    "fr": ("chef de file de", "coordinateur de", "coordinatrice de", "porteur de"),
}
