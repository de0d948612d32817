"""Guards on model-only affiliations (``relations.affiliation``): a role tying the person
to another organisation of the sentence, or a quotation mark between the two, says the
pairing is not what the text states. Sentences and names are invented."""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations.affiliation import looks_like_person, unstated_affiliation
from innograph.ingest.relations.text import DocView

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import ENTS, make_doc
else:
    from test_relations import ENTS, make_doc


def _unstated(text: str, person: str, org: str, *, lang: str = "en") -> bool:
    doc, mentions = make_doc(text, ENTS, lang=lang)
    view = DocView(doc, mentions)
    p = next(r for r in view.refs if r.key == person)
    o = min((r for r in view.refs if r.key == org), key=lambda r: abs(r.start - p.start))
    return unstated_affiliation(view, p, o, lang)


def test_a_role_of_another_organisation_in_brackets_excludes_the_others() -> None:
    text = "Acme Labs invited Jane Peeters (director of Beta University) and Tom Jansen."
    assert _unstated(text, "jane", "acme")
    assert not _unstated(text, "jane", "beta")


def test_organisation_role_person_excludes_whom_the_person_speaks_to() -> None:
    text = "Acme Labs rector Jane Peeters told Beta University on Monday that it works."
    assert _unstated(text, "jane", "beta")
    assert not _unstated(text, "jane", "acme")


def test_role_before_the_organisation_and_titles_before_the_person() -> None:
    text = "Der Rektor der Acme Labs, Prof. Dr. Jane Peeters, besuchte die Beta University."
    assert _unstated(text, "jane", "beta", lang="de")
    assert not _unstated(text, "jane", "acme", lang="de")


def test_a_person_without_a_role_is_left_to_the_model() -> None:
    text = "Jane Peeters joined Acme Labs after years at Beta University."
    assert not _unstated(text, "jane", "acme")
    assert not _unstated(text, "jane", "beta")


def test_an_organisation_named_in_a_quote_is_not_the_speakers() -> None:
    text = '"Beta University did the tests for the town", says engineer Jane Peeters.'
    assert _unstated(text, "jane", "beta")


def test_a_speaker_who_says_we_of_the_organisation_speaks_for_it() -> None:
    text = 'Jane Peeters: "What we at Acme Labs take on is no small thing."'
    assert not _unstated(text, "jane", "acme")
    text = 'Jane Peeters: "Wij van Acme Labs doen mee."'
    assert not _unstated(text, "jane", "acme", lang="nl")


def test_a_person_who_comes_from_another_organisation_is_not_the_one_before() -> None:
    text = "Jane Peeters brings expertise from Acme Labs and Tom Jansen comes from Beta University."
    assert _unstated(text, "tom", "acme")
    assert not _unstated(text, "tom", "beta")
    assert not _unstated(text, "jane", "acme")
    text = "Jane Peeters von der Acme Labs und Tom Jansen von der Beta University sprachen."
    assert _unstated(text, "tom", "acme", lang="de")
    assert not _unstated(text, "tom", "beta", lang="de")


def test_a_place_office_holder_is_not_affiliated_with_what_he_visits() -> None:
    text = "Mayor Jane Peeters opened the new lab of Acme Labs on Monday."
    assert _unstated(text, "jane", "acme")
    text = "Bürgermeister Jane Peeters eröffnet die neue Schule der Acme Labs."
    assert _unstated(text, "jane", "acme", lang="de")


def test_a_place_office_holder_keeps_an_organisation_tied_by_a_role() -> None:
    text = "Jane Peeters, mayor and chair of Acme Labs, visited Beta University."
    assert not _unstated(text, "jane", "acme")
    assert _unstated(text, "jane", "beta")


def test_a_name_with_a_first_name_or_a_title_looks_like_a_person() -> None:
    ents = {**ENTS, "Green Growth": ("gg", "Person"), "Peeters": ("pe", "Person")}
    doc, mentions = make_doc("Jane Peeters met Dr. Peeters at Green Growth.", ents)
    view = DocView(doc, mentions)
    assert looks_like_person(view, "jane", "en")
    assert looks_like_person(view, "pe", "en")
    assert not looks_like_person(view, "gg", "en")


def test_the_european_union_is_known_by_its_names_and_not_the_commission() -> None:
    from innograph.ingest.relations import _UNION, _keys_named

    ents = {
        **ENTS,
        "EU": ("eu", "Organisation"),
        "UE": ("ue", "Organisation"),
        "European Commission": ("ec", "Organisation"),
    }
    text = "Jane Peeters, account manager EU affairs at Acme Labs, met the European Commission."
    doc, mentions = make_doc(text, ents)
    assert _keys_named(DocView(doc, mentions), _UNION) == {"eu"}
    doc, mentions = make_doc("Jane Peeters dit que l'UE finance Acme Labs.", ents, lang="fr")
    assert _keys_named(DocView(doc, mentions), _UNION) == {"ue"}


def test_an_organisation_named_with_another_person_is_not_tied_to_one_named_apart() -> None:
    text = (
        "The visitors were Tom Jansen and Dr. Anna Smit. "
        "Mayor Jane Peeters showed them the new lab of Acme Labs."
    )
    doc, mentions = make_doc(text, {**ENTS, "Anna Smit": ("anna", "Person")})
    view = DocView(doc, mentions)
    assert view.paired_elsewhere("acme", "tom", ("Person",))
    assert not view.paired_elsewhere("acme", "jane", ("Person",))  # named together
    doc, mentions = make_doc("Tom Jansen spoke. Acme Labs opened a lab.", ENTS)
    assert not DocView(doc, mentions).paired_elsewhere("acme", "tom", ("Person",))
    assert _unstated(text, "tom", "acme")
