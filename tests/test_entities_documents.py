"""Documents, strategies and declarations are no entities; a place's name with its
hyphens written as spaces is still the place."""

from __future__ import annotations

import pytest

from innograph.ingest.entities.gazetteer_ruler import hyphen_variants
from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import pipeline


def _names(lang: str, text: str) -> dict[str, str]:
    doc = pipeline(lang)(text)
    return {span.text: span.label_ for span in doc.spans[SPAN_ENTITIES]}


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        ("nl", "Volgens de Regionale Innovatiestrategie 2030 werkt Acme samen.", "Regionale"),
        ("en", "Acme Robotics presented its Annual Report 2024 to the board.", "Report"),
        ("en", "The Zorblat Charter was signed by Acme Robotics in Tilburg.", "Zorblat"),
        ("en", "Acme Robotics supports the Zorblat2040 strategy for growth.", "Zorblat2040"),
    ],
)
def test_a_document_title_is_no_name(lang: str, text: str, title: str) -> None:
    assert not any(title in name for name in _names(lang, text))


def test_a_name_beside_a_document_stays() -> None:
    assert "Acme Robotics" in _names("en", "Acme Robotics presented its Annual Report 2024.")
    assert "Acme Robotics" in _names("en", "Acme Robotics reports record growth in Tilburg.")


def test_hyphens_of_a_known_name_may_be_spaces() -> None:
    assert "Schleswig Holstein" in hyphen_variants("Schleswig-Holstein")
    assert "Baden Württemberg Nord" in hyphen_variants("Baden-Württemberg-Nord")
    assert hyphen_variants("E-Mobility") == ["E-Mobility"]  # a letter's hyphen stays
    names = _names("de", "Das Gebiet umfasst Schleswig Holstein und Hamburg.")
    assert names.get("Schleswig Holstein") == "Region"
    assert "Holstein" not in names
