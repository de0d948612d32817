"""Money in relations: the grant on FUNDED_BY.

Amounts are found and parsed by ``innograph.ingest.amounts.find_money`` (exact European
notation); this module only decides what an amount is in its sentence: a total budget
("total budget", "totale kosten", "budget total"), a grant ("€X of which €Y is funded by
P", "P contributes €Y", "EFRO-subsidie van € 250.000"), or neither (a cap such as
"up to €10.000", a rate "per project"). Which project a budget belongs to is
``relations.budgets``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from innograph.ingest.amounts import MoneySpan, find_money
from innograph.ingest.relations.cues import (
    CAP_WORDS,
    OF_WHICH,
    compiled_anaphora,
    compiled_budget_cues,
)
from innograph.ingest.relations.fields import FIELD, field_lines
from innograph.ingest.relations.lexicon import (
    amount_words,
    award_cap_before,
    several_projects,
    transfer_target,
)
from innograph.ingest.relations.rules import Found
from innograph.ingest.relations.sections import fields_owner, section_project
from innograph.ingest.relations.text import DocView, Ref, Segment
from innograph.ontology.facts import RelationFact
from innograph.ontology.terms import relation_type

_CAP_BEFORE = re.compile(rf"(?:{CAP_WORDS})\b[^.;€\d]{{0,40}}$", re.I)
# "per year", "EUR 5 million each", "d'euros chacune", "voor elk van de thema's": a rate
# or a sum given to every one of several, not one project's figure; French "par" before
# an article names who gives it ("cofinancé à hauteur de X euros par le FEDER")
_RATE_AFTER = re.compile(
    r"^\s*(?:d['’]\s*euros?\s+|euros?\s+)?(?:voor\s+|pour\s+|for\s+|für\s+)?"
    r"(?:per|/|par(?!\s+(?:le|la|les|l['’]|un|une|des|du|leur)\b)|pro|each|elk|ieder|iedere"
    r"|chaque|chacun|chacune|jeweils)\b",
    re.I,
)
# "X, of which EUR Y": the amount right after "of which" is a share of X
OF_WHICH_BEFORE = re.compile(rf"\b(?:{OF_WHICH})\b[^.;€\d]{{0,20}}$", re.I)
_OF_WHICH_AFTER = re.compile(rf"^[^.;€\d]{{0,25}}\b(?:{OF_WHICH})\b", re.I)
# "27 projecten voor in totaal EUR 10 miljoen", "les projets ... reçoivent": a sentence
# about projects in the plural gives sums for them all, not one project's figure
SEVERAL_PROJECTS = several_projects()
# A sentence that speaks of "the project" (not of "the programme", which may be the
# funding programme itself)
PROJECT_WORD = re.compile(r"\b(?:project|projet|projekt|vorhaben)\b", re.I)
_OF_WHICH_WORD = re.compile(rf"\b(?:{OF_WHICH})\b", re.I)


def _grant_words(text: str) -> bool:
    """Whether ``text`` says money is given: a grant word of any language ("subsidie",
    "funded", "Förderung"), a structural fund's name, or a share ("of which")."""
    return bool(amount_words("grant").search(text) or _OF_WHICH_WORD.search(text))


def money_in(view: DocView, lo: int, hi: int) -> list[MoneySpan]:
    """Money amounts in [lo, hi), with offsets into the document text."""
    return [
        MoneySpan(m.start + lo, m.end + lo, m.text, m.value, m.currency, m.percent)
        for m in find_money(view.text[lo:hi])
    ]


def is_cap_or_rate(view: DocView, money: MoneySpan, lo: int) -> bool:
    before = view.text[max(lo, money.start - 60) : money.start]
    after = view.text[money.end : money.end + 30]
    if _RATE_AFTER.match(after):
        return True
    # "een subsidie van maximaal EUR X": in a grant decision the ceiling is the award
    return bool(_CAP_BEFORE.search(before)) and not award_cap_before().search(before)


