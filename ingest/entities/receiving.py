"""Whether a sentence gives a named thing a sum: "Nordlicht receives EUR 2 million",
"EUR 300,000 goes to the Acme Test Lab" (kept apart from ``recipients`` so that the name
finders, which run before any grouping, can read it too)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from innograph.ingest.amounts import find_money
from innograph.ingest.entities.spans import COORDINATORS, DISJUNCTIONS
from innograph.ingest.relations.lexicon import amount_words, transfer_target

# How far the sum may stand from the verb of receiving ("receives a grant of EUR X").
_SUM_AFTER_VERB = 40


def receives_sum(doc: Doc, span: Span) -> bool:
    """Whether the sentence of ``span`` gives it a sum: "<span> receives <sum>" or
    "<sum> goes to (the project) <span>"."""
    sent = span.sent
    if _coordinated(doc, span):
        return False  # "EUR N goes to A and B": a sum for them both, no sign of either
    # the sentence's own text: Doc.text is rebuilt from every token on each read
    text = sent.text
    after = text[span.end_char - sent.start_char :]
    verb = amount_words("receive").match(after, len(after) - len(after.lstrip()))
    if verb is not None:
        moneys = find_money(after[verb.end() : verb.end() + _SUM_AFTER_VERB + 30])
        if moneys and moneys[0].start <= _SUM_AFTER_VERB:
            return True
    before = text[: span.start_char - sent.start_char]
    return bool(
        transfer_target().search(before)
        and amount_words("transfer").search(before)
        and find_money(before)
    )


def _coordinated(doc: Doc, span: Span) -> bool:
    """Whether a name stands in a list: "and", "or" or a comma right before or after it."""
    sent = span.sent
    before = doc[span.start - 1].lower_ if span.start > sent.start else ""
    after = doc[span.end].lower_ if span.end < sent.end else ""
    return any(w == "," or w in COORDINATORS or w in DISJUNCTIONS for w in (before, after))
