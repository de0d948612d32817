"""Relations read from the dependency parse (languages whose pipeline has one: English).

A relation verb is read with its subject and object ("the
partnership of A and B hosted the X Days", "Acme coordinates Solar Bridge", "Horizon
Europe funds Solar Bridge"); every mention inside the subject's subtree is a candidate
for one end and every mention inside the object's subtree for the other, so a
coordinated or premodified subject ("the A and B partnership") gives all its members.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from innograph.ingest.relations.cues import FUNDED_BY, LEADS, PARTICIPATES_IN, SUCCESSOR_OF
from innograph.ingest.relations.rules import Found, allowed
from innograph.ingest.relations.text import DocView, Ref
from innograph.ontology.terms import relation_type

# verb lemma -> (relation, True when the subject is the relation's source)
VERBS: dict[str, tuple[str, bool]] = {
    "coordinate": (LEADS, True),
    "co-ordinate": (LEADS, True),
    "lead": (LEADS, True),
    "head": (LEADS, True),
    "spearhead": (LEADS, True),
    "chair": (LEADS, True),
    "host": (PARTICIPATES_IN, True),
    "co-host": (PARTICIPATES_IN, True),
    "organise": (PARTICIPATES_IN, True),
    "organize": (PARTICIPATES_IN, True),
    "co-organise": (PARTICIPATES_IN, True),
    "co-organize": (PARTICIPATES_IN, True),
    "join": (PARTICIPATES_IN, True),
    "initiate": (PARTICIPATES_IN, True),
    "fund": (FUNDED_BY, False),
    "co-fund": (FUNDED_BY, False),
    "finance": (FUNDED_BY, False),
    "co-finance": (FUNDED_BY, False),
    "cofinance": (FUNDED_BY, False),
    "subsidise": (FUNDED_BY, False),
    "subsidize": (FUNDED_BY, False),
    "sponsor": (FUNDED_BY, False),
    "succeed": (SUCCESSOR_OF, True),
    "continue": (SUCCESSOR_OF, True),
}
CONFIDENCE = 0.75


def _inside(view: DocView, head: Token, types: tuple[str, ...]) -> list[Ref]:
    """Mentions of ``types`` whose root lies in the subtree of ``head``."""
    lo, hi = head.left_edge.i, head.right_edge.i
    refs = [r for r in view.refs if r.type in types and r.root is not None and lo <= r.root <= hi]
    if any(r.type != "Region" for r in refs) and "Region" in types:
        refs = [r for r in refs if r.type != "Region"]  # organisations act, places rarely
    return refs


def syntax_relations(view: DocView) -> Iterator[Found]:
    """Subject-verb-object relations, when the document has a dependency parse.

    The subject is the verb's own ``nsubj``; failing that (a long subject parsed as a
    clause: "the A and B partnership made up of C hosted Y"), the subject of a clause
    before the verb or of the verb it is conjoined to."""
    if not view.parsed:
        return
    doc = view.doc
    strings = doc.vocab.strings
    wanted = {strings.add(verb) for verb in VERBS}
    lemmas = doc.to_array("LEMMA")
    for i in (i for i, lemma in enumerate(lemmas) if lemma in wanted):
        verb = doc[i]
        if verb.pos_ != "VERB":
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        subj = _subject(verb)
        if obj is not None and subj is not None:
            yield from _svo(view, verb, subj, obj)


def _subject(verb: Token) -> Token | None:
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if own is not None:
        return own
    hosts = [c for c in verb.children if c.dep_ in ("advcl", "csubj") and c.i < verb.i]
    if verb.dep_ == "conj":
        hosts.append(verb.head)
    for host in hosts:
        subj = next((c for c in host.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return None


def _svo(view: DocView, verb: Token, subj: Token, obj: Token) -> Iterator[Found]:
    """The relations of one subject-verb-object triple."""
    rel, subject_is_source = VERBS[verb.lemma_.lower()]
    term = relation_type(rel)
    src_head, tgt_head = (subj, obj) if subject_is_source else (obj, subj)
    sources = _inside(view, src_head, term.domain)
    targets = _inside(view, tgt_head, term.range)
    if not sources or not targets:
        return
    seg = view.segments[view.segment_index_at(verb.idx)]
    evidence = view.evidence(seg)
    cue = (verb.idx, verb.idx + len(verb.text))
    for s in sources:
        for t in targets:
            if s.key != t.key and allowed(rel, s.type, t.type):
                yield Found(
                    rel,
                    s,
                    t,
                    CONFIDENCE,
                    (seg.start, seg.end),
                    evidence,
                    cue,
                    rule=f"syntax:{verb.lemma_.lower()}",
                )
