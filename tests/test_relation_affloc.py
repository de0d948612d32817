"""Features and rules of affiliations, places, memberships and collaborations, on
invented sentences and names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest.relations import candidates
from innograph.ingest.relations.affiliation import is_role_word

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc

ENTS: Entities = {
    "Jane Doe": ("jane", "Person"),
    "Jan Jansen": ("jan", "Person"),
    "Acme Robotics": ("acme", "Organisation"),
    "Velderdam": ("velderdam", "Region"),
}


def features(text: str, rel: str, src: str, dst: str, lang: str) -> set[str]:
    doc, mentions = make_doc(text, ENTS, lang=lang)
    for cand in candidates(doc, mentions, lang=lang):
        if (cand.type, cand.source, cand.target) == (rel, src, dst):
            return {f.split("|", 1)[1] for f in cand.features}
    raise AssertionError(f"no candidate {rel} {src}->{dst}")


@pytest.mark.parametrize(
    ("word", "lang"),
    [
        ("director", "en"),
        ("Directors", "en"),
        ("voorzitter", "nl"),
        ("Rektorin", "de"),
        ("chercheuse", "fr"),
    ],
)
def test_role_words_of_each_language(word: str, lang: str) -> None:
    assert is_role_word(word, lang)


def test_a_word_that_is_no_role() -> None:
    assert not is_role_word("visited", "en")
    assert not is_role_word("directorate", "en")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jane Doe, professor of robot ethics, law and history at Acme Robotics, spoke.", "en"),
        ("Jan Jansen (directeur Acme Robotics) sprak.", "nl"),
    ],
)
def test_a_role_between_a_person_and_an_organisation(text: str, lang: str) -> None:
    person = "jane" if "Jane" in text else "jan"
    feats = features(text, "AFFILIATED_WITH", person, "acme", lang)
    assert "role_gap" in feats
    assert "Person>Organisation|role_gap" in feats


def test_no_role_between_a_person_and_an_organisation() -> None:
    feats = features("Jane Doe visited Acme Robotics.", "AFFILIATED_WITH", "jane", "acme", "en")
    assert "role_gap" not in feats
