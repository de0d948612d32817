"""A name that opens a sentence and is then said to be a kind of thing, or that a
comma and a description follow ("Nordlicht, een nieuw project van drie havens").

"Velderlab is de speerpuntcluster voor chemie", "Nordlicht is a cross-border project",
"Acme ist ein Unternehmen": the noun after the copula and its article types the name
before it, whatever the name's own words; a word no dictionary or gazetteer knows is
otherwise easily missed at the start of a sentence, where every word has a capital.
"""

from __future__ import annotations

from collections.abc import Iterator

import wordfreq
from spacy.tokens import Doc, Span, Token

from innograph.ingest.entities.dictionary import dictionary_word
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import ORG_HEADS, STOP_CAPITALISED
from innograph.ingest.entities.german import german_ordinary
from innograph.ingest.entities.kind_lexicon import (
    COMPANY_KINDS,
    CONSORTIUM_KINDS,
    FUND_KIND_ENDINGS,
    FUND_KINDS,
)
from innograph.ingest.entities.name_runs import name_runs
from innograph.ingest.entities.quoted import head_type
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.spans import is_acronym, is_name_token

FLAG = "head|copula"  # a flag, not a registry key: such names never group by it
_COPULAS = frozenset("is ist est was war était".split())
_ARTICLES = frozenset("de het een a an the ein eine einer der die das un une le la l' l’".split())
_MAX_NAME = 4  # words of the name before the copula
_FREQUENT = 3.5  # Zipf frequency of an ordinary word ("additionally" 4.2)
# Words between the article and the kind noun: adjectives, numbers, nouns and names that
# qualify it ("a four-year EU research project", "een nieuw Interreg-project"), never a
# verb, a preposition or a pronoun, after which the description is over.
_MAX_MODIFIERS = 4
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "X"})
_JOINERS = frozenset({"-", "–"})
_REGION_NOUNS = tuple(
    fold(n) for n in ("regio", "region", "région", "gebiet", "provincie", "provinz", "province")
)


def _kind(word: str) -> str | None:
    """The entity type a kind noun names ("speerpuntcluster", "Projekt", "agency")."""
    w = fold(word)
    if found := head_type(w):
        return found
    if w.endswith(_REGION_NOUNS):
        return "Region"
    # A fund is a funding programme, a consortium a project, though both hold money or
    # partners like a body ("X, a venture capital fund", "X, een consortium van ...").
    if w in FUND_KINDS or w.endswith(FUND_KIND_ENDINGS):
        return "FundingProgramme"
    if w in CONSORTIUM_KINDS:
        return "Project"
    if w in ORG_HEADS or w in COMPANY_KINDS:
        return "Organisation"
    return None


def _ordinary(word: str, lang: str) -> bool:
    """A word of the language ("Hiervoor", "Als", "Partner"), not a name's own word."""
    return (
        dictionary_word(word, lang)
        or gazetteer().is_common_word(word, lang if lang in ("en", "nl") else None)
        or (lang == "de" and german_ordinary(word))
        # "Additionally, the project ...": a frequent word the dictionaries lack.
        or wordfreq.zipf_frequency(word.lower(), lang) >= _FREQUENT
    )


def _a_name(doc: Doc, start: int, end: int) -> bool:
    """The words before the copula name something: a code, a word with digits
    ("Nordlicht2"), a word the language does not have, or (outside German, which
    capitalises its nouns) several words of which a later one is capitalised too."""
    tokens = [t for t in doc[start:end] if any(c.isalpha() for c in t.text)]
    if any(any(c.isdigit() for c in t.text) for t in tokens):
        return True
    words = [t.text for t in tokens if t.is_alpha]
    if any(is_acronym(w) or not _ordinary(w, doc.lang_) for w in words):
        return True
    return doc.lang_ != "de" and len(words) >= 2 and words[-1][:1].isupper()


def copula_spans(doc: Doc) -> Iterator[Span]:
    """Names opening a sentence followed by "is a/the <kind>" (en, nl, de, fr)."""
    for sent in doc.sents:
        start = sent.start
        while start < sent.end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        while start < sent.end and fold(doc[start].text) in STOP_CAPITALISED:
            start += 1  # "Het SNN is een ...": the article opens the sentence, not the name
        end = start
        while end < sent.end and end - start < _MAX_NAME and is_name_token(doc[end]):
            end += 1
        if end == start or end >= sent.end or doc[end].lower_ not in _COPULAS:
            continue
        if not _a_name(doc, start, end):
            continue  # "Hiervoor is het ...", "Als Partner ist der ...": no name
        kind = _described(doc, end + 1, sent.end)
        if kind is not None:
            yield Span(doc, start, end, label=kind, kb_id=FLAG)


