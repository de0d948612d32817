"""Relation rules over a ``DocView``: cue phrases, adjacency patterns and page layouts.

Every rule proposes ``Found`` relations between mentions; the ontology decides which
source and target types a relation allows (``allowed``), so a rule never has to know
them, and a relation the ontology forbids is never proposed. Co-occurrence alone never
makes a relation: each rule needs a cue word, a punctuation pattern that states the link
("Acme (Ghent)", "Jane Doe, director of Acme") or a labelled field of a page layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from innograph.ingest.relation_cues import (
    AFFILIATED_WITH,
    FUNDED_BY,
    LEAD_ROLE_WORDS,
    LEADS,
    LOCATED_IN,
    MEMBER_OF,
    PARTICIPATES_IN,
    ROLE_WORDS,
    Cue,
    Side,
    any_label,
    compiled_inline_labels,
    compiled_labels,
    find_cues,
)
from innograph.ingest.relation_text import PROJECT_TYPES, DocView, Ref, Segment, squash
from innograph.ontology.terms import UnknownTermError, check_relation, relation_type

ORG_TYPES = ("Organisation", "Cluster")


@dataclass(slots=True)
class Found:
    """A relation proposed by a rule, with where it was read and how sure the rule is."""

    type: str
    source: Ref
    target: Ref
    confidence: float
    region: tuple[int, int]  # character range of the evidence (sentence or layout lines)
    evidence: str
    cue: tuple[int, int] | None = None  # character range of the cue phrase, if any
    amount_eur: float | None = None


@cache
def allowed(relation: str, source_type: str, target_type: str) -> bool:
    """Whether the ontology allows ``relation`` from ``source_type`` to ``target_type``."""
    try:
        check_relation(relation, source_type, target_type)
    except UnknownTermError:
        return False
    return True


def _family(entity_type: str) -> tuple[str, ...]:
    """Types that may share one coordinated list with ``entity_type``."""
    return ORG_TYPES if entity_type in ORG_TYPES else (entity_type,)


def _clamp(value: float) -> float:
    return max(0.05, min(0.99, value))


# --------------------------------------------------------------------------- cue rules
def _cue_matches(view: DocView, lang: str) -> list[list[tuple[int, int, Cue]]]:
    """Cue phrases per segment, outside mentions; a cue inside a longer one is dropped.

    Each pattern runs once over the whole text (fast), matches are then put in their
    segments."""
    per_seg: list[list[tuple[int, int, Cue]]] = [[] for _ in view.segments]
    for start, end, cues in find_cues(view.lowered, lang):
        i = view.segment_index_at(start)
        seg = view.segments[i]
        if end > seg.end or not seg.refs:
            continue
        # a cue inside a name is part of the name ("... Partnership"), but a name may
        # be glued to a cue ("EFRO-subsidie")
        if any(r.start <= start and end <= r.end for r in seg.refs):
            continue
        per_seg[i].extend((start, end, cue) for cue in cues)
    return per_seg


def _candidates(
    view: DocView, seg: Segment, cs: int, ce: int, side: Side, types: Sequence[str], reach: int
) -> list[tuple[float, Ref]]:
    """Mentions of ``types`` on ``side`` of the cue [cs, ce), with a distance to rank them."""
    cue_tok = view.token_at(cs)
    out: list[tuple[float, Ref]] = []
    for ref in seg.refs:
        if ref.type not in types:
            continue
        if ref.start < ce and cs < ref.end:  # glued to the cue: "EFRO-subsidie"
            dist = 0
        elif ref.end <= cs and side in ("left", "any"):
            dist = cs - ref.end
        elif ref.start >= ce and side in ("right", "any"):
            dist = ref.start - ce
        else:
            continue
        if dist > reach:
            continue
        score = float(dist)
        if cue_tok is not None and ref.root is not None:
            arcs = view.tree_distance(cue_tok.i, ref.root)
            # the parse breaks near-ties: a syntactic link outranks a few words of distance
            score += 12.0 * (arcs if arcs is not None else 8)
        out.append((score, ref))
    out.sort(key=lambda c: c[0])
    return out


def _pick(
    view: DocView,
    seg: Segment,
    cs: int,
    ce: int,
    side: Side,
    types: Sequence[str],
    reach: int,
    *,
    prefer_orgs: bool = False,
    exclude: str | None = None,
    tight: bool = False,
) -> Ref | None:
    # Organisations are the usual partners; a place is one only when no organisation is
    # named in the clause ("Flanders is co-lead of ...").
    wide = reach * 2 if prefer_orgs and not tight else reach
    cands = [
        (score, r)
        for score, r in _candidates(view, seg, cs, ce, side, types, wide)
        if r.key != exclude
    ]
    if prefer_orgs and any(r.type != "Region" for _, r in cands):
        cands = [(sc, r) for sc, r in cands if r.type != "Region"]
    else:
        cands = [(sc, r) for sc, r in cands if _distance(r, cs, ce) <= reach]
    return cands[0][1] if cands else None


def _distance(ref: Ref, cs: int, ce: int) -> int:
    if ref.end <= cs:
        return cs - ref.end
    if ref.start >= ce:
        return ref.start - ce
    return 0


def _implicit(
    view: DocView,
    seg: Segment,
    seg_i: int,
    cs: int,
    ce: int,
    side: Side,
    types: Sequence[str],
    *,
    allow_main: bool,
) -> Ref | None:
    """A project end not named in the cue's clause: "this project" or the main project."""
    wanted = [t for t in types if t in PROJECT_TYPES]
    if not wanted:
        return None
    lo = seg.start if side in ("left", "any") else ce
    hi = seg.end if side in ("right", "any") else cs
    ref = view.anaphor(seg, lo, hi, wanted, seg_index=seg_i)
    if ref is not None:
        return ref
    main = view.main_project
    if allow_main and main is not None and main.type in wanted:
        return main
    return None


