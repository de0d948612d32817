"""Centrality of organisations in the collaboration network, on sparse matrices.

Degree is exact; betweenness is Brandes' algorithm as sparse × dense products, sampled
when the time budget runs out; eigenvector centrality is ARPACK's leading eigenvector
(power iteration as the fallback).
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import ArpackNoConvergence, eigsh

from innograph.graph.analytics.collaboration_network import NetworkIndex
from innograph.graph.analytics.results import CentralityResult

CENTRALITY_MEASURES: tuple[str, ...] = ("degree", "betweenness", "eigenvector")
# Betweenness batches bigger than this many (non-zeros × sources) start with one source.
_BATCH_WORK = 50_000_000


class Budget:
    """A time budget: long computations check it and stop early, saying so."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def exceeded(self) -> bool:
        """True once the budget is spent."""
        return time.monotonic() > self.deadline


def degree_centrality(adjacency: sp.csr_matrix) -> np.ndarray:
    """Number of distinct partners of each organisation (exact)."""
    degrees: np.ndarray = np.diff(adjacency.indptr).astype(np.float64)
    return degrees


def _brandes_batch(adjacency: sp.csr_matrix, sources: np.ndarray) -> np.ndarray:
    """Brandes' dependency sums from a batch of sources at once, as sparse × dense products."""
    n, b = adjacency.shape[0], len(sources)
    cols = np.arange(b)
    sigma = np.zeros((n, b))
    sigma[sources, cols] = 1.0
    depth = np.full((n, b), -1, dtype=np.int32)
    depth[sources, cols] = 0
    frontier = sigma.copy()
    level = 0
    while True:  # breadth-first, counting shortest paths level by level
        reached = np.asarray(adjacency @ frontier)
        reached[depth >= 0] = 0.0
        if not reached.any():
            break
        level += 1
        depth[reached > 0] = level
        sigma += reached
        frontier = reached
    delta = np.zeros((n, b))
    safe_sigma = np.where(sigma > 0, sigma, 1.0)
    for lvl in range(level, 0, -1):  # accumulate dependencies back towards the sources
        share = np.where(depth == lvl, (1.0 + delta) / safe_sigma, 0.0)
        back = np.asarray(adjacency @ share)
        delta += np.where(depth == lvl - 1, back * sigma, 0.0)
    delta[sources, cols] = 0.0
    return np.asarray(delta.sum(axis=1))


def betweenness_centrality(
    adjacency: sp.csr_matrix, *, budget: Budget, seed: int = 42, batch: int = 32
) -> tuple[np.ndarray, int]:
    """Normalised betweenness (networkx's scale) and the number of sources used.

    Only organisations with a partner lie on a shortest path or start one: the others
    (most beneficiaries of the EU's regional funds lead their operations alone) score 0
    and add nothing as sources, so Brandes runs on the linked part alone, with the scale
    of the whole network. Exact (every source: ``n`` used) when the linked sources fit in
    the budget; otherwise sampled: linked sources in a seeded random order until the
    budget is spent, their sum scaled by linked / used (the number returned). On a large
    network the first batch is one source, and later batches are sized from the time a
    source took, so that the budget is kept.
    """
    n = adjacency.shape[0]
    scores = np.zeros(n)
    if n <= 2:
        return scores, n
    linked = np.flatnonzero(np.diff(adjacency.indptr) > 0)
    part = adjacency[linked][:, linked].astype(np.float64).tocsr()
    m = len(linked)
    order = np.random.default_rng(seed).permutation(m)
    used = 0
    size = batch if part.nnz * batch <= _BATCH_WORK else 1
    sums = np.zeros(m)
    while used < m:
        started = time.monotonic()
        sources = order[used : used + size]
        sums += _brandes_batch(part, sources)
        used += len(sources)
        left = budget.deadline - time.monotonic()
        if left <= 0:
            break
        per_source = (time.monotonic() - started) / len(sources)
        # half of what seems to fit: sources vary, and the budget is a promise
        size = int(max(1, min(batch, left / max(per_source, 1e-9) / 2)))
    scale = 1.0 / ((n - 1) * (n - 2))
    if used < m:
        scale *= m / used
    scores[linked] = sums * scale
    return scores, (n if used == m else used)


def eigenvector_centrality(weights: sp.csr_matrix) -> np.ndarray:
    """The leading eigenvector of the weighted network (unit length, non-negative)."""
    n = weights.shape[0]
    if n == 0 or weights.nnz == 0:
        return np.zeros(n)
    matrix = weights.astype(np.float64)
    vector: np.ndarray
    if n < 64:
        _, vectors = np.linalg.eigh(matrix.toarray())
        vector = vectors[:, -1]
    else:
        try:
            _, vectors = eigsh(matrix, k=1, which="LA", v0=np.ones(n), maxiter=20 * n, tol=1e-8)
            vector = vectors[:, 0]
        except ArpackNoConvergence:
            vector = _power_iteration(matrix)
    vector = np.abs(vector)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _power_iteration(matrix: sp.csr_matrix, iterations: int = 1000) -> np.ndarray:
    """Power iteration on (A + I), which converges for bipartite-like networks too."""
    vector = np.ones(matrix.shape[0])
    for _ in range(iterations):
        nxt = matrix @ vector + vector
        nxt /= np.linalg.norm(nxt)
        if np.allclose(nxt, vector, atol=1e-10):
            break
        vector = nxt
    return vector


def compute_centrality(
    index: NetworkIndex, measure: str, *, budget_seconds: float, seed: int
) -> tuple[CentralityResult, np.ndarray]:
    """Every organisation's score by ``measure``, and how it was computed."""
    started = time.monotonic()
    n = len(index.orgs)
    result = CentralityResult(measure=measure, scores=[], organisations=n)
    if measure == "degree":
        vector = degree_centrality(index.adjacency)
        result.note = "number of distinct partners (exact)"
    elif measure == "betweenness":
        vector, used = betweenness_centrality(
            index.adjacency, budget=Budget(budget_seconds), seed=seed
        )
        result.sampled = used < n
        result.sample_size = used
        linked = int(np.count_nonzero(index.degree))
        result.note = (
            f"sampled: shortest paths from {used} of the {linked} organisations with a "
            f"partner ({n} in all; seed {seed}, time budget {budget_seconds:g} s), "
            "scaled to the whole network"
            if result.sampled
            else "exact (all shortest paths), normalised as networkx does"
        )
    else:
        vector = eigenvector_centrality(index.weights)
        result.note = (
            "leading eigenvector of the weighted network; on a disconnected "
            "network it concentrates on the strongest component"
        )
    result.seconds = round(time.monotonic() - started, 3)
    return result, vector
