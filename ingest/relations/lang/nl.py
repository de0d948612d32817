"""Relation cue phrases in Dutch (see ``relations.lexicon`` for the entry format)."""

from __future__ import annotations

from innograph.ingest.relations.cues import (
    FUNDED_BY,
    MEMBER_OF,
    ORGANISATION_ENDS,
    PARTICIPATES_IN,
    TIGHT,
    AmountWords,
    Cue,
    cue_list,
)
from innograph.ingest.relations.lang.roles import (
    AFF,
    COLLAB,
    FUND,
    LEAD,
    LOC,
    MEMBER,
    ORG_MEMBER,
    PART,
    SUCC,
    place_office_cues,
    signing_party_cues,
)

# Offices of a place's government (decision 0016): who holds one is AFFILIATED_WITH the
# place; the other role words below end at an organisation or a programme only.
_OFFICES = (
    r"burgemeester|loco-burgemeester|wethouder|gedeputeerde(?! staten)|schepen|gouverneur"
    r"|commissaris van de koning|minister-president"
)
# read by ``relations.affiliation``: the holder of such an office is named for the place
PLACE_OFFICES = _OFFICES

CUES: list[Cue] = [
    # LEADS
    *cue_list(
        r"penvoerder|projectverantwoordelijke|hoofdaanvrager|co[öo]rdinator|projectco[öo]rdinator"
        r"|trekker|projectleider|leadpartner|lead partner|projecttrekker|kartrekker",
        LEAD,
        confidence=0.8,
        implicit=True,
        source_reach=60,
    ),
    *cue_list(
        r"gec[öo][öo]rdineerd door|geleid door|getrokken door"
        r"|gelanceerd door|opgezet door|aangestuurd door|voorgezeten door",
        LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    # "Onder leiding van X gaat het project Y ...": the phrase may open the sentence, so
    # what is led stands on either side
    *cue_list(
        r"onder (?:de )?(?:leiding|co[öo]rdinatie|regie|aanvoering) van",
        LEAD,
        source="right",
        confidence=0.8,
    ),
    # Dutch puts the verb last ("X heeft het programma Y gelanceerd"): ends on any side.
    *cue_list(
        r"co[öo]rdineert|leidt|trekt|lanceerde|lanceert|gelanceerd",
        LEAD,
        confidence=0.65,
        reach=120,
    ),
    # the body that takes on or answers for the coordination ("Acme neemt de leiding",
    # "Acme is verantwoordelijk voor de coördinatie", a relative "die de leiding heeft")
    *cue_list(
        r"(?:verantwoordelijk voor|neemt|nam|nemen|namen|die) de (?:algemene )?"
        r"(?:co[öo]rdinatie|projectco[öo]rdinatie|leiding)"
        r"(?! (?:van|over) (?:de|een|zijn|haar|hun)"
        r" (?!project|initiatief|partnerschap|consortium))",
        LEAD,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
        reach=120,
    ),
    # PARTICIPATES_IN
    *cue_list(
        r"partners?|projectpartners?|deelnemers?|deelnemende|consortiumpartners?|begunstigden",
        PART,
        confidence=0.7,
        implicit=True,
        source_reach=50,
    ),
    *cue_list(
        # the separable verbs stand apart in a main clause ("neemt sinds 2020 deel aan",
        # "doen met twee labs mee aan"), the subject inside them after a first word ("In
        # 2020 nam Acme deel aan"); their participles and infinitives stay whole
        r"(?:neemt|nemen|nam|namen) (?:[^\s.;:]+ ){0,8}?deel aan|deelnemen aan|deelgenomen aan"
        r"|(?:doet|doen|deed|deden) (?:[^\s.;:]+ ){0,8}?mee aan|meedoen aan|meegedaan aan"
        r"|participeert in|participeren in|participeerde in|participeerden in"
        r"|betrokken bij|actief in|partner in|partners in|partner van|partners van",
        PART,
        source="left",
        target="right",
        confidence=0.75,
    ),
    *cue_list(
        r"initiatief van|ge[ïi]nitieerd door|opgericht door"
        r"|consortium van|bestaande uit|bestaat uit|samenwerkingsproject tussen"
        r"|samenwerkingsverband tussen"
        # "Zonnebrug brengt A, B en C samen": the partners stand inside the separable verb
        r"|(?:brengt|brengen|bracht|brachten) (?:[^\s.;:]+ ){0,10}?samen",
        PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"samen met|in samenwerking met",
        PART,
        source="right",
        target="left",
        confidence=0.65,
        source_reach=40,
    ),
    *cue_list(
        r"was aanwezig op|waren aanwezig op|aanwezig op|aanwezig bij|sprak op|stond op"
        r"|presenteerde op",
        PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=120,
    ),
    *cue_list(
        r"georganiseerd door|gehost door|ingericht door",
        PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"organiseert|organiseerde|organiseerden|georganiseerd",
        PART,
        confidence=0.6,
        reach=140,
    ),
    *cue_list(
        r"in het kader van|binnen het kader van",
        (PARTICIPATES_IN, FUNDED_BY),
        source="left",
        target="right",
        confidence=0.6,
        reach=160,
    ),
    # FUNDED_BY
    *cue_list(
        # "gefinancierd voor 50 % door": a share may stand between the participle and "door"
        r"gefinancierd (?:[^\s.;:]+ ){0,5}?door|gefinancierd met|gefinancierd vanuit"
        r"|gefinancierd uit|medegefinancierd (?:[^\s.;:]+ ){0,5}?door"
        r"|gecofinancierd (?:[^\s.;:]+ ){0,5}?door|gesubsidieerd (?:[^\s.;:]+ ){0,3}?door"
        r"|ondersteund (?:[^\s.;:]+ ){0,3}?door|gesteund (?:[^\s.;:]+ ){0,3}?door"
        r"|dankzij (?:de )?(?:steun|financiering|bijdrage|subsidie) (?:van|uit)|met steun van"
        r"|met steun uit|steun uit|steun van|met middelen van"
        r"|met middelen uit|middelen uit|bijdrage van|bijdrage uit|subsidie van|subsidie uit"
        r"|valt onder|vallen onder|binnen het programma|komt (?:\S+ ){0,3}?uit"
        r"|komen (?:\S+ ){0,3}?uit|afkomstig uit|afkomstig van",
        FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"(?:krijgt|kreeg|krijgen|kregen|ontvangt|ontving|ontvangen) (?:\S+ ){0,8}?"
        r"(?:van|uit|vanuit)",
        FUND,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *cue_list(
        r"subsidie|subsidies|cofinanciering|co-financiering|financiering|steun|bijdrage"
        r"|[\w-]*-subsidie|[\w-]*-steun|[\w-]*-middelen",
        FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    *cue_list(
        r"financiert|financierde|financierden|cofinanciert|subsidieert|subsidieerde"
        r"|ondersteunt|ondersteunde|steunt|steunde|draagt bij|keurde goed|goedgekeurd",
        FUND,
        source="right",
        target="left",
        confidence=0.55,
        reach=120,
    ),
    # MEMBER_OF
    *cue_list(
        r"lid van|leden van|onderdeel van|deel van|maakt deel uit van|maken deel uit van"
        r"|aangesloten bij|behoort tot|afdeling van|dochteronderneming van"
        r"|(?:sluit|sluiten|sloot|sloten) aan bij|aansluiten bij",
        ORG_MEMBER,
        source="left",
        target="right",
        confidence=0.75,
        reach=120,
    ),
    *cue_list(
        r"leden zijn|met als leden|telt onder meer|verenigt",
        (MEMBER_OF,),
        source="right",
        target="left",
        confidence=0.7,
    ),
    # "X is een samenwerkingsverband van A, B en C": de lijst noemt de leden van X
    *cue_list(
        r"(?:is|zijn|was) (?:een|het|de) (?:\S+ ){0,2}?(?:samenwerkingsverband|netwerk|vereniging"
        r"|koepel|koepelorganisatie|federatie|consortium|verbond|alliantie) van",
        MEMBER,
        source="right",
        target="left",
        confidence=0.8,
    ),
    # LOCATED_IN
    *cue_list(
        r"gevestigd in|gevestigd te|met zetel in|met zetel te|zetel in|hoofdkantoor in"
        r"|gelegen in|gelegen te|gehuisvest in|kantoor in|hoofdzetel in|hoofdzetel te"
        r"|vestiging in|vestigingen in|vestiging te",
        LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    # COLLABORATES_WITH
    *cue_list(
        r"samenwerking tussen|partnerschap tussen|samenwerkingsverband tussen|uitwisseling tussen"
        r"|overleg tussen|partnerschap van|samenwerkingsakkoord tussen"
        r"|samenwerkingsovereenkomst tussen|akkoord tussen|overeenkomst tussen|alliantie tussen",
        COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *cue_list(
        # "A en B werken al jaren samen", and after a first word the subject stands inside
        # the separable verb ("Daarom werken A en B samen")
        r"(?:werken|werkten) (?:[^\s.;:]+ ){0,8}?samen|samen georganiseerd"
        r"|(?:slaan|sloegen) de handen (?:in elkaar|ineen)"
        r"|(?:bundelen|bundelden) (?:de|hun) krachten"
        r"|(?:trekken|trokken) (?:[^\s.;:]+ ){0,6}?samen op|gezamenlijk georganiseerd",
        COLLAB,
        source="left",
        target="left",
        confidence=0.65,
        group=True,
    ),
    # de partijen die hun samenwerking ondertekenen of bezegelen
    *signing_party_cues(
        r"(?:ondertekenden|tekenden) (?:\S+ ){0,4}?(?:overeenkomst|convenant|intentieverklaring"
        r"|samenwerkingsovereenkomst|samenwerkingsakkoord|akkoord)"
        r"|(?:overeenkomst|convenant|intentieverklaring|samenwerkingsovereenkomst"
        r"|samenwerkingsakkoord) (?:\S+ ){0,2}?(?:ondertekend|getekend|gesloten)"
        r"|hun samenwerking",
    ),
    *cue_list(
        r"(?:werkt|werken|werkte|werkten) (?:[^\s.;:]+ ){0,6}?samen met|in samenwerking met"
        r"|samenwerkt met|samenwerken met|samengewerkt met"
        r"|(?:trekt|trekken|trok|trokken) (?:[^\s.;:]+ ){0,6}?samen op met",
        COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    # SUCCESSOR_OF
    *cue_list(
        r"bouwt verder op|bouwen verder op|voortbouwend op|bouwt voort op|voortbouwt op"
        r"|opvolger van|vervolg op|vervolgproject van|voortzetting van|voorgangers?|voorloper"
        r"|tweede editie van|volgt op",
        SUCC,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *cue_list(
        r"opgevolgd door|gevolgd door|voortgezet in|voortgezet door",
        SUCC,
        source="right",
        target="left",
        confidence=0.7,
    ),
    # AFFILIATED_WITH
    *cue_list(
        r"(?:minister|voorzitter|ondervoorzitter|directeur|algemeen directeur|ceo|cto|hoofd"
        r"|manager|hoogleraar|professor|onderzoeker|co[öo]rdinator|woordvoerder"
        r"|secretaris-generaal|oprichter|medeoprichter|bestuurder|bestuurslid|adviseur"
        r"|medewerker|projectleider|decaan|rector|cfo|directrice|voorzitster|vertegenwoordiger"
        r"|beleidsmedewerker|projectmanager|programmamanager"
        r"|programmadirecteur|gedelegeerd bestuurder|afgevaardigd bestuurder|zaakvoerder"
        r"|bestuursvoorzitter|lector|docent|teamleider|afdelingshoofd|werknemer) (?:van|bij|aan)"
        r"|werkzaam bij|werkt bij|werkt voor|in dienst van|in dienst bij|namens",
        AFF,
        source="any",
        target="right",
        confidence=0.75,
        reach=TIGHT,
        target_types=ORGANISATION_ENDS,
    ),
    # AFFILIATED_WITH: an office "of" a place's government (or of a body named so)
    *cue_list(
        rf"(?:{_OFFICES}) (?:van|bij)",
        AFF,
        source="any",
        target="right",
        confidence=0.75,
        reach=TIGHT,
    ),
    # AFFILIATED_WITH: an office of a place's government, the place on either side
    *place_office_cues(_OFFICES),
]

# Roles a person holds in an organisation (``relations.affiliation``): a sentence that ties
# one to a person names the organisation the person is affiliated with.
PERSON_ROLES = (
    r"directeur|directrice|voorzitter|manager|hoogleraar|professor|prof|onderzoeker|rector"
    r"|decaan|lid|oprichter|co[öo]rdinator|projectco[öo]rdinator|projectleider|woordvoerder"
    r"|secretaris|lector|adviseur|ceo|cto|medewerker|bestuurder|commissaris|cfo|voorzitster"
    r"|vertegenwoordiger|beleidsmedewerker|projectmanager|programmamanager|zaakvoerder"
    r"|bestuursvoorzitter|docent|teamleider|afdelingshoofd|werknemer"
)
# Who speaks for an organisation in a quote ("... as we at Acme ..."): the words for "we".
WE = r"we|wij|ons|onze"
# Words tying a person to the organisation named right after ("Jan de Vries van Acme",
# "Jan de Vries komt bij Acme vandaan").
PERSON_FROM = r"van|bij|uit"
# Prepositions that name where something is (with an article): a place right after one
# ("een festival in Gent", "bedrijven uit Limburg") is named as a location, not as an actor.
PLACE_PREPOSITIONS = r"in|uit|te|vanuit|in de|in het|uit de|uit het"
# "Acme, een coatingbedrijf uit Gent": see ``lang.en``.
APPOSITION_ARTICLES = r"een"
APPOSED_PLACE_PREPOSITIONS = r"in|uit|te"
NOT_WHERE_IT_IS = (
    r"actief|actieve|werkzaam|aanwezig|marktleider|leider|toonaangevend|toonaangevende"
    r"|we|wij|ze|zij|het|die|dat"
)

# Read as lemmas (``relations.lexicon``): the endings a cue word may take, and the words
# that may stand between the words of a phrase ("werkt nauw samen met").
INFLECTIONS = "s|en|e|n"
MODIFIERS = (
    r"ook|mede|samen|gezamenlijk|nu|momenteel|eveneens|al|reeds|actief|rechtstreeks|nauw"
    r"|nauwe|intensief|intensieve|sterk|sterke|zich"
)

# What a sum of money in a sentence is (``cues.AmountWords``).
AMOUNT_WORDS = AmountWords(
    grant={
        "subsidie": (
            "subsidies",
            "subsidiëren",
            "subsidieert",
            "gesubsidieerd",
            "gesubsidieerde",
            "subsidiebedrag",
        ),
        "bijdrage": ("bijdragen",),
        "steun": (
            "steunt",
            "gesteund",
            "steunbedrag",
            "ondersteuning",
            "ondersteund",
            "ondersteunde",
            "ondersteunt",
        ),
        "toekennen": ("toegekend", "toegekende", "toekenning", "toegewezen"),
        "financiering": (
            "financieringen",
            "financiert",
            "financieren",
            "gefinancierd",
            "gefinancierde",
            "cofinanciering",
            "medegefinancierd",
            "medegefinancierde",
            "gecofinancierd",
            "gecofinancierde",
        ),
        "verlenen": ("verleend", "verleent", "verlening"),
    },
    receive={
        "krijgen": ("krijgt", "kreeg", "kregen", "gekregen"),
        "ontvangen": ("ontvangt", "ontving", "ontvingen"),
    },
    transfer={
        "gaan": ("gaat", "ging", "gingen"),
        "vloeien": ("vloeit",),
        "toekennen": ("toegekend", "toegewezen"),
        "bestemmen": ("bestemd",),
        "verlenen": ("verleend",),
    },
    to=("naar", "aan", "voor"),
    award_cap=("maximaal", "ten hoogste", "hoogstens", "max."),
    several=(
        "projecten",
        "initiatieven",
        "partnerschappen",
        "allianties",
        "consortia",
        "samenwerkingsverbanden",
    ),
    compounds=True,
)

# LOCATED_IN from an adjective of a country or region before a kind of organisation ("het
# Nederlandse bedrijf Acme"): see ``lang.en``.
PLACE_ADJECTIVES: dict[str, str] = {
    "nederlandse?": "NL",
    "belgische?": "BE",
    "duitse?": "DE",
    "franse?": "FR",
    "britse?": "UK",
    "luxemburgse?": "LU",
    "vlaamse?": "BE2",
    "waalse?": "BE3",
    "italiaanse?": "IT",
    "spaanse?": "ES",
    "deense?": "DK",
    "zweedse?": "SE",
    "oostenrijkse?": "AT",
    "zwitserse?": "CH",
    "ierse?": "IE",
    "poolse?": "PL",
    "amerikaanse?": "US",
}
# The noun of a project, also inside a compound ("projecten", "projectoproep"): a
# sentence that names one speaks of projects (``lexicon.project_noun``).
PROJECT_NOUNS = ("project",)
# Words by which a sentence speaks again of the several things of the sentence before
# ("... six projects. Together they receive ..."): ``lexicon.plural_reference``.
PLURAL_REFERENCE = ("ze", "zij", "samen", "beide")
ORG_NOUNS = (
    r"bedrijf|bedrijven|ondernemingen|onderneming|universiteiten|universiteit|hogescholen"
    r"|hogeschool|kennisinstellingen|kennisinstelling|instituten|instituut|ziekenhuizen"
    r"|ziekenhuis|organisaties|organisatie|partners|partner|start-?ups?|firma'?s?|scholen|school"
    r"|bureaus?|agentschappen|agentschap"
)
# Dutch writes the kind of organisation as the end of a compound ("onderzoeksinstituut").
COMPOUND_NOUNS = True
