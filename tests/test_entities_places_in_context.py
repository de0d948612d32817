"""Towns that the place gazetteer leaves out (a word of some language, or a country
outside the cross-border core) are places where a sentence puts something in them:
after a place preposition or in brackets (``places_in_context.tsv``, read by the
gazetteer component); pages written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_town_after_a_place_preposition_is_a_place() -> None:
    found = _found("en", "News. Velmora Robotics from Tarragona joins the consortium.")
    assert ("Tarragona", "Region") in found, found
    found = _found("de", "Meldung. Die Firma Velmora Robotik aus Kalmar ist neuer Partner.")
    assert ("Kalmar", "Region") in found, found


def test_a_town_in_brackets_after_a_name_is_a_place() -> None:
    found = _found("fr", "Actualités. Le partenaire Velmora Robotique (Braga) rejoint le projet.")
    assert ("Braga", "Region") in found, found


def test_the_same_word_without_a_place_context_is_no_place() -> None:
    found = _found("en", "News. Braga Velmora Tools builds robots for ports.")
    assert ("Braga", "Region") not in found, found


def test_a_town_that_opens_a_longer_name_is_no_place() -> None:
    found = _found("en", "News. The firm moved to Tarragona Harbour Works last year.")
    assert ("Tarragona", "Region") not in found, found


def test_a_known_place_closing_an_organisation_name_is_cut_off() -> None:
    # the NER takes "the Velmora Institute in Coimbra" as one organisation
    found = _found("en", "It works with the Velmora Institute in Coimbra. Costs are high.")
    assert ("Coimbra", "Region") in found, found
    assert not any("Coimbra" in text and label == "Organisation" for text, label in found)


def test_a_town_between_an_organisation_and_its_country_is_a_place() -> None:
    found = _found(
        "en",
        "Partners: Velmora Robotics Ltd., Plovdiv, Bulgaria; Kestral Agency, Tartu (Estonia).",
    )
    assert ("Plovdiv", "Region") in found, found
    assert ("Tartu", "Region") in found, found
    found = _found("nl", "Partners: Velmora Robotica BV, Plovdiv (Bulgarije) en anderen.")
    assert ("Plovdiv", "Region") in found, found


def test_a_town_after_a_comma_without_a_country_needs_other_evidence() -> None:
    found = _found("en", "Partners: Velmora Robotics Ltd., Plovdiv Harbour Works, Kestral Agency.")
    assert ("Plovdiv", "Region") not in found, found
