"""Generic mentions: a name-like phrase that an indefinite article makes one of a kind.

"is a European Territorial Cooperation Programme covering ...", "een Herstructurerings-
maatschappij voor ...", "einen Sustainable Urban Mobility Plan (SUMP) erstellen": the
article says the phrase names a kind of thing, which the gold leaves out ("Generic
mentions stay out"). Before a noun the phrase is a name used as a modifier ("a Horizon
2020 project", "een Interreg-project"), and stays.
"""

from __future__ import annotations

from spacy.tokens import Span

# Indefinite articles per language.
INDEFINITE_ARTICLES: dict[str, frozenset[str]] = {
    "en": frozenset({"a", "an"}),
    "nl": frozenset({"een"}),
    "de": frozenset({"ein", "eine", "einen", "einem", "einer", "eines"}),
    "fr": frozenset({"un", "une"}),
}
_MODIFIED = frozenset({"NOUN", "PROPN"})


def one_of_a_kind(span: Span) -> bool:
    """Does an indefinite article come right before ``span``, with no noun (or hyphen)
    after it that the span would modify?"""
    doc = span.doc
    articles = INDEFINITE_ARTICLES.get(doc.lang_, frozenset())
    if span.start == 0 or doc[span.start - 1].lower_ not in articles:
        return False
    if span.end < len(doc):
        after = doc[span.end]
        if after.pos_ in _MODIFIED or after.text in {"-", "–"}:
            return False
    return True
