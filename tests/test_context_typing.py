"""Names typed from their context: quoted names next to cue words, project lists after a
colon, and the area words of Interreg names (invented names, four languages)."""

from __future__ import annotations

import spacy

import innograph.ingest.entities  # noqa: F401  (registers the factories)
from innograph.ingest.entities.project_lists import colon_list_spans
from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import join_wrapped_lines, pipeline

_KEEP: list[spacy.tokens.Doc] = []  # the spans of a Doc live only as long as the Doc


def _typed(lang: str, text: str) -> set[tuple[str, str]]:
    doc = pipeline(lang)(join_wrapped_lines(text))
    _KEEP.append(doc)
    return {(s.text, s.label_) for s in doc.spans[SPAN_ENTITIES]}


def _groups(lang: str, text: str) -> list[set[str]]:
    doc = pipeline(lang)(join_wrapped_lines(text))
    _KEEP.append(doc)
    out: dict[str, set[str]] = {}
    for span in doc.spans[SPAN_ENTITIES]:
        out.setdefault(span.id_, set()).add(span.text)
    return list(out.values())


# -- quoted names ----------------------------------------------------------------------


def test_german_list_of_quoted_projects_after_one_cue() -> None:
    found = _typed(
        "de",
        "Zu den bewilligten Projekten gehören „Grüne Welle“, „TRL“, „Land in Sicht“ und “KORALLE”.",
    )
    assert {
        ("Grüne Welle", "Project"),
        ("TRL", "Project"),  # a general term's acronym, but the quotes make it a name
        ("Land in Sicht", "Project"),
        ("KORALLE", "Project"),
    } <= found


def test_quoted_project_name_of_ordinary_words_is_kept_without_the_cue_word() -> None:
    assert ("Zomer aan Zee", "Project") in _typed(
        "nl", "Met het project ‘Zomer aan Zee’ willen de gemeenten meer bezoekers trekken."
    )
    assert ("Maison des saveurs", "Project") in _typed(
        "fr", "Le projet « Maison des saveurs » ouvre ses portes à Namur en mai."
    )
    assert ("Ruhige Nacht", "Project") in _typed(
        "de", "Im Rahmen des Projektes „Ruhige Nacht“ messen die Partner den Lärm."
    )


def test_quoted_name_before_a_cue_and_quoted_call() -> None:
    found = _typed(
        "en",
        "The 'Harbour Light' project started in May. Twelve proposals answered the call "
        '"Bright Coasts" last year.',
    )
    assert ("Harbour Light", "Project") in found
    assert ("Bright Coasts", "FundingProgramme") in found


def test_quoted_event_after_an_event_word() -> None:
    assert ("Grenzeloos Samen", "Event") in _typed(
        "nl", "Tijdens het evenement ‘Grenzeloos Samen’ kwamen honderd ondernemers bijeen."
    )


def test_quoted_long_form_keeps_its_acronym_as_one_entity() -> None:
    groups = _groups(
        "nl",
        "Twee projecten kregen steun: ‘Slimme Haven Logistiek (SHL)’ en ‘Groene Daken’. "
        "SHL start in juni.",
    )
    assert any({"Slimme Haven Logistiek", "SHL"} <= g for g in groups)


def test_quoted_sentence_or_description_is_not_a_name() -> None:
    found = _typed(
        "de",
        "Das Projekt heißt „Untersuchung einer neuen, günstigen Methode zur Trocknung von "
        "feuchten Böden“ und läuft bis 2026.",
    )
    assert not [t for t, label in found if label == "Project"]


def test_quoted_name_without_a_cue_is_not_typed_project() -> None:
    found = _typed("en", "She called it 'Silver Morning' in her speech.")
    assert ("Silver Morning", "Project") not in found


# -- lists after a colon -----------------------------------------------------------------


def test_projects_after_a_colon_in_the_sentence() -> None:
    found = _typed(
        "nl", "De stuurgroep keurde twee projecten goed uit de tweede oproep: Zeewind en MARLIN."
    )
    assert {("Zeewind", "Project"), ("MARLIN", "Project")} <= found


def test_projects_as_item_lines_after_a_colon() -> None:
    text = (
        "Five proposals were submitted. The selected projects are:\n"
        "- Tidal Sense: This project measures currents near the coast.\n"
        "- eFARM@School: Here pupils grow vegetables.\n"
        "- QUARTZ: Various partners build a sensor.\n"
        "The jury met in June."
    )
    found = _typed("en", text)
    assert {
        ("Tidal Sense", "Project"),
        ("eFARM@School", "Project"),
        ("QUARTZ", "Project"),
    } <= found


def test_projects_listed_after_a_bracket_before_the_colon() -> None:
    # spaCy keeps "):" as one emoticon token; the colon after a bracket is a colon
    text = (
        "Goedgekeurde projecten (project – promotor – steun):\n\n"
        "• GraanLicht – Akkerwerk bv (Lokeren) – UGent, Molens Verhaegen nv – € 412.500\n"
        "• Dijkwacht Schelde – Waterbouw Claes nv (Temse) – stad Hamme – € 338.200\n"
    )
    doc = pipeline("nl")(join_wrapped_lines(text))
    listed = {span.text for span in colon_list_spans(doc)}
    assert listed == {"GraanLicht", "Dijkwacht Schelde"}


def test_a_colon_after_a_bracket_is_its_own_token() -> None:
    for lang in ("en", "nl", "de", "fr"):
        doc = pipeline(lang).make_doc("Selected projects (2024): Alba and Brio :)")
        assert [t.text for t in doc][4:6] == [")", ":"]


def test_a_list_of_themes_after_a_colon_is_not_a_list_of_projects() -> None:
    text = "Projecten moeten passen binnen een van de thema's:\n • Energie\n • Gezondheid\n"
    found = _typed("nl", text)
    assert ("Energie", "Project") not in found
    assert ("Gezondheid", "Project") not in found


# -- Interreg names ----------------------------------------------------------------------


def test_interreg_compound_nouns_are_not_areas() -> None:
    found = _typed(
        "de",
        "Die Interreg-Projekte und die Interreg-Partner trafen sich beim "
        "INTERREG-Lenkungsausschuss.",
    )
    programmes = {t for t, label in found if label == "FundingProgramme"}
    assert programmes <= {"Interreg", "INTERREG"}
    assert programmes


def test_interreg_area_after_the_german_programme_word() -> None:
    found = _typed("de", "Die Mittel stammen aus dem Interreg VI-Programms Deutschland-Nederland.")
    assert ("Interreg VI-Programms Deutschland-Nederland", "FundingProgramme") in found


def test_interreg_area_stops_at_a_non_place_word() -> None:
    found = _typed(
        "en", "The Interreg Euregio Meuse-Rhine office hired an Interreg Project Manager."
    )
    assert ("Interreg Euregio Meuse-Rhine", "FundingProgramme") in found
    assert not [t for t, _ in found if "Manager" in t and t.startswith("Interreg")]


def test_interreg_numbered_sea_area() -> None:
    found = _typed("en", "The Interreg 2 Seas programme funds the partners.")
    assert ("Interreg 2 Seas programme", "FundingProgramme") in found
