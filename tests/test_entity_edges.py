"""Entity edges and types from context, on sentences written here (invented names)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from innograph.ingest.entities.assemble import trim_name_edges
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
