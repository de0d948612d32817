"""The town after a listed organisation: "- Acme Coatings SA, Velderdam", "Acme Institute
(Velderdam)".

Partner and member lists give each organisation on its own line with the town it sits
in, after a comma or in brackets, and nothing after it. Small towns are in no gazetteer
and are often also words of the language ("Assen", "Leer"), so the layout is the
evidence: one capitalised word closing such a line, right after a name that opens it.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from innograph.ingest.entities.name_runs import is_distinctive_word
from innograph.ingest.entities.spans import BULLETS
from innograph.ingest.relations.affiliation import is_role_word
from innograph.ingest.relations.cues import any_label


def _line_ends(doc: Doc, i: int) -> bool:
    """Token ``i`` is past the last token of its line."""
    return i >= len(doc) or "\n" in doc[i].text or "\n" in doc[i - 1].whitespace_


def _opens_line(doc: Doc, i: int) -> bool:
    """Token ``i`` is the first of its line, bullets aside."""
    while i > 0 and doc[i - 1].text in BULLETS:
        i -= 1
    return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_


def names_a_role(doc: Doc, start: int, end: int) -> bool:
    """The run ``start:end`` is one word naming a role or a field ("Coordinator",
    "Partner", "Koordinator", "Penvoerder"): what a listed organisation does, no name."""
    word = doc[start].text
    return end - start == 1 and bool(any_label().fullmatch(word) or is_role_word(word, doc.lang_))


def town_after_listed_name(
    doc: Doc, start: int, end: int, names: Iterable[tuple[int, int, str]]
) -> bool:
    """The one-word run ``start:end`` closes a list line after an organisation's name that
    opens it (``names``: start, end and type of the names found), behind a comma or in
    brackets: the organisation's town."""
    if end - start != 1 or start < 2:
        return False
    word = doc[start].text
    if not word[:1].isupper() or word.isupper() or is_distinctive_word(word) or "." in word:
        return False
    if names_a_role(doc, start, end):
        return False  # "- Acme BV, Coordinator": the organisation's role, not its town
    before = doc[start - 1].text
    if before == "(":
        if end >= len(doc) or doc[end].text != ")" or not _line_ends(doc, end + 1):
            return False
    elif before != "," or not _line_ends(doc, end):
        return False
    org_end = start - 1
    return any(
        e == org_end and label == "Organisation" and _opens_line(doc, s) for s, e, label in names
    )
