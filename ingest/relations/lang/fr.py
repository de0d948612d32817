"""Relation cue phrases in French (see ``relations.lexicon`` for the entry format)."""

from __future__ import annotations

from innograph.ingest.relations.cues import (
    ORGANISATION_ENDS,
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
    r"maire|bourgmestre|échevin|échevine|gouverneur|gouverneure|ministre-président"
    r"|ministre-présidente|député provincial|députée provinciale|député-président"
    r"|députée-présidente"
)
# read by ``relations.affiliation``: the holder of such an office is named for the place
PLACE_OFFICES = _OFFICES

CUES: list[Cue] = [
    *cue_list(
        r"chef de file|coordinateur|coordinatrice|porteur du projet|porteur de projet",
        LEAD,
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"coordonné par|coordonnée par|piloté par|pilotée par|porté par|portée par|dirigé par"
        r"|dirigée par|lancé par|lancée par",
        LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    # "Sous la coordination de X, le projet Y ...": what is led on either side
    *cue_list(
        r"sous la (?:coordination|direction|responsabilité|conduite|houlette|présidence)"
        r" (?:de la|de l['’]|du|des|de|d['’])",
        LEAD,
        source="right",
        confidence=0.8,
    ),
    # the body that takes on or answers for the coordination ("X assure la coordination")
    *cue_list(
        r"(?:assure|assurent|assurait|assurera|assurer|responsable de|en charge de|chargée? de"
        r"|prend en charge) la (?:coordination|direction|gestion)"
        r"(?! (?:de|du|des) (?:la |le |les |son |sa |ses |leur |l'|l’)(?!projet|initiative"
        r"|partenariat|consortium))",
        LEAD,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
        reach=120,
    ),
    # the active voice (en "coordinates", "leads"): the lead before its verb
    *cue_list(
        r"coordonne|coordonnent|pilote|pilotent|dirige|dirigent|mène|mènent",
        LEAD,
        source="left",
        target="right",
        confidence=0.7,
        reach=120,
    ),
    *cue_list(r"partenaires?|participants?", PART, confidence=0.7, implicit=True, source_reach=50),
    # the finite and past forms of "participer", "prendre part", "s'engager" ("ont participé
    # au", "a pris part aux", "engagés dans")
    *cue_list(
        r"participe à|participent à|participé à|participera à|participeront à|participant à"
        r"|prend part à|prennent part à|pris part à|impliqué dans|impliqués dans|engagé dans"
        r"|actif dans|partenaire de|partenaires de",
        PART,
        source="left",
        target="right",
    ),
    *cue_list(
        r"en partenariat avec|avec le concours de|composé de|constitué de|formé de|réunit"
        r"|rassemble|regroupe|organisé par|co-?organisé par|accueilli par|initié par"
        r"|fondé par|créé par|mis en place par|mis sur pied par|associant",
        PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    # at an event (en "attended", "was present at", "exhibited at", "spoke at")
    *cue_list(
        r"(?:était|étaient|sera|seront|est|sont) présente?s? à"
        r"|(?:était|étaient|sera|seront|est|sont) présente?s? lors de|a exposé à|ont exposé à"
        r"|expose à|exposent à|exposera à|a pris la parole à|a pris la parole lors de"
        r"|est intervenue? à|est intervenue? lors de",
        PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=120,
    ),
    *cue_list(
        r"dans le cadre de",
        PART,
        source="left",
        target="right",
        confidence=0.6,
        reach=160,
    ),
    *cue_list(
        # "financé à hauteur de 60 % par": a share may stand between the verb and "par"
        r"financé (?:[^\s.;:]+ ){0,7}?par|cofinancé (?:[^\s.;:]+ ){0,7}?par"
        r"|co-financé (?:[^\s.;:]+ ){0,7}?par|soutenu (?:[^\s.;:]+ ){0,3}?par"
        r"|subventionné (?:[^\s.;:]+ ){0,3}?par|appuyé par|avec le soutien de"
        r"|avec l['’]appui de|avec l['’]aide de|grâce au soutien de|grâce au financement de"
        r"|grâce à un financement de|financé via|financé grâce à|dans le cadre de|au titre de",
        FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"(?:reçoit|reçoivent|recevra|obtient|obtiennent|bénéficie|bénéficient)"
        r" (?:\S+ ){0,8}?(?:du|de la|de l['’]|des|de la part du|de la part de)",
        FUND,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *cue_list(
        r"subventions?|financement|cofinancement|contribution",
        FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    # "la Région finance le projet X": the funder before its verb, the project after
    *cue_list(
        r"finance|financent|cofinance|cofinancent|soutient|soutiennent|subventionne"
        r"|subventionnent|a financé|ont financé|a soutenu|ont soutenu|octroie|octroient",
        FUND,
        source="right",
        target="left",
        confidence=0.6,
        reach=120,
    ),
    *cue_list(
        r"membre de|membres de|fait partie de|font partie de|adhère à|adhèrent à|a adhéré à"
        r"|affilié à|rattaché à|appartient à|appartiennent à|filiale de|division de",
        ORG_MEMBER,
        source="left",
        target="right",
        reach=120,
    ),
    # "le pôle X compte parmi ses membres A, B et C" (en "members include")
    *cue_list(
        r"compte parmi ses membres|parmi ses membres|ses membres sont|dont les membres sont",
        MEMBER,
        source="right",
        target="left",
        confidence=0.7,
    ),
    # "X est un réseau de A, B et C": la liste nomme les membres de X
    *cue_list(
        r"(?:est|sont|était) (?:un|une|le|la|l['’]) ?(?:\S+ ){0,2}?(?:réseau|association|alliance"
        r"|regroupement|fédération|consortium|groupement|union) (?:de|des|d['’])",
        MEMBER,
        source="right",
        target="left",
        confidence=0.8,
    ),
    *cue_list(
        r"bas(?:é|ée|és|ées) (?:à|au|aux|en|dans)|situ(?:é|ée|és|ées) (?:à|au|aux|en|dans)"
        r"|implant(?:é|ée|és|ées) (?:à|au|aux|en|dans)|établi(?:e|s|es)? (?:à|au|aux|en)|siège à"
        r"|siège social à|siège est (?:situé )?(?:à|en)|install(?:é|ée|és|ées) (?:à|en)"
        r"|domicili(?:é|ée|és|ées) à|localis(?:é|ée|és|ées) (?:à|en)",
        LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    *cue_list(
        r"collaboration entre|coopération entre|partenariat entre|alliance entre|accord entre"
        r"|échanges? entre|rapprochement entre|synergies? entre",
        COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    # les parties qui signent ou scellent leur coopération
    *signing_party_cues(
        r"(?:ont|a) signé (?:\S+ ){0,4}?(?:accord|convention|protocole|mémorandum|charte"
        r"|lettre d'intention|lettre d’intention)"
        r"|leur (?:coopération|collaboration|partenariat)",
    ),
    # "A et B collaborent", "s'associent", "unissent leurs forces": every one of the list
    *cue_list(
        r"collaborent|coopèrent|travaillent ensemble|ont collaboré|ont coopéré|s['’]associent"
        r"|se sont associés|s['’]allient|unissent leurs forces|joignent leurs forces"
        r"|ont uni leurs forces|ont joint leurs forces",
        COLLAB,
        source="left",
        target="left",
        confidence=0.65,
        group=True,
    ),
    *cue_list(
        r"en collaboration avec|en coopération avec|collabore avec|coopère avec"
        r"|a collaboré avec|ont collaboré avec|travaille avec|travaillent avec"
        r"|s['’]associe (?:à|au|aux|avec)|s['’]est associé (?:à|au|aux|avec)",
        COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    *cue_list(
        r"fait suite à|successeur de|prolongement de|s'appuie sur|s’appuie sur"
        r"|deuxième édition de|suite du projet"
        # the verbs, as en "continues" / "follows on from"
        r"|prolonge|prolongent|poursuit les travaux d[eu]|succède à|dans la continuité d[eu]",
        SUCC,
        source="left",
        target="right",
        implicit=True,
    ),
    *cue_list(
        r"(?:ministre|président|présidente|vice-président|vice-présidente|directeur|directrice"
        r"|directeur général|directrice générale|administrateur délégué|administratrice déléguée"
        r"|administrateur|administratrice|secrétaire général|secrétaire générale|porte-parole"
        r"|responsable|coordinateur|coordinatrice|fondateur|fondatrice|cofondateur|cofondatrice"
        r"|professeur|professeure|chercheur|chercheuse|recteur|rectrice|doyen|doyenne|ceo"
        r"|conseiller|conseillère|collaborateur|collaboratrice|ingénieur|ingénieure|cto|cfo"
        r"|manager|représentant|représentante|délégué général|déléguée générale|gérant|gérante"
        r"|chef de projet|cheffe de projet|chef de service|chargé de projet|chargée de projet"
        r"|chargé de mission|chargée de mission|employé|employée"
        r"|membre du conseil d['’]administration)"
        # "chercheuse au CNRS", "professeur aux Facultés", "au sein de", "auprès de"
        r" (?:au sein (?:de la|de l['’]|du|des|de|d['’])|auprès (?:de la|de l['’]|du|des|de|d['’])"
        r"|de la|de l'|de l’|des|du|de|d'|d’|à|au|aux|chez)"
        r"|travaille (?:pour|chez|au sein de|auprès de)|travaillent (?:pour|chez|au sein de)"
        r"|employée? par",
        AFF,
        source="any",
        target="right",
        reach=TIGHT,
        target_types=ORGANISATION_ENDS,
    ),
    # AFFILIATED_WITH: an office "of" a place's government (or of a body named so)
    *cue_list(
        rf"(?:{_OFFICES}) (?:de la|de l'|de l’|des|du|de)",
        AFF,
        source="any",
        target="right",
        reach=TIGHT,
    ),
    # AFFILIATED_WITH: an office of a place's government, the place on either side
    *place_office_cues(_OFFICES),
]

# Roles a person holds in an organisation (``relations.affiliation``): a sentence that ties
# one to a person names the organisation the person is affiliated with.
PERSON_ROLES = (
    r"directeur|directrice|président|présidente|vice-président|vice-présidente|recteur"
    r"|rectrice|professeur|professeure|prof|chercheur|chercheuse|membre|fondateur|fondatrice"
    r"|coordinateur|coordinatrice|administrateur|administratrice|porte-parole|responsable"
    r"|doyen|doyenne|ingénieur|ingénieure|collaborateur|collaboratrice|ceo|secrétaire"
    r"|conseiller|conseillère|cofondateur|cofondatrice|manager|cto|cfo|représentant"
    r"|représentante|délégué|déléguée|gérant|gérante|chargé|chargée|employé|employée"
)
# Who speaks for an organisation in a quote ("... as we at Acme ..."): the words for "we".
WE = r"nous|notre|nos"
# Words tying a person to the organisation named right after ("Jeanne Dupont de Acme",
# "Jeanne Dupont, chez Acme").
PERSON_FROM = r"de|du|des|chez"
# Prepositions that name where something is (with an article): a place right after one
# ("un salon à Lille", "en Wallonie") is named as a location, not as an actor.
PLACE_PREPOSITIONS = r"à|au|aux|en|dans|dans la|dans le|dans les|dans l['’]"
# "Acme, une PME de Gand", "Acme, un laboratoire basé à Gand": see ``lang.en``.
APPOSITION_ARTICLES = r"un|une"
APPOSED_PLACE_PREPOSITIONS = r"de|d['’]|à"
NOT_WHERE_IT_IS = (
    r"actif|active|actifs|actives|présent|présente|leader|spécialiste"
    r"|nous|ils|elles|il|elle|qui|que|on"
)

# Read as lemmas (``relations.lexicon``): the endings a cue word may take ("coordonnée",
# "partenaires"), and the words that may stand between the words of a phrase
# ("en étroite collaboration avec").
INFLECTIONS = "s|e|es|x"
# A preposition fused with the article after it: a cue word "de" or "à" also reads these.
CONTRACTIONS = {"de": r"de|du|des|d['’]", "à": r"à|au|aux"}
MODIFIERS = (
    r"aussi|également|conjointement|ensemble|actuellement|déjà|activement|directement"
    r"|étroite|étroit|étroitement|forte|fort|activement"
)

# What a sum of money in a sentence is (``cues.AmountWords``).
AMOUNT_WORDS = AmountWords(
    grant={
        "subvention": (
            "subventions",
            "subventionné",
            "subventionnée",
            "subventionnés",
            "subventionnées",
            "subventionne",
            "subventionnent",
            "subside",
            "subsides",
        ),
        "financement": (
            "financements",
            "financé",
            "financée",
            "financés",
            "financées",
            "finance",
            "financent",
            "financera",
            "cofinancement",
            "cofinancé",
            "cofinancée",
            "cofinancés",
            "cofinancées",
        ),
        "aide": ("aides",),
        "soutien": ("soutenu", "soutenue", "soutenus", "soutenues", "soutient", "soutiennent"),
        "contribution": ("contributions", "contribue", "contribuent"),
        "dotation": ("dotations",),
        "octroyer": ("octroyé", "octroyée", "octroyés", "octroyées", "octroi"),
        "accorder": ("accordé", "accordée", "accordés", "accordées"),
    },
    receive={
        "recevoir": ("reçoit", "reçoivent", "recevra", "recevront", "reçu", "reçue"),
        "obtenir": ("obtient", "obtiennent", "obtenu", "obtenue", "obtiendra"),
        "bénéficier": ("bénéficie", "bénéficient", "bénéficiera", "bénéficieront"),
    },
    transfer={
        "aller": ("va", "vont", "ira", "iront"),
        "revenir": ("revient", "reviennent"),
        "attribuer": ("attribué", "attribuée", "attribués", "attribuées"),
        "allouer": ("alloué", "allouée", "alloués", "allouées"),
        "octroyer": ("octroyé", "octroyée", "octroyés", "octroyées"),
        "destiner": ("destiné", "destinée", "destinés", "destinées"),
    },
    to=("à", "au", "aux", "pour"),
    award_cap=("au maximum", "maximum"),
    several=("projets", "initiatives", "partenariats", "alliances", "consortiums"),
)

# LOCATED_IN from an adjective of a country or region after a kind of organisation
# ("l'entreprise néerlandaise Acme"; French puts the adjective after the noun): see
# ``lang.en``.
PLACE_ADJECTIVES: dict[str, str] = {
    r"néerlandaise?s?": "NL",
    r"belges?": "BE",
    r"allemande?s?": "DE",
    r"français(?:es?)?": "FR",
    r"britanniques?": "UK",
    r"luxembourgeois(?:es?)?": "LU",
    r"flamande?s?": "BE2",
    r"wallon(?:ne)?s?": "BE3",
    r"italiens?|italiennes?": "IT",
    r"espagnole?s?": "ES",
    r"danoise?s?": "DK",
    r"suédoise?s?": "SE",
    r"autrichiens?|autrichiennes?": "AT",
    r"suisses?": "CH",
    r"irlandaise?s?": "IE",
    r"polonaise?s?": "PL",
    r"américains?|américaines?": "US",
}
# The noun of a project, also inside a compound ("projets", "microprojet"): a sentence
# that names one speaks of projects (``lexicon.project_noun``).
PROJECT_NOUNS = ("projet",)
# Words by which a sentence speaks again of the several things of the sentence before
# ("... six projects. Together they receive ..."): ``lexicon.plural_reference``.
PLURAL_REFERENCE = ("ils", "elles", "ensemble", "tous deux")
ORG_NOUNS = (
    r"entreprises?|sociétés?|universités?|instituts?|écoles?|hautes? écoles?|hôpital|hôpitaux"
    r"|partenaires?|organisations?|start-?ups?|centres? de recherche"
)
ADJECTIVE_AFTER_NOUN = True