def budget_spans(view: DocView, lo: int, hi: int) -> list[tuple[int, int]]:
    """Where the budget cues of [lo, hi) stand that have the whole after them."""
    return [
        (m.start(), m.end())
        for cue, rx in compiled_budget_cues()
        if cue.money != "before"  # "X, of which Y": the amount after the cue is a share
        for m in rx.finditer(view.text, lo, hi)
    ]


def is_budget(
    view: DocView,
    money: MoneySpan,
    moneys: Sequence[MoneySpan],
    budget_cues: Sequence[tuple[int, int]],
) -> bool:
    """A whole: the first amount after a budget cue, or an amount followed by "of which"."""
    if _OF_WHICH_AFTER.match(view.text[money.end : money.end + 40]):
        return True
    if OF_WHICH_BEFORE.search(view.text[max(0, money.start - 30) : money.start]):
        return False  # "in total X, of which Y": Y is a share, whatever cue came before
    return any(
        0 <= money.start - ce <= 60 and not any(ce <= o.start < money.start for o in moneys)
        for _, ce in budget_cues
    )


def attach_grants(view: DocView, found: list[Found]) -> None:
    """Set ``amount_eur`` on FUNDED_BY relations whose sentence states the grant."""
    by_region: dict[tuple[int, int], list[Found]] = {}
    for f in found:
        if f.type == relation_type("FUNDED_BY").name:
            by_region.setdefault(f.region, []).append(f)
    for (lo, hi), rels in by_region.items():
        if not _grant_words(view.text[lo:hi]):
            continue
        cues = budget_spans(view, lo, hi)
        moneys = money_in(view, lo, hi)
        grants = [
            m
            for m in moneys
            if not is_cap_or_rate(view, m, lo)
            and not is_budget(view, m, moneys, cues)
            and not _is_pool(view, m, lo)
            and _grant_sentence(view, m)
        ]
        if not grants:
            continue
        shares = [
            m for m in grants if OF_WHICH_BEFORE.search(view.text[max(lo, m.start - 30) : m.start])
        ]
        pool = shares or grants
        _pair_amounts(view, rels, pool, lo)


def _grant_sentence(view: DocView, money: MoneySpan) -> bool:
    """Whether the amount's own sentence can state a project's grant.

    It must say money is given (a grant word: a region of several sentences may hold
    sums "invested" or "going to" projects elsewhere), and a sentence that names a
    funding programme but no project, and does not refer back to one, states the
    programme's own budget ("Interreg IV has an ERDF budget of EUR 7.8 billion") unless
    the amount is a share of a whole written before it ("... of which EUR Y from").
    """
    seg_i = view.segment_index_at(money.start)
    seg = view.segments[seg_i]
    text = view.text[seg.start : seg.end]
    if not _grant_words(text) or SEVERAL_PROJECTS.search(text):
        return False
    types = {r.type for r in seg.refs}
    if FIELD.match(view.text, seg.start, seg.end):
        return True  # a record's field ("ERDF contribution: EUR X") is its project's
    if "FundingProgramme" in types and not _names_a_project(view, seg):
        if OF_WHICH_BEFORE.search(view.text[max(seg.start, money.start - 30) : money.start]):
            return True
        return bool(PROJECT_WORD.search(view.text[seg.start : seg.end]))
    return True


def _names(view: DocView, money: MoneySpan, key: str) -> bool:
    """Whether the sentence of an amount names the entity ``key``."""
    seg = view.segments[view.segment_index_at(money.start)]
    return any(r.key == key for r in seg.refs)


def _sentence_end(view: DocView, money: MoneySpan) -> int:
    return view.segments[view.segment_index_at(money.start)].end


