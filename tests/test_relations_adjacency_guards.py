"""Adjacency rules that would read a structure of the sentence as a relation: an acronym
in brackets after a name is that name's short form, not a body it belongs to; an item of
a comma series is not located in the next item. Sentences and names are invented."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import ENTS, relations, triples
else:
    from test_relations import ENTS, relations, triples

_ENTS = {
    **ENTS,
    "Robots": ("robots", "Organisation"),
    "Drones": ("drones", "Organisation"),
    "CRD": ("crd", "Organisation"),
    "Analyse des Robots": ("adr", "Cluster"),
    "ESAR": ("esar", "Organisation"),
    "NRN": ("nrn2", "Organisation"),
    "City of Bruges": ("bruges", "Region"),
}


def test_an_acronym_of_the_words_before_its_bracket_is_no_member() -> None:
    found = relations("Through the Centres for Robots and Drones (CRD) projects start.", _ENTS)
    assert not any(r.type == "MEMBER_OF" for r in found)


def test_an_acronym_in_another_language_order_is_no_member() -> None:
    text = "Ils sont audités par le Secrétariat Européen pour l’Analyse des Robots (ESAR)."
    found = relations(text, _ENTS, lang="fr")
    assert not any(r.type == "MEMBER_OF" for r in found)


def test_a_body_in_brackets_still_holds_its_members() -> None:
    found = relations("The call was opened by Acme Labs (Gamma Institute and NRN).", _ENTS)
    assert {("MEMBER_OF", "gamma", "acme"), ("MEMBER_OF", "nrn2", "acme")} <= triples(found)


def test_an_item_of_a_comma_series_is_not_located_in_the_next_item() -> None:
    text = "The partners are Delta Foundation, Acme Labs, City of Bruges, Beta University."
    found = relations(text, _ENTS)
    assert ("LOCATED_IN", "acme", "bruges") not in triples(found)


def test_a_name_then_its_place_after_a_comma_is_still_located() -> None:
    found = relations("The pilot runs at Acme Labs, Ghent.", _ENTS)
    assert ("LOCATED_IN", "acme", "ghent") in triples(found)
