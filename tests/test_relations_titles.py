"""A person's title naming an organisation by a word of its name, the organisation named
elsewhere on the page (``relations.affiliation.titled_orgs``). Sentences and names are
invented."""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations.affiliation import titled_orgs
from innograph.ingest.relations.text import DocView

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc, relations
else:
    from test_relations import Entities, make_doc, relations

ENTS: Entities = {
    "Jane Peeters": ("jane", "Person"),
    "Tom Jansen": ("tom", "Person"),
    "Westerlandse overheid": ("west", "Organisation"),
    "ministerie van Kustzaken": ("kust", "Organisation"),
    "Havenkwartier Noord": ("haven", "Organisation"),
    "Kommission Nordmark": ("komm", "Organisation"),
    "Advice Partners": ("advice", "Organisation"),
    "Beta University": ("beta", "Organisation"),
}


def _titled(text: str, person: str, lang: str) -> set[str]:
    doc, mentions = make_doc(text, ENTS, lang=lang)
    return titled_orgs(DocView(doc, mentions), person, lang)


def _affiliations(text: str, lang: str) -> set[tuple[str, str]]:
    return {
        (r.source, r.target)
        for r in relations(text, ENTS, lang=lang)
        if r.type == "AFFILIATED_WITH"
    }


def test_an_adjective_before_the_office_names_the_government_sentences_away() -> None:
    text = (
        "Westerlands minister van Havens Jane Peeters opende de nieuwe kade. Er kwamen "
        "veel bezoekers. Het geld komt van de Westerlandse overheid."
    )
    assert _titled(text, "jane", "nl") == {"west"}
    assert ("jane", "west") in _affiliations(text, "nl")


def test_a_bracket_after_the_name_names_the_ministry() -> None:
    text = (
        "Dat meldt staatssecretaris Tom Jansen (Kustzaken). Volgens het ministerie van "
        "Kustzaken is de dijk klaar."
    )
    assert _titled(text, "tom", "nl") == {"kust"}


def test_a_compound_office_names_its_body() -> None:
    text = (
        "Die Kommission Nordmark fördert das Netz. Kommissionspräsidentin Jane Peeters "
        "sprach am Montag in der Stadthalle."
    )
    assert _titled(text, "jane", "de") == {"komm"}


def test_the_portfolio_after_the_office_is_not_an_organisation_of_the_title() -> None:
    text = "Westerlands minister van Havenzaken Jane Peeters bezocht het Havenkwartier Noord."
    assert "haven" not in _titled(text, "jane", "nl")


def test_words_before_a_name_without_a_role_are_no_title() -> None:
    text = "Good advice came from Jane Peeters. Advice Partners paid for the study."
    assert _titled(text, "jane", "en") == set()
    assert ("jane", "advice") not in _affiliations(text, "en")


def test_a_title_that_names_its_organisation_ties_no_other() -> None:
    text = (
        "Beta University director Jane Peeters opened the day. Westerlandse overheid "
        "sent a director as well."
    )
    assert _titled(text, "jane", "en") == set()
