"""Entity edges and types from context, on sentences written here (invented names)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from innograph.ingest.entities.assemble import trim_name_edges
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.tests.entity_spans import entity_spans


def _names(lang: str, text: str) -> dict[str, str]:
    return {s.text: s.label_ for s in entity_spans(lang, text)}


def test_a_year_after_an_organisation_is_not_part_of_its_name() -> None:
    names = _names("en", "The prize was handed out by the Zorbelin Research Council 2024 in May.")
    assert "Zorbelin Research Council" in names
    assert not any(n.endswith("2024") for n in names)


def test_a_name_cut_at_a_hyphenated_compound_is_dropped() -> None:
    names = _names("nl", "Het project loopt samen met de Kroonwijkse Land- en Tuinbouwbond.")
    assert "Kroonwijkse Land-" not in names


def test_a_dangling_ampersand_is_not_part_of_a_name() -> None:
    doc = spacy.blank("en")("news & Zorbel Quastra Labs & more")
    trimmed = trim_name_edges(Span(doc, 1, 6, label="Organisation"))
    assert trimmed is not None and trimmed.text == "Zorbel Quastra Labs"
    assert trim_name_edges(Span(doc, 1, 2, label="Organisation")) is None


def test_an_institution_code_before_a_town_names_the_institution() -> None:
    names = _names("en", "The students of HSZ Maastricht work with Zorbel Labs on new materials.")
    assert names.get("HSZ Maastricht") == "Organisation"
    assert "Maastricht" not in names
    names = _names("de", "Ingenieure der HSZ Münster entwerfen mit Zorbel eine neue Anlage.")
    assert names.get("HSZ Münster") == "Organisation"


def test_a_registry_short_name_in_capitals_matches_as_prose_writes_it() -> None:
    entry = next(
        e
        for e in gazetteer().names()
        if e.source == "registry"
        and e.type == "Organisation"
        and not e.common_in
        and len(e.name.split()) == 2
        and e.name.isupper()
        and len(e.name.split()[0]) >= 3
        and len(e.name.split()[1]) >= 5
        and e.name.split()[1].isalpha()
    )
    code, town = entry.name.split()
    prose = f"{code} {town.capitalize()}"
    spans = entity_spans("en", f"The engineers of {prose} presented the results in May.")
    assert [(s.text, s.kb_id_) for s in spans if s.text == prose] == [(prose, entry.key)]


def test_the_german_dative_of_the_netherlands_is_the_country() -> None:
    spans = entity_spans("de", "Die Firma Zorbel arbeitet eng mit Partnern in den Niederlanden.")
    assert [(s.text, s.label_, s.kb_id_) for s in spans if s.text == "Niederlanden"] == [
        ("Niederlanden", "Region", "NL")
    ]


def test_number_words_and_dates_alone_are_no_names() -> None:
    text = "Vingt-sept projets ont été retenus. Quatre projets sont menés par Zorbel."
    names = _names("fr", text)
    assert "Vingt-sept" not in names and "Quatre" not in names
    names = _names("de", "Am 19. Mai 2031 stellt die Firma Quastrel ihre Anlage vor.")
    assert not any(n.startswith("Am") for n in names)


def test_an_acronym_among_named_partners_is_a_partner() -> None:
    text = "The partners are Zorbel Research Institute, QKV, Velmor University and Tranik GmbH."
    assert _names("en", text).get("QKV") == "Organisation"


def test_a_type_head_word_alone_is_no_name() -> None:
    names = _names("de", "Die Tage der Firma Zorbel in Quastrau waren ein Erfolg. Meeting um 10.")
    assert "Tage" not in names and "Meeting" not in names
    names = _names("fr", "Le Pôle a présenté le projet Velmorix à Namur.")
    assert "Pôle" not in names


def test_a_lower_case_institution_head_opens_the_name() -> None:
    names = _names("nl", "Het project Velmor wordt gesteund door het ministerie van Zorbelzaken.")
    assert names.get("ministerie van Zorbelzaken") == "Organisation"
    text = "Daarnaast investeert het ministerie van Onderwijs, Cultuur en Quastra in Velmor."
    assert "ministerie van Onderwijs, Cultuur en Quastra" in _names("nl", text)
    text = "Les chercheurs de l'université catholique de Quastrau travaillent ensemble."
    assert _names("fr", text).get("université catholique de Quastrau") == "Organisation"


def test_a_lower_case_institution_name_stops_before_the_next_partner() -> None:
    names = _names("nl", "De partners zijn het ministerie van ZKV, Zorbel en de provincie Quastra.")
    assert "ministerie van ZKV" in names
    assert not any(n.startswith("ministerie van ZKV,") for n in names)


def test_a_german_area_word_glued_to_a_name_names_the_place() -> None:
    text = "Der Ausschuss für das ZORBELGAU-Gebiet hat neue Projekte genehmigt."
    names = _names("de", text)
    assert names.get("ZORBELGAU") == "Region"
    assert "ZORBELGAU-Gebiet" not in names
