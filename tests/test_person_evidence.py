"""Names that look like a person's but that the text calls an organisation, and people
the first-name lexicon misses but the text shows (invented names and sentences)."""

from __future__ import annotations

import pytest

from innograph.ingest.entities.persons import is_first_name
from innograph.tests.entity_spans import entity_spans, groups_of


def _types(lang: str, text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for span in entity_spans(lang, text):
        out.setdefault(span.text, set()).add(span.label_)
    return out


def test_a_french_first_name_with_an_accented_capital_is_a_first_name() -> None:
    assert is_first_name("Émeline", "fr")
    assert not is_first_name("État", "fr")
    text = "Contact : Émeline Dravoncourt, Région Bretagne – presse@example.org"
    assert _types("fr", text)["Émeline Dravoncourt"] == {"Person"}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "en",
            "Suppliers include Vellekamp Harsveld, an injection moulder based in Tilburg.",
            "Vellekamp Harsveld",
        ),
        ("fr", "Portanel Sarrazy, une PME de Rennes, présente ses capteurs.", "Portanel Sarrazy"),
    ],
)
def test_a_company_described_after_a_comma_is_an_organisation(
    lang: str, text: str, name: str
) -> None:
    assert _types(lang, text)[name] == {"Organisation"}


@pytest.mark.parametrize(
    "text",
    [
        "Anna Groeneveld, the company's founder, opened the hall.",
        "Pauline Verhagen, a company director from Breda, opened the hall.",
    ],
)
def test_a_persons_post_in_a_company_keeps_the_person(text: str) -> None:
    name = " ".join(text.split()[:2]).rstrip(",")
    assert _types("en", text)[name] == {"Person"}


def test_a_companys_name_without_its_legal_form_is_the_company() -> None:
    text = (
        "The dyeing trials run at Tessari Colori S.r.l. in Padova. "
        "Next year Tessari Colori will ship the first yarn to the partners."
    )
    spans = entity_spans("en", text)
    groups = groups_of(spans)
    assert {"Tessari Colori S.r.l.", "Tessari Colori"} in groups.values()
    assert {s.label_ for s in spans if s.text.startswith("Tessari")} == {"Organisation"}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "en",
            "Posted on 3 May 2025 by Ilmars Ozoliņš, Senior Funding Consultant",
            "Ilmars Ozoliņš",
        ),
        (
            "nl",
            '"Het werkt goed", zegt Ilmars Ozoliņš, programmamanager bij Acme Zorg.',
            "Ilmars Ozoliņš",
        ),
    ],
)
def test_a_name_before_a_comma_and_a_personal_post_is_a_person(
    lang: str, text: str, name: str
) -> None:
    assert _types(lang, text)[name] == {"Person"}


def test_an_article_after_de_opens_no_name_of_a_kind_noun() -> None:
    text = "Le projet est piloté par la Scierie coopérative de la Vezouze, à Blâmont."
    assert "Vezouze" not in _types("fr", text)
