"""A company's legal form written after its name belongs to the name.

Flemish and Dutch texts write the form in lower case ("Acme Keramiek nv", "Groenveld vzw"),
others with inner dots that the tokenizer cuts into pieces ("Zorvak d.o.o.", "Kelmo sp. z
o.o.") or after a comma ("Borda Verde, Lda."). The capitalised run or the statistical NER
stops before such a form, and the name comes out without it. A form right after an
organisation's name, ending it, is taken into the name.
"""

from __future__ import annotations

import wordfreq
from spacy.tokens import Span

from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.identity.legal_forms import LEGAL_FORMS

# The most tokens a legal form is cut into ("sp.", "z", "o.o.").
_MAX_PIECES = 4
# Above this Zipf frequency in the page's language a lower-case form is an ordinary word
# ("et", "sa", "as", "da", "ab"), not a legal form.
_WORD_ZIPF = 5.0


def _form_end(span: Span) -> int | None:
    """The end (a token index of the doc) of a legal form written right after ``span``,
    or ``None``: the longest run of up to four tokens on the span's line that folds to a
    known form and is followed by no further word of a name."""
    doc = span.doc
    comma = span.end < len(doc) and doc[span.end].text == ","
    first = span.end + 1 if comma else span.end
    found = None
    for end in range(first + 1, min(first + _MAX_PIECES, len(doc)) + 1):
        if "\n" in doc[first - 1 : end].text_with_ws.rstrip():
            break
        written = doc[first:end].text
        form = fold(written).replace(".", "").replace(" ", "")
        if form in LEGAL_FORMS and _written_as_form(written, doc.lang_, comma):
            found = end
    if found is None:
        if not span or fold(span[-1].text).replace(".", "") not in LEGAL_FORMS:
            return None
        found = span.end  # the form is in the name already, its closing dot is not
    # A dot closing the form ("Lda., Porto", "ehf. et"): part of it when the sentence
    # goes on; a dot ending the sentence is not.
    if found + 1 < len(doc) and doc[found].text == "." and not doc[found - 1].whitespace_:
        after = doc[found + 1]
        if "\n" not in doc[found].whitespace_ and not after.text[:1].isupper():
            found += 1
    nxt = doc[found] if found < len(doc) else None
    if nxt is not None and nxt.text[:1].isupper() and not doc[found - 1].text.endswith("."):
        if not nxt.is_sent_start and "\n" not in doc[found - 1].whitespace_:
            return None  # "Universidade da Beira": a word of the name goes on
    return found


def closed_by_legal_form(span: Span) -> bool:
    """Does a legal form, in up to four tokens, end ``span`` ("Acme e.V.", "Acme sp. z
    o.o.") with at least one word of the name before it?"""
    for size in range(1, min(_MAX_PIECES, len(span) - 1) + 1):
        written = span[-size:].text
        if fold(written).replace(".", "").replace(" ", "") in LEGAL_FORMS:
            return _written_as_form(written, span.doc.lang_, comma=False)
    return False


def _written_as_form(written: str, lang: str, comma: bool) -> bool:
    """A legal form as written: with a dot or two capitals ("B.V.", "AB", "GmbH"), or in
    lower case unless an ordinary word of the language ("nv", "vzw", not "et"). After a
    comma a form of two letters only with a dot ("S.A.", not "SE", a country's code)."""
    compact = written.replace(" ", "")
    letters = compact.replace(".", "")
    if comma and "." not in compact and len(letters) < 3:
        return False
    if "." in compact or compact[:1].isupper():
        return len(letters) >= 2
    if comma or not compact.isalpha():
        return False
    return wordfreq.zipf_frequency(compact, lang) < _WORD_ZIPF


def with_legal_form(span: Span) -> Span:
    """``span`` with the legal form written right after it ("Acme Keramiek" of "Acme
    Keramiek nv", "Zorvak" of "Zorvak d.o.o."); else ``span``. A name taken for a
    person's is a company's when a form with a dot or capitals follows ("Jan Zorvak
    d.o.o.", "Ivo Marin AB")."""
    if span.label_ not in {"Organisation", "Person"}:
        return span
    end = _form_end(span)
    if end is None or end == span.end:
        return span
    label = span.label_
    if label == "Person":
        written = span.doc[span.end : end].text
        if "." not in written and sum(c.isupper() for c in written) < 2:
            return span
        label = "Organisation"
    return Span(span.doc, span.start, end, label=label, kb_id=span.kb_id_)
