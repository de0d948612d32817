"""German words that name nothing: frequent words and compounds of them.

German capitalises every noun, so capitals are no evidence of a name there. The word list
(``data/german_common_words.tsv``, built by ``scripts/build-gazetteers`` from the word
frequencies of ``wordfreq``) holds the frequent words as written in lower case; German
writes its compound nouns as one word, which a list of any size misses, so a compound of
two frequent words counts as ordinary too.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import wordfreq
from spacy.tokens import Span, Token

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import (
    GENERIC_ACRONYMS,
    GENERIC_TERMS,
    ORG_HEADS,
    STOP_CAPITALISED,
)
from innograph.ingest.entities.spans import cached_fold as fold

# Zipf frequency above which a German word is an ordinary word.
GERMAN_ZIPF = 3.0
# The same near a cue, where a capitalised word is more likely a name (``_proper``).
GERMAN_CUED_ZIPF = 4.0
# The least Zipf frequency of both parts of a German compound read as an ordinary word.
GERMAN_PART_ZIPF = 3.0
_LINKS = ("s", "es", "n", "en", "e")
# The least Zipf frequency (as written, names included) of a German word read as prose
# in a phrase of capitals found without a cue (``german_prose``).
GERMAN_PROSE_ZIPF = 2.5
# German head nouns of bodies that ``ORG_HEADS`` (shared by all languages) leaves out;
# they also end compounds ("Staatskanzlei", "Geschäftsstelle", "Gesamtschule").
GERMAN_BODY_HEADS = frozenset(
    "kommission kanzlei stelle labor schule uni amt behörde behorde kammer werk werke".split()
)
# Prefixes of German place names made of a place and a direction or size.
_PLACE_PREFIXES = frozenset("nord süd ost west nieder ober unter mittel groß klein".split())


@cache
def german_ordinary(word: str, cutoff: float = GERMAN_ZIPF) -> bool:
    """An ordinary German word: frequent (Zipf >= ``cutoff``), or a compound of two
    frequent words, the second at least four letters long, with or without a linking
    "s"/"n"/"e" ("Stadtwandel", "Marktzugang", "Bildungsstrategien").
    German writes its compound nouns as one word, which a word list of any size misses."""
    low = word.lower()
    words = german_common_words()
    if words.get(low, 0.0) >= cutoff:
        return True
    if len(low) < 8 or not low.isalpha():
        return False
    for i in range(3, len(low) - 3):
        head, modifier = low[i:], low[:i]
        if modifier in _PLACE_PREFIXES:
            return False  # "Niederrhein", "Südwestfalen", "Großregion": a place's name
        if words.get(head, 0.0) < GERMAN_PART_ZIPF:
            continue
        stems = [modifier] + [modifier[: -len(x)] for x in _LINKS if modifier.endswith(x)]
        stems += [modifier + "n", modifier + "en"]  # a verb's stem: "Förder|periode", "Wohn|ort"
        if any(len(m) >= 3 and words.get(m, 0.0) >= GERMAN_PART_ZIPF for m in stems):
            return True
    return False


@cache
def german_frequency(word: str) -> float:
    """The Zipf frequency of a German word as written in any case, names included: the
    word list leaves out words that are also names ("Hof", "Landes"), which is right for
    telling a name from a word but not for telling whether a word is ordinary prose."""
    return float(wordfreq.zipf_frequency(word.lower(), "de"))


@cache
def german_common_words() -> dict[str, float]:
    """Frequent German words that are not known names, with their Zipf frequency
    (``data/german_common_words.tsv``)."""
    text = resources.files("innograph.ingest").joinpath("data", "german_common_words.tsv")
    rows = (line.split("\t") for line in text.read_text("utf-8").splitlines()[1:])
    return {word: float(zipf) for word, zipf in rows}


def german_compound_tokens(span: Span, cutoff: float) -> set[int]:
    """The tokens of German compounds written with hyphens whose parts are all ordinary
    ("CO2-Bilanz", "Covid-19-Krise", "Bestands-Windanlagen"): a common noun,
    however many codes and capitals it holds. The last part must be an ordinary word; the
    others ordinary words (a linking "s" allowed), terms such as CO2, or numbers."""
    doc = span.doc
    out: set[int] = set()
    i = span.start
    while i < span.end:
        j = i
        while (
            j + 2 < span.end
            and doc[j + 1].text == "-"
            and not doc[j].whitespace_
            and not doc[j + 1].whitespace_
        ):
            j += 2
        if j > i:
            parts = [doc[k].text for k in range(i, j + 1, 2)]
            if german_ordinary(parts[-1], cutoff) and all(_ordinary_part(p) for p in parts[:-1]):
                out.update(range(i, j + 1))
        i = j + 1
    return out


def _ordinary_part(part: str) -> bool:
    """A first part of a German hyphenated compound that names nothing."""
    if _is_number(part) or part in GENERIC_ACRONYMS or fold(part) in GENERIC_TERMS:
        return True
    return german_ordinary(part) or part.endswith("s") and german_ordinary(part[:-1])


def _is_number(text: str) -> bool:
    return text.rstrip(".").replace(".", "").replace(",", "").isdigit()


def name_adjective(token: Token) -> bool:
    """German writes adjectives in lower case: one of a place or people in capitals in
    mid-sentence ("der Westfälischen Wasserwerke", "die Rheinische Hafengesellschaft")
    is part of a name."""
    return (
        not token.is_sent_start
        and token.text[:1].isupper()
        and not token.text.isupper()
        and token.text.lower().endswith(("ische", "ischen", "ischer", "isches", "ischem"))
    )


_GERMAN_ARTICLES = frozenset(
    "der die das des dem den im vom zum zur am beim ins ihren seinen".split()
)


def german_word_not_place(span: Span) -> bool:
    """A place name that is also a frequent German word, after an article ("im Namen",
    "den Namen", "des Landes"): the word, not the place (Namen, the German name of Namur;
    Landes, a French département)."""
    doc = span.doc
    return (
        doc.lang_ == "de"
        and len(span) == 1
        and len(span.kb_id_) > 2  # not a country ("die Niederlande", "der Schweiz")
        and span.start > 0
        and doc[span.start - 1].lower_ in _GERMAN_ARTICLES
        and (
            german_ordinary(span.text, GERMAN_CUED_ZIPF)
            # a frequent word that is also a place's name ("des Landes", "der Weg")
            or (not span.text.isupper() and german_frequency(span.text) >= GERMAN_CUED_ZIPF)
        )
    )


def german_nouns(span: Span) -> bool:
    """German capitalises every noun: a span of ordinary German words only is no name,
    unless one of them is the head noun of an organisation ("Hochschule Rheinland")."""
    if span.doc.lang_ != "de":
        return False
    words = [t.text for t in span if not t.is_punct]
    if any(fold(w) in ORG_HEADS for w in words):
        return False
    return bool(words) and all(w.lower() in STOP_CAPITALISED or german_ordinary(w) for w in words)


# Head nouns of names whose genitive singular adds "s" or "es" ("des Interreg-Programms",
# "des Projektes X", "des Forschungszentrums", "des Landkreises X", "des Clusters X"): a
# name is written in the nominative.
_GENITIVE_HEADS = re.compile(
    r"(?i)(programm|projekt|netzwerk|institut|zentrum|verbund|verein|kreis|cluster|verband)"
    r"(?:es|s)\b"
)


def german_nominative(name: str) -> str:
    """A German name with its head noun in the nominative ("Nordsee-Programms" ->
    "Nordsee-Programm"); other names as they are."""
    return _GENITIVE_HEADS.sub(r"\1", name)


# Heads a German compound ends in when it names an area ("Grenzgebiet", "Großregion",
# "Metropolregion"); "Euregio..." names the cross-border bodies as well as their areas.
_AREA_HEADS = ("region", "gebiet")
# Organisation heads long enough to end a compound, also in the genitive ("des
# Forschungsinstituts X").
_LONG_HEADS = tuple(h for h in ORG_HEADS if len(h) >= 6)
_HEADS_ANY_CASE = (
    _LONG_HEADS + tuple(h + "s" for h in _LONG_HEADS) + tuple(h + "es" for h in _LONG_HEADS)
)


def german_head_type(word: str) -> str | None:
    """The type the German compound opening a name announces (``word`` folded): an area
    ("Grenzgebiet X": a region) or an organisation ("Forschungsinstituts X")."""
    if word.endswith(_AREA_HEADS) and len(word) >= 9 and not word.startswith("euregio"):
        return "Region"
    if word.endswith(_HEADS_ANY_CASE):
        return "Organisation"
    return None


def _body_head(word: str) -> bool:
    """A word that is, or ends in, the head noun of a body, also in the genitive
    ("Naturparks", "Landesamtes")."""
    low = fold(word)
    forms = {low, low.removesuffix("s"), low.removesuffix("es")}
    return any(
        form == head or (len(head) >= 4 and form.endswith(head))
        for form in forms
        for head in ORG_HEADS | GERMAN_BODY_HEADS
    )


def german_prose(span: Span) -> bool:
    """Two or more capitalised German words found by their capitals alone, each a word of
    the language ("Ihrem Postfach", "Bau-Konzept", "Münchner Abgeordneten"): German
    capitalises its nouns, so this is a noun phrase, not a name. A body's head noun
    ("Europäischen Kommission"), a place or registry name, an acronym or a name adjective
    ("Niedersächsischen") makes it a name."""
    if span.doc.lang_ != "de" or not span.kb_id_.startswith("weak|multi|default"):
        return False
    words = [t for t in span if any(c.isalpha() for c in t.text)]
    if len(words) < 2:
        return False
    for token in words:
        text = token.text.strip("-")
        if text.isupper() or _body_head(text) or gazetteer().lookup(text):
            return False
        if name_adjective(token):
            return False
        if not (
            fold(text) in STOP_CAPITALISED
            or german_ordinary(text)
            or german_frequency(text) >= GERMAN_PROSE_ZIPF
        ):
            return False
    return True
