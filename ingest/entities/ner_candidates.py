"""``innograph_ner_candidates_v1``: the statistical NER's entities, re-typed for the contract.

en_core_web_sm labels (ORG, GPE, PERSON ...) and fr_core_news_sm ones (ORG, LOC, PER,
MISC) become contract types using the words of the
name itself (head nouns, cluster and event words) and its neighbours ("the X project").
Labels without a contract meaning (DATE, MONEY, NORP ...) are dropped.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from innograph.ingest.entities.dictionary import dictionary_word
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import PROJECT_CUES, STOP_CAPITALISED
from innograph.ingest.entities.patterns import type_of_run
from innograph.ingest.entities.spans import SPAN_GAZETTEER, SPAN_NER, is_name_token
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.weak import shouted_words
from innograph.ingest.relations.lexicon import place_preposition_before

_NER_TYPES = {
    "ORG": "Organisation",
    "GPE": "Region",
    "LOC": "Region",
    "PERSON": "Person",
    "PER": "Person",
    "EVENT": "Event",
    "FAC": None,
    "PRODUCT": None,
    "WORK_OF_ART": None,
    "MISC": None,  # French: events, products, nationalities ... only typed by its words
}


def retype(span: Span, lang: str) -> str | None:
    """The contract type of one NER entity, or None to drop it."""
    if span.label_ not in _NER_TYPES:
        return None
    words = [t.text for t in span]
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if after in PROJECT_CUES or span.start > 0 and span.doc[span.start - 1].lower_ in PROJECT_CUES:
        return "Project"
    if span.label_ in ("PERSON", "PER"):
        names = [t for t in span if is_name_token(t)]
        return "Person" if len(names) >= 2 and len(span) <= 4 else None
    known = _known_type(span)
    if known:
        return known
    by_words = type_of_run(words, lang)
    if by_words:
        return by_words
    return _NER_TYPES[span.label_]


# Gazetteer sources whose names are curated (not registry names that may be common words).
_CURATED = ("lexicon", "cci", "nuts")


def _known_type(span: Span) -> str | None:
    """The type of a curated gazetteer name the NER found in another case ("Feder" for
    FEDER, "WALLONIE" in a heading), which the case-sensitive gazetteer matcher missed."""
    entries = gazetteer().lookup(span.text)
    return entries[0].type if entries and entries[0].source in _CURATED else None


def _ordinary_word(span: Span) -> bool:
    """One capitalised dictionary word the gazetteer does not know ("Mobilité" as a list
    item, "États" of "États membres"): the NER's guess, not a name."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].is_upper or gazetteer().lookup(span.text):
        return False
    return dictionary_word(words[0].text, span.doc.lang_)


def _start(doc: Doc, ent: Span) -> int:
    """Where the name starts: past leading stop words, lower-case words ("la manne X")
    and elided articles ("L’" before a lower-case noun), which the NER sometimes takes in."""
    start = ent.start
    while start < ent.end and (
        fold(doc[start].text) in STOP_CAPITALISED
        or not is_name_token(doc[start])
        or doc[start].text[-1:] in ("'", "’")
    ):
        start += 1
    return start


def _end(doc: Doc, start: int, end: int, places: dict[int, int], lowered: str) -> int:
    """Where the name ends: before a place preposition and the known place that closes
    the NER's span ("the Acme Institute in Cork" names the institute, then its town)."""
    place_start = places.get(end)
    if place_start is None or place_start <= start + 1:
        return end
    prep = place_preposition_before(lowered, doc[place_start].idx, doc.lang_)
    if prep is None or prep <= doc[start].idx:
        return end
    cut = place_start
    while cut > start and doc[cut - 1].idx >= prep:
        cut -= 1
    return cut


@Language.component("innograph_ner_candidates_v1", requires=["doc.ents"], assigns=["doc.spans"])
def ner_candidates(doc: Doc) -> Doc:
    """Copy the NER's entities into ``doc.spans["ig_ner"]`` with contract types."""
    spans = []
    # the known places by where they end: a place closing a name is cut off it
    places = {s.end: s.start for s in doc.spans.get(SPAN_GAZETTEER, ()) if s.label_ == "Region"}
    lowered = doc.text.lower() if places else ""  # once: Doc.text is rebuilt on each read
    for ent in doc.ents:
        start = _start(doc, ent)
        end = _end(doc, start, ent.end, places, lowered)
        if start >= end or "\n" in doc[start:end].text:
            continue
        line = [t.text for t in doc[start].sent if not t.is_punct]
        if shouted_words([t.text for t in doc[start:end]]) or shouted_words(line):
            continue  # a heading in capitals, or one ordinary word in capitals
        if _ordinary_word(doc[start:end]):
            continue
        span = Span(doc, start, end, label=ent.label_)
        entity_type = retype(span, doc.lang_)
        if entity_type and any(is_name_token(t) for t in span):
            spans.append(Span(doc, start, end, label=entity_type))
    doc.spans[SPAN_NER] = spans
    return doc
