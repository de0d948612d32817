"""The view model of a network drawing: plain nodes and edges, built from graph answers.

Everything a page draws is decided here, in Python, so it is unit-tested without a
browser: shape and colour by entity type (one legend derived from the ontology), size by
degree, tooltip lines (type, country, the evidence of each edge), cross-border edges,
community colours, brokers, and for large graphs a cap and a precomputed layout.
Strings stay plain text: the page renders them with ``textContent``, never as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from innograph.graph.domain import country_of, organisation_types
from innograph.graph.types import Edge, Node, PartnershipPath, Provenance, Subgraph
from innograph.ontology.terms import ontology

# Above this many nodes the layout is computed here and the browser's physics is off:
# vis-network's physics takes seconds at a few hundred nodes and minutes at thousands.
LAYOUT_THRESHOLD = 150
# The collaboration map draws at most this many organisations (the most connected).
DEFAULT_MAP_CAP = 300
# Large views (precomputed layout) label only this many of their most connected nodes.
LABELLED_NODES = 15
# The map outlines at most this many brokers (the analytics' top ones in the view).
MAX_BROKERS_SHOWN = 10
# Evidence sentences shown per edge in a tooltip, and their length.
MAX_EVIDENCE_LINES = 3
MAX_EVIDENCE_CHARS = 200
# Node sizes (vis-network "size" units) grow with degree between these bounds.
MIN_SIZE, MAX_SIZE = 10, 40
SIZE_PER_ROOT_DEGREE = 5.0

# Shapes and colours handed out to entity types in the ontology's order. vis-network shapes
# whose label is drawn below the symbol, so the label never hides the shape.
_SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon", "ellipse")
_TYPE_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
# Community colours on the collaboration map (cycled when there are more communities).
COMMUNITY_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
)
NO_COMMUNITY_COLOUR = "#bab0ac"
BROKER_BORDER = "#111111"
CROSS_BORDER_COLOUR = "#c2185b"
EDGE_COLOUR = "#9e9e9e"


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """How one entity type is drawn."""

    type: str
    label: str
    shape: str
    colour: str


@cache
def legend() -> dict[str, LegendEntry]:
    """Shape and colour of every entity type of the ontology, in the ontology's order."""
    entries: dict[str, LegendEntry] = {}
    for i, (name, term) in enumerate(ontology().entity_types.items()):
        entries[name] = LegendEntry(
            type=name,
            label=term.labels.get("en", name),
            shape=_SHAPES[i % len(_SHAPES)],
            colour=_TYPE_COLOURS[i % len(_TYPE_COLOURS)],
        )
    return entries


def style_of(entity_type: str) -> LegendEntry:
    """The legend entry of a type; an unknown type is drawn grey, as itself."""
    return legend().get(entity_type) or LegendEntry(entity_type, entity_type, "dot", "#7f7f7f")


@dataclass(slots=True)
class ViewNode:
    """A node as drawn: every field is plain data for the page's script."""

    id: str
    label: str
    type: str
    shape: str
    colour: str
    size: float = MIN_SIZE
    degree: int = 0
    country: str | None = None
    tooltip: list[str] = field(default_factory=list)
    community: int | None = None
    broker: bool = False
    centre: bool = False
    show_label: bool = True  # large views label only their hubs (the rest: tooltips)
    x: float | None = None
    y: float | None = None


@dataclass(slots=True)
class ViewEdge:
    """An edge as drawn, with its tooltip lines (the evidence)."""

    id: str
    source: str
    target: str
    label: str
    tooltip: list[str] = field(default_factory=list)
    cross_border: bool = False
    width: float = 1.0
    path: int | None = None  # on the path view: the number of the first path using it


