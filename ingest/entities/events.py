"""Names whose own words say they name an event: an event word ending the name ("Acme
Week", "Data Days 2025"), a Dutch or German compound ending in one ("Visserijdagen",
"Innovationstag"), or, outside English, an event word opening it ("Forum Éolien X",
"Rencontres X", "Innovationsforum X"). Words come folded."""

from __future__ import annotations

from innograph.ingest.entities.gazetteer_lexicon import EVENT_HEADS
from innograph.ingest.entities.kind_lexicon import (
    EVENT_COMPOUND_ENDINGS,
    EVENT_OPENERS,
    NOT_EVENT_COMPOUNDS,
)

# Links after an event word that opens a name ("Week of X", "Dag van X").
_EVENT_LINKS = frozenset({"of", "on", "van", "voor", "de", "des", "du"})


def _event_compound(word: str) -> bool:
    """A compound with an event word as its last part, of four letters or more before it.
    German "Tag" joins after a linking "s" or an "e" ("Innovationstag", "Energietage");
    after anything else "-tage" is a loan word's "-age" ("Demontage", "Rapportage")."""
    if word in NOT_EVENT_COMPOUNDS:
        return False
    for end in EVENT_COMPOUND_ENDINGS:
        stem = word.removesuffix(end)
        if stem != word and len(stem) >= 4:
            return not end.startswith("tag") or stem.endswith(("s", "e"))
    return False


def event_name(folded: list[str], lang: str) -> bool:
    """Whether a capitalised name's own (folded) words make it an event's name."""
    last = folded[-1]
    if last in EVENT_HEADS or last.isdigit() and len(folded) > 2 and folded[-2] in EVENT_HEADS:
        return True
    if any(w.endswith("xchange") for w in folded) or any(
        w in EVENT_HEADS and nxt in _EVENT_LINKS for w, nxt in zip(folded, folded[1:], strict=False)
    ):
        return True
    if lang in {"nl", "de"} and len(folded) >= 2 and _event_compound(last):
        return True
    if lang == "en" or len(folded) < 2:
        return False
    first = folded[0]
    return first in EVENT_OPENERS or lang in {"nl", "de"} and _event_compound(first)
