"""A name ending in a company's legal form ("Acme SA", "Beispiel AG") is an organisation,
whatever the statistical NER guessed for its short form (``entities/patterns.py``);
sentences written here with invented names."""

from __future__ import annotations

from innograph.ingest.entities.patterns import ends_with_legal_form, type_of_run
from innograph.ingest.entities.spans import SPAN_ENTITIES, SPAN_PATTERNS
from innograph.ingest.nlp import pipeline


def test_legal_forms_after_a_name() -> None:
    for form in ("SA", "AG", "SARL", "Ltd", "e.V.", "B.V.", "GmbH"):
        assert ends_with_legal_form(form), form
    # Two-letter forms that are also words count only in capitals or with a dot.
    for word in ("As", "Et", "Da", "Haven"):
        assert not ends_with_legal_form(word), word


def test_a_run_ending_in_a_legal_form_names_an_organisation() -> None:
    assert type_of_run(["Navelor", "SA"], "fr") == "Organisation"
    assert type_of_run(["Brenwik", "Bouwadvies", "B.V."], "nl") == "Organisation"


def test_the_rules_type_the_name_with_its_legal_form() -> None:
    # The rules' own span: it outweighs the statistical NER's guess for the name.
    doc = pipeline("fr")(
        "Actualités. Les travaux du port sont confiés à Navelor SA, à Charleroi. "
        "« Nous sommes prêts », souligne Marc Dupuis, directeur de Navelor."
    )
    ruled = {(s.text, s.label_) for s in doc.spans[SPAN_PATTERNS]}
    assert ("Navelor SA", "Organisation") in ruled, ruled
    found = {(s.text, s.label_) for s in doc.spans[SPAN_ENTITIES]}
    assert ("Navelor SA", "Organisation") in found, found
