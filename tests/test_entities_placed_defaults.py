"""A name typed an organisation only by default and written after "in" is a place
(``entities/grouping.placed_defaults``), on sentences written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_default_name_after_in_is_a_place() -> None:
    text = "Informatiebijeenkomsten:\n\n • 12 mei in Groot Hollum\n • 19 mei in Middelburg\n"
    found = _found("nl", text)
    assert ("Groot Hollum", "Region") in found, found


def test_a_name_typed_by_its_own_words_stays_what_it_is() -> None:
    found = _found("nl", "De bijeenkomst vindt plaats in Hogeschool Groot Hollum.")
    assert ("Hogeschool Groot Hollum", "Region") not in found, found
