"""Collaboration-network analytics: the sparse algorithms against networkx on small
graphs, and the cached Analytics on synthetic graphs with known answers."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from innograph.graph.analytics.centrality import (
    Budget,
    betweenness_centrality,
    degree_centrality,
    eigenvector_centrality,
)
from innograph.graph.analytics.collaboration_network import project
from innograph.graph.analytics.communities import bounded_graph
from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import organisation_types
from innograph.graph.store import GraphStore
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import EntitySpec, make_facts


def _adjacency(graph: nx.Graph, weight: str | None = None) -> sp.csr_matrix:
    nodes = sorted(graph.nodes)
    return sp.csr_matrix(nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=weight))


def test_projection_counts_shared_items_without_self_pairs() -> None:
    # orgs 0,1,2; items a,b: 0 and 1 share both, 1 and 2 share b only
    incidence = sp.csr_matrix(np.array([[1, 1], [1, 1], [0, 1]], dtype=np.float32))
    weights = project(incidence).toarray()
    assert weights.tolist() == [[0, 2, 1], [2, 0, 1], [1, 1, 0]]


def test_organisation_types_come_from_the_ontology() -> None:
    assert set(organisation_types()) == {"Organisation", "Cluster"}


@pytest.mark.parametrize(
    "graph",
    [
        nx.path_graph(7),
        nx.star_graph(5),
        nx.barbell_graph(4, 2),
        nx.gnp_random_graph(60, 0.08, seed=3),
        nx.disjoint_union(nx.cycle_graph(5), nx.path_graph(4)),
        nx.disjoint_union(nx.empty_graph(30), nx.barbell_graph(3, 1)),
    ],
    ids=["path", "star", "barbell", "random", "disconnected", "isolated"],
)
def test_exact_betweenness_equals_networkx(graph: nx.Graph) -> None:
    scores, used = betweenness_centrality(_adjacency(graph), budget=Budget(60), batch=8)
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert used == graph.number_of_nodes()
    assert np.allclose(scores, [expected[v] for v in sorted(graph.nodes)])


def test_betweenness_is_sampled_when_the_budget_is_spent() -> None:
    graph = nx.gnp_random_graph(200, 0.05, seed=1)
    scores, used = betweenness_centrality(_adjacency(graph), budget=Budget(0), batch=16)
    assert used == 16  # one batch, then the spent budget stops it
    exact = nx.betweenness_centrality(graph)
    top_exact = max(exact, key=exact.__getitem__)
    # a sample still puts the most central node near the top
    assert top_exact in np.argsort(-scores)[:20]


def test_sampled_betweenness_draws_its_sources_among_linked_organisations() -> None:
    # 300 organisations without a partner around a 41-node path: the 16 sources of the one
    # batch all lie on the path, and their sums are scaled by 41 / 16.
    path = nx.path_graph(41)
    graph = nx.disjoint_union(nx.empty_graph(300), path)
    scores, used = betweenness_centrality(_adjacency(graph), budget=Budget(0), batch=16)
    assert used == 16
    assert not scores[:300].any()
    middle = 300 + 20
    assert int(np.argmax(scores)) in range(middle - 5, middle + 6)
    # The estimate of the whole (exact: the sum over all sources) is unbiased in scale.
    exact = nx.betweenness_centrality(graph)
    assert scores.sum() == pytest.approx(sum(exact.values()), rel=0.5)


@pytest.mark.parametrize("size", [10, 100], ids=["dense-solver", "sparse-solver"])
def test_eigenvector_equals_networkx_on_a_weighted_connected_graph(size: int) -> None:
    graph = nx.connected_watts_strogatz_graph(size, 4, 0.3, seed=7)
    rng = np.random.default_rng(0)
    for u, v in graph.edges:
        graph[u][v]["weight"] = int(rng.integers(1, 5))
    scores = eigenvector_centrality(_adjacency(graph, weight="weight"))
    expected = nx.eigenvector_centrality_numpy(graph, weight="weight")
    assert np.allclose(scores, [expected[v] for v in sorted(graph.nodes)], atol=1e-6)


def test_degree_counts_distinct_partners() -> None:
    assert degree_centrality(_adjacency(nx.star_graph(4))).tolist() == [4, 1, 1, 1, 1]


def test_bounded_graph_keeps_the_heaviest_pairs() -> None:
    weights = sp.csr_matrix(
        np.array([[0, 5, 1, 1], [5, 0, 3, 1], [1, 3, 0, 1], [1, 1, 1, 0]], dtype=np.float32)
    )
    graph, min_weight = bounded_graph(weights, max_edges=2)
    assert sorted(graph.edges) == [(0, 1), (1, 2)]
    assert min_weight == 3
    whole, min_weight = bounded_graph(weights, max_edges=100)
    assert whole.number_of_edges() == 6 and min_weight == 1


# -- the cached Analytics on synthetic graphs in a real store ---------------------------------


def partnership_graph(
    source: str,
    projects: dict[str, list[str]],
    countries: dict[str, str] | None = None,
) -> DocumentFacts:
    """Organisations taking part in projects: {project name: [organisation names]}."""
    countries = countries or {}
    orgs = sorted({o for members in projects.values() for o in members})
    entities: list[EntitySpec] = [
        (o, "Organisation", o, {"country": countries[o]} if o in countries else {}) for o in orgs
    ]
    entities += [(p, "Project", p) for p in projects]
    relations = [("PARTICIPATES_IN", o, p) for p, members in projects.items() for o in members]
    return make_facts(source, entities, relations)


def org(name: str) -> str:
    return make_canonical_id("Organisation", name)


STAR = {f"Star Project {i}": ["Hub Org", f"Leaf Org {i}"] for i in range(1, 5)}
CHAIN = {f"Chain Project {i}": [f"Chain Org {i}", f"Chain Org {i + 1}"] for i in range(1, 5)}
CLIQUES = {
    "West Project": ["West One", "West Two", "West Three", "West Four"],
    "East Project": ["East One", "East Two", "East Three", "East Four"],
    "Bridge Project": ["West One", "East One"],
}
CLIQUE_COUNTRIES = {
    name: ("BE" if name.startswith("West") else "NL") for p in CLIQUES.values() for name in p
}


@pytest.fixture
def analytics(store: GraphStore) -> Analytics:
    return Analytics(store, budget_seconds=30)


def test_degree_and_betweenness_on_a_star(store: GraphStore, analytics: Analytics) -> None:
    store.upsert_document(partnership_graph("test://star", STAR))
    degree = analytics.centrality("degree", top=5)
    assert [(s.organisation.id, s.score) for s in degree.scores] == [
        (org("Hub Org"), 4.0),
        (org("Leaf Org 1"), 1.0),
        (org("Leaf Org 2"), 1.0),
        (org("Leaf Org 3"), 1.0),
        (org("Leaf Org 4"), 1.0),
    ]
    between = analytics.centrality("betweenness", top=2)
    assert between.scores[0].organisation.id == org("Hub Org")
    assert between.scores[0].score == pytest.approx(1.0)
    assert between.scores[1].score == 0.0
    assert between.sampled is False and between.sample_size == 5
    eigen = analytics.centrality("eigenvector", top=5)
    assert eigen.scores[0].organisation.id == org("Hub Org")
    assert eigen.scores[0].score == pytest.approx(2**-0.5)


def test_betweenness_on_a_chain(store: GraphStore, analytics: Analytics) -> None:
    store.upsert_document(partnership_graph("test://chain", CHAIN))
    scores = {
        s.organisation.name: s.score for s in analytics.centrality("betweenness", top=5).scores
    }
    # 5 organisations in a row: the middle one is on 4 of the 6 pairs' paths, its
    # neighbours on 3, the ends on none
    assert scores == pytest.approx(
        {
            "Chain Org 3": 4 / 6,
            "Chain Org 2": 3 / 6,
            "Chain Org 4": 3 / 6,
            "Chain Org 1": 0.0,
            "Chain Org 5": 0.0,
        }
    )


def test_communities_and_brokers_of_two_cliques(store: GraphStore, analytics: Analytics) -> None:
    store.upsert_document(partnership_graph("test://cliques", CLIQUES, CLIQUE_COUNTRIES))
    result = analytics.communities()
    groups = sorted(sorted(n.name for n in c.members) for c in result.communities)
    assert groups == [
        ["East Four", "East One", "East Three", "East Two"],
        ["West Four", "West One", "West Three", "West Two"],
    ]
    assert {tuple(c.countries.items()) for c in result.communities} == {(("BE", 4),), (("NL", 4),)}
    assert result.modularity > 0.3 and result.bounded is False
    brokers = {b.organisation.name: b for b in result.brokers}
    assert set(brokers) == {"West One", "East One"}
    assert brokers["West One"].countries == ["BE", "NL"]
    assert (
        brokers["West One"].reason == "partners in 2 countries (BE, NL); partners in 2 communities"
    )


def test_communities_are_bounded_when_the_network_is_large(store: GraphStore) -> None:
    store.upsert_document(partnership_graph("test://cliques", CLIQUES, CLIQUE_COUNTRIES))
    result = Analytics(store, max_louvain_edges=6).communities()
    assert result.bounded is True
    assert "bounded" in result.note


def test_results_are_cached_per_graph_version(store: GraphStore, analytics: Analytics) -> None:
    store.upsert_document(partnership_graph("test://star", STAR))
    first = analytics.index()
    assert analytics.index() is first  # same version: not rebuilt
    store.upsert_document(partnership_graph("test://more", {"Extra": ["Hub Org", "Newcomer Org"]}))
    assert analytics.index() is not first
    assert analytics.centrality("degree", top=1).scores[0].score == 5.0


def test_direct_collaborators_are_not_suggested(store: GraphStore, analytics: Analytics) -> None:
    facts = partnership_graph("test://chain", CHAIN)
    store.upsert_document(facts)
    assert [s.organisation.name for s in analytics.suggestions(org("Chain Org 1")).suggestions] == [
        "Chain Org 3"
    ]
    store.upsert_document(
        make_facts(
            "test://direct",
            [("a", "Organisation", "Chain Org 1"), ("b", "Organisation", "Chain Org 3")],
            [("COLLABORATES_WITH", "a", "b")],
        )
    )
    assert analytics.suggestions(org("Chain Org 1")).suggestions == []


def test_network_of_an_unknown_organisation_raises(store: GraphStore, analytics: Analytics) -> None:
    store.upsert_document(partnership_graph("test://star", STAR))
    with pytest.raises(KeyError):
        analytics.suggestions(org("Nobody At All"))


def test_reason_names_three_partners_and_counts_the_rest(
    store: GraphStore, analytics: Analytics
) -> None:
    # Seeker and Target share five partners, through five different projects each
    projects = {}
    for i in range(1, 6):
        projects[f"Seek Project {i}"] = ["Seeker Org", f"Middle Org {i}"]
        projects[f"Target Project {i}"] = ["Target Org", f"Middle Org {i}"]
    store.upsert_document(partnership_graph("test://five", projects))
    (best, *_) = analytics.suggestions(org("Seeker Org")).suggestions
    assert best.organisation.id == org("Target Org")
    assert best.partners_in_common == 5
    assert best.reason == ("5 shared partners: Middle Org 1, Middle Org 2, Middle Org 3 and 2 more")


def test_suggestions_stay_bounded_around_hubs(store: GraphStore) -> None:
    # Seeker works with a hub (partner of many) and with one small partner; both lead to
    # Target. With a tight bound the hub is not walked, and the note says so; the
    # suggestion itself is still scored on every common partner.
    projects = {f"Hub Project {i}": ["Hub Org", f"Spoke Org {i}"] for i in range(1, 9)}
    projects["Seek Hub"] = ["Seeker Org", "Hub Org"]
    projects["Seek Small"] = ["Seeker Org", "Small Org"]
    projects["Target Hub"] = ["Target Org", "Hub Org"]
    projects["Target Small"] = ["Target Org", "Small Org"]
    store.upsert_document(partnership_graph("test://hub", projects))
    exact = Analytics(store).suggestions(org("Seeker Org"))
    bounded = Analytics(store, max_two_hop=5).suggestions(org("Seeker Org"))
    assert exact.suggestions[0].organisation.id == org("Target Org")
    assert bounded.suggestions[0].organisation.id == org("Target Org")
    assert bounded.suggestions[0].score == exact.suggestions[0].score
    assert bounded.suggestions[0].partners_in_common == 2
    assert len(bounded.suggestions) < len(exact.suggestions)  # spokes only via the hub
    assert "all but the 1 best connected partners" in bounded.note
