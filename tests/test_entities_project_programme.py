"""A name before a project word is the project's name ("het Zonnekap-project") unless the
phrase says it is one project of that name's: an indefinite article opens it ("een
verkennend VELD-project") or the project's own name follows ("het VELD-project
Zonnekap"). Then the name is the project's programme, which funds the project named
before the phrase ("Daklicht, een klein VELD-project"). Sentences written here with
invented names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.tests.entity_spans import entity_spans

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, relations, triples
else:
    from test_relations import Entities, relations, triples


def _found(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in entity_spans(lang, text)}


def test_a_name_after_an_indefinite_article_and_before_a_project_word_is_a_programme() -> None:
    found = _found("nl", "Nieuws. Zonnekap bouwt voort op Daklicht, een verkennend VELD-project.")
    assert ("VELD", "FundingProgramme") in found, found
    assert ("VELD", "Project") not in found, found


def test_a_name_before_a_compound_project_word_and_a_project_name_is_a_programme() -> None:
    found = _found("nl", "Nieuws. Eerder leidde de hogeschool het VELD-project Daklicht.")
    assert ("VELD", "FundingProgramme") in found, found
    assert ("Daklicht", "Project") in found, found


def test_a_name_before_a_project_word_alone_is_the_project() -> None:
    found = _found("nl", "Nieuws. Eerder leidde de hogeschool het Zonnekap-project in Gent.")
    assert ("Zonnekap", "Project") in found, found


ENTS: Entities = {
    "Daklicht": ("dl", "Project"),
    "VELD": ("veld", "FundingProgramme"),
}


def test_a_project_described_as_one_of_a_programme_with_an_adjective_is_funded_by_it() -> None:
    for text, lang in (
        ("Zonnekap bouwt voort op Daklicht, een verkennend VELD-project uit 2023.", "nl"),
        ("Zonnekap builds on Daklicht, a small VELD project from 2023.", "en"),
    ):
        assert ("FUNDED_BY", "dl", "veld") in triples(relations(text, ENTS, lang=lang)), text
