"""Relation extraction: typed relations between a document's entity mentions.

``extract_relations`` reads the 8 contract relations from cue phrases (per language, see
``relation_cues``), the dependency parse where the pipeline has one (English), adjacency
patterns ("Acme (Ghent)", "Jane Doe, director of Acme") and page layouts ("Lead partner:
X", "Partners:\\nA\\nB", address blocks); never from co-occurrence alone. Every relation
carries its evidence sentence and a confidence, FUNDED_BY carries the grant when the text
states it, and ``extract_budgets`` gives projects' total budgets.

The ontology decides which end types a relation allows: nothing it forbids is emitted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from innograph.ingest.ablation import ablated
from innograph.ingest.entities.gazetteer_lexicon import COUNTRIES, INSTITUTIONS
from innograph.ingest.relations.adjacency import adjacency_relations
from innograph.ingest.relations.affiliation import looks_like_person, unstated_affiliation
from innograph.ingest.relations.amounts import attach_grants, stated_grants
from innograph.ingest.relations.budgets import extract_project_budgets
from innograph.ingest.relations.candidates import Candidate, PairReader
from innograph.ingest.relations.funding import (
    listed_grants,
    listed_under_programme,
    most_specific_programmes,
)
from innograph.ingest.relations.layout import layout_relations
from innograph.ingest.relations.lexicon import place_preposition_before
from innograph.ingest.relations.model import RelationModel, relation_model
from innograph.ingest.relations.rules import Found, allowed, cue_relations
from innograph.ingest.relations.shares import share_grants
from innograph.ingest.relations.syntax import syntax_relations
from innograph.ingest.relations.text import DocView, Ref
from innograph.ontology.facts import RelationFact
from innograph.ontology.ids import fold
from innograph.ontology.terms import relation_type

__all__ = [
    "Mention",
    "candidates",
    "extract_budgets",
    "extract_relations",
    "propose_relations",
]


@dataclass
class Mention:
    """An entity mention: its document-local entity key, contract type and text span."""

    key: str
    type: str
    span: Span


# Relations whose source a place preposition names as where it is, not as a party.
_PLACED_NOT_PARTIES = frozenset({"PARTICIPATES_IN", "MEMBER_OF"})
# A rule proposal this sure stands whatever the model says: chosen by cross-validation
# over sites of the whole pipeline (train+dev, 5 folds, models fit without the held-out
# sites): 0.75 kept about 10 more right and 1 more wrong relation on gold entities than
# 0.8, and 5 more right and 2 more wrong end to end.
RULE_KEEP_CONFIDENCE = 0.75
# A person is named near many places and programmes: one is where the person holds an
# office only when a rule reads the office in the text ("the mayor of X", "gedeputeerde
# van de provincie X"), so the model alone never adds these (relation, target type).
STATED_ONLY = frozenset({("AFFILIATED_WITH", "Region"), ("AFFILIATED_WITH", "FundingProgramme")})
# Where an organisation sits, what it belongs to and whom a person works for are stated
# in the sentence that names both, or in the one after it ("Acme is based in Ghent. It
# is a member of ..."), not two sentences or more away; the model alone adds one of
# these across sentences only to the page's subject (named in its title and the most
# named entity of its type: "About Acme ... Jane Doe, our director"). Out of fold on
# train+dev (5 folds over sites) the model added 15 such relations wrongly (7 documents
# of 7 sites) and 5 rightly, 4 of them to the page's subject (kept).
NEAR_ONLY = frozenset({"LOCATED_IN", "MEMBER_OF", "AFFILIATED_WITH"})
# The European Union and its Commission are named with Europe and the regions they fund
# in nearly every sentence; where they sit is only ever what a rule reads ("the European
# Commission in Brussels"), never the model alone (on train and dev it placed them 8 times
# wrongly, in 7 documents of 6 sites, and never rightly).
_UNBOUND = frozenset(
    re.sub(r"\beuropaischen\b", "europaische", fold(name))
    for key in ("european-union", "european-commission")
    for name in INSTITUTIONS[key]
)
# The European Union is no one's employer: a person is named beside it for a policy, a
# programme or a job title ("account manager EU affairs at Acme"), and works for the
# Commission, a ministry or an organisation of the sentence. An affiliation to the Union
# stands only where a rule reads it; "UE" is its French abbreviation. On train the model
# alone tied persons to it 6 times wrongly (6 documents of 6 sites) and never rightly.
_UNION = frozenset(
    {
        re.sub(r"\beuropaischen\b", "europaische", fold(name))
        for name in INSTITUTIONS["european-union"]
    }
    | {"ue"}
)

# What a page says of a new project and not of the earlier one it builds on (the
# predecessor's FUNDED_BY is checked on the source end).
_OF_THE_NEW_PROJECT = frozenset({"LEADS", "PARTICIPATES_IN"})

# Countries by name or code ("the Netherlands", "Niederlanden", "NL"), folded.
_COUNTRY_NAMES = frozenset(
    re.sub(r"^(?:the|de|die|der|la)\s+", "", fold(name))
    for code, names in COUNTRIES.items()
    for name in (code, *names)
)


def extract_relations(doc: Doc, mentions: Sequence[Mention], *, lang: str) -> list[RelationFact]:
    """The relations the document states between its mentions, one per (type, ends).

    The cue rules propose relations; the learned model (``relations.model``) then weighs
    every allowed pair of entities, the rules' proposals among its evidence, and keeps
    those it scores above its threshold. Without a model the rules' relations are the
    answer. A grant amount found in any sentence stating a kept relation is kept.
    """
    view = _view(doc, mentions)
    found = _rule_relations(view, lang)
    model = relation_model()
    if model is None:
        facts = _merge(found)
        facts += listed_under_programme(view, facts)
        facts = most_specific_programmes(view, facts)
        stated_grants(view, facts)
        facts += share_grants(view, facts)
        listed_grants(view, facts)
        return facts
    return _decide(view, lang, found, model)


def propose_relations(doc: Doc, mentions: Sequence[Mention], *, lang: str) -> list[RelationFact]:
    """What the cue rules alone propose (one per type and ends, with its grant)."""
    return _merge(_rule_relations(_view(doc, mentions), lang))


def candidates(doc: Doc, mentions: Sequence[Mention], *, lang: str) -> list[Candidate]:
    """Every allowed candidate relation of the document with its features (for training)."""
    view = _view(doc, mentions)
    return list(_reader(view, lang, _merge(_rule_relations(view, lang))).candidates())


def _rule_relations(view: DocView, lang: str) -> list[Found]:
    off = ablated()
    found = [
        *(cue_relations(view, lang) if "cues" not in off else ()),
        *(syntax_relations(view) if "syntax" not in off else ()),
        *(adjacency_relations(view, lang) if "adjacency" not in off else ()),
        *(layout_relations(view) if "layout" not in off else ()),
    ]
    countries = _keys_named(view, _COUNTRY_NAMES)
    found = [
        f
        for f in found
        if not _where_partners_are(view, f, lang, countries)
        and not _person_as_partner(f.type, f.source)
    ]
    attach_grants(view, found)
    return found


def _person_as_partner(relation: str, source: Ref) -> bool:
    """Whether a relation makes a person a partner: partners are organisations and places
    acting through their government (shared/spec/ANNOTATION.md); a person named in a
    project's text speaks for, works at or leads one ("..., zegt Jan de Vries, directeur
    van Acme" next to "onze partners" is no partner of the project)."""
    return relation == "PARTICIPATES_IN" and source.type == "Person"


