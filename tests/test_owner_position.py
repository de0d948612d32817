"""A name after a word for a firm, or after "the projects of", is an organisation or an
owner, not a project, whatever project cue is near (invented names)."""

from __future__ import annotations

import pytest

from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.entities.weak import _owner_position
from innograph.ingest.nlp import pipeline


def _typed(lang: str, text: str) -> dict[str, str]:
    doc = pipeline(lang)(text)
    return {span.text: span.label_ for span in doc.spans[SPAN_ENTITIES]}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "de",
            "Das Projekt läuft mit der Firma Kleiberg Analyse Systeme aus Gronau.",
            "Kleiberg Analyse Systeme",
        ),
        (
            "nl",
            "De provincie steunt vijf nieuwe projecten van Brouwersveld Onderzoek in Zwolle.",
            "Brouwersveld Onderzoek",
        ),
    ],
)
def test_a_name_in_an_owner_place_is_no_project(lang: str, text: str, name: str) -> None:
    assert _typed(lang, text).get(name) != "Project"


def test_a_name_that_is_itself_a_project_is_no_owner() -> None:
    doc = pipeline("de")("Die Partner des Nordlicht Rahmenprojekts treffen sich in Gronau.")
    start = [t.text for t in doc].index("Nordlicht")
    assert _owner_position(doc, start, ["Nordlicht", "Rahmenprojekts"]) is None
    doc = pipeline("nl")("De projecten van Brouwersveld Onderzoek lopen goed.")
    start = [t.text for t in doc].index("Brouwersveld")
    assert _owner_position(doc, start, ["Brouwersveld", "Onderzoek"]) == ""
