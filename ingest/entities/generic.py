"""Generic mentions: a name-like phrase that an indefinite article makes one of a kind,
and a name in the plural that names a class.

"is a European Territorial Cooperation Programme covering ...", "een Herstructurerings-
maatschappij voor ...", "einen Sustainable Urban Mobility Plan (SUMP) erstellen": the
article says the phrase names a kind of thing, which the gold leaves out ("Generic
mentions stay out"). Before a noun the phrase is a name used as a modifier ("a Horizon
2020 project", "een Interreg-project"), and stays.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from innograph.ingest.entities.spans import PREPOSITIONS, is_acronym, per_doc
from innograph.ingest.entities.spans import cached_fold as fold

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


def projects_programme(doc: Doc, start: int, end: int, cue: int, *, name_after: bool) -> int | None:
    """Where the name doc[start:end] before the project word at ``cue`` names the
    project's programme rather than the project, the start of the programme's name; else
    None. It is the programme where an indefinite article opens the phrase, words in lower
    case between ("een verkennend Acme-project", "a small Acme project": one project of
    Acme's), or where the project's own name follows a compound ("het Acme-project
    Zonnekap"). A programme's name has no word in lower case: one the name run took in
    ("Acme Labs het Veld-project") ends what stands before it."""
    articles = INDEFINITE_ARTICLES.get(doc.lang_, frozenset())
    k = start - 1
    while k >= max(0, start - 3) and doc[k].is_alpha and doc[k].is_lower:
        if doc[k].lower_ in articles:
            break
        k -= 1
    else:
        if not (name_after and doc[cue - 1].text in {"-", "–"}):
            return None
    return max([k + 1 for k in range(start, end) if doc[k].is_lower], default=start)


# The plurals of the head nouns of the contract's types, per language: a name ending in
# one names a class of things ("European Thematic Test Partnerships", "Pilot Regions"),
# not one of them. Not "grants": a funder's "X grants" names the funder's programme.
PLURAL_HEADS: dict[str, frozenset[str]] = {
    "en": frozenset("clusters partnerships platforms projects programmes programs regions".split()),
    "nl": frozenset("clusters partnerschappen platformen projecten programma's regio's".split()),
    "de": frozenset("cluster partnerschaften plattformen projekte programme regionen".split()),
    "fr": frozenset("clusters partenariats plateformes projets programmes régions pôles".split()),
}
# An acronym in the plural ("TTOs", "JTIs-2"): several of a kind.
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s(?:-\w+)?")


def class_name(span: Span) -> bool:
    """A name of two or more words, with no preposition, that ends in the plural of a
    type's head noun or in an acronym in the plural ("EU JTIs"): a class of things."""
    if len(span) < 2 or any(t.lower_ in PREPOSITIONS for t in span):
        return False
    last = span[-1].text
    if last.lower() in PLURAL_HEADS.get(span.doc.lang_, frozenset()):
        return True
    return bool(_PLURAL_ACRONYM.fullmatch(last))


# An acronym written in the plural ("TQCs", "the WVGs", "ESCPs-4i"): group 1 is the singular.
ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")


def plural_acronym(span: Span) -> bool:
    """An acronym the text also writes in the plural ("two TQCs", "the WVGs") is
    the short form of a kind of thing, not one thing's name: its singular is generic."""
    text = span.text
    if len(span) != 1 or not is_acronym(text):
        return False
    return text in per_doc(span.doc, "ig_plural_acronyms", _bare_plurals)


def _bare_plurals(doc: Doc) -> frozenset[str]:
    """The singulars of the acronyms written as a bare plural token ("TQCs"); "ESCPs-4i"
    is one name's plural, not the kind's."""
    return frozenset(m.group(1) for t in doc if (m := ACRONYM_PLURAL.fullmatch(t.text)))


# Last words of a heading over a block of facts about the page's subject ("Key Facts",
# "Projektdaten", "Kerngegevens", "Fiche projet"), folded: the block's title, not a name.
FACT_BLOCK_HEADS: frozenset[str] = frozenset(
    """facts figures details overview summary information contact contacts
    fakten daten eckdaten steckbrief uberblick zusammenfassung kontakt
    gegevens kerngegevens feiten overzicht samenvatting
    donnees chiffres fiche resume apercu informations""".split()
)


# Head nouns of documents, strategies and declarations, in the four languages and as the
# end of a compound ("Innovatiestrategie", "Jaarverslag"), folded: a name with one names
# a text, which is none of the contract's types ("Regional Growth Strategy 2040",
# "the Annual Report 2019", "the Acme Charter").
DOCUMENT_HEADS: tuple[str, ...] = (
    "strategy",
    "strategies",
    "strategie",
    "strategien",
    "report",
    "reports",
    "rapport",
    "verslag",
    "jahresbericht",
    "charter",
    "charta",
    "declaration",
    "verklaring",
    "erklarung",
)


def document_title(span: Span) -> bool:
    """Does a word of ``span`` (or the end of a compound), or the word right after it, name
    a document, a strategy or a declaration ("the EU2030 strategy", "the Acme Declaration")?
    Policy documents and strategies are no entities ("Generic mentions stay out")."""
    doc = span.doc
    after = []
    if span.end < len(doc) and "\n" not in span[-1].whitespace_:
        # Not a verb: "Acme Robotics reports record growth" is the company's news.
        after = [doc[span.end]] if doc[span.end].pos_ not in {"VERB", "AUX"} else []
    return any(t.is_alpha and fold(t.text).endswith(DOCUMENT_HEADS) for t in (*span, *after))
