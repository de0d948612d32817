"""Whose grant or budget a sum is: not a project the page builds on, not the page's
project when another name owns the figure, not a project named only later. On sentences
written for these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_grant_amounts import grant_over
    from innograph.tests.test_relations import ENTS, budgets
else:
    from test_grant_amounts import grant_over
    from test_relations import ENTS, budgets


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


def test_grant_is_not_given_to_a_project_named_only_later() -> None:
    text = (
        "Horizon Europe grants this project EUR 2 million. "
        "In May Acme Labs also joined Solar Bridge."
    )
    assert grant_over(text, "sb", "he") is None
