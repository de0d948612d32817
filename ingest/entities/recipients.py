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

from spacy.tokens import Doc

from innograph.ingest.entities.gazetteer_lexicon import ORG_HEADS
from innograph.ingest.entities.grouping import Group
from innograph.ingest.entities.receiving import receives_sum
from innograph.ingest.entities.spans import cached_fold as fold

BODY_HEADS = ORG_HEADS - {"lab", "labs", "laboratory", "laboratories", "laboratorium"}


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
