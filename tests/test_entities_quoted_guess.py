"""A quoted name is typed by its quotes' context rather than by an organisation guess:
the NER's or a default's organisation becomes a project (``grouping._quoted_guess``), and
a quoted name typed by its cue wins over a rule that typed the same words by their head
word (``assemble._choose``). Sentences invented, with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_quoted_name_guessed_an_organisation_is_a_project() -> None:
    text = (
        "Actualités. L’Université de Namur et ses 4 partenaires ont lancé « Orbis Nova » "
        "avec un double accent sur la mobilité et l’inclusion."
    )
    found = _found("fr", text)
    assert ("Orbis Nova", "Project") in found, found


def test_an_unquoted_name_keeps_its_organisation_guess() -> None:
    text = (
        "Actualités. L’Université de Namur et ses 4 partenaires ont rejoint Orbis Nova "
        "avec un double accent sur la mobilité et l’inclusion."
    )
    found = _found("fr", text)
    assert ("Orbis Nova", "Project") not in found, found


def test_a_quoted_name_with_an_organisation_head_in_a_sentence_about_projects() -> None:
    text = (
        "Zwei Projekte kümmern sich um die Pflege von Flüssen im Grenzgebiet "
        "- „Grenzüberschreitendes Netzwerk Flussauen“."
    )
    found = _found("de", text)
    assert ("Grenzüberschreitendes Netzwerk Flussauen", "Project") in found, found
