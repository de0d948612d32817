"""The French statistical NER as a source of candidates, on sentences written here."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from innograph.ingest.entities.dictionary import dictionary_word
from innograph.ingest.entities.ner_candidates import retype
from innograph.ingest.entities.spans import SPAN_NER
from innograph.ingest.nlp import pipeline

_KEEP: list[Doc] = []  # the spans of a Doc live only as long as the Doc


def _doc(text: str) -> Doc:
    doc = pipeline("fr")(text)
    _KEEP.append(doc)
    return doc


def _typed(doc: Doc, group: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in doc.spans[group]}


def test_ner_persons_and_organisations_become_candidates() -> None:
    doc = _doc("Hier, Claire Martin a présenté les résultats de l'Université de Namur à la presse.")
    found = _typed(doc, SPAN_NER)
    assert ("Claire Martin", "Person") in found
    assert ("Université de Namur", "Organisation") in found


def test_a_known_name_written_in_another_case_takes_its_gazetteer_type() -> None:
    doc = _doc("Les crédits Feder vont à la WALLONIE et au Hainaut.")
    assert retype(Span(doc, 2, 3, label="ORG"), "fr") == "FundingProgramme"
    assert retype(Span(doc, 6, 7, label="ORG"), "fr") == "Region"


def test_lower_case_words_and_elisions_before_a_name_are_left_out() -> None:
    doc = _doc("L’équipe de la Banque Fictive de Liège a rencontré les élus hier.")
    for span in doc.spans[SPAN_NER]:
        assert span[0].text[:1].isupper() and not span[0].text.endswith(("’", "'"))


def test_ner_names_in_a_heading_in_capitals_are_dropped() -> None:
    doc = _doc("QUINZE ANNÉES DE SOUTIEN À LA CHIMIE\nLe laboratoire a ouvert ses portes.")
    assert not [s for s in doc.spans[SPAN_NER] if s.text.isupper()]


def test_one_capitalised_dictionary_word_is_not_a_ner_name() -> None:
    assert dictionary_word("Agriculture", "fr") and dictionary_word("Chemins", "fr")
    assert not dictionary_word("Gembloux", "fr")
    assert not dictionary_word("Agriculture", "nl")  # no lexicon: nothing is dropped
    doc = _doc("Les thèmes retenus :\nAgriculture\nTransport\nLe dossier est clos.")
    assert not [s for s in doc.spans[SPAN_NER] if s.text in {"Agriculture", "Transport"}]


def test_a_verb_and_a_word_with_its_capital_unaccented_are_dictionary_words() -> None:
    assert dictionary_word("Accompagner", "fr")  # an infinitive: a lemma of the lookup only
    assert dictionary_word("Etablissements", "fr")  # "Établissements" with its accent left out
    assert not dictionary_word("Estaimbourg", "fr")
    assert not dictionary_word("Etablissements", "nl")
