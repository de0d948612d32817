"""Which amount of a passage is a project's grant, on sentences written for these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest.relations.amounts import attach_grants, stated_grants
from innograph.ingest.relations.rules import Found
from innograph.ingest.relations.text import DocView
from innograph.ontology.facts import RelationFact

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import ENTS, budgets, make_doc
else:
    from test_relations import ENTS, budgets, make_doc


def grant_over(text: str, source: str, target: str, *, lang: str = "en") -> float | None:
    """The grant set on a FUNDED_BY read over the whole passage (as the model's
    relations are, from the sentence of one end to that of the other)."""
    doc, mentions = make_doc(text, ENTS, lang=lang)
    view = DocView(doc, mentions)
    ref = {r.key: r for r in view.refs}
    found = Found(
        type="FUNDED_BY",
        source=ref[source],
        target=ref[target],
        confidence=0.5,
        region=(0, len(text)),
        evidence=text,
    )
    attach_grants(view, [found])
    return found.amount_eur


def test_grant_is_stated_with_its_programme() -> None:
    text = (
        "Solar Bridge is funded by Horizon Europe. "
        "This € 2 million grant also helps Acme Labs with its own plans."
    )
    assert grant_over(text, "sb", "he") is None


def test_amount_without_a_grant_word_is_not_a_grant() -> None:
    text = "Horizon Europe supports Solar Bridge. About € 3 million goes to Solar Bridge."
    assert grant_over(text, "sb", "he") is None


def test_programme_budget_is_not_a_projects_grant() -> None:
    text = "Horizon Europe has an ERDF-budget of € 90 million. Solar Bridge is funded by it."
    assert grant_over(text, "sb", "he") is None


def test_share_of_a_whole_from_the_programme_is_the_grant() -> None:
    text = (
        "Das Vorhaben Solar Bridge startet im Mai. Die Laufzeit beträgt drei Jahre, die Kosten "
        "betragen 800.000 €, wovon 400.000 € aus Horizon Europe kommen."
    )
    assert grant_over(text, "sb", "he", lang="de") == 400000


def test_whole_before_of_which_is_the_budget() -> None:
    text = (
        "Das Investitionsvolumen von Solar Bridge beträgt insgesamt 600.000 €, "
        "wovon 300.000 € aus Horizon Europe kommen."
    )
    assert budgets(text, ENTS, lang="de") == {"sb": 600000}
    assert grant_over(text, "sb", "he", lang="de") == 300000


def test_sum_given_to_each_is_no_budget() -> None:
    text = (
        "Solar Bridge et deux autres alliances recevront un budget de 5 millions d’euros chacune."
    )
    assert budgets(text, ENTS, lang="fr") == {}


def test_budget_in_a_section_belongs_to_its_heading_project() -> None:
    text = (
        "Projekt Solar Bridge\n\nDas Projekt Solar Bridge baut eine Brücke.\n\n"
        "Die Laufzeit endet 2027 und das Investitionsvolumen beträgt 500.000 €.\n\n"
        "Projekt Solar Bridge 2\n\nSolar Bridge 2 baut zwei Brücken.\n"
    )
    assert budgets(text, ENTS, lang="de") == {"sb": 500000}


def test_section_ends_where_another_project_is_named() -> None:
    text = (
        "Projekt Solar Bridge\n\nDas Projekt Solar Bridge baut eine Brücke, wie Solar Bridge 2.\n\n"
        "Das Investitionsvolumen beträgt 500.000 €.\n"
    )
    assert budgets(text, ENTS, lang="de") == {}


def stated(text: str, pairs: list[tuple[str, str]], *, lang: str = "en") -> dict[str, float | None]:
    """The grants ``stated_grants`` gives to FUNDED_BY facts read without one."""
    doc, mentions = make_doc(text, ENTS, lang=lang)
    facts = [
        RelationFact(type="FUNDED_BY", source=s, target=t, evidence="", confidence=0.5)
        for s, t in pairs
    ]
    stated_grants(DocView(doc, mentions), facts)
    return {f.source: f.amount_eur for f in facts}


def test_sentence_naming_both_ends_states_the_grant() -> None:
    text = "Intro.\n\nSolar Bridge receives 2 million from Horizon Europe for its pilots."
    assert stated(text, [("sb", "he")]) == {"sb": 2000000}


def test_sentence_naming_two_projects_states_no_ones_grant() -> None:
    text = "Solar Bridge and Solar Bridge 2 receive € 2 million from Horizon Europe."
    assert stated(text, [("sb", "he"), ("sb2", "he")]) == {"sb": None, "sb2": None}


def test_record_fields_belong_to_their_own_project() -> None:
    text = (
        "Solar Bridge\n"
        "- Start: 2024\n"
        "- EU contribution for the whole project: € 900.000\n"
        "- EU contribution to Acme Labs: € 200.000\n"
        "\n"
        "Solar Bridge 2\n"
        "- Toegekende subsidie: € 300.000\n"
    )
    pairs = [("sb", "he"), ("sb2", "rgf")]
    assert stated(text, pairs) == {"sb": 900000, "sb2": 300000}


def test_record_field_cap_is_no_grant() -> None:
    text = "Solar Bridge\n- Maximum subsidy: € 300.000\n"
    assert stated(text, [("sb", "rgf")]) == {"sb": None}


def test_sum_for_several_projects_is_no_ones_figure() -> None:
    text = "Horizon Europe geeft 12 projecten, waaronder Solar Bridge, samen € 4 miljoen subsidie."
    assert grant_over(text, "sb", "he", lang="nl") is None
    assert (
        budgets(
            "Twaalf projecten, zoals Solar Bridge, hebben een totaal budget van € 4 miljoen.",
            ENTS,
            lang="nl",
        )
        == {}
    )


def test_unnamed_figure_of_a_programme_sentence_is_no_project_budget() -> None:
    text = (
        "Solar Bridge bouwt een brug.\n\n"
        "Met Horizon Europe wordt in totaal 300 miljoen euro geïnvesteerd in de regio."
    )
    assert budgets(text, ENTS, lang="nl") == {}


def test_contributors_parts_are_no_total() -> None:
    text = (
        "Solar Bridge bouwt een brug. In totaal wordt 3 miljoen door de staat en "
        "2 miljoen door de regio geïnvesteerd."
    )
    assert budgets(text, ENTS, lang="nl") == {}


def test_project_written_but_not_tagged_still_names_the_project() -> None:
    text = "Solar Bridge\n\nSolar Bridge krijgt een bijdrage van € 40.000 van Horizon Europe."
    doc, mentions = make_doc(text, ENTS, lang="nl")
    kept = [m for m in mentions if not (m.key == "sb" and m.span.start_char > 0)]
    view = DocView(doc, kept)
    ref = {r.key: r for r in view.refs}
    lo = text.index("Solar Bridge krijgt")
    found = Found(
        type="FUNDED_BY",
        source=ref["sb"],
        target=ref["he"],
        confidence=0.5,
        region=(lo, len(text)),
        evidence=text[lo:],
    )
    attach_grants(view, [found])
    assert found.amount_eur == 40000


def test_record_field_is_not_the_grant_of_a_partner_named_in_the_record() -> None:
    text = "Solar Bridge 2\nLead partner: Solar Bridge\nHorizon Europe subsidy: € 70.000\n"
    # the entity stage may type a partner as a project: the field stays its record's
    assert grant_over(text, "sb", "he") is None
    assert grant_over(text, "sb2", "he") == 70000


def test_the_programme_refers_to_no_project_budget() -> None:
    text = (
        "Solar Bridge bouwt een brug.\n\n"
        "Het programma Horizon Europe kreeg een totaal budget van 150 miljoen euro."
    )
    assert budgets(text, ENTS, lang="nl") == {}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Le budget total de Solar Bridge s'élève à 900.000 €, dont 450.000 € de "
            "Horizon Europe.",
            "fr",
        ),
        (
            "Die Gesamtkosten von Solar Bridge betragen 900.000 Euro, davon 450.000 Euro "
            "aus Horizon Europe.",
            "de",
        ),
        ("Solar Bridge costs € 900,000 in total, of which € 450,000 from Horizon Europe.", "en"),
        (
            "Solar Bridge heeft een totale begroting van € 900.000, waarvan € 450.000 "
            "uit Horizon Europe.",
            "nl",
        ),
    ],
)
def test_whole_and_programme_share(text: str, lang: str) -> None:
    assert budgets(text, ENTS, lang=lang) == {"sb": 900000}
    assert grant_over(text, "sb", "he", lang=lang) == 450000


def test_figure_referring_back_to_several_projects_is_no_ones_budget() -> None:
    # the sentence the figure refers back to speaks of projects in the plural
    several = (
        "The jury chose new projects, Solar Bridge among them.\n\n"
        "Together they have a total budget of € 5 million."
    )
    assert budgets(several, ENTS) == {}
    one = "The jury chose Solar Bridge.\n\nIt has a total budget of € 5 million."
    assert budgets(one, ENTS) == {"sb": 5000000}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Solar Bridge will receive a contribution from the 85 million euros that "
            "Horizon Europe set aside for the region.",
            "en",
        ),
        (
            "Solar Bridge krijgt een bijdrage uit de 85 miljoen euro die Horizon Europe "
            "voor de regio vrijmaakt.",
            "nl",
        ),
        (
            "Solar Bridge erhält einen Zuschuss aus den 85 Millionen Euro, die Horizon "
            "Europe für die Region bereitstellt.",
            "de",
        ),
    ],
)
def test_pool_a_grant_is_taken_from_is_not_the_grant(text: str, lang: str) -> None:
    assert grant_over(text, "sb", "he", lang=lang) is None


def test_grant_sentence_beats_a_pool_sentence() -> None:
    text = (
        "Solar Bridge receives 2 million from Horizon Europe\n\n"
        "Solar Bridge will receive a contribution from the 85 million euros that Horizon "
        "Europe set aside for the region."
    )
    assert grant_over(text, "sb", "he") is None  # the pool's sentence gives no grant
    assert stated(text, [("sb", "he")]) == {"sb": 2000000}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Acme Labs will coordinate Solar Bridge, a four-year project on storage. "
            "The Commission has awarded the consortium a grant of € 3.2 million under "
            "Horizon Europe.",
            "en",
        ),
        (
            "Acme Labs coördineert Solar Bridge, een project over opslag. Het consortium "
            "ontvangt een subsidie van 3,2 miljoen euro uit Horizon Europe.",
            "nl",
        ),
    ],
)
def test_the_consortium_receiving_a_grant_is_the_project_just_named(text: str, lang: str) -> None:
    assert stated(text, [("sb", "he")], lang=lang) == {"sb": 3_200_000}


def test_the_consortium_after_two_projects_receives_no_ones_grant() -> None:
    text = (
        "Solar Bridge and Solar Bridge 2 started this year. "
        "The consortium receives a grant of € 3.2 million from Horizon Europe."
    )
    assert stated(text, [("sb", "he"), ("sb2", "he")]) == {"sb": None, "sb2": None}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the verb stands before the project: the funder as subject
        (
            "Solar Bridge started in May. Horizon Europe supports the project with € 1.2 million.",
            "en",
        ),
        (
            "Solar Bridge startet im Mai. Horizon Europe fördert das Vorhaben mit "
            "1,2 Millionen Euro.",
            "de",
        ),
    ],
)
def test_grant_verb_away_from_the_gap_still_gives_the_project_its_grant(
    text: str, lang: str
) -> None:
    assert stated(text, [("sb", "he")], lang=lang) == {"sb": 1_200_000}


@pytest.mark.parametrize(
    "text",
    [
        # the sentence before refers to the project, not by its name
        "Solar Bridge a démarré en mai. Le projet est piloté par Acme Labs. "
        "Il reçoit 1 200 000 euros de Horizon Europe.",
        # the sentence before names the project first, then its programme
        "Le projet Solar Bridge a été retenu au titre de Horizon Europe. "
        "Il bénéficie d'une subvention de 1 200 000 euros.",
    ],
)
def test_pronoun_after_a_sentence_about_the_project_receives_its_grant(text: str) -> None:
    assert stated(text, [("sb", "he")], lang="fr") == {"sb": 1_200_000}


def test_pronoun_after_a_programme_sentence_is_the_programme() -> None:
    text = "Horizon Europe finance Solar Bridge. Il dispose d'une subvention de 90 000 000 euros."
    assert stated(text, [("sb", "he")], lang="fr") == {"sb": None}
