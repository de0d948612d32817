"""Relation extraction on short Dutch sentences (plus a few French and German ones).

The Docs come from a blank pipeline with a sentencizer (no parse), as the extractor
builds them for these languages: the rules must work on tokens and sentences alone.
The names are invented for these tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, budgets, one, relations, triples
else:
    from test_relations import Entities, budgets, one, relations, triples

NL: Entities = {
    "Zonnebrug": ("zb", "Project"),
    "Zonnebrug 2": ("zb2", "Project"),
    "Hogeschool Noord": ("hn", "Organisation"),
    "Bedrijf Oost": ("bo", "Organisation"),
    "Stad West": ("sw", "Organisation"),
    "Netwerk Zuid": ("nz", "Cluster"),
    "EFRO": ("efro", "FundingProgramme"),
    "Fonds Kustregio": ("fk", "FundingProgramme"),
    "Gent": ("gent", "Region"),
    "Antwerpen": ("antw", "Region"),
    "Jan Peeters": ("jan", "Person"),
    "Lentedagen": ("ld", "Event"),
}


def nl(text: str) -> set[tuple[str, str, str]]:
    return triples(relations(text, NL, lang="nl"))


# ----------------------------------------------------------------------------- LEADS
@pytest.mark.parametrize(
    "text",
    [
        "Het project Zonnebrug wordt gecoördineerd door Hogeschool Noord.",
        "Zonnebrug staat onder leiding van Hogeschool Noord.",
        "Zonnebrug werd gelanceerd door de Hogeschool Noord.",
        "Hogeschool Noord is penvoerder van Zonnebrug.",
        "Zonnebrug\n\nPenvoerder: Hogeschool Noord\n",
        "Zonnebrug\n\nProjectverantwoordelijke\nHogeschool Noord\n",
    ],
)
def test_leads_cues_nl(text: str) -> None:
    assert ("LEADS", "hn", "zb") in nl(text)


def test_dutch_verb_last_launch() -> None:
    found = nl("Daarom heeft Hogeschool Noord het programma Zonnebrug gelanceerd.")
    assert ("LEADS", "hn", "zb") in found


def test_label_goes_to_the_main_project_not_its_predecessor() -> None:
    text = (
        "Nieuws\n\nZonnebrug 2 gaat van start. Het bouwt verder op voorganger Zonnebrug. "
        "Zonnebrug was een succes en Zonnebrug liep drie jaar.\n\nPenvoerder: Hogeschool Noord\n"
    )
    found = nl(text)
    assert ("LEADS", "hn", "zb2") in found
    assert ("LEADS", "hn", "zb") not in found


def test_no_implicit_target_when_the_page_is_about_several_projects() -> None:
    text = "Nieuws\n\nZonnebrug en Zonnebrug 2 starten.\n\nPenvoerder: Hogeschool Noord\n"
    assert nl(text) == set()


# -------------------------------------------------------------------- PARTICIPATES_IN
def test_participants_list_nl() -> None:
    text = (
        "Zonnebrug is een mooi project.\n"
        "Deelnemers zijn Bedrijf Oost, Stad West en Hogeschool Noord."
    )
    found = nl(text)
    assert {
        ("PARTICIPATES_IN", "bo", "zb"),
        ("PARTICIPATES_IN", "sw", "zb"),
        ("PARTICIPATES_IN", "hn", "zb"),
    } <= found


def test_samen_met() -> None:
    found = nl("Hogeschool Noord voert Zonnebrug uit samen met Bedrijf Oost en Stad West.")
    assert {("PARTICIPATES_IN", "bo", "zb"), ("PARTICIPATES_IN", "sw", "zb")} <= found


def test_partners_label_lines_nl() -> None:
    text = "Zonnebrug\n\nProjectpartners:\nBedrijf Oost\nStad West\n\nMeer info volgt."
    assert {("PARTICIPATES_IN", "bo", "zb"), ("PARTICIPATES_IN", "sw", "zb")} <= nl(text)


def test_event_organised_by() -> None:
    assert ("PARTICIPATES_IN", "bo", "ld") in nl(
        "De Lentedagen worden georganiseerd door Bedrijf Oost."
    )


# ------------------------------------------------------------------ FUNDED_BY, amounts
def test_gefinancierd_door() -> None:
    rel = one(
        relations("Zonnebrug wordt gefinancierd door het EFRO.", NL, lang="nl"),
        "FUNDED_BY",
        "zb",
        "efro",
    )
    assert rel.amount_eur is None


def test_het_programma_refers_to_the_last_named_programme_or_project() -> None:
    project_last = "Zonnebrug start in mei. Het programma wordt gefinancierd door het EFRO."
    assert ("FUNDED_BY", "zb", "efro") in nl(project_last)
    fund_last = (
        "Zonnebrug start in mei. Fonds Kustregio is nieuw. "
        "Het programma wordt gefinancierd door het EFRO."
    )
    assert nl(fund_last) == set()


def test_programme_glued_to_subsidy_word_with_amount() -> None:
    text = "Zonnebrug gaat van start. Het project krijgt een EFRO-subsidie van € 250.000."
    rel = one(relations(text, NL, lang="nl"), "FUNDED_BY", "zb", "efro")
    assert rel.amount_eur == 250000


def test_grant_field_with_programme_in_the_label() -> None:
    text = (
        "Zonnebrug\n\nProjectduur: 2024 - 2027\n"
        "Toegekende subsidie Fonds Kustregio: € 1.234.567,89\n"
    )
    rel = one(relations(text, NL, lang="nl"), "FUNDED_BY", "zb", "fk")
    assert rel.amount_eur == 1234567.89


def test_budget_and_grant_waarvan() -> None:
    text = (
        "Het projectbudget van Zonnebrug bedraagt € 2.000.000, waarvan € 800.000 "
        "gefinancierd wordt door het EFRO."
    )
    assert one(relations(text, NL, lang="nl"), "FUNDED_BY", "zb", "efro").amount_eur == 800000
    assert budgets(text, NL, lang="nl") == {"zb": 2_000_000}


def test_capped_subsidy_is_not_the_grant() -> None:
    text = (
        "Zonnebrug krijgt steun uit het EFRO, met een subsidie van maximaal € 100.000 per bedrijf."
    )
    rel = one(relations(text, NL, lang="nl"), "FUNDED_BY", "zb", "efro")
    assert rel.amount_eur is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("De totale kosten van Zonnebrug bedragen € 1.500.000,-.", 1_500_000),
        (
            "Voor Zonnebrug wordt, inclusief cofinanciering, 3,2 miljoen euro geïnvesteerd.",
            3_200_000,
        ),
        ("Zonnebrug heeft een totaal budget van 24,75 miljoen euro.", 24_750_000),
    ],
)
def test_budgets_nl(text: str, amount: float) -> None:
    assert budgets(text, NL, lang="nl") == {"zb": amount}


def test_budget_refers_back_to_the_project_of_the_previous_sentence() -> None:
    text = "Hogeschool Noord lanceerde Zonnebrug. Daarvoor is € 4,5 miljoen beschikbaar."
    assert budgets(text, NL, lang="nl") == {"zb": 4_500_000}


def test_no_budget_when_the_previous_sentence_names_several_projects() -> None:
    text = "Het gaat om Zonnebrug en Zonnebrug 2. In totaal wordt 9 miljoen euro geïnvesteerd."
    assert budgets(text, NL, lang="nl") == {}


# ------------------------------------------------------ MEMBER_OF, LOCATED_IN, COLLAB
def test_lid_van() -> None:
    assert ("MEMBER_OF", "bo", "nz") in nl("Bedrijf Oost is lid van Netwerk Zuid.")


@pytest.mark.parametrize(
    "text",
    [
        "Bedrijf Oost, gevestigd in Gent, maakt zonnepanelen.",
        "Zonnepanelen van Bedrijf Oost uit Gent zijn populair.",
        "Het team van Bedrijf Oost (Gent) groeit.",
    ],
)
def test_located_in_nl(text: str) -> None:
    assert ("LOCATED_IN", "bo", "gent") in nl(text)


def test_located_in_a_list_of_cities() -> None:
    found = nl("De vestigingen van Bedrijf Oost in Gent en Antwerpen groeien.")
    assert {("LOCATED_IN", "bo", "gent"), ("LOCATED_IN", "bo", "antw")} <= found


def test_samenwerking_tussen() -> None:
    found = relations("De samenwerking tussen Bedrijf Oost en Stad West loopt goed.", NL, lang="nl")
    assert [(r.type, {r.source, r.target}) for r in found] == [("COLLABORATES_WITH", {"bo", "sw"})]


# --------------------------------------------------------------------- SUCCESSOR_OF
@pytest.mark.parametrize(
    "text",
    [
        "Zonnebrug 2 bouwt verder op Zonnebrug.",
        "Zonnebrug 2 is de opvolger van Zonnebrug.",
        "Zonnebrug 2 is een vervolg op Zonnebrug.",
    ],
)
def test_successor_nl(text: str) -> None:
    found = nl(text)
    assert ("SUCCESSOR_OF", "zb2", "zb") in found
    assert ("SUCCESSOR_OF", "zb", "zb2") not in found


def test_het_project_bouwt_verder_op_predecessors() -> None:
    text = (
        "Zonnebrug 2 start in januari.\n"
        "Het project bouwt verder op het succes van voorganger Zonnebrug."
    )
    assert ("SUCCESSOR_OF", "zb2", "zb") in nl(text)


# ------------------------------------------------------------------ AFFILIATED_WITH
@pytest.mark.parametrize(
    "text",
    [
        "Jan Peeters, directeur van Bedrijf Oost, opende de nieuwe hal.",
        "Jan Peeters van Bedrijf Oost opende de nieuwe hal.",
        "De voorzitter van Bedrijf Oost, Jan Peeters, opende de hal.",
    ],
)
def test_affiliated_nl(text: str) -> None:
    assert ("AFFILIATED_WITH", "jan", "bo") in nl(text)


def test_minister_of_a_policy_domain_is_not_an_affiliation() -> None:
    assert nl("Minister van Innovatie Jan Peeters bezocht Gent.") == set()


# ------------------------------------------------------------------------- negatives
@pytest.mark.parametrize(
    "text",
    [
        "Bedrijf Oost en Zonnebrug staan in de nieuwsbrief.",
        "Het EFRO en Zonnebrug worden vaak samen genoemd.",
        "Jan Peeters bezocht Gent en Stad West.",
    ],
)
def test_no_cue_no_relation_nl(text: str) -> None:
    assert nl(text) == set()


# ------------------------------------------------------------------- French, German
def test_french_cues() -> None:
    ents: Entities = {
        "Pont Solaire": ("ps", "Project"),
        "FEDER": ("feder", "FundingProgramme"),
        "Université Nord": ("un", "Organisation"),
        "Lille": ("lille", "Region"),
    }
    found = triples(
        relations(
            "Le projet Pont Solaire est cofinancé par le FEDER et coordonné par Université "
            "Nord. Université Nord est basée à Lille.",
            ents,
            lang="fr",
        )
    )
    assert {
        ("FUNDED_BY", "ps", "feder"),
        ("LEADS", "un", "ps"),
        ("LOCATED_IN", "un", "lille"),
    } <= found


def test_german_cues() -> None:
    ents: Entities = {
        "Sonnenbrücke": ("sb", "Project"),
        "EFRE": ("efre", "FundingProgramme"),
        "Hochschule Nord": ("hn", "Organisation"),
    }
    found = triples(
        relations(
            "Das Projekt Sonnenbrücke wird gefördert durch den EFRE und koordiniert von "
            "Hochschule Nord.",
            ents,
            lang="de",
        )
    )
    assert {("FUNDED_BY", "sb", "efre"), ("LEADS", "hn", "sb")} <= found


def test_german_active_lead_verb_and_its_false_friend() -> None:
    # the active voice, as English "coordinates": the lead stands before the verb
    ents: Entities = {
        "Sonnenbrücke": ("sb", "Project"),
        "Hochschule Nord": ("hn", "Organisation"),
    }
    for text in (
        "Die Hochschule Nord koordiniert das Projekt Sonnenbrücke.",
        "Die Hochschule Nord leitet seit 2023 das Projekt Sonnenbrücke.",
    ):
        assert ("LEADS", "hn", "sb") in triples(relations(text, ents, lang="de")), text
    # "leitet sich ab": the name is derived from something, nobody leads
    found = triples(
        relations(
            "Das Projekt Sonnenbrücke leitet sich aus dem Namen der Hochschule Nord ab.",
            ents,
            lang="de",
        )
    )
    assert ("LEADS", "sb", "hn") not in found and ("LEADS", "hn", "sb") not in found


def test_german_and_french_verbs_of_continuing_a_project() -> None:
    # as English "continues": the separable "setzt ... fort", and French "prolonge"
    ents: Entities = {
        "Sonnenbrücke": ("sb", "Project"),
        "Lichtweg": ("lw", "Project"),
    }
    found = triples(
        relations(
            "Das Projekt Sonnenbrücke setzt das 2021 beendete Projekt Lichtweg fort.",
            ents,
            lang="de",
        )
    )
    assert ("SUCCESSOR_OF", "sb", "lw") in found
    found = triples(
        relations("Le projet Sonnenbrücke prolonge le projet Lichtweg.", ents, lang="fr")
    )
    assert ("SUCCESSOR_OF", "sb", "lw") in found
