"""A place named after a place preposition is where something is, not who takes part in
it or belongs to it (invented sentences and names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from innograph.ingest import relations as relations_module
from innograph.ingest.relations import candidates, extract_relations
from innograph.ingest.relations.lexicon import place_preposition_before
from innograph.ingest.relations.model import RelationModel

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc, triples
else:
    from test_relations import Entities, make_doc, triples


@pytest.mark.parametrize(
    ("text", "place", "lang", "expected"),
    [
        ("a fair in Velderdam", "Velderdam", "en", True),
        ("firms from the Velder Valley", "Velder Valley", "en", True),
        ("Velderdam and Ostmark take part", "Ostmark", "en", False),
        ("begin Velderdam", "Velderdam", "en", False),
        ("eine Tagung im Kreis Velden", "Kreis Velden", "de", True),
        ("die Firma Acme aus dem Kreis Velden", "Kreis Velden", "de", True),
        ("die Stadt Velden", "Velden", "de", False),
        ("un salon à Velderville", "Velderville", "fr", True),
        ("dans l'Ostmark", "Ostmark", "fr", True),
        ("bedrijven uit Velderdam", "Velderdam", "nl", True),
        ("de gemeente Velderdam", "Velderdam", "nl", False),
    ],
)
def test_a_place_preposition_before_a_name(
    text: str, place: str, lang: str, expected: bool
) -> None:
    lowered = text.lower()
    found = place_preposition_before(lowered, lowered.index(place.lower()), lang)
    assert (found is not None) == expected


ENTS: Entities = {
    "Nordlicht": ("nord", "Project"),
    "Velderdam": ("vd", "Region"),
    "Stadt Velden": ("velden", "Region"),
    "Acme Robotik": ("acme", "Organisation"),
}


def _participation_features(text: str, src: str, lang: str) -> set[str]:
    doc, mentions = make_doc(text, ENTS, lang=lang)
    for cand in candidates(doc, mentions, lang=lang):
        if (cand.type, cand.source, cand.target) == ("PARTICIPATES_IN", src, "nord"):
            return {f.split("|", 1)[1] for f in cand.features}
    raise AssertionError(f"no candidate PARTICIPATES_IN {src}->nord")


def test_a_place_after_a_preposition_is_marked() -> None:
    text = "The Nordlicht festival took place in Velderdam last May."
    assert "s_after_place_word" in _participation_features(text, "vd", "en")
    text = "Velderdam and Acme Robotik run Nordlicht."
    assert "s_after_place_word" not in _participation_features(text, "vd", "en")
    # "besteht aus" is a cue phrase: the list after it names the members, not a place
    text = "Das Projekt Nordlicht besteht aus der Stadt Velden und Acme Robotik."
    assert "s_after_place_word" not in _participation_features(text, "velden", "de")


def test_a_place_after_a_preposition_is_no_partner_by_the_model_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a model that keeps every candidate: only the guard stands between it and the pair
    eager = RelationModel({}, 5.0, {}, 0.5, {})
    monkeypatch.setattr(relations_module, "relation_model", lambda: eager)
    text = "Am Montag fand Nordlicht in Velderdam statt. Acme Robotik stellte dort aus."
    doc, mentions = make_doc(text, ENTS, lang="de")
    found = triples(extract_relations(doc, mentions, lang="de"))
    assert ("PARTICIPATES_IN", "vd", "nord") not in found
    assert ("PARTICIPATES_IN", "acme", "nord") in found
    text = "Das Projekt Nordlicht besteht aus der Stadt Velden und Acme Robotik."
    doc, mentions = make_doc(text, ENTS, lang="de")
    assert ("PARTICIPATES_IN", "velden", "nord") in triples(
        extract_relations(doc, mentions, lang="de")
    )
