"""Street names in address lines are no organisations, and do not end one's name."""

from __future__ import annotations

from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import pipeline


def _names(lang: str, text: str) -> dict[str, str]:
    doc = pipeline(lang)(text)
    return {span.text: span.label_ for span in doc.spans[SPAN_ENTITIES]}


def test_a_german_street_and_number_is_no_organisation() -> None:
    names = _names("de", "Ort: Acme Robotik GmbH, Velderdamer Straße 12, 12345 Velderdam")
    assert not any("Straße" in name for name in names)
    assert "Acme Robotik GmbH" in names


def test_a_compound_street_is_no_organisation() -> None:
    names = _names("nl", "Adres: Stichting Nordlicht, Lindelaan 7, 1234 AB Velderdam")
    assert "Lindelaan" not in names
    assert not any("Lindelaan" in name for name in names)


def test_a_french_street_is_cut_from_the_name_before_it() -> None:
    names = _names("en", "Acme Council of Rectors Rue des Tilleuls, 5 B-1000 Velderdam")
    assert not any("Rue" in name for name in names)


def test_a_street_word_without_a_house_number_stays_in_a_name() -> None:
    names = _names("en", "The Velderdam Avenue Partners met in Velderdam.")
    assert any("Avenue" in name for name in names)
