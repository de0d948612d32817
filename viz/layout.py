"""Where the nodes of a network view stand: a force layout computed on the server.

Large views are laid out here once (``precompute_layout``; a group-seeded force layout
with a far field, ``force_layout``) so that the browser draws them with physics off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from innograph.viz.model import LAYOUT_THRESHOLD, NetworkView

# Layout coordinates span about this many pixels per sqrt(node): at the zoom that fits
# the whole map in the page, the discs (up to MAX_SIZE) stay apart and labels have room.
_SPREAD_PER_ROOT_NODE = 120.0
# Above this many nodes the force layout adds a far-field repulsion (coarse grid).
FAR_FIELD_MIN_NODES = 60
# Repulsion in the force layout comes from this many nearest nodes.
NEAREST_NEIGHBOURS = 12


def with_layout(
    view: NetworkView, *, threshold: int = LAYOUT_THRESHOLD, seed: int = 7
) -> NetworkView:
    """Beyond ``threshold`` nodes: positions computed here (``precompute_layout``, seeded,
    so the same graph draws the same way) and the browser's physics off."""
    if len(view.nodes) <= threshold:
        view.physics = True
        return view
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in view.nodes)
    graph.add_edges_from((e.source, e.target) for e in view.edges)
    groups = {n.id: n.community for n in view.nodes if n.community is not None}
    positions = precompute_layout(graph, seed=seed, groups=groups)
    scale = _SPREAD_PER_ROOT_NODE * len(view.nodes) ** 0.5
    for n in view.nodes:
        x, y = positions[n.id]
        n.x, n.y = round(float(x) * scale, 1), round(float(y) * scale, 1)
    view.physics = False
    # Labels are placed by the page where they fit (map.js): the centre first, then by
    # degree (ties by id, so the same graph labels the same way).
    ranked = sorted(view.nodes, key=lambda n: (not n.centre, -n.degree, n.id))
    for rank, n in enumerate(ranked):
        n.rank = rank
        n.show_label = False
    return view


def precompute_layout(
    graph: nx.Graph, *, seed: int = 7, groups: Mapping[str, int] | None = None
) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for every node: a force layout of each connected component,
    the components packed in rows (largest first) so none lands on another. ``groups``
    (e.g. communities) start the layout with each group's nodes together."""
    if graph.number_of_nodes() == 0:
        return {}
    ids = sorted(graph.nodes)
    index = {nid: i for i, nid in enumerate(ids)}
    pairs = [(index[a], index[b]) for a, b in graph.edges() if a != b]
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    n = len(ids)
    adjacency = sp.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    count, labels = connected_components(adjacency, directed=False)
    members = [np.flatnonzero(labels == c) for c in range(count)]
    members.sort(key=lambda m: (-len(m), ids[m[0]]))
    # Each component gets a square cell of side ~ sqrt(size); cells fill rows.
    sides = [len(m) ** 0.5 for m in members]
    row_width = max(sum(s * s for s in sides) ** 0.5, max(sides))
    x = y = row_height = 0.0
    cells: list[tuple[float, float, float]] = []
    for side in sides:
        if x + side > row_width * 1.05 and x > 0:
            x, y, row_height = 0.0, y + row_height, 0.0
        cells.append((x, y, side))
        x += side
        row_height = max(row_height, side)
    extent = max(row_width, y + row_height)
    out = np.zeros((n, 2))
    edge_component = labels[edges[:, 0]] if len(edges) else np.zeros(0, dtype=np.int64)
    local_of = np.zeros(n, dtype=np.int64)
    for nodes, (cx, cy, side) in zip(members, cells, strict=True):
        local_of[nodes] = np.arange(len(nodes))
        own = edges[edge_component == labels[nodes[0]]]
        start = _group_start([ids[i] for i in nodes], groups or {}, seed) if groups else None
        local = force_layout(len(nodes), local_of[own], seed=seed, start=start)
        # local is within [-1, 1]: map it into the cell, leaving a margin.
        out[nodes, 0] = cx + side * (0.5 + 0.42 * local[:, 0])
        out[nodes, 1] = cy + side * (0.5 + 0.42 * local[:, 1])
    out = 2 * out / extent - 1
    return {nid: (float(out[i, 0]), float(out[i, 1])) for i, nid in enumerate(ids)}


