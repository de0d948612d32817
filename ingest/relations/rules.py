"""Relation rules over a ``DocView``, and the cue-phrase rule itself.

Every rule (here, ``relation_adjacency``, ``relation_layout``, ``relation_syntax``)
proposes ``Found`` relations between mentions; the ontology decides which source and
target types a relation allows (``allowed``), so a rule never has to know them, and a
relation the ontology forbids is never proposed. Co-occurrence alone never makes a
relation: each rule needs a cue word, a punctuation pattern that states the link
("Acme (Ghent)", "Jane Doe, director of Acme"), the parse or a labelled field.

The cue rule: for each cue phrase in a sentence, the nearest mention of an allowed type
on each side it names (the parse breaking near-ties), expanded to its coordinated list;
a missing project end may be "this project" or the document's main project.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from innograph.ingest.relations.agents import lead_clause_disagrees
from innograph.ingest.relations.cues import (
    AFFILIATED_WITH,
    COLLABORATES_WITH,
    LEADS,
    MEMBER_OF,
    PARTICIPATES_IN,
    SUCCESSOR_OF,
    Cue,
    Side,
)
from innograph.ingest.relations.lexicon import find_cues
from innograph.ingest.relations.text import PROJECT_TYPES, DocView, Ref, Segment
from innograph.ontology.terms import UnknownTermError, check_relation, relation_type

ORG_TYPES = ("Organisation", "Cluster")
# A group cue ("cooperation between A, B and C") relates every pair of a list this long at
# most; a longer list names a consortium, whose members are not each other's partners.
MAX_GROUP = 4
# The parties that sign or seal a cooperation (``Cue.parties``): organisations and places
# acting through their government, each a party however long the list.
PARTY_TYPES = (*ORG_TYPES, "Region")
MAX_PARTIES = 8


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
    rule: str = ""  # which rule proposed it ("cue:<pattern>", "adjacency:person-of", ...)


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
    if view.has_reference(seg, lo, hi):
        return None  # "the programme" named something else than a project
    if not allow_main:
        return None
    # the project whose record the cue stands in ("FutureBEEing - ...\nPartners are A, B")
    record = view.record_at(cs, wanted)
    if record is not None:
        head = record.head
        return Ref(head.key, head.type, -1, -1, implicit=True)
    main = view.main_project
    if main is not None and main.type in wanted:
        return main
    return None


_OWNER_AFTER = re.compile(
    r"^\s+(?:of|from|van|uit|de|du|des|von|der)\s+(?:the\s+|de\s+|het\s+)?$", re.I
)
# "the coordinator of Acme", "projectcoördinator bij de Acme", "Acme's coordinator": the
# cue noun belongs to that mention, so a missing end is not the document's main project.
_OWNER_PREP = re.compile(
    r"^\s+(?:of|at|for|with|bij|van|voor|de|du|des|d['’]|von|vom|der|des|bei|für)\s*"
    r"(?:the\s+|de\s+|het\s+|la\s+|le\s+|l['’]\s*|les\s+|der\s+|die\s+|das\s+|dem\s+|den\s+)?$",
    re.I,
)
# "Acme is penvoerder", "Acme is the lead partner", "Acme ist Leadpartner", "Acme est
# chef de file": the role noun after a copula is said of the copula's subject, whatever
# is named after it ("... en werkt samen met A en B").
_COPULA_BEFORE = re.compile(
    r"^\s*,?\s*(?:is|are|was|were|zijn|waren|ist|sind|war|est|sont|était|étaient"
    # verbs of a role taken ("acts as lead partner", "treedt op als penvoerder",
    # "fungiert als Leadpartner", "agit en tant que chef de file")
    r"|acts as|act as|acting as|serves as|serve as|serving as|functions as"
    r"|treedt op als|treden op als|trad op als|fungeert als|fungeren als"
    r"|fungiert als|fungieren als|agiert als|tritt als|treten als"
    r"|agit en tant que|agit comme|intervient comme|intervient en tant que|joue le rôle de)"
    r"\s+(?:(?:the|a|an|de|het|een|der|die|ein|eine|le|la|l['’]|un|une)\s*)?$",
    re.I,
)
_ATTACHED = re.compile(r"^\s*,?\s*$")
_POSSESSIVE = re.compile(r"^(?:['’]s?)\s*$")
# "A, director of B, and the chair of C, D": a coordination right after a person starts a
# new item of the list, so a role phrase after it is not that person's
NEW_LIST_ITEM = re.compile(
    r"^\s*[,;]?\s*(?:and|as well as|en|alsook|et|ainsi que|und|sowie)\s", re.I
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


def _held_by_person(view: DocView, seg: Segment, start: int, cs: int, types: Sequence[str]) -> bool:
    """Whether a person who cannot be the relation's end stands right before the cue at
    ``cs`` (after ``start``): "Jane Doe, member of X" is said of Jane Doe, not of a name
    further back."""
    return "Person" not in types and any(
        r.type == "Person" and start <= r.start and _ATTACHED.match(view.text[r.end : cs])
        for r in seg.refs
        if r.end <= cs
    )


def _new_list_item(view: DocView, seg: Segment, start: int, end: int) -> bool:
    """Whether a new list item starts in [start, end): a coordination right after its
    start or after a name inside it ("Jane Doe, director of Acme, and the ...")."""
    points = [start, *(r.end for r in seg.refs if start < r.end <= end)]
    return any(NEW_LIST_ITEM.match(view.text[p:end]) for p in points)


def _owned_elsewhere(
    view: DocView, seg: Segment, cs: int, ce: int, types: Sequence[str], named: Sequence[str] = ()
) -> bool:
    """Whether the cue noun has an owner that cannot be the missing end: "the coordinator
    of Acme", "Acme's coordinator" (Acme is no project). A name of the ``named`` types
    after a cue that names its other end there is that end, no owner ("besteht aus der
    Stadt X, ..." lists the consortium)."""
    after = next((r for r in seg.refs if r.start >= ce), None)
    if after is not None and after.type in named:
        after = None
    if after is not None and _OWNER_PREP.match(view.text[ce : after.start]):
        return after.type not in types
    before = next((r for r in reversed(seg.refs) if r.end <= cs), None)
    if before is not None and _POSSESSIVE.match(view.text[before.end : cs].rstrip()):
        return before.type not in types
    return False


_APPOSITION_GAP = re.compile(r"^\s*[–—:-]\s*$")


def _apposed(view: DocView, members: list[Ref], first: Ref) -> list[Ref]:
    """The part of a list that holds ``first``, cut where a dash or colon sets a list in
    apposition to the name before it ("five universities of the Euregion – A, B and C
    signed"): the name before the dash is what they belong to, not one more party."""
    i = members.index(first) if first in members else 0
    lo, hi = 0, len(members)
    for j in range(1, len(members)):
        if _APPOSITION_GAP.match(view.text[members[j - 1].end : members[j].start]):
            if j <= i:
                lo = j
            elif hi == len(members):
                hi = j
    return members[lo:hi]


_ATTACHED_PLACE_BEFORE = re.compile(r"[(\[–—-]\s*$")
_ATTACHED_PLACE_AFTER = re.compile(r"^\s*[)\]]")


def _with_listed_places(view: DocView, seg: Segment, src: Ref, members: list[Ref]) -> list[Ref]:
    """The partners of an organisation's list with the places listed among them (and the
    organisations after those): a province or a municipality that is a project partner
    is named as one more item of the list ("the province of X, Acme and the municipality
    of Y are partners"). A place in brackets or after a dash says where the name before
    it is ("Acme (Ghent)"), so it is no item of its own."""
    keys = {r.key for r in members}
    more = [
        r
        for r in view.expand_list(src, seg, PARTY_TYPES)
        if r.key not in keys
        and (
            r.type != "Region"  # an organisation after a listed place ("..., Gemeinde X und Y")
            or not (
                _ATTACHED_PLACE_BEFORE.search(view.text[max(seg.start, r.start - 3) : r.start])
                or _ATTACHED_PLACE_AFTER.match(view.text[r.end : r.end + 3])
            )
        )
    ]
    if not more:
        return members
    return sorted([*members, *more], key=lambda r: r.start)


def _copula_subject(view: DocView, seg: Segment, cs: int, types: Sequence[str]) -> Ref | None:
    """The subject of a copula right before a lead noun at ``cs`` ("Acme is penvoerder"),
    when it is a name of ``types`` standing just before the copula."""
    before = [r for r in seg.refs if r.end <= cs]
    if not before or before[-1].type not in types:
        return None
    return before[-1] if _COPULA_BEFORE.match(view.text[before[-1].end : cs]) else None


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


def _rule_name(cue: Cue) -> str:
    return f"cue:{cue.pattern}"


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
        # "cooperation between A, B and C" names organisations: places listed there
        # ("cross-border cooperation between X and Y") are the area, not the parties
        family = PARTY_TYPES if cue.parties else ORG_TYPES
        first = _pick(view, seg, cs, ce, cue.source, family, cue.reach)
        if first is None:
            return
        members = view.expand_list(first, seg, family if cue.parties else _family(first.type))
        if cue.parties:
            members = _apposed(view, members, first)
        if len(members) > (MAX_PARTIES if cue.parties else MAX_GROUP):
            return  # "between the following parties: A, B, C, D, E": a consortium, not pairs
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.key != b.key and allowed(rel, a.type, b.type):
                    conf = _clamp(cue.confidence + _syntax_bonus(view, cs, (a, b)))
                    yield Found(rel, a, b, conf, region, evidence, (cs, ce), rule=_rule_name(cue))
        return
    # a place stands for its government only when no organisation is named in the clause
    prefer_orgs = rel in (LEADS, PARTICIPATES_IN, MEMBER_OF, COLLABORATES_WITH)
    src_reach = cue.source_reach or cue.reach
    src_side = cue.source
    if src_side == "any" and view.text[ce : ce + 2].lstrip().startswith(":"):
        src_side = "right"  # "Partners: A, B" names them after the colon
    src = _copula_subject(view, seg, cs, term.domain) if rel == LEADS else None
    if src is not None:
        view.lead_subjects[seg_i] = src.key
    else:
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
    if src is not None and _held_by_person(view, seg, src.end, cs, term.domain):
        return  # "Acme hosted Jane Doe, member of the board": the role is Jane Doe's
    if cue.source == "any" and src is not None and _OWNER_AFTER.match(view.text[ce : src.start]):
        return  # "the partners of Acme": Acme has partners, it is not one
    if (
        rel == AFFILIATED_WITH
        and src is not None
        and src.end <= cs
        and _new_list_item(view, seg, src.end, cs)
    ):
        # "A, director of B, and the chair of C, D": the role phrase opens a new item of
        # the list; its person stands after it, or is not named
        src = _pick(view, seg, cs, ce, "right", term.domain, src_reach)
    if src is None:
        src = _implicit(
            view,
            seg,
            seg_i,
            cs,
            ce,
            cue.source,
            term.domain,
            allow_main=cue.implicit and not _owned_elsewhere(view, seg, cs, ce, term.domain),
        )
    tgt_types = term.range if cue.target_types is None else cue.target_types
    tgt = _pick(
        view,
        seg,
        cs,
        ce,
        cue.target,
        tgt_types,
        cue.reach,
        exclude=src.key if src is not None else None,
    )
    named_after = term.domain if cue.source == "right" else ()
    if tgt is None and not _owned_elsewhere(view, seg, cs, ce, term.range, named_after):
        tgt = _implicit(view, seg, seg_i, cs, ce, cue.target, term.range, allow_main=cue.implicit)
    if src is None or tgt is None or src.key == tgt.key or (src.implicit and tgt.implicit):
        return
    if tgt.implicit and term.domain == term.range:  # "builds on this project": whose?
        return
    sources = view.expand_list(src, seg, _family(src.type))
    if rel == PARTICIPATES_IN and src.type in ORG_TYPES:
        sources = _with_listed_places(view, seg, src, sources)
    targets = view.expand_list(tgt, seg, _family(tgt.type))
    if cue.target == "right" and not tgt.implicit:
        targets += _parallel(view, seg, targets[-1], _family(tgt.type))
    # "Acme hosts Beta and coordinates X", "a survey launched by Acme": the parse names
    # another leader, or another thing led, than the nearest mentions
    if (
        rel == LEADS
        and cue.source != cue.target
        and lead_clause_disagrees(view, cs, cue.source == "right", src, tgt)
    ):
        view.vetoed_leads.update((s.key, t.key) for s in sources for t in targets)
        return
    explicit = [r for r in (src, tgt) if not r.implicit]
    conf = cue.confidence + _syntax_bonus(view, cs, explicit)
    rule = _rule_name(cue)
    if src.implicit or tgt.implicit:
        # "The project builds on X": the reference before the cue names the new project
        # as surely as its name would; a guessed end (the page's project) is less sure
        if not (rel == SUCCESSOR_OF and view.has_reference(seg, seg.start, cs)):
            conf -= 0.15
        record = view.record_at(cs, PROJECT_TYPES)
        main = view.main_project
        if record is not None and record.head.key in (src.key, tgt.key):
            if main is None or main.key != record.head.key:
                rule += ":record"
    for s in sources:
        for t in targets:
            if s.key != t.key and allowed(rel, s.type, t.type):
                yield Found(rel, s, t, _clamp(conf), region, evidence, (cs, ce), rule=rule)
