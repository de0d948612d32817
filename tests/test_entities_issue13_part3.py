"""Entity rules of issue #13 part 3 (pages from unseen sites), on sentences written here.

Each test asserts the type and the exact span of what a rule finds.
"""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans, groups_of


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_record_headings_take_the_type_the_page_announces() -> None:
    text = (
        "Four innovation clusters\n\n"
        "The region supports its clusters for ten years.\n\n"
        "Harbourline: moving goods along the coast\n\n"
        "Harbourline connects the ports of the region.\n\n"
        "Grainwise: better bread from local wheat\n\n"
        "Grainwise helps millers and bakers.\n"
    )
    found = _found("en", text)
    assert ("Harbourline", "Cluster") in found
    assert ("Grainwise", "Cluster") in found


def test_record_headings_after_a_german_intro_are_projects() -> None:
    text = (
        "Im Begleitausschuss wurden neue Projekte genehmigt. Die Projekte laufen drei Jahre.\n"
        "WaterMill - Hier arbeiten Kommunen an der Nutzung von Grauwasser zusammen.\n"
        "KLARWEG - Die Partner entwickeln Radwege über die Grenze hinweg.\n"
    )
    found = _found("de", text)
    assert ("WaterMill", "Project") in found
    assert ("KLARWEG", "Project") in found


def test_repeated_field_labels_are_no_record_names() -> None:
    text = (
        "Our projects\n\n"
        "Lead PI: Anna de Wit\n"
        "Summary: the project studies sleep in older adults.\n"
        "Lead PI: Mark Jansen\n"
        "Summary: the project studies heart failure in women.\n"
    )
    found = _found("en", text)
    assert not [t for t, _ in found if t in {"Lead PI", "Summary"}], found
