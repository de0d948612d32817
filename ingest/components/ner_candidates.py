"""``innograph_ner_candidates_v1``: the statistical NER's entities, re-typed for the contract.

en_core_web_sm labels (ORG, GPE, PERSON ...) become contract types using the words of the
name itself (head nouns, cluster and event words) and its neighbours ("the X project").
Labels without a contract meaning (DATE, MONEY, NORP ...) are dropped.
"""

from __future__ import annotations

from innograph.ingest.components.patterns import type_of_run
from innograph.ingest.components.spans import SPAN_NER, is_name_token
from innograph.ingest.components.spans import cached_fold as fold
from innograph.ingest.gazetteer_lexicon import PROJECT_CUES, STOP_CAPITALISED
from spacy.language import Language
from spacy.tokens import Doc, Span

_NER_TYPES = {
    "ORG": "Organisation",
    "GPE": "Region",
    "LOC": "Region",
    "PERSON": "Person",
    "EVENT": "Event",
    "FAC": None,
    "PRODUCT": None,
    "WORK_OF_ART": None,
}


def retype(span: Span, lang: str) -> str | None:
    """The contract type of one NER entity, or None to drop it."""
    if span.label_ not in _NER_TYPES:
        return None
    words = [t.text for t in span]
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if after in PROJECT_CUES or span.start > 0 and span.doc[span.start - 1].lower_ in PROJECT_CUES:
        return "Project"
    if span.label_ == "PERSON":
        names = [t for t in span if is_name_token(t)]
        return "Person" if len(names) >= 2 and len(span) <= 4 else None
    by_words = type_of_run(words, lang)
    if by_words:
        return by_words
    return _NER_TYPES[span.label_]


@Language.component("innograph_ner_candidates_v1", requires=["doc.ents"], assigns=["doc.spans"])
def ner_candidates(doc: Doc) -> Doc:
    """Copy the NER's entities into ``doc.spans["ig_ner"]`` with contract types."""
    spans = []
    for ent in doc.ents:
        start = ent.start
        while start < ent.end and fold(doc[start].text) in STOP_CAPITALISED:
            start += 1
        if start >= ent.end or "\n" in doc[start : ent.end].text:
            continue
        span = Span(doc, start, ent.end, label=ent.label_)
        entity_type = retype(span, doc.lang_)
        if entity_type and any(is_name_token(t) for t in span):
            spans.append(Span(doc, start, ent.end, label=entity_type))
    doc.spans[SPAN_NER] = spans
    return doc
