"""French names: an institution led by its head noun, and capitals that are common nouns.

French writes an institution's name as a head noun, a particle and a capitalised
complement ("Comité des riverains de l'Union X"): the complement alone names another
thing. Headings in capitals and a word after a possessive or a number ("sa CULTURE",
"20 ANS") give dictionary words capitals that make them no name.
"""

from __future__ import annotations

from spacy.tokens import Span

from innograph.ingest.entities.dictionary import dictionary_word
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import (
    EVENT_HEADS,
    ORG_HEADS,
    with_folded,
)
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.spans import is_name_token

# French head nouns of an institution's or event's name that the name's complement follows
# after "de", "du", "des", "d'" ("Comité des ...", "Secrétariat de ..."), beyond
# ``ORG_HEADS`` and ``EVENT_HEADS``.
FRENCH_NAME_HEADS: frozenset[str] = with_folded(
    frozenset("comité secrétariat observatoire ambassade".split())
)
# French possessive determiners: a word right after one is a common noun ("sa CULTURE").
FRENCH_POSSESSIVES: frozenset[str] = frozenset(
    "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs".split()
)
# The particles that join a French head noun to its complement.
FRENCH_NAME_PARTICLES: frozenset[str] = frozenset("de du des d' d’".split())

_FRENCH_HEADS = ORG_HEADS | EVENT_HEADS | FRENCH_NAME_HEADS


def french_institution(span: Span) -> bool:
    """A French name led by its head noun, whose capitalised complement follows a particle
    ("Comité des riverains de l'Union X", "Forum de la Vallée Y"): the whole is the
    institution's or event's name, not the place or body its complement names."""
    doc = span.doc
    if doc.lang_ != "fr" or len(span) < 3 or not span[0].text[:1].isupper():
        return False
    if span.label_ == "Person":
        return False  # the NER's type is wrong there: no rank of its own to the span
    if fold(span[0].text) not in _FRENCH_HEADS or span[1].lower_ not in FRENCH_NAME_PARTICLES:
        return False
    inside = span[1:]
    if any(t.is_sent_start or t.text in {"(", ")", ",", ":", ";"} for t in inside):
        return False
    # The complement is a name, perhaps with its adjective ("de l'Union européenne").
    last = span[-1]
    return is_name_token(last) or last.is_lower and last.is_alpha and is_name_token(span[-2])


# Gazetteer sources of places and names known as such (not a registry's short names).
_KNOWN_SOURCES = frozenset({"lexicon", "cci", "nuts", "places"})


def french_word_as_noun(span: Span) -> bool:
    """One French dictionary word after a possessive or a number ("de sa CULTURE", "20 ANS"
    in a heading in capitals): a common noun, not a name, unless it is a known place or
    body ("4000 Liège")."""
    doc = span.doc
    if doc.lang_ != "fr" or len(span) != 1 or span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ not in FRENCH_POSSESSIVES and not before.like_num:
        return False
    if any(e.source in _KNOWN_SOURCES for e in gazetteer().lookup(span.text)):
        return False
    return dictionary_word(span.text, "fr")