@dataclass(slots=True)
class NetworkView:
    """What one page draws: nodes, edges, the legend of the types present, and a message
    saying what was left out."""

    nodes: list[ViewNode]
    edges: list[ViewEdge]
    legend: list[LegendEntry]
    physics: bool = True
    message: str = ""
    total_nodes: int | None = None
    centre: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The view as JSON-ready data (the page embeds it in a script block). Built field
        by field: ``dataclasses.asdict`` deep-copies every string and took seconds on a
        2,000-node map."""
        return {
            "nodes": [{f: getattr(n, f) for f in _NODE_FIELDS} for n in self.nodes],
            "edges": [{f: getattr(e, f) for f in _EDGE_FIELDS} for e in self.edges],
            "legend": [{f: getattr(e, f) for f in _LEGEND_FIELDS} for e in self.legend],
            "physics": self.physics,
            "message": self.message,
            "total_nodes": self.total_nodes,
            "centre": self.centre,
        }

    def node(self, node_id: str) -> ViewNode:
        """The view's node with this id (KeyError if absent)."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)


_NODE_FIELDS = tuple(f.name for f in fields(ViewNode))
_EDGE_FIELDS = tuple(f.name for f in fields(ViewEdge))
_LEGEND_FIELDS = tuple(f.name for f in fields(LegendEntry))


# -- small helpers ------------------------------------------------------------------------


