"""A lead stated by a noun of coordination or management the body takes on or answers
for ("Acme took over the coordination", "Acme neemt de leiding", "Acme übernimmt die
Koordination", "Acme assure la coordination").

Short texts in English, Dutch, German and French written for these tests; the names are
invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, relations, triples
else:
    from test_relations import Entities, relations, triples

ENTS: Entities = {
    "Nordlicht": ("nl", "Project"),
    "Acme Robotics": ("acme", "Organisation"),
    "Beta Instruments": ("beta", "Organisation"),
    "Gamma Hochschule": ("gamma", "Organisation"),
    "Delta Agency": ("delta", "Organisation"),
    "Omega Cluster": ("omega", "Organisation"),
}


def test_english_responsible_for_the_management_of_the_page_project() -> None:
    text = (
        "Nordlicht gets 2 million\n\n"
        "The Nordlicht project builds solar roofs for schools. Its coordination is shared: "
        "Acme Robotics and Beta Instruments are in charge of coordination."
    )
    found = triples(relations(text, ENTS))
    assert {("LEADS", "acme", "nl"), ("LEADS", "beta", "nl")} <= found


def test_english_management_of_something_else_is_no_lead() -> None:
    text = (
        "Nordlicht gets 2 million\n\n"
        "The Nordlicht project builds solar roofs for schools. Delta Agency is responsible "
        "for the management of the regional cluster."
    )
    assert ("LEADS", "delta", "nl") not in triples(relations(text, ENTS))


def test_english_management_of_an_organisation_is_no_lead() -> None:
    text = (
        "Nordlicht gets 2 million\n\n"
        "The Nordlicht project builds solar roofs for schools. Delta Agency takes over the "
        "management of Omega Cluster."
    )
    assert ("LEADS", "delta", "nl") not in triples(relations(text, ENTS))


def test_dutch_body_that_took_on_the_coordination() -> None:
    text = "Acme Robotics neemt de coördinatie van Nordlicht op zich."
    assert ("LEADS", "acme", "nl") in triples(relations(text, ENTS, lang="nl"))


def test_german_body_that_takes_on_the_coordination() -> None:
    text = "Das Projekt Nordlicht baut Solardächer. Die Gamma Hochschule übernimmt die Leitung."
    assert ("LEADS", "gamma", "nl") in triples(relations(text, ENTS, lang="de"))


def test_french_body_that_ensures_the_coordination() -> None:
    text = "Le projet Nordlicht construit des toits solaires. Acme Robotics assure la coordination."
    found = triples(relations(text, ENTS, lang="fr"))
    assert ("LEADS", "acme", "nl") in found


def test_french_management_of_a_region_is_no_lead() -> None:
    text = (
        "Le projet Nordlicht construit des toits solaires. Delta Agency assure la gestion "
        "de la région."
    )
    assert ("LEADS", "delta", "nl") not in triples(relations(text, ENTS, lang="fr"))
