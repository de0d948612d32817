"""Runs of name-like tokens in a text, the building block of the rule components.

``name_runs`` gives the spans of capitalised words (with their connectors) that may be
a name; ``is_distinctive_word`` tells a word that can stand for a name on its own. Kept
apart from ``patterns`` so that other components (``project_lists``) can use them
without importing the pattern finder.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import (
    ORG_HEADS,
    PROJECT_CUES,
    STOP_CAPITALISED,
)
from innograph.ingest.entities.person_lexicon import BODY_WORDS
from innograph.ingest.entities.spans import (
    COORDINATORS,
    NAME_CONNECTORS,
    PREPOSITIONS,
    is_name_token,
    per_doc,
)
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.identity.legal_forms import LEGAL_FORMS

DASHES = {"-", "–", "—"}
# Dutch/German compound nouns ending in these words introduce a name, they are not part of it
# ("Interregprogramma GreenBridge"); a fund's compound is its name's head ("Groeifonds Drenthe").
_COMPOUND_CUES = ("programma", "programm", "project", "projekt", "initiatief")
# Tokens after which a word is capitalised because a sentence or a list item starts.
_OPENERS = {".", "!", "?", "•", "“", '"', "‘", "*"}


def _year_text(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1990 <= int(text) <= 2040


def is_year(token: Token) -> bool:
    """A four-digit year of this era."""
    return _year_text(token.text)


def _is_period_end(token: Token) -> bool:
    """The year that ends a period, a sentence's dot glued to it ("2021-2027.")."""
    return _year_text(token.text.removesuffix("."))