_OWNER_AFTER = re.compile(
    r"^\s+(?:of|from|van|uit|de|du|des|von|der)\s+(?:the\s+|de\s+|het\s+)?$", re.I
)
_PARALLEL_GAP = re.compile(
    r"^(?:[^.;:()]|(?<=\d)\.(?=\d)){0,40}?,?\s*(?:and|as well as|en|alsook|et|und|sowie)\s+"
    r"(?:also\s+|ook\s+)?"
    r"(?:by|from|through|with|door|uit|van|via|par|de|du|durch|von|aus)\s+"
    r"(?:the\s+|de\s+|het\s+|la\s+|le\s+|l['’]|den\s+|dem\s+|der\s+)?$",
    re.I,
)


def _parallel(view: DocView, seg: Segment, last: Ref, types: Sequence[str]) -> list[Ref]:
    """Further ends in a parallel phrase: "funded by A with €X and by B with €Y"."""
    later = [r for r in seg.refs if r.start >= last.end]
    if not later or later[0].type not in types:
        return []
    nxt = later[0]
    if not _PARALLEL_GAP.match(view.text[last.end : nxt.start]):
        return []
    return view.expand_list(nxt, seg, types)


def _syntax_bonus(view: DocView, cs: int, ends: Sequence[Ref]) -> float:
    """+0.1 when the parse links the cue to both ends closely, -0.1 when it does not."""
    tok = view.token_at(cs)
    if not view.parsed or tok is None:
        return 0.0
    arcs = [view.tree_distance(tok.i, r.root) for r in ends if r.root is not None]
    if not arcs:
        return 0.0
    if all(a is not None and a <= 4 for a in arcs):
        return 0.1
    if any(a is None or a > 7 for a in arcs):
        return -0.1
    return 0.0


def cue_relations(view: DocView, lang: str) -> Iterator[Found]:
    """Relations stated by cue phrases, sentence by sentence."""
    matches = _cue_matches(view, lang)
    for seg_i, seg in enumerate(view.segments):
        if not matches[seg_i]:
            continue
        evidence = view.evidence(seg)
        for cs, ce, cue in matches[seg_i]:
            for rel in cue.relations:
                found = list(_apply_cue(view, seg, seg_i, cs, ce, cue, rel, evidence))
                if found:
                    yield from found
                    break


