"""Collaboration-network analytics: the sparse algorithms against networkx on small
graphs, and the cached Analytics on synthetic graphs with known answers."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from innograph.graph.analytics import (
    Budget,
    betweenness_centrality,
    bounded_graph,
    degree_centrality,
    eigenvector_centrality,
    organisation_types,
    project,
)


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
    ],
    ids=["path", "star", "barbell", "random", "disconnected"],
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
