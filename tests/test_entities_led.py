"""A name of no stated kind that a lead cue gives a body to lead is a project
(``entities/led.py``), on sentences written here with invented names."""

from __future__ import annotations

from innograph.tests.entity_spans import entity_spans


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_name_before_a_passive_lead_cue_is_a_project() -> None:
    found = _found("en", "MarshGuard is coordinated by Harwell Marine Solutions Ltd from Grimsby.")
    assert ("MarshGuard", "Project") in found
    found = _found(
        "fr",
        "Le plus grand, FerroVal, est porté par la société Métallerie Dubois, basée à Namur.",
    )
    assert ("FerroVal", "Project") in found


def test_a_name_after_an_opening_lead_cue_or_participle_is_a_project() -> None:
    found = _found(
        "en",
        "Led by Korvane University of Applied Sciences in Bergen, BoatWeld trains young"
        " welders in repairing steel hulls.",
    )
    assert ("BoatWeld", "Project") in found
    found = _found("de", "Geleitet wird SalzBrücke von der Harmsen Kältetechnik GmbH aus Leer.")
    assert ("SalzBrücke", "Project") in found


def test_a_name_right_after_an_active_lead_cue_is_a_project() -> None:
    found = _found(
        "fr", "À Lille, le centre technique Textiwest coordonne LinMaille, qui réunit trois usines."
    )
    assert ("LinMaille", "Project") in found


def test_a_body_led_by_a_person_stays_an_organisation() -> None:
    found = _found("en", "Acme Holding is led by Jane Doe, its chief executive.")
    assert ("Acme Holding", "Organisation") in found


def test_a_name_heading_a_record_of_a_project_is_a_project() -> None:
    found = _found(
        "en",
        "Three applications were approved by the Interreg North Sea programme.\n\n"
        "MARWELD - repairing steel hulls\n"
        "The lead partner is the Vestland Maritime Academy in Bergen.\n",
    )
    assert ("MARWELD", "Project") in found
    found = _found(
        "nl",
        "Nieuwe projecten in het programma Interreg Vlaanderen-Nederland\n\n"
        "VeenKracht - natte teelt op veen\n"
        "Penvoerder is de provincie Friesland. Partners zijn Waterschap Veldermeer en Veenbedrijf"
        " Smit.\n",
    )
    assert ("VeenKracht", "Project") in found


def test_a_body_heading_its_own_record_stays_an_organisation() -> None:
    found = _found(
        "en",
        "Our members\n\nHarwell Marine Ltd\n"
        "As coordinator of two projects, Harwell Marine Ltd is our most active member.\n",
    )
    assert ("Harwell Marine Ltd", "Organisation") in found
