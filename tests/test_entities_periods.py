"""A programme's period written after its name is part of the name
(``entities/name_runs``), on sentences written here with invented names."""

from __future__ import annotations

import pytest

from innograph.tests.entity_spans import entity_spans


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "de",
            "Das Vorhaben wird aus dem EFRE-Programm Velderland 2021-2027 gefördert.",
            "EFRE-Programm Velderland 2021-2027",
        ),
        (
            "de",
            "Das Vorhaben wird aus dem EFRE-Programm Velderland 2021-2027. Es startet bald.",
            "EFRE-Programm Velderland 2021-2027.",
        ),
        (
            "fr",
            "Il prolonge un projet du programme BRIVENTA 2014-2020, mené à Granvette.",
            "BRIVENTA 2014-2020",
        ),
    ],
)
def test_a_period_after_a_programme_name_belongs_to_it(lang: str, text: str, name: str) -> None:
    found = {s.text for s in entity_spans(lang, text)}
    assert name in found, found
