"""Cue lexicons for relation extraction, per language (EN, NL fully; FR, DE basic).

A cue is a phrase that states a relation: "coordinated by", "penvoerder", "financé par".
Each cue says which relations it may express (the first one whose ontology domain and
range fit the two ends wins), on which side of the cue the source and the target stand,
and how confident a match is. Relation names and their allowed end types come from the
ontology (``innograph.ontology.terms``); this module only holds words of general language
knowledge, written from scratch (not taken from any sample document).

Pattern syntax: a regular expression, matched case-insensitively on word boundaries;
a plain space matches any run of whitespace (line breaks included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

Side = Literal["left", "right", "any"]

LEADS = "LEADS"
PARTICIPATES_IN = "PARTICIPATES_IN"
FUNDED_BY = "FUNDED_BY"
MEMBER_OF = "MEMBER_OF"
LOCATED_IN = "LOCATED_IN"
COLLABORATES_WITH = "COLLABORATES_WITH"
SUCCESSOR_OF = "SUCCESSOR_OF"
AFFILIATED_WITH = "AFFILIATED_WITH"

# How far (characters) an end may stand from its cue: a normal clause, or "tight" for
# role phrases that must touch both ends ("Jane Doe, director of Acme").
REACH = 220
TIGHT = 40


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase that states one of ``relations`` between a mention before/after it."""

    pattern: str
    relations: tuple[str, ...]
    source: Side = "any"
    target: Side = "any"
    confidence: float = 0.75
    # A missing Project/S3Platform end may be the document's main project.
    implicit: bool = False
    reach: int = REACH
    # Symmetric group cue: every pair of the list on ``source`` side ("cooperation
    # between A, B and C") collaborates.
    group: bool = False
    # A tighter reach for the source end ("partners: A, B" must name them right there).
    source_reach: int | None = None


