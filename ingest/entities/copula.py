"""A name that opens a sentence and is then said to be a kind of thing.

"Velderlab is de speerpuntcluster voor chemie", "Nordlicht is a cross-border project",
"Acme ist ein Unternehmen": the noun after the copula and its article types the name
before it, whatever the name's own words; a word no dictionary or gazetteer knows is
otherwise easily missed at the start of a sentence, where every word has a capital.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from innograph.ingest.entities.dictionary import dictionary_word
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import ORG_HEADS, STOP_CAPITALISED
from innograph.ingest.entities.german import german_ordinary
from innograph.ingest.entities.quoted import head_type
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.spans import is_acronym, is_name_token

FLAG = "head|copula"  # a flag, not a registry key: such names never group by it
_COPULAS = frozenset("is ist est was war était".split())
_ARTICLES = frozenset("de het een a an the ein eine einer der die das un une le la l' l’".split())
_MAX_NAME = 4  # words of the name before the copula
_MAX_MODIFIERS = 2  # adjectives between the article and the kind noun
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
    if w in ORG_HEADS:
        return "Organisation"
    return None


def _ordinary(word: str, lang: str) -> bool:
    """A word of the language ("Hiervoor", "Als", "Partner"), not a name's own word."""
    return (
        dictionary_word(word, lang)
        or gazetteer().is_common_word(word, lang if lang in ("en", "nl") else None)
        or (lang == "de" and german_ordinary(word))
    )


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
        words = [t.text for t in doc[start:end] if t.is_alpha]
        if not any(is_acronym(w) or not _ordinary(w, doc.lang_) for w in words):
            continue  # "Hiervoor is het ...", "Als Partner ist der ...": no name
        i = end + 1
        if i >= sent.end or doc[i].lower_ not in _ARTICLES:
            continue
        i += 1
        # "de speerpuntcluster", "a new cross-border project", "een Vlaams netwerk"
        modifiers = 0
        while i < sent.end and modifiers <= _MAX_MODIFIERS:
            kind = _kind(doc[i].text)
            if kind is not None:
                yield Span(doc, start, end, label=kind, kb_id=FLAG)
                break
            if doc[i].text == "-":  # "cross-border": one modifier
                modifiers -= 1
            elif not doc[i].is_alpha:
                break
            modifiers += 1
            i += 1
