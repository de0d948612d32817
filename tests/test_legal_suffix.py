"""A legal form written right after an organisation's name (invented names)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from innograph.ingest.entities.legal_suffix import with_legal_form
from innograph.tests.entity_spans import entity_spans


def _extended(lang: str, text: str, start: int, end: int, label: str = "Organisation") -> Span:
    doc = spacy.blank(lang)(text)
    return with_legal_form(Span(doc, start, end, label=label))


def test_a_lower_case_form_joins_the_name() -> None:
    assert _extended("nl", "met Zorvelt Keramiek nv uit Boom", 1, 3).text == "Zorvelt Keramiek nv"
    assert _extended("nl", "en Quabbe Natuurpunt vzw doet mee", 1, 3).text.endswith("vzw")


def test_a_form_cut_into_pieces_or_after_a_comma_joins_the_name() -> None:
    assert _extended("en", "with Kelmo Systemy sp. z o.o. on board", 1, 3).text.endswith("o.o.")
    assert _extended("en", "and Borda Verde, Lda., Porto", 1, 3).text == "Borda Verde, Lda."
    assert _extended("en", "the operator Hraunvik ehf. and others", 2, 3).text == "Hraunvik ehf."


def test_an_ordinary_word_or_a_country_code_is_no_form() -> None:
    assert _extended("fr", "avec Zorvelt et Quabbe", 1, 2).text == "Zorvelt"
    assert _extended("en", "partners: Zorvelt Marin, SE", 2, 4).text == "Zorvelt Marin"


def test_a_form_inside_a_longer_name_is_left_out() -> None:
    # a Portuguese "da" is no legal form when the name goes on after it
    assert _extended("en", "the Universidade da Zorvela Interior", 1, 2).text == "Universidade"


def test_a_person_followed_by_a_form_is_a_company() -> None:
    span = _extended("en", "with Ivo Kolarin d.o.o. from Zagreb", 1, 3, label="Person")
    assert (span.text, span.label_) == ("Ivo Kolarin d.o.o.", "Organisation")
    kept = _extended("nl", "met Jan Kolarin bv en anderen", 1, 3, label="Person")
    assert (kept.text, kept.label_) == ("Jan Kolarin", "Person")


def test_the_pipeline_names_the_company_with_its_form() -> None:
    text = "De partners zijn Zorvelt Keramiek nv uit Boom en de vereniging Quabbe Natuurpunt vzw."
    texts = {s.text for s in entity_spans("nl", text)}
    assert "Zorvelt Keramiek nv" in texts
