"""A relative clause that opens on a project ("X, een project waarin A en B ...", "X, a
project in which A and B ..."): the bodies named in it take part in that project, whatever
verb ends the clause.

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
    "Daklicht": ("dl", "Project"),
    "Zonnekap": ("zk", "Project"),
    "Glasbouw Merkel": ("gm", "Organisation"),
    "Hogeschool Veldhoven": ("hv", "Organisation"),
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Zonnekap bouwt voort op Daklicht, een klein project waarin Glasbouw Merkel en"
            " Hogeschool Veldhoven de eerste panelen testten.",
            "nl",
        ),
        (
            "Zonnekap builds on Daklicht, a small project in which Glasbouw Merkel and"
            " Hogeschool Veldhoven tested the first panels.",
            "en",
        ),
    ],
)
def test_bodies_of_the_relative_clause_take_part_in_its_project(text: str, lang: str) -> None:
    found = triples(relations(text, ENTS, lang=lang))
    assert ("PARTICIPATES_IN", "gm", "dl") in found
    assert ("PARTICIPATES_IN", "hv", "dl") in found
    assert ("PARTICIPATES_IN", "gm", "zk") not in found


def test_a_relative_clause_without_a_body_names_no_partner() -> None:
    text = "Glasbouw Merkel leidt Daklicht, waarin oude ramen tot nieuwe panelen worden verwerkt."
    found = triples(relations(text, ENTS, lang="nl"))
    assert ("PARTICIPATES_IN", "gm", "dl") not in found
