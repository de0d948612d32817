"""A one-word proper name right before "in"/"aus"/"uit" and a known town is an organisation."""

from __future__ import annotations

from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import pipeline


def _names(lang: str, text: str) -> dict[str, str]:
    doc = pipeline(lang)(text)
    return {span.text: span.label_ for span in doc.spans[SPAN_ENTITIES]}


def test_a_dutch_name_before_in_a_town_is_an_organisation() -> None:
    names = _names("nl", "De lector van hogeschool Velmora in Enschede gaf een lezing.")
    assert names.get("Velmora") == "Organisation"


def test_a_german_name_in_a_list_before_in_a_town_is_an_organisation() -> None:
    names = _names(
        "de", "Die Städte und die Hochschulen Niederrhein und Velmora in Venlo planen viel."
    )
    assert names.get("Velmora") == "Organisation"


def test_an_ordinary_german_noun_before_a_town_is_no_organisation() -> None:
    names = _names("de", "Die Veranstaltung in Münster beginnt um 10 Uhr.")
    assert "Veranstaltung" not in names
