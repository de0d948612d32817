"""Partner lists read as their writers mean them: a province or a municipality listed
among the organisations of a project's partners is one more partner, a place in
brackets after a name is not, and a list item the entity recogniser missed (a name in
lower case with a digit, a legal form) does not cut the list. A lead is only what a
lead cue says: the partners named after "Lead partner is A." are partners, not leads.

Short texts written for these tests; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import extract_relations

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc, relations, triples
else:
    from test_relations import Entities, make_doc, relations, triples

DE: Entities = {
    "Nordlicht": ("nl", "Project"),
    "Acme Robotik GmbH": ("acme", "Organisation"),
    "Beta Hochschule": ("beta", "Organisation"),
    "Gamma Werk": ("gamma", "Organisation"),
    "Westmark": ("westmark", "Region"),
    "Ostdorf": ("ostdorf", "Region"),
}

EN: Entities = {
    "Solar Bridge": ("sb", "Project"),
    "Acme Labs": ("acme", "Organisation"),
    "Beta University": ("beta", "Organisation"),
    "Gamma Works": ("gamma", "Organisation"),
    "Eastfield": ("eastfield", "Region"),
    "Riverton": ("riverton", "Region"),
}


def test_places_listed_among_partner_organisations_are_partners() -> None:
    text = (
        "Nordlicht - Das Projekt entwickelt Wasserspeicher für kleine Häfen.\n"
        "Die Projektpartner sind die Provinz Westmark, Acme Robotik GmbH, Beta Hochschule,"
        " Gemeinde Ostdorf und Gamma Werk.\n"
    )
    found = triples(relations(text, DE, lang="de"))
    partners = ("westmark", "acme", "beta", "ostdorf", "gamma")
    assert {("PARTICIPATES_IN", k, "nl") for k in partners} <= found


def test_a_place_in_brackets_after_a_partner_is_where_it_is() -> None:
    text = (
        "Solar Bridge - The project builds floating solar parks.\n"
        "The project partners are Acme Labs (Eastfield), Beta University (Riverton) and"
        " Gamma Works.\n"
    )
    found = triples(relations(text, EN))
    assert {("PARTICIPATES_IN", k, "sb") for k in ("acme", "beta", "gamma")} <= found
    assert not {("PARTICIPATES_IN", k, "sb") for k in ("eastfield", "riverton")} & found


def test_an_unrecognised_lower_case_name_does_not_cut_the_partner_list() -> None:
    text = (
        "Nordlicht - Das Projekt entwickelt Wasserspeicher für kleine Häfen.\n"
        "Die Projektpartner sind Acme Robotik GmbH, zukunft2040 e.V., Beta Hochschule"
        " und Gamma Werk.\n"
    )
    found = triples(relations(text, DE, lang="de"))
    assert {("PARTICIPATES_IN", k, "nl") for k in ("acme", "beta", "gamma")} <= found


def test_a_lower_case_phrase_between_names_still_ends_the_list() -> None:
    text = (
        "Solar Bridge - The project builds floating solar parks.\n"
        "The project partners are Acme Labs, a spin-off of the region, whereas Beta"
        " University only hosts the tests.\n"
    )
    found = triples(relations(text, EN))
    assert ("PARTICIPATES_IN", "acme", "sb") in found
    assert ("PARTICIPATES_IN", "beta", "sb") not in found


def test_a_consortium_made_of_places_and_an_organisation_is_the_page_projects() -> None:
    text = (
        "Nordlicht\n"
        "Das Projekt Nordlicht entwickelt Wasserspeicher für kleine Häfen. Die Zusammenarbeit"
        " besteht aus der Stadt Westmark, der Gemeinde Ostdorf und der Acme Robotik GmbH.\n"
    )
    found = triples(relations(text, DE, lang="de"))
    assert {("PARTICIPATES_IN", k, "nl") for k in ("westmark", "ostdorf", "acme")} <= found


NL: Entities = {
    "Windkracht": ("wk", "Project"),
    "Acme Robotics": ("acme", "Organisation"),
    "Beta Systems": ("beta", "Organisation"),
    "Hogeschool Oostland": ("hso", "Organisation"),
}


def test_partners_named_after_the_lead_partner_are_no_leads() -> None:
    text = (
        "Project Windkracht van start\n\n"
        "Het project Windkracht ontwikkelt stille rotorbladen voor drones. Penvoerder is"
        " Acme Robotics. Daarnaast werken Beta Systems en Hogeschool Oostland mee aan het"
        " project.\n"
    )
    doc, mentions = make_doc(text, NL, lang="nl")
    found = triples(extract_relations(doc, mentions, lang="nl"))
    assert ("LEADS", "acme", "wk") in found
    assert not {("LEADS", k, "wk") for k in ("beta", "hso")} & found


def test_an_organisation_described_by_another_country_ends_the_list() -> None:
    entities: Entities = {
        "Acme Labs": ("acme", "Organisation"),
        "Beta Works": ("beta", "Organisation"),
        "the Netherlands": ("nl", "Region"),
    }
    text = (
        "The Dutch company Acme Labs, the German Beta Works and others met in Ghent."
        " Acme Labs works across the Netherlands.\n"
    )
    found = triples(relations(text, entities))
    assert ("LOCATED_IN", "acme", "nl") in found
    assert ("LOCATED_IN", "beta", "nl") not in found
