"""A name the text says continues an earlier project, or is continued, or that a lead
partner leads, is a project's (``entities/succession.py``), and an earlier project does
not take the page's budget (``relations/sections.current_projects``); sentences written
here with invented names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest.relations import extract_budgets
from innograph.tests.entity_spans import entity_spans

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "nl",
            "Het consortium start in maart. ZonneKoord is een vervolg op VeldStroom, dat de "
            "gemeente Bramveld tot 2022 uitvoerde.",
            "VeldStroom",
        ),
        (
            "nl",
            "Het consortium start in maart. ZonneKoord is een vervolg op VeldStroom, dat de "
            "gemeente Bramveld tot 2022 uitvoerde.",
            "ZonneKoord",
        ),
        (
            "en",
            "The consortium starts in March. The grant builds on BRINEWAY, a study that "
            "Norvale University ran until 2022.",
            "BRINEWAY",
        ),
        (
            "de",
            "Das Konsortium startet im März. MoorWert ist die Fortsetzung von TorfLink, das "
            "die Stadt Kelsbach bis 2022 leitete.",
            "TorfLink",
        ),
        (
            "fr",
            "Le consortium démarre en mars. FluxBois fait suite à SylvaNet, porté par la "
            "commune de Granvette.",
            "SylvaNet",
        ),
    ],
)
def test_a_name_in_a_succession_is_a_project(lang: str, text: str, name: str) -> None:
    found = _found(lang, text)
    assert (name, "Project") in found, found


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "nl",
            "Weverij Brakel uit Velderdam is penvoerder van VezelKring, waarin oude kleding "
            "tot garen wordt verwerkt.",
            "VezelKring",
        ),
        (
            "fr",
            "La société Granvette Capteurs est chef de file de VinoSonde, un système de suivi "
            "des cuves.",
            "VinoSonde",
        ),
    ],
)
def test_what_a_lead_partner_leads_is_a_project(lang: str, text: str, name: str) -> None:
    found = _found(lang, text)
    assert (name, "Project") in found, found


def test_an_organisation_by_its_own_words_stays_one() -> None:
    found = _found("nl", "Het consortium start. Dit is een vervolg op Hogeschool Bramveld.")
    assert ("Hogeschool Bramveld", "Project") not in found, found


ENTS: Entities = {
    "Korvalink": ("kv", "Project"),
    "Brakveld": ("bv", "Project"),
}


def test_an_earlier_project_does_not_take_the_pages_budget() -> None:
    text = (
        "Korvalink is gestart in Velderdam. Het project heeft een totale begroting van "
        "2,4 miljoen euro. Korvalink is een vervolg op Brakveld."
    )
    doc, mentions = make_doc(text, ENTS, lang="nl")
    assert extract_budgets(doc, mentions, lang="nl").get("kv") == 2400000
