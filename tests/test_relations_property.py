"""Properties of relation extraction over generated texts (hypothesis).

Texts are shuffled from names of every entity type, cue phrases of every relation and
filler words; whatever comes out must respect the ontology (allowed end types, no
self-relations), point at the document's own mentions, and quote its evidence from
the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from innograph.ingest.relations import extract_budgets, extract_relations, propose_relations
from innograph.ingest.relations.text import squash
from innograph.ontology.terms import check_relation, ontology

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc
else:
    from test_relations import Entities, make_doc

NAMES: Entities = {
    "Alpha Works": ("o1", "Organisation"),
    "Beta Cluster": ("c1", "Cluster"),
    "Project Kite": ("p1", "Project"),
    "Project Kite 2": ("p2", "Project"),
    "Photon Platform": ("s1", "S3Platform"),
    "Growth Fund": ("f1", "FundingProgramme"),
    "Northland": ("r1", "Region"),
    "Ann Smit": ("h1", "Person"),
    "Spring Summit": ("v1", "Event"),
}
WORDS = [
    "is coordinated by",
    "lead partner",
    "partners",
    "together with",
    "funded by",
    "member of",
    "based in",
    "cooperation between",
    "builds on",
    "director of",
    "from",
    "gefinancierd door",
    "penvoerder",
    "samen met",
    "lid van",
    "gevestigd in",
    "bouwt verder op",
    "and",
    "en",
    ",",
    ".",
    "(",
    ")",
    ":",
    "\n",
    "the",
    "€ 1.250.000",
    "total budget",
    "of which",
    "this project",
    "Partners:",
    "yesterday",
    "in",
]
TOKENS = st.lists(st.sampled_from([*NAMES, *WORDS]), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tokens=TOKENS, lang=st.sampled_from(["nl", "de"]))
@example(tokens=["Photon Platform", "total budget", "€ 1.250.000"], lang="nl")  # no project
def test_generated_texts_respect_the_ontology(tokens: list[str], lang: str) -> None:
    text = " ".join(tokens)
    doc, mentions = make_doc(text, NAMES, lang=lang)
    types = {key: etype for key, etype in NAMES.values()}
    keys = {m.key for m in mentions}
    flat = squash(text)
    seen = set()
    for rel in extract_relations(doc, mentions, lang=lang):
        check_relation(rel.type, types[rel.source], types[rel.target])
        assert rel.source != rel.target
        assert {rel.source, rel.target} <= keys
        assert 0 < rel.confidence <= 1
        assert rel.evidence and rel.evidence in flat
        assert rel.amount_eur is None or (rel.type == "FUNDED_BY" and rel.amount_eur > 0)
        ends = (rel.source, rel.target)
        if ontology().relation_types[rel.type].symmetric:
            ends = tuple(sorted(ends))  # type: ignore[assignment]
        assert (rel.type, ends) not in seen, "one fact per relation and ends"
        seen.add((rel.type, ends))
    for key, budget in extract_budgets(doc, mentions, lang=lang).items():
        assert types[key] == "Project" and budget > 0


NO_PROGRAMME = [name for name, (_, etype) in NAMES.items() if etype != "FundingProgramme"]


@settings(max_examples=60, deadline=None)
@given(
    tokens=st.lists(st.sampled_from([*NO_PROGRAMME, "and", ",", ".", "the", "today"]), max_size=30)
)
def test_names_without_cue_words_give_no_relation(tokens: list[str]) -> None:
    # names, conjunctions and punctuation only: no rule fires on co-occurrence (programme
    # names are left out: "the Growth Fund Project Kite" is a premodifier that states it);
    # the one reading of names and commas is an organisation's place in apposition, as in
    # an address ("Alpha Works, Northland" where no list goes on)
    text = " ".join(tokens)
    doc, mentions = make_doc(text, NAMES, lang="nl")
    found = propose_relations(doc, mentions, lang="nl")
    names = {"o1": "Alpha Works", "c1": "Beta Cluster"}
    assert all(
        (r.type, r.target) == ("LOCATED_IN", "r1")
        and r.source in names
        and f"{names[r.source]} , Northland" in text
        for r in found
    ), found