def described_spans(doc: Doc) -> Iterator[Span]:
    """Names said to be a kind of thing, by a copula or an apposition."""
    yield from copula_spans(doc)
    yield from apposition_spans(doc)


def _modifier(tok: Token) -> bool:
    """A word that may qualify a kind noun: a number, a name, an adjective or a noun; by
    its part of speech where the pipeline tags one, else any word but a function word."""
    if tok.like_num or (tok.is_alpha and tok.text[:1].isupper()):
        return True
    if not tok.is_alpha:
        return False
    return tok.pos_ in _MODIFIER_POS if tok.pos_ else not tok.is_stop


def _described(doc: Doc, i: int, stop: int) -> str | None:
    """The type that "<article> [modifiers] <kind noun>" from ``i`` gives: "de
    speerpuntcluster", "a new cross-border project", "a three-year research project", "a
    Horizon 2020 project", "een vierjarig onderzoeksproject"."""
    if i >= stop or doc[i].lower_ not in _ARTICLES:
        return None
    i += 1
    modifiers = 0
    while i < stop and modifiers <= _MAX_MODIFIERS:
        tok = doc[i]
        kind = _kind(tok.text)
        nxt = doc[i + 1] if i + 1 < stop else None
        if kind is not None and nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN":
            return None  # "a project partner": the kind noun is not the head
        if kind is not None:
            return kind
        if tok.text in _JOINERS:  # "cross-border", "three-year": one modifier
            modifiers -= 1
        elif not _modifier(tok):
            return None  # "a company that runs a project": the description ended
        modifiers += 1
        i += 1
    return None


# What an apposition may type: a project ("Nordlicht, een nieuw project van drie havens",
# "X, a consortium of ..."), a fund ("X, a venture capital fund"), a company by what it
# is or does ("X, an injection moulder based in ...", "X, une PME de ..."), which the
# statistical NER takes for a person when its words look like a first name and a surname;
# clusters have their own rule (``kinds``), and "X, a city in ..." or "X, the university"
# would mostly type what is typed already.
_APPOSITION_TYPES = frozenset({"Project", "FundingProgramme"})
# German "der/die/das" after a comma mostly opens a relative clause, not a description.
_GERMAN_INDEFINITE = frozenset("ein eine einem einen einer eines".split())


def apposition_spans(doc: Doc) -> Iterator[Span]:
    """Names followed by a comma and "a/the <kind>" that says what they are."""
    for start, end in name_runs(doc):
        if end + 1 >= len(doc) or doc[end].text != "," or not _a_name(doc, start, end):
            continue
        if doc.lang_ == "de" and doc[end + 1].lower_ not in _GERMAN_INDEFINITE:
            continue  # "..., das Projekt läuft": a relative pronoun or a new clause
        kind = _described(doc, end + 1, doc[end].sent.end)
        if kind == "Organisation" and not _company_described(doc, end + 1):
            continue
        if kind in _APPOSITION_TYPES | {"Organisation"} and not _names_another(doc, end + 1):
            yield Span(doc, start, end, label=kind, kb_id=FLAG)


def _company_described(doc: Doc, i: int) -> bool:
    """The description from ``i`` is headed by a company's kind noun ("an injection
    moulder", "une PME"), not by a body's head or the company's post ("the company's
    founder", "a company director")."""
    for k in range(i + 1, min(len(doc), i + 2 + _MAX_MODIFIERS)):
        if _kind(doc[k].text) is not None:
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            if nxt is not None and (
                nxt.text in {"'s", "’s", "'", "’"}
                or nxt.is_alpha
                and nxt.is_lower
                and nxt.pos_ == "NOUN"
            ):
                return False
            return fold(doc[k].text) in COMPANY_KINDS
    return False


def _names_another(doc: Doc, i: int) -> bool:
    """ "X, the project „Y“": the kind noun after ``i`` introduces a name of its own."""
    for k in range(i + 1, min(len(doc) - 1, i + 2 + _MAX_MODIFIERS)):
        if _kind(doc[k].text) is not None:
            nxt = doc[k + 1]
            return nxt.is_quote or nxt.text[:1].isupper()
    return False
