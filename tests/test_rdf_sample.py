"""A small synthetic graph with known answers, shared by the linked-data tests.

Two documents; two organisations lead/join one project funded by a programme with a
grant amount; a cluster with a Wikidata id; a region with a NUTS code inside a
country; a merge decision (an acronym); a sentence with quotes, a newline and accents,
so the escaping of every writer is exercised.
"""

from __future__ import annotations

from pathlib import Path

from innograph.graph.embedded.store import EmbeddedStore
from innograph.ontology.facts import DocumentFacts, MergeRecord
from innograph.tests.builders import make_facts

BASE = "http://lod.test"
TRICKY_EVIDENCE = 'Northwind "Lab" — leads\nBRIDGE-X in Liège & Brügge <ok>.'


def sample_facts() -> list[DocumentFacts]:
    """The two documents of the sample graph."""
    first = make_facts(
        "reports/alpha report.txt",
        [
            ("a", "Organisation", "Northwind Lab", {"country": "BE", "pic": "999123456"}),
            (
                "b",
                "Project",
                "BRIDGE-X",
                {"budget_eur": 1234567.5, "start_date": "2019-01-01", "end_date": "2021-06"},
            ),
            ("c", "FundingProgramme", "Interreg Zuid"),
            ("r", "Region", "West Flanders", {"nuts_id": "BE25"}),
            ("be", "Region", "Belgium", {"nuts_id": "BE"}),
            ("k", "Cluster", "Harbour Cluster", {"wikidata": "Q42"}),
            ("p", "Person", "Ada Vermeulen"),
        ],
        [
            ("LEADS", "a", "b", {"evidence": TRICKY_EVIDENCE}),
            ("FUNDED_BY", "b", "c", {"amount_eur": 4999353.18}),
            ("LOCATED_IN", "a", "r"),
            ("LOCATED_IN", "r", "be"),
            ("MEMBER_OF", "a", "k"),
            ("COLLABORATES_WITH", "k", "a"),
            ("AFFILIATED_WITH", "p", "a"),
        ],
    )
    first.merges.append(MergeRecord("org-northwind-lab", "NW Lab", "acronym", 0.9))
    second = make_facts(
        "https://news.example.org/item?id=7",
        [
            ("x", "Organisation", "Northwind Lab"),
            ("y", "Organisation", "Eastgate Ltd"),
            ("b", "Project", "BRIDGE-X"),
            ("q", "Project", "Side Quest"),
        ],
        [
            ("PARTICIPATES_IN", "y", "b"),
            ("LEADS", "x", "b", {"confidence": 0.7}),
            ("LEADS", "y", "q"),
        ],
    )
    return [first, second]


def sample_store(folder: Path) -> EmbeddedStore:
    """An embedded store holding the sample graph."""
    store = EmbeddedStore(folder)
    store.upsert_documents(sample_facts())
    return store


def test_sample_graph_has_the_documented_shape(tmp_path: Path) -> None:
    store = sample_store(tmp_path / "s")
    stats = store.stats()
    assert stats.documents == 2
    assert stats.nodes["Organisation"] == 2 and stats.nodes["Cluster"] == 1
    assert stats.relationships["LEADS"] == 2
    store.close()
