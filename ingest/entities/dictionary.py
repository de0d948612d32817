"""Ordinary words of a language, from the lemmatizer tables of its spaCy model.

Apart from the NER candidates that first used it, so that any entity rule can ask
whether a capitalised word is a word of the language ("Projet", "Mobilité").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.lookups import Lookups
from spacy.util import get_package_path, is_package

# The model package whose lemmatizer tables give each language's dictionary words.
_LEXICON_MODELS = {"fr": "fr_core_news_sm"}


@cache
def _lexicon(lang: str) -> tuple[Lookups, set[str]] | None:
    """The word forms (``lemma_lookup``) and lemmas (``lemma_index``) of ``lang``'s model."""
    model = _LEXICON_MODELS.get(lang)
    if model is None or not is_package(model):
        return None
    found = sorted(Path(get_package_path(model)).glob("*/lemmatizer/lookups"))
    if not found:
        return None
    lookups = Lookups().from_disk(found[0])
    lemmas: set[str] = set()
    for words in lookups.get_table("lemma_index").values():
        lemmas.update(words)
    # The lemmas the forms point to are words too: the index lists few verbs ("soutenir").
    for words in lookups.get_table("lemma_lookup").values():
        lemmas.update(words)
    return lookups, lemmas


# Accented first letters that a language often leaves out on a capital ("Etats" for
# "États"): a capitalised word is tried with each.
_UNACCENTED_CAPITALS = {"fr": {"e": ("é", "è", "ê")}}


def dictionary_word(word: str, lang: str) -> bool:
    """``word`` in lower case is an ordinary word (a form or a lemma) of ``lang``."""
    lexicon = _lexicon(lang)
    if lexicon is None:
        return False
    lookups, lemmas = lexicon
    low = word.lower()
    forms = [low] + [a + low[1:] for a in _UNACCENTED_CAPITALS.get(lang, {}).get(low[:1], ())]
    table = lookups.get_table("lemma_lookup")
    return any(form in lemmas or form in table for form in forms)
