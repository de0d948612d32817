"""Entity-stage fixes found on invented pages (names made up here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest.extractor import Extractor

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_extractor import _source, extractor
else:
    from test_extractor import _source, extractor

__all__ = ["extractor"]  # the module-scoped fixture, shared with the end-to-end tests


def _entities(extractor: Extractor, text: str, lang: str) -> dict[str, str]:
    facts = extractor.extract(_source(text, f"page.{lang}.txt"), lang=lang)
    return {e.name.rstrip("."): e.type for e in facts.entities}


def test_company_after_door_is_no_person(extractor: Extractor) -> None:
    found = _entities(
        extractor, "Het project Zonnebloem wordt uitgevoerd door Acme Robotics.", "nl"
    )
    assert found.get("Acme Robotics") == "Organisation"


def test_person_after_door_keeps_known_first_name(extractor: Extractor) -> None:
    found = _entities(extractor, "Het plan werd voorgesteld door Pieter Jansen.", "nl")
    assert found.get("Pieter Jansen") == "Person"


@pytest.mark.parametrize("form", ["GmbH", "Ltd", "BV"])
def test_dot_after_legal_form_ends_the_name(extractor: Extractor, form: str) -> None:
    text = f"Die Beta Systems {form}. Acme Robotics und die Firma Gamma arbeiten zusammen."
    found = _entities(extractor, text, "de")
    assert f"Beta Systems {form}" in found
    assert not any("Acme" in name and "Beta" in name for name in found)


def test_english_heading_in_german_text_is_no_person_or_project(extractor: Extractor) -> None:
    text = (
        "Projekt Nordlicht startet\n\nKey Facts\nLaufzeit: 2023 bis 2026\n"
        "Lead-Partner: Hochschule Emsland\n"
    )
    found = _entities(extractor, text, "de")
    assert "Key Facts" not in found


def test_coined_names_opening_item_sentences_under_a_projects_line(extractor: Extractor) -> None:
    text = (
        "Three projects approved\n\nThe approved projects are:\n"
        "- SeaGrid, led by Acme Ports, builds shore power for small ports.\n"
        "- CropLink+ brings together farmers and Beta University to test cover crops.\n"
        "- DigiOrchard pilots digital twins of orchards.\n"
    )
    found = _entities(extractor, text, "en")
    assert {found.get(n) for n in ("SeaGrid", "CropLink+", "DigiOrchard")} == {"Project"}


def test_theme_words_opening_item_sentences_stay_no_projects(extractor: Extractor) -> None:
    text = (
        "Projecten moeten passen binnen een van de thema's:\n"
        "- Waterveiligheid in stedelijk gebied\n- Circulaire bouw met nieuwe materialen\n"
    )
    found = _entities(extractor, text, "nl")
    assert "Waterveiligheid" not in found and "Circulaire" not in found
