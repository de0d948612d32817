"""Where a thing is, at the edge of its name: not part of the name.

"the Flemish Acmebridge initiative", "het Duitse Zorbax Instituut" name Acmebridge and
Zorbax Instituut; the adjective says where they are from. It belongs to the name only
when what follows it is no name on its own: an ordinary word or a head ("Flemish
Government", "Vlaamse Milieumaatschappij") or a place ("Flemish Brabant").

"Acme Robotics in Ghent", which the statistical NER reads as one organisation, names
Acme Robotics and where it is: a known place after a lower-case place preposition at the
end of a name is no part of it.
"""

from __future__ import annotations

from spacy.tokens import Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import ORG_HEADS
from innograph.ingest.entities.legal_suffix import closed_by_legal_form
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.relations.lexicon import place_adjective, place_preposition_before

# Languages whose place adjectives are capitalised and whose ordinary words the
# gazetteer knows; German capitalises every noun, French writes the adjective after.
_LANGS = frozenset({"en", "nl"})
_NOT_NAMES = frozenset({"Region", "Person"})


def _owns_a_name(word: str, lang: str) -> bool:
    """A word that names something by itself: capitalised, no ordinary word of the
    language, no organisation head (also at the end of a compound), no place."""
    g = gazetteer()
    folded = fold(word)
    return (
        word.isalpha()
        and word[:1].isupper()
        and not g.is_common_word(word, lang)
        and not any(folded.endswith(head) for head in ORG_HEADS if len(head) > 3)
        and folded not in ORG_HEADS
        and not any(e.type == "Region" for e in g.lookup(word))
    )


def _a_name_of_its_own(span: Span, lang: str) -> bool:
    """An organisation's words after the adjective name it although the first is a place
    or ends in a head: a place with more words after it ("Deense Zorborg Universitet"),
    or a foreign word opening a name its legal form closes ("Duitse Netzwerk Zorbel
    e.V."), a registered name the adjective only describes."""
    if span.label_ != "Organisation" or len(span) < 3:
        return False
    second = span[1].text
    if any(e.type == "Region" for e in gazetteer().lookup(second)):
        return True
    return (
        closed_by_legal_form(span)
        and second.isalpha()
        and second[:1].isupper()
        and not gazetteer().is_common_word(second, lang)
    )


def without_place_adjective(span: Span) -> Span:
    """``span`` without a leading adjective of a country or region when the word after
    it is a name of its own ("Flemish Acmebridge" -> "Acmebridge"); else ``span``."""
    lang = span.doc.lang_
    pattern = place_adjective(lang) if lang in _LANGS else None
    if pattern is None or len(span) < 2 or span.label_ in _NOT_NAMES:
        return span
    adjective = span[0].text
    if not adjective[:1].isupper() or not pattern.fullmatch(adjective.lower()):
        return span
    owned = _owns_a_name(span[1].text, lang) or _a_name_of_its_own(span, lang)
    if not owned or gazetteer().lookup(span.text):
        return span  # "Vlaamse Milieumaatschappij", or a known name with its adjective
    if len(span) == 2 and len(span[1].text) < 4:
        return span  # one short word is too little for a name ("the Dutch Pro" cut off)
    return Span(span.doc, span.start + 1, span.end, label=span.label_, kb_id=span.kb_id_)


def without_trailing_place(span: Span) -> Span:
    """``span`` without a place preposition and a known place closing it ("Acme Robotics
    in Ghent" -> "Acme Robotics", "Beta Labs uit Gent"); else ``span``. A known name
    with its place (as the gazetteer writes it) stays whole."""
    doc = span.doc
    if len(span) < 3 or span.label_ in _NOT_NAMES or gazetteer().lookup(span.text):
        return span
    for cut in range(span.end - 1, span.start + 1, -1):
        place = doc[cut : span.end]
        if not any(e.type == "Region" for e in gazetteer().lookup(place.text)):
            continue
        before = doc[span.start : cut]
        lowered = doc.text[before.start_char : place.start_char].lower()
        prep = place_preposition_before(lowered, len(lowered), doc.lang_)
        if prep is None or not doc.text[before.start_char + prep].islower():
            return span
        head = doc.char_span(before.start_char, before.start_char + prep, alignment_mode="contract")
        if head is None or len(head) == 0 or not head[-1].text[:1].isalnum():
            return span
        return Span(doc, head.start, head.end, label=span.label_, kb_id=span.kb_id_)
    return span
