"""Candidate relations between a document's entities, and what is known of each.

Every ordered pair of entities whose types the ontology allows for a relation is a
candidate for it (a lead only where a lead cue or rule speaks of the pair). Its features
describe the text that joins them, not the names themselves: the closest pair of their
mentions (sentence distance, words and punctuation between, cue phrases and the
relations they state, cues attached to either end), an end named in a list read as the
whole list ("A, B and C are partners of X": each member gets the same words), the
layout (same line, bullet, heading, a list of the same type), the records of the page
(one end opens the heading, item or "Name - ..." paragraph that names the other, or the
other is named only in other entities' records), a sentence that refers to the project
("A and B test the prototype of this project"), a list of bodies by a sentence of the page's own
project, one name inside the other ("Acme University Coastal Campus"), a possessive
("Flanders' cluster"), a programme named only apart from the page's projects (its
background: "Interreg is financed by the ERDF") or giving a sum in a project's record,
the document (the only or most-named entity of its type, named in the title) and what
the cue rules proposed.
``relations.model`` weighs them; ``evaluation.train_relations`` learns the weights from a
train split of the gold.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from innograph.ingest.amounts import find_money
from innograph.ingest.reading import block_index
from innograph.ingest.reading.doc import doc_blocks
from innograph.ingest.relations.affiliation import is_role_word
from innograph.ingest.relations.cues import LOCATED_IN
from innograph.ingest.relations.lexicon import (
    amount_words,
    find_cues,
    place_preposition_before,
    plural_reference,
    project_noun,
)
from innograph.ingest.relations.rules import allowed
from innograph.ingest.relations.text import PROJECT_TYPES, DocView, Ref
from innograph.ontology.terms import relation_type

RELATION_TYPES = (
    "LEADS",
    "PARTICIPATES_IN",
    "FUNDED_BY",
    "MEMBER_OF",
    "LOCATED_IN",
    "COLLABORATES_WITH",
    "SUCCESSOR_OF",
    "AFFILIATED_WITH",
)
# Words between two mentions worth reading as features: beyond this the gap is a "far" gap.
MAX_GAP_WORDS = 12
# How far (characters) a cue may stand from the mention it attaches to.
ATTACH = 40
# Relations a pair is a candidate for only when a cue of theirs stands between the ends
# or by the source, or a rule proposed it: leading is read from a lead cue ("coordinated
# by", "Leadpartner", "chef de file"), never from a pair that merely looks like a
# partnership, nor from a lead cue that is about the project and someone else.
NEEDS_CUE = frozenset({"LEADS"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Features also read per pair of end types: how close the ends stand and what the rules
# and cue phrases say means one thing between a person and an organisation and another
# between a person and a place, which stands for its government only where the text
# names an office (decision 0016).
_BY_ENDS = (
    "rule=",
    "segdist=",
    "gapwords=",
    "sameline=",
    "between=",
    "cue_",
    "othercue_",
    "role_gap",
)
# Types read as one for that: a cluster is an organisation.
_END_FAMILY = {"Cluster": "Organisation"}
_BULLET = re.compile(r"^\s*(?:[•·*»▪◦‣–-]|\d{1,2}[.)])\s")
_POSSESSIVE = re.compile(r"^['’](?:s\b|\s)")
ORG_TYPES = ("Organisation", "Cluster")


@dataclass(slots=True)
class Candidate:
    """One possible relation: its type, its ends (entity keys) and its features."""

    type: str
    source: str
    target: str
    source_ref: Ref
    target_ref: Ref
    features: list[str] = field(default_factory=list)


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


class PairReader:
    """Reads the features of entity pairs of one document (built once per document)."""

    def __init__(self, view: DocView, lang: str, rule_hits: Iterable[tuple[str, str, str, float]]):
        self.view = view
        self.lang = lang
        self.refs_by_key = view.refs_by_key
        self.type_of = {k: refs[0].type for k, refs in self.refs_by_key.items()}
        counts_by_type: dict[str, Counter[str]] = {}
        for key, refs in self.refs_by_key.items():
            counts_by_type.setdefault(refs[0].type, Counter())[key] = len(refs)
        self.counts_by_type = counts_by_type
        self.rules: dict[tuple[str, str], list[tuple[str, float]]] = {}
        for rel, src, dst, conf in rule_hits:
            self.rules.setdefault((src, dst), []).append((rel, conf))
        self.cues = [
            (start, end, {r for cue in cues for r in cue.relations})
            for start, end, cues in find_cues(view.lowered, lang)
        ]
        # the cues in order of start, for the window a pair's cues are looked up in
        self._cue_starts = [c[0] for c in self.cues]
        self._longest_cue = max((end - start for start, end, _ in self.cues), default=0)
        self._seg_of = {id(r): view.segment_index_at(r.start) for r in view.refs}
        self.list_keys = self._listed()
        # each mention's coordinated list ("A, B and C" of organisations and clusters)
        self.lists: dict[int, list[Ref]] = {}
        for seg in view.segments:
            for ref in seg.refs:
                family = ORG_TYPES if ref.type in ORG_TYPES else (ref.type,)
                self.lists[id(ref)] = view.expand_list(ref, seg, family)
        self.names: dict[str, set[str]] = {}
        for ref in view.refs:
            self.names.setdefault(ref.key, set()).add(
                " ".join(view.lowered[ref.start : ref.end].split())
            )
        self._record_heads: dict[tuple[str, str], dict[str, str]] = {}
        self._place_word_at: dict[int, bool] = {}
        self.placed: set[str] = set()
        # key -> relation -> the segments in which a cue of the relation attaches to a
        # mention of the key
        self.attached_in: dict[str, dict[str, set[int]]] = {}
        self.attached = self._attached_cues()
        self._nearest: dict[tuple[str, str], str] = {}
        # each sentence's "this project"-style reference: the project key it resolves to
        self._referred: dict[int, str | None] = {}
        self._previous = {id(r): p for p, r in zip(view.refs, view.refs[1:], strict=False)}
        # the layout blocks (heading / item / field / paragraph) and the heading each sits under
        self.blocks = doc_blocks(view.doc)
        self._block_of = {id(r): block_index(self.blocks, r.start) for r in view.refs}
        self.keys_in_block: dict[int, set[str]] = {}
        for r in view.refs:
            b = self._block_of[id(r)]
            if b is not None:
                self.keys_in_block.setdefault(b, set()).add(r.key)
        self.beside_projects = self._beside_projects()
        self._granted: dict[str, set[str]] = {}

    def _attached_cues(self) -> dict[str, set[str]]:
        """Key -> the relations of the cues that attach to one of its mentions: a cue
        next to the mention (or to the list it is named in), in the same segment, with
        no other mention between ("coordinated by X", "X, lead partner", "Partners: A,
        B and C"). Names that follow a location cue ("based in Leuven") go to
        ``self.placed``."""
        out: dict[str, set[str]] = {}
        view = self.view
        starts = [c[0] for c in self.cues]
        for seg_i, seg in enumerate(view.segments):
            lo_i = bisect_left(starts, seg.start - ATTACH)
            nearby = [c for c in self.cues[lo_i:] if c[0] < seg.end and c[1] <= seg.end + 1]
            nearby = [c for c in nearby if c[0] >= seg.start or c[1] > seg.start - ATTACH]
            if not nearby:
                continue
            for ref in seg.refs:
                members = self.lists.get(id(ref), [ref])
                lo, hi = members[0].start, members[-1].end
                before: set[str] = set()
                after: set[str] = set()
                for cs, ce, rels in nearby:
                    if ce <= lo and lo - ce <= ATTACH:
                        gap, side = (ce, lo), before
                    elif cs >= hi and cs - hi <= ATTACH:
                        gap, side = (hi, cs), after
                    else:
                        continue
                    if view.refs_in(*gap) or "\n\n" in view.text[gap[0] : gap[1]]:
                        continue
                    side.update(rels)
                if LOCATED_IN in before:
                    self.placed.add(ref.key)  # "based in Leuven, coordinates X"
                if before or after:
                    out.setdefault(ref.key, set()).update(before | after)
                    by_rel = self.attached_in.setdefault(ref.key, {})
                    for rel in before | after:
                        by_rel.setdefault(rel, set()).add(seg_i)
        return out

    def _beside_projects(self) -> set[str]:
        """Keys of the programmes named in a sentence that speaks of projects, or speaks
        again of those of the sentence before ("Six projects were approved. Together
        they receive EUR 9 million from the ERDF."): a sentence names a project, or a
        project noun stands outside the programme's own name ("Interreg funds
        cross-border projects"); and those named in the title (the page's subject). A
        programme named only apart from them is the page's background ("Interreg is
        financed by the ERDF", "its successor is Horizon Europe"), not what funds a
        project of the page."""
        out: set[str] = set()
        nouns, refers_back = project_noun(), plural_reference()
        text, previous_speaks = self.view.text, False
        for seg in self.view.segments:
            programmes = [r for r in seg.refs if r.type == "FundingProgramme"]
            found = [m.span() for m in nouns.finditer(text, seg.start, seg.end)]
            names_project = any(r.type in PROJECT_TYPES for r in seg.refs)
            back = previous_speaks and refers_back.search(text, seg.start, seg.end) is not None
            for ref in programmes:
                if (
                    ref.start < self.view.title_end
                    or names_project
                    or back
                    or any(e <= ref.start or s >= ref.end for s, e in found)
                ):
                    out.add(ref.key)
            # a noun outside every programme's name lets the next sentence's "they" refer
            previous_speaks = names_project or any(
                not any(r.start <= s and e <= r.end for r in programmes) for s, e in found
            )
        return out

    def _granted_in_record(self, programme: str) -> set[str]:
        """The projects whose record (their heading, item or "Name - ..." paragraph)
        holds a sentence that gives a sum from ``programme`` ("... of which EUR 90,000
        come from the Regional Fund" under the project's heading)."""
        cached = self._granted.get(programme)
        if cached is None:
            cached = set()
            for ref in self.refs_by_key[programme]:
                seg = self.view.segments[self._seg_of[id(ref)]]
                text = self.view.text[seg.start : seg.end]
                if not find_money(text) or not amount_words("grant").search(text):
                    continue
                rec = self.view.record_at(ref.start, PROJECT_TYPES)
                if rec is not None:
                    cached.add(rec.head.key)
            self._granted[programme] = cached
        return cached

    def _listed(self) -> set[str]:
        """Keys of entities named in a coordinated list of their type ("A, B and C")."""
        listed: set[str] = set()
        for seg in self.view.segments:
            for ref in seg.refs:
                if len(self.view.expand_list(ref, seg, (ref.type,))) > 1:
                    listed.add(ref.key)
        return listed

    # -- pairs ---------------------------------------------------------------------------
    def candidates(self) -> Iterator[Candidate]:
        """Every allowed (relation, source, target) of the document, with its features."""
        keys = list(self.refs_by_key)
        for a in keys:
            for b in keys:
                if a == b:
                    continue
                types = [
                    rel
                    for rel in RELATION_TYPES
                    if allowed(rel, self.type_of[a], self.type_of[b])
                    and not (relation_type(rel).symmetric and a > b)
                ]
                if not types:
                    continue
                ra, rb = self._closest(a, b)
                shared = self._pair_features(a, b, ra, rb)
                ends = ">".join(_END_FAMILY.get(t, t) for t in (self.type_of[a], self.type_of[b]))
                for rel in types:
                    feats = [f"{rel}|{f}" for f in shared] + [f"{rel}|bias"]
                    cues = self._cue_match(rel, ra, rb)
                    if (
                        rel in NEEDS_CUE
                        and f"rule={rel}" not in shared
                        and not {f"{rel}|cue_between", f"{rel}|s_cue_attached"} & set(cues)
                    ):
                        continue
                    if rel in NEEDS_CUE and a in self.placed:
                        continue  # "imec, based in Leuven, coordinates X": not Leuven
                    if (
                        rel in NEEDS_CUE
                        and f"rule={rel}" not in shared
                        and self._cued_otherwise(a, b, rel)
                    ):
                        continue
                    feats += cues
                    feats += [
                        f"{rel}|{ends}|{f.split('|', 1)[1]}"
                        for f in feats
                        if f.split("|", 1)[1].startswith(_BY_ENDS)
                    ]
                    yield Candidate(rel, a, b, ra, rb, feats)

    def _cued_otherwise(self, a: str, b: str, rel: str) -> bool:
        """Whether the sentences that name both ``a`` and ``b`` attach only cues of other
        relations to ``a``: "A is coordinator of X. As a partner, A also takes part in Y"
        makes A a partner of Y, whatever it leads elsewhere."""
        segs = {self._seg_of[id(r)] for r in self.refs_by_key[b]}
        said = {r for r, where in self.attached_in.get(a, {}).items() if where & segs}
        return bool(said) and rel not in said

    def _closest(self, a: str, b: str) -> tuple[Ref, Ref]:
        best: tuple[int, Ref, Ref] | None = None
        for ra in self.refs_by_key[a]:
            for rb in self.refs_by_key[b]:
                d = rb.start - ra.end if ra.start <= rb.start else ra.start - rb.end
                d = max(0, d)
                if best is None or d < best[0]:
                    best = (d, ra, rb)
        assert best is not None
        return best[1], best[2]

    def _pair_features(self, a: str, b: str, ra: Ref, rb: Ref) -> list[str]:
        view, text = self.view, self.view.text
        ta, tb = self.type_of[a], self.type_of[b]
        feats = [f"types={ta}>{tb}", f"lang={self.lang}"]
        # An end named in a list is read as the whole list ("A, B and C are partners of
        # X": each member gets the list's words), unless the other end is in it too.
        la, lb = self.lists.get(id(ra), [ra]), self.lists.get(id(rb), [rb])
        if any(r.key == b for r in la):
            feats.append("same_list")
            la = lb = []
        feats.append(f"s_list={_bucket(len(la), (1, 2, 4))}")
        feats.append(f"t_list={_bucket(len(lb), (1, 2, 4))}")
        span_a = (la[0].start, la[-1].end) if len(la) > 1 else (ra.start, ra.end)
        span_b = (lb[0].start, lb[-1].end) if len(lb) > 1 else (rb.start, rb.end)
        if span_a[0] < span_b[1] and span_b[0] < span_a[1]:
            span_a, span_b = (ra.start, ra.end), (rb.start, rb.end)
        # a place named after a place preposition ("a fair in Ghent", "aus dem Kreis X")
        # is where something is, not who takes part or belongs
        for side, ref, members in (("s", ra, la), ("t", rb, lb)):
            if self.type_of[ref.key] == "Region" and self._after_place_word(
                (members[0] if members else ref).start
            ):
                feats.append(f"{side}_after_place_word")
        first, second = (ra, rb) if ra.start <= rb.start else (rb, ra)
        (first_start, first_end), (second_start, second_end) = (
            (span_a, span_b) if first is ra else (span_b, span_a)
        )
        feats.append("order=st" if first is ra else "order=ts")
        sa, sb = self._seg_of[id(ra)], self._seg_of[id(rb)]
        seg_dist = abs(sa - sb)
        feats.append(f"segdist={_bucket(seg_dist, (0, 1, 2, 4))}")
        if tb in PROJECT_TYPES:
            feats += self._project_features(b, sa, len(la), seg_dist)
        if tb == "FundingProgramme" and b not in self.beside_projects:
            feats.append("t_apart_from_projects")
        if tb == "FundingProgramme" and a in self._granted_in_record(b):
            feats.append("t_grant_in_s_record")
        gap_text = text[first_end:second_start]
        if _POSSESSIVE.match(gap_text):
            feats.append(f"{'s' if first is ra else 't'}_possessive")
        same_line = "\n" not in gap_text
        feats.append(f"sameline={same_line}")
        if seg_dist == 0:
            words = _WORD.findall(gap_text)
            feats.append(f"gapwords={_bucket(len(words), (0, 1, 2, 4, 8, 16))}")
            if len(words) <= MAX_GAP_WORDS:
                feats += [f"w={w.lower()}" for w in words]
                if words:
                    feats.append(f"w1={words[0].lower()}")
                    feats.append(f"wN={words[-1].lower()}")
                # a role word of the language between a person and the other end ("Jane
                # Doe, Rektorin der", "directeur van"): one feature for every language's
                # words, so that a role learned on one site's words holds for another's
                if "Person" in (ta, tb) and any(is_role_word(w, self.lang) for w in words):
                    feats.append("role_gap")
            punct = re.sub(r"[\w\s'’]+", "_", gap_text).strip()
            if len(gap_text.strip()) <= 3:
                feats.append(f"gap={gap_text.strip() or 'none'}")
            elif len(punct) <= 4:
                feats.append(f"gapshape={punct}")
            between = view.refs_in(first_end, second_start)
            feats.append(f"between={_bucket(len(between), (0, 1, 3))}")
            if any(r.type == tb and r.key != b for r in between):
                feats.append("between_same_target_type")
            if any(r.type == ta and r.key != a for r in between):
                feats.append("between_same_source_type")
        # words just before the first and after the second mention (same line)
        line_start = text.rfind("\n", 0, first_start) + 1
        before = _WORD.findall(text[max(line_start, first_start - 40) : first_start])
        feats += [f"pre={w.lower()}" for w in before[-2:]]
        line_end = text.find("\n", second_end)
        stop = second_end + 40 if line_end == -1 else min(second_end + 40, line_end)
        after = _WORD.findall(text[second_end:stop])
        feats += [f"post={w.lower()}" for w in after[:2]]
        # the document around them
        for side, key, ref, typ in (("s", a, ra, ta), ("t", b, rb, tb)):
            counts = self.counts_by_type.get(typ, Counter())
            if len(counts) == 1:
                feats.append(f"{side}_only_of_type")
            elif counts and counts.most_common(1)[0][0] == key:
                feats.append(f"{side}_most_of_type")
            if any(r.start < self.view.title_end for r in self.refs_by_key[key]):
                feats.append(f"{side}_in_title")
            if key in self.list_keys:
                feats.append(f"{side}_in_list")
            if self._nearest_of_type(ref, a if side == "t" else b, typ):
                feats.append(f"{side}_nearest")
            before_ref = text[max(0, ref.start - 3) : ref.start]
            if "(" in before_ref:
                feats.append(f"{side}_in_brackets")
            prev = self._previous.get(id(ref))
            if prev is not None and ref.start - prev.end <= 3:
                feats.append(f"{side}_glued_after={prev.type}")
            line = self._line(ref)
            if _BULLET.match(line):
                feats.append(f"{side}_bullet")
            if len(line.strip()) <= (ref.end - ref.start) + 2:
                feats.append(f"{side}_alone_on_line")
        feats += self._layout_features(a, b, ra, rb)
        feats += self._record_features(a, b)
        if self._name_holds(a, b):
            feats.append("s_name_holds_t")  # "Acme University Coastal Campus", "Acme University"
        elif self._name_holds(b, a):
            feats.append("t_name_holds_s")
        # what the cue rules proposed for this pair
        for rel, conf in self.rules.get((a, b), []):
            feats.append(f"rule={rel}")
            feats.append(f"rule={rel}:{'hi' if conf >= 0.7 else 'lo'}")
        for rel, _conf in self.rules.get((b, a), []):
            feats.append(f"rule_rev={rel}")
        return feats

    def _after_place_word(self, start: int) -> bool:
        """Whether a place preposition stands right before ``start``, not as the end of
        a cue phrase ("besteht aus der Stadt X" names a member, not a place)."""
        if start not in self._place_word_at:
            prep = place_preposition_before(self.view.lowered, start, self.lang)
            self._place_word_at[start] = prep is not None and not any(
                cs <= prep < ce for cs, ce, _ in self.cues
            )
        return self._place_word_at[start]

    def _project_features(self, b: str, sa: int, listed: int, seg_dist: int) -> list[str]:
        """What ties an end to the project ``b`` beyond their distance: the source's
        sentence refers to ``b`` ("A and B test the prototype of this project"), and a
        list of several bodies stands in the sentence of the page's own project or in the
        one before or after it ("A, B and C build the pilot plant. X runs until 2027")."""
        feats = []
        if sa not in self._referred:
            seg = self.view.segments[sa]
            ref = self.view.anaphor(seg, seg.start, seg.end, PROJECT_TYPES, seg_index=sa)
            self._referred[sa] = ref.key if ref is not None else None
        if self._referred[sa] == b:
            feats.append("s_sentence_refers_t")
        main = self.view.main_project
        if listed >= 2 and seg_dist <= 1 and main is not None and main.key == b:
            feats.append("s_group_by_main_t")
        return feats

    def _layout_features(self, a: str, b: str, ra: Ref, rb: Ref) -> list[str]:
        """Where the ends stand in the page's blocks: same block, one under the other's
        heading (a record and its fields, a list under its heading), field labels."""
        feats: list[str] = []
        ia, ib = self._block_of.get(id(ra)), self._block_of.get(id(rb))
        if ia is None or ib is None:
            return feats
        ba, bb = self.blocks[ia], self.blocks[ib]
        feats.append(f"blocks={ba.kind}>{bb.kind}")
        if ia == ib:
            feats.append("same_block")
        for side, key, block, other_block in (("s", a, ba, bb), ("t", b, bb, ba)):
            del other_block
            if block.heading is not None and key not in self.keys_in_block.get(block.heading, ()):
                other = b if side == "s" else a
                if other in self.keys_in_block.get(block.heading, set()):
                    feats.append(f"{side}_under_heading_of_other")
            if block.kind == "field" and block.label:
                feats += [f"{side}_label={w.lower()}" for w in _WORD.findall(block.label)[:4]]
        # a block that names an entity of the other end's type, not the other end itself,
        # is about that one ("In project B, X and Y ..."; X belongs to B, not to A)
        for side, block_i, other in (("s", ia, b), ("t", ib, a)):
            in_block = self.keys_in_block.get(block_i, set())
            rival_type = self.type_of[other]
            if other not in in_block and any(
                k != other and self.type_of[k] == rival_type for k in in_block
            ):
                feats.append(f"{side}_block_has_rival")
        # how many entities of each end's type share the blocks: one is a clear pairing
        for side, block_i, typ in (("s", ia, self.type_of[a]), ("t", ib, self.type_of[b])):
            n = sum(1 for k in self.keys_in_block.get(block_i, ()) if self.type_of[k] == typ)
            feats.append(f"{side}_same_type_in_block={_bucket(n, (1, 2, 4))}")
        return feats

    def _record_features(self, a: str, b: str) -> list[str]:
        """Whether one end opens the record (a heading, an item, a "Name - ..." paragraph)
        in which the other is named, or the other is named in records of other entities
        of its type only (each approved project of a news item with its own partners)."""
        feats = []
        for side, key, other in (("t", a, b), ("s", b, a)):
            heads = self._heads_over(key, self.type_of[other])
            if other in heads:
                feats.append(f"{side}_heads_record={heads[other]}")
            elif heads:
                feats.append(f"{side}_other_record")
        return feats

    def _heads_over(self, key: str, typ: str) -> dict[str, str]:
        """Head key -> record kind of the records of ``typ`` that name ``key``."""
        cached = self._record_heads.get((key, typ))
        if cached is None:
            cached = {}
            for ref in self.refs_by_key[key]:
                rec = self.view.record_at(ref.start, (typ,))
                if rec is not None and rec.head.key != key:
                    cached.setdefault(rec.head.key, rec.kind)
            self._record_heads[(key, typ)] = cached
        return cached

    def _name_holds(self, a: str, b: str) -> bool:
        """Whether a name of ``a`` holds a name of ``b`` as whole words."""
        return any(
            len(nb) < len(na) and re.search(rf"(?<!\w){re.escape(nb)}(?!\w)", na)
            for na in self.names[a]
            for nb in self.names[b]
        )

    def _nearest_of_type(self, ref: Ref, other_key: str, typ: str) -> bool:
        """Whether ``ref``'s entity has the mention of its type nearest to the other end."""
        key = (other_key, typ)
        if key not in self._nearest:
            others = self.refs_by_key[other_key]
            best = min(
                (r for r in self.view.refs if r.type == typ and r.key != other_key),
                key=lambda r: min(abs(r.start - o.start) for o in others),
            )
            self._nearest[key] = best.key
        return self._nearest[key] == ref.key

    def _line(self, ref: Ref) -> str:
        text = self.view.text
        start = text.rfind("\n", 0, ref.start) + 1
        end = text.find("\n", ref.end)
        return text[start : end if end != -1 else len(text)]

    def _cue_match(self, rel: str, ra: Ref, rb: Ref) -> list[str]:
        """Cue phrases stating ``rel`` between the ends, or around them in the segment."""
        first, second = (ra, rb) if ra.start <= rb.start else (rb, ra)
        seg = self.view.segments[self._seg_of[id(first)]]
        out = []
        low, high = seg.start - 80, max(second.end, seg.end) + 80
        window = self.cues[
            bisect_right(self._cue_starts, low - self._longest_cue) : bisect_left(
                self._cue_starts, high
            )
        ]
        for start, end, rels in window:
            if end <= low or start >= high:
                continue
            if first.end <= start and end <= second.start:
                where = "between"
            elif end <= first.start and start >= seg.start - 80:
                where = "left"
            elif start >= second.end and start <= seg.end:
                where = "right"
            else:
                continue
            if rel in rels:
                out.append(f"{rel}|cue_{where}")
            else:
                out.append(f"{rel}|othercue_{where}")
        for side, key in (("s", ra.key), ("t", rb.key)):
            rels = self.attached.get(key, set())
            if rel in rels:
                out.append(f"{rel}|{side}_cue_attached")
            elif rels:
                out.append(f"{rel}|{side}_othercue_attached")
        return sorted(set(out))
