"""Names that hold two names: "A and B", "A – B" are cut apart unless the whole is one
name (an acronym's long form, a quoted title, a country such as "Bosnia and Herzegovina")."""

from __future__ import annotations

from spacy.tokens import Span

from innograph.ingest.entities.countries import COUNTRIES
from innograph.ingest.entities.quoted import FLAG as QUOTED_FLAG
from innograph.ingest.entities.spans import COORDINATORS, PREPOSITIONS


def _spells_its_acronym(span: Span) -> bool:
    """Do the initials of a long form, its "and" included or not, spell its acronym?"""
    if not span.kb_id_.startswith("acronym|"):
        return False
    letters = "".join(c for c in span.kb_id_.split("|", 1)[1] if c.isalpha()).upper()
    capitals = "".join(t.text[0] for t in span if t.text[:1].isupper())
    initials = "".join(t.text[0] for t in span if t.text[:1].isalpha()).upper()
    return len(letters) >= 2 and letters in {capitals.upper(), initials}


def split_coordinated(span: Span) -> list[Span]:
    """Split "A and B" (no preposition before the "and") and "A – B" (spaced dash) apart;
    a country whose name holds an "and" stays whole ("Bosnia and Herzegovina")."""
    if span.kb_id_.startswith("interreg|") or span.label_ == "Person" or span.kb_id_ == QUOTED_FLAG:
        return [span]
    if span.label_ == "Region" and span.kb_id_ in COUNTRIES:
        return [span]
    if _spells_its_acronym(span):
        return [span]  # "Research and Innovation (RI)": one name
    doc = span.doc
    parts, start = [], span.start
    for tok in span:
        cut = (
            tok.text in {"-", "–", "—"}
            and bool(tok.whitespace_)
            and tok.i > 0
            and bool(doc[tok.i - 1].whitespace_)
        )
        if tok.lower_ in COORDINATORS:
            cut = not any(t.lower_ in PREPOSITIONS for t in doc[start : tok.i])
        if cut and tok.i > start:
            parts.append(Span(doc, start, tok.i, label=span.label_, kb_id=span.kb_id_))
            start = tok.i + 1
    if start == span.start:
        return [span]
    if span.kb_id_.startswith("acronym|"):
        # A long form whose initials miss its acronym was cut out wrong ("Top consortia
        # for Knowledge and Innovation (TKI)" read from "Knowledge"): its pieces name nothing.
        return []
    if start < span.end:
        parts.append(Span(doc, start, span.end, label=span.label_, kb_id=span.kb_id_))
    return parts
