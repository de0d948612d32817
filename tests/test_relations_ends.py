"""Relations whose end is a place or a programme acting as an organisation (decision 0016).

The rules read a person's office in a place's government ("the mayor of X"), a region's
membership and a region's collaboration where the text states them, and nothing from a
person or an organisation merely named near a place. Sentences and names are invented
for these tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest.relations.candidates import RELATION_TYPES

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc, relations, triples
else:
    from test_relations import Entities, make_doc, relations, triples

ENDS: Entities = {
    "Velderdam": ("vd", "Region"),
    "Oostmere": ("om", "Region"),
    "Brakelland": ("bl", "Region"),
    "Acme Labs": ("acme", "Organisation"),
    "Northern Robotics Network": ("nrn", "Cluster"),
    "Regional Growth Fund": ("rgf", "FundingProgramme"),
    "Jane Peeters": ("jane", "Person"),
    "Tom Jansen": ("tom", "Person"),
}


def found(text: str, lang: str = "en") -> set[tuple[str, str, str]]:
    return triples(relations(text, ENDS, lang=lang))


# ------------------------------------------------------------- offices of a government
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jane Peeters, the mayor of Velderdam, opened the new campus.", "en"),
        ("The campus was opened by Velderdam's mayor Jane Peeters.", "en"),
        ("Mayor Jane Peeters of Velderdam opened the new campus.", "en"),
        (
            "Jane Peeters, gedeputeerde voor mobiliteit van de provincie Velderdam, opende het.",
            "nl",
        ),
        ("Burgemeester Jane Peeters van Velderdam opende de campus.", "nl"),
        ("Auf Einladung von Velderdams Oberbürgermeisterin Jane Peeters kamen die Partner.", "de"),
        ("Le bourgmestre de Velderdam, Jane Peeters, a inauguré le campus.", "fr"),
    ],
)
def test_an_office_of_a_place_affiliates_its_holder_with_the_place(text: str, lang: str) -> None:
    assert ("AFFILIATED_WITH", "jane", "vd") in found(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jane Peeters from Velderdam opened the new campus.", "en"),
        ("Jane Peeters visited Velderdam and Oostmere last week.", "en"),
        ("Jane Peeters, director of Acme Labs in Velderdam, opened the campus.", "en"),
        ("Jane Peeters (Velderdam) spoke at the opening.", "en"),
        ("Jan Peeters woont in Velderdam.", "nl"),
        ("Gedeputeerde Staten van Velderdam steunen Acme Labs.", "nl"),
    ],
)
def test_a_person_merely_near_a_place_is_not_affiliated_with_it(text: str, lang: str) -> None:
    assert not {t for t in found(text, lang) if t[0] == "AFFILIATED_WITH" and t[2] == "vd"}


def test_a_mayor_is_not_affiliated_with_the_company_whose_hall_she_opens() -> None:
    relations_ = found("Mayor Jane Peeters opened the new hall of Acme Labs.")
    assert ("AFFILIATED_WITH", "jane", "acme") not in relations_


def test_the_place_of_an_office_is_the_nearest_one_named_with_it() -> None:
    relations_ = found("In Oostmere, Jane Peeters, the mayor of Velderdam, signed the deal.")
    assert ("AFFILIATED_WITH", "jane", "vd") in relations_
    assert ("AFFILIATED_WITH", "jane", "om") not in relations_


# -------------------------------------------------------------- members and partners
def test_a_region_is_a_member_of_a_network() -> None:
    assert ("MEMBER_OF", "vd", "nrn") in found(
        "Velderdam is a member of Northern Robotics Network."
    )


def test_an_organisation_named_in_the_clause_is_the_member_not_its_place() -> None:
    relations_ = found("Acme Labs in Velderdam is a member of Northern Robotics Network.")
    assert ("MEMBER_OF", "acme", "nrn") in relations_
    assert ("MEMBER_OF", "vd", "nrn") not in relations_


def test_a_region_collaborates_with_an_organisation() -> None:
    relations_ = found("The province of Velderdam collaborates with Acme Labs on hydrogen.")
    # symmetric: written in one order of its ends, whichever the sentence names first
    assert ("COLLABORATES_WITH", "acme", "vd") in relations_


def test_places_listed_as_the_area_of_cooperation_do_not_collaborate() -> None:
    text = (
        "The programme funds cross-border cooperation between Velderdam, Oostmere and Brakelland."
    )
    assert not {t for t in found(text) if t[0] == "COLLABORATES_WITH"}


# ---------------------------------------------------------------- the model decides
def test_a_person_is_affiliated_with_a_place_only_where_a_rule_read_the_office() -> None:
    """The model weighs every person-place pair, but keeps one only where the rules read
    an office; a person visiting or living in a place is not its office-holder."""
    from innograph.ingest.relations import extract_relations

    for text, expected in [
        ("Jane Peeters, the mayor of Velderdam, opened the new campus.", True),
        ("Jane Peeters visited Velderdam and Oostmere last week.", False),
        ("Jane Peeters lives in Velderdam. She spoke about hydrogen at length.", False),
    ]:
        doc, mentions = make_doc(text, ENDS)
        kept = triples(extract_relations(doc, mentions, lang="en"))
        assert (("AFFILIATED_WITH", "jane", "vd") in kept) is expected, (text, kept)


# ------------------------------------------------------------------------ candidates
def test_candidates_cover_the_widened_ends_with_features_of_their_types() -> None:
    """The learned model sees a person-place pair as its own kind of pair."""
    from innograph.ingest.relations import candidates

    doc, mentions = make_doc("Jane Peeters, the mayor of Velderdam, met Acme Labs.", ENDS)
    cands = {(c.type, c.source, c.target): c for c in candidates(doc, mentions, lang="en")}
    place = cands[("AFFILIATED_WITH", "jane", "vd")]
    company = cands[("AFFILIATED_WITH", "jane", "acme")]
    assert "AFFILIATED_WITH|types=Person>Region" in place.features
    assert "AFFILIATED_WITH|Person>Region|rule=AFFILIATED_WITH" in place.features
    assert not any(f.startswith("AFFILIATED_WITH|Person>Region|") for f in company.features)
    assert ("COLLABORATES_WITH", "acme", "vd") in cands or (
        "COLLABORATES_WITH",
        "vd",
        "acme",
    ) in cands
    assert set(RELATION_TYPES) >= {c.type for c in cands.values()}
