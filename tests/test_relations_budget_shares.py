"""A grant stated as the share of a project's budget that a programme pays
(``relations/shares.py``), on sentences written here with invented names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import extract_relations

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc

ENTS: Entities = {
    "Korvalink": ("kv", "Project"),
    "Brakveld": ("bv", "Project"),
    "EFRO": ("efro", "FundingProgramme"),
    "EFRE": ("efre", "FundingProgramme"),
    "ERDF": ("erdf", "FundingProgramme"),
}


def _grants(text: str, lang: str) -> dict[tuple[str, str], float | None]:
    doc, mentions = make_doc(text, ENTS, lang=lang)
    return {
        (r.source, r.target): r.amount_eur
        for r in extract_relations(doc, mentions, lang=lang)
        if r.type == "FUNDED_BY"
    }


def test_the_share_after_of_which_is_the_referred_projects_grant() -> None:
    text = (
        "Das Projekt Korvalink ist gestartet. Das Investitionsvolumen beträgt insgesamt "
        "287.818 €, wovon 144.883 € aus dem EFRE kommen."
    )
    assert _grants(text, "de").get(("kv", "efre")) == 144883


def test_the_share_goes_to_the_project_whose_budget_the_sentence_gives() -> None:
    # the next record's name right after the sentence does not take the share
    text = (
        "Korvalink\n\nKorvalink bouwt warmtenetten. De totale begroting bedraagt 2,48 "
        "miljoen euro; daarvan komt 1.240.000 euro uit het EFRO.\n\nBrakveld\n\n"
        "Brakveld meet de zoutwaarde van het grondwater."
    )
    grants = _grants(text, "nl")
    assert grants.get(("kv", "efro")) == 1240000
    assert grants.get(("bv", "efro")) is None


def test_a_whole_without_a_budget_word_gives_no_share() -> None:
    text = "Korvalink counts 25 partners; of which 12 come from the ERDF regions."
    assert not any(v for v in _grants(text, "en").values())
