"""Heading text in capitals is no name (``ingest/entities/headings.py``), on made-up text."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _texts(lang: str, text: str) -> set[str]:
    return {s.text for s in entity_spans(lang, text)}


def test_a_heading_in_capitals_gives_no_names() -> None:
    found = _texts(
        "en",
        "ANNUAL REPORT: HOW THE UNIVERSITY RESEARCH CENTRE MAKES A DIFFERENCE\n\n"
        "Acme Robotics works with Velderdam University on the Nordlicht project.",
    )
    assert not any("DIFFERENCE" in t or "UNIVERSITY RESEARCH" in t for t in found), found
    assert "Velderdam University" in found


def test_a_quoted_title_and_an_acronym_in_capitals_stay_names() -> None:
    found = _texts(
        "de",
        "Im Projekt „ZUKUNFT OHNE GRENZEN“ arbeiten die KOMET GmbH und Velderdam zusammen.",
    )
    assert "ZUKUNFT OHNE GRENZEN" in found, found
