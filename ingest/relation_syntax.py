"""Relations read from the dependency parse (languages whose pipeline has one: English).

A spaCy ``DependencyMatcher`` finds a relation verb with its subject and object ("the
partnership of A and B hosted the X Days", "Acme coordinates Solar Bridge", "Horizon
Europe funds Solar Bridge"); every mention inside the subject's subtree is a candidate
for one end and every mention inside the object's subtree for the other, so a
coordinated or premodified subject ("the A and B partnership") gives all its members.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from innograph.ingest.relation_cues import FUNDED_BY, LEADS, PARTICIPATES_IN, SUCCESSOR_OF
from innograph.ingest.relation_rules import Found, allowed
from innograph.ingest.relation_text import DocView, Ref
from innograph.ontology.terms import relation_type
from spacy.matcher import DependencyMatcher
from spacy.tokens import Token
from spacy.vocab import Vocab

# verb lemma -> (relation, True when the subject is the relation's source)
VERBS: dict[str, tuple[str, bool]] = {
    "coordinate": (LEADS, True),
    "co-ordinate": (LEADS, True),
    "lead": (LEADS, True),
    "head": (LEADS, True),
    "launch": (LEADS, True),
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


_VERB = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(VERBS)}, "POS": "VERB"}}
_OBJ = {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "obj", "RIGHT_ATTRS": {"DEP": "dobj"}}


@cache
def _matcher(vocab: Vocab) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab)
    subject = {
        "LEFT_ID": "verb",
        "REL_OP": ">",
        "RIGHT_ID": "subj",
        "RIGHT_ATTRS": {"DEP": "nsubj"},
    }
    matcher.add("SVO", [[_VERB, subject, _OBJ]])
    # A long subject with a participle ("the X partnership made up of A and B hosted Y")
    # is often parsed as a clause of its own: its subject is the verb's subject.
    clause = {
        "LEFT_ID": "verb",
        "REL_OP": ">--",
        "RIGHT_ID": "clause",
        "RIGHT_ATTRS": {"DEP": {"IN": ["advcl", "csubj"]}},
    }
    clause_subject = {
        "LEFT_ID": "clause",
        "REL_OP": ">",
        "RIGHT_ID": "subj",
        "RIGHT_ATTRS": {"DEP": "nsubj"},
    }
    matcher.add("SVO_CLAUSE", [[_VERB, clause, clause_subject, _OBJ]])
    # "A made up of B and C hosted Y" parsed as two conjoined verbs sharing one subject.
    conj_head = {"LEFT_ID": "verb", "REL_OP": "<", "RIGHT_ID": "clause", "RIGHT_ATTRS": {}}
    conj_subject = dict(clause_subject)
    matcher.add("SVO_CONJ", [[_VERB, conj_head, conj_subject, _OBJ]])
    return matcher


def _inside(view: DocView, head: Token, types: tuple[str, ...]) -> list[Ref]:
    """Mentions of ``types`` whose root lies in the subtree of ``head``."""
    lo, hi = head.left_edge.i, head.right_edge.i
    refs = [r for r in view.refs if r.type in types and r.root is not None and lo <= r.root <= hi]
    if any(r.type != "Region" for r in refs) and "Region" in types:
        refs = [r for r in refs if r.type != "Region"]  # organisations act, places rarely
    return refs


def syntax_relations(view: DocView) -> Iterator[Found]:
    """Subject-verb-object relations, when the document has a dependency parse."""
    if not view.parsed:
        return
    doc = view.doc
    for match_id, token_ids in _matcher(doc.vocab)(doc):
        kind = doc.vocab.strings[match_id]
        if kind != "SVO":
            verb_i, _, subj_i, obj_i = token_ids
            if any(t.dep_ == "nsubj" for t in doc[verb_i].children):
                continue  # the verb has its own subject
            if kind == "SVO_CONJ" and doc[verb_i].dep_ != "conj":
                continue
        else:
            verb_i, subj_i, obj_i = token_ids
        verb = doc[verb_i]
        rel, subject_is_source = VERBS[verb.lemma_.lower()]
        term = relation_type(rel)
        src_head, tgt_head = (doc[subj_i], doc[obj_i])
        if not subject_is_source:
            src_head, tgt_head = tgt_head, src_head
        sources = _inside(view, src_head, term.domain)
        targets = _inside(view, tgt_head, term.range)
        if not sources or not targets:
            continue
        seg_i = view.segment_index_at(verb.idx)
        seg = view.segments[seg_i]
        evidence = view.evidence(seg)
        for s in sources:
            for t in targets:
                if s.key != t.key and allowed(rel, s.type, t.type):
                    cue = (verb.idx, verb.idx + len(verb.text))
                    yield Found(rel, s, t, CONFIDENCE, (seg.start, seg.end), evidence, cue)
