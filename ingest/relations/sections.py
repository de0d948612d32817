"""The project a stretch of a page is about: its section's heading or its record.

A page of several projects gives each one a heading ("Projekt: X", "X" on a line of
its own) and writes the figures of a project below it ("EU contribution: EUR X"), so a
sentence or field that names no project belongs to the project of its section.
"""

from __future__ import annotations

import re

from innograph.ingest.amounts import find_money
from innograph.ingest.reading.doc import doc_blocks
from innograph.ingest.reading.layout import block_index
from innograph.ingest.relations.cues import (
    LEADS,
    PARTICIPATES_IN,
    compiled_budget_cues,
    compiled_labels,
)
from innograph.ingest.relations.fields import field_lines
from innograph.ingest.relations.text import PROJECT_TYPES, DocView, Segment

# A field's label before the name on a heading line ("Project:", "Projet :").
_LABEL = re.compile(r"^(?:[^:]{1,30}:|(?:project|projet|projekt|vorhaben)\b)\s*", re.I)
# A field label that speaks of the project ("Projectduur", "Projektlaufzeit", "Project").
_PROJECT_LABEL = re.compile(r"\b(?:project|projekt|projet)", re.I)
# Quotes around a name on a heading line ("Projekt „Moorwelt“").
_QUOTES = "„“”\"'‘’«» "


def _is_heading(view: DocView, seg: Segment) -> bool:
    """A short line of its own without a closing full stop: a section title or a record's
    first field ("Project: Solar Bridge")."""
    line = _line_of(view, seg)
    return 0 < len(line) <= 100 and not line.endswith(".") and not _role_line(line)


def _line_of(view: DocView, seg: Segment) -> str:
    line_start = view.text.rfind("\n", 0, seg.start) + 1
    line_end = view.text.find("\n", seg.end)
    return view.text[line_start : line_end if line_end >= 0 else len(view.text)].strip()


def _role_line(line: str) -> bool:
    """A "Lead partner: X" / "Partners: X" field: it names a record's partner (the
    entity stage may take a partner for a project), never the record's project."""
    return any(
        label.relation in (LEADS, PARTICIPATES_IN) and rx.match(line)
        for label, rx in compiled_labels()
    )


def section_project(
    view: DocView, seg_i: int, types: tuple[str, ...] = ("Project",), lookback: int = 12
) -> str | None:
    """The project whose section or record a sentence naming no project stands in.

    On a page of several projects, each under its own heading ("Projekt: X", "X" on a
    line of its own), the figures of a section belong to the project its heading names,
    provided nothing from the heading down to the sentence names another project.
    """
    found: str | None = None
    # a project named as the one this builds on ("vervolg op X") heads no section
    earlier = view.predecessors | view.continued_projects
    for j in range(seg_i - 1, max(-1, seg_i - 1 - lookback), -1):
        seg = view.segments[j]
        keys = {r.key for r in seg.refs if r.type in types} - earlier
        named = _named_heading(view, seg, types)
        if named is not None:
            keys = {named}
        if keys and _role_line(_line_of(view, seg)):
            continue
        if len(keys) > 1 or (keys and found is not None and keys != {found}):
            return None
        if keys:
            found = next(iter(keys))
            if _is_heading(view, seg):
                return found
    return None


def paragraph_project(view: DocView, seg_i: int) -> str | None:
    """The one project the paragraph of a sentence names up to the sentence's end, not
    counting one it builds on: a paragraph about one project of several ("A, led by X,
    ... The total costs are EUR Y.") states that project's figures."""
    seg = view.segments[seg_i]
    blocks = doc_blocks(view.doc)
    i = block_index(blocks, seg.start)
    if i is None:
        return None
    earlier = view.predecessors | view.continued_projects
    keys = {
        r.key
        for r in view.refs_in(blocks[i].start, seg.end)
        if r.type in PROJECT_TYPES and r.key not in earlier
    }
    return next(iter(keys)) if len(keys) == 1 else None


def _named_heading(view: DocView, seg: Segment, types: tuple[str, ...]) -> str | None:
    """The project a heading line with no mention names by the written name of one of
    its mentions elsewhere ("Solar Bridge" on a line of its own, "Project: Solar Bridge"):
    the entity stage may miss a name that stands alone."""
    if seg.refs or not _is_heading(view, seg):
        return None
    line = _LABEL.sub("", _line_of(view, seg)).strip(_QUOTES).casefold()
    keys = {
        r.key
        for r in view.refs
        if r.type in types and " ".join(view.text[r.start : r.end].split()).casefold() == line
    }
    return next(iter(keys)) if len(keys) == 1 else None


def fields_owner(view: DocView, offset: int, *, stacked: bool = False) -> str | None:
    """The project a block of fields with no name of its own describes: the page's main
    project, when the field at ``offset`` stands among other fields of which one names
    a partner or the project ("Lead partner: ...", "Project duration: ...") and in no
    record of another project. A label
    with its sum on the next line ("Total budget" / "EUR X") is the project's only on
    a page that names no other project and names it in its title (a programme's page
    may name one project it funds beside the programme's own budget)."""
    if stacked:
        refs = [r for r in view.refs if r.type in ("Project", "S3Platform")]
        if len({r.key for r in refs}) != 1 or refs[0].start >= view.title_end:
            return None
        return refs[0].key
    main = view.main_project
    blocks = doc_blocks(view.doc)
    i = block_index(blocks, offset)
    if main is None or i is None or blocks[i].kind != "field":
        return None
    lo, hi = i, i
    while lo > 0 and blocks[lo - 1].kind == "field":
        lo -= 1
    while hi + 1 < len(blocks) and blocks[hi + 1].kind == "field":
        hi += 1
    # a project's record: another field names its partners or says "project"
    # ("Projectduur:", "Lead partner:"), not a programme's key figures
    if hi == lo or not any(
        _PROJECT_LABEL.search(blocks[j].label)
        or _role_line(view.text[blocks[j].start : blocks[j].end].strip())
        for j in range(lo, hi + 1)
        if j != i
    ):
        return None
    record = view.record_at(offset, ("Project", "S3Platform"))
    return main.key if record is None or record.head.key == main.key else None


# "Budget" or "Project budget" alone as a label
_BUDGET_LABEL = re.compile(
    r"[ \t•*-]*(?:project\s*|projekt\s*|projet\s*)?budget[ \t]*:?[ \t]*", re.I
)


def field_budgets(view: DocView) -> dict[str, float]:
    """Project key -> the sum of a total-budget field, its label alone on its line
    ("Total budget" / "EUR 1.234.567") or before a colon ("Totaal budget: EUR X"), for
    the project of its section, or the page's one project: a sentence splitter may cut
    a field at its colon, so the field is read from its line."""
    out: dict[str, float] = {}
    for lo, label_end, hi, stacked in field_lines(view.text):
        label = view.text[lo:label_end].partition(":")[0]
        if not (
            _BUDGET_LABEL.fullmatch(label)
            or any(cue.strength >= 3 and rx.search(label) for cue, rx in compiled_budget_cues())
        ):
            continue
        owner = section_project(
            view, view.segment_index_at(lo), ("Project", "S3Platform")
        ) or fields_owner(view, lo, stacked=stacked)
        value_start = label_end if stacked else view.text.index(":", lo) + 1
        moneys = find_money(view.text[value_start:hi])
        if owner is not None and len(moneys) == 1:
            out.setdefault(owner, moneys[0].value)
    return out
