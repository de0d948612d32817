"""Relations stated by rosters: a section headed "Our members" or "Consortium" whose
list items each open with one organisation.

"Onze leden\\n• Acme, Ghent\\n• Beta (Bruges)" makes each listed organisation a member
of the page's cluster; "Consortium\\n1. Acme, Ghent\\n...\\n2. Beta" makes each a
partner of the section's project. Category headings inside the roster ("Producers",
"Suppliers") and lines describing an item keep the roster open; a heading followed by
no list, or naming a role of its own ("Partners", "Funding"), ends it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache

from innograph.ingest.reading.doc import doc_blocks
from innograph.ingest.reading.layout import Block
from innograph.ingest.relations.cues import (
    MEMBER_OF,
    ROSTER_HEADINGS,
    ROSTER_OPENERS,
    any_label,
)
from innograph.ingest.relations.rules import ORG_TYPES, Found, allowed
from innograph.ingest.relations.text import PROJECT_TYPES, DocView, Ref, squash

# What may stand before the organisation that opens an item: a bullet or a number.
_ITEM_PREFIX = re.compile(r"^[\W_]*(?:\d{1,2}[a-zA-Z]?\s*[-–.):]\s*)?[\W_]*$")
# The type of the body whose members a roster of members lists: an organisation named
# most on a page is as often one of the members as the network itself.
_BODY_TYPES = ("Cluster",)


def _spaced(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")


@cache
def _roster_headings() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    """Each roster heading compiled to match a whole heading line."""
    return tuple(
        (
            label.relation,
            label.confidence,
            re.compile(
                rf"^[\W_]*(?:(?:{ROSTER_OPENERS})\s*)?(?:{_spaced(label.pattern)})\s*:?\s*$",
                re.IGNORECASE,
            ),
        )
        for label in ROSTER_HEADINGS
    )


def roster_heading(line: str) -> tuple[str, float] | None:
    """The relation (and confidence) a roster heading gives its items, None if ``line``
    is no roster heading."""
    for relation, confidence, rx in _roster_headings():
        if rx.match(line):
            return relation, confidence
    return None


def roster_relations(view: DocView) -> Iterator[Found]:
    """Each organisation opening an item of a roster, related to the roster's owner: a
    member of the page's cluster, a partner of the section's project."""
    blocks = doc_blocks(view.doc)
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        found = roster_heading(view.text[block.start : block.end])
        if found is None:
            continue
        relation, confidence = found
        items = [
            (item, first) for item in _items(view, blocks, i) if (first := _opening(view, item))
        ]
        listed = {first.key for _, first in items}
        owner = _owner(view, relation, block.start, listed)
        if owner is None:
            continue
        for item, first in items:
            yield from _item_relation(view, item, first, relation, confidence, owner)


def _owner(view: DocView, relation: str, at: int, listed: set[str]) -> Ref | None:
    """Whose roster it is: the page's cluster for members (none of those ``listed``),
    else the project whose record holds the heading, else the page's main project."""
    if relation == MEMBER_OF:
        return _page_body(view, listed)
    record = view.record_at(at, PROJECT_TYPES)
    if record is not None:
        return Ref(record.head.key, record.head.type, -1, -1, implicit=True)
    return view.main_project


def _page_body(view: DocView, listed: set[str]) -> Ref | None:
    """The cluster the page is about: the one named most often, when one stands out; a
    page listing the member clusters of a network is about the network, so none of the
    ``listed`` is it."""
    refs = [r for r in view.refs if r.type in _BODY_TYPES and r.key not in listed]
    ranked = Counter(r.key for r in refs).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    first = next(r for r in refs if r.key == ranked[0][0])
    return Ref(first.key, first.type, -1, -1, implicit=True)


def _items(view: DocView, blocks: Sequence[Block], heading: int) -> Iterator[Block]:
    """The list items of the roster under ``blocks[heading]``: up to a heading that no
    list item follows (a category heading followed by items keeps the roster open), or
    one that names a role of its own ("Partners", "Coordinator", "Funding")."""
    for j in range(heading + 1, len(blocks)):
        block = blocks[j]
        if block.kind == "heading":
            if j + 1 >= len(blocks) or blocks[j + 1].kind != "item":
                return
            line = view.text[block.start : block.end]
            if any_label().search(line) or roster_heading(line):
                return
            continue
        if block.kind == "item":
            yield block


def _opening(view: DocView, item: Block) -> Ref | None:
    """The organisation an item opens with (only a bullet or a number before it)."""
    refs = view.refs_in(item.start, item.end)
    if not refs or refs[0].type not in ORG_TYPES:
        return None
    if not _ITEM_PREFIX.match(view.text[item.start : refs[0].start]):
        return None
    return refs[0]


def _item_relation(
    view: DocView, item: Block, first: Ref, relation: str, confidence: float, owner: Ref
) -> Iterator[Found]:
    if first.key == owner.key:
        return
    if not allowed(relation, first.type, owner.type):
        return
    evidence = squash(view.text[item.start : item.end])
    yield Found(
        relation,
        first,
        owner,
        confidence,
        (item.start, item.end),
        evidence,
        rule=f"roster:{relation}",
    )