def split_alternatives(patterns: str) -> list[str]:
    """The top-level "|" alternatives of a pattern string (groups stay whole)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(patterns):
        if ch == "(" and (i == 0 or patterns[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and (i == 0 or patterns[i - 1] != "\\"):
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(patterns[start:i])
            start = i + 1
    out.append(patterns[start:])
    return [p.strip() for p in out if p.strip()]


def _cues(
    patterns: str,
    relations: tuple[str, ...],
    *,
    source: Side = "any",
    target: Side = "any",
    confidence: float = 0.75,
    implicit: bool = False,
    reach: int = REACH,
    group: bool = False,
    source_reach: int | None = None,
) -> list[Cue]:
    """Several cues with the same reading, written as one "|"-separated string."""
    return [
        Cue(p, relations, source, target, confidence, implicit, reach, group, source_reach)
        for p in split_alternatives(patterns)
    ]


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
    *_cues(
        r"lead partners?|leading partners?|lead beneficiar(?:y|ies)|main institution"
        r"|lead organi[sz]ations?|lead applicants?|project coordinators?|coordinators?"
        r"|co-?ordinating partner|co-?\s?leads?|co-?\s?leaders?|project leaders?|leader",
        _LEAD,
        confidence=0.8,
        implicit=True,
        source_reach=60,
    ),
    *_cues(
        r"coordinated by|co-?ordinated by|led by|co-?led by|headed by|chaired by|launched by"
        r"|steered by|spearheaded by|managed by|run by",
        _LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    *_cues(
        r"coordinates|co-?ordinates|coordinated(?! by)|leads|is leading|are leading|heads"
        r"|launched(?! by)|spearheads",
        _LEAD,
        source="left",
        target="right",
        confidence=0.7,
        reach=120,
    ),
    # PARTICIPATES_IN
    *_cues(
        r"partners?|project partners?|consortium partners?|participants?|beneficiaries",
        _PART,
        confidence=0.7,
        implicit=True,
        source_reach=50,
    ),
    *_cues(
        r"participates? in|participated in|participating in|takes? part in|took part in"
        r"|is involved in|are involved in|were involved in|joined|active in|partner in"
        r"|partners in|members? of the consortium",
        _PART,
        source="left",
        target="right",
        confidence=0.75,
    ),
    *_cues(
        r"initiated by|set up by|founded by|in partnership with|consortium of"
        r"|consisting of|made up of|comprising|composed of|brings together|bringing together"
        r"|(?:cooperation|collaboration|partnership|joint) project between",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *_cues(
        r"together with|along with|alongside",
        _PART,
        source="right",
        target="left",
        confidence=0.65,
        source_reach=40,
    ),
    *_cues(
        r"hosted|organi[sz]ed|co-?organi[sz]ed|hosts|organi[sz]es|co-?hosted",
        _PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=160,
    ),
    *_cues(
        r"attended|attends|was present at|were present at|exhibited at"
        r"|spoke at|pitched at",
        _PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=120,
    ),
    *_cues(
        r"hosted by|organi[sz]ed by|co-?organi[sz]ed by",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *_cues(
        r"in the context of|in the framework of|within the framework of",
        (PARTICIPATES_IN, FUNDED_BY),
        source="left",
        target="right",
        confidence=0.6,
        reach=160,
    ),
    # FUNDED_BY
    *_cues(
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
    *_cues(
        r"funding|grants?|subsid(?:y|ies)|co-?financing|co-?funding|co-?financed|co-?funded"
        r"|[\w-]+-funded|[\w-]+-financed|[\w-]+-supported",
        _FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    *_cues(
        r"funds|finances|co-?finances|supports|contributes|contributed|awarded|granted",
        _FUND,
        source="right",
        target="left",
        confidence=0.6,
        reach=120,
    ),
    # MEMBER_OF
    *_cues(
        r"members? of|is part of|are part of|part of|belongs to|belong to|a division of"
        r"|a department of|a unit of|a subsidiary of|affiliated to",
        _ORG_MEMBER,
        source="left",
        target="right",
        confidence=0.75,
        reach=120,
    ),
    *_cues(
        r"members include|members are|member organi[sz]ations include|whose members include"
        r"|brings together (?:its )?members",
        (MEMBER_OF,),
        source="right",
        target="left",
        confidence=0.7,
    ),
    # LOCATED_IN
    *_cues(
        r"based in|located in|headquartered in|situated in|seated in|with offices in"
        r"|registered in|established in|settled in|offices in",
        _LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    # COLLABORATES_WITH
    *_cues(
        r"(?:cooperation|co-operation|collaboration|partnership|alliance|exchange|discussion"
        r"|agreement) between|partnership of|jointly hosted by|hosted together by"
        r"|partnership (?:made up of|consisting of|composed of|formed by)",
        _COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *_cues(
        r"collaborate|cooperate|co-operate|work together|worked together|working together"
        r"|jointly (?:organi[sz]ed|hosted)|hosted together|teamed up|joined forces",
        _COLLAB,
        source="left",
        target="left",
        confidence=0.65,
        group=True,
    ),
    *_cues(
        r"in cooperation with|in collaboration with|in co-operation with|collaborates with"
        r"|cooperates with|works with|partnered with|together with",
        _COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    # SUCCESSOR_OF
    *_cues(
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
    *_cues(
        r"succeeded by|followed by|continued by|continued in",
        _SUCC,
        source="right",
        target="left",
        confidence=0.7,
    ),
    # AFFILIATED_WITH: role phrases touching both ends
    *_cues(
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
    *_cues(
        r"penvoerder|projectverantwoordelijke|hoofdaanvrager|co[öo]rdinator|projectco[öo]rdinator"
        r"|trekker|projectleider|leadpartner|lead partner|projecttrekker|kartrekker",
        _LEAD,
        confidence=0.8,
        implicit=True,
        source_reach=60,
    ),
    *_cues(
        r"onder leiding van|gec[öo][öo]rdineerd door|geleid door|getrokken door"
        r"|gelanceerd door|opgezet door|aangestuurd door|voorgezeten door",
        _LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    # Dutch puts the verb last ("X heeft het programma Y gelanceerd"): ends on any side.
    *_cues(
        r"co[öo]rdineert|leidt|trekt|lanceerde|lanceert|gelanceerd",
        _LEAD,
        confidence=0.65,
        reach=120,
    ),
    # PARTICIPATES_IN
    *_cues(
        r"partners?|projectpartners?|deelnemers?|deelnemende|consortiumpartners?|begunstigden",
        _PART,
        confidence=0.7,
        implicit=True,
        source_reach=50,
    ),
    *_cues(
        r"neemt deel aan|nemen deel aan|namen deel aan|nam deel aan|deelnemen aan"
        r"|betrokken bij|actief in|partner in|partners in",
        _PART,
        source="left",
        target="right",
        confidence=0.75,
    ),
    *_cues(
        r"initiatief van|ge[ïi]nitieerd door|opgericht door"
        r"|consortium van|bestaande uit|bestaat uit|samenwerkingsproject tussen"
        r"|samenwerkingsverband tussen|brengt samen",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *_cues(
        r"samen met|in samenwerking met",
        _PART,
        source="right",
        target="left",
        confidence=0.65,
        source_reach=40,
    ),
    *_cues(
        r"was aanwezig op|waren aanwezig op|aanwezig op|aanwezig bij|sprak op|stond op"
        r"|presenteerde op",
        _PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=120,
    ),
    *_cues(
        r"georganiseerd door|gehost door|ingericht door",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *_cues(
        r"organiseert|organiseerde|organiseerden|georganiseerd",
        _PART,
        confidence=0.6,
        reach=140,
    ),
    *_cues(
        r"in het kader van|binnen het kader van",
        (PARTICIPATES_IN, FUNDED_BY),
        source="left",
        target="right",
        confidence=0.6,
        reach=160,
    ),
    # FUNDED_BY
    *_cues(
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
    *_cues(
        r"subsidie|subsidies|cofinanciering|co-financiering|financiering|steun"
        r"|[\w-]*-subsidie|[\w-]*-steun|[\w-]*-middelen",
        _FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    *_cues(
        r"financiert|financierde|subsidieert|ondersteunt|steunt|draagt bij|keurde goed"
        r"|goedgekeurd",
        _FUND,
        source="right",
        target="left",
        confidence=0.55,
        reach=120,
    ),
    # MEMBER_OF
    *_cues(
        r"lid van|leden van|onderdeel van|deel van|maakt deel uit van|maken deel uit van"
        r"|aangesloten bij|behoort tot|afdeling van|dochteronderneming van",
        _ORG_MEMBER,
        source="left",
        target="right",
        confidence=0.75,
        reach=120,
    ),
    *_cues(
        r"leden zijn|met als leden|telt onder meer|verenigt",
        (MEMBER_OF,),
        source="right",
        target="left",
        confidence=0.7,
    ),
    # LOCATED_IN
    *_cues(
        r"gevestigd in|gevestigd te|met zetel in|met zetel te|zetel in|hoofdkantoor in"
        r"|gelegen in|gelegen te|gehuisvest in|kantoor in",
        _LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    # COLLABORATES_WITH
    *_cues(
        r"samenwerking tussen|partnerschap tussen|samenwerkingsverband tussen|uitwisseling tussen"
        r"|overleg tussen|partnerschap van",
        _COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *_cues(
        r"werken samen|werkten samen|samen georganiseerd|slaan de handen in elkaar"
        r"|bundelen de krachten|gezamenlijk georganiseerd",
        _COLLAB,
        source="left",
        target="left",
        confidence=0.65,
        group=True,
    ),
    *_cues(
        r"werkt samen met|werken samen met|in samenwerking met|samenwerkt met|samenwerken met",
        _COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    # SUCCESSOR_OF
    *_cues(
        r"bouwt verder op|bouwen verder op|voortbouwend op|bouwt voort op|voortbouwt op"
        r"|opvolger van|vervolg op|vervolgproject van|voortzetting van|voorgangers?|voorloper"
        r"|tweede editie van|volgt op",
        _SUCC,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *_cues(
        r"opgevolgd door|gevolgd door|voortgezet in|voortgezet door",
        _SUCC,
        source="right",
        target="left",
        confidence=0.7,
    ),
    # AFFILIATED_WITH
    *_cues(
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
    *_cues(
        r"chef de file|coordinateur|coordinatrice|porteur du projet|porteur de projet",
        _LEAD,
        confidence=0.8,
        implicit=True,
    ),
    *_cues(
        r"coordonné par|coordonnée par|piloté par|pilotée par|porté par|portée par|dirigé par"
        r"|dirigée par|lancé par|lancée par",
        _LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    *_cues(r"partenaires?|participants?", _PART, confidence=0.7, implicit=True, source_reach=50),
    *_cues(
        r"participe à|participent à|prend part à|impliqué dans|impliqués dans|actif dans",
        _PART,
        source="left",
        target="right",
    ),
    *_cues(
        r"en partenariat avec|avec le concours de|composé de|réunit|organisé par",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *_cues(
        r"financé par|financée par|cofinancé par|cofinancée par|co-financé par|soutenu par"
        r"|soutenue par|subventionné par|subventionnée par|avec le soutien de"
        r"|grâce au soutien de|dans le cadre du programme|dans le cadre de|au titre du",
        _FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *_cues(
        r"subventions?|financement|cofinancement", _FUND, confidence=0.65, implicit=True, reach=120
    ),
    *_cues(
        r"membre de|membres de|fait partie de|font partie de",
        _ORG_MEMBER,
        source="left",
        target="right",
        reach=120,
    ),
    *_cues(
        r"basée? à|basée? en|basée? dans|située? à|située? en|située? dans|implantée? à"
        r"|établie? à|siège à|siège social à|installée? à",
        _LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    *_cues(
        r"collaboration entre|coopération entre|partenariat entre",
        _COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *_cues(
        r"en collaboration avec|en coopération avec|collabore avec|coopère avec",
        _COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    *_cues(
        r"fait suite à|successeur de|prolongement de|s'appuie sur|s’appuie sur"
        r"|deuxième édition de|suite du projet",
        _SUCC,
        source="left",
        target="right",
        implicit=True,
    ),
    *_cues(
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
    *_cues(
        r"lead-?partner|leadpartner|koordinator|koordinatorin|projektkoordinator|federführend",
        _LEAD,
        confidence=0.8,
        implicit=True,
    ),
    *_cues(
        r"koordiniert von|geleitet von|geführt von|ins leben gerufen von",
        _LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    *_cues(
        r"partner|projektpartner|teilnehmer", _PART, confidence=0.7, implicit=True, source_reach=50
    ),
    *_cues(
        r"beteiligt an|beteiligt sich an|nimmt teil an|nehmen teil an",
        _PART,
        source="left",
        target="right",
    ),
    *_cues(
        r"gemeinsam mit|zusammen mit|bestehend aus",
        _PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *_cues(
        r"gefördert durch|gefördert von|gefördert aus|finanziert durch|finanziert von"
        r"|kofinanziert durch|kofinanziert von|unterstützt durch|unterstützt von"
        r"|mit mitteln aus|mit mitteln des|mit mitteln der|im rahmen des|im rahmen von",
        _FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *_cues(r"förderung|fördermittel|zuschuss", _FUND, confidence=0.65, implicit=True, reach=120),
    *_cues(
        r"mitglied (?:von|des|der|im)|teil (?:von|des|der)|gehört zu",
        _ORG_MEMBER,
        source="left",
        target="right",
        reach=120,
    ),
    *_cues(
        r"mit sitz in|ansässig in|sitz in|gelegen in|beheimatet in",
        _LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    *_cues(
        r"zusammenarbeit zwischen|kooperation zwischen|partnerschaft zwischen",
        _COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *_cues(
        r"in zusammenarbeit mit|in kooperation mit|kooperiert mit|arbeitet zusammen mit",
        _COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    *_cues(
        r"baut auf|knüpft an|nachfolger von|nachfolgeprojekt von|fortsetzung von",
        _SUCC,
        source="left",
        target="right",
        implicit=True,
    ),
    *_cues(
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


@dataclass(frozen=True, slots=True)
class LabelCue:
    """A field label of a project page layout: "Lead partner: X", "Partners:\\nA\\nB"."""

    pattern: str
    relation: str
    confidence: float = 0.85


def _labels(patterns: str, relation: str, confidence: float = 0.85) -> list[LabelCue]:
    return [LabelCue(p, relation, confidence) for p in split_alternatives(patterns)]


# Labels are language-independent enough to share: a page may mix languages.
LABELS: list[LabelCue] = [
    *_labels(
        r"lead partners?|lead beneficiary|main institution|coordinator|project coordinator"
        r"|coordinating organi[sz]ation|lead organi[sz]ation|lead applicant|project lead"
        r"|penvoerder|projectverantwoordelijke|hoofdaanvrager|co[öo]rdinator"
        r"|projectco[öo]rdinator|trekker|projecttrekker|leadpartner|chef de file|coordinateur"
        r"|porteur du projet|porteur de projet|lead-?partner|koordinator|projektkoordinator",
        LEADS,
    ),
    *_labels(
        r"partners?|project partners?|other partners|participants|consortium|beneficiaries"
        r"|consortium partners|projectpartners?|deelnemers|deelnemende organisaties"
        r"|partenaires|partenaires du projet|projektpartner|partner",
        PARTICIPATES_IN,
        0.8,
    ),
    *_labels(
        r"funded by|funding|funding programme|programme|program|financed by|co-financed by"
        r"|fund|financiering|programma|gefinancierd door|subsidie|toegekende subsidie"
        r"|subsidieprogramma|fonds|financement|financé par|programme de financement"
        r"|förderprogramm|gefördert durch|förderung",
        FUNDED_BY,
        0.8,
    ),
]


@dataclass(frozen=True, slots=True)
class BudgetCue:
    """A phrase that introduces a project's total budget; ``money`` says where it stands."""

    pattern: str
    money: Literal["after", "before", "either"] = "after"
    strength: int = 2  # higher wins when one project gets several candidates