def _where_partners_are(view: DocView, found: Found, lang: str, countries: set[str]) -> bool:
    """Whether a rule made partners or members of places that a place preposition names
    as where they are: "seven partners from A, B and C take part in X", "des partenaires
    en A, en B", "Partner aus A und B" (the places of a coordinated list, the first one
    after the preposition), unless the preposition belongs to the cue itself ("besteht
    aus der Stadt X" names a member)."""
    if found.type not in _PLACED_NOT_PARTIES or found.source.type != "Region":
        return False
    ref = found.source
    if ref.implicit:
        return False
    seg = view.segments[view.segment_index_at(ref.start)]
    places = view.expand_list(ref, seg, ("Region",))
    if len(places) < 2 and ref.key not in countries:
        # "Partners from Acme Region are active in ...": one name after "from" may be
        # a body the partners belong to; a country or a list of places is where they are
        return False
    prep = place_preposition_before(view.lowered, places[0].start, lang)
    if prep is None:
        return False
    return found.cue is None or not found.cue[0] <= prep < found.cue[1]


def _reader(view: DocView, lang: str, proposed: Sequence[RelationFact]) -> PairReader:
    """The pair features of the document, the rules' merged proposals among them."""
    hits = [(f.type, f.source, f.target, f.confidence) for f in proposed]
    return PairReader(view, lang, hits)