def _apply_cue(
    view: DocView, seg: Segment, seg_i: int, cs: int, ce: int, cue: Cue, rel: str, evidence: str
) -> Iterator[Found]:
    term = relation_type(rel)
    region = (seg.start, seg.end)
    if cue.group:
        first = _pick(view, seg, cs, ce, cue.source, term.domain, cue.reach)
        if first is None:
            return
        members = view.expand_list(first, seg, _family(first.type))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.key != b.key and allowed(rel, a.type, b.type):
                    conf = _clamp(cue.confidence + _syntax_bonus(view, cs, (a, b)))
                    yield Found(rel, a, b, conf, region, evidence, (cs, ce))
        return
    prefer_orgs = rel in (LEADS, PARTICIPATES_IN)
    src_reach = cue.source_reach or cue.reach
    src_side = cue.source
    if src_side == "any" and view.text[ce : ce + 2].lstrip().startswith(":"):
        src_side = "right"  # "Partners: A, B" names them after the colon
    src = _pick(
        view,
        seg,
        cs,
        ce,
        src_side,
        term.domain,
        src_reach,
        prefer_orgs=prefer_orgs,
        tight=cue.source_reach is not None,
    )
    if cue.source == "any" and src is not None and _OWNER_AFTER.match(view.text[ce : src.start]):
        return  # "the partners of Acme": Acme has partners, it is not one
    if src is None:
        src = _implicit(view, seg, seg_i, cs, ce, cue.source, term.domain, allow_main=cue.implicit)
    tgt = _pick(
        view,
        seg,
        cs,
        ce,
        cue.target,
        term.range,
        cue.reach,
        exclude=src.key if src is not None else None,
    )
    if tgt is None:
        tgt = _implicit(view, seg, seg_i, cs, ce, cue.target, term.range, allow_main=cue.implicit)
    if src is None or tgt is None or src.key == tgt.key or (src.implicit and tgt.implicit):
        return
    if tgt.implicit and term.domain == term.range:  # "builds on this project": whose?
        return
    sources = view.expand_list(src, seg, _family(src.type))
    targets = view.expand_list(tgt, seg, _family(tgt.type))
    if cue.target == "right" and not tgt.implicit:
        targets += _parallel(view, seg, targets[-1], _family(tgt.type))
    explicit = [r for r in (src, tgt) if not r.implicit]
    conf = cue.confidence + _syntax_bonus(view, cs, explicit)
    if src.implicit or tgt.implicit:
        conf -= 0.15
    for s in sources:
        for t in targets:
            if s.key != t.key and allowed(rel, s.type, t.type):
                yield Found(rel, s, t, _clamp(conf), region, evidence, (cs, ce))


# ----------------------------------------------------------------------- adjacency rules
_ROLE = rf"(?:{ROLE_WORDS})"
_LEAD_ROLE = rf"(?:{LEAD_ROLE_WORDS})"
_OF = r"(?:of|at|from|for|van|bij|uit|aan|de|du|des|chez|von|vom|der|bei)"
_DET = r"(?:the|de|het|la|le|l'|l’|der|die|das)"
_IN_PLACE = re.compile(r"^\s*,?\s*(?:in|uit|te|from|à|aus|in the|in de|in het)\s+$", re.I)
# "from Flanders Investment & Trade": the place is the first word of a longer name
_NAME_GOES_ON = re.compile(r"^\s?(?:&|[A-Z][\w-]*\b(?!,))")
_PAREN_OPEN = re.compile(r"^\s*\(\s*$")
_DASH = re.compile(r"^\s*[–—-]\s*$")
_PERSON_OF = re.compile(rf"^\s*,?\s*(?:\(\s*|{_OF}\s+(?:{_DET}\s+)?)$", re.I)
_APPOSITION = re.compile(
    rf"^\s*,\s*[^,.;()]{{0,60}}?\b{_ROLE}\b[^,.;()]{{0,30}}?(?:,\s*|\s+{_OF}\s+)(?:{_DET}\s+)?$",
    re.I,
)
_ORG_ROLE_PERSON = re.compile(rf"^\s*(?:['’]s\s+)?(?:[\w-]+\s+){{0,2}}?{_ROLE}\s*,?\s*$", re.I)
_PROJECT_LEAD_PERSON = re.compile(
    rf"^\s*(?:project\s+|partnership\s+)?{_LEAD_ROLE}\s*[,:]?\s*$", re.I
)
_PERSON_COMMA = re.compile(rf"^\s*,\s*(?:{_DET}\s+)?$", re.I)
_LEAD_AFTER = re.compile(rf"^\s*{_LEAD_ROLE}\b", re.I)
_PROGRAMME_PROJECT = re.compile(
    r"^\s*[-–]?\s*(?:(?:project|projet|projekt|programme)\s*)?[“\"‘'«]?\s*$", re.I
)
_PROJECT_IS_A = re.compile(r"^\s*(?:,|\(|is|was)?\s*(?:an?|een|un|une|ein|eine)?\s*$", re.I)
_PROJECT_WORD_AFTER = re.compile(r"^\s*[-–]?\s*(?:project|projet|projekt)\b", re.I)