def _budget(
    patterns: str, money: Literal["after", "before", "either"] = "after", strength: int = 2
) -> list[BudgetCue]:
    return [BudgetCue(p, money, strength) for p in split_alternatives(patterns)]


BUDGET_CUES: list[BudgetCue] = [
    *_budget(
        r"total budget|overall budget|project budget|total project budget|total costs?"
        r"|total project costs?|total eligible costs?|total investment|total value"
        r"|totaal budget|totale budget|totaalbudget|projectbudget|totale kosten"
        r"|totale projectkosten"
        r"|totale begroting|projectbegroting|totale investering|totale projectwaarde"
        r"|budget total|coût total|coûts totaux|budget global|montant total"
        r"|gesamtbudget|gesamtkosten|projektvolumen|gesamtvolumen|projektbudget",
        strength=3,
    ),
    *_budget(
        r"budget of|a budget|has a budget|with a budget|budget van|een budget|heeft een budget"
        r"|met een budget|budget de|un budget|budget von|ein budget|inclusief cofinanciering"
        r"|including co-?financing|including co-?funding|y compris le cofinancement"
        r"|in totaal|in total",
        strength=2,
    ),
    *_budget(
        r"is invested|are invested|will be invested|wordt (?:\S+ ){0,8}?geïnvesteerd"
        r"|geïnvesteerd|beschikbaar|available|investeert|investiert|investi",
        money="before",
        strength=1,
    ),
]

