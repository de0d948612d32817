"""Relations stated by page layouts: labelled fields and address blocks.

"Lead partner: X", "Partners:\\nA\\nB", "Coordinator: X Partners: A, B" (a layout
flattened onto one line), "Toegekende subsidie Interreg: € 1.000" relate the field's
values to the document's main project; "Organisation\\nCity, Country" places an
organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from innograph.ingest.relations.cues import (
    FUNDED_BY,
    LEADS,
    LIST_WORDS,
    LOCATED_IN,
    any_label,
    compiled_inline_labels,
    compiled_labels,
)
from innograph.ingest.relations.rosters import roster_relations
from innograph.ingest.relations.rules import ORG_TYPES, Found, allowed
from innograph.ingest.relations.text import PROJECT_TYPES, DocView, Ref, line_spans, squash
from innograph.ontology.terms import relation_type

_LABEL_TAIL = re.compile(r"^([^:\n.]{0,40}):[ \t]*(.*)$|^[ \t]*$")
_PROSE = 14  # a value line with more words than this is running text, not a field value
# A label inside running text ("... between the following parties: A, B and C. The
# project runs ...") holds its value up to the end of its sentence.
_SENTENCE_END = re.compile(r"[.!?;](?=\s+[^\W\d_])")
# A long value line is still a field value when names fill most of it ("A (Ghent), B, C
# and D"): this share of its characters at least, with this many names.
_NAME_LIST_SHARE = 0.5
_NAME_LIST_MIN = 3


def _refs_in(view: DocView, lo: int, hi: int) -> list[Ref]:
    return view.refs_in(lo, hi)


@dataclass(frozen=True, slots=True)
class _LabelHit:
    start: int  # offset of the label in the line
    label_end: int  # end of the label words
    value_start: int  # after the colon (or the label end when there is none)
    relation: str
    confidence: float


def _label_hits(line: str) -> list[_LabelHit]:
    """Field labels in a line: one at its start ("Partners:", "Main institution"), and
    "Label: value" pairs anywhere (layouts flattened onto one line)."""
    hits: list[_LabelHit] = []
    # a field is a short line or has a colon; running text needs no closer look
    if (":" not in line and len(line.split()) > 6) or not any_label().search(line):
        return hits
    for label, rx in compiled_labels():
        m = rx.match(line)
        if m and (tail := _LABEL_TAIL.match(line[m.end() :])):
            colon = m.end() + (len(tail.group(1)) + 1 if tail.group(1) is not None else 0)
            hits.append(_LabelHit(m.start(), m.end(), colon, label.relation, label.confidence))
            break
    for label, rx in compiled_inline_labels():
        for m in rx.finditer(line):
            if any(h.start <= m.start() < h.value_start for h in hits):
                continue
            hits.append(_LabelHit(m.start(), m.end(1), m.end(), label.relation, label.confidence))
    hits.sort(key=lambda h: h.start)
    return hits


def _is_label_line(text: str) -> bool:
    return any(h.start == 0 or not text[: h.start].strip() for h in _label_hits(text))


def layout_relations(view: DocView) -> Iterator[Found]:
    """Relations stated by labelled fields ("Lead partner: X", "Partners:\\nA\\nB",
    "Coordinator: X Partners: A, B") and address blocks ("Organisation\\nCity, Country")."""
    text = view.text
    lines = line_spans(text)
    for li, (ls, le) in enumerate(lines):
        hits = _label_hits(text[ls:le])
        for n, hit in enumerate(hits):
            named = _refs_in(view, ls + hit.label_end, ls + hit.value_start)
            # "partners in Ghent and Bruges:" names where the partners are, not whose
            if any(r.type != "Region" for r in named) and hit.relation != FUNDED_BY:
                continue  # "lead of Acme: ..." names what it leads: no field of the main project
            value_end = ls + (hits[n + 1].start if n + 1 < len(hits) else le - ls)
            if text[ls : ls + hit.start].strip() and (
                stop := _SENTENCE_END.search(text, ls + hit.value_start, value_end)
            ):
                value_end = stop.start()  # a label in running text: its sentence only
            value_start = ls + (hit.label_end if hit.relation == FUNDED_BY else hit.value_start)
            if text[ls + hit.value_start : value_end].strip() or hit.relation == FUNDED_BY:
                value = [(value_start, value_end)]
            else:
                value = []
            if not text[ls + hit.value_start : value_end].strip() and n + 1 == len(hits):
                value += _value_lines(view, lines, li, single=hit.relation == LEADS)
            owner = (
                _sentence_project(view, ls + hit.start)
                if text[ls : ls + hit.start].strip()
                else None
            )
            yield from _label_field(view, (ls, ls + hit.value_start), value, hit, owner)
    yield from _address_blocks(view, lines)
    yield from roster_relations(view)


def _value_lines(
    view: DocView, lines: list[tuple[int, int]], li: int, *, single: bool
) -> list[tuple[int, int]]:
    """The lines after a label line that hold its value(s)."""
    out: list[tuple[int, int]] = []
    for ls, le in lines[li + 1 :]:
        line = view.text[ls:le]
        if not line.strip():
            if out:
                break
            continue
        if _is_label_line(line) or (len(line.split()) > _PROSE and not _name_list(view, ls, le)):
            break
        out.append((ls, le))
        if single or len(out) >= 30:
            break
    return out


def _name_list(view: DocView, start: int, end: int) -> bool:
    """Whether names fill most of the line [start, end) outside brackets: a list of them
    ("A (a part of A / another part), B, C and D"), not prose."""
    refs = _own_entities(view, start, end)
    inside = [False] * (end - start)
    depth = 0
    for i, ch in enumerate(view.text[start:end]):
        depth += (ch == "(") - (ch == ")")
        inside[i] = depth > 0 or ch == ")"
    outside = inside.count(False)
    named = sum(1 for r in refs for i in range(r.start - start, r.end - start) if not inside[i])
    return len(refs) >= _NAME_LIST_MIN and named >= _NAME_LIST_SHARE * max(outside, 1)


def _own_entities(view: DocView, lo: int, hi: int) -> list[Ref]:
    """The mentions of a field value that are its items, not attached to one.

    In "Acme Labs (Ghent), Beta University (Faculty of Science / Gamma Institute)" or
    "Acme Labs, Ghent" what stands in brackets after a name, or is a place right after a
    name, tells where that item is or what part of it takes part: the items are the
    names themselves.
    """
    text = view.text
    refs = _refs_in(view, lo, hi)
    out: list[Ref] = []
    for i, ref in enumerate(refs):
        prev = refs[i - 1] if i else None
        depth = text[lo : ref.start].count("(") - text[lo : ref.start].count(")")
        after = text[ref.end : refs[i + 1].start if i + 1 < len(refs) else hi]
        place = (
            prev is not None
            and ref.type == "Region"
            and prev.type in ORG_TYPES
            and _PLACE_GAP.match(text[prev.end : ref.start])
            and _ITEM_END.match(after)  # "Acme, Ghent)" but not "Acme, Ghent, Bruges and ..."
        )
        if depth <= 0 and not place and _opens_item(text[lo : ref.start]):
            out.append(ref)
    return out


def _opens_item(before: str) -> bool:
    """Whether a name after ``before`` opens a list item: only list words ("and", "the")
    stand between it and the last separator ("University of Ghent" is no item "Ghent")."""
    last = _ITEM_SEPARATOR.split(before)[-1]
    return all(w.lower() in LIST_WORDS for w in re.findall(r"[^\W\d_][\w'’-]*", last))


_ITEM_SEPARATOR = re.compile(r"[,;/•·:\n()]|\s(?:and|en|et|und|or|oder|ou)\s")
_PLACE_GAP = re.compile(r"^\s*[,(–-]\s*$")
_ITEM_END = re.compile(r"^\s*(?:[);.\n]|$)")


def _sentence_project(view: DocView, at: int) -> Ref | None:
    """The one project named before ``at`` in its sentence ("The Solar Bridge project is
    run by a consortium of partners from Ghent and Bruges: ..."), else None."""
    seg = view.segments[view.segment_index_at(at)]
    named = {r.key: r for r in seg.refs if r.type in PROJECT_TYPES and r.end <= at}
    if len(named) != 1:
        return None
    ref = next(iter(named.values()))
    return Ref(ref.key, ref.type, -1, -1, implicit=True)


def _label_field(
    view: DocView,
    label: tuple[int, int],
    value: list[tuple[int, int]],
    hit: _LabelHit,
    owner: Ref | None = None,
) -> Iterator[Found]:
    """The field's values related to the project the label's sentence names (a label in
    running text), else the project whose record holds the field (each project of a page
    listing several has its own "Partners:"), else the main project."""
    record = view.record_at(label[0], PROJECT_TYPES) if owner is None else None
    main = owner or (
        Ref(record.head.key, record.head.type, -1, -1, implicit=True)
        if record is not None
        else view.main_project
    )
    if not value or main is None:
        return
    term = relation_type(hit.relation)
    lo, hi = value[0][0], value[-1][1]
    region = (label[0], hi)
    evidence = squash(view.text[label[0] : hi])
    rule = f"layout:label:{hit.relation}" + (
        ":sentence" if owner is not None else ":record" if record is not None else ""
    )
    for ref in _own_entities(view, lo, hi):
        if ref.key == main.key:
            continue
        if ref.type in term.domain and allowed(hit.relation, ref.type, main.type):
            yield Found(hit.relation, ref, main, hit.confidence, region, evidence, label, rule=rule)
        elif ref.type in term.range and allowed(hit.relation, main.type, ref.type):
            yield Found(hit.relation, main, ref, hit.confidence, region, evidence, label, rule=rule)


_REGION_LINE_REST = re.compile(r"^[\s,.;:/\-–()\d]*$")


def _address_blocks(view: DocView, lines: list[tuple[int, int]]) -> Iterator[Found]:
    """ "Organisation\\nCity, Country": a name alone on its line, regions on the next."""
    text = view.text
    for li, (ls, le) in enumerate(lines[:-1]):
        refs = _refs_in(view, ls, le)
        if len(refs) != 1 or refs[0].type not in ORG_TYPES:
            continue
        org = refs[0]
        rest = text[ls : org.start] + text[org.end : le]
        if len(rest.strip()) > 3:
            continue
        nxt = next(((s, e) for s, e in lines[li + 1 : li + 3] if text[s:e].strip()), None)
        if nxt is None:
            continue
        ns, ne = nxt
        regions = [r for r in _refs_in(view, ns, ne) if r.type == "Region"]
        others = [r for r in _refs_in(view, ns, ne) if r.type != "Region"]
        if not regions or others:
            continue
        rest = text[ns:ne]
        for r in sorted(regions, key=lambda r: -r.start):
            rest = rest[: r.start - ns] + rest[r.end - ns :]
        rest = re.sub(r"\([^)]*\)", "", rest)
        if not _REGION_LINE_REST.match(rest):
            continue
        evidence = squash(text[ls:ne])
        for r in regions:
            if allowed(LOCATED_IN, org.type, r.type) and r.key != org.key:
                yield Found(LOCATED_IN, org, r, 0.75, (ls, ne), evidence, rule="layout:address")
