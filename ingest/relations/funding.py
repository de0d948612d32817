"""FUNDED_BY read from a page's layout: the projects of a list under the programme that
its introduction names.

"The projects chosen by the Harbour Innovation Fund are:" or "Im Rahmen des Kleinprojektefonds
wurden gefördert ..." followed by one bulleted item per project states that each project
of the list is funded by that programme (the annotation guideline: "a list under a
heading or after a colon"), though no sentence of an item names the programme. The
learned model sees only sentence distances, so these pairs rarely reach its threshold.
"""

from __future__ import annotations

import re

from innograph.ingest.relations.amounts import line_grant
from innograph.ingest.relations.cues import compiled_budget_cues
from innograph.ingest.relations.lexicon import amount_words, several_projects
from innograph.ingest.relations.rules import allowed
from innograph.ingest.relations.text import DocView, Ref, line_spans, squash
from innograph.ontology.facts import RelationFact

# A list item: a bullet or a number opening the line.
_ITEM = re.compile(r"[ \t]*(?:[-•*▪◦‣–]|\d{1,2}[.)])[ \t]+\S")
# An introduction that speaks of projects, or of their selection or funding.
_SELECTED = re.compile(
    r"\b(?:selected|approved|goedgekeurd|geselecteerd|bewilligt|genehmigt|sélectionnés"
    r"|retenus)\b",
    re.I,
)
CONFIDENCE = 0.7


def _lists(text: str) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """Each bulleted list of the text: the line introducing it and its item lines (blank
    lines may stand between items)."""
    lines = line_spans(text)
    out: list[tuple[tuple[int, int], list[tuple[int, int]]]] = []
    i = 0
    while i < len(lines):
        lo, hi = lines[i]
        if not _ITEM.match(text, lo, hi):
            i += 1
            continue
        intro = next(
            (lines[j] for j in range(i - 1, -1, -1) if text[lines[j][0] : lines[j][1]].strip()),
            None,
        )
        items = []
        while i < len(lines):
            lo, hi = lines[i]
            if _ITEM.match(text, lo, hi):
                items.append((lo, hi))
            elif text[lo:hi].strip():
                break
            i += 1
        if intro is not None and not _ITEM.match(text, *intro):
            out.append((intro, items))
    return out


def listed_under_programme(view: DocView, facts: list[RelationFact]) -> list[RelationFact]:
    """FUNDED_BY from the first project of each item of a list to the one programme the
    list's introduction names, when the introduction speaks of projects (their
    selection or funding); pairs already among ``facts`` are not repeated."""
    have = {(f.source, f.target) for f in facts if f.type == "FUNDED_BY"}
    new: list[RelationFact] = []
    for (ilo, ihi), items in _lists(view.text):
        intro = view.text[ilo:ihi]
        programmes = {r.key: r for r in view.refs_in(ilo, ihi) if r.type == "FundingProgramme"}
        if len(programmes) != 1 or not (
            several_projects().search(intro) or _SELECTED.search(intro)
        ):
            continue
        programme = next(iter(programmes.values()))
        for lo, hi in items:
            project = _first_project(view, lo, hi, programme)
            if project is None or (project.key, programme.key) in have:
                continue
            have.add((project.key, programme.key))
            new.append(
                RelationFact(
                    type="FUNDED_BY",
                    source=project.key,
                    target=programme.key,
                    evidence=squash(intro + " ... " + view.text[lo:hi])[:600],
                    confidence=CONFIDENCE,
                )
            )
    return new


def listed_grants(view: DocView, facts: list[RelationFact]) -> None:
    """Give each project of a list under a programme the one sum its item states.

    "The projects approved by the Harbour Innovation Fund with a contribution of EUR 9
    million in all:" followed by "- Acme Bridge: EUR 450,000" states each project's grant
    from that programme, when the introduction (or the item) speaks of a grant and the
    introduction names no total budget or cost (then the items' sums may be budgets). The total of
    the introduction itself is no one's. A FUNDED_BY that has a grant keeps it.
    """
    funded = {(f.source, f.target): f for f in facts if f.type == "FUNDED_BY"}
    for (ilo, ihi), items in _lists(view.text):
        intro = view.text[ilo:ihi]
        programmes = {r.key for r in view.refs_in(ilo, ihi) if r.type == "FundingProgramme"}
        if len(programmes) != 1 or any(
            cue.strength >= 3 and rx.search(intro) for cue, rx in compiled_budget_cues()
        ):
            continue
        programme = next(iter(programmes))
        for lo, hi in items:
            refs = view.refs_in(lo, hi)
            projects = {r.key for r in refs if r.type in ("Project", "S3Platform")}
            others = {r.key for r in refs if r.type == "FundingProgramme"} - {programme}
            fact = funded.get((next(iter(projects)), programme)) if len(projects) == 1 else None
            if fact is None or fact.amount_eur is not None or others:
                continue
            if not amount_words("grant").search(intro + " " + view.text[lo:hi]):
                continue
            fact.amount_eur = line_grant(view, lo, hi)


def _first_project(view: DocView, lo: int, hi: int, programme: Ref) -> Ref | None:
    for ref in view.refs_in(lo, hi):
        if ref.type in ("Project", "S3Platform") and allowed("FUNDED_BY", ref.type, programme.type):
            return ref
    return None


def _name_words(text: str) -> list[str]:
    """The words of a name, case-folded ("Nordsee VI-Programms" -> nordsee, vi, programms)."""
    return re.findall(r"\w+", text.casefold())


def most_specific_programmes(view: DocView, facts: list[RelationFact]) -> list[RelationFact]:
    """Without a project's FUNDED_BY to a programme whose name another of its programmes
    spells out further ("Interreg" beside "Interreg VI Deutschland-Nederland", "Interreg
    IV" beside "Interreg IV A"): the page names the programme that funds it; the short
    name is the family it belongs to. A relation carrying a grant is kept."""
    names: dict[str, list[str]] = {}  # each programme's longest name, in words
    for ref in view.refs:
        words = _name_words(view.text[ref.start : ref.end])
        if ref.type == "FundingProgramme" and len(words) > len(names.get(ref.key, [])):
            names[ref.key] = words
    targets: dict[str, set[str]] = {}
    for f in facts:
        if f.type == "FUNDED_BY":
            targets.setdefault(f.source, set()).add(f.target)

    def spelled_out(short: str, long: str) -> bool:
        s, w = names.get(short, []), names.get(long, [])
        return 0 < len(s) < len(w) and w[: len(s)] == s

    return [
        f
        for f in facts
        if f.type != "FUNDED_BY"
        or f.amount_eur is not None
        or not any(
            other != f.target and spelled_out(f.target, other) for other in targets[f.source]
        )
    ]
