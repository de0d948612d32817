"""A unit written with its organisation gives two names: the unit and its organisation."""

from __future__ import annotations

from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import pipeline


def _names(lang: str, text: str) -> dict[str, str]:
    doc = pipeline(lang)(text)
    return {span.text: span.label_ for span in doc.spans[SPAN_ENTITIES]}


def test_a_dutch_lab_of_a_college_is_cut_at_van() -> None:
    names = _names(
        "nl", "Er gaat 50.000 euro naar het Smart Farming Lab van Velderhorst, campus Arnstad."
    )
    assert "Smart Farming Lab van Velderhorst" not in names
    assert names.get("Velderhorst") == "Organisation"


def test_a_german_institute_of_a_university_zu_a_town() -> None:
    names = _names(
        "de", "In Zusammenarbeit mit dem Institut für Meereskunde der Universität zu Velderdam."
    )
    assert "Institut für Meereskunde" in names
    assert names.get("Universität zu Velderdam") == "Organisation"


def test_a_faculty_of_a_subject_stays_one_name() -> None:
    names = _names("en", "She teaches at the Faculty of Marine Studies in Velderdam.")
    assert "Marine Studies" not in names
