"""Names that their own words make a fund or a funding programme.

A Dutch or German compound ending in a fund ("Groeifonds", "Innovationsfonds") is
headed by it; two words that together name a kind of funding ("Region Deal") make the
name a programme wherever they stand in it.
"""

from __future__ import annotations

from innograph.ingest.entities.gazetteer_lexicon import PROGRAMME_COMPOUNDS, PROGRAMME_PAIRS


def programme_pair(folded: list[str]) -> bool:
    """Whether two words that together name a kind of funding ("Region Deal") stand
    next to each other in a name, or one compound of them does."""
    return any(pair in PROGRAMME_PAIRS for pair in zip(folded, folded[1:], strict=False)) or any(
        w.startswith(PROGRAMME_COMPOUNDS) for w in folded
    )


def fund_compound(word: str) -> bool:
    """A Dutch or German compound that ends in a fund ("GroeiFonds",
    "Starterfonds", "Innovationsfonds"): the name's head, a fund."""
    return word.endswith(("fonds", "fund")) and len(word) >= 8 and word.isalpha()
