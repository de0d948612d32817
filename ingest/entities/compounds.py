"""A known name inside a longer name: "Oder-Neisse Euregion", "Roosendaal- Heerenveen",
"Robotix4 Europe"; and the words that name nothing on their own. Kept apart from ``assemble``,
which asks these questions of the gazetteer's spans."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span

from innograph.ingest.entities.gazetteer_lexicon import NOT_A_NAME_ALONE, STOP_CAPITALISED
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.spans import is_name_token

# A hyphen or an en dash joining the parts of a double name ("Rhein-Neckar").
JOINING_DASHES = frozenset({"-", "–"})


def no_name_word(word: str) -> bool:
    """A word that names nothing on its own: an article, a number ("19.", "450.000",
    "vingt-sept")."""
    return all(
        part in STOP_CAPITALISED
        or part in NOT_A_NAME_ALONE
        or part.replace(".", "").replace(",", "").isdigit()
        for part in word.split("-")
    )


def inside_compound(span: Span) -> bool:
    """A known name glued by a hyphen to a capitalised word is part of a longer name
    ("Oder-Neisse Euregion", "Rheinland Pfalz", "Rhein-Neckar"), not itself."""
    doc, start, end = span.doc, span.start, span.end
    left = (
        start >= 2
        and doc[start - 1].text in JOINING_DASHES
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].text[:1].isupper()
    )
    # "Roosendaal- Heerenveen": the first part and its hyphen are one token, a space follows.
    left = left or (
        start >= 1
        and len(doc[start - 1].text) > 1
        and doc[start - 1].text[-1] in JOINING_DASHES
        and doc[start - 1].text[:1].isupper()
    )
    right = (
        end + 1 < len(doc)
        and doc[end].text in JOINING_DASHES
        and not doc[end].whitespace_
        and not doc[end - 1].whitespace_
        and doc[end + 1].text[:1].isupper()
    )
    return left or right


def europe_in_a_name(span: Span) -> bool:
    """ "Europe" next to another name word belongs to that name ("Robotix4 Europe",
    "Europe Direct"): only the continent standing alone is the place."""
    if span.kb_id_ != "europe":
        return False
    doc, start, end = span.doc, span.start, span.end
    before = (
        start > 0
        and not doc[start].is_sent_start
        and is_name_token(doc[start - 1])
        and not no_name_word(fold(doc[start - 1].text))  # "Sinds Europa ...": a preposition
    )
    after = end < len(doc) and is_name_token(doc[end]) and not doc[end].is_sent_start
    return bool(before or after)


def known_names_side_by_side(span: Span, known: list[Span]) -> bool:
    """A run of capitals made of nothing but known names side by side, one of them a
    programme or fund ("Zorbfonds Quastria", "QuastraProg Zorbfonds"): those names, each
    its own mention, not one longer name. ``known``: the gazetteer's spans of the doc, in
    order of start."""
    first = bisect_left(known, span.start, key=lambda k: k.start)
    last = bisect_left(known, span.end, key=lambda k: k.start)
    inside = [k for k in known[first:last] if k.end <= span.end]
    i, parts = span.start, []
    while i < span.end:
        longest = max((k for k in inside if k.start == i), key=len, default=None)
        if longest is None:
            return False
        parts.append(longest)
        i = longest.end
    return len(parts) >= 2 and any(p.label_ == "FundingProgramme" for p in parts)
