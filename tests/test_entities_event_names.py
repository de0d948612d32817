"""Names whose own words make them events (``entities/events.py``): a Dutch or German
compound ending in an event word, an event word opening a French, Dutch or German name;
sentences written here with invented names."""

from __future__ import annotations

import pytest

from innograph.ingest.entities.events import event_name
from innograph.tests.entity_spans import entity_spans


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "nl",
            "Op 12 juni organiseert de gemeente de Brakelse Visserijdagen in de haven.",
            "Brakelse Visserijdagen",
        ),
        (
            "de",
            "Im Mai findet der Velderländer Innovationstag in Kelsbach statt.",
            "Velderländer Innovationstag",
        ),
        (
            "fr",
            "La chambre organise les Rencontres Bois & Climat à Granvette.",
            "Rencontres Bois & Climat",
        ),
    ],
)
def test_an_event_word_in_the_name_makes_it_an_event(lang: str, text: str, name: str) -> None:
    found = {(s.text, s.label_) for s in entity_spans(lang, text)}
    assert (name, "Event") in found, found


@pytest.mark.parametrize(
    ("words", "lang"),
    [
        (["van", "brakel", "demontage"], "nl"),  # a loan word's "-age", not "Tage"
        (["landtag", "velderland"], "de"),  # an assembly
        (["acme", "forum"], "en"),  # English puts the head last: already an event
    ],
)
def test_words_that_only_look_like_events(words: list[str], lang: str) -> None:
    expected = words[-1] == "forum"
    assert event_name(words, lang) is expected
