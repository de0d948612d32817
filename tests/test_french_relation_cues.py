"""French cue phrases: prepositions fused with an article ("du", "des", "au", "d'") and
the active voice of the verbs whose passive the cue list already reads.

Short French sentences written for these tests; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest.relations.lexicon import find_cues

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, relations, triples
else:
    from test_relations import Entities, relations, triples

FR: Entities = {
    "Nordlicht": ("nl", "Project"),
    "Acme Robotics": ("acme", "Organisation"),
    "Beta Solutions": ("beta", "Organisation"),
    "Gamma SA": ("gamma", "Organisation"),
    "Mecaflux": ("meca", "Cluster"),
    "Jean Dupont": ("jd", "Person"),
}


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("acme est membre du pôle", "MEMBER_OF"),
        ("acme est membre d'un réseau", "MEMBER_OF"),
        ("acme est membre d’alpha", "MEMBER_OF"),
        ("les entreprises participent au projet", "PARTICIPATES_IN"),
        ("acme prend part aux travaux", "PARTICIPATES_IN"),
    ],
)
def test_a_cue_reads_de_and_a_fused_with_the_article(text: str, relation: str) -> None:
    rels = {r for _, _, cues in find_cues(text, "fr") for cue in cues for r in cue.relations}
    assert relation in rels


def test_the_fused_forms_stay_french() -> None:
    # the English cue "members of" is not read as "members du"
    rels = {
        r for _, _, cues in find_cues("members du club", "en") for c in cues for r in c.relations
    }
    assert "MEMBER_OF" not in rels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Robotics est membre du pôle Mecaflux.", ("MEMBER_OF", "acme", "meca")),
        (
            "Acme Robotics et Beta Solutions participent au projet Nordlicht.",
            ("PARTICIPATES_IN", "beta", "nl"),
        ),
        ("Jean Dupont, directeur d'Acme Robotics, se réjouit.", ("AFFILIATED_WITH", "jd", "acme")),
    ],
)
def test_relations_through_a_fused_preposition(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(relations(text, FR, lang="fr"))


@pytest.mark.parametrize(
    "text",
    [
        "Selon Jean Dupont, directeur général d’Acme Robotics, le marché grandit.",
        "Jean Dupont, administrateur délégué de Acme Robotics, a signé.",
        "Jean Dupont, porte-parole d’Acme Robotics, confirme la nouvelle.",
        "Jean Dupont, CEO d’Acme Robotics, présente le robot.",
        "Jean Dupont, recteur de Acme Robotics, ouvre la séance.",
    ],
)
def test_a_role_of_an_organisation_ties_the_person_to_it(text: str) -> None:
    assert ("AFFILIATED_WITH", "jd", "acme") in triples(relations(text, FR, lang="fr"))


def test_a_provincial_deputy_holds_an_office_of_the_province() -> None:
    ents: Entities = {**FR, "province de Namur": ("namur", "Region")}
    text = "Jean Dupont, député provincial de la province de Namur, a inauguré le site."
    assert ("AFFILIATED_WITH", "jd", "namur") in triples(relations(text, ents, lang="fr"))