def _decide(
    view: DocView, lang: str, found: Sequence[Found], model: RelationModel
) -> list[RelationFact]:
    """The candidates the model keeps: the best relation type of each pair of ends."""
    proposed = _merge(found)
    ruled = {(f.type, f.source, f.target): f for f in proposed}
    unbound = _keys_named(view)
    union = _keys_named(view, _UNION)
    countries = _keys_named(view, _COUNTRY_NAMES)
    by_ends: dict[tuple[str, str], list[tuple[float, Candidate]]] = {}
    for cand in _reader(view, lang, proposed).candidates():
        if (cand.type, cand.source, cand.target) not in ruled and _not_for_the_model(
            view, cand, lang, unbound, union, countries
        ):
            continue
        by_ends.setdefault((cand.source, cand.target), []).append(
            (model.score(cand.features), cand)
        )
    best: dict[tuple[str, str], tuple[float, Candidate]] = {}
    for ends, scored in by_ends.items():
        chosen = model.choose([(c.type, score) for score, c in scored])
        if chosen is not None:
            best[ends] = next((score, c) for score, c in scored if c.type == chosen[0])
    # A rule proposal this sure stands whatever the model says.
    kept: list[RelationFact] = [
        fact
        for fact in ruled.values()
        if fact.confidence >= RULE_KEEP_CONFIDENCE
        and best.get((fact.source, fact.target), (0.0, None))[1] is None
    ]
    new: list[tuple[Found, float]] = []
    for score, cand in best.values():
        fact = ruled.get((cand.type, cand.source, cand.target))
        if fact is not None:
            fact.confidence = round(score, 3)
            kept.append(fact)
            continue
        new.append((_found(view, cand), score))
    attach_grants(view, [f for f, _ in new])
    for f, score in new:
        projects = {r.key for r in view.refs_in(*f.region) if r.type in ("Project", "S3Platform")}
        if len(projects) > 1:
            f.amount_eur = None  # a sentence about several projects: no one project's grant
        kept.append(
            RelationFact(
                type=f.type,
                source=f.source.key,
                target=f.target.key,
                evidence=f.evidence,
                confidence=round(score, 3),
                amount_eur=f.amount_eur,
            )
        )
    kept += listed_under_programme(view, kept)
    facts = _one_project_amounts(view, most_specific_programmes(view, kept))
    stated_grants(view, facts)
    facts += share_grants(view, facts)
    listed_grants(view, facts)
    return facts


def _not_for_the_model(
    view: DocView,
    cand: Candidate,
    lang: str,
    unbound: set[str],
    union: set[str],
    countries: set[str],
) -> bool:
    """Whether a candidate no rule proposed is one the model may not add on its own."""
    if (cand.type, cand.target_ref.type) in STATED_ONLY:
        return True
    if _person_as_partner(cand.type, cand.source_ref):
        return True
    if cand.type in NEAR_ONLY and _named_apart(view, cand):
        return True
    # The Union and the Commission fund, label and host; the model alone never places
    # them, nor makes them a project's partner or a body's member.
    if cand.type in ("LOCATED_IN", "PARTICIPATES_IN", "MEMBER_OF") and cand.source in unbound:
        return True
    # A country is a project's partner only where a rule reads it as one: the model
    # alone takes the countries a cross-border project spans for its partners.
    if (
        cand.type == "PARTICIPATES_IN"
        and cand.source in countries
        and cand.target_ref.type in ("Project", "S3Platform")
    ):
        return True
    # A place named after a place preposition ("a fair in X", "Acme aus X", "à X") is
    # where something is: the model alone makes it neither a partner nor a member (on
    # train half B it did so 4 times wrongly, in 4 documents of 3 sites, never rightly).
    if (
        cand.type in ("PARTICIPATES_IN", "MEMBER_OF")
        and f"{cand.type}|s_after_place_word" in cand.features
    ):
        return True
    if cand.type == "AFFILIATED_WITH":
        # the Union, the sentence ties the person elsewhere, or the "person" is no name
        return (
            cand.target in union
            or unstated_affiliation(view, cand.source_ref, cand.target_ref, lang)
            or not looks_like_person(view, cand.source, lang)
        )
    # A lead is what a lead cue says of its ends ("coordinated by X", "Leadpartner: X"):
    # the model alone reads one from the layout and the page's most-named project, and
    # on sites it has not seen did so wrongly three times as often as rightly.
    if cand.type == "LEADS" and "LEADS|s_cue_attached" not in cand.features:
        return True
    # A project named only as the one a new project builds on is not what the page's
    # lead, partners and funding are said of: the model alone gives it none of them.
    if cand.type in _OF_THE_NEW_PROJECT and cand.target_ref.key in view.predecessors:
        return True
    if cand.type == "FUNDED_BY" and cand.source in view.predecessors:
        return True
    if cand.type == "LEADS":
        # "Acme is penvoerder en werkt samen met A": Acme leads, A does not
        subject = view.lead_subjects.get(view.segment_index_at(cand.source_ref.start))
        if subject is not None and subject != cand.source:
            return True
    if cand.type == "LEADS" and (cand.source, cand.target) in view.vetoed_leads:
        return True  # the parse gives the lead verb another leader or another thing led
    # an organisation named only in another project's block, or only in sentences that
    # name another project and not this one ("In project B, Acme and Beta work together")
    return cand.type in ("LEADS", "PARTICIPATES_IN") and (
        view.in_other_records(cand.source, cand.target)
        or _only_with_other_projects(view, cand.source, cand.target)
    )