def _shorten(text: str, limit: int = MAX_EVIDENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _type_label(entity_type: str) -> str:
    return style_of(entity_type).label


def evidence_lines(provenance: Sequence[Provenance]) -> list[str]:
    """Tooltip lines for an edge's evidence: the sentence, then the document, per source."""
    lines: list[str] = []
    for prov in provenance[:MAX_EVIDENCE_LINES]:
        sentence = _shorten(prov.evidence) if prov.evidence else "(no sentence recorded)"
        lines.append(f"“{sentence}” — {prov.document} ({prov.confidence:.2f})")
    if len(provenance) > MAX_EVIDENCE_LINES:
        lines.append(f"… and {len(provenance) - MAX_EVIDENCE_LINES} more source(s)")
    return lines


def _relation_label(relation: str) -> str:
    term = ontology().relation_types.get(relation)
    return term.labels.get("en", relation) if term else relation


def _view_node(node: Node, country: str | None) -> ViewNode:
    style = style_of(node.type)
    tooltip = [node.name, f"Type: {style.label}"]
    if country:
        tooltip.append(f"Country: {country}")
    return ViewNode(
        id=node.id,
        label=node.name,
        type=node.type,
        shape=style.shape,
        colour=style.colour,
        country=country,
        tooltip=tooltip,
    )


def _crosses(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


def size_by_degree(nodes: Iterable[ViewNode], edges: Iterable[ViewEdge]) -> None:
    """Set each node's degree (distinct neighbours in the view) and a size growing with its
    square root, capped: hubs stand out without swallowing the page, and a small clique
    is not drawn as a wall of giant discs."""
    nodes = list(nodes)
    neighbours: dict[str, set[str]] = {n.id: set() for n in nodes}
    for e in edges:
        if e.source in neighbours and e.target in neighbours and e.source != e.target:
            neighbours[e.source].add(e.target)
            neighbours[e.target].add(e.source)
    for n in nodes:
        n.degree = len(neighbours[n.id])
        n.size = round(min(MAX_SIZE, MIN_SIZE + SIZE_PER_ROOT_DEGREE * (n.degree**0.5 - 1)), 1)
        n.size = max(n.size, MIN_SIZE)


def _legend_for(nodes: Iterable[ViewNode]) -> list[LegendEntry]:
    present = {n.type for n in nodes}
    return [entry for name, entry in legend().items() if name in present] + [
        style_of(t) for t in sorted(present - set(legend()))
    ]


def _countries_in(sub_nodes: Mapping[str, Node], edges: Iterable[Edge]) -> dict[str, str | None]:
    """Each node's country: its own, else that of a region it is LOCATED_IN (in view)."""
    regions: dict[str, list[Node]] = {}
    for e in edges:
        if e.type == "LOCATED_IN" and e.target in sub_nodes:
            regions.setdefault(e.source, []).append(sub_nodes[e.target])
    return {nid: country_of(n, regions.get(nid, ())) for nid, n in sub_nodes.items()}


def _edge_from(edge: Edge, countries: Mapping[str, str | None], number: int) -> ViewEdge:
    label = _relation_label(edge.type)
    crosses = _crosses(countries.get(edge.source), countries.get(edge.target))
    tooltip = [f"{label} ({edge.type})", *evidence_lines(edge.provenance)]
    if crosses:
        tooltip.insert(
            1, f"Cross-border: {countries.get(edge.source)} – {countries.get(edge.target)}"
        )
    return ViewEdge(
        id=f"e{number}",
        source=edge.source,
        target=edge.target,
        label=label,
        tooltip=tooltip,
        cross_border=crosses,
    )


# -- the views ----------------------------------------------------------------------------


def ego_view(sub: Subgraph, centre: str) -> NetworkView:
    """An entity's neighbourhood: typed nodes sized by degree, evidence on every edge,
    cross-border edges between organisations of different countries marked."""
    by_id = {n.id: n for n in sub.nodes}
    countries = _countries_in(by_id, sub.edges)
    nodes = [_view_node(n, countries[n.id]) for n in sub.nodes]
    for n in nodes:
        n.centre = n.id == centre
    edges = [
        _edge_from(e, countries, i)
        for i, e in enumerate(sub.edges)
        if e.source in by_id and e.target in by_id
    ]
    size_by_degree(nodes, edges)
    total = sub.total_nodes if sub.total_nodes is not None else len(nodes)
    message = ""
    if sub.truncated:
        message = f"showing the {len(nodes)} nearest of {total:,} entities"
    view = NetworkView(
        nodes, edges, _legend_for(nodes), message=message, total_nodes=total, centre=centre
    )
    return with_layout(view)


def paths_view(
    paths: Sequence[PartnershipPath], countries: Mapping[str, str | None]
) -> NetworkView:
    """The union of k partnership paths; each edge says which path uses it first and its
    evidence; hops between organisations of different countries are marked. ``countries``
    gives the country of each organisation on the paths (as the API computes it)."""
    org_types = set(organisation_types())
    nodes: dict[str, ViewNode] = {}
    edges: dict[tuple[str, str, str], ViewEdge] = {}
    for number, path in enumerate(paths, 1):
        for node in path.nodes:
            if node.id not in nodes:
                nodes[node.id] = _view_node(node, countries.get(node.id))
        for edge in path.edges:
            key = (edge.source, edge.target, edge.type)
            if key in edges:
                continue
            view_edge = _edge_from(edge, countries, len(edges))
            view_edge.path = number
            view_edge.tooltip.insert(1, f"Path {number} ({path.hops} hops)")
            edges[key] = view_edge
        _mark_border_hops(path, countries, org_types, edges)
    if paths:
        nodes[paths[0].nodes[0].id].centre = True
        nodes[paths[0].nodes[-1].id].centre = True
    view_nodes = list(nodes.values())
    view_edges = list(edges.values())
    size_by_degree(view_nodes, view_edges)
    view = NetworkView(view_nodes, view_edges, _legend_for(view_nodes))
    return with_layout(view)


def _mark_border_hops(
    path: PartnershipPath,
    countries: Mapping[str, str | None],
    org_types: set[str],
    edges: dict[tuple[str, str, str], ViewEdge],
) -> None:
    """A partnership hop runs from one organisation to the next through shared items: mark
    every edge of that stretch when the two organisations' countries differ."""
    last_org: int | None = None
    for i, node in enumerate(path.nodes):
        if node.type not in org_types:
            continue
        if last_org is not None:
            a, b = countries.get(path.nodes[last_org].id), countries.get(node.id)
            if _crosses(a, b):
                for edge in path.edges[last_org:i]:
                    view_edge = edges[(edge.source, edge.target, edge.type)]
                    if not view_edge.cross_border:
                        view_edge.cross_border = True
                        view_edge.tooltip.insert(1, f"Cross-border hop: {a} – {b}")
        last_org = i


@dataclass(frozen=True, slots=True)
class WeightedPair:
    """One pair of the collaboration network: two organisations and their shared items."""

    source: Node
    target: Node
    weight: int


def collaboration_view(
    pairs: Sequence[WeightedPair],
    *,
    countries: Mapping[str, str | None],
    communities: Mapping[str, int] | None = None,
    brokers: Mapping[str, str] | None = None,
    types: Sequence[str] = (),
    country_filter: Sequence[str] = (),
    cap: int = DEFAULT_MAP_CAP,
    what: str = "organisations",
    layout_threshold: int = LAYOUT_THRESHOLD,
    max_brokers: int = MAX_BROKERS_SHOWN,
    total: int | None = None,
) -> NetworkView:
    """The organisation network of a selection: nodes coloured by community, brokers
    outlined, cross-border pairs marked; filtered by type and country, then capped to the
    ``cap`` most connected, saying how many were left out (of ``total`` when given)."""
    communities = communities or {}
    brokers = brokers or {}
    wanted_types, wanted_countries = set(types), {c.upper() for c in country_filter}

    def keep(node: Node) -> bool:
        if wanted_types and node.type not in wanted_types:
            return False
        return not wanted_countries or countries.get(node.id) in wanted_countries

    graph = nx.Graph()
    found: dict[str, Node] = {}
    for pair in pairs:
        if pair.source.id == pair.target.id or not (keep(pair.source) and keep(pair.target)):
            continue
        found[pair.source.id], found[pair.target.id] = pair.source, pair.target
        graph.add_edge(pair.source.id, pair.target.id, weight=pair.weight)
    # ``total``: how many the whole selection has, when ``pairs`` are only its heaviest.
    total = max(total or 0, graph.number_of_nodes())
    # The most connected first (ties by id, so the same graph always draws the same nodes).
    partners = dict(graph.degree())
    ranked = sorted(graph.nodes, key=lambda nid: (-partners[nid], nid))
    chosen = set(ranked[:cap])
    # The top brokers (in the analytics' order) among the organisations drawn.
    shown_brokers = [b for b in brokers if b in chosen][:max_brokers]
    nodes: list[ViewNode] = []
    for nid in ranked[:cap]:
        view_node = _view_node(found[nid], countries.get(nid))
        number = communities.get(nid)
        view_node.community = number
        view_node.colour = (
            COMMUNITY_COLOURS[number % len(COMMUNITY_COLOURS)]
            if number is not None
            else NO_COMMUNITY_COLOUR
        )
        view_node.tooltip.append(
            f"Community {number + 1}" if number is not None else "No community"
        )
        view_node.tooltip.append(f"Partners: {partners[nid]}")
        if nid in shown_brokers:
            view_node.broker = True
            view_node.tooltip.append(f"Broker: {brokers[nid]}")
        nodes.append(view_node)
    edges: list[ViewEdge] = []
    heaviest = max((w for _, _, w in graph.edges(data="weight")), default=1)
    for a, b, weight in sorted(graph.edges(data="weight"), key=lambda e: (e[0], e[1])):
        if a not in chosen or b not in chosen:
            continue
        crosses = _crosses(countries.get(a), countries.get(b))
        tooltip = [
            f"{found[a].name} – {found[b].name}",
            f"{weight} shared project(s), platform(s) or event(s)",
        ]
        if crosses:
            tooltip.append(f"Cross-border: {countries.get(a)} – {countries.get(b)}")
        edges.append(
            ViewEdge(
                id=f"e{len(edges)}",
                source=a,
                target=b,
                label="",
                tooltip=tooltip,
                cross_border=crosses,
                width=round(1 + 4 * (weight / heaviest), 2),
            )
        )
    size_by_degree(nodes, edges)
    message = ""
    if total > len(nodes):
        message = f"showing the {len(nodes):,} most connected of {total:,} {what}"
    view = NetworkView(nodes, edges, _legend_for(nodes), message=message, total_nodes=total)
    return with_layout(view, threshold=layout_threshold)


# -- layout -------------------------------------------------------------------------------

# Layout coordinates span about this many pixels per sqrt(node), so labels have room.
_SPREAD_PER_ROOT_NODE = 60.0
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
    hubs = sorted(view.nodes, key=lambda n: (-n.degree, n.id))[:LABELLED_NODES]
    keep = {n.id for n in hubs} | {n.id for n in view.nodes if n.centre}
    for n in view.nodes:
        n.show_label = n.id in keep
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
