"""One type for the names of one list: "A, B, C and D" names things of one kind.

A member whose type only the statistical NER or a default gave it (a lone acronym the
NER took for an organisation among projects, a region the NER took for a person among
regions) takes the type on which all other typed members of its list agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.grouping import Group, lonely_acronym
from innograph.ingest.entities.spans import COORDINATORS, is_acronym

# What may stand between two members of a list ("A, B", "A and B", "A / B").
_JOINS = frozenset({",", "/", ";", *COORDINATORS})
# A type weaker than this total (NER 1.0, defaults 0.3) comes from no rule or registry.
_WEAK_VOTE = 1.0
# Types a list may lend its member: a person in a list is still a person.
_LENT_TYPES = frozenset({"Organisation", "Project", "Region", "FundingProgramme", "Cluster"})


def _chains(final: Sequence[tuple[Span, Group]]) -> list[list[int]]:
    """Runs of mentions joined by commas and coordinators on one line, with a comma."""
    chains: list[list[int]] = []
    chain: list[int] = []
    for k, (span, _group) in enumerate(final):
        if chain:
            prev = final[chain[-1]][0]
            gap = span.doc[prev.end : span.start]
            words = [t.text.lower() for t in gap]
            if 1 <= len(words) <= 2 and all(w in _JOINS for w in words) and "\n" not in gap.text:
                chain.append(k)
                continue
        if len(chain) >= 3:
            chains.append(chain)
        chain = [k]
    if len(chain) >= 3:
        chains.append(chain)
    return [c for c in chains if _has_comma(final, c)]


def _has_comma(final: Sequence[tuple[Span, Group]], chain: list[int]) -> bool:
    doc = final[chain[0]][0].doc
    first, last = final[chain[0]][0], final[chain[-1]][0]
    return any(t.text == "," for t in doc[first.end : last.start])


def _weakly_typed(group: Group) -> bool:
    """Typed by the NER or a default alone: no registry key, no rule's vote, and no
    institution's code before its town ("FH Velderdam": its own words type it)."""
    if group.kb_ids or max(group.votes.values()) > _WEAK_VOTE:
        return False
    span = group.longest
    code_and_town = len(span) >= 2 and is_acronym(span[0].text) and len(span[0].text) <= 5
    return not (
        code_and_town and any(e.type == "Region" for e in gazetteer().lookup(span[1:].text))
    )


def harmonise_lists(final: Sequence[tuple[Span, Group]]) -> None:
    """Give a weakly typed member of a list of three names or more the type all its
    other members share, if at least two of them have it and none has another."""
    for chain in _chains(final):
        for k in chain:
            group = final[k][1]
            if not _weakly_typed(group) or group.type == "Person" and len(group.spans) > 1:
                continue
            others = {final[j][1].type for j in chain if final[j][1] is not group}
            if len(others) != 1 or len(chain) - 1 < 2:
                continue
            kind = next(iter(others))
            if kind in _LENT_TYPES and kind != group.type:
                group.type = kind


_LIST_JOINS = frozenset({",", "&", "/", *COORDINATORS})
_ORGANISATION_TYPES = frozenset({"Organisation", "Cluster"})


def listed_with_organisations(
    final: list[tuple[Span, Group]], k: int, strong: bool = False
) -> bool:
    """Is the k-th mention a member of a list ("A, B, KLM and C") next to a mention of
    an organisation that more than a short acronym backs (``strong``: a name of several
    words, or one a registry or a rule backs)? An acronym among named partners is a
    partner too, not a term."""
    span = final[k][0]
    doc = span.doc
    for j in (k - 1, k + 1):
        if not 0 <= j < len(final):
            continue
        other, group = final[j]
        if group.type not in _ORGANISATION_TYPES or lonely_acronym(group):
            continue
        if strong and len(other) < 2 and group.votes.get(group.type, 0.0) < 2.0:
            continue  # another word in capitals that only NER or a default calls one
        lo, hi = (other.end, span.start) if j < k else (span.end, other.start)
        between = [t.text for t in doc[lo:hi]]
        if not between or not all(w.lower() in _LIST_JOINS for w in between):
            continue
        # A comma makes it a list: "A, KLM" or "A, B and KLM", not just "A and KLM".
        around = [t.text for t in doc[max(0, span.start - 1) : span.end + 1]]
        if "," in between or "," in around:
            return True
    return False
