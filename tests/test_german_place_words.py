"""German words and names: a frequent word that is also a place, the nominative of a name."""

from __future__ import annotations

from innograph.ingest.entities.german import german_frequency, german_nominative
from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import pipeline


def _names(text: str) -> dict[str, str]:
    doc = pipeline("de")(text)
    return {span.text: span.label_ for span in doc.spans[SPAN_ENTITIES]}


def test_frequent_words_that_are_place_names_after_an_article_are_no_places() -> None:
    names = _names("Die Regierung des Landes fördert das Projekt Nordlicht. Der Hof liegt am See.")
    assert "Landes" not in names
    assert "Hof" not in names


def test_a_place_after_an_article_stays_a_place() -> None:
    assert _names("Die Firma Acme Robotics arbeitet in den Niederlanden.").get("Niederlanden") == (
        "Region"
    )


def test_german_frequency_counts_words_that_are_also_names() -> None:
    assert german_frequency("Landes") > 4.0
    assert german_frequency("Xqzvbrk") == 0.0


def test_a_name_is_written_with_its_head_noun_in_the_nominative() -> None:
    assert german_nominative("Nordlicht-Programms Ost") == "Nordlicht-Programm Ost"
    assert german_nominative("Projektes Sonnenweg") == "Projekt Sonnenweg"
    assert german_nominative("Forschungszentrums Acme") == "Forschungszentrum Acme"
    assert german_nominative("Programmstart Acme") == "Programmstart Acme"
    assert german_nominative("Programme") == "Programme"
