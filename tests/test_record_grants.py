"""Grants read from a project's record fields and from lists of projects with a sum
each, on mini-pages written for these tests (invented names and sums)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import extract_relations, propose_relations
from innograph.ingest.relations.amounts import stated_grants
from innograph.ingest.relations.fields import field_lines
from innograph.ingest.relations.funding import listed_grants
from innograph.ingest.relations.sections import field_budgets
from innograph.ingest.relations.text import DocView
from innograph.ontology.facts import RelationFact

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc

ENTS: Entities = {
    "Nordlicht": ("nl", "Project"),
    "Sonnenbrücke": ("sb", "Project"),
    "Acme Robotics": ("acme", "Organisation"),
    "Interreg Nordland-Südmark": ("inm", "FundingProgramme"),
    "FEDER": ("feder", "FundingProgramme"),
    "Harbour Innovation Fund": ("hif", "FundingProgramme"),
}


def _funded(pairs: list[tuple[str, str]]) -> list[RelationFact]:
    return [
        RelationFact(type="FUNDED_BY", source=s, target=t, evidence="", confidence=0.5)
        for s, t in pairs
    ]


def _grants(
    text: str, pairs: list[tuple[str, str]], *, lang: str, drop_first: bool = False
) -> dict[tuple[str, str], float | None]:
    """The grants the record and list readers give to FUNDED_BY facts without one;
    ``drop_first`` leaves out the first mention (a name the entity stage missed)."""
    doc, mentions = make_doc(text, ENTS, lang=lang)
    if drop_first:
        mentions = mentions[1:]
    facts = _funded(pairs)
    view = DocView(doc, mentions)
    stated_grants(view, facts)
    listed_grants(view, facts)
    return {(f.source, f.target): f.amount_eur for f in facts}


def test_field_label_naming_one_of_two_programmes() -> None:
    text = (
        "Projet : Nordlicht\nChef de file : Acme Robotics\nBudget total : 980.000 €\n"
        "Subvention FEDER : 490.000 €\nProgramme : Interreg Nordland-Südmark\n"
    )
    grants = _grants(text, [("nl", "inm"), ("nl", "feder")], lang="fr")
    assert grants == {("nl", "inm"): None, ("nl", "feder"): 490_000}


def test_field_label_naming_a_programme_by_its_first_word() -> None:
    text = (
        "Nordlicht\n\nNordlicht wordt gesteund door FEDER en Interreg Nordland-Südmark.\n\n"
        "Looptijd: 2024 - 2027\nPenvoerder: Acme Robotics\n"
        "Toegekende subsidie Interreg: € 1.234.567,89\n"
    )
    grants = _grants(text, [("nl", "inm"), ("nl", "feder")], lang="nl")
    assert grants == {("nl", "inm"): 1_234_567.89, ("nl", "feder"): None}


def test_field_under_a_heading_the_entity_stage_missed() -> None:
    text = (
        "Projecten\n\nNordlicht\n\nHet project Nordlicht bouwt warmtenetten.\n\n"
        "Penvoerder: Acme Robotics\nLooptijd: 2024 - 2026\nEU-bijdrage: € 617.283,50\n\n"
        "Sonnenbrücke\n\nHet project Sonnenbrücke legt zonnepanelen op bruggen.\n\n"
        "Penvoerder: Acme Robotics\nEU-bijdrage: € 250.000\n"
    )
    grants = _grants(text, [("nl", "inm"), ("sb", "inm")], lang="nl", drop_first=True)
    assert grants == {("nl", "inm"): 617_283.5, ("sb", "inm"): 250_000}


def test_list_of_projects_with_a_grant_each() -> None:
    text = (
        "The Harbour Innovation Fund approved three projects with a total contribution of "
        "EUR 4 million:\n\n- Nordlicht: EUR 1,450,000\n- Sonnenbrücke: EUR 980,000\n"
    )
    grants = _grants(text, [("nl", "hif"), ("sb", "hif")], lang="en")
    assert grants == {("nl", "hif"): 1_450_000, ("sb", "hif"): 980_000}


def test_list_under_a_total_budget_or_with_caps_gives_no_grant() -> None:
    budgets = (
        "Projects of the Harbour Innovation Fund, with a total budget of EUR 9 million:\n\n"
        "- Nordlicht: EUR 6,000,000\n- Sonnenbrücke: EUR 3,000,000\n"
    )
    pairs = [("nl", "hif"), ("sb", "hif")]
    assert set(_grants(budgets, pairs, lang="en").values()) == {None}
    caps = (
        "Die folgenden Projekte erhalten eine Förderung aus dem Harbour Innovation Fund:\n\n"
        "- Nordlicht: bis zu 25.000 Euro\n- Sonnenbrücke: 10.000 Euro pro Jahr\n"
    )
    assert set(_grants(caps, pairs, lang="de").values()) == {None}


def test_german_programme_field_states_the_funding() -> None:
    text = (
        "Projekt: Nordlicht\n\nLeadpartner: Acme Robotics\nLaufzeit: 2024 - 2027\n"
        "Programm: Interreg Nordland-Südmark\n"
    )
    doc, mentions = make_doc(text, ENTS, lang="de")
    found = {(r.type, r.source, r.target) for r in propose_relations(doc, mentions, lang="de")}
    assert ("FUNDED_BY", "nl", "inm") in found


def test_label_above_its_sum_in_a_record() -> None:
    text = (
        "Project Nordlicht\n\nPenvoerder\nAcme Robotics\n\nTotale projectkosten\n"
        "€ 1.800.000\n\nSubsidie Harbour Innovation Fund\n€ 720.000\n"
    )
    assert _grants(text, [("nl", "hif")], lang="nl") == {("nl", "hif"): 720_000}
    doc, mentions = make_doc(text, ENTS, lang="nl")
    assert field_budgets(DocView(doc, mentions)) == {"nl": 1_800_000}


def test_sums_above_their_labels_are_no_fields() -> None:
    text = (
        "Het fonds steunt bedrijven in de regio.\n\n€ 5.400.000\nVerleende subsidie\n"
        "€ 12.300.000\nInvesteringen\n"
    )
    assert [t for *_, t in field_lines(text)] == []
    lines = "Totaal budget\n€ 2.000.000\nEFRO-bijdrage\n€ 800.000 (40%)\n"
    assert [lines[lo:hi] for lo, _, hi, _ in field_lines(lines)] == [
        "Totaal budget\n€ 2.000.000",
        "EFRO-bijdrage\n€ 800.000 (40%)",
    ]


def test_french_par_before_an_article_names_the_funder_not_a_rate() -> None:
    text = (
        "Doté d'un budget de 1,8 million d'euros, le projet Nordlicht est cofinancé à "
        "hauteur de 900.000 euros par le Harbour Innovation Fund."
    )
    doc, mentions = make_doc(text, ENTS, lang="fr")
    funded = {
        (r.source, r.target): r.amount_eur
        for r in extract_relations(doc, mentions, lang="fr")
        if r.type == "FUNDED_BY"
    }
    assert funded == {("nl", "hif"): 900_000}
    rate = "Le projet Nordlicht reçoit du Harbour Innovation Fund 50.000 euros par an."
    doc, mentions = make_doc(rate, ENTS, lang="fr")
    assert all(r.amount_eur is None for r in extract_relations(doc, mentions, lang="fr"))


def test_programme_budget_above_one_project_it_funds_is_not_the_projects() -> None:
    text = (
        "Harbour Innovation Fund 2021-2027\n\nHet fonds steunt innovatie in de havens.\n"
        "Budget\n€ 241.000.000\n\nEen van de projecten is Nordlicht van Acme Robotics.\n"
    )
    doc, mentions = make_doc(text, ENTS, lang="nl")
    assert field_budgets(DocView(doc, mentions)) == {}


def test_programme_key_figures_are_not_the_one_projects_grant() -> None:
    text = (
        "Het Harbour Innovation Fund steunt onder meer het project Nordlicht.\n\n"
        "Programma: Harbour Innovation Fund\nLooptijd: 2021 - 2027\n"
        "EFRO-bijdrage: € 300.000.000\n"
    )
    assert _grants(text, [("nl", "hif")], lang="nl") == {("nl", "hif"): None}
