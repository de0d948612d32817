"""Spurious names the entity stage leaves out, on made-up text: German noun phrases in
capitals, abstract nouns after a first name, one ordinary word in capitals at a line's
edge (``german.german_prose``, ``persons.abstract_noun``, ``headings.heading_word``)."""

from __future__ import annotations

import pytest
import spacy

from innograph.ingest.entities.generic import class_name
from innograph.ingest.entities.persons import abstract_noun
from innograph.tests.entity_spans import entity_spans


def _typed(lang: str, text: str) -> dict[str, str]:
    return {s.text: s.label_ for s in entity_spans(lang, text)}


def test_german_noun_phrases_in_capitals_are_no_names() -> None:
    found = _typed(
        "de",
        "Die Münchner Abgeordneten loben Acme Robotik. Das Bau-Konzept gilt ab Mai. "
        "Legen Sie die Unterlagen in Ihrem Postfach ab. "
        "Ein gemeinsames Daten-Scouting mit der Bayerischen Staatskanzlei ist geplant.",
    )
    assert not any("Abgeordneten" in t or "Postfach" in t or "Bau-" in t for t in found)
    assert "Bayerischen Staatskanzlei" in found, found


def test_a_german_body_with_a_place_stays_a_name() -> None:
    found = _typed("de", "Die Gesamtschule Velderdam Nord und die Bezirksregierung Detmold.")
    assert any("Bezirksregierung" in t for t in found), found


@pytest.mark.parametrize(
    ("word", "abstract"),
    [
        ("Declaration", True),
        ("Training", True),
        ("Hub-Status", True),
        ("Brouckmolen", False),
        ("Sterling", False),
        ("Koning", False),
    ],
)
def test_abstract_nouns(word: str, abstract: bool) -> None:
    assert abstract_noun(word) is abstract


def test_a_first_name_before_an_abstract_noun_is_no_person() -> None:
    found = _typed(
        "en",
        "The regions signed the 2019 Lena Declaration with Acme Robotics. "
        "Velderdam received the Urban Hub-Status from the ministry. "
        "Jane Sterling leads Projekt Nordlicht.",
    )
    assert found.get("Lena Declaration") != "Person", found
    assert not any(label == "Person" and "Hub" in t for t, label in found.items()), found
    assert found.get("Jane Sterling") == "Person", found


def test_an_ordinary_word_in_capitals_at_a_line_edge_is_no_name() -> None:
    found = _typed(
        "en",
        "Acme Robotics yearly report OVERVIEW\n\n"
        "OUTLOOK: Acme Robotics and Velderdam University will grow.\n\n"
        "The NORDLICHT project and HARVEST work with Acme Robotics.",
    )
    assert "OVERVIEW" not in found and "OUTLOOK" not in found, found
    assert "HARVEST" in found, found


def test_a_place_in_capitals_opening_a_dateline_is_a_place() -> None:
    found = _typed("nl", "ROTTERDAM, 3 mei 2024 – Acme Robotics opent een fabriek.")
    assert found.get("ROTTERDAM") in (None, "Region"), found


def test_a_possessive_ends_the_owners_name() -> None:
    found = _typed(
        "en",
        "It is my last article because my volunteering in ACME-B’s NGO is ending. "
        "The board is delighted with the Kingdom of Velderland's return.",
    )
    assert "ACME-B" in found and "Kingdom of Velderland" in found, found
    assert not any("’s" in t or "'s" in t for t in found), found


def test_a_long_form_that_misses_its_acronym_is_not_cut_into_words() -> None:
    found = _typed(
        "en", "Firms join the Joint centres for Research and Transfer (JCRT) in Velderdam."
    )
    assert "Research" not in found and "Transfer" not in found, found


@pytest.mark.parametrize(
    ("lang", "text", "generic", "name"),
    [
        (
            "en",
            "Velderland Seas is a Northern Transnational Cooperation Programme covering "
            "three countries. Acme Robotics joined a Horizon 2020 project.",
            "Northern Transnational Cooperation Programme",
            "Horizon 2020",
        ),
        (
            "nl",
            "De provincie wil een Herstructureringsbureau Havengebieden. "
            "Acme Robotics neemt deel aan een Interreg-project.",
            "Herstructureringsbureau Havengebieden",
            "Interreg",
        ),
    ],
)
def test_a_phrase_after_an_indefinite_article_is_generic(
    lang: str, text: str, generic: str, name: str
) -> None:
    found = _typed(lang, text)
    assert generic not in found, found
    assert any(name in t for t in found), found


@pytest.mark.parametrize(
    ("lang", "words", "is_class"),
    [
        ("en", "Nordlicht Regions", True),
        ("en", "ACME KICs", True),
        ("de", "Velderland Projekte", True),
        ("fr", "Velderland Pôles", True),
        ("en", "Support Office for SMEs", False),
        ("en", "Acme Robotics", False),
        ("en", "Regions", False),
    ],
)
def test_a_name_in_the_plural_of_a_type_is_a_class(lang: str, words: str, is_class: bool) -> None:
    doc = spacy.blank(lang)(words)
    assert class_name(doc[:]) is is_class


def test_field_labels_whose_value_has_no_words_head_no_records() -> None:
    found = _typed(
        "de",
        "Der Ausschuss hat sieben Projekte bewilligt.\n\n"
        "Kontakt\n"
        "Ansprechpartnerin: Dr. Katrin Velder\n"
        "Telefon: 0251 123456\n"
        "Weitere Informationen finden Sie auf unserer Internetseite.\n",
    )
    assert "Telefon" not in found and "Ansprechpartnerin" not in found, found


def test_an_acronym_also_written_in_the_plural_is_generic() -> None:
    found = _typed(
        "en",
        "Two new TQCs were chosen this year. Acme Robotics joins the TQC for mobility, "
        "and the NRDA funds it.",
    )
    assert "TQC" not in found, found
    assert "Acme Robotics" in found, found
    found_nl = _typed("nl", "Drie WVGs starten in Zeeland. Het Acme Lab leidt de WVG.")
    assert "WVG" not in found_nl, found_nl


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Regio's uit Engeland doen mee: het Noord-Oosten en Kent. Acme Lab leidt het."),
        ("en", "Acme Robotics builds North-South partnerships with Velderdam."),
    ],
)
def test_a_name_of_compass_words_only_is_no_entity(lang: str, text: str) -> None:
    found = _typed(lang, text)
    assert not any(t in found for t in ("Noord-Oosten", "North-South")), found
