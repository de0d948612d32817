"""Cue phrases per language, and finding them in a text.

The phrases live per language in ``relations/lang/<code>.py`` (English and Dutch fully,
French and German basic).

Each entry: the phrases (a regular expression, "|" between alternatives), the relations
they may state, where the source and target stand, the confidence, whether a missing
project end may be the document's main project, and how far the ends may be.

A phrase is read as lemmas, not as a fixed string: each plain word of five letters or
more also matches its inflected forms (the language's ``INFLECTIONS``: "Projektpartner"
-> "Projektpartnern", "bijdrage" -> "bijdragen"), and up to two of the language's
``MODIFIERS`` may stand between the words of a phrase ("coordinated jointly by",
"beteiligt sich auch an", "in nauwe samenwerking met"). A preposition the language
contracts or elides with the article after it (its ``CONTRACTIONS``: French "de" as "du",
"des", "d'", "à" as "au", "aux") matches those forms too: "membre de" also reads
"membre du pôle" and "membre d'Acme".
"""

from __future__ import annotations

import re
from functools import cache
from types import ModuleType

from innograph.ingest.relations.cues import FUND_WORDS, LEADS, AmountWords, Cue, split_alternatives
from innograph.ingest.relations.lang import de, en, fr, nl

LANGS: dict[str, ModuleType] = {"en": en, "nl": nl, "fr": fr, "de": de}
CUES: dict[str, list[Cue]] = {code: module.CUES for code, module in LANGS.items()}
AMOUNT_WORDS: dict[str, AmountWords] = {code: module.AMOUNT_WORDS for code, module in LANGS.items()}

# A plain word of a phrase: letters only (apostrophes and hyphens inside).
_PLAIN = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")
MIN_INFLECTED = 5


@cache
def _place_preposition(lang: str) -> re.Pattern[str]:
    words = getattr(LANGS.get(lang, en), "PLACE_PREPOSITIONS", "in")
    return re.compile(rf"(?<![\w'’])(?:{words})(?:\s+|(?<=['’]))$")


def place_preposition_before(lowered: str, start: int, lang: str) -> int | None:
    """Where one of the language's place prepositions (``PLACE_PREPOSITIONS``, with its
    article) starts when it ends right before ``start`` ("in Ghent", "aus dem Kreis X",
    "à Lille", "dans l'Ouest"); None when none does."""
    found = _place_preposition(lang).search(lowered, max(0, start - 20), start)
    return found.start() if found is not None else None


