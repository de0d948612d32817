"""The records of a page: the stretches of its text given to one entity each.

A heading, a list item, a "Project: X" field or a paragraph that opens with a name gives
the text after it to that entity until the next record of its type (``DocView.records``):
a partner field or cue without a project in its sentence is the record's project's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from innograph.ingest.reading.layout import Block

PROJECT_TYPES = ("Project", "S3Platform")


@dataclass(frozen=True, slots=True)
class Ref:
    """A mention placed in the text: its entity key, type and character offsets."""

    key: str
    type: str
    start: int
    end: int
    root: int | None = None  # index of the span's syntactic root token, when parsed
    implicit: bool = False  # stands for "this project" or the document's main project


# What may stand before the name that opens a record: bullets, numbering ("1.", "1A -"),
# quotes; and what follows it in a paragraph that it opens: a dash, colon or bracket.
_RECORD_PREFIX = re.compile(r"^[\W_]*(?:\d{1,2}[a-zA-Z]?\s*[-–.):]\s*)?[\W_]*$")
_RECORD_SEPARATOR = re.compile(r"^[\s\"'”“’»]*(?:[-–—:(]|$)")
# What may stand before a project that opens a paragraph as its subject: an article and
# the project noun ("The X project ...", "Het project X ...", "Das Projekt X ...", "Le
# projet X ...").
_PROJECT_OPENING = re.compile(
    r"^[\W_]*(?:(?:the|het|dit|das|dieses|le|ce)\s+)?"
    r"(?:(?:new|nieuwe|neue|nouveau)\s+)?(?:(?:project|projekt|projet|vorhaben)\s+)?$",
    re.I,
)
# Field labels that name the record's own entity ("Project: X", "Projekt: X").
_RECORD_FIELD = re.compile(
    r"^(?:project|projekt|projet|acronym|akronym|acroniem|acronyme|title|titel|titre)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Record:
    """A stretch of the page given to one entity: [start, end) and its opening mention."""

    head: Ref
    start: int
    end: int
    kind: str  # the kind of the block that opens it: heading, item, field or paragraph


# Between two projects of one coordinated subject ("A en B starten", "The A and B
# projects", "Le projet A et le projet B").
_COORDINATION = re.compile(
    r"^\s*(?:,|&|and|en|und|et|as well as|sowie|ainsi que)\s*"
    r"(?:(?:the|het|das|le|la|de)\s+)?(?:(?:project|projekt|projet)\s+)?$",
    re.I,
)


def _coordinated_project(refs: Sequence[Ref], first: Ref, text: str) -> bool:
    """Whether ``first`` is coordinated with another project ("A en B starten."): a
    paragraph whose subject is several projects is no one project's record."""
    after = [r for r in refs if r.start >= first.end]
    return bool(
        after
        and after[0].type in PROJECT_TYPES
        and after[0].key != first.key
        and _COORDINATION.match(text[first.end : after[0].start])
    )


def page_records(
    blocks: Sequence[Block], refs_in: Callable[[int, int], list[Ref]], text: str
) -> list[Record]:
    """The page's records in text order: the stretches given to one entity each.

    A heading opens a record for each entity type it names one entity of; a list
    item, or a "Project: X" field, for the name it opens with; a paragraph for the
    name it opens with when a dash, a colon or a bracket follows ("FutureBEEing -
    Bis 2030 ...", "Solar Bridge (2023-2026): ..."), or when that name is a
    project's, the paragraph's subject ("Het project X ontwikkelt ..."). A record
    lasts until the next one of the same entity type opens; one opened by an item, a
    field or a paragraph also ends at the next heading.

    ``refs_in`` gives the mentions between two offsets, in text order.
    """
    heads: list[tuple[Ref, int]] = []
    for i, block in enumerate(blocks):
        refs = refs_in(block.start, block.end)
        if not refs:
            continue
        if block.kind == "heading":
            keys: dict[str, set[str]] = {}
            for r in refs:
                keys.setdefault(r.type, set()).add(r.key)
            heads += [
                (next(r for r in refs if r.type == typ), i)
                for typ, named in keys.items()
                if len(named) == 1
            ]
            continue
        start = block.start
        if block.kind == "field":
            if not _RECORD_FIELD.search(block.label):
                continue
            start = block.value_start
        first = refs[0]
        if (
            block.kind == "paragraph"
            and first.type in PROJECT_TYPES
            and _PROJECT_OPENING.match(text[start : first.start])
            and not _coordinated_project(refs, first, text)
        ):
            # a paragraph about one project of several ("Het project X ontwikkelt ...
            # Projectpartners zijn A en B"): its partners and lead are that project's;
            # under the project's own heading it opens nothing new
            last = next((h for h, _ in reversed(heads) if h.type == first.type), None)
            if last is None or last.key != first.key:
                heads.append((first, i))
            continue
        if not _RECORD_PREFIX.match(text[start : first.start]):
            continue
        if block.kind == "paragraph" and not _RECORD_SEPARATOR.match(text[first.end : block.end]):
            continue
        heads.append((first, i))
    out: list[Record] = []
    for n, (head, i) in enumerate(heads):
        kind = blocks[i].kind
        end = len(text)
        for later, j in heads[n + 1 :]:
            if later.type == head.type and j != i:
                end = blocks[j].start
                break
        if kind != "heading":
            nxt = next((b.start for b in blocks[i + 1 :] if b.kind == "heading"), end)
            end = min(end, nxt)
        out.append(Record(head, blocks[i].start, end, kind))
    return out