def same_line(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens start..end stand on one line."""
    return not any("\n" in t.text for t in doc[start:end])


def name_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of name tokens, joined by connectors ("of", "van", "&", "-") within a line.

    Computed once per document (several components ask)."""
    return list(per_doc(doc, "ig_name_runs", lambda d: list(_name_runs(d))))


def _name_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    i, n = 0, len(doc)
    while i < n:
        if not is_name_token(doc[i]) or fold(doc[i].text) in STOP_CAPITALISED and doc[i].is_lower:
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = doc[j]
            if "\n" in tok.text or tok.is_sent_start and doc[j - 1].is_punct:
                break
            prev = doc[j - 1].text
            if prev.endswith(".") and len(prev) > 2 and _ends_sentence(prev[:-1]):
                break  # "... Enertec BV. Gedeputeerde ...": the abbreviation ends a sentence
            if is_name_token(tok) or _number_in_name(doc, j):
                j += 1
                continue
            nxt = doc[j + 1] if j + 1 < n else None
            is_link = tok.lower_ in NAME_CONNECTORS or tok.text == "&"
            if tok.lower_ in COORDINATORS:
                # A capitalised particle that opens the name ("De Vrieze en X") is no preposition.
                is_link = any(t.lower_ in PREPOSITIONS for t in doc[i:j] if t.i > i or t.is_lower)
            if is_link and _dutch_separator(doc, i, j):
                is_link = False
            if tok.text in DASHES:  # "Alphen-Chaam" joins, "Energy – Norway" does not
                is_link = not doc[j - 1].whitespace_ and not tok.whitespace_
                if nxt is not None and is_year(doc[j - 1]) and _is_period_end(nxt):
                    j += 2  # a period after a name ("EFRE-Programm Hessen 2021-2027")
                    if nxt.text.endswith("."):
                        break  # the sentence ends with it
                    continue
            if _inner_dot(doc, j):  # "Regio.NRW": one name, though a sentence may start
                j += 2
                continue
            if is_link and nxt is not None and is_name_token(nxt) and not nxt.is_sent_start:
                j += 2
                continue
            break
        start = i
        while start < j and _droppable_first(doc, start, j):
            start += 1
        if start < j:
            yield start, j
        i = j


# Words after a number that make it a quantity, not part of a name ("X 80 miljard euro").
_QUANTITY_WORDS = frozenset(
    """miljard miljoen million millions billion billions milliard milliards mrd mio
    millionen milliarden million euro euros eur € % procent percent prozent pour""".split()
)


def _dutch_separator(doc: Doc, start: int, j: int) -> bool:
    """Dutch "of" means "or" and "de"/"het" are articles, so between two capitalised
    words they part two names ("Shell of Philips", "is Helmond de Co-location Centre").
    "of" still links after an English head ("University of Twente") and "de" after
    anything but a lone known place ("Jan de Vries")."""
    if doc.lang_ != "nl" or not doc[j].is_lower:
        return False
    word, prev = doc[j].lower_, doc[j - 1].text
    if word == "of":
        return fold(prev) not in ORG_HEADS
    if word in {"de", "het"} and j - start == 1:
        return any(e.type == "Region" for e in gazetteer().lookup(prev))
    return False


def _ends_sentence(word: str) -> bool:
    """An abbreviation written without inner dots, so a dot after it ends a sentence:
    capitals ("BV") or a legal form ("GmbH", "Ltd"), never written "GmbH." in a name."""
    return word.isupper() or "." not in word and word.lower() in LEGAL_FORMS


def _inner_dot(doc: Doc, j: int) -> bool:
    """A dot written without spaces between two capitalised words ("Acme.Nord",
    "Stadt.Land.Fluss"): a name's inner dot, where the tokenizer cut it. A missing space
    after a sentence's end ("Jahren.Die") is told by the article or pronoun after it."""
    if doc[j].text != "." or j + 1 >= len(doc) or doc[j - 1].whitespace_ or doc[j].whitespace_:
        return False
    nxt = doc[j + 1]
    return is_name_token(nxt) and fold(nxt.text) not in STOP_CAPITALISED and "\n" not in nxt.text


def _number_in_name(doc: Doc, j: int) -> bool:
    """A number written in digits that continues a name ("Horizon 2020", "Call 5"); a
    number word ("vier", "een") or a quantity ("80 miljard") does not."""
    tok = doc[j]
    if not (tok.like_num and is_name_token(doc[j - 1])) or not any(c.isdigit() for c in tok.text):
        return False
    return not (j + 1 < len(doc) and doc[j + 1].lower_ in _QUANTITY_WORDS)


def _droppable_first(doc: Doc, start: int, end: int) -> bool:
    """A run's first word that is not part of the name: "The", or a sentence-initial
    ordinary word ("Thus NORTHWIND", "Bijvoorbeeld GreenBridge")."""
    token = doc[start]
    if start + 1 < end and doc[start + 1].text in DASHES and not token.whitespace_:
        return False  # "X-RAYS"
    word = fold(token.text)
    if _label_word(doc, start, end):
        return True
    if _capitalised_particle(doc, start, end):
        return False  # "bakkerij De Molenwiek", "ABEX, Brandt, De Vrieze en Holtmans"
    if word.replace("’", "'") in ELIDED:
        return True  # French elided article or preposition: "L’Agence", "d’Anvers"
    if word in STOP_CAPITALISED or token.text.isupper() and len(token) == 1:
        return word in STOP_CAPITALISED
    if end - start >= 2 and any(word.endswith(c) and word != c for c in _COMPOUND_CUES):
        return True  # a compound cue word opens the run: "Interregprogramma GreenBridge"
    if end - start >= 2 and word in PROJECT_CUES:
        return True  # German nouns are capitalised: "das Projekt SmartFab"
    if _german_genitive_head(doc, start, end):
        return True
    if _plural_place_word(doc, start, end):
        return True
    lang = doc.lang_ if doc.lang_ in ("en", "nl") else None
    sentence_initial = token.is_sent_start or start > 0 and doc[start - 1].text in _OPENERS
    if start > 0 and doc[start - 1].text == ":":
        return False  # a list item after a colon keeps its first word
    if body_name(doc, start, end):
        return False
    return bool(
        sentence_initial
        and end - start >= 2
        and token.text[:1].isupper()
        and not is_distinctive_word(token.text)
        and gazetteer().is_common_word(token.text, lang)
    )


def body_name(doc: Doc, start: int, end: int) -> bool:
    """A run whose second word names a body ("Gedeputeerde Staten van X", "Regional
    Council of X"): its first word is the body's name even where it opens a sentence."""
    return end - start >= 2 and fold(doc[start + 1].text) in BODY_WORDS


# Articles and particles that open Dutch, Flemish and French names ("De Vrieze", "Van
# Holtmans", "La Verrerie"): written with a capital in mid-sentence, they are the name's.
_NAME_PARTICLES = frozenset("de den het van ter ten le la les du des".split())


def _capitalised_particle(doc: Doc, start: int, end: int) -> bool:
    """A capitalised particle in mid-sentence before a capitalised word, where the
    article would be written in lower case: part of the name that follows."""
    token = doc[start]
    if end - start < 2 or start == 0 or token.is_sent_start:
        return False
    if not (token.text[:1].isupper() and token.text[1:].islower()):
        return False
    prev = doc[start - 1]
    return (
        fold(token.text) in _NAME_PARTICLES
        and prev.text not in _OPENERS
        and prev.text not in {":", "(", "‘", "„", "«", "-", "–", "—"}
        and "\n" not in prev.text
        and doc[start + 1].text[:1].isupper()
    )


# Words that say what the name after them is without being part of it: "der Firma X",
# "der Lead Partner X".
_LABEL_WORDS = frozenset({"firma", "leadpartner"})


def _label_word(doc: Doc, start: int, end: int) -> bool:
    """A label word opening a longer run ("Firma", "Lead Partner"), not part of the name."""
    word = fold(doc[start].text)
    if end - start < 2:
        return False
    nxt = fold(doc[start + 1].text)
    prev = fold(doc[start - 1].text) if start > 0 else ""
    return (
        word in _LABEL_WORDS
        or (word == "lead" and nxt == "partner" and end - start >= 3)
        or (word == "partner" and prev == "lead")
    )


# German plural nouns for places, capitalised before the places they list ("die Städte
# Lingen und Meppen", "der Regionen Drenthe und Emsland", compounds included:
# "Grenzregionen").
_PLACE_PLURALS = ("städte", "stadte", "regionen", "länder", "lander", "provinzen", "kreise")


def _plural_place_word(doc: Doc, start: int, end: int) -> bool:
    """A plural word for places opening a run before a known place: the list's cue,
    not part of the place's name."""
    if end - start < 2 or not fold(doc[start].text).endswith(_PLACE_PLURALS):
        return False
    nxt = doc[start + 1].text
    bare = nxt[:-1] if nxt.endswith("s") and nxt[:-1].isupper() else nxt  # "NRWs"
    return any(e.type == "Region" for e in gazetteer().lookup(bare)) or bare.isupper()


_GENITIVE = {"der", "des"}
ELIDED = {"l'", "d'", "qu'"}
# Long enough to end a German compound as its head ("Bezirksregierung" ends in no head,
# "Landesministerium" does): short heads ("rat", "lab") would match ordinary words.
LONG_ORG_HEADS = tuple(h for h in ORG_HEADS if len(h) >= 6)


def _german_genitive_head(doc: Doc, start: int, end: int) -> bool:
    """German capitalises every noun: "Vertreter der Universität X", "Rahmen des Projekts"
    start with a common noun governing a genitive, which is not part of the name that follows.
    The noun is kept when it is an organisation head ("Ministerium des Landes ...")."""
    if doc.lang_ != "de" or end - start < 3 or doc[start + 1].lower_ not in _GENITIVE:
        return False
    word = fold(doc[start].text)
    return not (word in ORG_HEADS or word.endswith(LONG_ORG_HEADS))


def is_distinctive_word(text: str) -> bool:
    """CamelCase or letters with digits ("GreenBridge", "H2020")."""
    camel = any(a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False))
    return camel or any(c.isdigit() for c in text)