# "Met Zonnebrug willen A, B en C ...", "With Solar Bridge, A and B aim to ...": the
# organisations that act through a project take part in it.
_WITH_BEFORE = re.compile(
    r"(?:^|[,;:.!?]\s*)(?:met|with|avec|mit)\s+(?:het\s+|de\s+|the\s+|le\s+|la\s+|dem\s+)?$",
    re.I,
)
_WITH_GAP = re.compile(
    r"^\s*(?:project|projet|projekt|programme|programma)?\s*,?\s*(?:willen|wil|gaan|gaat|zullen"
    r"|zal|hopen|proberen|aim to|aims to|want to|wants to|will|seek to|veulent|veut|wollen)\s+"
    r"(?:de\s+|het\s+|the\s+|les\s+|die\s+)?$",
    re.I,
)


def _any_list(view: DocView, seg: Segment, first: Ref) -> list[Ref]:
    """``first`` and the mentions listed after it, whatever their types."""
    out = [first]
    for ref in seg.refs:
        if ref.start < out[-1].end:
            continue
        if not view.is_list_gap(out[-1].end, ref.start, seg, regions=False):
            break
        out.append(ref)
    return out


def _gap(view: DocView, a: Ref, b: Ref, seg: Segment) -> str:
    """The text between two mentions, other mentions in it replaced by a placeholder."""
    gap = view.text[a.end : b.start]
    for r in seg.refs:
        if a.end <= r.start and r.end <= b.start:
            gap = gap.replace(view.text[r.start : r.end], "X", 1)
    return gap


def _programme_prefixed(view: DocView, seg: Segment, programmes: dict[str, Ref]) -> Iterator[Found]:
    """A project named with its programme in front ("COSME CELIS", a name the entity
    recogniser kept whole), when that programme is named on its own in the document."""
    for ref in seg.refs:
        if ref.type != "Project":
            continue
        name = view.text[ref.start : ref.end]
        for prefix, programme in programmes.items():
            if (
                len(name) > len(prefix) + 1
                and name.startswith(prefix)
                and name[len(prefix)] in " -"
            ):
                yield Found(
                    FUNDED_BY, ref, programme, 0.55, (seg.start, seg.end), view.evidence(seg)
                )


def adjacency_relations(view: DocView) -> Iterator[Found]:
    """Relations stated by how two mentions stand next to each other."""
    text = view.text
    programmes = {text[r.start : r.end]: r for r in view.refs if r.type == "FundingProgramme"}
    for seg in view.segments:
        yield from _programme_prefixed(view, seg, programmes)
        evidence = view.evidence(seg)
        region = (seg.start, seg.end)
        refs = seg.refs
        for i, a in enumerate(refs):
            for b in refs[i + 1 : i + 4]:
                gap = _gap(view, a, b, seg)
                after_b = text[b.end : b.end + 40]
                yield from _pair_rules(view, seg, a, b, gap, after_b, evidence, region)


