"""A one-word proper name listed beside a known organisation is an organisation too,
also when an article follows the list's comma or coordinator (sentences written here)."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_proper_word_coordinated_with_an_organisation_is_one() -> None:
    found = _found("nl", "Aan de proef werken ook Zorvanta en Siemens mee.")
    assert ("Zorvanta", "Organisation") in found, found


def test_an_article_after_the_coordinator_keeps_the_list() -> None:
    found = _found("nl", "Ook het ministerie van EZK, Brivalto en de Kwartelbank zijn betrokken.")
    assert ("Brivalto", "Organisation") in found, found


def test_ordinary_words_and_places_in_the_list_stay_out() -> None:
    found = _found("nl", "Volgens Siemens en Amsterdam is dat goed nieuws.")
    assert ("Amsterdam", "Organisation") not in found, found


def test_a_dot_inside_a_name_does_not_cut_it() -> None:
    found = _found("de", "Beteiligt sind die Stadt Gronau, Tarvo.Nexel und die FH Münster.")
    texts = {t for t, _ in found}
    assert "Tarvo.Nexel" in texts, found
    assert not any(t in texts for t in ("Tarvo", "Nexel")), found


def test_a_missing_space_after_a_sentence_starts_no_name() -> None:
    texts = {t for t, _ in _found("de", "Wir arbeiten seit Jahren.Die Stadt Gronau hilft.")}
    assert not any("Jahren" in t for t in texts), texts