def _field_owner(view: DocView, money: MoneySpan) -> str | None:
    """The project of the record whose field ("Subsidie: EUR X") states the amount, or
    "" when the amount stands in a field of no known project; None outside fields."""
    lo = view.text.rfind("\n", 0, money.start) + 1
    hi = view.text.find("\n", money.end)
    hi = len(view.text) if hi < 0 else hi
    if not FIELD.match(view.text, lo, hi):
        return None
    named = {r.key for r in view.refs_in(lo, hi) if r.type in ("Project", "S3Platform")}
    if len(named) == 1:
        return next(iter(named))
    return section_project(view, view.segment_index_at(lo), ("Project", "S3Platform")) or ""


def _names_a_project(view: DocView, seg: Segment) -> bool:
    """Whether a sentence names a project: a mention, or the written name of a project
    mentioned elsewhere (the entity stage may miss one occurrence)."""
    if any(r.type in ("Project", "S3Platform") for r in seg.refs):
        return True
    text = view.text[seg.start : seg.end]
    return any(
        view.text[r.start : r.end] in text for r in view.refs if r.type in ("Project", "S3Platform")
    )


def _pair_amounts(view: DocView, rels: list[Found], pool: list[MoneySpan], lo: int) -> None:
    """Give each programme of the sentence the amount written nearest after its name
    (before it counts a little further), one amount per programme."""

    def anchor(f: Found) -> tuple[int, int]:
        if not f.target.implicit:
            return f.target.start, f.target.end
        return f.cue or (lo, lo)

    def distance(f: Found, m: MoneySpan) -> float:
        if not f.target.implicit and not _names(view, m, f.target.key):
            return float("inf")  # a grant is stated with its programme, not sentences away
        if not f.source.implicit and f.source.start >= _sentence_end(view, m):
            return float("inf")  # nor given to a project the text names only later
        owner = _field_owner(view, m)
        if owner is not None and owner != f.source.key:
            return float("inf")  # a record's field is its own project's
        start, end = anchor(f)
        return m.start - end if m.start >= end else (start - m.end) * 1.5 + 5

    programmes = {f.target.key: f for f in rels}
    pairs = sorted(
        (distance(f, m), key, i) for key, f in programmes.items() for i, m in enumerate(pool)
    )
    given: dict[str, float] = {}
    used: set[int] = set()
    for dist, key, i in pairs:
        if dist == float("inf") or key in given or i in used:
            continue
        given[key] = pool[i].value
        used.add(i)
    for f in rels:
        if f.target.key in given:
            f.amount_eur = given[f.target.key]


_PARTY_TYPES = ("Organisation", "Person", "Region", "Cluster")
_RECIPIENT_BEFORE = re.compile(
    r"\b(?:to|aan|voor|an|für|à|au|pour)\s+(?:the\s+|de\s+|het\s+)?$", re.I
)


def stated_grants(view: DocView, facts: list[RelationFact]) -> None:
    """Give a FUNDED_BY without a grant the amount the page states for it elsewhere.

    Three statements count: a sentence naming the project and the programme with one
    grant amount ("P receives EUR X from F"); a sentence that gives one amount to the
    project alone ("P krijgt een bijdrage van EUR X", "EUR X gaat naar het project P",
    "The project receives EUR X"), when the project has only that programme or the
    sentence names it; and a record field ("EU contribution: EUR X") in the section of
    the project, when the project has only that programme or the label names it
    ("Subvention FEDER : EUR X"). An amount already given to another project is not
    taken again.
    """
    funded = [f for f in facts if f.type == "FUNDED_BY"]
    per_project: dict[str, list[RelationFact]] = {}
    for f in funded:
        per_project.setdefault(f.source, []).append(f)
    taken = {f.amount_eur: f.source for f in facts if f.amount_eur is not None}
    for f in funded:
        if f.amount_eur is not None:
            continue
        only = len(per_project[f.source]) == 1
        values = _sentence_grants(view, f.source, f.target, only_programme=only)
        if not values:
            # a project of several programmes: only a field whose label names this one
            others = {g.target for g in per_project[f.source]} - {f.target}
            values = _field_grants(view, f.source, (f.target, others) if others else None)
        if len(values) != 1:
            continue
        value = values.pop()
        if taken.get(value, f.source) != f.source:
            continue
        f.amount_eur = value
        taken[value] = f.source


