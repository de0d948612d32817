"""Relation cue phrases in German (see ``relations.lexicon`` for the entry format)."""

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
    r"bürgermeister|bürgermeisterin|oberbürgermeister|oberbürgermeisterin|landrat|landrätin"
    r"|ministerpräsident|ministerpräsidentin|regierungspräsident|regierungspräsidentin"
)
# read by ``relations.affiliation``: the holder of such an office is named for the place
PLACE_OFFICES = _OFFICES

CUES: list[Cue] = [
    *cue_list(
        r"lead[- ]?partner|leadpartner|koordinator|koordinatorin|projektkoordinator|federführend",
        LEAD,
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"koordiniert von|geleitet von|geführt von|ins leben gerufen von",
        LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    # "Unter der Leitung der X testet das Projekt Y ...": what is led on either side
    *cue_list(
        r"unter (?:der )?(?:leitung|gesamtleitung|federführung|koordination|führung)"
        r" (?:von|vom|des|der)",
        LEAD,
        source="right",
        confidence=0.8,
    ),
    # the verb-final passive: "Das Projekt Y wird von der X geleitet"; "von" states the
    # lead only with such a participle a few words on
    *cue_list(
        r"(?:von|vom)(?= (?:[^\s.,;:!?]+ ){1,6}?(?:geleitet|koordiniert|angeführt|gesteuert)\b)",
        LEAD,
        source="right",
        target="left",
        confidence=0.75,
    ),
    # the active voice, as en "coordinates" and fr "coordonne": the lead before its verb
    # and its object after it ("Die Universität X koordiniert (seit 2023) das Projekt Y");
    # not the verb-final passive ("die von X koordiniert werden") nor "X leitet sich ab"
    *cue_list(
        r"(?:koordiniert|koordinieren|koordinierte|koordinierten|leitet|leiten)"
        r"(?= (?:[^\s.,;:]+ ){0,3}?(?:das|die|den|ein|eine|einen)\b)(?! sich)",
        LEAD,
        source="left",
        target="right",
        confidence=0.7,
        reach=120,
    ),
    # the body that takes on or answers for the coordination ("X übernimmt die Leitung",
    # "verantwortlich für die Koordination")
    *cue_list(
        r"(?:verantwortlich für|übernimmt|übernahm|übernehmen|übernahmen|die|der) die"
        r" (?:gesamtkoordination|koordination|projektkoordination|projektleitung|leitung"
        r"|federführung)"
        r"(?! (?:von|der|des|über) (?:der|die|das|dem|den|eine[rnms]?|seine[rnms]?|ihre[rnms]?)"
        r" (?!projekt|vorhaben|initiative|partnerschaft|konsortium))",
        LEAD,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
        reach=120,
    ),
    *cue_list(
        r"partner|projektpartner|teilnehmer", PART, confidence=0.7, implicit=True, source_reach=50
    ),
    *cue_list(
        r"beteiligt an|beteiligt sich an|nimmt teil an|nehmen teil an",
        PART,
        source="left",
        target="right",
    ),
    *cue_list(
        r"gemeinsam mit|zusammen mit|bestehend aus",
        PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    # "Die Zusammenarbeit besteht aus A, B und C": the finite forms of "bestehend aus",
    # whose project may be the page's own
    *cue_list(
        r"besteht aus|bestehen aus|bestand aus|bestanden aus",
        PART,
        source="right",
        target="left",
        confidence=0.7,
        implicit=True,
    ),
    *cue_list(
        r"gefördert durch|gefördert von|gefördert aus|finanziert durch|finanziert von"
        r"|kofinanziert durch|kofinanziert von|unterstützt durch|unterstützt von"
        r"|mit mitteln aus|mit mitteln des|mit mitteln der|im rahmen des|im rahmen von",
        FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"(?:erhält|erhielt|erhalten|bekommt|bekam|bekommen) (?:\S+ ){0,8}?(?:aus|von)",
        FUND,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *cue_list(
        r"förderung|fördermittel|zuschuss|beitrag", FUND, confidence=0.65, implicit=True, reach=120
    ),
    *cue_list(
        r"mitglied (?:von|des|der|im)|teil (?:von|des|der)|gehört zu",
        ORG_MEMBER,
        source="left",
        target="right",
        reach=120,
    ),
    # "X ist ein Zusammenschluss von A, B und C": die Liste nennt die Mitglieder von X
    *cue_list(
        r"(?:ist|sind|war) (?:ein|eine|der|die|das) (?:\S+ ){0,2}?(?:zusammenschluss|netzwerk"
        r"|verbund|verband|vereinigung|konsortium|bündnis|allianz|dachverband) (?:von|aus|der|des)",
        MEMBER,
        source="right",
        target="left",
        confidence=0.8,
    ),
    *cue_list(
        r"mit sitz in|ansässig in|sitz in|gelegen in|beheimatet in",
        LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    *cue_list(
        r"zusammenarbeit zwischen|kooperation zwischen|partnerschaft zwischen",
        COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    # die Parteien, die ihre Zusammenarbeit unterzeichnen oder vereinbaren
    *signing_party_cues(
        r"(?:unterzeichneten|unterzeichnen|unterschrieben) (?:\S+ ){0,4}?(?:vereinbarung"
        r"|absichtserklärung|abkommen|vertrag|kooperationsvertrag|memorandum|letter of intent)"
        r"|(?:vereinbarung|absichtserklärung|kooperationsvereinbarung|kooperationsvertrag"
        r"|letter of intent|abkommen) (?:\S+ ){0,2}?(?:unterzeichnet|unterschrieben|vereinbart"
        r"|geschlossen)"
        r"|ihre (?:zusammenarbeit|kooperation|partnerschaft)",
    ),
    *cue_list(
        r"in zusammenarbeit mit|in kooperation mit|kooperiert mit|arbeitet zusammen mit",
        COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    *cue_list(
        r"baut auf|knüpft an|nachfolger von|nachfolgeprojekt von|fortsetzung von"
        # the separable "setzt / führt ... fort" (en "continues"): the earlier project
        # stands between the verb and its particle
        r"|(?:setzt|setzen|führt|führen)(?= (?:[^\s.;:]+ ){1,8}?fort\b)",
        SUCC,
        source="left",
        target="right",
        implicit=True,
    ),
    *cue_list(
        r"(?:minister|ministerin|vorsitzender?|direktor|direktorin|geschäftsführer"
        r"|geschäftsführerin|leiter|leiterin|präsident|präsidentin|professor|professorin"
        r") (?:von|des|der|bei|für|am|an der)",
        AFF,
        source="any",
        target="right",
        reach=TIGHT,
        target_types=ORGANISATION_ENDS,
    ),
    # AFFILIATED_WITH: an office "of" a place's government (or of a body named so)
    *cue_list(
        rf"(?:{_OFFICES}) (?:von|des|der)",
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
    r"direktor|direktorin|geschäftsführer|geschäftsführerin|leiter|leiterin|präsident"
    r"|präsidentin|vizepräsident|vizepräsidentin|rektor|rektorin|prorektor|prorektorin"
    r"|professor|professorin|prof|dekan|dekanin|vorsitzender|vorsitzende|mitglied|gründer"
    r"|gründerin|koordinator|koordinatorin|sprecher|sprecherin|referent|referentin"
    r"|ingenieur|ingenieurin|projektingenieur|projektingenieurin|mitarbeiter|mitarbeiterin"
)
# Who speaks for an organisation in a quote ("... as we at Acme ..."): the words for "we".
WE = r"wir|unser|unsere|unseren|unserem|unserer|uns"
# Words tying a person to the organisation named right after ("Jana Muster von Acme",
# "Jana Muster kommt aus der Acme").
PERSON_FROM = r"von|vom|bei|aus"
# Prepositions that name where something is (with an article): a place right after one
# ("eine Tagung in Münster", "Firmen aus dem Kreis X") is named as a location, not as an
# actor.
PLACE_PREPOSITIONS = r"in|im|aus|in der|in den|in dem|aus der|aus den|aus dem|nach"
# "Acme, ein Beschichtungsbetrieb aus Gent": see ``lang.en``.
APPOSITION_ARTICLES = r"ein|eine|einem|einer|eines"
APPOSED_PLACE_PREPOSITIONS = r"in|aus"
NOT_WHERE_IT_IS = (
    r"tätig|tätige|tätiger|aktiv|aktive|aktiver|präsent|marktführer|führend|führende"
    r"|wir|sie|er|es|man|die|der|das"
)

# Read as lemmas (``relations.lexicon``): the endings a cue word may take ("beteiligten",
# "Projektpartnern"), and the words that may stand between the words of a phrase
# ("beteiligt sich auch an", "in enger Zusammenarbeit mit").
INFLECTIONS = "e|n|en|s|es|er|ern|em|in|innen"
MODIFIERS = (
    r"auch|gemeinsam|zusammen|derzeit|aktuell|bereits|schon|aktiv|direkt|maßgeblich"
    r"|ebenfalls|jetzt|eng|enger|engen|intensiv|intensiver|sich|nun"
)

# What a sum of money in a sentence is (``cues.AmountWords``).
AMOUNT_WORDS = AmountWords(
    grant={
        "förderung": (
            "förderungen",
            "fördern",
            "fördert",
            "förderte",
            "gefördert",
            "geförderte",
            "geförderten",
            "gefördertes",
            "fördermittel",
            "fördermitteln",
            "fördersumme",
            "förderbetrag",
            "fördergeld",
            "fördergelder",
            "förderzusage",
            "förderbescheid",
        ),
        "zuschuss": ("zuschüsse", "zuschüssen", "bezuschusst"),
        "zuwendung": ("zuwendungen",),
        "finanzierung": (
            "finanziert",
            "finanzierte",
            "finanzierten",
            "finanzieren",
            "kofinanziert",
            "kofinanzierte",
            "kofinanzierten",
            "kofinanzierung",
        ),
        "beitrag": ("beiträge",),
        "bewilligung": ("bewilligt", "bewilligte", "bewilligungsbescheid"),
        "unterstützung": ("unterstützt", "unterstützen"),
    },
    receive={
        "erhalten": ("erhält", "erhielt", "erhielten"),
        "bekommen": ("bekommt", "bekam", "bekamen"),
    },
    transfer={
        "gehen": ("geht", "ging", "gingen"),
        "fließen": ("fließt", "fliesst", "fliessen", "floss", "flossen"),
        "entfallen": ("entfällt",),
        "bewilligen": ("bewilligt",),
    },
    to=("an", "in", "auf", "für"),
    award_cap=("maximal", "höchstens", "max."),
    several=(
        "projekte",
        "projekten",
        "initiativen",
        "partnerschaften",
        "allianzen",
        "konsortien",
    ),
    several_counted=("vorhaben",),
    compounds=True,
)

# LOCATED_IN from an adjective of a country or region before a kind of organisation ("der
# niederländischen Firma Acme"): see ``lang.en``.
_ADJ_END = r"(?:e|en|er|em|es)?"
PLACE_ADJECTIVES: dict[str, str] = {
    rf"niederländisch{_ADJ_END}": "NL",
    rf"holländisch{_ADJ_END}": "NL",
    rf"belgisch{_ADJ_END}": "BE",
    rf"deutsch{_ADJ_END}": "DE",
    rf"französisch{_ADJ_END}": "FR",
    rf"britisch{_ADJ_END}": "UK",
    rf"luxemburgisch{_ADJ_END}": "LU",
    rf"flämisch{_ADJ_END}": "BE2",
    rf"wallonisch{_ADJ_END}": "BE3",
    rf"italienisch{_ADJ_END}": "IT",
    rf"spanisch{_ADJ_END}": "ES",
    rf"dänisch{_ADJ_END}": "DK",
    rf"schwedisch{_ADJ_END}": "SE",
    rf"österreichisch{_ADJ_END}": "AT",
    rf"schweizerisch{_ADJ_END}": "CH",
    rf"irisch{_ADJ_END}": "IE",
    rf"polnisch{_ADJ_END}": "PL",
    rf"amerikanisch{_ADJ_END}": "US",
}
# The noun of a project, also inside a compound ("Kleinprojekte", "Projektaufruf",
# "Vorhaben"): a sentence that names one speaks of projects (``lexicon.project_noun``).
PROJECT_NOUNS = ("projekt", "vorhaben")
# A lead participle and its auxiliary opening a sentence, the led thing right after them
# and its leader after "von" ("Koordiniert wird X von der Y"): ``lexicon.fronted_lead``.
FRONTED_LEAD = r"(?:geleitet|koordiniert|geführt|angeführt|gesteuert) (?:wird|werden|wurde|wurden)"
# Words by which a sentence speaks again of the several things of the sentence before
# ("... six projects. Together they receive ..."): ``lexicon.plural_reference``.
PLURAL_REFERENCE = ("sie", "gemeinsam", "zusammen", "beide")
ORG_NOUNS = (
    r"firma|firmen|unternehmens?|universitäten|universität|hochschulen|hochschule|institute?s?"
    r"|partnern|partners?|kliniken|klinik|schulen|schule|organisationen|organisation"
    r"|start-?ups?|forschungseinrichtung(?:en)?|büros?|agenturen|agentur"
)
# German writes the kind of organisation as the end of a compound ("Forschungsinstitut").
COMPOUND_NOUNS = True
