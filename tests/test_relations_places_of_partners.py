"""Places that a place preposition names as where a project's partners are ("partners
from A, B and C") are not partners themselves; places named as parties still are.

Short sentences written for these tests; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, relations, triples
else:
    from test_relations import Entities, relations, triples

ENTS: Entities = {
    "Korvan": ("kv", "Project"),
    "Netherlands": ("nl", "Region"),
    "Belgium": ("be", "Region"),
    "Pays-Bas": ("nl", "Region"),
    "Belgique": ("be", "Region"),
    "Niederlanden": ("nl", "Region"),
    "Belgien": ("be", "Region"),
    "Westerland": ("wl", "Region"),
    "Oosterland": ("ol", "Region"),
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Seven partners from the Netherlands and Belgium take part in Korvan.", "en"),
        ("Le projet Korvan associe des partenaires en Belgique et aux Pays-Bas.", "fr"),
        ("Am Projekt Korvan nehmen Partner aus Belgien und den Niederlanden teil.", "de"),
    ],
)
def test_the_countries_partners_come_from_are_no_partners(text: str, lang: str) -> None:
    found = triples(relations(text, ENTS, lang=lang))
    assert not {t for t in found if t[0] == "PARTICIPATES_IN" and t[2] == "kv"}, found


def test_places_named_as_parties_stay_partners() -> None:
    text = "Westerland and Oosterland take part in Korvan."
    found = triples(relations(text, ENTS, lang="en"))
    assert {("PARTICIPATES_IN", "wl", "kv"), ("PARTICIPATES_IN", "ol", "kv")} <= found


def test_a_place_in_brackets_belongs_to_the_name_before_its_own_brackets() -> None:
    ents: Entities = {
        "Velder Systems": ("vs", "Organisation"),
        "Beta Labs": ("bl", "Organisation"),
        "Westerland": ("wl", "Region"),
        "Oosterland": ("ol", "Region"),
    }
    found = triples(
        relations("Partners are Velder Systems (Westerland) and Beta Labs (Oosterland).", ents)
    )
    assert {("LOCATED_IN", "vs", "wl"), ("LOCATED_IN", "bl", "ol")} <= found
    assert ("LOCATED_IN", "bl", "wl") not in found and ("LOCATED_IN", "vs", "ol") not in found


LIST_ENTS: Entities = {
    "Velder Systems": ("vs", "Organisation"),
    "Beta Labs": ("bl", "Organisation"),
    "Korvan Works": ("kw", "Organisation"),
    "Westerland": ("wl", "Region"),
    "Oosterland": ("ol", "Region"),
    "Sonnenbrug": ("sb", "Project"),
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The Sonnenbrug project starts. Partners are Velder Systems from Westerland, "
            "Beta Labs from Oosterland and Korvan Works.",
            "en",
        ),
        (
            "Het project Sonnenbrug start. Partners zijn Velder Systems uit Westerland, "
            "Beta Labs uit Oosterland en Korvan Works.",
            "nl",
        ),
        (
            "Das Projekt Sonnenbrug startet. Partner sind Velder Systems aus Westerland, "
            "Beta Labs aus Oosterland und Korvan Works.",
            "de",
        ),
    ],
)
def test_where_each_item_is_does_not_break_the_list(text: str, lang: str) -> None:
    found = triples(relations(text, LIST_ENTS, lang=lang))
    partners = {s for t, s, o in found if t == "PARTICIPATES_IN" and o == "sb"}
    assert partners == {"vs", "bl", "kw"}, found
