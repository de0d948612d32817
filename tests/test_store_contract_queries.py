"""The GraphStore contract, reading: entities, search, neighbourhoods, collaborators,
paths; run on the embedded store and on Neo4j, with answers written by hand.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from innograph.graph.errors import EntityNotFound
from innograph.graph.partnership import widest_scope
from innograph.graph.store import GraphStore
from innograph.graph.types import Node, Provenance, Subgraph
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import EntitySpec, make_facts
from innograph.tests.store_contract_data import (
    ALPHA,
    BETA,
    DELTA,
    EPS,
    EXPO,
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
)

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
    # Nearest first, the most connected first within a hop: Alpha has four neighbours,
    # Gamma three, Beta two, Interreg one.
    assert ids(sub.nodes) == [ONE, ALPHA, GAMMA, BETA, INTERREG]
    assert (sub.truncated, sub.total_nodes) == (False, 5)
    assert [(e.source, e.type, e.target) for e in sub.edges] == [
        (ALPHA, "LEADS", ONE),
        (BETA, "PARTICIPATES_IN", ONE),
        (GAMMA, "PARTICIPATES_IN", ONE),
        (ONE, "FUNDED_BY", INTERREG),
    ]
    capped = store.neighbourhood(ONE, limit=3)
    assert ids(capped.nodes) == [ONE, ALPHA, GAMMA]
    assert (capped.truncated, capped.total_nodes) == (True, 5)
    assert [(e.source, e.target) for e in capped.edges] == [(ALPHA, ONE), (GAMMA, ONE)]
    orgs = store.neighbourhood(ONE, depth=2, types=["Organisation"])
    # Delta is two hops away through Gamma (MEMBER_OF); Epsilon is three hops away.
    assert ids(orgs.nodes) == [ONE, ALPHA, GAMMA, BETA, DELTA]
    assert [(e.source, e.type, e.target) for e in orgs.edges] == [
        (ALPHA, "LEADS", ONE),
        (BETA, "PARTICIPATES_IN", ONE),
        (DELTA, "MEMBER_OF", GAMMA),
        (GAMMA, "PARTICIPATES_IN", ONE),
    ]
    assert ids(store.neighbourhood(ONE, depth=0).nodes) == [ONE]
    far = store.neighbourhood(EPS, depth=3, types=["Project", "S3Platform"])
    # Proj One and Proj Two have four neighbours each (name decides), S3 Health two.
    assert ids(far.nodes) == [EPS, ONE, TWO, S3]


def test_neighbourhood_cut_keeps_the_hubs_not_the_first_names(store: GraphStore) -> None:
    """A capped ego network keeps the partners sharing the most items with the centre,
    then the most connected; names only break ties (issue 15: "the 150 nearest of
    1,128" were the alphabetically first)."""
    entities: list[EntitySpec] = [
        ("c", "Organisation", "Centre Org"),
        ("heavy", "Organisation", "Zz Heavy Partner"),
        ("hub", "Organisation", "Yy Hub Partner"),
        *[(f"p{i}", "Project", f"Shared {i}") for i in (1, 2, 3)],
        *[(f"q{i}", "Project", f"Elsewhere {i}") for i in range(5)],
        *[(f"a{i}", "Organisation", f"Aa Small {i:02d}") for i in range(10)],
    ]
    relations = [("PARTICIPATES_IN", org, f"p{i}") for org in ("c", "heavy") for i in (1, 2, 3)]
    relations += [("PARTICIPATES_IN", "hub", "p1")]
    relations += [("PARTICIPATES_IN", "hub", f"q{i}") for i in range(5)]
    relations += [("PARTICIPATES_IN", f"a{i}", "p1") for i in range(10)]
    load(store, [make_facts("mem://hubs.txt", entities, relations)])

    def names(sub: Subgraph) -> list[str]:
        return [n.name for n in sub.nodes]

    centre = store.get_node(make_canonical_id("Organisation", "Centre Org"))
    assert centre is not None
    sub = store.neighbourhood(centre.id, depth=2, limit=6)
    # Shared 1 has 13 neighbours, Shared 2 and 3 two each; Zz shares three projects with
    # the centre, Yy one but has six neighbours, each Aa one project and one neighbour.
    assert names(sub) == [
        "Centre Org", "Shared 1", "Shared 2", "Shared 3", "Zz Heavy Partner", "Yy Hub Partner",
    ]  # fmt: skip
    assert (sub.truncated, sub.total_nodes) == (True, 16)
    orgs = store.neighbourhood(centre.id, depth=2, types=["Organisation"], limit=4)
    assert names(orgs) == ["Centre Org", "Zz Heavy Partner", "Yy Hub Partner", "Aa Small 00"]
    assert orgs.total_nodes == 13


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
    """In the widest scope (any type, any relation); partnership paths, the default, in
    test_store_contract_paths.py."""
    load(store, ecosystem())
    widest = widest_scope()
    everything: dict[str, object] = {
        "via": sorted(widest.node_types),
        "relations": sorted(widest.relations),
    }
    graph = nx.Graph()
    graph.add_edges_from((e.source, e.target) for e in store.iter_edges())
    for src, dst in ((ALPHA, EPS), (DELTA, EPS), (BETA, S3), (INTERREG, HORIZON)):
        expected = sorted(
            nx.all_simple_paths(graph, src, dst, cutoff=4), key=lambda p: (len(p), p)
        )[:4]
        assert path_ids(store, src, dst, k=4, max_hops=4, **everything) == expected


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