# An amount right after these is a cap or a rate, not a budget or a grant.
CAP_WORDS = (
    r"maximum|maximal|maximaal|max\.|up to|tot een maximum|tot maximaal|jusqu'à|jusqu’à"
    r"|au maximum|bis zu|höchstens|maximal|at most|ten hoogste|hoogstens|per"
)
# "X of which Y": X is the whole, Y the share (grant).
OF_WHICH = r"of which|waarvan|dont|davon|hiervan|daarvan"

# "this project", "het project": a reference to the nearest earlier Project/S3Platform.
ANAPHORA: dict[str, tuple[str, ...]] = {
    r"(?:this|the|that|our|these|its) (?:project|initiative|programme|program|action)": (
        "Project",
    ),
    r"(?:this|the|that|our) (?:platform|partnership)": ("S3Platform", "Project"),
    r"(?:het|dit|dat|ons|deze) (?:project|initiatief|programma|innovatieprogramma)": ("Project",),
    r"(?:het|dit|dat|deze) (?:platform|partnerschap)": ("S3Platform", "Project"),
    r"(?:le|ce|cet|notre) (?:projet|programme)|(?:cette|la) (?:initiative|action)": ("Project",),
    r"(?:la|cette) (?:plateforme|partenariat)": ("S3Platform", "Project"),
    r"(?:das|dieses|unser) (?:projekt|programm|vorhaben)": ("Project",),
    r"(?:die|diese) (?:plattform|partnerschaft)": ("S3Platform", "Project"),
}

