"""A country code among ordinary words names its country (``entities/country_codes``);
inside a name, glued to a dash or in a heading in capitals it does not."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_code_among_ordinary_words_is_its_country() -> None:
    found = _found("nl", "Nieuws. De partners komen uit België en het VK.")
    assert ("VK", "Region") in found, found
    found = _found("en", "News. She studied in Velden (NL) and in Lorient (FR) last year.")
    assert {("NL", "Region"), ("FR", "Region")} <= found, found


def test_a_code_in_a_name_a_pair_or_a_heading_is_not() -> None:
    found = _found("nl", "Nieuws. Ook Noord NL en het programma BE-NL doen mee.")
    assert ("NL", "Region") not in found, found
    found = _found("fr", "20 ANS DE COLLABORATION EN FR ET AU LU")
    assert ("FR", "Region") not in found, found
