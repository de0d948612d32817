"""Universities written as a letter glued to their town: "ULiège", "UGent", "UniBonn".

Belgian, Dutch and German universities go by a contraction of "University" (or its
initials, "UCLouvain" for Université catholique de Louvain) and the name of their town,
written as one word. The town is a known place (the gazetteer's places, from the real
registers), so the word names an organisation, not a place, and it is the same thing as
a university name of the same town in the document, whatever its language ("University
of Liège", "Ghent University", "Universiteit Gent"): the place's registry key ties them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.spans import cached_fold as fold

FLAG = "head|university"
# "U" or "Uni", at most two more capitals (the initials of "catholique" ...), a town.
_CONTRACTION = re.compile(r"^(?:Uni|U[A-Z]{0,2})([A-Z][^\W\d_A-Z][^\W\d_]{1,})$")
# Folded head words of a university's full name, in EN/NL/FR/DE.
_UNIVERSITY_WORDS = frozenset({"university", "universiteit", "universite", "universitat", "uni"})


def _place_keys(word: str) -> frozenset[str]:
    return frozenset(e.key for e in gazetteer().lookup(word) if e.type == "Region")


@lru_cache(maxsize=4096)
def contracted_place(text: str) -> frozenset[str]:
    """The registry keys of the town in a contracted university name ("ULiège" ->
    {"liege"}); empty when ``text`` is not one."""
    match = _CONTRACTION.match(text)
    if match is None:
        return frozenset()
    return _place_keys(match.group(1))


def university_places(text: str) -> frozenset[str]:
    """The registry keys of the towns named in a university's full name ("University of
    Liège", "Ghent University", "Université catholique de Louvain"); empty otherwise."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 2 or not any(fold(w) in _UNIVERSITY_WORDS for w in words):
        return frozenset()
    keys: set[str] = set()
    for word in words:
        if word[:1].isupper() and fold(word) not in _UNIVERSITY_WORDS:
            keys |= _place_keys(word)
    return frozenset(keys)


def university_spans(doc: Doc) -> Iterator[Span]:
    """Every contracted university name of the document, as an organisation."""
    for tok in doc:
        if contracted_place(tok.text):
            yield Span(doc, tok.i, tok.i + 1, label="Organisation", kb_id=FLAG)
