"""French institution names led by a head noun and a particle, on sentences written here."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from innograph.ingest.entities.french import french_institution, french_word_as_noun
from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import pipeline

_KEEP: list[Doc] = []  # the spans of a Doc live only as long as the Doc


def _doc(text: str, lang: str = "fr") -> Doc:
    doc = pipeline(lang)(text)
    _KEEP.append(doc)
    return doc


def _span(doc: Doc, text: str, label: str = "Organisation") -> Span:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text), label=label)
    assert span is not None
    return span


def test_a_head_noun_particle_and_a_name_make_one_institution() -> None:
    doc = _doc("Hier, le Secrétariat des écoles de la Vallée Verte a publié son rapport.")
    assert french_institution(_span(doc, "Secrétariat des écoles de la Vallée Verte"))
    doc = _doc("Le Comité des riverains de l’Union européenne a reçu les délégués.")
    assert french_institution(_span(doc, "Comité des riverains de l’Union européenne"))


def test_no_institution_without_a_head_noun_a_name_or_in_another_language() -> None:
    doc = _doc("La Maison de Marcelle Dupont et le Conseil de développement ont signé.")
    assert not french_institution(_span(doc, "Maison de Marcelle Dupont"))
    assert not french_institution(_span(doc, "Conseil de développement"))
    doc = _doc("The Forum of the Green Valley met in Arlon.", "en")
    assert not french_institution(_span(doc, "Forum of the Green Valley"))


def test_the_institution_wins_over_the_body_its_complement_names() -> None:
    doc = _doc("Le Comité des riverains de l’Union européenne a reçu les délégués à Namur.")
    names = {s.text for s in doc.spans[SPAN_ENTITIES]}
    assert "Comité des riverains de l’Union européenne" in names
    assert "Union européenne" not in names


def test_a_dictionary_word_after_a_possessive_or_a_number_is_no_name() -> None:
    doc = _doc("La qualité fait partie de sa CULTURE depuis 12 ANS à Arlon.")
    assert french_word_as_noun(_span(doc, "CULTURE"))
    assert french_word_as_noun(_span(doc, "ANS"))
    assert not french_word_as_noun(_span(doc, "Arlon"))
    doc = _doc("Le siège est situé rue Haute 5, 4000 Liège.")
    assert not french_word_as_noun(_span(doc, "Liège", "Region"))  # a known place
