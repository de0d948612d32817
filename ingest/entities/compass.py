"""Places named by the points of the compass and the rivers of their area: "Southern
Limburg", "le Hainaut occidental", the two parts of one place written once ("Northern and
Southern Limburg", "le Hainaut Occidental et Oriental"), the German compounds of a
compass prefix and a river or sea ("Obermosel", "Ostseeküste"), and the euregios named
by their rivers, in either order and case ("die euregio maas-mosel-ost", "the
Moselle-Meuse Euregion").

English puts the compass word before the place, French after it and in lower case, so
the gazetteer's place alone ("Limburg", "Hainaut") is cut short or, in English, taken
into a longer name of another type. The place must be a known one (the gazetteer's
regions); the compass words and the area words (rivers, seas: the lexicon's Interreg
area words) are closed classes.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import INTERREG_AREA_WORDS
from innograph.ingest.entities.name_runs import DASHES
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
# "Obermosel", "Untermaas", "Ostseeküste", "Zuidzeekust".
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


# The points of the compass as words of their own, folded: adverbs, adjectives and the
# nouns of the four languages ("het Zuiden", "der Osten", "le Sud-Ouest").
_POINTS = frozenset(
    """north south east west northern southern eastern western northeast northwest
    southeast southwest noord zuid oost west noorden zuiden oosten westen noordoosten
    noordwesten zuidoosten zuidwesten nord sud ost norden suden osten westen nordosten
    nordwesten sudosten sudwesten est ouest""".split()
)


def compass_only(span: Span) -> bool:
    """A name of two or more compass words and nothing else ("the Zuid-Westen", "Nord-Ost
    cooperation"): a direction or a part of some place left unnamed, no entity. A known
    region's name comes from the registry and is not asked about."""
    words = [fold(t.text) for t in span if t.text not in DASHES]
    return len(words) >= 2 and all(w in _POINTS for w in words)


def compass_compound(word: str) -> bool:
    """A capitalised compound of a compass prefix, a river or sea, and perhaps a coast
    ("Obermosel", "Ostseeküste")."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    low = fold(word)
    for prefix in _COMPOUND_PREFIXES:
        if low.startswith(prefix):
            rest = low[len(prefix) :]
            return any(rest == w + c for w in _WATERS for c in _COASTS)
    return False


def _place(doc: Doc, i: int) -> bool:
    """Token ``i`` is a known region's name ("Limburg", "Hainaut")."""
    tok = doc[i]
    return tok.text[:1].isupper() and any(e.type == "Region" for e in gazetteer().lookup(tok.text))


def compass_spans(doc: Doc) -> Iterator[Span]:
    """The compass-named parts of known places (see the module's doc)."""
    n = len(doc)
    for tok in doc:
        i = tok.i
        glued = i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text in {"/", "-"}
        if doc.lang_ == "de" and compass_compound(tok.text) and not glued:
            yield Span(doc, i, i + 1, label="Region", kb_id=FLAG)  # "an der Obermosel"
        if doc.lang_ == "fr" and i + 1 < n and fold(doc[i + 1].text) in _AFTER and _place(doc, i):
            yield Span(doc, i, i + 2, label="Region", kb_id=FLAG)  # "le Hainaut occidental"
            if (
                i + 3 < n
                and doc[i + 2].lower_ in COORDINATORS
                and fold(doc[i + 3].text) in _AFTER
                and doc[i + 3].text[:1].isupper()
            ):
                yield Span(doc, i + 3, i + 4, label="Region", kb_id=FLAG)  # "... et Oriental"
        if (
            fold(tok.text) in _BEFORE
            and tok.text[:1].isupper()
            and i + 1 < n
            and _place(doc, i + 1)
        ):
            yield Span(doc, i, i + 2, label="Region", kb_id=FLAG)  # "Southern Limburg"
            if (
                i >= 2
                and doc[i - 1].lower_ in COORDINATORS
                and fold(doc[i - 2].text) in _BEFORE
                and doc[i - 2].text[:1].isupper()
            ):
                yield Span(doc, i - 2, i - 1, label="Region", kb_id=FLAG)  # "Northern and"


EUREGIO_FLAG = "head|euregio"


def euregio_spans(doc: Doc) -> Iterator[Span]:
    """A euregio named by the rivers and points of its area, capitalised or not ("die
    euregio maas-mosel-ost", "Euregio Mosel-Nord", "euregio-maas-mosel-ost"): the
    border region. The parts after the word are joined by hyphens; one of them at least
    is an area word (a river, a point of the compass) and the others area words or
    capitalised names."""
    n = len(doc)
    for tok in doc:
        if fold(tok.text) not in {"euregio", "euregion"}:
            continue
        i = tok.i + 1
        if i < n and doc[i].text in DASHES and not tok.whitespace_ and not doc[i].whitespace_:
            i += 1  # "euregio-rhein-..."
        parts: list[str] = []
        end = i
        while end < n and doc[end].is_alpha and not doc[end].is_sent_start:
            parts.append(doc[end].text)
            end += 1
            if (
                end + 1 < n
                and doc[end].text in DASHES
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
            ):
                end += 1
                continue
            break
        areas = [p for p in parts if fold(p) in INTERREG_AREA_WORDS]
        if (
            len(parts) >= 2
            and areas
            and all(fold(p) in INTERREG_AREA_WORDS or p[:1].isupper() for p in parts)
        ):
            yield Span(doc, tok.i, end, label="Region", kb_id=EUREGIO_FLAG)
        # English puts the area first: "the Moselle-Meuse Euregion".
        start = tok.i - 1
        if start < 0 or fold(doc[start].text) not in INTERREG_AREA_WORDS:
            continue
        while (
            start >= 2
            and doc[start - 1].text in DASHES
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and fold(doc[start - 2].text) in INTERREG_AREA_WORDS
        ):
            start -= 2
        if start < tok.i - 1:  # two area words at least: "Moselle-Meuse"
            yield Span(doc, start, tok.i + 1, label="Region", kb_id=EUREGIO_FLAG)
