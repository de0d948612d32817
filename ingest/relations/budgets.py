"""The total budget of a project: the sum after a budget cue ("total budget", "totale
begroting", "Gesamtkosten", "coût total") in a sentence that gives it to one project.

A sum that is a grant ("EUR 2m of funding"), one contributor's part ("EUR 1m by the
region"), a cap or a rate, or a share after "of which" is no budget; a sentence about
several projects gives their total, no one project's.
"""

from __future__ import annotations

import re

from innograph.ingest.amounts import MoneySpan
from innograph.ingest.relations.amounts import (
    OF_WHICH_BEFORE,
    PROJECT_WORD,
    SEVERAL_PROJECTS,
    is_cap_or_rate,
    money_in,
)
from innograph.ingest.relations.cues import compiled_budget_cues
from innograph.ingest.relations.sections import (
    field_budgets,
    paragraph_project,
    section_project,
)
from innograph.ingest.relations.text import PROJECT_TYPES, DocView, Segment

# "€7 miljoen aan subsidie", "€2m of funding": the amount is a grant, not a budget
_GRANT_AFTER = re.compile(
    r"^\s*(?:aan|of|in|d['’]|de|an)?\s*(?:subsid|grant|steun|funding|financ|förder|aide)", re.I
)
# "EUR 130 million by the state and EUR 240 million by the region": one contributor's
# part, not the whole
_BY_AFTER = re.compile(r"^\s*(?:euros?\s+)?(?:door|by|von|par|from)\s", re.I)


def extract_project_budgets(view: DocView) -> dict[str, float]:
    """Entity key -> total budget in EUR, for projects whose budget the text states.

    When one project gets several candidates, a sentence that names the project beats
    one that refers back to it, then a stronger cue ("total budget") beats a weaker one
    ("is invested"), then the earlier one wins.
    """
    best: dict[str, tuple[int, int, int, float]] = {}
    order = 0
    for seg_i, seg in enumerate(view.segments):
        moneys = money_in(view, seg.start, seg.end)
        if not moneys:
            continue
        for cue, rx in compiled_budget_cues():
            for m in rx.finditer(view.text, seg.start, seg.end):
                money = _budget_money(view, seg, moneys, m.start(), m.end(), cue.money)
                if (
                    money is None
                    or _budget_of_opener(view, seg, m.start())
                    or _cue_modifies_noun(view, m.end(), moneys)
                ):
                    continue
                found = budget_project(view, seg, seg_i, money)
                if found is None:
                    continue
                project, named = found
                order += 1
                rank = (int(named), cue.strength, -order, money.value)
                if project not in best or rank[:3] > best[project][:3]:
                    best[project] = rank
    for key, value in field_budgets(view).items():
        best.setdefault(key, (0, 3, 0, value))
    return {key: rank[3] for key, rank in best.items()}


# the word right after a cue
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _cue_modifies_noun(view: DocView, cue_end: int, moneys: list[MoneySpan]) -> bool:
    """Whether the cue is a modifier of the noun right after it ("the total investment
    need of EUR 40 million"): the sum is that noun's (a need, an estimate), no budget."""
    word = _NEXT_WORD.match(view.text, cue_end, cue_end + 40)
    if word is None or any(m.start <= word.start(1) < m.end for m in moneys):
        return False
    token = view.token_at(word.start(1))
    return token is not None and token.pos_ == "NOUN"


def _budget_of_opener(view: DocView, seg: Segment, cue_start: int) -> bool:
    """Whether the budget is that of a name other than a project opening the sentence
    just before the cue ("Acme has a total budget of"): not the page's project's."""
    opener = seg.refs[0] if seg.refs else None
    return (
        opener is not None
        and opener.type not in PROJECT_TYPES
        and not view.text[seg.start : opener.start].strip()
        and 0 <= cue_start - opener.end <= 25
    )


def _budget_money(
    view: DocView, seg: Segment, moneys: list[MoneySpan], cs: int, ce: int, where: str
) -> MoneySpan | None:
    usable = [
        m
        for m in moneys
        if not is_cap_or_rate(view, m, seg.start)
        and not OF_WHICH_BEFORE.search(view.text[max(seg.start, m.start - 30) : m.start])
        and not _GRANT_AFTER.match(view.text[m.end : m.end + 30])
        and not _BY_AFTER.match(view.text[m.end : m.end + 30])
    ]
    after = [m for m in usable if m.start >= ce and m.start - ce <= 80]
    before = [m for m in usable if m.end <= cs and cs - m.end <= 80]
    if where in ("after", "either") and after:
        first = after[0]
        if not any(ce <= o.start < first.start for o in moneys):
            return first
    if where in ("before", "either") and before:
        last = before[-1]
        if not any(last.end <= o.start < cs for o in moneys):
            return last
    return None


def _programme_budget(view: DocView, seg: Segment, money: MoneySpan) -> bool:
    """Whether a sentence naming a funding programme and no project states the
    programme's money ("With the new programme EUR 440 million is invested in ..."),
    not that of a project it funds with a smaller sum written before the whole ("It
    receives EUR 1.6 million from the ERDF for a total budget of EUR 2.8 million")."""
    text = view.text[seg.start : seg.end]
    if not any(r.type == "FundingProgramme" for r in seg.refs) or PROJECT_WORD.search(text):
        return False
    return not any(
        m.end <= money.start and m.value < money.value
        for m in money_in(view, seg.start, money.start)
    )


def budget_project(
    view: DocView, seg: Segment, seg_i: int, money: MoneySpan
) -> tuple[str, bool] | None:
    """The project a budget belongs to and whether the sentence names it: named in the
    sentence, referred to ("the project"), or the one the text was just about."""
    # a project named as the one this builds on ("the predecessor X") is not the one
    # whose figures the page gives
    projects = [r for r in seg.refs if r.type == "Project" and r.key not in view.predecessors]
    if len({r.key for r in projects}) > 1 or SEVERAL_PROJECTS.search(
        view.text[seg.start : seg.end]
    ):
        return None  # a sentence about several projects: the figure is not one's budget
    if projects:
        return projects[0].key, True
    # Unnamed ("the project"), the budget is the one project's only when the page
    # names no other project (chosen on the train split: 11 -> 6 wrong budgets) but
    # those it builds on.
    named = (
        {r.key for r in view.refs if r.type == "Project"}
        - view.predecessors
        - view.continued_projects
    )
    if len(named) != 1:
        section = section_project(view, seg_i)
        if section is not None:
            return section, False
        # a paragraph about one project of several gives that project's figures
        paragraph = paragraph_project(view, seg_i)
        if paragraph is None or _programme_budget(view, seg, money):
            return None
        return paragraph, False
    if _programme_budget(view, seg, money):
        return None
    ref = view.anaphor(seg, seg.start, seg.end, ("Project",), seg_index=seg_i)
    if ref is None:
        ref = view.previous_of(("Project",), seg.start, seg_index=seg_i, lookback=3)
    if ref is None:
        return None
    # "The projects A and B were approved. In total EUR X is invested": a figure referring
    # back to a sentence about several projects is their sum, not one project's budget
    antecedent = next(
        (
            view.segments[i]
            for i in range(seg_i, max(-1, seg_i - 7), -1)
            if any(r.key == ref.key for r in view.segments[i].refs)
        ),
        None,
    )
    if antecedent is not None and SEVERAL_PROJECTS.search(
        view.text[antecedent.start : antecedent.end]
    ):
        return None
    return ref.key, False
