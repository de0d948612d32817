"""LOCATED_IN read from how an organisation and its place are named (invented sentences)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest import relations as relations_module
from innograph.ingest.relations import extract_relations
from innograph.ingest.relations.model import RelationModel

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc, relations, triples
else:
    from test_relations import Entities, make_doc, relations, triples

ENTS: Entities = {
    "Acme Robotics": ("acme", "Organisation"),
    "Beta Hogeschool": ("beta", "Organisation"),
    "Gamma Werke": ("gamma", "Organisation"),
    "Delta Labs": ("delta", "Organisation"),
    "Netherlands": ("nl", "Region"),
    "Nederland": ("nl", "Region"),
    "Niederlanden": ("nl", "Region"),
    "Belgium": ("be", "Region"),
    "Pays-Bas": ("nl", "Region"),
    "Ghent": ("ghent", "Region"),
    "NEWSTOWN": ("nt", "Region"),
    "Lindholm": ("lh", "Region"),
}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "The project joins the Dutch company Acme Robotics. It tests in the Netherlands.",
            "en",
            {("acme", "nl")},
        ),
        (
            "It brings together the Belgian universities Acme Robotics and Delta Labs. "
            "Belgium pays half.",
            "en",
            {("acme", "be"), ("delta", "be")},
        ),
        (
            "Ingenieure arbeiten mit der niederländischen Firma Gamma Werke. "
            "Die Anlage steht in den Niederlanden.",
            "de",
            {("gamma", "nl")},
        ),
        (
            "Le projet associe l'entreprise néerlandaise Acme Robotics. Les Pays-Bas financent.",
            "fr",
            {("acme", "nl")},
        ),
    ],
)
def test_an_adjective_of_a_country_places_the_organisation(
    text: str, lang: str, expected: set[tuple[str, str]]
) -> None:
    found = {(s, t) for r, s, t in triples(relations(text, ENTS, lang=lang)) if r == "LOCATED_IN"}
    assert expected <= found


def test_no_adjective_place_without_the_place_named() -> None:
    text = "The project joins the German company Acme Robotics in Ghent."
    found = triples(relations(text, ENTS, lang="en"))
    assert ("LOCATED_IN", "acme", "ghent") in found
    assert not any(t != "ghent" for r, _, t in found if r == "LOCATED_IN")


def test_a_dash_names_a_place_only_at_the_end_of_an_item() -> None:
    listed = "Partners: Acme Robotics – Ghent, Delta Labs – Belgium and Beta Hogeschool."
    found = triples(relations(listed, ENTS, lang="en"))
    assert {("LOCATED_IN", "acme", "ghent"), ("LOCATED_IN", "delta", "be")} <= found
    running = "Beta Hogeschool – Nederland kent veel regionale programma's."
    assert not any(r == "LOCATED_IN" for r, _, _ in triples(relations(running, ENTS, lang="nl")))


def test_a_place_with_a_possessive_is_no_place_of_the_organisation() -> None:
    text = "Delta Labs in Ghent – Belgium's robotics hub – will grow."
    found = triples(relations(text, ENTS, lang="en"))
    assert ("LOCATED_IN", "delta", "ghent") in found
    assert ("LOCATED_IN", "delta", "be") not in found


def test_a_news_dateline_places_no_agency() -> None:
    text = "NEWSTOWN (Acme Robotics) - The region gets new funds for robots."
    assert not any(r == "LOCATED_IN" for r, _, _ in triples(relations(text, ENTS, lang="en")))
    text = "The partners of Lindholm (Acme Robotics) met."
    assert ("LOCATED_IN", "acme", "lh") in triples(relations(text, ENTS, lang="en"))


def test_the_union_is_placed_only_where_a_rule_reads_it() -> None:
    ents: Entities = {
        "European Commission": ("ec", "Organisation"),
        "Europe": ("europe", "Region"),
        "Brussels": ("bxl", "Region"),
    }
    text = "The European Commission wants Europe to grow. Europe answers."
    doc, mentions = make_doc(text, ents)
    assert not any(
        r.type == "LOCATED_IN" and r.source == "ec"
        for r in extract_relations(doc, mentions, lang="en")
    )
    text = "The European Commission in Brussels wants more."
    doc, mentions = make_doc(text, ents)
    assert ("LOCATED_IN", "ec", "bxl") in triples(extract_relations(doc, mentions, lang="en"))


def test_the_union_is_no_partner_or_member_by_the_model_alone() -> None:
    ents: Entities = {
        "European Union": ("eu", "Organisation"),
        "Nordlicht": ("nl", "Project"),
        "Acme Robotics": ("acme", "Organisation"),
        "Velder Network": ("vn", "Organisation"),
    }
    text = (
        "Nordlicht is one of the largest projects the European Union has funded. "
        "Acme Robotics and the European Union spoke at the Velder Network day."
    )
    doc, mentions = make_doc(text, ents)
    found = triples(extract_relations(doc, mentions, lang="en"))
    assert not {t for t in found if t[1] == "eu" and t[0] in ("PARTICIPATES_IN", "MEMBER_OF")}
    text = "The European Union is a partner in Nordlicht."
    doc, mentions = make_doc(text, ents)
    assert ("PARTICIPATES_IN", "eu", "nl") in triples(extract_relations(doc, mentions, lang="en"))


def test_a_country_is_a_partner_only_where_a_rule_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # a model that keeps every candidate: only the guard stands between it and the pair
    eager = RelationModel({}, 5.0, {}, 0.5, {})
    monkeypatch.setattr(relations_module, "relation_model", lambda: eager)
    ents: Entities = {
        "Nordlicht": ("nord", "Project"),
        "Niederlanden": ("nl", "Region"),
        "Deutschland": ("de", "Region"),
        "Gemeinde Velden": ("velden", "Region"),
        "Netherlands": ("nl", "Region"),
    }
    text = (
        "Das Projekt Nordlicht verbindet Betriebe in den Niederlanden und in Deutschland. "
        "Die Gemeinde Velden stellt dafür Flächen bereit."
    )
    doc, mentions = make_doc(text, ents)
    found = triples(extract_relations(doc, mentions, lang="de"))
    assert not {t for t in found if t[0] == "PARTICIPATES_IN" and t[1] in ("nl", "de")}
    assert ("PARTICIPATES_IN", "velden", "nord") in found  # a municipality may be one
    doc, mentions = make_doc("The Netherlands is a partner in Nordlicht.", ents)
    assert ("PARTICIPATES_IN", "nl", "nord") in triples(extract_relations(doc, mentions, lang="en"))
