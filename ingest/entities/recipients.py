"""A name the text gives a grant to is a project: "Nordlicht receives EUR 2 million from
the Harbour Fund", "EUR 300,000 goes to the Acme Test Lab".

Undertakings that get money from a funding programme often carry names of no kind
("Nordlicht Engine", "Tidewater Lab"), which the NER or a default takes for
organisations; the relation stage then cannot give them their FUNDED_BY and its grant,
which the ontology reserves for projects. Where the page names a funding programme and
a sentence gives a sum to such a name (the name, a verb of receiving and the sum; or
the sum, a verb of going and "to" the name), the name is the project. A name that a
registry knows, that another rule typed, or whose own words name a body ("Acme
University", "Acme BV") keeps its type; a lab is the exception, since a lab named by its
theme is as often the undertaking a grant pays for as a body.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from innograph.ingest.amounts import find_money
from innograph.ingest.entities.gazetteer_lexicon import ORG_HEADS
from innograph.ingest.entities.grouping import Group
from innograph.ingest.entities.spans import COORDINATORS, DISJUNCTIONS
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.relations.lexicon import amount_words, transfer_target

BODY_HEADS = ORG_HEADS - {"lab", "labs", "laboratory", "laboratories", "laboratorium"}
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


def grant_recipients(doc: Doc, groups: list[Group]) -> None:
    """Type as a project each organisation, typed so only by the NER or a default, that a
    sentence gives a sum on a page naming a funding programme."""
    if not any(g.type == "FundingProgramme" for g in groups):
        return
    for group in groups:
        if group.type != "Organisation" or group.kb_ids:
            continue
        if any(s.kb_id_ and not s.kb_id_.endswith("|default") for s in group.spans):
            continue  # a rule or a registry said what it is
        if any(fold(w) in BODY_HEADS for w in group.longest.text.split()):
            continue  # "Acme University": its own words say what it is
        if any(receives_sum(doc, s) for s in group.spans):
            group.type = "Project"
