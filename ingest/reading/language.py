"""Which language a document is written in: English, Dutch, French or German.

Lingua restricted to the four languages the pipelines handle: restricting it makes it
both faster and more accurate than asking it about every language it knows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "nl", "fr", "de")
FALLBACK_LANGUAGE = "en"
# Detection looks at the start of a document only: enough for a reliable answer.
SAMPLE_CHARS = 2000
# Fewer letters than this is too little to tell languages apart.
MIN_LETTERS = 12

_LINGUA: dict[Language, str] = {
    Language.ENGLISH: "en",
    Language.DUTCH: "nl",
    Language.FRENCH: "fr",
    Language.GERMAN: "de",
}
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_LINGUA).build()


def detect_language(text: str) -> str:
    """The language code ("en", "nl", "fr" or "de") of ``text``; "en" when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS:
        # Cut at a word boundary so that a half word does not sway the answer.
        sample = sample.rsplit(None, 1)[0]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return FALLBACK_LANGUAGE
    found = _detector().detect_language_of(sample)
    return _LINGUA.get(found, FALLBACK_LANGUAGE) if found is not None else FALLBACK_LANGUAGE
