"""Dutch names a sea, river or landscape with its article after a place preposition
("rond de Noordzee", "langs de Maas"): a one-word name there is a place
(``entities/weak.py``); sentences written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_name_after_a_preposition_and_its_article_is_a_place() -> None:
    found = _found(
        "nl",
        "Nieuws. De proef loopt langs de Vechtmaar en de resultaten gelden voor havens "
        "rond de Zoutmeer. Metingen in de Kleiwaard volgen later.",
    )
    for place in ("Vechtmaar", "Zoutmeer", "Kleiwaard"):
        assert (place, "Region") in found, found


def test_a_compound_of_a_region_word_is_no_place_name() -> None:
    found = _found("nl", "Nieuws. Bedrijven in de Velderregio werken samen aan waterstof.")
    assert not [t for t, label in found if "Velderregio" in t and label == "Region"], found
