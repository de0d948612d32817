"""Dutch "of" ("or") and the articles "de"/"het" part two names instead of joining
them (``entities/name_runs._dutch_separator``), on sentences written here with invented
names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _texts(lang: str, text: str) -> set[str]:
    return {s.text for s in entity_spans(lang, text)}


def test_dutch_of_parts_two_names() -> None:
    found = _texts("nl", "Zij wilden geen baan bij Zorvex Systemen of Philips in Tilburg.")
    assert not any(" of " in t for t in found), found
    assert "Philips" in found, found


def test_dutch_article_after_a_place_parts_the_place() -> None:
    found = _texts("nl", "Bovendien is Tilburg de Thuisbasis voor de partners.")
    assert "Tilburg" in found, found
    assert not any(t.startswith("Tilburg de") for t in found), found


def test_english_of_and_person_particles_still_join() -> None:
    found = _texts("nl", "Volgens Jan de Vries van de University of Twente werkt het.")
    assert "Jan de Vries" in found, found
    assert "University of Twente" in found, found


def test_english_of_is_not_touched() -> None:
    found = _texts("en", "She works for the Zorvex Institute of Marine Robotics in Leeds.")
    assert "Zorvex Institute of Marine Robotics" in found, found
