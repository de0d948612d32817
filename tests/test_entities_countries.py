"""Countries beyond the EU core are places, and a country whose name holds an "and" is
one name; pages written here with invented organisation names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_western_balkan_country_is_a_place() -> None:
    found = _found("en", "News. The Velmora Institute works with partners in Serbia and Albania.")
    assert ("Serbia", "Region") in found, found
    assert ("Albania", "Region") in found, found
    found = _found("de", "Meldung. Die Velmora Stiftung arbeitet mit Partnern aus Serbien.")
    assert ("Serbien", "Region") in found, found


def test_a_country_whose_name_holds_and_is_not_cut_apart() -> None:
    found = _found("en", "News. Kestral Agency opened an office in Bosnia and Herzegovina.")
    assert ("Bosnia and Herzegovina", "Region") in found, found
    assert ("Herzegovina", "Region") not in found, found
