"""The small graphs of the GraphStore contract suite, written by hand (shared by its files)."""

from __future__ import annotations

from innograph.graph.store import GraphStore
from innograph.graph.types import Edge, Node
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts


def org(name: str) -> str:
    return make_canonical_id("Organisation", name)


def project(name: str) -> str:
    return make_canonical_id("Project", name)


ALPHA, BETA, GAMMA, DELTA, EPS = (
    org("Alpha University"),
    org("Beta Labs"),
    org("Gamma Cluster"),
    org("Delta Corp"),
    org("Epsilon"),
)
ONE, TWO = project("Proj One"), project("Proj Two")
S3 = make_canonical_id("S3Platform", "S3 Health")
EXPO = make_canonical_id("Event", "Expo Days")
INTERREG = make_canonical_id("FundingProgramme", "Interreg X")
HORIZON = make_canonical_id("FundingProgramme", "Horizon Y")


def ecosystem() -> list[DocumentFacts]:
    """Two documents: five organisations sharing two projects, a platform and an event."""
    doc_a = make_facts(
        "mem://a.txt",
        [
            ("a", "Organisation", "Alpha University", {"country": "BE"}),
            ("b", "Organisation", "Beta Labs", {"country": "NL"}),
            ("g", "Cluster", "Gamma Cluster", {"country": "BE"}),
            ("p1", "Project", "Proj One", {"start_date": "2015-01-01", "end_date": "2018-12-31"}),
            ("s3", "S3Platform", "S3 Health"),
            ("i", "FundingProgramme", "Interreg X"),
        ],
        [
            ("LEADS", "a", "p1", {"evidence": "Alpha leads One.", "confidence": 0.95}),
            ("PARTICIPATES_IN", "b", "p1"),
            ("PARTICIPATES_IN", "g", "p1"),
            ("PARTICIPATES_IN", "a", "s3"),
            ("PARTICIPATES_IN", "g", "s3"),
            ("FUNDED_BY", "p1", "i", {"amount_eur": 1000.0}),
        ],
    )
    doc_b = make_facts(
        "mem://b.txt",
        [
            ("a", "Organisation", "Alpha University"),
            ("b", "Organisation", "Beta Labs"),
            ("d", "Organisation", "Delta Corp", {"country": "BE"}),
            ("e", "Organisation", "Epsilon", {"country": "FR"}),
            ("g", "Organisation", "Gamma Cluster"),
            ("p2", "Project", "Proj Two", {"start_date": "2019-01-01", "end_date": "2022-12-31"}),
            ("x", "Event", "Expo Days", {"start_date": "2023-03-01"}),
            ("h", "FundingProgramme", "Horizon Y"),
        ],
        [
            ("PARTICIPATES_IN", "a", "p2"),
            ("LEADS", "b", "p2"),
            ("PARTICIPATES_IN", "d", "p2"),
            ("PARTICIPATES_IN", "a", "x"),
            ("PARTICIPATES_IN", "e", "x"),
            ("FUNDED_BY", "p2", "h"),
            ("MEMBER_OF", "d", "g"),
        ],
    )
    return [doc_a, doc_b]


def load(store: GraphStore, docs: list[DocumentFacts]) -> None:
    for facts in docs:
        assert store.upsert_document(facts).status == "created"


def snapshot(store: GraphStore) -> tuple[list[Node], list[Edge]]:
    return list(store.iter_nodes()), list(store.iter_edges())


def ids(nodes: list[Node]) -> list[str]:
    return [n.id for n in nodes]
