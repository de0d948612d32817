"""Cue phrases per language, and finding them in a text.

The phrases live per language in ``relations/lang/<code>.py`` (English and Dutch fully,
French and German basic).

Each entry: the phrases (a regular expression, "|" between alternatives), the relations
they may state, where the source and target stand, the confidence, whether a missing
project end may be the document's main project, and how far the ends may be.
"""

from __future__ import annotations

import re
from functools import cache

from innograph.ingest.relations.cues import Cue
from innograph.ingest.relations.lang import de, en, fr, nl

CUES: dict[str, list[Cue]] = {"en": en.CUES, "nl": nl.CUES, "fr": fr.CUES, "de": de.CUES}


@cache
def _cue_patterns(lang: str) -> tuple[tuple[re.Pattern[str], tuple[Cue, ...]], ...]:
    grouped: dict[str, list[Cue]] = {}
    for cue in CUES.get(lang, CUES["en"]):
        grouped.setdefault(cue.pattern, []).append(cue)
    # Compiled for lower-cased text and without a leading look-behind, so that the
    # regex engine can jump to its literal prefix: many times faster than IGNORECASE.
    return tuple(
        (re.compile("(?:" + p.replace(" ", r"\s+") + r")(?![\w-])"), tuple(cues))
        for p, cues in grouped.items()
    )


def find_cues(lowered: str, lang: str) -> list[tuple[int, int, tuple[Cue, ...]]]:
    """(start, end, cues) of the cue phrases in a lower-cased text, in text order.

    A phrase inside a longer one is dropped ("partner" in "lead partner"); cues that
    share a pattern share a match."""
    found = []
    for rx, cues in _cue_patterns(lang):
        for m in rx.finditer(lowered):
            start = m.start()
            if start and (lowered[start - 1].isalnum() or lowered[start - 1] in "-_"):
                continue
            found.append((start, m.end(), cues))
    found.sort(key=lambda f: (f[0], -f[1]))
    kept = []
    best_start, best_end = -1, -1
    for start, end, cues in found:
        if end <= best_end and (best_end - best_start) > (end - start):
            continue
        kept.append((start, end, cues))
        if end > best_end:
            best_start, best_end = start, end
    return kept
