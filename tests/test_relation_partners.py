"""Partners of a project whose two names are both found but stand apart: a repeat of the
project's name the entity stage did not mark, a sentence that refers to the project
("this project"), a list of bodies by a sentence of the page's own project.

Short texts written for these tests; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import candidates
from innograph.ingest.relations.text import DocView

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc

NL: Entities = {
    "Nordlicht": ("nl", "Project"),
    "Zeebrug": ("zb", "Project"),
    "Acme Robotica": ("acme", "Organisation"),
    "Beta Instituut": ("beta", "Organisation"),
    "Gamma Werkplaats": ("gamma", "Organisation"),
}


def _first_mentions(text: str, ents: Entities, lang: str) -> tuple[DocView, list[str]]:
    """The view of ``text`` given only the first mention of each entity (as when the
    entity stage marks a name once), and the keys of the view's mentions in order."""
    doc, mentions = make_doc(text, ents, lang=lang)
    seen: set[str] = set()
    first = []
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            first.append(m)
    view = DocView(doc, first)
    return view, [r.key for r in view.refs]


def test_an_unread_repeat_of_a_project_name_is_a_mention() -> None:
    text = (
        "Het programma keurde twee projecten goed: Nordlicht en Zeebrug.\n"
        "In de eerste fase bouwt Nordlicht een proefopstelling aan de kust. Acme Robotica "
        "en Beta Instituut leveren de sensoren.\n"
        "Zeebrug start in mei."
    )
    view, keys = _first_mentions(text, NL, "nl")
    assert keys == ["nl", "zb", "nl", "acme", "beta", "zb"]
    # the repeat stands in the sentence before the partners: one sentence apart
    seg = {r.key: view.segment_index_at(r.start) for r in view.refs}
    assert seg["acme"] - seg["nl"] <= 1


def test_no_repeat_of_a_short_name_or_a_german_noun() -> None:
    ents: Entities = {
        "Leuchtturm": ("lt", "Project"),
        "Brücke Nord": ("bn", "Project"),
        "Acme Robotik": ("acme", "Organisation"),
    }
    text = (
        "Das Projekt Leuchtturm und das Projekt Brücke Nord starten.\n"
        "Am Leuchtturm endet die Brücke Nord über den Fluss; Acme Robotik baut sie."
    )
    _view, keys = _first_mentions(text, ents, "de")
    # "Leuchtturm" is also a German noun: its repeat is not read; "Brücke Nord" is a name
    assert keys == ["lt", "bn", "bn", "acme"]
    short: Entities = {"Orca": ("orca", "Project"), "NOX": ("nox", "Project")}
    _view, keys = _first_mentions("Orca and NOX start. Orca grows, NOX too.", short, "en")
    assert keys == ["orca", "nox", "orca"]


EN: Entities = {
    "Solar Bridge": ("sb", "Project"),
    "Acme Labs": ("acme", "Organisation"),
    "Beta University": ("beta", "Organisation"),
    "Gamma Institute": ("gamma", "Organisation"),
    "Belgium": ("be", "Region"),
    "France": ("fr", "Region"),
    "Germany": ("de", "Region"),
    "Ghent": ("ghent", "Region"),
}


def _features(text: str, ents: Entities, src: str, dst: str, lang: str = "en") -> set[str]:
    doc, mentions = make_doc(text, ents, lang=lang)
    for cand in candidates(doc, mentions, lang=lang):
        if (cand.type, cand.source, cand.target) == ("PARTICIPATES_IN", src, dst):
            return {f.split("|", 1)[1] for f in cand.features}
    raise AssertionError(f"no candidate PARTICIPATES_IN {src}->{dst}")


def test_a_sentence_that_refers_to_the_project() -> None:
    text = (
        "Solar Bridge builds solar roofs for schools.\n"
        "Acme Labs and Beta University test the prototype of this project in every town."
    )
    assert "s_sentence_refers_t" in _features(text, EN, "acme", "sb")
    text = "Solar Bridge builds solar roofs.\nAcme Labs makes solar panels."
    assert "s_sentence_refers_t" not in _features(text, EN, "acme", "sb")


def test_a_list_of_bodies_by_a_sentence_of_the_pages_project() -> None:
    text = (
        "Solar Bridge\n\n"
        "Acme Labs, Beta University and Gamma Institute build the pilot plant near the "
        "harbour. Solar Bridge runs until 2027."
    )
    assert "s_group_by_main_t" in _features(text, EN, "beta", "sb")
    text = "Solar Bridge\n\nAcme Labs builds the pilot plant. Solar Bridge runs until 2027."
    assert "s_group_by_main_t" not in _features(text, EN, "acme", "sb")
