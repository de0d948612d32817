"""Parts of a known place named by a point of the compass: "Eastern Flanders", "la Flandre
occidentale", the two parts of one place written once ("Western and Eastern
Flanders", "la Flandre Occidentale et Orientale"), and the German and Dutch compounds of
a compass prefix and a river or sea ("Niederrhein", "Nordseeküste").

English puts the compass word before the place, French after it and in lower case, so
the gazetteer's place alone ("Flanders", "Flandre") is cut short or, in English, taken
into a longer name of another type. The place must be a known one (the gazetteer's
regions); the compass words are the closed class of each language.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.spans import COORDINATORS
from innograph.ingest.entities.spans import cached_fold as fold

FLAG = "head|compass"
# Compass words that come before a place (English) and after it (French).
_BEFORE = frozenset(
    "west east north south western eastern northern southern central upper lower".split()
)
_AFTER = frozenset(
    """occidental occidentale oriental orientale septentrional septentrionale meridional
    meridionale""".split()
)


# German and Dutch write a compass part of a river's or a sea's land as one word:
# "Niederrhein", "Oberrhein", "Nordseeküste", "Noordzeekust".
_COMPOUND_PREFIXES = (
    "nieder",
    "ober",
    "unter",
    "mittel",
    "nord",
    "sud",
    "ost",
    "west",
    "neder",
    "opper",
    "noord",
    "zuid",
    "oost",
)
_WATERS = ("rhein", "rijn", "maas", "mosel", "see", "zee")
_COASTS = ("", "kuste", "kust")


def compass_compound(word: str) -> bool:
    """A capitalised compound of a compass prefix, a river or sea, and perhaps a coast
    ("Niederrhein", "Nordseeküste")."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    low = fold(word)
    for prefix in _COMPOUND_PREFIXES:
        if low.startswith(prefix):
            rest = low[len(prefix) :]
            return any(rest == w + c for w in _WATERS for c in _COASTS)
    return False


def _place(doc: Doc, i: int) -> bool:
    """Token ``i`` is a known region's name ("Flanders", "Flandre")."""
    tok = doc[i]
    return tok.text[:1].isupper() and any(e.type == "Region" for e in gazetteer().lookup(tok.text))


def compass_spans(doc: Doc) -> Iterator[Span]:
    """The compass-named parts of known places (see the module's doc)."""
    n = len(doc)
    for tok in doc:
        i = tok.i
        glued = i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text in {"/", "-"}
        if doc.lang_ == "de" and compass_compound(tok.text) and not glued:
            yield Span(doc, i, i + 1, label="Region", kb_id=FLAG)  # "am Niederrhein"
        if doc.lang_ == "fr" and i + 1 < n and fold(doc[i + 1].text) in _AFTER and _place(doc, i):
            yield Span(doc, i, i + 2, label="Region", kb_id=FLAG)  # "la Flandre occidentale"
            if (
                i + 3 < n
                and doc[i + 2].lower_ in COORDINATORS
                and fold(doc[i + 3].text) in _AFTER
                and doc[i + 3].text[:1].isupper()
            ):
                yield Span(doc, i + 3, i + 4, label="Region", kb_id=FLAG)  # "... et Orientale"
        if (
            fold(tok.text) in _BEFORE
            and tok.text[:1].isupper()
            and i + 1 < n
            and _place(doc, i + 1)
        ):
            yield Span(doc, i, i + 2, label="Region", kb_id=FLAG)  # "Eastern Flanders"
            if (
                i >= 2
                and doc[i - 1].lower_ in COORDINATORS
                and fold(doc[i - 2].text) in _BEFORE
                and doc[i - 2].text[:1].isupper()
            ):
                yield Span(doc, i - 2, i - 1, label="Region", kb_id=FLAG)  # "Western and"
