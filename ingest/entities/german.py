"""German words that name nothing: frequent words and compounds of them.

German capitalises every noun, so capitals are no evidence of a name there. The word list
(``data/german_common_words.tsv``, built by ``scripts/build-gazetteers`` from the word
frequencies of ``wordfreq``) holds the frequent words as written in lower case; German
writes its compound nouns as one word, which a list of any size misses, so a compound of
two frequent words counts as ordinary too.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

# Zipf frequency above which a German word is an ordinary word.
GERMAN_ZIPF = 3.0
# The least Zipf frequency of both parts of a German compound read as an ordinary word.
GERMAN_PART_ZIPF = 3.0
_LINKS = ("s", "es", "n", "en", "e")
# Prefixes of German place names made of a place and a direction or size.
_PLACE_PREFIXES = frozenset("nord süd ost west nieder ober unter mittel groß klein".split())


@cache
def german_ordinary(word: str, cutoff: float = GERMAN_ZIPF) -> bool:
    """An ordinary German word: frequent (Zipf >= ``cutoff``), or a compound of two
    frequent words, the second at least four letters long, with or without a linking
    "s"/"n"/"e" ("Stadtwandel", "Marktzugang", "Bildungsstrategien").
    German writes its compound nouns as one word, which a word list of any size misses."""
    low = word.lower()
    words = german_common_words()
    if words.get(low, 0.0) >= cutoff:
        return True
    if len(low) < 8 or not low.isalpha():
        return False
    for i in range(3, len(low) - 3):
        head, modifier = low[i:], low[:i]
        if modifier in _PLACE_PREFIXES:
            return False  # "Niederrhein", "Südwestfalen", "Großregion": a place's name
        if words.get(head, 0.0) < GERMAN_PART_ZIPF:
            continue
        stems = [modifier] + [modifier[: -len(x)] for x in _LINKS if modifier.endswith(x)]
        stems += [modifier + "n", modifier + "en"]  # a verb's stem: "Förder|periode", "Wohn|ort"
        if any(len(m) >= 3 and words.get(m, 0.0) >= GERMAN_PART_ZIPF for m in stems):
            return True
    return False


@cache
def german_common_words() -> dict[str, float]:
    """Frequent German words that are not known names, with their Zipf frequency
    (``data/german_common_words.tsv``)."""
    text = resources.files("innograph.ingest").joinpath("data", "german_common_words.tsv")
    rows = (line.split("\t") for line in text.read_text("utf-8").splitlines()[1:])
    return {word: float(zipf) for word, zipf in rows}
