"""What a relation cue is, and the cue words shared by all languages.

A cue is a phrase that states a relation: "coordinated by", "penvoerder", "financé par".
Each cue says which relations it may express (the first one whose ontology domain and
range fit the two ends wins), on which side of the cue the source and the target stand,
and how confident a match is. The per-language cue phrases are in ``relations/lang/<code>.py``;
here are the field labels of page layouts, budget phrases, caps, references ("this
project") and role nouns. Relation names and their allowed end types come from the
ontology (``innograph.ontology.terms``); these are words of general language knowledge,
written from scratch (not taken from any sample document).

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
    # The target types the cue names, when narrower than the relation's range: the office
    # of a place's government ("the mayor of X") ends at a Region, never at a company
    # named nearby.
    target_types: tuple[str, ...] | None = None
    # A group cue whose list is the subject that signs or seals its cooperation ("A, B
    # and C signed a memorandum", "A en B bezegelden hun samenwerking"): each party
    # states it, so a longer list still pairs, and a place among them is its government.
    parties: bool = False


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


def cue_list(
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
    target_types: tuple[str, ...] | None = None,
    parties: bool = False,
) -> list[Cue]:
    """Several cues with the same reading, written as one "|"-separated string."""
    return [
        Cue(
            p,
            relations,
            source,
            target,
            confidence,
            implicit,
            reach,
            group,
            source_reach,
            target_types,
            parties,
        )
        for p in split_alternatives(patterns)
    ]


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
        r"|partenaires|partenaires du projet|projektpartner|partner"
        # "a cooperation between the following parties: A, B and C"
        r"|parties|parteien|partijen",
        PARTICIPATES_IN,
        0.8,
    ),
    *_labels(
        r"funded by|funding|funding programme|programme|program|financed by|co-financed by"
        r"|fund|financiering|programma|gefinancierd door|subsidie|toegekende subsidie"
        r"|subsidieprogramma|fonds|financement|financé par|programme de financement"
        r"|förderprogramm|programm|gefördert durch|förderung",
        FUNDED_BY,
        0.8,
    ),
]


# Headings of a roster: a section whose list items each name a member of the page's
# cluster or network ("Onze leden", "Our members", "Mitglieder", "Nos adhérents") or a
# partner of its project ("Consortium", "Project partners", "Partenaires"). A possessive
# or article may open the heading; nothing else may stand in it.
ROSTER_HEADINGS: list[LabelCue] = [
    *_labels(
        r"members|member organi[sz]ations|member companies|founding members|leden|ledenlijst"
        r"|aangesloten leden|stichtende leden|mitglieder|mitgliedsunternehmen|mitgliederliste"
        r"|gründungsmitglieder|adhérents|membres|membres fondateurs|liste des adhérents",
        MEMBER_OF,
        0.7,
    ),
    *_labels(
        r"partners|project partners|consortium|consortium partners|the consortium"
        r"|partner|projectpartners|partenaires|partenaires du projet|projektpartner|konsortium",
        PARTICIPATES_IN,
        0.7,
    ),
]
# What may open a roster heading before its noun.
ROSTER_OPENERS = r"our|the|onze|ons|de|het|unsere|unser|die|das|nos|notre|les|le|la|l'|l’"


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


# "X of which Y": X is the whole, Y the share (grant).
OF_WHICH = r"of which|waarvan|dont|davon|wovon|hiervan|daarvan"

BUDGET_CUES: list[BudgetCue] = [
    *_budget(
        r"total budget|overall budget|project budget|total project budget|total costs?"
        r"|total project costs?|total eligible costs?|total investment|total value"
        r"|totaal budget|totale budget|totaalbudget|projectbudget|totale kosten"
        r"|totale projectkosten|totale projectkost|totale kost"
        r"|totale begroting|projectbegroting|totale investering|totale projectwaarde"
        r"|budget total|coût total|coûts totaux|budget global|montant total"
        r"|gesamtbudget|gesamtkosten|projektvolumen|gesamtvolumen|projektbudget"
        r"|investitionsvolumen|gesamtinvestition|gesamtfinanzierung|projektkosten"
        r"|investissement total|coût global",
        strength=3,
    ),
    *_budget(
        r"budget of|a budget|has a budget|with a budget|budget van|een budget|heeft een budget"
        r"|met een budget|budget de|un budget|budget von|ein budget|inclusief cofinanciering"
        r"|including co-?financing|including co-?funding|y compris le cofinancement"
        r"|in totaal|in total",
        strength=2,
    ),
    # "The fieldlab costs EUR X", "Het project kost", "Das Vorhaben kostet", "coûte"
    *_budget(r"costs|will cost|kost|kostte|kostet|kostete|coûte|coûtera", strength=2),
    # a record's field "Budget: EUR X" at the start of its line
    *_budget(r"(?<=\n)[ \t•*-]*budget(?=[ \t]*:)", strength=3),
    *_budget(
        r"is invested|are invested|will be invested|wordt (?:\S+ ){0,8}?geïnvesteerd"
        r"|geïnvesteerd|beschikbaar|available|investeert|investiert|investi",
        money="before",
        strength=1,
    ),
    # "EUR X, of which EUR Y from the ERDF": X is the whole
    *_budget(OF_WHICH, money="before", strength=2),
]


@dataclass(frozen=True, slots=True)
class AmountWords:
    """The words of one language that tell what a sum of money in a sentence is.

    Each field maps a lemma to its written forms: no lemmatizer runs for Dutch and
    German, so the forms are listed, and only these forms match (not every word that
    starts like one: "subsidiary" is no subsidy). Where ``compounds`` is set a form may
    also end a compound ("EFRO-subsidie", "Projektförderung").
    """

    # money given: "subsidy", "grant", "Förderung", "funded"
    grant: dict[str, tuple[str, ...]]
    # the project named before it gets the money: "receives", "krijgt", "erhält"
    receive: dict[str, tuple[str, ...]]
    # the money goes to the project named after it: "goes (to)", "gaat (naar)"
    transfer: dict[str, tuple[str, ...]]
    # the preposition that names where the money goes: "to", "naar", "an", "à"
    to: tuple[str, ...]
    # a ceiling that in a grant decision is the award itself ("subsidie van maximaal €X")
    award_cap: tuple[str, ...]
    # plural nouns of several projects: a sum in their sentence is for them all
    several: tuple[str, ...] = ()
    # nouns whose plural is written as the singular ("Vorhaben"), plural after a number
    # or a plural article ("die fünf neuen Vorhaben")
    several_counted: tuple[str, ...] = ()
    compounds: bool = False

    def forms(self, kind: str) -> list[str]:
        """Every form of every lemma of ``kind`` ("grant", "receive", "transfer")."""
        table: dict[str, tuple[str, ...]] = getattr(self, kind)
        return sorted({f for lemma, forms in table.items() for f in (lemma, *forms)})


# Funds whose name alone says a sentence is about a grant ("EFRO-bijdrage", "ERDF share").
FUND_WORDS = ("efro", "erdf", "feder", "efre", "fesr")


# An amount right after these is a cap or a rate, not a budget or a grant.
CAP_WORDS = (
    r"maximum|maximal|maximaal|max\.|up to|tot een maximum|tot maximaal|jusqu'à|jusqu’à"
    r"|au maximum|bis zu|höchstens|maximal|at most|ten hoogste|hoogstens|per"
)

# "this project", "het project": a reference to the nearest earlier Project/S3Platform.
# "The Commission awarded the consortium a grant": a project's consortium is the project
# (as a recipient, a partner joining it), a sentence after the project is named.
ANAPHORA: dict[str, tuple[str, ...]] = {
    r"(?:this|the|that|our|these|its) (?:project|initiative|action|consortium)": ("Project",),
    r"(?:het|dit|dat|ons|deze) (?:project|initiatief|consortium)": ("Project",),
    r"(?:le|ce|cet|notre) (?:projet|consortium)|(?:cette|la) (?:initiative|action)": ("Project",),
    r"(?:das|dieses|unser) (?:projekt|vorhaben|konsortium)": ("Project",),
    # "the programme" may be a project's programme of work or a funding programme: it
    # refers to whichever was named last, and only a project counts
    r"(?:this|the|that|our|its) (?:programme|program)": ("Project", "FundingProgramme"),
    r"(?:het|dit|dat|ons|deze) (?:programma|innovatieprogramma)": ("Project", "FundingProgramme"),
    r"(?:le|ce|notre) programme": ("Project", "FundingProgramme"),
    r"(?:das|dieses|unser) programm": ("Project", "FundingProgramme"),
    r"(?:this|the|that|our) (?:platform|partnership)": ("S3Platform", "Project"),
    r"(?:het|dit|dat|deze) (?:platform|partnerschap)": ("S3Platform", "Project"),
    r"(?:la|cette) (?:plateforme|partenariat)": ("S3Platform", "Project"),
    r"(?:die|diese) (?:plattform|partnerschaft)": ("S3Platform", "Project"),
}

# Offices of a place's government: who holds one is AFFILIATED_WITH the place (a Region
# standing for its municipality, province or Land), named on either side ("the mayor of
# X", "X's mayor", "gedeputeerde van de provincie X", "Lindaus Oberbürgermeister").
PLACE_OFFICE_REACH = 60
# What the other role phrases ("director of", "professeur à") may end at: an
# organisation or a programme's secretariat, never a place, since a person named with a
# role near a place ("Minister of Innovation X visited Y") holds no office there.
ORGANISATION_ENDS = ("Organisation", "Cluster", "FundingProgramme")

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
# The articles among them: alone between two names, one joins the second to the first as
# its complement ("Institut X der Universität Y", "la direction Z de la Commission"), it
# does not list them.
LIST_ARTICLES = frozenset("the de het la le les l der die das den".split())


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
