"""Relation cue phrases in English (see ``relations.lexicon`` for the entry format)."""

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
    r"mayor|deputy mayor|lord mayor|alderman|alderwoman|governor|provincial executive"
    r"|minister-president|minister president"
)
# read by ``relations.affiliation``: the holder of such an office is named for the place
PLACE_OFFICES = _OFFICES

CUES: list[Cue] = [
    # LEADS
    *cue_list(
        r"lead partners?|leading partners?|lead beneficiar(?:y|ies)|main institution"
        r"|lead organi[sz]ations?|lead applicants?|project coordinators?|coordinators?"
        r"|co-?ordinating partner|co-?\s?leads?|co-?\s?leaders?|project leaders?|leader",
        LEAD,
        confidence=0.8,
        implicit=True,
        source_reach=60,
    ),
    *cue_list(
        r"coordinated by|co-?ordinated by|led by|co-?led by|headed by|chaired by|launched by"
        r"|steered by|spearheaded by|managed by|run by",
        LEAD,
        source="right",
        target="left",
        confidence=0.8,
    ),
    # "Under the leadership of X, the Y project ...": what is led on either side
    *cue_list(
        r"under the (?:overall )?(?:leadership|coordination|direction|guidance) of",
        LEAD,
        source="right",
        confidence=0.8,
    ),
    *cue_list(
        r"coordinates|co-?ordinates|coordinated(?! by)|leads|is leading|are leading|heads"
        r"|spearheads",
        LEAD,
        source="left",
        target="right",
        confidence=0.7,
        reach=120,
    ),
    # the body that takes on or answers for a project's coordination or management
    # ("Acme took over the coordination", "Acme is in charge of project management");
    # "the management of the cluster" names what is managed, and it is no project
    *cue_list(
        r"(?:responsible for|in charge of|(?:takes?|took|taken|taking) (?:on|over)) (?:the )?"
        r"(?:overall |general |project )?(?:coordination|management|leadership)"
        r"(?! (?:of|for) (?:the|a|an|its|their) (?!project|initiative|partnership|consortium))",
        LEAD,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
        reach=120,
    ),
    # PARTICIPATES_IN
    *cue_list(
        r"partners?|project partners?|consortium partners?|participants?|beneficiaries",
        PART,
        confidence=0.7,
        implicit=True,
        source_reach=50,
    ),
    *cue_list(
        r"participates? in|participated in|participating in|takes? part in|took part in"
        r"|is involved in|are involved in|were involved in|joined|active in|partner in"
        r"|partners in|members? of the consortium",
        PART,
        source="left",
        target="right",
        confidence=0.75,
    ),
    *cue_list(
        r"initiated by|set up by|founded by|in partnership with|consortium of"
        r"|consisting of|made up of|comprising|composed of|brings together|bringing together"
        r"|(?:cooperation|collaboration|partnership|joint) project between",
        PART,
        source="right",
        target="left",
        confidence=0.7,
    ),
    *cue_list(
        r"together with|along with|alongside",
        PART,
        source="right",
        target="left",
        confidence=0.65,
        source_reach=40,
    ),
    *cue_list(
        r"hosted|organi[sz]ed|co-?organi[sz]ed|hosts|organi[sz]es|co-?hosted",
        PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=160,
    ),
    *cue_list(
        r"attended|attends|was present at|were present at|exhibited at"
        r"|spoke at|pitched at",
        PART,
        source="left",
        target="right",
        confidence=0.65,
        reach=120,
    ),
    *cue_list(
        r"hosted by|organi[sz]ed by|co-?organi[sz]ed by",
        PART,
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
        FUND,
        source="left",
        target="right",
        confidence=0.8,
        implicit=True,
    ),
    # "P receives EUR X from F": the project gets the money, the programme gives it
    *cue_list(
        r"(?:receives?|received|gets|got|obtains|obtained|secured) (?:\S+ ){0,8}?from",
        FUND,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *cue_list(
        r"funding|grants?|subsid(?:y|ies)|co-?financing|co-?funding|co-?financed|co-?funded|contribution"
        r"|[\w-]+-funded|[\w-]+-financed|[\w-]+-supported",
        FUND,
        confidence=0.65,
        implicit=True,
        reach=120,
    ),
    *cue_list(
        r"funds|finances|co-?finances|supports|contributes|contributed|awarded|granted",
        FUND,
        source="right",
        target="left",
        confidence=0.6,
        reach=120,
    ),
    # MEMBER_OF
    *cue_list(
        r"members? of|is part of|are part of|part of|belongs to|belong to|a division of"
        r"|a department of|a unit of|a subsidiary of|affiliated to",
        ORG_MEMBER,
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
    # "X is a network of A, B and C": X is a body whose members the list names
    *cue_list(
        r"(?:is|are|was) (?:a|an|the) (?:\S+ ){0,2}?(?:network|association|alliance|federation"
        r"|consortium|union|coalition) of",
        MEMBER,
        source="right",
        target="left",
        confidence=0.8,
    ),
    # LOCATED_IN
    *cue_list(
        r"based in|located in|headquartered in|situated in|seated in|with offices in"
        r"|registered in|established in|settled in|offices in",
        LOC,
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
        COLLAB,
        source="right",
        target="right",
        confidence=0.7,
        group=True,
    ),
    *cue_list(
        r"collaborate|cooperate|co-operate|work together|worked together|working together"
        r"|jointly (?:organi[sz]ed|hosted)|hosted together|teamed up|joined forces",
        COLLAB,
        source="left",
        target="left",
        confidence=0.65,
        group=True,
    ),
    # the parties that sign or seal their cooperation ("A, B and C signed a memorandum")
    *signing_party_cues(
        r"signed (?:a|an|the) (?:\S+ ){0,3}?(?:memorandum|agreement|letter of intent"
        r"|declaration|covenant|charter)"
        r"|their (?:cooperation|co-operation|collaboration|partnership)",
    ),
    *cue_list(
        r"in cooperation with|in collaboration with|in co-operation with|collaborates with"
        r"|cooperates with|works with|partnered with|together with",
        COLLAB,
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
        SUCC,
        source="left",
        target="right",
        confidence=0.75,
        implicit=True,
    ),
    *cue_list(
        r"succeeded by|followed by|continued by|continued in",
        SUCC,
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
        r"|policy officer|senior advisor|partner|lead|leader|dean|rector"
        r"|employee) (?:of|at|for|with)|works? (?:at|for)|working (?:at|for)|employed by",
        AFF,
        source="any",
        target="right",
        confidence=0.75,
        reach=TIGHT,
        target_types=ORGANISATION_ENDS,
    ),
    # AFFILIATED_WITH: an office "of" a place's government (or of a body named so)
    *cue_list(
        rf"(?:{_OFFICES}) (?:of|at|for)",
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
    r"director|directors|manager|president|vice-president|chair|chairman|chairwoman|ceo|cto"
    r"|cfo|head|professor|prof|researcher|rector|dean|member|founder|co-founder|coordinator"
    r"|officer|advisor|adviser|secretary|spokesperson|spokesman|spokeswoman|engineer|lecturer"
    r"|commissioner|employee"
)
# Who speaks for an organisation in a quote ("... as we at Acme ..."): the words for "we".
WE = r"we|our|us"
# Words tying a person to the organisation named right after ("Jane Doe, who comes from
# Acme", "Jane Doe of Acme", "Jane Doe at Acme").
PERSON_FROM = r"from|of|at"
# Prepositions that name where something is (with an article): a place right after one
# ("a festival in Ghent", "companies from Flanders") is named as a location, not as an
# actor ("Flanders and Scotland take part").
PLACE_PREPOSITIONS = r"(?:in|from|at|across|throughout)(?: the)?"
# "Acme, a coatings maker based in Ghent": an organisation described after a comma by an
# indefinite article, a few words and a place preposition is placed there
# (``lexicon.apposed_place``); the words of an activity name where it works, not where it
# is ("Acme, a firm active in Flanders").
APPOSITION_ARTICLES = r"a|an"
APPOSED_PLACE_PREPOSITIONS = r"in|from"
# ... nor a pronoun, which opens a clause ("Acme, a site we run in Ghent").
NOT_WHERE_IT_IS = (
    r"active|operating|working|present|selling|exporting|leading|leader|investing"
    r"|we|they|it|which|who|that"
)

# Read as lemmas (``relations.lexicon``): the endings a cue word may take, and the words
# that may stand between the words of a phrase ("coordinated jointly by").
INFLECTIONS = "s"
MODIFIERS = (
    r"also|jointly|together|currently|now|formally|officially|successfully|directly|actively"
    r"|already|still|both|close|closely|strategic|main|principal|overall"
)

# What a sum of money in a sentence is (``cues.AmountWords``).
AMOUNT_WORDS = AmountWords(
    grant={
        "fund": ("funds", "funded", "funding", "co-fund", "co-funded", "cofunded", "co-funding"),
        "finance": (
            "finances",
            "financed",
            "financing",
            "financial",
            "co-financed",
            "cofinanced",
            "co-financing",
            "cofinancing",
        ),
        "grant": ("grants", "granted"),
        "subsidy": ("subsidies", "subsidised", "subsidized", "subsidise", "subsidize"),
        "contribution": ("contributions", "contribute", "contributes", "contributed"),
        "support": ("supports", "supported", "supporting"),
        "award": ("awards", "awarded"),
    },
    receive={
        "receive": ("receives", "received", "receiving"),
        "get": ("gets", "got", "gotten", "getting"),
        "obtain": ("obtains", "obtained"),
        "secure": ("secures", "secured"),
    },
    transfer={
        "go": ("goes", "went", "going"),
        "flow": ("flows", "flowed"),
        "allocate": ("allocated",),
        "earmark": ("earmarked",),
        "award": ("awarded",),
        "grant": ("granted",),
    },
    to=("to", "towards", "for"),
    award_cap=(),
    several=(
        "projects",
        "initiatives",
        "partnerships",
        "alliances",
        "consortia",
        "consortiums",
    ),
)

# LOCATED_IN from an adjective of a country or region before a kind of organisation ("the
# Dutch company Acme", "the Belgian universities of A and B"): the adjective (a regular
# expression) -> the code of the place it names (``gazetteer_lexicon`` COUNTRIES and
# REGION_ALIASES), and the nouns of kinds of organisation it may qualify.
PLACE_ADJECTIVES: dict[str, str] = {
    "dutch": "NL",
    "belgian": "BE",
    "german": "DE",
    "french": "FR",
    "british": "UK",
    "luxembourgish": "LU",
    "flemish": "BE2",
    "walloon": "BE3",
    "italian": "IT",
    "spanish": "ES",
    "danish": "DK",
    "swedish": "SE",
    "austrian": "AT",
    "swiss": "CH",
    "irish": "IE",
    "polish": "PL",
    "american": "US",
}
# The noun of a project, also inside a compound ("project", "sub-projects"): a sentence
# that names one speaks of projects (``lexicon.project_noun``).
PROJECT_NOUNS = ("project",)
# Words by which a sentence speaks again of the several things of the sentence before
# ("... six projects. Together they receive ..."): ``lexicon.plural_reference``.
PLURAL_REFERENCE = ("they", "together", "both")
ORG_NOUNS = (
    r"compan(?:y|ies)|firms?|universit(?:y|ies)|institutes?|colleges?|schools?|hospitals?"
    r"|organi[sz]ations?|partners?|clusters?|agenc(?:y|ies)|start-?ups?|businesses"
    r"|manufacturers?|research (?:centre|center|institute)s?|knowledge institutions?"
)