def _top_level_words(pattern: str) -> list[str]:
    """The pattern cut at its spaces outside groups and brackets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if ch in "([" and not escaped:
            depth += 1
        elif ch in ")]" and not escaped:
            depth -= 1
        elif ch == " " and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return [w for w in out if w]


def lemma_pattern(pattern: str, lang: str, *, inflect: bool = True) -> str:
    """A cue pattern as lemmas: inflected forms of its words and modifiers between them
    (see the module's docstring); lead cues are not inflected (``_cue_patterns``)."""
    module = LANGS.get(lang, en)
    suffixes = getattr(module, "INFLECTIONS", "") if inflect else ""
    modifiers = getattr(module, "MODIFIERS", "")
    contractions: dict[str, str] = getattr(module, "CONTRACTIONS", {})
    words = []
    for alternative in split_alternatives(pattern):
        parts = []
        for word in _top_level_words(alternative):
            if word in contractions:
                word = f"(?:{contractions[word]})"
            elif suffixes and _PLAIN.match(word) and len(word) >= MIN_INFLECTED:
                word += f"(?:{suffixes})?"
            parts.append(word.replace(" ", r"\s+"))
        # an elided word ("d'") runs into the next without a space
        space = r"(?:(?<=['’])\s*|\s+)" if contractions else r"\s+"
        gap = rf"{space}(?:(?:{modifiers})\s+){{0,2}}" if modifiers else space
        words.append(gap.join(parts))
    return "|".join(f"(?:{w})" for w in words)


# A cue ends at a word's end, or right after an elided word ("membre d'Acme").
_CUE_END = r")(?:(?<=['’])|(?![\w-]))"


@cache
def _cue_patterns(lang: str) -> tuple[tuple[re.Pattern[str], tuple[Cue, ...]], ...]:
    grouped: dict[str, list[Cue]] = {}
    for cue in CUES.get(lang, CUES["en"]):
        grouped.setdefault(cue.pattern, []).append(cue)
    # Compiled for lower-cased text and without a leading look-behind, so that the
    # regex engine can jump to its literal prefix: many times faster than IGNORECASE.
    # A lead role is one organisation's: its plural ("project leaders", "porteurs de
    # projets") names no one in particular, so lead cues are not inflected.
    return tuple(
        (
            re.compile(
                "(?:"
                + lemma_pattern(p, lang, inflect=all(LEADS not in c.relations for c in cues))
                + _CUE_END
            ),
            tuple(cues),
        )
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


def _alternation(forms: list[str]) -> str:
    return "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True)
    )


@cache
def amount_words(kind: str) -> re.Pattern[str]:
    """Any written form of the amount words of ``kind`` ("grant", "receive", "transfer")
    in any language: a page may mix languages, and the words of one rarely mean
    something else in another. "grant" also matches the names of the structural funds
    ("EFRO", "ERDF"), whose mention says a sentence is about a grant."""
    plain: set[str] = set()
    heads: set[str] = set()
    for words in AMOUNT_WORDS.values():
        (heads if words.compounds else plain).update(words.forms(kind))
    if kind == "grant":
        heads.update(FUND_WORDS)
    parts = []
    if plain:
        parts.append(rf"(?<![\w])(?:{_alternation(sorted(plain))})(?![\w])")
    if heads:
        # the last part of a compound: "EFRO-subsidie", "Projektförderung"
        parts.append(rf"(?<![\w])(?:[^\W\d_]+-?)?(?:{_alternation(sorted(heads))})(?![\w])")
    return re.compile("|".join(parts), re.IGNORECASE)


@cache
def transfer_target() -> re.Pattern[str]:
    """The words between a sum and the project it goes to ("gaat naar het project ",
    " to the ", " an das Projekt "), matched at the end of the gap."""
    to = sorted({p for w in AMOUNT_WORDS.values() for p in w.to}, key=len, reverse=True)
    article = r"(?:the|de|het|der|die|das|dem|den|le|la|les|l['’]\s*|du|des)\s+"
    project = r"(?:(?:\w+-)?(?:project|projet|projekt|vorhaben|initiative|initiatief)\s+)"
    return re.compile(
        rf"(?<![\w])(?:{_alternation(to)})\s+(?:{article})?{project}?[„“\"'‘«»\s]*$",
        re.IGNORECASE,
    )


@cache
def award_cap_before() -> re.Pattern[str]:
    """A grant word and a ceiling right before a sum: "subsidie van maximaal ", "Zuwendung
    von höchstens ": in a grant decision the ceiling is the award."""
    caps = sorted({c for w in AMOUNT_WORDS.values() for c in w.award_cap}, key=len, reverse=True)
    link = r"(?:van|von|de|d['’]|of|in\s+höhe\s+von|ten\s+bedrage\s+van|d['’]un\s+montant\s+de)"
    return re.compile(
        rf"(?:{amount_words('grant').pattern})\s+(?:{link}\s*)?(?:{_alternation(caps)})\s*$",
        re.IGNORECASE,
    )


# Words that make the noun after them plural: a number, a plural article or quantifier.
_PLURAL_BEFORE = (
    r"(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|beide|beiden|mehrere|weitere"
    r"|alle|viele|die|den|der|diese|dieser|diesen)\s+(?:[^\W\d_]+(?:e|en|er)\s+)?"
)


@cache
def several_projects() -> re.Pattern[str]:
    """Plural nouns of several projects in any language ("projects", "Teilprojekten",
    "initiatieven", "partenariats", "die fünf neuen Vorhaben"): a sum in a sentence
    about them is their sum, not one project's grant or budget."""
    plain: set[str] = set()
    heads: set[str] = set()
    counted: set[str] = set()
    for words in AMOUNT_WORDS.values():
        (heads if words.compounds else plain).update(words.several)
        counted.update(words.several_counted)
    parts = [
        rf"(?<![\w])(?:{_alternation(sorted(plain))})(?![\w])",
        rf"(?<![\w])(?:[^\W\d_]+-?)?(?:{_alternation(sorted(heads))})(?![\w])",
    ]
    if counted:
        parts.append(rf"(?<![\w]){_PLURAL_BEFORE}(?:{_alternation(sorted(counted))})(?![\w])")
    return re.compile("|".join(parts), re.IGNORECASE)


@cache
def project_noun() -> re.Pattern[str]:
    """A word holding the noun of a project in any language ("project", "Kleinprojekte",
    "projectoproep", "microprojets"): a page may mix languages, and the sentence that
    names one speaks of projects."""
    nouns = sorted({n for module in LANGS.values() for n in getattr(module, "PROJECT_NOUNS", ())})
    return re.compile(rf"(?<![\w])[^\W\d_]*(?:{_alternation(nouns)})[^\W\d_]*", re.IGNORECASE)


@cache
def plural_reference() -> re.Pattern[str]:
    """A word by which a sentence speaks again of the several things named before it, in
    any language ("they", "together", "samen", "ensemble"): "Six projects were approved.
    Together they receive EUR 9 million from the ERDF" funds each of them."""
    words = sorted(
        {w for module in LANGS.values() for w in getattr(module, "PLURAL_REFERENCE", ())}
    )
    return re.compile(rf"(?<![\w])(?:{_alternation(words)})(?![\w])", re.IGNORECASE)


@cache
def place_adjective(lang: str) -> re.Pattern[str] | None:
    """The language's adjectives of a country or region ("Dutch", "Duitse"), whole words
    of lower-cased text: ``PLACE_ADJECTIVES`` of its language data."""
    adjectives: dict[str, str] = getattr(LANGS.get(lang), "PLACE_ADJECTIVES", {})
    if not adjectives:
        return None
    return re.compile("|".join(f"(?:{a})" for a in adjectives))


@cache
def fronted_lead(lang: str) -> re.Pattern[str] | None:
    """A lead participle and its auxiliary opening a sentence, the led thing after them
    ("Geleitet wird X von Y"): ``FRONTED_LEAD`` of the language data, lower-cased text."""
    pattern: str | None = getattr(LANGS.get(lang), "FRONTED_LEAD", None)
    return re.compile(rf"(?:{pattern})\s+") if pattern else None


@cache
def apposed_place(lang: str) -> re.Pattern[str] | None:
    """The gap between an organisation and the place that an apposition says it is in
    ("Acme, a coatings maker based in Ghent", "Acme, une PME de Gand"): a comma, an
    indefinite article, one to four words and a place preposition, none of the words one
    of an activity or a pronoun (``APPOSITION_ARTICLES``, ``APPOSED_PLACE_PREPOSITIONS`` and
    ``NOT_WHERE_IT_IS`` of the language data)."""
    module = LANGS.get(lang)
    articles = getattr(module, "APPOSITION_ARTICLES", None)
    prepositions = getattr(module, "APPOSED_PLACE_PREPOSITIONS", None)
    if not articles or not prepositions:
        return None
    activity = getattr(module, "NOT_WHERE_IT_IS", "") or r"(?!x)x"
    word = rf"(?!(?:{activity}|{prepositions})\b)[^\W\d_][\w'’&-]*"
    return re.compile(
        rf"^[ \t]*,[ \t]*(?:{articles})[ \t]+(?:{word}[ \t]+){{1,4}}"
        rf"(?:{prepositions})(?:[ \t]+|(?<=['’]))$",
        re.I,
    )
