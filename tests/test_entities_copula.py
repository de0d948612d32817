"""A name that opens a sentence and is then said to be a kind of thing takes that kind
(``entities/copula.py``), on sentences written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_name_said_to_be_a_cluster_or_a_project_is_one() -> None:
    found = _found("nl", "Velderchem is de speerpuntcluster voor de chemie in Vlaanderen.")
    assert ("Velderchem", "Cluster") in found
    found = _found("en", "Brakwater is a cross-border project on clean harbours.")
    assert ("Brakwater", "Project") in found
    found = _found("de", "Nordkamm ist ein Projekt der Grenzregion.")
    assert ("Nordkamm", "Project") in found


def test_a_sentence_opening_word_of_the_language_is_no_name() -> None:
    found = _found("nl", "Hiervoor is het project binnen het programma opgezet.")
    assert not [t for t, _ in found if t == "Hiervoor"], found
    found = _found("de", "Als Partner ist die Region an dem Projekt beteiligt.")
    assert not [t for t, _ in found if "Als" in t], found
