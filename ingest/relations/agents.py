"""Whether the parse of a lead verb's clause agrees with the ends a cue picked.

A lead cue takes the nearest mention of an allowed type on each side, but the clause
may name its leader and what is led elsewhere: in "Acme hosts the Beta lab and
coordinates Solar Bridge" the one who coordinates is Acme (the subject of "hosts",
to which "coordinates" is conjoined), not Beta; in "a survey launched by Acme" what Acme
launched is the survey, not a project named before it in another clause. Where the
document has a dependency parse (English), the leader of an active lead verb must stand
in the verb's subject, and what is led of a passive one ("coordinated by", "led by")
in the participle's subject or in the noun the participle qualifies.
"""

from __future__ import annotations

from spacy.tokens import Token

from innograph.ingest.relations.text import DocView, Ref

# The dependency labels of a participle that qualifies a noun ("a survey launched by X",
# "the projects which are coordinated by X").
_QUALIFIES = frozenset({"acl", "relcl"})
_VERB_POS = frozenset({"VERB", "AUX"})


def _child(token: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _inside(ref: Ref, head: Token) -> bool:
    """Whether the mention's root lies in the subtree of ``head``."""
    return ref.root is not None and head.left_edge.i <= ref.root <= head.right_edge.i


def _clause_subject(verb: Token, deps: tuple[str, ...]) -> Token | None:
    """The verb's own subject of ``deps``, or that of the verb it is conjoined to."""
    own = _child(verb, deps)
    if own is None and verb.dep_ == "conj":
        own = _child(verb.head, deps)
    return own


def lead_clause_disagrees(view: DocView, cue_start: int, passive: bool, src: Ref, tgt: Ref) -> bool:
    """Whether the parse names another leader (active verb) or another thing led (passive
    participle) than the mentions a lead cue at ``cue_start`` picked.

    Without a parse, a verb token or a subject the parse names, the cue's pick stands.
    """
    if not view.parsed:
        return False
    verb = view.token_at(cue_start)
    if verb is None or verb.pos_ not in _VERB_POS:
        return False
    if passive:
        if tgt.implicit:
            return False
        if verb.dep_ in _QUALIFIES:
            return not _inside(tgt, verb.head)
        subject = _clause_subject(verb, ("nsubjpass",))
        return subject is not None and not _inside(tgt, subject)
    if src.implicit:
        return False
    subject = _clause_subject(verb, ("nsubj",))
    return subject is not None and not _inside(src, subject)
