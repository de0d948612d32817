"""A run of capitals made of known names side by side (invented names around real ones)."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _names(text: str) -> dict[str, str]:
    return {s.text: s.label_ for s in entity_spans("nl", text)}


def test_a_fund_beside_a_region_is_two_names() -> None:
    names = _names("Zorbelix BV diende een aanvraag in bij EFRO Friesland voor een nieuwe hal.")
    assert names.get("EFRO") == "FundingProgramme"
    assert names.get("Friesland") == "Region"
    assert "EFRO Friesland" not in names


def test_a_run_with_a_word_of_its_own_stays_one_name() -> None:
    names = _names("Zorbelix BV diende een aanvraag in bij het Quastra EFRO Loket.")
    assert "Quastra EFRO Loket" in names
    assert "EFRO" not in names