# Role nouns for "<Project> lead, Jane Doe" / appositions "Jane Doe, director, Acme".
ROLE_WORDS = (
    r"lead|leader|coordinator|co[öo]rdinator|co-lead|trekker|chef de file|coordinateur"
    r"|director|directeur|directrice|direktor|chair|chairman|chairwoman|voorzitter|président"
    r"|ceo|cto|manager|head|hoofd|minister|ministre|gedeputeerde|professor|hoogleraar"
    r"|researcher|onderzoeker|advisor|adviseur|officer|president|founder|oprichter|mayor"
    r"|burgemeester|wethouder|spokesperson|woordvoerder|secretary|secretaris"
)
LEAD_ROLE_WORDS = (
    r"lead|leader|co-lead|coordinator|co[öo]rdinator|trekker|chef de file|coordinateur"
    r"|projectleider|project leader|koordinator"
)

# Words allowed between the members of a list "A, B and C".
LIST_WORDS = frozenset(
    "and en et und or of oder ou as well sowie ainsi que also ook the de het la le les l der "
    "die das den along".split()
) - {"of"}


def cue_regex(pattern: str) -> re.Pattern[str]:
    """A cue pattern compiled: case-insensitive, on word boundaries, spaces = whitespace."""
    body = pattern.replace(" ", r"\s+")
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def lower_same_length(text: str) -> str:
    """``text`` in lower case with every offset kept (a few characters lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


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


@cache
def compiled_labels() -> tuple[tuple[LabelCue, re.Pattern[str]], ...]:
    """Field labels compiled to match at the start of a line."""
    blank = r"[ \t]+"
    return tuple(
        (
            label,
            re.compile(
                r"^[ \t•·*»>-]*(?:" + label.pattern.replace(" ", blank) + r")(?![\w-])",
                re.IGNORECASE,
            ),
        )
        for label in LABELS
    )


@cache
def any_label() -> re.Pattern[str]:
    """One pattern for every field label: a quick test before the precise ones."""
    body = "|".join(label.pattern.replace(" ", r"[ \t]+") for label in LABELS)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def compiled_inline_labels() -> tuple[tuple[LabelCue, re.Pattern[str]], ...]:
    """Field labels followed by a colon anywhere in a line ("... Coordinator: X")."""
    blank = r"[ \t]+"
    return tuple(
        (
            label,
            re.compile(
                r"(?<![\w-])(" + label.pattern.replace(" ", blank) + r")[^:\n.]{0,40}?:(?!\S)",
                re.IGNORECASE,
            ),
        )
        for label in LABELS
    )


@cache
def compiled_budget_cues() -> tuple[tuple[BudgetCue, re.Pattern[str]], ...]:
    """Budget cues compiled."""
    return tuple((cue, cue_regex(cue.pattern)) for cue in BUDGET_CUES)


@cache
def compiled_anaphora() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """Anaphoric noun phrases compiled, with the entity types they may refer to."""
    return tuple((cue_regex(p), types) for p, types in ANAPHORA.items())
