"""Document-level grouping and typing of entity mentions (invented sentences)."""

from __future__ import annotations

import pytest
import spacy

import innograph.ingest.entities  # noqa: F401  (registers the factories)
from innograph.tests.entity_spans import entity_spans, groups_of


def _types(spans: list[spacy.tokens.Span]) -> dict[str, str]:
    return {span.text: span.label_ for span in spans}


def test_a_place_and_its_administration_are_one_region() -> None:
    spans = entity_spans(
        "de",
        "Die Stadt Osnabrück und die Firma Kellwerk haben einen Vertrag unterzeichnet. "
        "In Osnabrück beginnt die Arbeit im Mai.",
    )
    assert {"Stadt Osnabrück", "Osnabrück"} in groups_of(spans).values()
    assert _types(spans)["Osnabrück"] == "Region"


def test_long_form_and_code_in_brackets_are_one_entity() -> None:
    spans = entity_spans(
        "en",
        "The Northern Institute of Marine Technology (NIMT) opened a lab. "
        "Later NIMT hired ten engineers in Bergen.",
    )
    groups = groups_of(spans)
    assert any({"Northern Institute of Marine Technology", "NIMT"} <= g for g in groups.values())


def test_a_name_called_a_programme_once_is_a_programme_everywhere() -> None:
    spans = entity_spans(
        "nl",
        "Met steun van het programma Groeikracht Noord starten tien bedrijven. Ook dit jaar "
        "verdeelt Groeikracht Noord geld. Bedrijven kunnen bij Groeikracht Noord terecht.",
    )
    types = {s.label_ for s in spans if s.text == "Groeikracht Noord"}
    assert types == {"FundingProgramme"}


def test_a_compound_that_starts_with_project_is_no_project_cue() -> None:
    spans = entity_spans("de", "Projektpartner sind die Kreiswerke Velten und Brenkmann Beratung.")
    assert _types(spans)["Kreiswerke Velten"] == "Organisation"


def test_a_name_and_its_translation_in_brackets_are_one_entity() -> None:
    spans = entity_spans(
        "nl",
        "Het geld komt van het Noordelijk Havenfonds (Northern Harbour Fund) en van banken.",
    )
    groups = groups_of(spans)
    assert {"Noordelijk Havenfonds", "Northern Harbour Fund"} in groups.values()


def test_a_names_own_head_word_beats_a_cue_word_further_away() -> None:
    spans = entity_spans(
        "de", "Die Projekte werden über den Nordischen Fonds für Küstenschutz finanziert."
    )
    assert _types(spans)["Nordischen Fonds für Küstenschutz"] == "FundingProgramme"


def test_a_name_after_also_known_as_joins_the_first_name() -> None:
    spans = entity_spans(
        "nl",
        "De beheerautoriteit van het Operationeel Programma Kustregio, ofwel KUSTPRO, "
        "heeft een nieuwe oproep gepubliceerd.",
    )
    assert any({"KUSTPRO"} < g for g in groups_of(spans).values())


def test_a_name_with_a_second_head_noun_is_another_organisation() -> None:
    spans = entity_spans(
        "en",
        "Researchers of Harwick University Medical Centre met staff of Harwick University "
        "in the new building.",
    )
    groups = groups_of(spans)
    assert {"Harwick University"} in groups.values()


def test_a_name_ending_in_initiative_is_no_person() -> None:
    spans = entity_spans("en", "Politicians joined the Hendrik Baert Initiative in Brussels.")
    assert _types(spans)["Hendrik Baert Initiative"] == "Organisation"


def test_a_name_given_a_sum_by_a_programme_is_a_project() -> None:
    spans = entity_spans(
        "en",
        "Tidewater Engine receives 4 million euros from the Horizon Europe programme. "
        "The programme funds research in Europe.",
    )
    assert _types(spans).get("Tidewater Engine") == "Project"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "nl",
            "Het EFRO-programma steunt dit jaar vier projecten. Daarnaast gaat er 300.000 "
            "euro naar het Kelvaro Lab in Gent.",
        ),
        (
            "de",
            "Das Programm Interreg Deutschland-Nederland fördert zehn Vorhaben. Zusätzlich "
            "gehen 300.000 Euro an das Kelvaro Lab in Emden.",
        ),
        (
            "fr",
            "Le programme Horizon Europe finance la recherche. 300.000 euros vont au Kelvaro "
            "Lab à Lille.",
        ),
    ],
)
def test_a_name_a_sum_goes_to_is_a_project(lang: str, text: str) -> None:
    assert _types(entity_spans(lang, text)).get("Kelvaro Lab") == "Project"


@pytest.mark.parametrize("body", ["Tidewater University", "Tidewater Robotics BV"])
def test_a_body_given_a_sum_stays_an_organisation(body: str) -> None:
    spans = entity_spans(
        "en", f"The Horizon Europe programme funds research. {body} receives 4 million euros."
    )
    assert _types(spans).get(body) == "Organisation"


def test_a_sum_without_a_programme_on_the_page_types_nothing() -> None:
    spans = entity_spans(
        "en",
        "Tidewater Engine receives 4 million euros from private investors. "
        "Its founders live in Bergen.",
    )
    assert _types(spans).get("Tidewater Engine") != "Project"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The Horizon Europe programme funds research. EUR 900,000 goes to Kelvaro Lab "
            "and Tidewater Lab in Bergen.",
        ),
        (
            "fr",
            "Le programme Horizon Europe finance la recherche. 900.000 euros vont au Kelvaro "
            "Lab et au Tidewater Lab à Lille.",
        ),
    ],
)
def test_a_sum_for_several_names_types_none_of_them(lang: str, text: str) -> None:
    assert _types(entity_spans(lang, text)).get("Kelvaro Lab") != "Project"
