"""Evidence that a name which looks like a person's names an organisation.

A first name and a surname-like word ("Lorraine Plasturgie", "Lin des Flandres") make a
person's name for the first-name lexicon, but the text may say what the name is: a kind
noun right before it ("der Kunststoffcluster X", "la coopérative X") or a description
after it ("X, an injection moulder") types it, and that says more than the shape of its
words, in every mention of the same name. A legal form after a name ("X S.r.l.") says
the same of its shorter mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from innograph.ingest.entities.copula import FLAG as DESCRIBED_FLAG
from innograph.ingest.entities.gazetteer import norm_name
from innograph.ingest.entities.kinds import FLAG as KIND_FLAG
from innograph.ingest.entities.persons import PERSON_FLAG
from innograph.ingest.entities.spans import SPAN_PATTERNS
from innograph.ingest.identity.legal_forms import LEGAL_FORMS

# A name the text calls a cluster or a company: strong like a mid-sentence name of
# several words, typed by the kind noun (``assemble._tier`` ranks "weak|multi" first).
KIND_NAMED_FLAG = "weak|multi|kind"


def kind_typed_names(doc: Doc) -> dict[str, str]:
    """Text -> type of the names a kind noun introduces or a copula or an apposition
    describes (the pattern finder's kind and description spans of ``doc``)."""
    return {
        s.text: s.label_
        for s in doc.spans.get(SPAN_PATTERNS, [])
        if s.kb_id_ in (KIND_FLAG, DESCRIBED_FLAG) and s.label_ != "Person"
    }


def retyped_person(span: Span, kind_typed: dict[str, str]) -> Span:
    """``span`` (a person's name by its words) typed as the kind noun types the same
    name elsewhere in the document, if one does; else ``span`` unchanged."""
    label = kind_typed.get(span.text)
    if label is None:
        return span
    return Span(span.doc, span.start, span.end, label=label, kb_id=KIND_NAMED_FLAG)


def company_short_form(span: Span, names: set[str]) -> bool:
    """Is ``span``, a person's name only to the statistical NER, a company's name of
    ``names`` (normalised) without its legal form ("Acme Rossi" of "Acme Rossi S.r.l.")?
    A legal form ends a company's name, never a person's. A name of a first name and a
    surname (the first-name lexicon's) may be the owner's, and stays a person."""
    if span.label_ != "Person" or span.kb_id_ == PERSON_FLAG:
        return False
    words = norm_name(span.text).split()
    return any(
        n.split()[: len(words)] == words and "".join(n.split()[len(words) :]) in LEGAL_FORMS
        for n in names
        if len(n.split()) > len(words)
    )
