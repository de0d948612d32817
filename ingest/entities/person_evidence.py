"""Evidence that a name which looks like a person's to the statistical NER names an
organisation: a legal form after the same name elsewhere ("Acme Rossi S.r.l." and later
"Acme Rossi") ends a company's name, never a person's.
"""

from __future__ import annotations

from spacy.tokens import Span

from innograph.ingest.entities.gazetteer import norm_name
from innograph.ingest.entities.persons import PERSON_FLAG
from innograph.ingest.identity.legal_forms import LEGAL_FORMS


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
