"""Grants and budgets of one project, on sentences and mini-pages written for these tests
(Dutch, English, German, French): the number, the project it belongs to, and sums for
several projects refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest.amounts import find_money
from innograph.ingest.relations import extract_relations
from innograph.ingest.relations.amounts import stated_grants
from innograph.ingest.relations.funding import listed_under_programme, most_specific_programmes
from innograph.ingest.relations.lexicon import amount_words
from innograph.ingest.relations.text import DocView
from innograph.ontology.facts import RelationFact

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import ENTS, budgets, make_doc
else:
    from test_relations import ENTS, budgets, make_doc


# ------------------------------------------------------------------------ numbers
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("€ 7.5 mn", 7_500_000),
        ("EUR 3.5mn", 3_500_000),
        ("850 TEUR", 850_000),
        ("850 T€", 850_000),
        ("250 Tsd. Euro", 250_000),
        ("twee miljoen euro", 2_000_000),
        ("anderhalf miljoen euro", 1_500_000),
        ("zwei Millionen Euro", 2_000_000),
        ("eine halbe Million Euro", 500_000),
        ("half a million euros", 500_000),
        ("deux millions d’euros", 2_000_000),
    ],
)
def test_amount_written_with_a_word(text: str, value: float) -> None:
    assert [m.value for m in find_money(text)] == [value]


@pytest.mark.parametrize(
    "text", ["2 Tsd. Besucher", "45 mn de trajet", "twee miljoen inwoners", "one million people"]
)
def test_count_or_time_is_no_amount(text: str) -> None:
    assert find_money(text) == []


# ------------------------------------------------------------------------ grant words
@pytest.mark.parametrize(
    ("word", "is_grant"),
    [
        ("EFRO-subsidie", True),
        ("Projektförderung", True),
        ("subventionnée", True),
        ("EU-Beitrag", True),
        ("subsidiary", False),
        ("fundamental", False),
        ("Lebensmittel", False),
    ],
)
def test_grant_words_are_forms_not_prefixes(word: str, is_grant: bool) -> None:
    assert bool(amount_words("grant").search(word)) is is_grant


# ------------------------------------------------------------------------ one project's grant
def stated(text: str, pairs: list[tuple[str, str]], *, lang: str) -> dict[str, float | None]:
    """The grants ``stated_grants`` gives to FUNDED_BY facts read without one."""
    doc, mentions = make_doc(text, ENTS, lang=lang)
    facts = [
        RelationFact(type="FUNDED_BY", source=s, target=t, evidence="", confidence=0.5)
        for s, t in pairs
    ]
    stated_grants(DocView(doc, mentions), facts)
    return {f.source: f.amount_eur for f in facts}


BOTH = [("sb", "rgf"), ("sb2", "rgf")]


@pytest.mark.parametrize(
    ("text", "lang", "pairs", "grants"),
    [
        (  # the sum before the project it goes to
            "Het Regional Growth Fund steunt twee projecten in de regio.\n\n"
            "Ruim 4,1 miljoen euro gaat naar het project Solar Bridge van Acme Labs. "
            "Verder gaat er 350.000 euro naar Solar Bridge 2 van Beta University.",
            "nl",
            BOTH,
            {"sb": 4_100_000, "sb2": 350_000},
        ),
        (  # the project before the sum it receives, an aside between them
            "The Regional Growth Fund approved two projects.\n\n"
            "Solar Bridge, led by Acme Labs, receives € 1.2 million. "
            "Solar Bridge 2 gets € 800,000.",
            "en",
            BOTH,
            {"sb": 1_200_000, "sb2": 800_000},
        ),
        (  # a pronoun for the project of the sentence before
            "Das Projekt Solar Bridge wird von Acme Labs koordiniert. Es erhält 2,3 Mio. Euro.",
            "de",
            [("sb", "rgf")],
            {"sb": 2_300_000},
        ),
        (  # "the project"
            "Solar Bridge est coordonné par Acme Labs.\n\n"
            "Le projet reçoit 450.000 euros du Regional Growth Fund.",
            "fr",
            [("sb", "rgf")],
            {"sb": 450_000},
        ),
        (  # the share of a pool that goes to the project
            "Von den 74 Mio. Euro gehen 6,7 Mio. Euro an das Projekt Solar Bridge.",
            "de",
            [("sb", "rgf")],
            {"sb": 6_700_000},
        ),
        (  # a Dutch grant decision: the ceiling is the award
            "Gedeputeerde Staten besluiten een subsidie van maximaal € 240.000 te verlenen "
            "aan Acme Labs voor het project Solar Bridge.",
            "nl",
            [("sb", "rgf")],
            {"sb": 240_000},
        ),
    ],
)
def test_grant_given_to_one_project(
    text: str, lang: str, pairs: list[tuple[str, str]], grants: dict[str, float]
) -> None:
    assert stated(text, pairs, lang=lang) == grants


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a partner's share
        ("Solar Bridge partner Acme Labs receives € 200,000.", "en"),
        # a pool the grant is taken from
        ("Solar Bridge will receive a contribution from the € 85 million for the region.", "en"),
        # another funder than the programme
        ("Solar Bridge receives € 2 million from Acme Labs.", "en"),
        ("Solar Bridge krijgt € 2 miljoen van de provincie.", "nl"),
        # the partner named before the project gets it
        ("Acme Labs, partner in Solar Bridge, receives € 200,000.", "en"),
        # two sums
        ("Solar Bridge krijgt € 3 miljoen van Horizon Europe en € 2 miljoen van Belgium.", "nl"),
        # the project only compared with
        ("This € 2 million grant helps observatories like Solar Bridge.", "en"),
        # a ceiling that is no award
        ("Solar Bridge kan tot maximaal € 100.000 krijgen.", "nl"),
        # a pronoun after a sentence about the programme
        ("Regional Growth Fund startete 2021. Es erhält 2,3 Mio. Euro.", "de"),
    ],
)
def test_no_grant_of_the_project(text: str, lang: str) -> None:
    assert stated(text, [("sb", "rgf")], lang=lang) == {"sb": None}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("€ 5 miljoen gaat naar de projecten Solar Bridge en Solar Bridge 2.", "nl"),
        ("4 Mio. Euro fließen in zwölf Projekte, darunter Solar Bridge.", "de"),
        ("Solar Bridge et Solar Bridge 2 reçoivent ensemble 5 millions d’euros.", "fr"),
    ],
)
def test_sum_for_several_projects_is_no_ones_grant(text: str, lang: str) -> None:
    assert set(stated(text, BOTH, lang=lang).values()) == {None}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Drie initiatieven, waaronder Solar Bridge, hebben een totaal budget van € 5 mln.", "nl"),
        ("Three partnerships, Solar Bridge among them, have a total budget of € 5 million.", "en"),
        ("Trois alliances, dont Solar Bridge, ont un budget total de 5 millions d’euros.", "fr"),
        (
            "Die fünf Vorhaben, darunter Solar Bridge, haben ein Gesamtbudget von 5 Mio. Euro.",
            "de",
        ),
    ],
)
def test_budget_of_several_initiatives_is_no_ones(text: str, lang: str) -> None:
    assert budgets(text, ENTS, lang=lang) == {}


def test_singular_vorhaben_keeps_its_budget() -> None:
    text = "Das Vorhaben Solar Bridge hat ein Gesamtbudget von 5 Mio. Euro."
    assert budgets(text, ENTS, lang="de") == {"sb": 5_000_000}


def test_receiving_from_a_programme_states_the_funding() -> None:
    text = (
        "Solar Bridge is coordinated by Acme Labs.\n\n"
        "The project receives € 2 million from Horizon Europe."
    )
    doc, mentions = make_doc(text, ENTS)
    funded = [r for r in extract_relations(doc, mentions, lang="en") if r.type == "FUNDED_BY"]
    assert [(r.source, r.target, r.amount_eur) for r in funded] == [("sb", "he", 2_000_000)]


# ------------------------------------------------------------------------ budgets
def test_budget_field_of_a_record() -> None:
    text = (
        "Solar Bridge\nPenvoerder: Acme Labs\nSubsidie: € 300.000\nBudget: € 600.000\n\n"
        "Solar Bridge 2\nPenvoerder: Beta University\nBudget: € 400.000\n"
    )
    assert budgets(text, ENTS, lang="nl") == {"sb": 600_000, "sb2": 400_000}


# ------------------------------------------------------------------------ listed projects
def listed(text: str, *, lang: str) -> set[tuple[str, str]]:
    doc, mentions = make_doc(text, ENTS, lang=lang)
    return {(f.source, f.target) for f in listed_under_programme(DocView(doc, mentions), [])}


def test_projects_listed_under_their_programme() -> None:
    text = (
        "The projects chosen by the Regional Growth Fund are:\n"
        "- Solar Bridge: a bridge with solar panels.\n"
        "- Acme Labs and Beta University run Solar Bridge 2 for schools.\n"
    )
    assert listed(text, lang="en") == {("sb", "rgf"), ("sb2", "rgf")}


def test_list_under_two_programmes_or_no_projects_says_nothing() -> None:
    two = (
        "Die Projekte von Horizon Europe und Regional Growth Fund:\n"
        "- Solar Bridge\n- Solar Bridge 2\n"
    )
    assert listed(two, lang="de") == set()
    other = "Het Regional Growth Fund in cijfers:\n- Solar Bridge in Ghent\n"
    assert listed(other, lang="nl") == set()


# ------------------------------------------------------------------------ programme families
def test_the_programme_spelled_out_is_the_funder_not_its_family() -> None:
    ents = {
        "Interreg Nordland-Südmark": ("inm", "FundingProgramme"),
        "Interreg": ("ir", "FundingProgramme"),
        "Nordlicht": ("nl", "Project"),
        "Sonnenbrücke": ("sb", "Project"),
    }
    text = "Nordlicht wird von Interreg Nordland-Südmark gefördert. Interreg gibt es seit 1990."
    doc, mentions = make_doc(text, ents, lang="de")
    facts = [
        RelationFact(type="FUNDED_BY", source="nl", target="inm", evidence="x", confidence=0.9),
        RelationFact(type="FUNDED_BY", source="nl", target="ir", evidence="x", confidence=0.9),
        RelationFact(type="FUNDED_BY", source="sb", target="ir", evidence="x", confidence=0.9),
        RelationFact(
            type="FUNDED_BY",
            source="sb",
            target="inm",
            evidence="x",
            confidence=0.9,
            amount_eur=None,
        ),
    ]
    kept = {(f.source, f.target) for f in most_specific_programmes(DocView(doc, mentions), facts)}
    assert kept == {("nl", "inm"), ("sb", "inm")}
    facts[1].amount_eur = 50_000.0  # a grant stated for the family stays
    kept = {(f.source, f.target) for f in most_specific_programmes(DocView(doc, mentions), facts)}
    assert ("nl", "ir") in kept
