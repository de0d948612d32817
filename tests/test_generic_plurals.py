"""A head word and a plural in lower case names a class of things, not one thing."""

from __future__ import annotations

import pytest

from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import pipeline


def _names(lang: str, text: str) -> set[str]:
    doc = pipeline(lang)(text)
    return {span.text for span in doc.spans[SPAN_ENTITIES]}


@pytest.mark.parametrize(
    ("lang", "text", "generic"),
    [
        (
            "en",
            "Frontier clusters are linked to the main industries of Acmeland.",
            "Frontier clusters",
        ),
        ("fr", "En mai, les Pôles acméens ont été évalués par Acme Conseil.", "Pôles acméens"),
    ],
)
def test_a_generic_plural_is_no_name(lang: str, text: str, generic: str) -> None:
    assert generic not in _names(lang, text)


def test_a_quoted_title_with_a_plural_stays() -> None:
    names = _names("fr", "Le projet « Maison déchets » est soutenu par Acme Robotics.")
    assert "Acme Robotics" in names
