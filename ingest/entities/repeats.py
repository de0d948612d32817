"""Other occurrences of a name the page's components found once.

A name read where a cue or the layout vouches for it ("the project TransLink", a bullet
under "The selected projects:") is the same name where the page repeats it without that
evidence ("TransLink Nord connects ..." opening a paragraph, where sentence-initial
capitals prove nothing). There the components may read a shorter, weaker name (the
place "Nord") or none at all, and the relations stated there lose their end. One sense
per document: each repetition of a chosen name of two or more words (or one distinctive
word: CamelCase, digits, an acronym) is a mention of it too, unless a longer or crossing
name was chosen over those words.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from innograph.ingest.entities.coined_projects import COINED_FLAG
from innograph.ingest.entities.weak import is_distinctive

# A repetition's type vote: none of its own, the evidence is the first reading's.
REPEAT_WEIGHT = 0.0


def _repeatable(span: Span) -> bool:
    """A name whose words alone identify it: two or more words, or one distinctive."""
    if len(span) >= 2:
        return any(t.is_alpha and t.text[:1].isupper() for t in span)
    # an invented word read as a project where a construction vouched for it
    return is_distinctive(span.text) or span.kb_id_ == COINED_FLAG


def with_repeated_names(doc: Doc, chosen: list[tuple[Span, float]]) -> list[tuple[Span, float]]:
    """``chosen`` (non-overlapping mentions with their type weight) with every other
    occurrence of a repeatable name added; shorter mentions inside an occurrence give way
    to it ("Nord" in "TransLink Nord"), a longer or crossing one keeps its words."""
    names: dict[tuple[str, ...], Span] = {}
    for span, _weight in chosen:
        if _repeatable(span):
            names.setdefault(tuple(t.text for t in span), span)
    if not names:
        return chosen
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(names, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    owner: list[int | None] = [None] * len(doc)  # token -> index of its chosen mention
    for k, (span, _weight) in enumerate(chosen):
        for i in range(span.start, span.end):
            owner[i] = k
    dropped: set[int] = set()
    added: list[tuple[Span, float]] = []
    i = 0
    while i < len(doc):
        for words in by_first.get(doc[i].text, []):
            end = i + len(words)
            if end > len(doc) or tuple(t.text for t in doc[i:end]) != words:
                continue
            inside = {k for k in owner[i:end] if k is not None}
            spans = [chosen[k][0] for k in inside]
            if any(s.start < i or s.end > end for s in spans):
                break  # a longer or crossing name was chosen over these words
            if any(s.start == i and s.end == end for s in spans):
                break  # this occurrence is read already
            first = names[words]
            dropped.update(inside)
            added.append((Span(doc, i, end, label=first.label_, kb_id=first.kb_id_), REPEAT_WEIGHT))
            i = end - 1  # the scan goes on after the occurrence
            break
        i += 1
    if not added:
        return chosen
    kept = [c for k, c in enumerate(chosen) if k not in dropped]
    return sorted(kept + added, key=lambda c: c[0].start)
