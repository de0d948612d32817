"""French and Dutch cues that English already reads: the finite and past forms of the
verbs, separable Dutch verbs with words between their parts, a share between a funding
participle and its agent, and the active voice of funding verbs.

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
    "Nordlicht": ("nl", "Project"),
    "Zonnebrug": ("zb", "Project"),
    "Acme Robotics": ("acme", "Organisation"),
    "Beta Solutions": ("beta", "Organisation"),
    "Mecaflux": ("meca", "Cluster"),
    "Fonds Kustregio": ("fk", "FundingProgramme"),
    "Lentedagen": ("ld", "Event"),
    "Namur": ("namur", "Region"),
    "Gent": ("gent", "Region"),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PARTICIPATES_IN: past and future forms, a project that brings partners together
        ("Acme Robotics a participé au projet Nordlicht.", ("PARTICIPATES_IN", "acme", "nl")),
        ("Acme Robotics participera au projet Nordlicht.", ("PARTICIPATES_IN", "acme", "nl")),
        (
            "Le projet Nordlicht rassemble Acme Robotics et Beta Solutions.",
            ("PARTICIPATES_IN", "acme", "nl"),
        ),
        # FUNDED_BY: a share before "par", the active voice
        (
            "Nordlicht est financé à hauteur de 60 % par le Fonds Kustregio.",
            ("FUNDED_BY", "nl", "fk"),
        ),
        ("Le Fonds Kustregio finance le projet Nordlicht.", ("FUNDED_BY", "nl", "fk")),
        # LOCATED_IN: the inflected participle and the fused "au"
        (
            "Acme Robotics, dont le siège est situé à Namur, grandit.",
            ("LOCATED_IN", "acme", "namur"),
        ),
        ("Les usines Acme Robotics, basées à Namur, tournent.", ("LOCATED_IN", "acme", "namur")),
        # MEMBER_OF
        ("Acme Robotics adhère au pôle Mecaflux.", ("MEMBER_OF", "acme", "meca")),
        # COLLABORATES_WITH: the plural verb of a list, the reflexive verb
        ("Acme Robotics et Beta Solutions collaborent.", ("COLLABORATES_WITH", "acme", "beta")),
        (
            "Acme Robotics s'associe à Beta Solutions pour le robot.",
            ("COLLABORATES_WITH", "acme", "beta"),
        ),
    ],
)
def test_french_cues(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(relations(text, ENTS, lang="fr"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # separable verbs around their adverbs
        (
            "Acme Robotics neemt sinds vorig jaar deel aan het project Zonnebrug.",
            ("PARTICIPATES_IN", "acme", "zb"),
        ),
        ("Acme Robotics doet ook mee aan Zonnebrug.", ("PARTICIPATES_IN", "acme", "zb")),
        (
            "Acme Robotics en Beta Solutions werken al jaren samen.",
            ("COLLABORATES_WITH", "acme", "beta"),
        ),
        (
            "Acme Robotics trekt samen op met Beta Solutions.",
            ("COLLABORATES_WITH", "acme", "beta"),
        ),
        # a share between the participle and "door"
        (
            "Zonnebrug wordt voor 40 procent gefinancierd door het Fonds Kustregio.",
            ("FUNDED_BY", "zb", "fk"),
        ),
        (
            "Zonnebrug wordt gefinancierd voor 40 % door het Fonds Kustregio.",
            ("FUNDED_BY", "zb", "fk"),
        ),
        ("Acme Robotics sloot zich aan bij Mecaflux.", ("MEMBER_OF", "acme", "meca")),
        ("Acme Robotics heeft een vestiging in Gent.", ("LOCATED_IN", "acme", "gent")),
    ],
)
def test_dutch_cues(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(relations(text, ENTS, lang="nl"))


def test_a_gap_does_not_run_over_a_sentence_end() -> None:
    text = "Acme Robotics neemt het woord. Deel aan Zonnebrug is niet gepland."
    assert ("PARTICIPATES_IN", "acme", "zb") not in triples(relations(text, ENTS, lang="nl"))


PEOPLE: Entities = {
    **ENTS,
    "Jeanne Dupuis": ("jd", "Person"),
    "Sofie Maes": ("sm", "Person"),
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jeanne Dupuis, chercheuse au sein de l'Acme Robotics, a présenté le robot.", "fr"),
        ("Jeanne Dupuis, chargée de mission chez Acme Robotics, a présenté le robot.", "fr"),
        ("Jeanne Dupuis, cheffe de projet auprès d'Acme Robotics, a présenté le robot.", "fr"),
        ("Jeanne Dupuis travaille pour Acme Robotics depuis dix ans.", "fr"),
        ("Sofie Maes, zaakvoerder van Acme Robotics, stelde de robot voor.", "nl"),
        ("Sofie Maes, gedelegeerd bestuurder van Acme Robotics, stelde de robot voor.", "nl"),
        ("Sofie Maes, al tien jaar in dienst bij Acme Robotics, stelde de robot voor.", "nl"),
    ],
)
def test_a_role_ties_the_person_to_the_organisation(text: str, lang: str) -> None:
    person = "jd" if lang == "fr" else "sm"
    assert ("AFFILIATED_WITH", person, "acme") in triples(relations(text, PEOPLE, lang=lang))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a first word the Dutch subject stands inside the separable verb
        (
            "In 2020 nam Acme Robotics deel aan het project Zonnebrug.",
            ("PARTICIPATES_IN", "acme", "zb"),
        ),
        (
            "Ook doen Acme Robotics en Beta Solutions mee aan Zonnebrug.",
            ("PARTICIPATES_IN", "beta", "zb"),
        ),
        (
            "Daarom werken Acme Robotics en Beta Solutions sinds 2019 samen.",
            ("COLLABORATES_WITH", "acme", "beta"),
        ),
        (
            "Zonnebrug brengt Acme Robotics en Beta Solutions samen.",
            ("PARTICIPATES_IN", "beta", "zb"),
        ),
    ],
)
def test_a_dutch_subject_inside_the_separable_verb(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(relations(text, ENTS, lang="nl"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Robotics coordonne le projet Nordlicht.", ("LEADS", "acme", "nl")),
        ("Acme Robotics pilote depuis 2021 le projet Nordlicht.", ("LEADS", "acme", "nl")),
        (
            "Le pôle Mecaflux compte parmi ses membres Acme Robotics et Beta Solutions.",
            ("MEMBER_OF", "beta", "meca"),
        ),
    ],
)
def test_french_active_lead_and_members(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(relations(text, ENTS, lang="fr"))


def test_a_french_exhibitor_takes_part_in_the_event() -> None:
    ents: Entities = {**ENTS, "Salon Hydrogène": ("salon", "Event")}
    text = "Acme Robotics était présente au Salon Hydrogène avec son robot."
    assert ("PARTICIPATES_IN", "acme", "salon") in triples(relations(text, ents, lang="fr"))
