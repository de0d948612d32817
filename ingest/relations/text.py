"""The view of one document that the relation rules work on.

Segments (sentences, further cut at layout line breaks), the entity mentions of each
segment in text order (with the repeats of a project's or an event's name that the
entity stage left unmarked), coordinated lists of mentions ("A, B and C"), references like
"this project", the document's main project (the implicit target of label layouts
such as "Partners: A, B"), and its records: the stretches of a page that a heading, a
list item or a paragraph opening with a name ("FutureBEEing - ...", "• Solar Bridge:")
give to that entity, such as each approved project of a programme's news with its
partners.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from innograph.ingest.entities.succession import after_succession_cue
from innograph.ingest.reading.doc import doc_blocks
from innograph.ingest.relations.cues import (
    LIST_ARTICLES,
    LIST_WORDS,
    compiled_anaphora,
    lower_same_length,
)
from innograph.ingest.relations.lexicon import CUES, lemma_pattern, place_preposition_before
from innograph.ingest.relations.records import PROJECT_TYPES as PROJECT_TYPES
from innograph.ingest.relations.records import Record, page_records
from innograph.ingest.relations.records import Ref as Ref

# Mentions whose unread repeats the relation stage reads (``DocView._repeats``), and the
# shortest such name: shorter ones ("ET", "EMR") are too often other words' letters.
REPEATED_TYPES = (*PROJECT_TYPES, "Event")
MIN_REPEATED = 4


class MentionLike(Protocol):
    """What the rules need of a mention (``relations.Mention``)."""

    key: str
    type: str
    span: Span


@dataclass(slots=True)
class Segment:
    """A sentence (or a layout line) with the mentions inside it, in text order."""

    start: int
    end: int
    refs: list[Ref] = field(default_factory=list)


# The end of a text that introduces an earlier project: "builds on the success of X".
# Read as lemmas, as the cues themselves are ("successeur du projet X").
_PREDECESSOR_BEFORE = re.compile(
    r"(?:"
    + "|".join(
        lemma_pattern(cue.pattern, lang)
        for lang, cues in CUES.items()
        for cue in cues
        if cue.relations == ("SUCCESSOR_OF",) and cue.target == "right"
    )
    + r")(?:[^.;:]{0,60}?)$",
    re.IGNORECASE,
)
_LINE_LABEL = re.compile(r"^\s*[^\s:]{1,30}(?:[ \t][^\s:]+){0,3}[ \t]*:")
_BULLET = re.compile(r"^\s*[•·*»▪◦‣–-]\s")
_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace runs (line breaks included) to single spaces, trimmed."""
    return _SPACES.sub(" ", text).strip()


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``, the line break left out."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _layout_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets inside [start, end) where a line break ends a layout line.

    Hard-wrapped prose keeps its line breaks inside a sentence; a break is a layout
    boundary when the line before it is short (a heading, a label, a name), ends with a
    colon, or the next line is a bullet or a "Label:" field.
    """
    cuts = []
    pos = text.find("\n", start, end)
    while pos != -1:
        line_start = text.rfind("\n", 0, pos) + 1
        before = text[max(line_start, start) : pos].strip()
        nxt_end = text.find("\n", pos + 1)
        after = text[pos + 1 : nxt_end if nxt_end != -1 else len(text)]
        if (
            not before
            or len(before.split()) <= 6
            or before.endswith(":")
            or _BULLET.match(after)
            or _LINE_LABEL.match(after)
        ):
            cuts.append(pos)
        pos = text.find("\n", pos + 1, end)
    return cuts


def _unread_name(words: Sequence[str], *, before_place: bool) -> bool:
    """Whether the words of a list item look like a name: each capitalised, written with
    a digit or a capital inside ("acme2050", "eLab"), or a short legal-form part ("e.V.",
    "bv"), and one of them marked so; a lower-case phrase is running text. Right before a
    listed place an article may open the item ("..., der Stadt X"); before an
    organisation it opens a description ("the German Acme"), which ends the list."""
    marked = [w for w in words if any(c.isupper() or c.isdigit() for c in w)]
    return bool(marked) and all(
        w in marked
        or (len(w) <= 2 and w.lower() not in LIST_WORDS)
        or (before_place and w.lower() in LIST_WORDS)
        for w in words
    )


class DocView:
    """Segments, mentions and references of one document."""

    def __init__(self, doc: Doc, mentions: Iterable[MentionLike]) -> None:
        self.doc = doc
        self.text = doc.text
        self.lowered = lower_same_length(self.text)
        self.parsed = doc.has_annotation("DEP")
        # absolute head index of every token (walking Token objects is slow)
        self._heads = (
            [i + int(h) for i, h in enumerate(doc.to_array("HEAD").astype("int64"))]
            if self.parsed
            else []
        )
        self.refs = self._refs(mentions)
        self._ref_starts = [r.start for r in self.refs]
        self.segments = self._segments()
        self._seg_starts = [seg.start for seg in self.segments]
        # (source, target) keys of leads a cue offered and the parse contradicted
        # (``relations.agents``): the model does not read them back in either
        self.vetoed_leads: set[tuple[str, str]] = set()
        # segment index -> the subject a copula names as lead there ("Acme is
        # penvoerder en werkt samen met A en B"): the sentence's other names lead nothing
        self.lead_subjects: dict[int, str] = {}

    # -- construction ------------------------------------------------------------------
    def _refs(self, mentions: Iterable[MentionLike]) -> list[Ref]:
        spans = sorted(
            (m for m in mentions if m.span.doc is self.doc or m.span.doc == self.doc),
            key=lambda m: (m.span.start_char, -m.span.end_char),
        )
        refs: list[Ref] = []
        last_end = -1
        for m in spans:
            if m.span.start_char < last_end:  # nested or overlapping: keep the outer one
                continue
            root = m.span.root.i if self.parsed and len(m.span) else None
            refs.append(Ref(m.key, m.type, m.span.start_char, m.span.end_char, root))
            last_end = m.span.end_char
        return sorted([*refs, *self._repeats(refs)], key=lambda r: r.start)

    def _repeats(self, refs: list[Ref]) -> list[Ref]:
        """The further occurrences of a project's, platform's or event's name that the
        entity stage left unread ("Nordlicht and Zeebrug were approved ... Nordlicht links
        six labs"): the same spelling on word bounds, outside every mention. Only these
        types: their names are coined, so a repeat is the same thing; a single German word
        written like a noun ("Leuchtturm", "Brücke") may be the noun itself, so it is left
        out."""
        names: dict[str, Ref] = {}
        for ref in refs:
            name = self.text[ref.start : ref.end]
            if ref.type in REPEATED_TYPES and len(name) >= MIN_REPEATED and "\n" not in name:
                if self.doc.lang_ == "de" and " " not in name and name[1:].islower():
                    continue
                names.setdefault(name, ref)
        if not names:
            return []
        taken = [(r.start, r.end) for r in refs]
        out: list[Ref] = []
        for name, ref in names.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", self.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
                root = span.root.i if self.parsed and span is not None and len(span) else None
                out.append(Ref(ref.key, ref.type, m.start(), m.end(), root))
        return out

    def _segments(self) -> list[Segment]:
        bounds: list[tuple[int, int]] = []
        sents = list(self.doc.sents) if self._has_sents() else [self.doc[:]]
        for sent in sents:
            start, end = sent.start_char, sent.end_char
            for cut in _layout_breaks(self.text, start, end):
                bounds.append((start, cut))
                start = cut + 1
            bounds.append((start, end))
        # A sentence cut inside a name ("Holt Grün.Bau.Werk, Beta Hochschule ...") is no
        # sentence end: the two pieces are one segment. A layout cut stays.
        joined: list[tuple[int, int]] = []
        inside = self._inside_mention()
        for s, e in bounds:
            if joined and joined[-1][1] == s and inside(s) and self.text[s - 1 : s] != "\n":
                joined[-1] = (joined[-1][0], e)
            else:
                joined.append((s, e))
        segments = [Segment(s, e) for s, e in joined if self.text[s:e].strip()]
        # Mentions that cross a segment cut (a name wrapped over two lines) stay whole
        # in the segment where they start.
        i = 0
        for ref in self.refs:
            while i < len(segments) - 1 and segments[i].end <= ref.start:
                i += 1
            segments[i].refs.append(ref)
        return segments

    def _inside_mention(self) -> Callable[[int], bool]:
        """Whether a character offset falls strictly inside a mention."""

        def inside(offset: int) -> bool:
            i = bisect_right(self._ref_starts, offset) - 1  # mentions do not overlap
            return i >= 0 and self.refs[i].start < offset < self.refs[i].end

        return inside

    def _has_sents(self) -> bool:
        return (
            self.doc.has_annotation("SENT_START")
            or self.doc.has_annotation("DEP")
            or len(self.doc) == 0
        )

    # -- segment helpers ---------------------------------------------------------------
    def evidence(self, segment: Segment) -> str:
        """The segment's text, as the evidence of a relation."""
        return squash(self.text[segment.start : segment.end])

    def segment_index_at(self, offset: int) -> int:
        """Index of the segment containing a character offset (the last one before it)."""
        return max(0, bisect_right(self._seg_starts, offset) - 1)

    @cached_property
    def refs_by_key(self) -> dict[str, list[Ref]]:
        """Each entity's mentions in text order."""
        out: dict[str, list[Ref]] = {}
        for ref in self.refs:
            out.setdefault(ref.key, []).append(ref)
        return out

    def paired_elsewhere(self, key: str, other: str, types: Sequence[str]) -> bool:
        """Whether no sentence names both entity ``key`` and entity ``other``, and a
        sentence of ``key`` names another entity of ``types``: what that sentence pairs
        ``key`` with is the other entity, not ``other``, named only apart from it."""
        own = {self.segment_index_at(r.start) for r in self.refs_by_key.get(key, ())}
        if any(self.segment_index_at(r.start) in own for r in self.refs_by_key.get(other, ())):
            return False
        return any(
            r.type in types and r.key not in (key, other)
            for i in own
            for r in self.segments[i].refs
        )

    def refs_in(self, lo: int, hi: int) -> list[Ref]:
        """Mentions lying wholly inside [lo, hi)."""
        i = bisect_left(self._ref_starts, lo)
        out = []
        while i < len(self.refs) and self.refs[i].start < hi:
            if self.refs[i].end <= hi:
                out.append(self.refs[i])
            i += 1
        return out

    def token_at(self, offset: int) -> Token | None:
        """The token starting at or containing a character offset."""
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    # -- lists ---------------------------------------------------------------------------
    def is_list_gap(self, start: int, end: int, seg: Segment, *, regions: bool) -> bool:
        """Whether the text between two mentions only joins list members ("A, B and C")."""
        gap = self.text[start:end]
        if len(gap) > 60 or "\n\n" in gap or re.search(r"[.!?;]\s", gap):
            return False
        # a mention of another type attached by a dash or brackets ("X – Belgium and Y",
        # "Flanders (X) and Zeeland (Y)")
        for ref in seg.refs:
            if start <= ref.start and ref.end <= end:
                before = self.text[start : ref.start].rstrip()
                after = self.text[ref.end : end].lstrip()
                if before.endswith(("-", "–", "—", "(", ",")) or after.startswith("("):
                    gap = gap.replace(self.text[ref.start : ref.end], " ", 1)
                elif (
                    not regions
                    and ref.type == "Region"
                    and (prep := place_preposition_before(self.lowered, ref.start, self.doc.lang_))
                    is not None
                    and prep >= start
                ):
                    # "A from Ghent, B from Bruges and C": where an item is, not an item
                    gap = gap.replace(self.text[prep : ref.end], " ", 1)
                else:
                    return False
        if not regions and gap.count("(") > gap.count(")"):
            return False  # "Acme (Beta, Gamma)": the bracket names parts, not partners
        gap = gap.replace("(", " ").replace(")", " ")
        # list items the entity recogniser missed ("A, Unknown Name, B") do not break it
        place = any(r.start == end and r.type == "Region" for r in seg.refs)
        items = re.split(r"[,/&•·]|\s(?:and|en|et|und|or|oder|ou)\s", f" {gap} ")
        gap_words = re.findall(r"[^\W\d_]+", gap)
        if (
            len(items) == 1
            and "\n" not in gap
            and gap_words
            and all(w.lower() in LIST_ARTICLES for w in gap_words)
        ):
            return False  # "A der B", "A de la B": B is A's complement, not a second item
        for item in items:
            words = re.findall(r"[^\W\d_][\w'’-]*", item)
            if all(w.lower() in LIST_WORDS for w in words):
                continue
            if "," in gap and len(words) <= 4 and _unread_name(words, before_place=place):
                continue
            return False
        return True

    def expand_list(self, ref: Ref, seg: Segment, types: Sequence[str]) -> list[Ref]:
        """``ref`` with the mentions of ``types`` coordinated with it in the segment."""
        if ref.implicit:
            return [ref]
        same = [r for r in seg.refs if r.type in types]
        if ref not in same:
            return [ref]
        regions = ref.type == "Region"
        i = same.index(ref)
        lo = hi = i
        while lo > 0 and self.is_list_gap(same[lo - 1].end, same[lo].start, seg, regions=regions):
            lo -= 1
        while hi < len(same) - 1 and self.is_list_gap(
            same[hi].end, same[hi + 1].start, seg, regions=regions
        ):
            hi += 1
        out: list[Ref] = []
        seen: set[str] = set()
        for r in same[lo : hi + 1]:
            if r.key not in seen:
                seen.add(r.key)
                out.append(r)
        return out

    # -- references ----------------------------------------------------------------------
    @cached_property
    def main_project(self) -> Ref | None:
        """The project (or S3 platform) the document is about, when one stands out.

        Named in the title (the first line), it is that one. Otherwise each project
        scores its mentions, plus one for standing alone on a line (a heading) and one
        for being named first; a mention as a predecessor ("builds on X") counts against
        it. The best one must beat the next; None when the document is about several.
        """
        for types in (("Project",), ("S3Platform",)):
            refs = [r for r in self.refs if r.type in types]
            if not refs:
                continue
            in_title = [r for r in refs if r.start < self.title_end]
            if in_title:
                return Ref(in_title[0].key, in_title[0].type, -1, -1, implicit=True)
            score: Counter[str] = Counter()
            for r in refs:
                if self._is_predecessor(r):
                    score[r.key] -= 1
                    continue
                score[r.key] += 2 if self._alone_on_line(r) else 1
            first = next((r for r in refs if not self._is_predecessor(r)), None)
            if first is not None:
                seg = self.segments[self.segment_index_at(first.start)]
                if len({r.key for r in seg.refs if r.type in types}) == 1:
                    score[first.key] += 1  # named first, and alone in its sentence
            ranked = [(k, n) for k, n in score.most_common() if n > 0]
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                key = ranked[0][0]
                first = next(r for r in refs if r.key == key)
                return Ref(key, first.type, -1, -1, implicit=True)
            return None
        return None

    @cached_property
    def records(self) -> list[Record]:
        """The page's records in text order: the stretches given to one entity each
        (``relations.records``)."""
        return page_records(doc_blocks(self.doc), self.refs_in, self.text)

    @cached_property
    def _project_heads(self) -> frozenset[str]:
        return frozenset(r.head.key for r in self.records if r.head.type in PROJECT_TYPES)

    def in_other_records(self, key: str, project: str) -> bool:
        """Whether every mention of ``key`` stands in the record of a project other than
        ``project``, itself the head of a record: on a page listing projects with their
        partners, an organisation named only in one project's block is not another's."""
        mentions = self.refs_by_key.get(key, [])
        if project not in self._project_heads or not mentions:
            return False
        for ref in mentions:
            record = self.record_at(ref.start, PROJECT_TYPES)
            if record is None or record.head.key in (project, key):
                return False
        return True

    def record_at(self, offset: int, types: Sequence[str]) -> Record | None:
        """The innermost record of an entity of ``types`` that holds ``offset``."""
        found = None
        for rec in self.records:
            if rec.start > offset:
                break
            if rec.head.type in types and offset < rec.end:
                found = rec
        return found

    def _alone_on_line(self, ref: Ref) -> bool:
        line_start = self.text.rfind("\n", 0, ref.start) + 1
        line_end = self.text.find("\n", ref.end)
        line = self.text[line_start : line_end if line_end != -1 else len(self.text)]
        return len(line.strip()) <= (ref.end - ref.start) + 2

    def _before(self, ref: Ref) -> str:
        """The text of the clause before a mention (at most 80 characters)."""
        return self.text[max(0, ref.start - 80) : ref.start]

    def _is_predecessor(self, ref: Ref) -> bool:
        """Named right after a "builds on" / "voorgangers" cue (within its clause)."""
        return bool(_PREDECESSOR_BEFORE.search(self._before(ref)))

    def _named_only_after(self, cue: Callable[[Ref], bool]) -> frozenset[str]:
        """Projects every mention of which stands right after a cue."""
        named: dict[str, bool] = {}
        for r in self.refs:
            if r.type in PROJECT_TYPES:
                named[r.key] = named.get(r.key, True) and cue(r)
        return frozenset(key for key, only in named.items() if only)

    @cached_property
    def predecessors(self) -> frozenset[str]:
        """Projects the page names only as an earlier project ("builds on the earlier
        project X", "fait suite au projet X"): what the page says of the new project
        (its lead, partners, funding) is not theirs, and "the project" is not one."""
        return self._named_only_after(self._is_predecessor)

    @cached_property
    def continued_projects(self) -> frozenset[str]:
        """Projects the page names only as what another continues, by the entity
        stage's succession phrases ("X is a follow-up to Y", "vervolg op Y"): not one
        of the page's own projects, whose figures it gives."""
        lang = self.doc.lang_
        return self._named_only_after(lambda r: after_succession_cue(self._before(r), lang))

    @cached_property
    def title_end(self) -> int:
        """End offset of the document's first non-empty line (its title)."""
        stripped = self.text.lstrip()
        offset = len(self.text) - len(stripped)
        nl = stripped.find("\n")
        return offset + (nl if nl != -1 else len(stripped))

    def anaphor(
        self, seg: Segment, lo: int, hi: int, types: Sequence[str], *, seg_index: int
    ) -> Ref | None:
        """A "this project"-style reference in [lo, hi), resolved to the nearest earlier
        mention of a matching type (else the main project)."""
        window = self.lowered[lo:hi]
        for pattern, ref_types in compiled_anaphora():
            if not any(t in types for t in ref_types):
                continue
            for m in pattern.finditer(window):
                pos = lo + m.start()
                if any(r.start <= pos < r.end for r in seg.refs):
                    continue  # the words are part of a name
                found = self.previous_of(ref_types, pos, seg_index=seg_index)
                if found is not None and found.type in types:
                    return found
        return None

    def has_reference(self, seg: Segment, lo: int, hi: int) -> bool:
        """Whether [lo, hi) holds a "this project"-style phrase (outside names)."""
        window = self.lowered[lo:hi]
        return any(
            not any(r.start <= lo + m.start() < r.end for r in seg.refs)
            for pattern, _ in compiled_anaphora()
            for m in pattern.finditer(window)
        )

    def previous_of(
        self, types: Sequence[str], before: int, *, seg_index: int, lookback: int = 6
    ) -> Ref | None:
        """The nearest mention of ``types`` before an offset (within ``lookback``
        segments), falling back to the main project when it is named before."""
        lo_seg = max(0, seg_index - lookback)
        for i in range(seg_index, lo_seg - 1, -1):
            found = [
                r
                for r in self.segments[i].refs
                if r.type in types and r.end <= before and r.key not in self.predecessors
            ]
            if not found:
                continue
            # an earlier sentence naming several projects leaves the reference ambiguous
            if i != seg_index and len({r.key for r in found}) > 1:
                return None
            ref = found[-1]
            return Ref(ref.key, ref.type, -1, -1, implicit=True)
        main = self.main_project
        # "this project" refers back: not to a project the page names only later
        if main is not None and main.type in types and self._named_before(main.key, before):
            return main
        return None

    def _named_before(self, key: str, offset: int) -> bool:
        """Whether the entity ``key`` is mentioned before ``offset``."""
        return any(r.start < offset for r in self.refs_by_key.get(key, ()))

    # -- syntax --------------------------------------------------------------------------
    def tree_distance(self, a: int, b: int) -> int | None:
        """Number of dependency arcs between two tokens (None without a parse)."""
        if not self.parsed:
            return None
        up_a = {a: 0}
        node, n = a, 0
        while self._heads[node] != node and n < 200:
            node, n = self._heads[node], n + 1
            up_a[node] = n
        node, n = b, 0
        while True:
            if node in up_a:
                return n + up_a[node]
            if self._heads[node] == node or n >= 200:
                return None
            node, n = self._heads[node], n + 1
