"""Relation cue phrases in French (see ``relations.lexicon`` for the entry format)."""

from __future__ import annotations

from innograph.ingest.relations.cues import TIGHT, Cue, cue_list
from innograph.ingest.relations.lang.roles import (
    AFF,
    COLLAB,
    FUND,
    LEAD,
    LOC,
    ORG_MEMBER,
    PART,
    SUCC,
)

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
    *cue_list(r"partenaires?|participants?", PART, confidence=0.7, implicit=True, source_reach=50),
    *cue_list(
        r"participe à|participent à|prend part à|impliqué dans|impliqués dans|actif dans",
        PART,
        source="left",
        target="right",
    ),
    *cue_list(
        r"en partenariat avec|avec le concours de|composé de|réunit|organisé par",
        PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"financé par|financée par|cofinancé par|cofinancée par|co-financé par|soutenu par"
        r"|soutenue par|subventionné par|subventionnée par|avec le soutien de"
        r"|grâce au soutien de|dans le cadre du programme|dans le cadre de|au titre du",
        FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    *cue_list(
        r"subventions?|financement|cofinancement|contribution",
        FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    *cue_list(
        r"membre de|membres de|fait partie de|font partie de",
        ORG_MEMBER,
        source="left",
        target="right",
        reach=120,
    ),
    *cue_list(
        r"basée? à|basée? en|basée? dans|située? à|située? en|située? dans|implantée? à"
        r"|établie? à|siège à|siège social à|installée? à",
        LOC,
        source="left",
        target="right",
        confidence=0.8,
        reach=120,
    ),
    *cue_list(
        r"collaboration entre|coopération entre|partenariat entre",
        COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *cue_list(
        r"en collaboration avec|en coopération avec|collabore avec|coopère avec",
        COLLAB,
        source="left",
        target="right",
        confidence=0.6,
    ),
    *cue_list(
        r"fait suite à|successeur de|prolongement de|s'appuie sur|s’appuie sur"
        r"|deuxième édition de|suite du projet",
        SUCC,
        source="left",
        target="right",
        implicit=True,
    ),
    *cue_list(
        r"(?:ministre|président|présidente|directeur|directrice|responsable|coordinateur"
        r"|coordinatrice|fondateur|fondatrice|bourgmestre|maire|gouverneur|professeur"
        r"|chercheur|chercheuse) (?:de la|de l'|de l’|des|du|de|à|chez)",
        AFF,
        source="any",
        target="right",
        reach=TIGHT,
    ),
]

# Read as lemmas (``relations.lexicon``): the endings a cue word may take ("coordonnée",
# "partenaires"), and the words that may stand between the words of a phrase
# ("en étroite collaboration avec").
INFLECTIONS = "s|e|es|x"
MODIFIERS = (
    r"aussi|également|conjointement|ensemble|actuellement|déjà|activement|directement"
    r"|étroite|étroit|étroitement|forte|fort|activement"
)