def _only_with_other_projects(view: DocView, key: str, project: str) -> bool:
    """Whether every sentence naming ``key`` names a project other than ``project``
    and not ``project`` itself. A project sharing a word with ``project``'s names may be
    the same one, named shorter ("the X project" beside "the X demo-case")."""
    mentions = view.refs_by_key.get(key, [])
    own = _name_words(view, project)
    for ref in mentions:
        seg = view.segments[view.segment_index_at(ref.start)]
        others = {r.key for r in seg.refs if r.type == "Project"} - {key}
        if project in others or not others or any(own & _name_words(view, o) for o in others):
            return False
    return bool(mentions)


def _name_words(view: DocView, key: str) -> set[str]:
    """The words of four letters or more in an entity's names, folded."""
    return {
        w
        for ref in view.refs_by_key.get(key, [])
        for w in re.findall(r"[^\W\d_]{4,}", fold(view.text[ref.start : ref.end]))
    }


def _named_apart(view: DocView, cand: Candidate) -> bool:
    """Whether the closest mentions of the candidate's ends stand two sentences or more
    apart, not in one block of short lines (a contact or address block: "Jane Doe /
    Project manager / Acme"), and the target is not the page's subject (named in the
    title and the most named of its type)."""
    rel, features = cand.type, set(cand.features)
    if {f"{rel}|segdist=0", f"{rel}|segdist=1"} & features or _short_lines_block(
        view, cand.source_ref, cand.target_ref
    ):
        return False
    subject = f"{rel}|t_in_title" in features and bool(
        {f"{rel}|t_most_of_type", f"{rel}|t_only_of_type"} & features
    )
    return not subject


# The longest line of a block of short lines (a contact card, an address).
_SHORT_LINE = 60


def _short_lines_block(view: DocView, a: Ref, b: Ref) -> bool:
    """Whether ``a`` and ``b`` stand on lines of one block of short lines, no blank line
    between them."""
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    lo = view.text.rfind("\n", 0, lo) + 1
    end = view.text.find("\n", hi)
    lines = view.text[lo : end if end != -1 else len(view.text)].split("\n")
    return all(line.strip() and len(line.strip()) <= _SHORT_LINE for line in lines)


def _keys_named(view: DocView, names: frozenset[str] = _UNBOUND) -> set[str]:
    """Keys of the entities named by one of ``names`` (folded): by default the European
    Union or the European Commission."""
    out = set()
    for ref in view.refs:
        name = fold(" ".join(view.text[ref.start : ref.end].split()))
        name = re.sub(r"^(?:(?:the|de|die|der|la)\s+|l['’]\s*)", "", name)
        if re.sub(r"\beuropaischen\b", "europaische", name) in names:
            out.add(ref.key)
    return out