def _pair_rules(
    view: DocView,
    seg: Segment,
    a: Ref,
    b: Ref,
    gap: str,
    after_b: str,
    evidence: str,
    region: tuple[int, int],
) -> Iterator[Found]:
    direct = "X" not in gap  # nothing else between the two mentions

    def out(rel: str, s: Ref, t: Ref, conf: float) -> Iterator[Found]:
        if s.key != t.key and allowed(rel, s.type, t.type):
            yield Found(rel, s, t, conf, region, evidence)

    if a.type in ORG_TYPES and b.type == "Region" and direct:
        if _PAREN_OPEN.match(gap) and after_b.lstrip().startswith(")"):
            yield from out(LOCATED_IN, a, b, 0.6)
        elif (_DASH.match(gap) or _IN_PLACE.match(gap)) and not _NAME_GOES_ON.match(after_b):
            for r in view.expand_list(b, seg, ("Region",)):
                yield from out(LOCATED_IN, a, r, 0.5)
    if a.type == "Region" and b.type in ORG_TYPES and direct and _PAREN_OPEN.match(gap):
        if after_b.lstrip().startswith(")"):
            yield from out(LOCATED_IN, b, a, 0.45)
    if a.type in ORG_TYPES and b.type in ORG_TYPES and direct and _PAREN_OPEN.match(gap):
        inner = view.expand_list(b, seg, ORG_TYPES)
        if all(r.key != a.key for r in inner):
            for r in inner:
                yield from out(MEMBER_OF, r, a, 0.45)
    if a.type == "Person" and b.type in ORG_TYPES:
        if direct and _PERSON_OF.match(gap):
            yield from out(AFFILIATED_WITH, a, b, 0.6)
        elif _APPOSITION.match(gap):
            yield from out(AFFILIATED_WITH, a, b, 0.65)
    if a.type in ORG_TYPES and b.type == "Person" and direct and _ORG_ROLE_PERSON.match(gap):
        yield from out(AFFILIATED_WITH, b, a, 0.6)
    if a.type in PROJECT_TYPES and b.type == "Person" and direct:
        if _PROJECT_LEAD_PERSON.match(gap):
            yield from out(LEADS, b, a, 0.6)
    if a.type == "Person" and b.type in PROJECT_TYPES and direct:
        if _PERSON_COMMA.match(gap) and _LEAD_AFTER.match(after_b):
            yield from out(LEADS, a, b, 0.6)
    if a.type in PROJECT_TYPES and direct and _WITH_GAP.match(gap):
        if _WITH_BEFORE.search(view.text[max(seg.start, a.start - 12) : a.start]):
            for r in _any_list(view, seg, b):
                if r.type in ORG_TYPES:
                    yield from out(PARTICIPATES_IN, r, a, 0.55)
    if a.type == "FundingProgramme" and b.type == "Project" and direct:
        if _PROGRAMME_PROJECT.match(gap):
            yield from out(FUNDED_BY, b, a, 0.6)
    if a.type == "Project" and b.type == "FundingProgramme" and direct:
        if _PROJECT_IS_A.match(gap) and _PROJECT_WORD_AFTER.match(after_b):
            yield from out(FUNDED_BY, a, b, 0.6)
        elif _PAREN_OPEN.match(gap) and after_b.lstrip().startswith(")"):
            yield from out(FUNDED_BY, a, b, 0.55)  # "Solar Bridge (Horizon Europe)"


# -------------------------------------------------------------------------- page layouts
_LABEL_TAIL = re.compile(r"^([^:\n.]{0,40}):[ \t]*(.*)$|^[ \t]*$")
_PROSE = 14  # a value line with more words than this is running text, not a field value


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


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
    lines = _lines(text)
    for li, (ls, le) in enumerate(lines):
        hits = _label_hits(text[ls:le])
        for n, hit in enumerate(hits):
            value_end = ls + (hits[n + 1].start if n + 1 < len(hits) else le - ls)
            value_start = ls + (hit.label_end if hit.relation == FUNDED_BY else hit.value_start)
            if text[ls + hit.value_start : value_end].strip() or hit.relation == FUNDED_BY:
                value = [(value_start, value_end)]
            else:
                value = []
            if not text[ls + hit.value_start : value_end].strip() and n + 1 == len(hits):
                value += _value_lines(view, lines, li, single=hit.relation == LEADS)
            yield from _label_field(view, (ls, ls + hit.value_start), value, hit)
    yield from _address_blocks(view, lines)


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
        if _is_label_line(line) or len(line.split()) > _PROSE:
            break
        out.append((ls, le))
        if single or len(out) >= 30:
            break
    return out


def _label_field(
    view: DocView, label: tuple[int, int], value: list[tuple[int, int]], hit: _LabelHit
) -> Iterator[Found]:
    """The field's values related to the document's main project."""
    main = view.main_project
    if not value or main is None:
        return
    term = relation_type(hit.relation)
    lo, hi = value[0][0], value[-1][1]
    region = (label[0], hi)
    evidence = squash(view.text[label[0] : hi])
    for ref in _refs_in(view, lo, hi):
        if ref.key == main.key:
            continue
        if ref.type in term.domain and allowed(hit.relation, ref.type, main.type):
            yield Found(hit.relation, ref, main, hit.confidence, region, evidence, label)
        elif ref.type in term.range and allowed(hit.relation, main.type, ref.type):
            yield Found(hit.relation, main, ref, hit.confidence, region, evidence, label)


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
                yield Found(LOCATED_IN, org, r, 0.75, (ls, ne), evidence)
