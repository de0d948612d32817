"""The town after an address line's postcode is a place, and a Dutch postcode's two
capitals are no part of its name; pages written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_dutch_postcode_s_letters_are_cut_off_the_town() -> None:
    found = _found("nl", "Contact\nStichting Velmora, Kerkpad 4, 3441 BG Velderdam.\n")
    assert ("Velderdam", "Region") in found, found
    assert not any(text.startswith("BG") for text, _label in found), found


def test_a_town_after_a_postcode_on_its_own_line_is_a_place() -> None:
    found = _found("fr", "Contact\nLactavia asbl\nRue du Moulin 28\n6800 Bastogne-Ouest\n")
    assert ("Bastogne-Ouest", "Region") in found, found


def test_a_year_before_a_name_is_no_postcode() -> None:
    found = _found("en", "News. In 2025 Velmora Robotics opened a plant.")
    assert ("Velmora Robotics", "Region") not in found, found


def test_a_year_opening_a_timeline_s_line_is_no_postcode() -> None:
    found = _found("nl", "Tijdlijn\n2022 Velmora Robotics start het project.\n")
    assert ("Velmora Robotics", "Region") not in found, found
