"""The GraphStore contract: one suite, run on the embedded store and on Neo4j.

Every answer here is exact and written by hand for small graphs built in the tests, so
both backends must agree with each other by agreeing with these.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.errors import EntityNotFound, GraphError, InvalidFact
from innograph.graph.store import GraphStore
from innograph.graph.types import Edge, Node, Provenance
from innograph.ontology.facts import DocumentFacts, MergeRecord
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


# -- reading -----------------------------------------------------------------------------


def test_get_entity_gives_relations_neighbours_and_documents(store: GraphStore) -> None:
    load(store, ecosystem())
    detail = store.get_entity(ONE)
    assert detail.node.name == "Proj One"
    assert [(e.source, e.type, e.target) for e in detail.outgoing] == [(ONE, "FUNDED_BY", INTERREG)]
    assert [(e.source, e.type, e.target) for e in detail.incoming] == [
        (ALPHA, "LEADS", ONE),
        (BETA, "PARTICIPATES_IN", ONE),
        (GAMMA, "PARTICIPATES_IN", ONE),
    ]
    assert detail.incoming[0].provenance == [Provenance("mem://a.txt", "Alpha leads One.", 0.95)]
    assert sorted(detail.neighbours) == [ALPHA, BETA, GAMMA, INTERREG]
    assert detail.neighbours[BETA].name == "Beta Labs"
    assert [d.source for d in detail.documents] == ["mem://a.txt"]
    assert [d.source for d in store.get_entity(ALPHA).documents] == ["mem://a.txt", "mem://b.txt"]


def test_missing_entities(store: GraphStore) -> None:
    load(store, ecosystem())
    assert store.get_node("org-nobody") is None
    for call in (
        lambda: store.get_entity("org-nobody"),
        lambda: store.neighbourhood("org-nobody"),
        lambda: store.collaborators("org-nobody"),
        lambda: store.paths(ALPHA, "org-nobody"),
    ):
        with pytest.raises(EntityNotFound):
            call()


def test_iter_nodes_and_edges_are_complete_and_ordered(store: GraphStore) -> None:
    load(store, ecosystem())
    nodes = list(store.iter_nodes())
    assert ids(nodes) == sorted(
        [ALPHA, BETA, GAMMA, DELTA, EPS, ONE, TWO, S3, EXPO, INTERREG, HORIZON]
    )
    edges = list(store.iter_edges())
    assert len(edges) == store.stats().total_relationships == 13
    keys = [(e.source, e.type, e.target) for e in edges]
    assert keys == sorted(keys) and len(set(keys)) == 13
    assert all(e.provenance for e in edges)
    assert ids(list(store.iter_nodes(types=["Organisation"]))) == sorted(
        [ALPHA, BETA, GAMMA, DELTA, EPS]
    )
    assert ids(list(store.iter_nodes(types=["Cluster", "Event"]))) == [EXPO, GAMMA]
    assert {e.type for e in store.iter_edges(types=["LEADS", "MEMBER_OF"])} == {
        "LEADS",
        "MEMBER_OF",
    }
    assert len(list(store.iter_edges(types=["LEADS", "MEMBER_OF"]))) == 3


# -- search ------------------------------------------------------------------------------


def test_search_ranking_is_case_accent_prefix_substring_fuzzy(store: GraphStore) -> None:
    store.upsert_document(
        make_facts(
            "mem://s.txt",
            [
                ("1", "Organisation", "Kalmar"),
                ("2", "Organisation", "Kalmar Institute"),
                ("3", "Organisation", "Nieuw Kalmär Centrum"),
                ("4", "Organisation", "Bokalmar"),
                ("5", "Organisation", "Kalmra"),
                ("6", "Project", "Kalmar Days"),
                ("7", "Organisation", "Unrelated"),
            ],
        )
    )
    expected = [
        "Kalmar",
        "Kalmar Days",
        "Kalmar Institute",
        "Nieuw Kalmär Centrum",
        "Bokalmar",
        "Kalmra",
    ]
    assert [n.name for n in store.search("KALMAR")] == expected
    assert [n.name for n in store.search("kälmar", limit=2)] == expected[:2]
    assert [n.name for n in store.search("kalmar", types=["Project"])] == ["Kalmar Days"]
    assert [n.name for n in store.search("institute")] == ["Kalmar Institute"]
    assert store.search("qqqqqq") == []


# -- neighbourhood -------------------------------------------------------------------------


def test_neighbourhood_depth_types_and_cap(store: GraphStore) -> None:
    load(store, ecosystem())
    sub = store.neighbourhood(ONE)
    assert ids(sub.nodes) == [ONE, ALPHA, BETA, GAMMA, INTERREG]
    assert (sub.truncated, sub.total_nodes) == (False, 5)
    assert [(e.source, e.type, e.target) for e in sub.edges] == [
        (ALPHA, "LEADS", ONE),
        (BETA, "PARTICIPATES_IN", ONE),
        (GAMMA, "PARTICIPATES_IN", ONE),
        (ONE, "FUNDED_BY", INTERREG),
    ]
    capped = store.neighbourhood(ONE, limit=3)
    assert ids(capped.nodes) == [ONE, ALPHA, BETA]
    assert (capped.truncated, capped.total_nodes) == (True, 5)
    assert [(e.source, e.target) for e in capped.edges] == [(ALPHA, ONE), (BETA, ONE)]
    orgs = store.neighbourhood(ONE, depth=2, types=["Organisation"])
    # Delta is two hops away through Gamma (MEMBER_OF); Epsilon is three hops away.
    assert ids(orgs.nodes) == [ONE, ALPHA, BETA, GAMMA, DELTA]
    assert [(e.source, e.type, e.target) for e in orgs.edges] == [
        (ALPHA, "LEADS", ONE),
        (BETA, "PARTICIPATES_IN", ONE),
        (DELTA, "MEMBER_OF", GAMMA),
        (GAMMA, "PARTICIPATES_IN", ONE),
    ]
    assert ids(store.neighbourhood(ONE, depth=0).nodes) == [ONE]
    far = store.neighbourhood(EPS, depth=3, types=["Project", "S3Platform"])
    assert ids(far.nodes) == [EPS, S3, ONE, TWO]


# -- collaborators -------------------------------------------------------------------------


def collab(store: GraphStore, **filters: Any) -> list[tuple[str, int, list[str]]]:
    return [
        (c.organisation.id, c.score, ids(c.shared)) for c in store.collaborators(ALPHA, **filters)
    ]


def test_collaborators_ranked_by_shared_items(store: GraphStore) -> None:
    load(store, ecosystem())
    assert collab(store) == [
        (BETA, 2, [ONE, TWO]),
        (GAMMA, 2, [S3, ONE]),
        (DELTA, 1, [TWO]),
        (EPS, 1, [EXPO]),
    ]
    assert [c.organisation.name for c in store.collaborators(ALPHA, limit=1)] == ["Beta Labs"]
    # Delta shares only Proj Two (MEMBER_OF makes no partnership).
    assert [(c.organisation.id, c.score) for c in store.collaborators(DELTA)] == [
        (ALPHA, 1),
        (BETA, 1),
    ]


def test_collaborators_filters(store: GraphStore) -> None:
    load(store, ecosystem())
    assert collab(store, country="BE") == [(GAMMA, 2, [S3, ONE]), (DELTA, 1, [TWO])]
    assert collab(store, programme=INTERREG) == [(BETA, 1, [ONE]), (GAMMA, 1, [ONE])]
    # Proj One ended in 2018; the platform has no dates (always active).
    assert collab(store, since="2019-01-01") == [
        (BETA, 1, [TWO]),
        (DELTA, 1, [TWO]),
        (EPS, 1, [EXPO]),
        (GAMMA, 1, [S3]),
    ]
    # Proj Two starts in 2019, the expo in 2023.
    assert collab(store, until="2018-12-31") == [(GAMMA, 2, [S3, ONE]), (BETA, 1, [ONE])]
    assert collab(store, country="BE", since="2019-01-01") == [(DELTA, 1, [TWO]), (GAMMA, 1, [S3])]


# -- paths -------------------------------------------------------------------------------

A, B, C, K, D = org("Path A"), org("Path B"), org("Path C"), org("Path K"), org("Path D")
P1, P2, P3 = project("Path P1"), project("Path P2"), project("Path P3")


def path_graph() -> DocumentFacts:
    """A and B linked through C (COLLABORATES_WITH), cluster K, projects P1 and P2; D
    hangs off K and P3."""
    return make_facts(
        "mem://paths.txt",
        [
            ("a", "Organisation", "Path A"),
            ("b", "Organisation", "Path B"),
            ("c", "Organisation", "Path C"),
            ("k", "Cluster", "Path K"),
            ("d", "Organisation", "Path D"),
            ("p1", "Project", "Path P1"),
            ("p2", "Project", "Path P2"),
            ("p3", "Project", "Path P3"),
        ],
        [
            ("LEADS", "a", "p1"),
            ("PARTICIPATES_IN", "b", "p1"),
            ("PARTICIPATES_IN", "a", "p2"),
            ("PARTICIPATES_IN", "b", "p2"),
            ("COLLABORATES_WITH", "c", "a"),
            ("COLLABORATES_WITH", "b", "c"),
            ("MEMBER_OF", "a", "k"),
            ("MEMBER_OF", "b", "k"),
            ("MEMBER_OF", "d", "k"),
            ("PARTICIPATES_IN", "d", "p3"),
            ("LEADS", "a", "p3"),
        ],
    )


def path_ids(store: GraphStore, src: str, dst: str, **options: object) -> list[list[str]]:
    return [ids(p.nodes) for p in store.paths(src, dst, **options)]  # type: ignore[arg-type]


def test_paths_shortest_first_ties_by_node_ids(store: GraphStore) -> None:
    store.upsert_document(path_graph())
    assert path_ids(store, A, B) == [[A, C, B], [A, K, B], [A, P1, B]]
    # No 3-hop path; the only 4-hop one goes round through P3, D and K.
    assert path_ids(store, A, B, k=9) == [
        [A, C, B],
        [A, K, B],
        [A, P1, B],
        [A, P2, B],
        [A, P3, D, K, B],
    ]
    found = store.paths(A, B, k=1)
    assert len(found) == 1 and found[0].hops == 2
    assert [(e.source, e.type, e.target) for e in found[0].edges] == [
        (A, "COLLABORATES_WITH", C),
        (B, "COLLABORATES_WITH", C),
    ]
    assert found[0].nodes[1] == Node(C, "Organisation", "Path C", {"aliases": []})


def test_paths_via_avoid_and_max_hops(store: GraphStore) -> None:
    store.upsert_document(path_graph())
    assert path_ids(store, A, B, via=["Project"]) == [[A, P1, B], [A, P2, B]]
    assert path_ids(store, A, B, via=["Organisation"]) == [[A, C, B], [A, K, B]]
    assert path_ids(store, A, B, via=["Cluster"], k=5) == [[A, K, B]]
    assert path_ids(store, A, B, avoid=[C, K]) == [[A, P1, B], [A, P2, B]]
    assert path_ids(store, A, B, avoid=[C, P1, P2]) == [[A, K, B], [A, P3, D, K, B]]
    assert path_ids(store, A, B, max_hops=1) == []
    assert path_ids(store, A, D, max_hops=2, k=5) == [[A, K, D], [A, P3, D]]
    assert path_ids(store, D, A, max_hops=2, k=5) == [[D, K, A], [D, P3, A]]


def test_paths_agree_with_brute_force_on_the_ecosystem(store: GraphStore) -> None:
    load(store, ecosystem())
    graph = nx.Graph()
    graph.add_edges_from((e.source, e.target) for e in store.iter_edges())
    for src, dst in ((ALPHA, EPS), (DELTA, EPS), (BETA, S3), (INTERREG, HORIZON)):
        expected = sorted(
            nx.all_simple_paths(graph, src, dst, cutoff=4), key=lambda p: (len(p), p)
        )[:4]
        assert path_ids(store, src, dst, k=4, max_hops=4) == expected


def test_empty_store_answers(store: GraphStore) -> None:
    stats = store.stats()
    assert (stats.nodes, stats.relationships, stats.documents) == ({}, {}, 0)
    assert store.documents() == [] and store.merges() == []
    assert list(store.iter_nodes()) == [] and list(store.iter_edges()) == []
    assert store.search("anything") == []
    assert isinstance(store.version(), str)


def test_attribute_values_round_trip(store: GraphStore) -> None:
    attrs = {
        "budget_eur": 1234567.89,
        "pic": 999123456,
        "ongoing": True,
        "keywords": ["hydrogen", "ports"],
        "url": "https://example.org/ä",
    }
    store.upsert_document(make_facts("mem://attrs.txt", [("p", "Project", "Attr Proj", attrs)]))
    node = store.get_node(project("Attr Proj"))
    assert node is not None
    assert node.properties == {**attrs, "aliases": []}
    assert [n.properties for n in store.iter_nodes()] == [{**attrs, "aliases": []}]


def test_a_large_batch_is_counted_exactly(store: GraphStore) -> None:
    """300 documents in one call: shared organisations, one project each."""
    batch = [
        make_facts(
            f"mem://batch/{i}",
            [
                ("p", "Project", f"Batch Project {i}"),
                ("a", "Organisation", f"Batch Org {i % 17}"),
                ("b", "Organisation", f"Batch Org {(i * 7 + 3) % 17}"),
            ],
            [("LEADS", "a", "p"), ("PARTICIPATES_IN", "b", "p")],
        )
        for i in range(300)
    ]
    results = store.upsert_documents(batch)
    assert [r.status for r in results] == ["created"] * 300
    same_org = sum(1 for i in range(300) if i % 17 == (i * 7 + 3) % 17)
    stats = store.stats()
    assert stats.nodes == {"Organisation": 17, "Project": 300}
    assert stats.relationships == {"LEADS": 300, "PARTICIPATES_IN": 300}
    assert stats.documents == 300
    # Collaborators of Batch Org 0, counted from the facts themselves.
    me = org("Batch Org 0")
    expected: dict[int, int] = {}
    for i in range(300):
        ends = {i % 17, (i * 7 + 3) % 17}
        if 0 in ends and len(ends) == 2:
            other = (ends - {0}).pop()
            expected[other] = expected.get(other, 0) + 1
    got = {c.organisation.id: c.score for c in store.collaborators(me, limit=100)}
    assert got == {org(f"Batch Org {o}"): n for o, n in expected.items()}
    assert same_org > 0  # some projects have one organisation in both roles
