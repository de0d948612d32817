"""Person names in EN/NL/DE/FR on sentences written here (invented people), end to end
through each language's pipeline, and the first-name lexicon's filters."""

from __future__ import annotations

import pytest

from innograph.ingest.entities.persons import first_names, is_first_name, person_spans
from innograph.ingest.entities.spans import SPAN_ENTITIES
from innograph.ingest.nlp import pipeline


def _typed(lang: str, text: str) -> dict[str, str]:
    doc = pipeline(lang)(text)
    return {span.text: span.label_ for span in doc.spans[SPAN_ENTITIES]}


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        (
            "nl",
            "Het plan is opgesteld door Annelies van der Wouterveen.",
            "Annelies van der Wouterveen",
        ),
        ("nl", "Gisteren sprak Pieter-Jan Brouckmolen met de pers.", "Pieter-Jan Brouckmolen"),
        ("nl", "De bijdrage van J. de Vlierhoven werd gewaardeerd.", "J. de Vlierhoven"),
        (
            "nl",
            "Namens de raad tekende Marieke Dijkhof-van den Akkerveld.",
            "Marieke Dijkhof-van den Akkerveld",
        ),
        (
            "en",
            "Since 2011 Pieter Van den wolkhove has chaired the board.",
            "Pieter Van den wolkhove",
        ),
        ("nl", "Het woord was aan Saskia van der kleimolen.", "Saskia van der kleimolen"),
        ("de", "Danach sprach Hans-Jürgen Krausewitz über den Hafen.", "Hans-Jürgen Krausewitz"),
        ("de", "Die Förderung überreichte Herr Dr. Wolkenbach den Partnern.", "Wolkenbach"),
        ("de", "Eingeladen waren Karl Friedrich Obermoser und andere.", "Karl Friedrich Obermoser"),
        ("fr", "Le projet est suivi par Mme Delacroixe depuis mars.", "Delacroixe"),
        (
            "fr",
            "Jean-Luc MARTINVALLE et ses collègues ont présenté le bilan.",
            "Jean-Luc MARTINVALLE",
        ),
        (
            "en",
            "The keynote was given by Ingrid von Hallerstein last year.",
            "Ingrid von Hallerstein",
        ),
    ],
)
def test_person_names_in_every_language(lang: str, text: str, person: str) -> None:
    assert _typed(lang, text).get(person) == "Person"


def test_a_name_with_an_organisation_word_is_not_a_person() -> None:
    typed = _typed("en", "Funding came from the Anna Brightwater Foundation in 2020.")
    assert all(label != "Person" for label in typed.values())
    typed = _typed("nl", "De Stichting Anna Brightwater steunt het onderzoek.")
    assert all(label != "Person" for label in typed.values())


def test_a_person_part_of_a_longer_name_is_not_cut_out() -> None:
    doc = pipeline("en")("She applied for the Julia Merriwether Fellowships in May.")
    assert not person_spans(doc)


def test_a_lower_case_word_after_one_lower_case_particle_is_no_surname() -> None:
    doc = pipeline("nl")("Toen kwam Saskia de volgende dag terug.")
    assert not person_spans(doc)


def test_german_articles_are_not_particles() -> None:
    doc = pipeline("de")("Heute übergab Frau Kessendorf den Bescheid an die Stadt.")
    assert [s.text for s in person_spans(doc)] == ["Kessendorf"]


def test_acronyms_are_not_first_names() -> None:
    doc = pipeline("en")("The MARIA CONSORTIUM met the partners.")
    assert not person_spans(doc)
    assert not is_first_name("MARIA", "en")


def test_first_name_lexicon_comes_with_frequencies_and_common_words() -> None:
    names = first_names()
    assert len(names) > 5000
    assert is_first_name("Maria", "nl")
    # A first name that is an ordinary word in a language is no evidence there.
    common = [name for name, (_freq, langs) in names.items() if "en" in langs]
    assert common and not is_first_name(common[0], "en")


def test_german_nominal_phrases_are_not_organisations() -> None:
    typed = _typed(
        "de",
        "Dafür stehen im Rahmen der Förderung insgesamt drei Millionen Euro bereit, "
        "sagte sie am Montag in Kleinwaldheim.",
    )
    assert "Millionen Euro" not in typed
    assert not any(name.startswith("Rahmen") for name in typed)


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("fr", "Le Ministre Vandercastel a salué les lauréats.", "Vandercastel"),
        ("de", "Das sei ein Anfang, sagt Projektleiterin Wolkenbach am Montag.", "Wolkenbach"),
        ("en", "Minister Harrowgate opened the new lab.", "Harrowgate"),
    ],
)
def test_a_post_written_as_a_title_before_a_surname_names_a_person(
    lang: str, text: str, person: str
) -> None:
    typed = _typed(lang, text)
    assert typed.get(person) == "Person"
    assert not any(name.startswith(("Ministre", "Projektleiterin", "Minister ")) for name in typed)


def test_a_post_before_a_body_or_a_lower_case_post_is_no_person() -> None:
    assert _typed("nl", "Daarna besloten Gedeputeerde Staten tot steun.").get("Staten") != "Person"
    typed = _typed("en", "Anna Brouwersma (director Kleimolenwerk) spoke first.")
    assert typed.get("Kleimolenwerk") != "Person"


def test_a_role_before_an_article_or_a_body_gives_no_person() -> None:
    typed = _typed("en", "He spoke as Regional Minister of the Acme Valley last year.")
    assert typed.get("Acme Valley") != "Person"
    assert (
        _typed("en", "She is the chair of the Nordlicht Harbour since May.").get(
            "Nordlicht Harbour"
        )
        != "Person"
    )
    typed = _typed("nl", "Volgens Gedeputeerde Staten van Zeeland gaat het project door.")
    assert "Staten van Zeeland" not in typed or typed["Staten van Zeeland"] != "Person"