def _usable(view: DocView, seg: Segment, moneys: list[MoneySpan]) -> list[MoneySpan]:
    cues = budget_spans(view, seg.start, seg.end)
    return [
        m
        for m in moneys
        if not is_cap_or_rate(view, m, seg.start)
        and not is_budget(view, m, moneys, cues)
        and not _is_pool(view, m, seg.start)
    ]


def _sentence_grants(
    view: DocView, project: str, programme: str, *, only_programme: bool
) -> set[float]:
    values: set[float] = set()
    for seg_i, seg in enumerate(view.segments):
        if len({r.key for r in seg.refs if r.type in ("Project", "S3Platform")} - {project}):
            continue  # a sentence about another project (or several)
        text = view.text[seg.start : seg.end]
        if SEVERAL_PROJECTS.search(text):
            continue
        keys = {r.key for r in seg.refs}
        programmes = {r.key for r in seg.refs if r.type == "FundingProgramme"}
        if not programmes - {programme} and (only_programme or programme in programmes):
            value = _one_project_grant(view, seg, seg_i, project)
            if value is not None:
                values.add(value)
                continue
        # a sentence naming both ends with one grant amount, however it is phrased
        if project in keys and programme in keys:
            if not (_grant_words(text) or amount_words("receive").search(text)):
                continue
            usable = _usable(view, seg, money_in(view, seg.start, seg.end))
            if len(usable) == 1:
                values.add(usable[0].value)
    return values


# "a contribution from the EUR 85 million allocated to the region": the sum is a pool
# the grant is taken from, not the grant
_POOL_BEFORE = re.compile(
    r"\b(?:from|out of|of|uit|vanuit|van|aus|von|sur)\s+"
    r"(?:the|de|het|den|dem|der|la|les|l['’])\s*(?:total\s+|totale\s+|gesamten\s+)?$",
    re.I,
)


def _is_pool(view: DocView, money: MoneySpan, lo: int) -> bool:
    """Whether a sum is a pool a grant is taken from ("a contribution from the EUR 85
    million allocated to the region"), not the grant."""
    return bool(_POOL_BEFORE.search(view.text[max(lo, money.start - 25) : money.start]))


# "EUR X from Acme": a funder that is not a programme gives it
_FUNDER_WORDS = (
    r"\s*(?:euros?\s+)?(?:\w+\s+){0,2}?(?:from|van|vanuit|von|vom|door|by|de\s+la|du|de\s+l['’])"
    r"\s+(?:the\s+|de\s+|het\s+|der\s+|dem\s+|den\s+|la\s+|l['’]\s*)?"
)
_FUNDER_AFTER = re.compile(rf"^{_FUNDER_WORDS}$", re.I)
_FUNDER_AFTER_NOUN = re.compile(_FUNDER_WORDS, re.I)
# "EUR X from the municipality": a funder named by a common noun, not a programme
_GENERIC_FUNDER = re.compile(
    r"(?:municipality|province|government|state|city|region|ministry|council"
    r"|gemeente|provincie|rijk|overheid|regering|ministerie|stad|regio"
    r"|land|bund|stadt|kreis|gemeinde|ministerium"
    r"|commune|ville|état|ministère|région)\b",
    re.I,
)
# "It receives", "Es erhält", "Il reçoit": a pronoun subject opening the sentence
_PRONOUN_SUBJECT = re.compile(r"\W*(?:it|es|il|elle)\s", re.I)


