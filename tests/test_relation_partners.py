"""Partners of a project whose two names are both found but stand apart: a sentence that
refers to the project ("this project"), a list of bodies by a sentence of the page's own
project.

Short texts written for these tests; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import candidates

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc

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
