"""A quoted name with no cue word around it takes the type of its own capitalised head
word (``entities/quoted.own_head_type``); sentences written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_quoted_call_or_summit_is_typed_by_its_own_head() -> None:
    found = _found("en", "News. Small firms may apply to the ‘SeedCall 2031’ until May.")
    assert ("SeedCall 2031", "FundingProgramme") in found, found
    found = _found("de", "Aktuelles. Am Freitag fand der „GREEN SUMMIT NORDLAND“ in Lindau statt.")
    assert ("GREEN SUMMIT NORDLAND", "Event") in found, found


def test_a_lower_case_or_plural_head_types_nothing() -> None:
    found = _found("en", "News. Read our column ‘Word of the week’ every week.")
    assert not [t for t, label in found if "Word" in t and label == "Event"], found
    found = _found("nl", "Nieuws. De regeling ‘Grote Samenwerkingsprojecten’ is open.")
    assert not [t for t, label in found if "Grote" in t and label == "Project"], found


def test_quoted_names_in_a_sentence_about_projects_are_projects() -> None:
    text = (
        "Drei Projekte kümmern sich um die Pflege von Flüssen und Seen im Grenzgebiet "
        "zwischen beiden Ländern - „Blaue Ader“ und „Wasserbrücke“."
    )
    found = {(s.text, s.label_) for s in entity_spans("de", text)}
    assert {("Blaue Ader", "Project"), ("Wasserbrücke", "Project")} <= found, found


def test_a_long_form_typed_by_its_sentence_outweighs_its_acronym_default() -> None:
    text = (
        "Twee projecten werken aan schone energie voor bedrijven uit de regio Zuidkust: "
        "‘Zonnestroom Delta (ZSD)’ en ‘Windkracht Noord’.\n\nDe samenwerking in het "
        "Zonnestroom Delta (ZSD) start in mei.\n\nVolgens de trekker wil ZSD veertig daken "
        "benutten. Het ZSD meldt de eerste resultaten in juni."
    )
    found = {(s.text, s.label_) for s in entity_spans("nl", text)}
    assert ("Zonnestroom Delta", "Project") in found, found
    assert ("ZSD", "Organisation") not in found, found


def test_a_noun_before_the_quotes_types_the_name_not_the_subject() -> None:
    text = "Nieuwe projecten moeten passen in het bestaande regionale plan ‘Kustvisie’."
    found = {(s.text, s.label_) for s in entity_spans("nl", text)}
    assert ("Kustvisie", "Project") not in found, found
