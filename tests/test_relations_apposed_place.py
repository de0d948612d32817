"""An organisation placed by an apposition after its comma: "Acme, a coatings maker based
in Ghent", "Acme, une PME de Gand". Sentences and names are invented."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import ENTS, relations, triples
else:
    from test_relations import ENTS, relations, triples

_ENTS = {**ENTS, "Gand": ("ghent", "Region"), "Gent": ("ghent", "Region")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Samples came from Beta University and Acme Labs, a pump maker in Ghent.", "en"),
        ("The trials ran at Acme Labs, an injection moulder based in Ghent, last year.", "en"),
        ("Ook Acme Labs, een klein ingenieursbureau uit Gent, doet mee.", "nl"),
        ("Dabei ist auch Acme Labs, ein Start-up aus Gent, das Sensoren baut.", "de"),
        ("Le prototype a été testé par Acme Labs, une PME de Gand, en mai.", "fr"),
    ],
)
def test_an_apposition_places_the_organisation_before_its_comma(text: str, lang: str) -> None:
    found = relations(text, _ENTS, lang=lang)
    assert ("LOCATED_IN", "acme", "ghent") in triples(found)
    assert ("LOCATED_IN", "beta", "ghent") not in triples(found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Acme Labs, a firm active in Ghent and Belgium, sells pumps.", "en"),
        ("Acme Labs, the largest employer in Ghent, sells pumps.", "en"),
        ("Acme Labs, een bedrijf actief in Gent, verkoopt pompen.", "nl"),
    ],
)
def test_an_apposition_of_activity_or_rank_does_not_place(text: str, lang: str) -> None:
    found = relations(text, _ENTS, lang=lang)
    assert ("LOCATED_IN", "acme", "ghent") not in triples(found)


_SHORT = {**ENTS, "Acme Laboratories": ("acme", "Organisation"), "ALX": ("alx", "Organisation")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("1. Acme Laboratories (ALX), Ghent, Belgium - coordinator", "en"),
        ("Die Koordination liegt bei den Acme Laboratories (ALX) in Ghent.", "de"),
    ],
)
def test_a_short_name_in_brackets_does_not_hide_the_place(text: str, lang: str) -> None:
    found = relations(text, _SHORT, lang=lang)
    assert ("LOCATED_IN", "acme", "ghent") in triples(found)
