"""The entity stage's general mechanisms of issue #13, on sentences written here.

German ordinary words (compounds included) are no names, a year does not make a phrase a
name, an adjective of a place is no name, a speakable word in capitals is a project by
default, and a name around a known place is the name, not the place.
"""

from __future__ import annotations

from innograph.ingest.entities.german import german_ordinary
from innograph.ingest.entities.weak import coined_word
from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_german_words_are_looked_up_as_written_and_compounds_are_ordinary() -> None:
    assert german_ordinary("Städte")  # an umlaut word of the list
    assert german_ordinary("Wasserstoffstrategien")  # Wasserstoff + Strategien
    assert german_ordinary("Bildungsangebote")  # Bildung + s + Angebote
    assert not german_ordinary("Südwestfalen")  # a direction and a place: a place
    assert not german_ordinary("Quarzbergwerkhausen")


def test_german_phrases_of_ordinary_nouns_and_dates_are_no_names() -> None:
    found = _found(
        "de",
        "Im Projekt werden Qualifizierungsangebote für Fachkräfte entwickelt; das Projekt "
        "läuft bis Ende 2026 und wird von der Stadt Bocholt getragen.",
    )
    texts = {t for t, _ in found}
    assert not any("Qualifizierungsangebote" in t or "Ende" in t for t in texts), found


def test_a_capitalised_german_adjective_in_mid_sentence_is_part_of_a_name() -> None:
    found = _found("de", "Der Antrag ging an die Niedersächsische Staatskanzlei in Hannover.")
    assert ("Niedersächsische Staatskanzlei", "Organisation") in found


def test_an_adjective_of_a_place_next_to_a_project_word_is_no_name() -> None:
    assert not [t for t, _ in _found("nl", "Het Zeeuwse project kreeg steun.") if "Zeeuwse" in t]
    assert not [t for t, _ in _found("en", "Several Danish projects were approved.")]


def test_a_speakable_word_in_capitals_is_a_project_by_default() -> None:
    assert coined_word(["TORVALE"])
    assert coined_word(["WAVE", "-", "LINK"])
    assert not coined_word(["KNMV"])  # initials, not a word
    assert not coined_word(["EUREGIO"])  # an area word
    found = _found("nl", "De partners begonnen in Gent met GRAVELINK, dat loopt tot 2027.")
    assert ("GRAVELINK", "Project") in found


def test_a_speakable_word_in_capitals_among_organisations_stays_one() -> None:
    found = _found(
        "nl",
        "Samen met Provinciale Ontwikkelingsmaatschappij Zuidland, TORVALE en "
        "Kamer van Koophandel Westhoek werken we aan de regio.",
    )
    assert ("TORVALE", "Organisation") in found


def test_a_name_around_a_known_place_wins_over_the_place() -> None:
    found = _found("en", "The Eindhoven Lighthouse received funding from the region.")
    assert ("Eindhoven", "Region") not in found


def test_a_sum_written_with_a_currency_code_is_no_name() -> None:
    found = _found(
        "nl",
        "De provincie verleent aan Hogeschool Velderdam een subsidie van maximaal "
        "EUR 450.000; de totale kosten bedragen EUR 1.100.000.",
    )
    assert not [t for t, _ in found if "EUR" in t or "450" in t], found
    assert ("Hogeschool Velderdam", "Organisation") in found


def test_a_registry_name_that_is_a_french_word_is_no_name_in_french() -> None:
    found = _found("fr", "Projet SOLVERT\nChef de file : Université de Velderville\n")
    assert not [t for t, _ in found if t == "Projet"], found


def test_two_governments_in_one_sentence_stay_two_entities() -> None:
    from innograph.ingest.entities.spans import registry_key

    # a flag, not a registry key: mentions that share it are not one entity by it
    assert registry_key("gov|cue") == "" and registry_key("head|heading") == ""
