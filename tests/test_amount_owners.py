"""Whose grant or budget a sum is: the share after "davon", a predecessor, a name that
owns the figure, a giver named before a grant word, a project named only later. On
sentences written for these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations.amounts import stated_grants
from innograph.ingest.relations.text import DocView
from innograph.ontology.facts import RelationFact

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_grant_amounts import grant_over
    from innograph.tests.test_relations import ENTS, budgets, make_doc
else:
    from test_grant_amounts import grant_over
    from test_relations import ENTS, budgets, make_doc

GIVER = {**ENTS, "European Union": ("eu", "Organisation")}


def test_share_written_before_davon_is_no_budget() -> None:
    text = (
        "Das Vorhaben Solar Bridge kostet 800.000 Euro, 300.000 Euro davon kommen aus "
        "Horizon Europe."
    )
    assert budgets(text, ENTS, lang="de") == {}


def test_whole_before_comma_davon_is_the_budget() -> None:
    text = (
        "Das Gesamtbudget von Solar Bridge beträgt 800.000 Euro, davon 300.000 Euro aus "
        "Horizon Europe."
    )
    assert budgets(text, ENTS, lang="de") == {"sb": 800000}


def test_whole_before_semicolon_daarvan_is_the_budget() -> None:
    text = (
        "De totale begroting van Solar Bridge bedraagt 900.000 euro; daarvan komt 400.000 "
        "euro uit Horizon Europe."
    )
    assert budgets(text, ENTS, lang="nl") == {"sb": 900000}


def test_the_project_is_not_the_one_it_builds_on() -> None:
    text = (
        "Solar Bridge 2 is led by Acme Labs. The total budget of the project is EUR 3 "
        "million. The project builds on the earlier project Solar Bridge."
    )
    assert budgets(text, ENTS) == {"sb2": 3000000}


def test_budget_of_a_name_opening_the_sentence_is_its_own() -> None:
    text = (
        "Solar Bridge is coordinated by Acme Labs. Acme Labs has a total budget of EUR 9 million."
    )
    assert budgets(text, ENTS) == {}


def test_the_project_does_not_point_forward() -> None:
    text = (
        "The total budget of the project is EUR 2 million.\n\n"
        "In May Acme Labs joined Solar Bridge as a partner."
    )
    assert budgets(text, ENTS) == {}


def test_giver_named_before_the_grant_word_is_no_partner() -> None:
    text = (
        "Solar Bridge started in May.\n\nThe project was funded under Horizon Europe with "
        "a European Union contribution of EUR 2 million."
    )
    doc, mentions = make_doc(text, GIVER)
    fact = RelationFact(type="FUNDED_BY", source="sb", target="he", evidence="", confidence=0.5)
    stated_grants(DocView(doc, mentions), [fact])
    assert fact.amount_eur == 2000000


def test_grant_is_not_given_to_a_project_named_only_later() -> None:
    text = (
        "Horizon Europe grants this project EUR 2 million. "
        "In May Acme Labs also joined Solar Bridge."
    )
    assert grant_over(text, "sb", "he") is None