def _one_project_grant(view: DocView, seg: Segment, seg_i: int, project: str) -> float | None:
    """The one grant a sentence gives to ``project``, named or referred to in it.

    The project and the sum must be joined as giver and gift: the project named before
    the sum with a verb of receiving or a grant word between them ("P krijgt een
    bijdrage van EUR X", "P wird mit EUR X gefördert"), or the sum before the project it
    goes to ("EUR X gaat naar het project P", "EUR X attribués au projet P"). A sum that
    another funder gives ("EUR X from the province"), a pool ("a contribution from the
    EUR 85 million") and a sentence with two grant sums say no one grant.
    """
    where = _project_place(view, seg, seg_i, project)
    if where is None:
        return None
    p_start, p_end = where
    usable = _usable(view, seg, money_in(view, seg.start, seg.end))
    if len(usable) != 1:
        return None
    money = usable[0]
    text = view.text
    if p_end <= money.start:
        gap = text[p_end : money.start]
        if len(gap) > 120 or not (_gives(gap) or _gives(_clause_before(view, seg, p_start))):
            return None
        if not _apposition_only(view, p_end, money.start):
            return None  # "P partner Acme receives EUR X": the partner's share
        if gap.lstrip().startswith((",", ")")) and any(
            r.type in _PARTY_TYPES for r in view.refs_in(seg.start, p_start)
        ):
            return None  # "Acme, partner in P, receives EUR X": the partner gets it
    elif money.end <= p_start:
        gap = text[money.end : p_start]
        sentence = text[seg.start : seg.end]
        if len(gap) > 80 or not transfer_target().search(gap):
            return None
        if not (amount_words("transfer").search(sentence) or _grant_words(sentence)):
            return None
    else:
        return None
    for ref in view.refs_in(money.end, min(seg.end, money.end + 60)):
        if ref.type in _PARTY_TYPES and _FUNDER_AFTER.match(text[money.end : ref.start]):
            return None
    funder = _FUNDER_AFTER_NOUN.match(text, money.end, min(seg.end, money.end + 60))
    if funder is not None and _GENERIC_FUNDER.match(text, funder.end()):
        return None
    return money.value


def _gives(text: str) -> bool:
    """Whether ``text`` holds a word of money given or received."""
    return bool(amount_words("receive").search(text) or amount_words("grant").search(text))


# Where a clause ends: the verb of a clause stands within it
_CLAUSE_END = re.compile(r"[;:!?]|\.(?!\d)")


