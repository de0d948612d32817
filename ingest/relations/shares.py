"""A grant stated as the share of a project's budget that a programme pays.

"The total budget is EUR 2.4 million, of which EUR 1.2 million comes from the ERDF",
"De totale begroting bedraagt 2,48 miljoen euro; daarvan komt 1.240.000 euro uit het
EFRO", "das Investitionsvolumen beträgt 287.818 €, wovon 144.883 € aus dem EFRE kommen":
the sentence often names neither the project (it refers back to it) nor calls the share a
grant. The whole is the budget of the project the budget rule finds for it (named in the
sentence, referred to, or the page's one project); the share after "of which" is that
project's grant from the programme named after the share, or from its one programme when
the sentence names none.
"""

from __future__ import annotations

import re

from innograph.ingest.amounts import MoneySpan
from innograph.ingest.relations.amounts import (
    OF_WHICH_BEFORE,
    budget_spans,
    is_budget,
    money_in,
)
from innograph.ingest.relations.budgets import budget_project
from innograph.ingest.relations.text import DocView, Segment, squash
from innograph.ontology.facts import RelationFact

# The share is said to come from what follows ("from", "uit", "aus", "de", "par", "by")
_SOURCE_AFTER = re.compile(
    r"^[^.;€\d]{0,40}?\b(?:from|by|under|uit|van|door|aus|von|vom|durch|de|du|des|par)\b", re.I
)
CONFIDENCE = 0.8


def share_grants(view: DocView, facts: list[RelationFact]) -> list[RelationFact]:
    """Give each project the share of its budget that a sentence says a programme pays:
    the amount on its FUNDED_BY (a new one when the sentence states the funding alone),
    taken from another project's relation to the same programme that held it. The new
    relations are returned."""
    funded = {(f.source, f.target): f for f in facts if f.type == "FUNDED_BY"}
    new: list[RelationFact] = []
    for seg_i, seg in enumerate(view.segments):
        found = _share(view, seg, seg_i)
        if found is None:
            continue
        project, programme, share = found
        holders = [f for f in funded.values() if f.amount_eur == share.value]
        if any(f.source == project for f in holders):
            continue
        programmes = [t for (s, t) in funded if s == project]
        if programme is None:
            if len(programmes) != 1:
                continue
            programme = programmes[0]
        fact = funded.get((project, programme))
        if fact is None:
            fact = RelationFact(
                "FUNDED_BY", project, programme, squash(view.text[seg.start : seg.end]), CONFIDENCE
            )
            funded[(project, programme)] = fact
            new.append(fact)
        if fact.amount_eur is None:
            fact.amount_eur = share.value
            # the sentence's whole is this project's budget: another project that got
            # the share from the same programme (its name next to the sentence) loses it
            for other in holders:
                if other.target == programme:
                    other.amount_eur = None
    return new


def _share(view: DocView, seg: Segment, seg_i: int) -> tuple[str, str | None, MoneySpan] | None:
    """(project, programme or None, share) when the sentence gives a whole and the share
    of it that a programme pays; None otherwise."""
    moneys = money_in(view, seg.start, seg.end)
    if len(moneys) != 2:
        return None
    whole, share = moneys
    text = view.text
    if not OF_WHICH_BEFORE.search(text[max(seg.start, share.start - 30) : share.start]):
        return None
    if not is_budget(view, whole, moneys, budget_spans(view, seg.start, seg.end)):
        return None
    found = budget_project(view, seg, seg_i, whole)
    if found is None:
        return None
    after = text[share.end : seg.end]
    source = _SOURCE_AFTER.match(after)
    if source is None:
        return None
    programmes = [r for r in view.refs_in(share.end, seg.end) if r.type == "FundingProgramme"]
    if programmes and programmes[0].start - share.end > 80:
        programmes = []
    return found[0], (programmes[0].key if programmes else None), share
