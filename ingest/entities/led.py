"""A name a body leads is an undertaking: "Nordlicht is coordinated by Acme GmbH",
"Bruggenbouw wordt geleid door de Hogeschool Y", "Led by Acme University, Tidelink
trains ...", "Lumière sera pilotée par la société Z", "Geleitet wird X von der Y",
"La société Z coordonne Lumière".

Projects often carry made-up names of no kind ("Tidelink", "Lumière 4.0"), which the NER
or a default takes for organisations; the relation stage then cannot give them their
LEADS, partners and grants, which the ontology reserves for projects. Where a lead cue of
the language (``relations.lang``: "led by", "geleid door", "geleitet von", "piloté par",
"coordinates", "coordonne") joins such a name to a body or a place that leads it, the name
is the thing led: right before a passive cue ("X is led by Y"), after a passive cue that
opens the sentence ("Led by Y, X ..."), after a fronted participle ("Geleitet wird X von
Y") or right after an active one ("Y coordinates X"). An organisation led by a person
("Acme is led by Jane Doe") is no sign, nor is a name whose own words name a body ("Acme
Institute is run by ...").

A record's heading is such a sign too: a name alone on its line (or before a dash and a
tagline) whose next sentence speaks of "the project" ("Dit project wordt getrokken door
...") or names a lead partner without naming the heading again ("The lead partner is Y")
heads a project's record; a made-up name the NER took for a place is read the same way.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from innograph.ingest.entities.grouping import Group
from innograph.ingest.entities.name_runs import DASHES
from innograph.ingest.entities.recipients import BODY_HEADS, grant_recipients
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.relations.cues import LEADS
from innograph.ingest.relations.lexicon import find_cues, fronted_lead, project_noun

# At most two words may stand between the name and a passive cue after it ("X is led by",
# "X, which is coordinated by", "X wird von ... geleitet"): any more and the cue is another
# noun's.
_LINK = re.compile(r"\s*,?\s*(?:[^\W\d_]+\s+){0,2}")
# At most an article between an active cue and the name it leads ("coordinates the X").
_OBJECT_LINK = re.compile(r"\s+(?:[^\W\d_]+\s+)?")
# How far from the cue the leader may start or end ("led by the Dutch company Y").
_LEADER_REACH = 40
_LEADER_TYPES = frozenset({"Organisation", "Cluster", "Region"})

# (start, end, passive): a lead cue in a lower-cased sentence; passive cues name the led
# thing on their left ("X is led by Y"), active ones on their right ("Y leads X").
_Cue = tuple[int, int, bool]
_Mention = tuple[Span, Group]


def _typed_by_default(group: Group) -> bool:
    """Whether only the NER or a default typed ``group``: no registry, no rule."""
    if group.kb_ids - {""}:
        return False
    return all(not s.kb_id_ or s.kb_id_.endswith("|default") for s in group.spans)


def _lead_cues(lowered: str, lang: str) -> list[_Cue]:
    found = []
    for start, end, cues in find_cues(lowered, lang):
        lead = [c for c in cues if LEADS in c.relations and not c.implicit]
        if any(c.source == "right" and c.target == "left" for c in lead):
            found.append((start, end, True))
        elif any(c.source == "left" and c.target == "right" for c in lead):
            found.append((start, end, False))
    return found


def _leader_after(char: int, mentions: list[_Mention]) -> bool:
    """Whether the first mention starting within reach after ``char`` can lead."""
    for span, group in mentions:
        if char <= span.start_char <= char + _LEADER_REACH:
            return group.type in _LEADER_TYPES
    return False


def _leader_before(char: int, mentions: list[_Mention]) -> bool:
    """Whether the last mention ending within reach before ``char`` can lead."""
    for span, group in reversed(mentions):
        if char - _LEADER_REACH <= span.end_char <= char:
            return group.type in _LEADER_TYPES
    return False


def _led(span: Span, cues: list[_Cue], mentions: list[_Mention]) -> bool:
    """Whether a lead cue of the sentence of ``span`` gives it a leader."""
    sent = span.sent
    lowered = sent.text.lower()
    offset = sent.start_char
    begin, end = span.start_char - offset, span.end_char - offset
    for cue_start, cue_end, passive in cues:
        if passive and cue_start >= end:  # "<span> (is) <cue> <leader>"
            gap = lowered[end:cue_start]
            if _LINK.fullmatch(gap) and not project_noun().search(gap):
                return _leader_after(cue_end + offset, mentions)
            break  # the first passive cue after the name is its own, or none is
        if passive and cue_end <= begin and not lowered[:cue_start].strip():
            # "<cue> <leader>, <span> ...": the cue opens the sentence
            comma = lowered.find(",", cue_end)
            if 0 <= comma < begin and not lowered[comma + 1 : begin].strip():
                return _leader_after(cue_end + offset, mentions)
        if not passive and cue_end <= begin:  # "<leader> <cue> (the) <span>"
            gap = lowered[cue_end:begin]
            if _OBJECT_LINK.fullmatch(gap) and not project_noun().search(gap):
                return _leader_before(cue_start + offset, mentions)
    fronted = fronted_lead(span.doc.lang_)
    opening = fronted.match(lowered) if fronted else None
    if opening is not None and opening.end() == begin:  # "Geleitet wird <span> von <leader>"
        return _leader_after(end + offset, mentions)
    return False


def led_undertakings(doc: Doc, groups: list[Group]) -> None:
    """Type as a project each organisation, typed so only by the NER or a default, that a
    lead cue gives a body or a place to lead it."""
    candidates = [
        g
        for g in groups
        if g.type == "Organisation"
        and _typed_by_default(g)
        and not any(fold(w) in BODY_HEADS for w in g.longest.text.split())
    ]
    if not candidates:
        return
    mentions = sorted(((s, g) for g in groups for s in g.spans), key=lambda m: m[0].start_char)
    for group in candidates:
        others = [m for m in mentions if m[1] is not group]
        for span in group.spans:
            cues = _lead_cues(span.sent.text.lower(), doc.lang_)
            if (cues or fronted_lead(doc.lang_)) and _led(span, cues, others):
                group.type = "Project"
                group.confident = True  # a cue said so: no list of companies undoes it
                break


def _implicit_lead_cue(lowered: str, lang: str) -> bool:
    return any(
        any(LEADS in c.relations and c.implicit for c in cues)
        for _start, _end, cues in find_cues(lowered, lang)
    )


def _breaks_line(token: Token) -> bool:
    """Whether a line ends after ``token`` or ``token`` is the line break itself."""
    return "\n" in token.whitespace_ or "\n" in token.text


def _line_name(span: Span) -> bool:
    """Whether ``span`` is alone on its line, or opens it before a dash and a tagline
    ("Tidelink - cleaner harbour cranes")."""
    doc = span.doc
    if span.start > 0 and not _breaks_line(doc[span.start - 1]):
        return False
    if span.end == len(doc) or _breaks_line(doc[span.end - 1]) or _breaks_line(doc[span.end]):
        return True
    return doc[span.end].text in DASHES and bool(doc[span.end - 1].whitespace_)


def _record_opening(span: Span) -> Span | None:
    """The first sentence after the line of ``span``."""
    doc = span.doc
    i = span.end
    while i < len(doc) and not _breaks_line(doc[i - 1]):
        i += 1
    while i < len(doc) and not doc[i].text.strip():
        i += 1
    return doc[i].sent if i < len(doc) else None


def _heads_a_project_record(span: Span, group: Group) -> bool:
    """Whether the line of ``span`` heads a record whose first sentence speaks of "the
    project" ("Dit project wordt ...") or gives a lead partner without naming the record's
    name again ("The lead partner is Y")."""
    if not _line_name(span):
        return False
    opening = _record_opening(span)
    if opening is None or opening.start_char < span.end_char:
        return False
    words = opening.text.split()[:2]
    if len(words) == 2 and words[0].isalpha() and project_noun().fullmatch(words[1]):
        return True
    if any(s.sent == opening for s in group.spans):
        return False  # "As coordinator, Acme ...": the record is the name's own
    return _implicit_lead_cue(opening.text.lower(), span.doc.lang_)


def headed_undertakings(doc: Doc, groups: list[Group]) -> None:
    """Type as a project each organisation, typed so only by the NER or a default, whose
    line heads a record of a project (``_heads_a_project_record``)."""
    for group in groups:
        # a made-up name is as often taken for a place as for a company ("Kelpstone Vale")
        if group.type not in ("Organisation", "Region") or not _typed_by_default(group):
            continue
        if any(fold(w) in BODY_HEADS for w in group.longest.text.split()):
            continue
        if any(_heads_a_project_record(s, group) for s in group.spans):
            group.type = "Project"
            group.confident = True


def undertakings_by_role(doc: Doc, groups: list[Group]) -> None:
    """Type as projects the organisations of no stated kind that the page gives a grant
    (``recipients``) or a leader (``led_undertakings``), or whose names head a project's
    record (``headed_undertakings``)."""
    grant_recipients(doc, groups)
    led_undertakings(doc, groups)
    headed_undertakings(doc, groups)
