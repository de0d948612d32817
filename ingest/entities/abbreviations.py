"""Acronyms spelled by the beginnings of words.

Writers build an acronym from the first letter of each word, but often from more than
one ("NO" for "Noord", "UNI" for "University"), keep a numeral whole ("III") and
leave the connectors out ("of", "voor", "für").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from innograph.ingest.entities.spans import NAME_CONNECTORS
from innograph.ingest.entities.spans import cached_fold as fold

# Words of a name: split at spaces, hyphens, dashes and slashes; punctuation dropped.
_WORD_SPLIT = re.compile(r"[\s\-–—/]+")


def name_words(text: str) -> list[str]:
    """The words of a name, without punctuation ("France-Wallonie-Vlaanderen" -> three)."""
    words = (re.sub(r"[^\w&]", "", w) for w in _WORD_SPLIT.split(text))
    return [w for w in words if w]


def spelled_by(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym`` is written with the beginnings of ``words`` in their order, each
    word giving one or more of its first letters and a connector ("of", "voor") giving
    none or some: "NOVL" by Noord Oost Vlakte, "PGKKII" by provinciaal groeifonds Kempen
    Koers II."""
    letters = fold("".join(c for c in acronym if c.isalnum()))
    folded = tuple(fold(w) for w in words)
    if len(letters) < 2 or not folded or len(folded) > len(letters) + 3:
        return False
    return _spells(letters, folded)


@lru_cache(maxsize=4096)
def _spells(letters: str, words: tuple[str, ...]) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word in NAME_CONNECTORS and _spells(letters, rest):
        return True
    size = 0
    while size < len(word) and size < len(letters) and letters[size] == word[size]:
        size += 1
        if _spells(letters[size:], rest):
            return True
    return False
