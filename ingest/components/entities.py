"""``innograph_entities_v1``: one set of typed, grouped entity mentions per document.

Candidates come from the gazetteer, the rules and (for English) the statistical NER.
Overlaps are settled longest-first, by source (gazetteer and rules before NER). Then
mentions of the same thing are grouped within the document — same name, same registry
key, acronym and long form, a later short form of an earlier full name — and every span
of a group gets the same ``Span.id_`` ("e1", "e2" ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from innograph.ingest.components.interreg import InterregName
from innograph.ingest.components.spans import (
    SPAN_ENTITIES,
    SPAN_GAZETTEER,
    SPAN_NER,
    SPAN_PATTERNS,
    SPAN_WEAK,
    is_acronym,
)
from innograph.ingest.components.weak import is_distinctive
from innograph.ingest.gazetteer import gazetteer, norm_name
from innograph.ingest.gazetteer_lexicon import (
    CONTINENTS,
    GENERIC_ACRONYMS,
    ORG_HEADS,
    STOP_CAPITALISED,
)
from innograph.ontology.ids import fold
from spacy.language import Language
from spacy.tokens import Doc, Span

_SOURCE_RANK = {SPAN_PATTERNS: 0, SPAN_GAZETTEER: 0, SPAN_NER: 2, SPAN_WEAK: 3}
# How much a source's type counts when the mentions of one group disagree.
_TYPE_WEIGHT = {SPAN_GAZETTEER: 3.0, SPAN_PATTERNS: 2.0, SPAN_NER: 1.0, SPAN_WEAK: 1.0}
_GENERIC_KEYS = ("acronym|",)


def _usable(span: Span, source: str) -> bool:
    text = span.text.strip()
    if not text or "\n" in text or len(text) < 2 or text in GENERIC_ACRONYMS:
        return False
    words = [fold(t.text) for t in span if not t.is_punct]
    if not words or all(w in STOP_CAPITALISED or w.isdigit() for w in words):
        return False
    if len(span) == 1 and span[0].is_lower or " ".join(words) in CONTINENTS:
        return False
    if len(words) == 1 and words[0] in ORG_HEADS:
        return False
    return source == SPAN_GAZETTEER or span.kb_id_.startswith("interreg|") or _proper(span)


def _proper(span: Span) -> bool:
    """A proper name has a word that is not an ordinary word of the language, or a code."""
    g = gazetteer()
    lang = span.doc.lang_
    for token in span:
        text = token.text
        if token.is_punct or text.lower() in STOP_CAPITALISED:
            continue
        if is_distinctive(text) or any(c.isdigit() for c in text):
            return True
        if not g.is_common_word(text, lang if lang in ("en", "nl") else None):
            return True
    return False


def _choose(doc: Doc) -> list[tuple[Span, float]]:
    """Non-overlapping candidates (with their type weight): longer first, gazetteer/rules
    before NER."""
    candidates = []
    for group in (SPAN_PATTERNS, SPAN_GAZETTEER, SPAN_NER, SPAN_WEAK):
        for span in doc.spans.get(group, []):
            if _usable(span, group):
                interreg_bonus = 0 if span.kb_id_.startswith("interreg|") else 1
                candidates.append(
                    (
                        interreg_bonus,
                        _SOURCE_RANK[group],
                        -len(span),
                        span.start,
                        span,
                        _TYPE_WEIGHT[group],
                    )
                )
    candidates.sort(key=lambda c: c[:4])
    taken = [False] * len(doc)
    chosen = []
    for *_rank, span, weight in candidates:
        if any(taken[span.start : span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        chosen.append((_typed(doc, span), weight))
    chosen.sort(key=lambda c: c[0].start)
    return chosen


def _typed(doc: Doc, span: Span) -> Span:
    """Give long forms found by the acronym rule ("?") the type of their acronym."""
    if span.label_ != "?":
        return span
    acronym = span.kb_id_.split("|", 1)[1]
    entries = gazetteer().lookup(acronym)
    label = entries[0].type if entries else "Organisation"
    for other in doc.spans.get(SPAN_NER, []):
        if other.text == acronym and label == "Organisation":
            label = other.label_
    return Span(doc, span.start, span.end, label=label, kb_id=span.kb_id_)


@dataclass
class _Group:
    key: str
    type: str
    spans: list[Span] = field(default_factory=list)
    norms: set[str] = field(default_factory=set)
    kb_ids: set[str] = field(default_factory=set)
    votes: dict[str, float] = field(default_factory=dict)

    def add(self, span: Span, weight: float) -> None:
        self.spans.append(span)
        self.norms.add(norm_name(span.text))
        self.norms.add(norm_name(span.text).replace(" ", ""))
        if span.kb_id_:
            self.kb_ids.add(span.kb_id_)
        self.votes[span.label_] = self.votes.get(span.label_, 0.0) + weight
        self.type = max(self.votes, key=lambda t: (self.votes[t], t == self.spans[0].label_))

    @property
    def longest(self) -> Span:
        return max(self.spans, key=lambda s: (len(s.text), -s.start))


def _initials(text: str) -> str:
    words = [w for w in text.replace("-", " ").split() if w[:1].isupper() or w[:1].isdigit()]
    return "".join(w[0] for w in words).upper()


def _acronym_of(acronym: str, group: _Group) -> bool:
    letters = "".join(c for c in acronym if c.isalnum()).upper()
    return any(f"acronym|{acronym}" == k for k in group.kb_ids) or any(
        len(letters) >= 2 and _initials(s.text) == letters for s in group.spans if len(s) > 1
    )


def _compatible(a: str, b: str) -> bool:
    orgs = {"Organisation", "Cluster"}
    return a == b or a in orgs and b in orgs


def _interreg_joins(name: InterregName, group: _Group, span: Span) -> bool:
    """A short Interreg mention ("Interreg VA", "the Interreg programme") joins the one
    fully named programme it can denote."""
    for kb_id in group.kb_ids:
        other = InterregName.from_key(kb_id)
        if other is None or not other.area:
            continue
        if name.generation and other.generation and name.generation != other.generation:
            continue
        if name.strand and other.strand and name.strand != other.strand:
            continue
        if name.area == other.area or name.ref and name.ref == other.ref:
            return True
        # A short mention ("Interreg VA", "the Interreg programme") of the one full name.
        if not name.area and (name.generation or span[-1].lower_.startswith("program")):
            return True
        if not name.area and not name.strand and len(span) == 1:
            return True  # a bare "Interreg" in a document about one Interreg programme
    return False


def _find_group(span: Span, groups: list[_Group]) -> _Group | None:
    norm = norm_name(span.text)
    kb_id = span.kb_id_
    for group in groups:
        if norm in group.norms or norm.replace(" ", "") in group.norms:
            if span.label_ != "Region" and group.type != "Region" or span.label_ == group.type:
                return group
    if kb_id and not kb_id.startswith(_GENERIC_KEYS):
        for group in groups:
            if kb_id in group.kb_ids:
                return group
        name = InterregName.from_key(kb_id)
        if name is not None:
            fits = [g for g in groups if _interreg_joins(name, g, span)]
            return fits[-1] if len(fits) == 1 else None
    text = span.text
    if is_acronym(text):
        fits = [g for g in groups if g.type != "Region" and _acronym_of(text, g)]
        if len(fits) == 1:
            return fits[0]
    if kb_id.startswith("acronym|"):
        acronym = kb_id.split("|", 1)[1]
        for group in groups:
            if acronym in {s.text for s in group.spans}:
                return group
    # A later short form of an earlier full name: "Thomas More" after "Thomas More College".
    words = norm.split()
    if words and span.label_ in {
        "Organisation",
        "Cluster",
        "Project",
        "FundingProgramme",
        "Person",
        "Event",
        "S3Platform",
    }:
        fits = [
            g
            for g in groups
            if _compatible(span.label_, g.type)
            and any(
                len(other.split()) > len(words)
                and (
                    other.split()[: len(words)] == words
                    or span.label_ == "Person"
                    and other.split()[-len(words) :] == words
                )
                for other in g.norms
            )
        ]
        if len(fits) == 1:
            return fits[0]
    return None


def group_mentions(doc: Doc, weighted: list[tuple[Span, float]]) -> list[Span]:
    """Assign every span its document-level group (``Span.id_``) and return them."""
    groups: list[_Group] = []
    # Longer names first, so that short forms and acronyms find their full name.
    order = sorted(weighted, key=lambda c: (-len(c[0]), c[0].start))
    assigned: dict[int, _Group] = {}
    for span, weight in order:
        group = _find_group(span, groups)
        if group is None:
            group = _Group(f"e{len(groups) + 1}", span.label_)
            groups.append(group)
        group.add(span, weight)
        assigned[span.start] = group
    out = []
    for span, _weight in weighted:
        group = assigned[span.start]
        labelled = Span(
            doc, span.start, span.end, label=group.type, kb_id=span.kb_id_, span_id=group.key
        )
        out.append(labelled)
    return out


@Language.component("innograph_entities_v1", assigns=["doc.spans"])
def entities(doc: Doc) -> Doc:
    """Choose, type and group the document's entity mentions into ``doc.spans["ig_entities"]``."""
    doc.spans[SPAN_ENTITIES] = group_mentions(doc, _choose(doc))
    return doc
