"""One invented word that receives a sum or continues, or is continued by, a project is a
project's name (``ingest.entities.coined_projects``), on sentences written here."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_dutch_word_that_receives_a_sum_is_a_project() -> None:
    text = (
        "De provincie steunt vier projecten uit het Innovatiefonds Noordkust. "
        "Dijkspeurder ontvangt 410.000 euro voor sensoren in oude dijken.\n"
    )
    assert ("Dijkspeurder", "Project") in _found("nl", text)


def test_a_word_that_receives_a_sum_is_a_project_in_every_mention() -> None:
    text = (
        "Solvaro\n"
        "Drie zagerijen uit de Achterhoek testen een camera voor rondhout. "
        "Solvaro ontvangt 730.000 euro uit het EFRO.\n"
    )
    labels = [s.label_ for s in entity_spans("nl", text) if s.text == "Solvaro"]
    assert labels == ["Project", "Project"]


def test_a_german_capitalised_word_that_receives_a_sum_is_left_alone() -> None:
    # every German noun is capitalised: "Holzernte" may be an ordinary compound
    text = "Die Gemeinde plant viel. Holzernte erhält 730.000 Euro aus dem EFRE.\n"
    assert ("Holzernte", "Project") not in _found("de", text)


def test_a_word_after_a_succession_phrase_is_a_project() -> None:
    text = (
        "Het nieuwe project Veenspoor meet de bodemdaling in het veenweidegebied. "
        "Veenspoor bouwt voort op Moerasmeter, een verkenning uit 2023.\n"
    )
    assert ("Moerasmeter", "Project") in _found("nl", text)


def test_a_word_that_is_a_follow_up_is_a_project() -> None:
    text = "Kwelwachter is een vervolg op een eerdere studie van het waterschap.\n"
    assert ("Kwelwachter", "Project") in _found("nl", text)


def test_the_first_word_of_a_longer_title_is_no_project_of_its_own() -> None:
    text = "Het project is een vervolg op Zorgstap over de Grens, dat vorig jaar eindigde.\n"
    assert ("Zorgstap", "Project") not in _found("nl", text)


def test_a_word_the_page_also_writes_in_lower_case_is_no_name() -> None:
    text = (
        "Veldkoeling ontvangt 300.000 euro uit het EFRO. "
        "Met veldkoeling blijven groenten langer vers.\n"
    )
    assert ("Veldkoeling", "Project") not in _found("nl", text)


def test_an_ordinary_word_that_receives_a_sum_is_no_name() -> None:
    text = "Gemeente ontvangt 2 miljoen euro uit het EFRO voor de haven.\n"
    assert not any(s.text == "Gemeente" for s in entity_spans("nl", text))


def test_a_title_with_function_words_after_a_succession_phrase_is_one_project() -> None:
    text = (
        "Het nieuwe project Veenspoor meet de bodemdaling. "
        "Het is een vervolg op Licht over de Weide, dat vorig jaar eindigde.\n"
    )
    assert ("Licht over de Weide", "Project") in _found("nl", text)


def test_a_title_needs_a_succession_phrase_before_it() -> None:
    text = "Het nieuwe project Veenspoor meet de bodemdaling. Licht over de Weide valt op.\n"
    assert ("Licht over de Weide", "Project") not in _found("nl", text)
