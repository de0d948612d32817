"""English capitals after "the" around an organisation's head noun make a name even when
every word is an ordinary word (sentences and names invented here)."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans("en", text)}


def test_ordinary_words_capitalised_before_a_head_noun_are_a_name() -> None:
    found = _found("The plan was signed by Acme Robotics and the Open Science Campus last week.")
    assert ("Open Science Campus", "Organisation") in found, found


def test_a_head_noun_followed_by_a_connector_is_a_name() -> None:
    found = _found("Funding came from the Central Agency for Small Firms in the end.")
    assert ("Central Agency for Small Firms", "Organisation") in found, found


def test_a_head_noun_inside_a_post_title_is_no_name() -> None:
    texts = {t for t, _ in _found("It was presented by the Green Partnership Lead yesterday.")}
    assert not any("Lead" in t for t in texts), texts