def force_layout(
    n: int,
    edges: np.ndarray,
    *,
    seed: int = 7,
    iterations: int | None = None,
    start: np.ndarray | None = None,
) -> np.ndarray:
    """Fruchterman–Reingold layout of ``n`` nodes linked by ``edges`` (an (m, 2) array of
    node numbers), with repulsion only from each node's nearest neighbours (a k-d tree):
    O(n log n) per step instead of networkx's O(n²), which took 40 s for 2,000 nodes
    here; the far field comes from the masses of a coarse grid (as Barnes–Hut does with a
    tree). ``start``: initial positions in [-1, 1]² (default random). Returns an (n, 2)
    array within [-1, 1]."""
    if n == 1:
        return np.zeros((1, 2))
    if iterations is None:  # fewer, cheaper steps on large graphs: an overview, not art
        iterations = 120 if n <= 500 else 50
    rng = np.random.default_rng(seed)
    side = n**0.5  # area ~ n with an ideal edge length of 1
    pos: np.ndarray
    if start is not None:
        pos = start * (side / 2) + rng.normal(0.0, 0.05, size=(n, 2))
    else:
        pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    neighbours = min(NEAREST_NEIGHBOURS, n - 1)
    temperature = side / 4
    cooling = temperature / (iterations + 1)
    far = np.zeros_like(pos)
    for step in range(iterations):
        # Repulsion from the nearest neighbours only: a fixed cost per node however dense.
        _, near = cKDTree(pos, balanced_tree=False, compact_nodes=False).query(
            pos, k=neighbours + 1
        )
        delta = pos[:, None, :] - pos[near[:, 1:]]
        dist2 = np.maximum(np.einsum("ijk,ijk->ij", delta, delta), 1e-4)
        shift = np.einsum("ijk,ij->ik", delta, 1.0 / dist2)  # magnitude 1/d: k²/d, k = 1
        if n > FAR_FIELD_MIN_NODES and step % 2 == 0:  # every other step: half the cost
            far = _far_field(pos)
        if n > FAR_FIELD_MIN_NODES:
            shift += far
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt(np.einsum("ij,ij->i", delta, delta))
            pull = delta * dist[:, None]  # magnitude d²: d²/k with k = 1
            shift += _scatter(edges[:, 1], pull, n) - _scatter(edges[:, 0], pull, n)
        shift -= 0.005 * pos  # a weak pull to the centre keeps loose leaves near
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", shift, shift)), 1e-9)
        pos += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature - cooling, 0.01)
    pos -= pos.mean(axis=0)
    reach = float(np.abs(pos).max())
    return pos / reach if reach > 0 else pos


def _far_field(pos: np.ndarray, cells: int = 12) -> np.ndarray:
    """Repulsion of every node from the mass of every grid cell but its own: keeps a large
    layout from collapsing where the nearest-neighbour repulsion alone cannot reach."""
    low, high = pos.min(axis=0), pos.max(axis=0)
    size = np.maximum(high - low, 1e-9) / cells
    cell = np.minimum(((pos - low) / size).astype(np.int64), cells - 1)
    flat = cell[:, 0] * cells + cell[:, 1]
    mass = np.bincount(flat, minlength=cells * cells).astype(float)
    used = np.flatnonzero(mass)
    centre = _scatter(flat, pos, cells * cells)[used] / mass[used, None]
    delta = pos[:, None, :] - centre[None, :, :]
    dist2 = np.maximum(np.einsum("ijk,ijk->ij", delta, delta), 1e-4)
    weight = mass[used][None, :] / dist2
    weight[flat[:, None] == used[None, :]] = 0.0  # own cell: the near field covers it
    field: np.ndarray = np.einsum("ijk,ij->ik", delta, weight)
    return field


def _group_start(ids: Sequence[str], groups: Mapping[str, int], seed: int) -> np.ndarray:
    """Starting positions in [-1, 1]²: each group in its own disc, discs on a spiral
    (largest group at the centre), ungrouped nodes spread over the whole square."""
    rng = np.random.default_rng(seed)
    sizes: dict[int, int] = {}
    for nid in ids:
        if nid in groups:
            sizes[groups[nid]] = sizes.get(groups[nid], 0) + 1
    order = sorted(sizes, key=lambda g: (-sizes[g], g))
    centres: dict[int, tuple[float, float, float]] = {}
    total = max(len(ids), 1)
    for rank, group in enumerate(order):
        angle, reach = rank * 2.39996, 0.75 * (rank / max(len(order), 1)) ** 0.5
        radius = 0.9 * (sizes[group] / total) ** 0.5
        centres[group] = (reach * np.cos(angle), reach * np.sin(angle), radius)
    out = rng.uniform(-1.0, 1.0, size=(len(ids), 2))
    for i, nid in enumerate(ids):
        if nid in groups:
            cx, cy, radius = centres[groups[nid]]
            r, a = radius * rng.random() ** 0.5, rng.uniform(0, 2 * np.pi)
            out[i] = (cx + r * np.cos(a), cy + r * np.sin(a))
    return np.clip(out, -1.0, 1.0)


def _scatter(index: np.ndarray, vectors: np.ndarray, n: int) -> np.ndarray:
    """Sum of ``vectors`` per node (rows of ``index``): np.bincount, far faster than add.at."""
    return np.stack(
        [
            np.bincount(index, weights=vectors[:, 0], minlength=n),
            np.bincount(index, weights=vectors[:, 1], minlength=n),
        ],
        axis=1,
    )
