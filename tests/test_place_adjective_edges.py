"""A leading adjective of a country or region before a name (invented names)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from innograph.ingest.entities.demonyms import without_place_adjective
from innograph.tests.entity_spans import entity_spans


def _trimmed(lang: str, text: str, start: int, end: int, label: str = "Organisation") -> str:
    doc = spacy.blank(lang)(text)
    return without_place_adjective(Span(doc, start, end, label=label)).text


def test_an_adjective_of_a_country_before_a_name_is_left_out() -> None:
    assert _trimmed("en", "the Flemish Zorbelix initiative", 1, 3) == "Zorbelix"
    assert _trimmed("nl", "het Duitse Quastrani Gesellschaft", 1, 4) == "Quastrani Gesellschaft"


def test_an_adjective_before_an_ordinary_word_or_a_head_stays_in_the_name() -> None:
    assert _trimmed("en", "the Flemish Government", 1, 3) == "Flemish Government"
    assert _trimmed("nl", "de Vlaamse Zorbelmaatschappij", 1, 3) == "Vlaamse Zorbelmaatschappij"
    assert _trimmed("en", "in Flemish Brabant", 1, 3, label="Project") == "Flemish Brabant"


def test_one_short_word_after_the_adjective_keeps_it() -> None:
    # a page cut off in mid-word ("the Dutch Pro") leaves too little for a name
    assert _trimmed("en", "Minister of the Dutch Zor", 3, 5) == "Dutch Zor"
    assert _trimmed("en", "Minister of the Dutch Zorb", 3, 5) == "Zorb"


def test_places_persons_and_other_languages_are_left_alone() -> None:
    assert _trimmed("en", "in Flemish Zorbelix", 1, 3, label="Region") == "Flemish Zorbelix"
    assert _trimmed("de", "die Deutsche Zorbelix", 1, 3) == "Deutsche Zorbelix"


def test_the_pipeline_names_the_thing_without_its_adjective() -> None:
    texts = {
        s.text
        for s in entity_spans("nl", "Het project loopt met het Duitse Quastrani Gesellschaft.")
    }
    assert "Quastrani Gesellschaft" in texts
    assert not any(t.startswith("Duitse") for t in texts)


def test_a_place_after_a_place_preposition_closes_no_name() -> None:
    # the English NER reads "Acme Robotics in Ghent" as one organisation
    text = "The project is run by Acme Robotics in Ghent and Beta Labs in Bruges."
    found = {(s.text, s.label_) for s in entity_spans("en", text)}
    assert ("Acme Robotics", "Organisation") in found, found
    assert ("Ghent", "Region") in found, found
    assert not [t for t, _ in found if t.endswith("in Ghent")], found


def test_a_function_word_ends_no_name() -> None:
    # the English NER stops one word short of the place: "University of Twente in"
    text = "The University of Twente in Enschede will coordinate the project."
    found = {(s.text, s.label_) for s in entity_spans("en", text)}
    assert ("University of Twente", "Organisation") in found, found
    assert ("Enschede", "Region") in found, found


def test_a_place_or_a_registered_name_after_the_adjective_leaves_it_out() -> None:
    # a known place with more words after it, or a foreign name its legal form closes
    assert _trimmed("nl", "de Deense Aalborg Zorbelhuis", 1, 4) == "Aalborg Zorbelhuis"
    text = "het Duitse Netzwerk Zorbeltechnik e.V. en"
    assert _trimmed("nl", text, 1, 6).startswith("Netzwerk Zorbeltechnik")
    assert _trimmed("nl", "de Vlaamse Zorbelmaatschappij", 1, 3) == "Vlaamse Zorbelmaatschappij"
