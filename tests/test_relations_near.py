"""The model alone does not place an organisation, make it a member or tie a person to it
across two sentences or more, unless the other end is the page's subject (named in its
title and the most named of its type). Sentences and names are invented."""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations import _named_apart, candidates
from innograph.ingest.relations.text import DocView

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import ENTS, make_doc
else:
    from test_relations import ENTS, make_doc


def _apart(text: str, rel: str, source: str, target: str) -> bool:
    doc, mentions = make_doc(text, ENTS)
    cand = next(
        c
        for c in candidates(doc, mentions, lang="en")
        if (c.type, c.source, c.target) == (rel, source, target)
    )
    return _named_apart(DocView(doc, mentions), cand)


def test_a_person_named_sentences_away_from_an_organisation_is_apart() -> None:
    text = (
        "Open day at the harbour.\n\nJane Peeters opened the day. The weather was fine. "
        "Many visitors came. Later Acme Labs showed a robot."
    )
    assert _apart(text, "AFFILIATED_WITH", "jane", "acme")


def test_the_same_or_the_next_sentence_is_near() -> None:
    text = "Open day at the harbour.\n\nJane Peeters opened the day. Acme Labs showed a robot."
    assert not _apart(text, "AFFILIATED_WITH", "jane", "acme")
    text = "Open day.\n\nAcme Labs showed a robot. It works in Ghent."
    assert not _apart(text, "LOCATED_IN", "acme", "ghent")


def test_the_pages_subject_may_be_far() -> None:
    text = (
        "About Acme Labs\n\nAcme Labs builds robots. Acme Labs was founded in 2001. "
        "It has 40 staff. Our director is Jane Peeters."
    )
    assert not _apart(text, "AFFILIATED_WITH", "jane", "acme")


def test_a_contact_block_of_short_lines_is_near() -> None:
    text = (
        "Solar Bridge\n\nSolar Bridge builds floating panels. It runs until 2026.\n\n"
        "Contact\nJane Peeters\nProject manager\nAcme Labs\njane@acme.example"
    )
    assert not _apart(text, "AFFILIATED_WITH", "jane", "acme")
    text = text.replace(
        "Project manager\n", "Project manager\n\nThe panels float. They are blue.\n\n"
    )
    assert _apart(text, "AFFILIATED_WITH", "jane", "acme")
