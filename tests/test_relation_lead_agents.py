"""A lead cue's ends checked against the parse of its clause (``relations.agents``).

English sentences written for these tests; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import _rule_relations, _view
from innograph.ingest.relations.text import DocView

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc, relations, triples
else:
    from test_relations import Entities, make_doc, relations, triples

EN: Entities = {
    "Acme Robotics": ("acme", "Organisation"),
    "Beta Instruments": ("beta", "Organisation"),
    "Gamma University": ("gamma", "Organisation"),
    "Delta Agency": ("delta", "Organisation"),
    "Nordlicht": ("nl", "Project"),
    "Solar Bridge": ("sb", "Project"),
}


def test_conjoined_lead_verb_keeps_the_subject_as_leader() -> None:
    text = (
        "Acme Robotics runs a test lab for Beta Instruments and coordinates the Solar Bridge "
        "project."
    )
    found = triples(relations(text, EN))
    assert ("LEADS", "beta", "sb") not in found
    assert ("LEADS", "acme", "sb") in found


def test_passive_lead_of_another_noun_is_no_lead_of_the_project() -> None:
    text = (
        "The Nordlicht partners took part in a survey launched by Delta Agency in March, "
        "which ran for two weeks."
    )
    doc, mentions = make_doc(text, EN)
    found = triples(relations(text, EN))
    assert ("LEADS", "delta", "nl") not in found
    view: DocView = _view(doc, mentions)
    _rule_relations(view, "en")
    assert ("delta", "nl") in view.vetoed_leads


def test_passive_lead_of_the_project_stands() -> None:
    text = "The Nordlicht project will be coordinated by Gamma University from next year."
    assert ("LEADS", "gamma", "nl") in triples(relations(text, EN))


def test_active_lead_verb_with_its_subject_stands() -> None:
    text = "Gamma University coordinates Nordlicht and Solar Bridge."
    found = triples(relations(text, EN))
    assert {("LEADS", "gamma", "nl"), ("LEADS", "gamma", "sb")} <= found
