"""Relations a page states about a list: a partner label inside running text whose value
is the rest of its sentence or the list on the following lines, and the items of a
field value (what stands in brackets after a name, or a place right after it, belongs
to that item and is no item of its own).

Texts written for these tests; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, relations, triples
else:
    from test_relations import Entities, relations, triples

EN: Entities = {
    "Solar Bridge": ("sb", "Project"),
    "Wind Gate": ("wg", "Project"),
    "Acme Labs": ("acme", "Organisation"),
    "Beta University": ("beta", "Organisation"),
    "Gamma Institute": ("gamma", "Organisation"),
    "Delta Foundation": ("delta", "Organisation"),
    "Epsilon Works": ("eps", "Organisation"),
    "Ghent": ("ghent", "Region"),
    "Bruges": ("bruges", "Region"),
}


def test_partners_listed_after_a_lead_sentence_take_part_in_its_project() -> None:
    text = (
        "Wind Gate is a study of small turbines.\n\n"
        "The Solar Bridge project is run by a consortium of five partners in Ghent and "
        "Bruges:\n\n"
        "Acme Labs (Faculty of Optics and Photonics / Epsilon Works), Beta University, "
        "Gamma Institute and Delta Foundation.\n"
    )
    found = triples(relations(text, EN))
    assert {("PARTICIPATES_IN", k, "sb") for k in ("acme", "beta", "gamma", "delta")} <= found
    # a part named in brackets after a partner is no partner of its own
    assert ("PARTICIPATES_IN", "eps", "sb") not in found
    assert not {r for r in found if r[2] == "wg"}


def test_a_partner_label_in_running_text_holds_its_sentence_only() -> None:
    text = (
        "Solar Bridge - Smart roofs for schools.\n"
        "It is a cooperation between the following parties: Acme Labs, Beta University "
        "and Gamma Institute. Delta Foundation will follow the results.\n"
    )
    found = triples(relations(text, EN))
    assert {("PARTICIPATES_IN", k, "sb") for k in ("acme", "beta", "gamma")} <= found
    assert ("PARTICIPATES_IN", "delta", "sb") not in found


def test_the_place_of_a_listed_partner_is_no_partner() -> None:
    text = "Solar Bridge\n\nPartners\nAcme Labs (Ghent)\nBeta University, Bruges\nGamma Institute\n"
    found = triples(relations(text, EN))
    assert {("PARTICIPATES_IN", k, "sb") for k in ("acme", "beta", "gamma")} <= found
    assert not {("PARTICIPATES_IN", k, "sb") for k in ("ghent", "bruges")} & found


def test_the_place_of_a_lead_partner_field_is_no_lead() -> None:
    text = (
        "Our projects\n"
        "- Solar Bridge: smart roofs (coordinator: Acme Labs)\n"
        "- Wind Gate: small turbines (lead partner: Beta University, Ghent)\n"
    )
    found = triples(relations(text, EN))
    assert {("LEADS", "acme", "sb"), ("LEADS", "beta", "wg")} <= found
    assert ("LEADS", "ghent", "wg") not in found
