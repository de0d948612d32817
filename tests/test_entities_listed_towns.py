"""The town closing a list line after an organisation ("- Acme Coatings SA, Velderdam",
"Acme Institute (Velderdam)") is a place, even when no gazetteer knows it
(``entities/listed_towns.py``); pages written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_town_after_a_comma_closes_a_partner_line() -> None:
    found = _found(
        "nl",
        "Nieuws. De partners van het project:\n"
        "- Brenwik Installatietechniek B.V., Oldervaart\n"
        "- Stichting Kustlab, Zeewolk\n",
    )
    assert ("Oldervaart", "Region") in found, found
    assert ("Zeewolk", "Region") in found, found


def test_a_town_in_brackets_closes_a_partner_line() -> None:
    found = _found(
        "fr",
        "Actualités. Les partenaires du projet :\n- Navelor SAS (Brivonne)\n"
        "- Ardalis SA (Coulmy) et ses filiales\n",
    )
    assert ("Brivonne", "Region") in found, found
    # The bracket does not close its line: no partner's town.
    assert ("Coulmy", "Region") not in found, found


def test_a_word_in_running_text_or_mid_line_is_no_town() -> None:
    found = _found(
        "en",
        "News. The consortium is led by Navelor Ltd, Quarrow and Ardalis Ltd.\n"
        "- Navelor Ltd, Quarrow Works and partners\n",
    )
    assert not [t for t, label in found if t.startswith("Quarrow") and label == "Region"], found


def test_a_role_after_a_listed_organisation_is_neither_town_nor_member() -> None:
    text = "Partners:\n- Velder Systems BV, Coordinator\n- Brakmoor Ltd, Velderdam\n"
    found = {(s.text, s.label_) for s in entity_spans("en", text)}
    assert not [t for t, _ in found if t == "Coordinator"], found
    assert ("Velder Systems BV", "Organisation") in found, found