def _one_project_amounts(view: DocView, facts: list[RelationFact]) -> list[RelationFact]:
    """A grant is one project's only when the text gives it to that one project.

    An amount given to several projects is a sum for them all; one read from a sentence
    that does not name its project ("of which EUR X comes from the ERDF") is that
    project's only when the page names no other project.
    """
    names: dict[str, set[str]] = {}
    for ref in view.refs:
        names.setdefault(ref.key, set()).add(" ".join(view.text[ref.start : ref.end].split()))
    projects = {r.key for r in view.refs if r.type in ("Project", "S3Platform")}
    for fact in facts:
        if fact.amount_eur is None or len(projects) <= 1:
            continue
        if not any(n in fact.evidence for n in names.get(fact.source, ())):
            fact.amount_eur = None
    sources: dict[float, set[str]] = {}
    for fact in facts:
        if fact.amount_eur is not None:
            sources.setdefault(fact.amount_eur, set()).add(fact.source)
    for fact in facts:
        if fact.amount_eur is not None and len(sources[fact.amount_eur]) > 1:
            fact.amount_eur = None
    return facts


def _found(view: DocView, cand: Candidate) -> Found:
    """A model-kept candidate as a rule-style finding: evidence from its ends' sentences."""
    a, b = cand.source_ref, cand.target_ref
    first, second = (a, b) if a.start <= b.start else (b, a)
    lo = view.segments[view.segment_index_at(first.start)].start
    hi = view.segments[view.segment_index_at(second.start)].end
    evidence = view.text[lo:hi] if hi - lo <= 600 else view.text[first.start : second.end]
    return Found(
        type=cand.type,
        source=Ref(a.key, a.type, a.start, a.end, a.root),
        target=Ref(b.key, b.type, b.start, b.end, b.root),
        confidence=0.5,
        region=(lo, hi),
        evidence=" ".join(evidence.split()),
    )


def extract_budgets(doc: Doc, mentions: Sequence[Mention], *, lang: str) -> dict[str, float]:
    """Entity key -> total budget in EUR, for the projects whose budget the text states."""
    del lang  # the budget cues are shared by all languages
    view = _view(doc, mentions)
    projects = {r.key for r in view.refs if r.type == "Project"}
    budgets = extract_project_budgets(view)
    counts: dict[float, int] = {}
    for value in budgets.values():
        counts[value] = counts.get(value, 0) + 1
    # Only projects have a budget (ig:budgetEur's domain; an S3 platform is no project),
    # and one figure given to several is their sum.
    return {k: v for k, v in budgets.items() if k in projects and counts[v] == 1}


_last_view: list[tuple[Doc, tuple[tuple[str, str, int, int], ...], DocView]] = []


def _view(doc: Doc, mentions: Sequence[Mention]) -> DocView:
    """The DocView of ``doc`` and ``mentions``; the last one is reused, since the
    extractor asks for relations and then for budgets of the same document."""
    signature = tuple((m.key, m.type, m.span.start_char, m.span.end_char) for m in mentions)
    if _last_view and _last_view[0][0] is doc and _last_view[0][1] == signature:
        return _last_view[0][2]
    view = DocView(doc, mentions)
    _last_view[:] = [(doc, signature, view)]
    return view


def _merge(found: Sequence[Found]) -> list[RelationFact]:
    best: dict[tuple[str, str, str], RelationFact] = {}
    for f in found:
        if f.source.key == f.target.key or not allowed(f.type, f.source.type, f.target.type):
            continue
        ends = (f.source.key, f.target.key)
        if relation_type(f.type).symmetric:
            ends = (min(ends), max(ends))
        key = (f.type, *ends)
        fact = best.get(key)
        if fact is None:
            # a symmetric relation is written in one order of its ends, the order in which
            # the model reads the pair, so that a rule's proposal and the model's
            # candidate for it are one relation, not two
            best[key] = RelationFact(
                type=f.type,
                source=key[1],
                target=key[2],
                evidence=f.evidence,
                confidence=round(f.confidence, 3),
                amount_eur=f.amount_eur,
            )
            continue
        if f.confidence > fact.confidence:
            fact.evidence, fact.confidence = f.evidence, round(f.confidence, 3)
            if f.amount_eur is not None:
                fact.amount_eur = f.amount_eur
        elif fact.amount_eur is None and f.amount_eur is not None:
            fact.amount_eur = f.amount_eur
    # Leading a project implies taking part in it: keep the more specific statement.
    leads = {(f.source, f.target) for f in best.values() if f.type == "LEADS"}
    return [
        f for f in best.values() if f.type != "PARTICIPATES_IN" or (f.source, f.target) not in leads
    ]
