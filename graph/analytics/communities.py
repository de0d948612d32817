"""Louvain communities of the collaboration network and the brokers between them.

Louvain (networkx, seeded) runs on the network cut to its heaviest pairs, so that it
fits in memory and time at any scale; the result says when it was cut.
"""

from __future__ import annotations

import time

import networkx as nx
import numpy as np
import scipy.sparse as sp

from innograph.graph.analytics.centrality import Budget
from innograph.graph.analytics.collaboration_network import NetworkIndex, ones_matrix
from innograph.graph.analytics.results import Broker, Community, CommunityResult


def bounded_graph(weights: sp.csr_matrix, max_edges: int) -> tuple[nx.Graph, int]:
    """The network as a networkx Graph, cut to its heaviest ``max_edges`` pairs.

    Returns the graph and the smallest weight kept (1 when nothing was cut).
    """
    upper = sp.triu(weights, k=1).tocoo()
    min_weight = 1
    keep = np.ones(upper.nnz, dtype=bool)
    if upper.nnz > max_edges:
        data = upper.data
        threshold = np.partition(data, upper.nnz - max_edges)[upper.nnz - max_edges]
        keep = data >= threshold
        if keep.sum() > max_edges:  # ties at the threshold overflow the cap
            keep = data > threshold
            if not keep.any():  # every pair shares one weight: keep the first ones
                keep = data >= threshold
                keep[np.flatnonzero(keep)[max_edges:]] = False
        min_weight = int(data[keep].min())
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        zip(
            upper.row[keep].tolist(),
            upper.col[keep].tolist(),
            upper.data[keep].tolist(),
            strict=True,
        )
    )
    return graph, min_weight


def compute_communities(
    index: NetworkIndex, *, budget_seconds: float, max_edges: int, seed: int
) -> CommunityResult:
    """Louvain communities (seeded) of the network cut to its ``max_edges`` heaviest pairs,
    largest first, and the brokers between countries and communities."""
    started = time.monotonic()
    budget = Budget(budget_seconds)
    graph, min_weight = bounded_graph(index.weights, max_edges)
    partition: list[set[int]] = [{v} for v in graph.nodes]
    levels = 0
    if graph.number_of_edges():
        for level in nx.community.louvain_partitions(graph, weight="weight", seed=seed):
            partition = [set(c) for c in level]
            levels += 1
            if budget.exceeded():
                break
    modularity = (
        float(nx.community.modularity(graph, partition, weight="weight"))
        if graph.number_of_edges()
        else 0.0
    )
    degree = index.degree
    groups = [sorted(c, key=lambda i: (-degree[i], index.orgs[i].id)) for c in partition]
    groups = [g for g in groups if len(g) > 1]
    groups.sort(key=lambda g: (-len(g), index.orgs[g[0]].id))
    label = np.full(len(index.orgs), -1, dtype=np.int64)
    for number, group in enumerate(groups):
        label[group] = number
    communities = []
    for group in groups:
        countries: dict[str, int] = {}
        for i in group:
            code = index.countries[i]
            if code:
                countries[code] = countries.get(code, 0) + 1
        communities.append(
            Community(
                [index.orgs[i] for i in group],
                len(group),
                dict(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
    total_pairs = int(index.weights.nnz // 2)  # symmetric, no diagonal
    bounded = graph.number_of_edges() < total_pairs
    notes = []
    if bounded:
        notes.append(
            f"bounded: Louvain ran on the {graph.number_of_edges()} heaviest pairs "
            f"(weight >= {min_weight}) of {total_pairs}"
        )
    if budget.exceeded():
        notes.append(f"time budget reached after {levels} Louvain level(s)")
    brokers, brokers_total = find_brokers(index, label)
    return CommunityResult(
        communities=communities,
        brokers=brokers,
        brokers_total=brokers_total,
        modularity=round(modularity, 6),
        seed=seed,
        bounded=bounded,
        min_weight=min_weight,
        levels_completed=levels,
        note="; ".join(notes) or f"Louvain (seed {seed}) on the whole network",
        seconds=round(time.monotonic() - started, 3),
    )


def find_brokers(
    index: NetworkIndex, label: np.ndarray, cap: int = 200
) -> tuple[list[Broker], int]:
    """The first ``cap`` organisations whose partners span the most countries, then
    communities (then the most partners), and how many such brokers there are."""
    n = len(index.orgs)
    if n == 0:
        return [], 0
    codes = sorted({c for c in index.countries if c})
    code_pos = {c: i for i, c in enumerate(codes)}
    located = [(i, c) for i, c in enumerate(index.countries) if c]
    by_country = ones_matrix(
        [i for i, _ in located], [code_pos[c] for _, c in located], (n, len(codes))
    )
    labelled = np.flatnonzero(label >= 0)
    by_community = ones_matrix(
        labelled.tolist(),
        label[labelled].tolist(),
        (n, int(label.max()) + 1 if len(labelled) else 0),
    )
    partner_countries = (index.adjacency @ by_country).tocsr()
    partner_communities = (index.adjacency @ by_community).tocsr()
    n_countries = np.diff(partner_countries.indptr)
    n_communities = np.diff(partner_communities.indptr)
    own_community = (label >= 0).astype(np.int64)
    spans = np.maximum(n_countries - 1, 0) + np.maximum(n_communities - own_community, 0)
    order = np.lexsort((np.arange(n), -index.degree, -n_communities, -n_countries))
    total = int(np.count_nonzero((n_countries > 1) | (n_communities > 1)))  # a reason each
    out: list[Broker] = []
    for i in order[:cap]:
        if spans[i] <= 0:
            break
        row = partner_countries.indices[
            partner_countries.indptr[i] : partner_countries.indptr[i + 1]
        ]
        countries = sorted(codes[j] for j in row)
        parts = []
        if len(countries) > 1:
            parts.append(f"partners in {len(countries)} countries ({', '.join(countries)})")
        if n_communities[i] > 1:
            parts.append(f"partners in {n_communities[i]} communities")
        if not parts:
            continue
        out.append(Broker(index.orgs[i], countries, int(n_communities[i]), "; ".join(parts)))
    return out, total
