"""Which project a budget belongs to on a page of several projects, on mini-pages written
for these tests (invented names and sums)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import extract_budgets
from innograph.ingest.relations.sections import field_budgets
from innograph.ingest.relations.text import DocView

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc

ENTS: Entities = {
    "Korvana": ("kv", "Project"),
    "Brisemer": ("bm", "Project"),
    "Tallprobe": ("tp", "Project"),
    "Moorlicht": ("ml", "Project"),
    "Zandwerk": ("zw", "Project"),
    "Acme Robotics": ("acme", "Organisation"),
    "FEDER": ("feder", "FundingProgramme"),
    "EFRE": ("efre", "FundingProgramme"),
}


def _budgets(text: str, lang: str) -> dict[str, float]:
    doc, mentions = make_doc(text, ENTS, lang=lang)
    return extract_budgets(doc, mentions, lang=lang)


def test_paragraph_of_one_project_among_several_owns_its_budget() -> None:
    text = (
        "Deux nouveaux projets ont été retenus.\n\n"
        "Dans le domaine de l'énergie, Korvana est porté par Acme Robotics. "
        "Il reçoit 800 000 euros du FEDER pour un budget total de 1 300 000 euros.\n\n"
        "Brisemer, de son côté, étudie les digues.\n"
    )
    assert _budgets(text, "fr") == {"kv": 1_300_000}


def test_paragraph_budget_without_programme_or_reference() -> None:
    text = (
        "Two projects start this spring.\n\n"
        "Korvana is led by Acme Robotics and tests recycled concrete. "
        "The total costs come to EUR 2.2 million.\n\n"
        "Brisemer studies dikes.\n"
    )
    assert _budgets(text, "en") == {"kv": 2_200_000}


def test_a_programme_that_gives_no_smaller_sum_owns_the_budget() -> None:
    text = (
        "Korvana is led by Acme Robotics.\n\n"
        "Brisemer studies dikes. The FEDER has a total budget of EUR 90 million.\n"
    )
    assert _budgets(text, "en") == {}


def test_section_heading_under_a_predecessor_mention() -> None:
    text = (
        "Korvana\n"
        "The project builds on the earlier project Tallprobe and scales it up.\n"
        "Lead partner: Acme Robotics\n"
        "Total budget: EUR 1,500,000\n\n"
        "Brisemer\n"
        "Lead partner: Acme Robotics\n"
        "Total budget: EUR 900,000\n"
    )
    assert _budgets(text, "en") == {"kv": 1_500_000, "bm": 900_000}


def test_total_budget_field_on_one_line_per_record() -> None:
    text = (
        "Korvana\n"
        "Lead partner: Acme Robotics\n"
        "Total budget: EUR 2,140,600.00\n\n"
        "Brisemer\n"
        "Lead partner: Acme Robotics\n"
        "Total budget: EUR 986,300.00\n"
    )
    doc, mentions = make_doc(text, ENTS, lang="en")
    assert field_budgets(DocView(doc, mentions)) == {"kv": 2_140_600, "bm": 986_300}


def test_cost_verbs_state_a_budget() -> None:
    assert _budgets("Das Vorhaben Moorlicht kostet 3,2 Millionen Euro.", "de") == {"ml": 3_200_000}
    assert _budgets("Het fieldlab Zandwerk kost 1,8 miljoen euro.", "nl") == {"zw": 1_800_000}
    assert _budgets("De totale projectkost van Zandwerk bedraagt 2,5 miljoen euro.", "nl") == {
        "zw": 2_500_000
    }


def test_a_cue_before_another_noun_states_no_budget() -> None:
    text = (
        "Korvana is led by Acme Robotics. "
        "To cover the total investment need of around EUR 40 million, the regions work together."
    )
    assert _budgets(text, "en") == {}
    assert _budgets("Korvana has a total investment of EUR 4 million.", "en") == {"kv": 4_000_000}
