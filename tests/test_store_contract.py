"""The GraphStore contract, writing: one suite, run on the embedded store and on Neo4j.

Every answer here is exact and written by hand for small graphs built in the tests, so
both backends must agree with each other by agreeing with these. The reading side is in
``test_store_contract_queries.py``; the graphs are in ``store_contract_data.py``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.errors import GraphError, InvalidFact
from innograph.graph.store import GraphStore
from innograph.graph.types import Edge, Node, Provenance
from innograph.ontology.facts import DocumentFacts, MergeRecord
from innograph.tests.builders import make_facts
from innograph.tests.store_contract_data import (
    ALPHA,
    GAMMA,
    HORIZON,
    INTERREG,
    ONE,
    S3,
    TWO,
    ecosystem,
    ids,
    load,
    org,
    project,
    snapshot,
)

# -- writing and stats ---------------------------------------------------------------------


def test_is_a_graph_store(store: GraphStore) -> None:
    assert isinstance(store, GraphStore)


def test_stats_count_nodes_relationships_and_documents(store: GraphStore) -> None:
    load(store, ecosystem())
    stats = store.stats()
    assert stats.nodes == {
        "Cluster": 1,
        "Event": 1,
        "FundingProgramme": 2,
        "Organisation": 4,
        "Project": 2,
        "S3Platform": 1,
    }
    assert stats.relationships == {
        "FUNDED_BY": 2,
        "LEADS": 2,
        "MEMBER_OF": 1,
        "PARTICIPATES_IN": 8,
    }
    assert stats.documents == 2
    assert stats.total_nodes == 11 and stats.total_relationships == 13


def test_upsert_reports_created_updated_unchanged_with_counts(store: GraphStore) -> None:
    doc_a, _ = ecosystem()
    first = store.upsert_document(doc_a)
    assert (first.source, first.status, first.nodes, first.relationships) == (
        "mem://a.txt",
        "created",
        6,
        6,
    )
    assert store.upsert_document(doc_a).status == "unchanged"
    changed = make_facts("mem://a.txt", [("a", "Organisation", "Alpha University")])
    assert store.upsert_document(changed).status == "updated"


def test_ingesting_twice_changes_nothing(store: GraphStore) -> None:
    load(store, ecosystem())
    before, version, stats = snapshot(store), store.version(), store.stats()
    results = store.upsert_documents(ecosystem())
    assert [r.status for r in results] == ["unchanged", "unchanged"]
    assert snapshot(store) == before
    assert store.version() == version
    assert (store.stats().nodes, store.stats().relationships) == (stats.nodes, stats.relationships)


def test_version_changes_with_every_change(store: GraphStore) -> None:
    v0 = store.version()
    doc_a, doc_b = ecosystem()
    store.upsert_document(doc_a)
    v1 = store.version()
    store.upsert_document(doc_b)
    v2 = store.version()
    store.remove_source(doc_b.source)
    assert len({v0, v1, v2, store.version()}) == 4


def test_upsert_documents_returns_one_result_per_document(store: GraphStore) -> None:
    results = store.upsert_documents(ecosystem())
    assert [(r.source, r.status) for r in results] == [
        ("mem://a.txt", "created"),
        ("mem://b.txt", "created"),
    ]
    assert store.upsert_documents([]) == []


def test_a_batch_is_applied_in_order_even_when_a_source_repeats(store: GraphStore) -> None:
    doc_a, _ = ecosystem()
    newer = make_facts("mem://a.txt", [("a", "Organisation", "Alpha University")])
    results = store.upsert_documents([doc_a, doc_a, newer])
    assert [r.status for r in results] == ["created", "unchanged", "updated"]
    assert store.stats().nodes == {"Organisation": 1}
    assert store.stats().relationships == {}


def test_changed_document_replaces_only_its_own_facts(store: GraphStore) -> None:
    load(store, ecosystem())
    # a.txt now says only that Alpha takes part in a new project; its old facts go,
    # b.txt's facts (Proj Two, Expo, Delta ...) stay, and shared nodes stay.
    new_a = make_facts(
        "mem://a.txt",
        [("a", "Organisation", "Alpha University"), ("n", "Project", "Proj New")],
        [("PARTICIPATES_IN", "a", "n")],
    )
    assert store.upsert_document(new_a).status == "updated"
    assert store.get_node(ONE) is None
    assert store.get_node(S3) is None
    assert store.get_node(INTERREG) is None
    assert store.get_node(project("Proj New")) is not None
    # Gamma is still mentioned by b.txt, as b.txt says it: an Organisation without country.
    gamma = store.get_node(GAMMA)
    assert gamma is not None and gamma.type == "Organisation"
    assert "country" not in gamma.properties
    assert store.stats().relationships == {
        "FUNDED_BY": 1,
        "LEADS": 1,
        "MEMBER_OF": 1,
        "PARTICIPATES_IN": 5,
    }
    assert store.get_node(ALPHA).properties.get("country") is None  # type: ignore[union-attr]


def test_remove_source_keeps_what_other_documents_support(store: GraphStore) -> None:
    shared_rel = ("LEADS", "a", "p", {"evidence": "A leads P (from one)."})
    one = make_facts(
        "mem://one.txt",
        [("a", "Organisation", "Anvil"), ("p", "Project", "Pylon"), ("o", "Organisation", "Only")],
        [shared_rel, ("PARTICIPATES_IN", "o", "p")],
    )
    two = make_facts(
        "mem://two.txt",
        [("a", "Organisation", "Anvil"), ("p", "Project", "Pylon")],
        [("LEADS", "a", "p", {"evidence": "A leads P (from two).", "confidence": 0.6})],
    )
    load(store, [one, two])
    assert store.remove_source("mem://one.txt") is True
    assert store.get_node(org("Only")) is None
    edges = list(store.iter_edges())
    assert edges == [
        Edge(
            source=org("Anvil"),
            target=project("Pylon"),
            type="LEADS",
            properties={},
            provenance=[Provenance("mem://two.txt", "A leads P (from two).", 0.6)],
        )
    ]
    assert [d.source for d in store.documents()] == ["mem://two.txt"]
    assert store.remove_source("mem://one.txt") is False
    assert store.remove_source("mem://never.txt") is False


def test_remove_then_reingest_restores_the_same_graph(store: GraphStore) -> None:
    docs = ecosystem()
    load(store, docs)
    before = snapshot(store)
    assert store.remove_source("mem://a.txt") and store.remove_source("mem://b.txt")
    assert store.stats().total_nodes == 0 and store.stats().documents == 0
    load(store, list(reversed(docs)))  # order of ingest does not matter either
    assert snapshot(store) == before


def test_invalid_facts_are_refused_and_nothing_is_written(store: GraphStore) -> None:
    doc_a, doc_b = ecosystem()
    store.upsert_document(doc_a)
    before, docs_before = snapshot(store), store.documents()
    bad_relation = make_facts(
        "mem://bad1.txt",
        [("a", "Organisation", "Zed"), ("p", "Project", "Zproj")],
        [("OWNS", "a", "p")],
    )
    bad_type = make_facts(
        "mem://bad2.txt", [("a", "Planet", "Mars", {"canonical_id": "planet-mars"})]
    )
    wrong_ends = make_facts(
        "mem://bad3.txt",
        [("a", "Organisation", "Zed"), ("p", "Project", "Zproj")],
        [("FUNDED_BY", "a", "p")],
    )
    wrong_id = make_facts(
        "mem://bad4.txt", [("a", "Organisation", "Zed", {"canonical_id": "project-zed"})]
    )
    missing_end = make_facts(
        "mem://bad5.txt", [("a", "Organisation", "Zed")], [("LEADS", "a", "nobody")]
    )
    cases = [
        (bad_relation, "OWNS"),
        (bad_type, "Planet"),
        (wrong_ends, "FUNDED_BY"),
        (wrong_id, "project-zed"),
        (missing_end, "nobody"),
    ]
    for bad, reason in cases:
        with pytest.raises(InvalidFact, match=reason):
            store.upsert_document(bad)
    # A batch with one bad document writes nothing at all.
    with pytest.raises(InvalidFact):
        store.upsert_documents([doc_b, bad_type])
    assert snapshot(store) == before
    assert store.documents() == docs_before


def bulk_documents() -> list[DocumentFacts]:
    """The ecosystem, a new version of its first document and its second one repeated."""
    doc_a, doc_b = ecosystem()
    newer_a = make_facts(
        "mem://a.txt",
        [("a", "Organisation", "Alpha University", {"country": "NL"}), ("z", "Event", "Zeta")],
        [("PARTICIPATES_IN", "a", "z")],
    )
    return [doc_a, doc_b, newer_a, doc_b]


def test_bulk_load_ends_as_upserts_do(store: GraphStore, tmp_path: Path) -> None:
    docs = bulk_documents()
    reference = EmbeddedStore(tmp_path / "reference")
    try:
        expected = [
            (r.source, r.status, r.nodes, r.relationships) for r in reference.upsert_documents(docs)
        ]
        results = store.bulk_load(docs)
        assert [(r.source, r.status, r.nodes, r.relationships) for r in results] == expected
        assert [r[1] for r in expected] == ["created", "created", "updated", "unchanged"]
        assert snapshot(store) == snapshot(reference)
        assert store.stats().documents == 2
        alpha = store.get_node(org("Alpha University"))
        assert alpha is not None and alpha.properties["country"] == "NL"
    finally:
        reference.close()


def test_bulk_load_refuses_a_graph_that_holds_data(store: GraphStore) -> None:
    doc_a, doc_b = ecosystem()
    store.upsert_document(doc_a)
    before, version = snapshot(store), store.version()
    with pytest.raises(GraphError, match="empty graph"):
        store.bulk_load([doc_b])
    assert (snapshot(store), store.version()) == (before, version)


def test_bulk_load_stops_at_an_invalid_document_or_reports_and_skips_it(
    store: GraphStore,
) -> None:
    doc_a, doc_b = ecosystem()
    bad = make_facts(
        "mem://bad.txt",
        [("a", "Organisation", "Zed"), ("p", "Project", "Zproj")],
        [("FUNDED_BY", "a", "p")],
    )
    with pytest.raises(InvalidFact, match="FUNDED_BY"):
        store.bulk_load([doc_a, bad, doc_b])
    assert snapshot(store) == ([], [])
    skipped: list[tuple[str, str]] = []
    results = store.bulk_load(
        [doc_a, bad, doc_b], on_invalid=lambda s, why: skipped.append((s, why))
    )
    assert [r.source for r in results] == ["mem://a.txt", "mem://b.txt"]
    assert [s for s, _ in skipped] == ["mem://bad.txt"]
    assert "FUNDED_BY" in skipped[0][1]
    assert store.stats().documents == 2


def test_merges_are_logged(store: GraphStore) -> None:
    facts = make_facts("mem://m.txt", [("a", "Organisation", "Anvil")])
    facts.merges = [
        MergeRecord(org("Anvil"), "ANVIL NV", "acronym", 0.9),
        MergeRecord(org("Anvil"), "Anvil Inc.", "fuzzy:93", 0.93),
    ]
    store.upsert_document(facts)
    assert store.merges() == [
        MergeRecord(org("Anvil"), "ANVIL NV", "acronym", 0.9),
        MergeRecord(org("Anvil"), "Anvil Inc.", "fuzzy:93", 0.93),
    ]


def test_documents_keep_identity_hash_and_language(store: GraphStore) -> None:
    doc_a, doc_b = ecosystem()
    doc_b.lang = "nl"
    doc_b.title = "Bee"
    load(store, [doc_b, doc_a])
    docs = store.documents()
    assert [(d.source, d.doc, d.content_hash, d.lang, d.title) for d in docs] == [
        ("mem://a.txt", "a.txt", doc_a.content_hash, "en", None),
        ("mem://b.txt", "b.txt", doc_b.content_hash, "nl", "Bee"),
    ]
    assert all(d.ingested_at.startswith("20") for d in docs)


def test_concurrent_ingest_of_one_document_gives_one_result(store: GraphStore) -> None:
    doc_a, _ = ecosystem()
    statuses: list[str] = []
    barrier = threading.Barrier(2)

    def ingest() -> None:
        barrier.wait()
        statuses.append(store.upsert_document(doc_a).status)

    threads = [threading.Thread(target=ingest) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == ["created", "unchanged"]
    assert store.stats().total_relationships == 6
    assert len(list(store.iter_edges())) == 6 and len(store.documents()) == 1


# -- merging nodes and relationships across documents --------------------------------------


def test_nodes_merge_across_documents(store: GraphStore) -> None:
    load(store, ecosystem())
    gamma = store.get_node(GAMMA)
    # a.txt says Cluster, b.txt Organisation: the more specific type wins.
    assert gamma == Node(GAMMA, "Cluster", "Gamma Cluster", {"country": "BE", "aliases": []})
    alpha = store.get_node(ALPHA)
    assert alpha == Node(
        ALPHA, "Organisation", "Alpha University", {"country": "BE", "aliases": []}
    )


def test_aliases_are_the_union_of_all_documents_names(store: GraphStore) -> None:
    one = make_facts("mem://1.txt", [("a", "Organisation", "Anvil", {"canonical_id": "org-anvil"})])
    one.entities[0].aliases = ["ANV"]
    two = make_facts(
        "mem://2.txt", [("a", "Organisation", "Anvil Works", {"canonical_id": "org-anvil"})]
    )
    two.entities[0].canonical_name = "Anvil"
    two.entities[0].aliases = ["Anvil NV"]
    load(store, [one, two])
    assert store.get_node("org-anvil") == Node(
        "org-anvil", "Organisation", "Anvil", {"aliases": ["ANV", "Anvil NV", "Anvil Works"]}
    )
    assert ids(store.search("anvil nv")) == ["org-anvil"]


def test_symmetric_relations_are_one_relationship(store: GraphStore) -> None:
    one = make_facts(
        "mem://1.txt",
        [("x", "Organisation", "Xeno"), ("y", "Organisation", "Yarrow")],
        [("COLLABORATES_WITH", "y", "x", {"evidence": "Y with X."})],
    )
    two = make_facts(
        "mem://2.txt",
        [("x", "Organisation", "Xeno"), ("y", "Organisation", "Yarrow")],
        [("COLLABORATES_WITH", "x", "y", {"evidence": "X with Y.", "confidence": 0.7})],
    )
    load(store, [one, two])
    assert list(store.iter_edges()) == [
        Edge(
            org("Xeno"),
            org("Yarrow"),
            "COLLABORATES_WITH",
            {},
            [
                Provenance("mem://1.txt", "Y with X.", 0.9),
                Provenance("mem://2.txt", "X with Y.", 0.7),
            ],
        )
    ]


def test_relationship_keeps_amount_and_per_document_provenance(store: GraphStore) -> None:
    load(store, ecosystem())
    funded = list(store.iter_edges(types=["FUNDED_BY"]))
    assert [(e.source, e.target, e.properties) for e in funded] == [
        (ONE, INTERREG, {"amount_eur": 1000.0}),
        (TWO, HORIZON, {}),
    ]
    assert funded[0].provenance == [Provenance("mem://a.txt", "p1 FUNDED_BY i.", 0.9)]
