"""Cue phrases per language (English and Dutch fully, French and German basic).

Each entry: the phrases (a regular expression, "|" between alternatives), the relations
they may state, where the source and target stand, the confidence, whether a missing
project end may be the document's main project, and how far the ends may be.
"""

from __future__ import annotations

import re
from functools import cache

from innograph.ingest.relations.cues import (
    AFFILIATED_WITH,
    COLLABORATES_WITH,
    FUNDED_BY,
    LEADS,
    LOCATED_IN,
    MEMBER_OF,
    PARTICIPATES_IN,
    SUCCESSOR_OF,
    TIGHT,
    Cue,
    cue_list,
)

_ORG_MEMBER = (MEMBER_OF, PARTICIPATES_IN)
_PART = (PARTICIPATES_IN,)
_LEAD = (LEADS,)
_FUND = (FUNDED_BY,)
_LOC = (LOCATED_IN,)
_COLLAB = (COLLABORATES_WITH,)
_SUCC = (SUCCESSOR_OF,)
_AFF = (AFFILIATED_WITH,)

_EN: list[Cue] = [
    # LEADS
    *cue_list(
        r"lead partners?|leading partners?|lead beneficiar(?:y|ies)|main institution"
        r"|lead organi[sz]ations?|lead applicants?|project coordinators?|coordinators?"
        r"|co-?ordinating partner|co-?\s?leads?|co-?\s?leaders?|project leaders?|leader",
        _LEAD,
        confidence=0.8,
        implicit=True,
        source_reach=60,
    ),
    *cue_list(
        r"coordinated by|co-?ordinated by|led by|co-?led by|headed by|chaired by|launched by"
        r"|steered by|spearheaded by|managed by|run by",
        _LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    *cue_list(
        r"coordinates|co-?ordinates|coordinated(?! by)|leads|is leading|are leading|heads"
        r"|launched(?! by)|spearheads",
        _LEAD,
        source="left",
        target="right",
        confidence=0.7,
        reach=120,
    ),
    # PARTICIPATES_IN
    *cue_list(
        r"partners?|project partners?|consortium partners?|participants?|beneficiaries",
        _PART,
        confidence=0.7,
        implicit=True,
        source_reach=50,
    ),
    *cue_list(
        r"participates? in|participated in|participating in|takes? part in|took part in"
        r"|is involved in|are involved in|were involved in|joined|active in|partner in"
        r"|partners in|members? of the consortium",
        _PART,
        source="left",
        target="right",
        confidence=0.75,
    ),
    *cue_list(
        r"initiated by|set up by|founded by|in partnership with|consortium of"
        r"|consisting of|made up of|comprising|composed of|brings together|bringing together"
        r"|(?:cooperation|collaboration|partnership|joint) project between",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"together with|along with|alongside",
        _PART,
        source="right",
        target="left",
        confidence=0.65,
        source_reach=40,
    ),
    *cue_list(
        r"hosted|organi[sz]ed|co-?organi[sz]ed|hosts|organi[sz]es|co-?hosted",
        _PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=160,
    ),
    *cue_list(
        r"attended|attends|was present at|were present at|exhibited at"
        r"|spoke at|pitched at",
        _PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=120,
    ),
    *cue_list(
        r"hosted by|organi[sz]ed by|co-?organi[sz]ed by",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"in the context of|in the framework of|within the framework of",
        (PARTICIPATES_IN, FUNDED_BY),
        source="left",
        target="right",
        confidence=0.6,
        reach=160,
    ),
    # FUNDED_BY
    *cue_list(
        r"funded by|co-?funded by|financed by|co-?financed by|supported by|sponsored by"
        r"|subsidi[sz]ed by|funded through|financed through|funded under|financed under"
        r"|funded from|funded within|selected under|implemented under|falls under|under the"
        r"|with (?:the )?(?:financial )?support (?:of|from)|grants? from|funding from"
        r"|subsid(?:y|ies) from|contribution from|co-?financing from|as part of",
        _FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"funding|grants?|subsid(?:y|ies)|co-?financing|co-?funding|co-?financed|co-?funded|contribution"
        r"|[\w-]+-funded|[\w-]+-financed|[\w-]+-supported",
        _FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    *cue_list(
        r"funds|finances|co-?finances|supports|contributes|contributed|awarded|granted",
        _FUND,
        source="right",
        target="left",
        confidence=0.6,
        reach=120,
    ),
    # MEMBER_OF
    *cue_list(
        r"members? of|is part of|are part of|part of|belongs to|belong to|a division of"
        r"|a department of|a unit of|a subsidiary of|affiliated to",
        _ORG_MEMBER,
        source="left",
        target="right",
        confidence=0.75,
        reach=120,
    ),
    *cue_list(
        r"members include|members are|member organi[sz]ations include|whose members include"
        r"|brings together (?:its )?members",
        (MEMBER_OF,),
        source="right",
        target="left",
        confidence=0.7,
    ),
    # LOCATED_IN
    *cue_list(
        r"based in|located in|headquartered in|situated in|seated in|with offices in"
        r"|registered in|established in|settled in|offices in",
        _LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    # COLLABORATES_WITH
    *cue_list(
        r"(?:cooperation|co-operation|collaboration|partnership|alliance|exchange|discussion"
        r"|agreement) between|partnership of|jointly hosted by|hosted together by"
        r"|partnership (?:made up of|consisting of|composed of|formed by)",
        _COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *cue_list(
        r"collaborate|cooperate|co-operate|work together|worked together|working together"
        r"|jointly (?:organi[sz]ed|hosted)|hosted together|teamed up|joined forces",
        _COLLAB,
        source="left",
        target="left",
        confidence=0.65,
        group=True,
    ),
    *cue_list(
        r"in cooperation with|in collaboration with|in co-operation with|collaborates with"
        r"|cooperates with|works with|partnered with|together with",
        _COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    # SUCCESSOR_OF
    *cue_list(
        r"builds? (?:up)?on|building (?:up)?on|built (?:up)?on|follow-?up (?:of|to|on)"
        r"|follow-?up project (?:of|to)|successor (?:of|to)|continuation of|continues"
        r"|predecessors?|second edition of|next phase of|extension of|follows on from"
        r"|follows up on|successor project (?:of|to)",
        _SUCC,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *cue_list(
        r"succeeded by|followed by|continued by|continued in",
        _SUCC,
        source="right",
        target="left",
        confidence=0.7,
    ),
    # AFFILIATED_WITH: role phrases touching both ends
    *cue_list(
        r"(?:minister|chair(?:man|woman|person)?|president|vice-president|director"
        r"|director-general|managing director|ceo|cto|cfo|head|manager|professor|researcher"
        r"|coordinator|representative|spokes(?:person|man|woman)|secretary(?:-| )general"
        r"|founder|co-founder|member of the board|board member|advisor|adviser|officer"
        r"|policy officer|senior advisor|partner|lead|leader|mayor|governor|dean|rector"
        r"|employee) (?:of|at|for|with)|works? (?:at|for)|working (?:at|for)|employed by",
        _AFF,
        source="any",
        target="right",
        confidence=0.75,
        reach=TIGHT,
    ),
]

_NL: list[Cue] = [
    # LEADS
    *cue_list(
        r"penvoerder|projectverantwoordelijke|hoofdaanvrager|co[öo]rdinator|projectco[öo]rdinator"
        r"|trekker|projectleider|leadpartner|lead partner|projecttrekker|kartrekker",
        _LEAD,
        confidence=0.8,
        implicit=True,
        source_reach=60,
    ),
    *cue_list(
        r"onder leiding van|gec[öo][öo]rdineerd door|geleid door|getrokken door"
        r"|gelanceerd door|opgezet door|aangestuurd door|voorgezeten door",
        _LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    # Dutch puts the verb last ("X heeft het programma Y gelanceerd"): ends on any side.
    *cue_list(
        r"co[öo]rdineert|leidt|trekt|lanceerde|lanceert|gelanceerd",
        _LEAD,
        confidence=0.65,
        reach=120,
    ),
    # PARTICIPATES_IN
    *cue_list(
        r"partners?|projectpartners?|deelnemers?|deelnemende|consortiumpartners?|begunstigden",
        _PART,
        confidence=0.7,
        implicit=True,
        source_reach=50,
    ),
    *cue_list(
        r"neemt deel aan|nemen deel aan|namen deel aan|nam deel aan|deelnemen aan"
        r"|betrokken bij|actief in|partner in|partners in",
        _PART,
        source="left",
        target="right",
        confidence=0.75,
    ),
    *cue_list(
        r"initiatief van|ge[ïi]nitieerd door|opgericht door"
        r"|consortium van|bestaande uit|bestaat uit|samenwerkingsproject tussen"
        r"|samenwerkingsverband tussen|brengt samen",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"samen met|in samenwerking met",
        _PART,
        source="right",
        target="left",
        confidence=0.65,
        source_reach=40,
    ),
    *cue_list(
        r"was aanwezig op|waren aanwezig op|aanwezig op|aanwezig bij|sprak op|stond op"
        r"|presenteerde op",
        _PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=120,
    ),
    *cue_list(
        r"georganiseerd door|gehost door|ingericht door",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"organiseert|organiseerde|organiseerden|georganiseerd",
        _PART,
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
        r"gefinancierd (?:\S+ ){0,2}?door|gefinancierd met|gefinancierd vanuit|gefinancierd uit"
        r"|medegefinancierd door|gecofinancierd door|gesubsidieerd door|ondersteund door"
        r"|gesteund door|met steun van|met steun uit|steun uit|steun van|met middelen van"
        r"|met middelen uit|middelen uit|bijdrage van|bijdrage uit|subsidie van|subsidie uit"
        r"|valt onder|vallen onder|binnen het programma|komt (?:\S+ ){0,3}?uit"
        r"|komen (?:\S+ ){0,3}?uit|afkomstig uit|afkomstig van",
        _FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"subsidie|subsidies|cofinanciering|co-financiering|financiering|steun|bijdrage"
        r"|[\w-]*-subsidie|[\w-]*-steun|[\w-]*-middelen",
        _FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    *cue_list(
        r"financiert|financierde|subsidieert|ondersteunt|steunt|draagt bij|keurde goed"
        r"|goedgekeurd",
        _FUND,
        source="right",
        target="left",
        confidence=0.55,
        reach=120,
    ),
    # MEMBER_OF
    *cue_list(
        r"lid van|leden van|onderdeel van|deel van|maakt deel uit van|maken deel uit van"
        r"|aangesloten bij|behoort tot|afdeling van|dochteronderneming van",
        _ORG_MEMBER,
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
    # LOCATED_IN
    *cue_list(
        r"gevestigd in|gevestigd te|met zetel in|met zetel te|zetel in|hoofdkantoor in"
        r"|gelegen in|gelegen te|gehuisvest in|kantoor in",
        _LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    # COLLABORATES_WITH
    *cue_list(
        r"samenwerking tussen|partnerschap tussen|samenwerkingsverband tussen|uitwisseling tussen"
        r"|overleg tussen|partnerschap van",
        _COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *cue_list(
        r"werken samen|werkten samen|samen georganiseerd|slaan de handen in elkaar"
        r"|bundelen de krachten|gezamenlijk georganiseerd",
        _COLLAB,
        source="left",
        target="left",
        confidence=0.65,
        group=True,
    ),
    *cue_list(
        r"werkt samen met|werken samen met|in samenwerking met|samenwerkt met|samenwerken met",
        _COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    # SUCCESSOR_OF
    *cue_list(
        r"bouwt verder op|bouwen verder op|voortbouwend op|bouwt voort op|voortbouwt op"
        r"|opvolger van|vervolg op|vervolgproject van|voortzetting van|voorgangers?|voorloper"
        r"|tweede editie van|volgt op",
        _SUCC,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *cue_list(
        r"opgevolgd door|gevolgd door|voortgezet in|voortgezet door",
        _SUCC,
        source="right",
        target="left",
        confidence=0.7,
    ),
    # AFFILIATED_WITH
    *cue_list(
        r"(?:minister|voorzitter|ondervoorzitter|directeur|algemeen directeur|gedeputeerde"
        r"|burgemeester|wethouder|schepen|ceo|cto|hoofd|manager|hoogleraar|professor"
        r"|onderzoeker|co[öo]rdinator|woordvoerder|secretaris-generaal|oprichter|medeoprichter"
        r"|bestuurder|bestuurslid|adviseur|medewerker|projectleider|gouverneur|decaan|rector"
        r"|commissaris van de koning) (?:van|bij|aan)|werkzaam bij|werkt bij|werkt voor|namens",
        _AFF,
        source="any",
        target="right",
        confidence=0.75,
        reach=TIGHT,
    ),
]

_FR: list[Cue] = [
    *cue_list(
        r"chef de file|coordinateur|coordinatrice|porteur du projet|porteur de projet",
        _LEAD,
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"coordonné par|coordonnée par|piloté par|pilotée par|porté par|portée par|dirigé par"
        r"|dirigée par|lancé par|lancée par",
        _LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    *cue_list(r"partenaires?|participants?", _PART, confidence=0.7, implicit=True, source_reach=50),
    *cue_list(
        r"participe à|participent à|prend part à|impliqué dans|impliqués dans|actif dans",
        _PART,
        source="left",
        target="right",
    ),
    *cue_list(
        r"en partenariat avec|avec le concours de|composé de|réunit|organisé par",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"financé par|financée par|cofinancé par|cofinancée par|co-financé par|soutenu par"
        r"|soutenue par|subventionné par|subventionnée par|avec le soutien de"
        r"|grâce au soutien de|dans le cadre du programme|dans le cadre de|au titre du",
        _FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"subventions?|financement|cofinancement|contribution",
        _FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    *cue_list(
        r"membre de|membres de|fait partie de|font partie de",
        _ORG_MEMBER,
        source="left",
        target="right",
        reach=120,
    ),
    *cue_list(
        r"basée? à|basée? en|basée? dans|située? à|située? en|située? dans|implantée? à"
        r"|établie? à|siège à|siège social à|installée? à",
        _LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    *cue_list(
        r"collaboration entre|coopération entre|partenariat entre",
        _COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *cue_list(
        r"en collaboration avec|en coopération avec|collabore avec|coopère avec",
        _COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    *cue_list(
        r"fait suite à|successeur de|prolongement de|s'appuie sur|s’appuie sur"
        r"|deuxième édition de|suite du projet",
        _SUCC,
        source="left",
        target="right",
        implicit=True,
    ),
    *cue_list(
        r"(?:ministre|président|présidente|directeur|directrice|responsable|coordinateur"
        r"|coordinatrice|fondateur|fondatrice|bourgmestre|maire|gouverneur|professeur"
        r"|chercheur|chercheuse) (?:de la|de l'|de l’|des|du|de|à|chez)",
        _AFF,
        source="any",
        target="right",
        reach=TIGHT,
    ),
]

_DE: list[Cue] = [
    *cue_list(
        r"lead-?partner|leadpartner|koordinator|koordinatorin|projektkoordinator|federführend",
        _LEAD,
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"koordiniert von|geleitet von|geführt von|ins leben gerufen von",
        _LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    *cue_list(
        r"partner|projektpartner|teilnehmer", _PART, confidence=0.7, implicit=True, source_reach=50
    ),
    *cue_list(
        r"beteiligt an|beteiligt sich an|nimmt teil an|nehmen teil an",
        _PART,
        source="left",
        target="right",
    ),
    *cue_list(
        r"gemeinsam mit|zusammen mit|bestehend aus",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"gefördert durch|gefördert von|gefördert aus|finanziert durch|finanziert von"
        r"|kofinanziert durch|kofinanziert von|unterstützt durch|unterstützt von"
        r"|mit mitteln aus|mit mitteln des|mit mitteln der|im rahmen des|im rahmen von",
        _FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"förderung|fördermittel|zuschuss|beitrag", _FUND, confidence=0.65, implicit=True, reach=120
    ),
    *cue_list(
        r"mitglied (?:von|des|der|im)|teil (?:von|des|der)|gehört zu",
        _ORG_MEMBER,
        source="left",
        target="right",
        reach=120,
    ),
    *cue_list(
        r"mit sitz in|ansässig in|sitz in|gelegen in|beheimatet in",
        _LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    *cue_list(
        r"zusammenarbeit zwischen|kooperation zwischen|partnerschaft zwischen",
        _COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *cue_list(
        r"in zusammenarbeit mit|in kooperation mit|kooperiert mit|arbeitet zusammen mit",
        _COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    *cue_list(
        r"baut auf|knüpft an|nachfolger von|nachfolgeprojekt von|fortsetzung von",
        _SUCC,
        source="left",
        target="right",
        implicit=True,
    ),
    *cue_list(
        r"(?:minister|ministerin|vorsitzender?|direktor|direktorin|geschäftsführer"
        r"|geschäftsführerin|leiter|leiterin|präsident|präsidentin|professor|professorin"
        r"|bürgermeister|bürgermeisterin) (?:von|des|der|bei|für|am|an der)",
        _AFF,
        source="any",
        target="right",
        reach=TIGHT,
    ),
]

CUES: dict[str, list[Cue]] = {"en": _EN, "nl": _NL, "fr": _FR, "de": _DE}


@cache
def _cue_patterns(lang: str) -> tuple[tuple[re.Pattern[str], tuple[Cue, ...]], ...]:
    grouped: dict[str, list[Cue]] = {}
    for cue in CUES.get(lang, CUES["en"]):
        grouped.setdefault(cue.pattern, []).append(cue)
    # Compiled for lower-cased text and without a leading look-behind, so that the
    # regex engine can jump to its literal prefix: many times faster than IGNORECASE.
    return tuple(
        (re.compile("(?:" + p.replace(" ", r"\s+") + r")(?![\w-])"), tuple(cues))
        for p, cues in grouped.items()
    )


def find_cues(lowered: str, lang: str) -> list[tuple[int, int, tuple[Cue, ...]]]:
    """(start, end, cues) of the cue phrases in a lower-cased text, in text order.

    A phrase inside a longer one is dropped ("partner" in "lead partner"); cues that
    share a pattern share a match."""
    found = []
    for rx, cues in _cue_patterns(lang):
        for m in rx.finditer(lowered):
            start = m.start()
            if start and (lowered[start - 1].isalnum() or lowered[start - 1] in "-_"):
                continue
            found.append((start, m.end(), cues))
    found.sort(key=lambda f: (f[0], -f[1]))
    kept = []
    best_start, best_end = -1, -1
    for start, end, cues in found:
        if end <= best_end and (best_end - best_start) > (end - start):
            continue
        kept.append((start, end, cues))
        if end > best_end:
            best_start, best_end = start, end
    return kept