def _clause_before(view: DocView, seg: Segment, start: int) -> str:
    """The words of the clause before ``start`` (at most 40 characters): the verb may
    stand before the project, after a first word ("Zo ontving P ...") or with the funder
    as subject ("Horizon Europe supports the project with EUR X")."""
    lo = max(seg.start, start - 40)
    head = view.text[lo:start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
    return head[cut:]


def _apposition_only(view: DocView, lo: int, hi: int) -> bool:
    """Whether every party named in [lo, hi) stands in an aside (after a comma or a
    bracket that opens in the gap): "P, led by Acme, receives" but not "P partner Acme
    receives"."""
    for ref in view.refs_in(lo, hi):
        if ref.type in _PARTY_TYPES and not re.search(r"[,(–—]", view.text[lo : ref.start]):
            return False
    return True


def _project_place(view: DocView, seg: Segment, seg_i: int, project: str) -> tuple[int, int] | None:
    """Where a sentence names ``project``: its mention, a "the project" phrase that
    refers to it, or a pronoun subject opening the sentence when the sentence before
    names that project and nothing else it could mean (no other project, no programme)."""
    named = [r for r in seg.refs if r.key == project]
    if named:
        return named[0].start, named[0].end
    if any(r.type in ("Project", "S3Platform") for r in seg.refs):
        return None
    reference = _project_reference(view, seg, seg_i)
    if reference is not None:
        start, end, ref = reference
        return (start, end) if ref is not None and ref.key == project else None
    pronoun = _PRONOUN_SUBJECT.match(view.text, seg.start, seg.end)
    if pronoun is None or seg_i == 0 or not _about_the_project(view, seg_i - 1, project):
        return None
    return pronoun.start(), pronoun.end()


def _project_reference(
    view: DocView, seg: Segment, seg_i: int
) -> tuple[int, int, Ref | None] | None:
    """The sentence's first "the project"-style phrase (start, end) and the mention it
    refers back to, if any; None without such a phrase."""
    window = view.lowered[seg.start : seg.end]
    for pattern, types in compiled_anaphora():
        if "Project" not in types:
            continue
        m = pattern.search(window)
        if m is not None:
            start = seg.start + m.start()
            return start, seg.start + m.end(), view.previous_of(types, start, seg_index=seg_i)
    return None


def _about_the_project(view: DocView, seg_i: int, project: str) -> bool:
    """Whether a sentence speaks of ``project`` and of nothing else a pronoun after it
    could mean: it names the project alone, or names it before its programme ("Le projet
    P a été retenu au titre du programme F. Il ..."), or, naming no project or
    programme, refers back to it ("Le projet est piloté par Acme. Il ...")."""
    seg = view.segments[seg_i]
    named = [r for r in seg.refs if r.type in ("Project", "S3Platform", "FundingProgramme")]
    if not named:
        reference = _project_reference(view, seg, seg_i)
        return reference is not None and reference[2] is not None and reference[2].key == project
    projects = {r.key for r in named if r.type != "FundingProgramme"}
    return projects == {project} and named[0].key == project


def line_grant(view: DocView, lo: int, hi: int) -> float | None:
    """The one sum a line (a list item) states, when it is neither a cap, a rate nor a
    budget ("- Acme Bridge: EUR 450,000"); None when it states none or several."""
    moneys = money_in(view, lo, hi)
    if len(moneys) != 1:
        return None
    usable = _usable(view, view.segments[view.segment_index_at(lo)], moneys)
    if len(usable) != 1 or budget_spans(view, lo, hi):
        return None
    return usable[0].value


def _label_names(view: DocView, lo: int, hi: int, programme: str, others: set[str]) -> bool:
    """Whether a field's label names ``programme`` and none of ``others``: a mention, or
    the first word of its name ("Toegekende subsidie Interreg" for "Interreg
    Vlaanderen-Nederland") that starts no name of the others."""
    keys = {r.key for r in view.refs_in(lo, hi) if r.type == "FundingProgramme"}
    if keys:
        return keys == {programme}
    words = set(re.findall(r"\w{4,}", view.text[lo:hi].casefold()))

    def first_words(key: str) -> set[str]:
        return {
            w[0]
            for r in view.refs_by_key.get(key, ())
            if (w := re.findall(r"\w+", view.text[r.start : r.end].casefold()))
        }

    theirs = set().union(*(first_words(k) for k in others))
    return bool(words & (first_words(programme) - theirs))


def _field_grants(
    view: DocView, project: str, programme: tuple[str, set[str]] | None = None
) -> set[float]:
    values: set[float] = set()
    for lo, label_end, hi, stacked in field_lines(view.text):
        label = view.text[lo:label_end]
        if not _grant_words(label) or _CAP_BEFORE.search(label):
            continue
        refs = view.refs_in(lo, hi)
        # "EU contribution to Acme": one partner's share, not the project's grant
        if any(
            r.type in _PARTY_TYPES and _RECIPIENT_BEFORE.search(view.text[lo : r.start])
            for r in refs
            if r.start < label_end
        ):
            continue
        # "Subvention FEDER : EUR X": the grant of the programme its label names
        if programme is not None and not _label_names(view, lo, label_end, *programme):
            continue
        named = {r.key for r in refs if r.type in ("Project", "S3Platform")}
        seg_i = view.segment_index_at(lo)
        owner = (
            next(iter(named))
            if len(named) == 1
            else section_project(view, seg_i, ("Project", "S3Platform"))
            or (fields_owner(view, lo, stacked=stacked) if not named else None)
        )
        if owner != project:
            continue
        moneys = money_in(view, lo, hi)
        if moneys and not is_cap_or_rate(view, moneys[0], lo):
            values.add(moneys[0].value)
    return values
