"""The view model of a network drawing: plain nodes and edges, built from graph answers.

Everything a page draws is decided here, in Python, so it is unit-tested without a
browser: shape and colour by entity type (one legend derived from the ontology), size by
degree, tooltip lines (type, country, the evidence of each edge), cross-border edges,
community colours, brokers, and for large graphs a cap and a precomputed layout.
Strings stay plain text: the page renders them with ``textContent``, never as HTML.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from innograph.graph.domain import country_of, organisation_types
from innograph.graph.types import Edge, Node, PartnershipPath, Provenance, Subgraph
from innograph.ontology.terms import ontology
from innograph.viz.collaboration import BorderRule
from innograph.viz.evidence import evidence_text
from innograph.viz.layout import with_layout
from innograph.viz.model import (
    COMMUNITY_COLOURS,
    DEFAULT_MAP_CAP,
    LAYOUT_THRESHOLD,
    MAX_BROKERS_SHOWN,
    MAX_EVIDENCE_LINES,
    MAX_SIZE,
    MIN_SIZE,
    NO_COMMUNITY_COLOUR,
    SIZE_PER_ROOT_DEGREE,
    LegendEntry,
    NetworkView,
    ViewEdge,
    ViewNode,
    legend,
    style_of,
)

# -- small helpers ------------------------------------------------------------------------


def _type_label(entity_type: str) -> str:
    return style_of(entity_type).label


def evidence_lines(provenance: Sequence[Provenance]) -> list[str]:
    """Tooltip lines for an edge's evidence: the sentence, then the document, per source."""
    # An imported row is its evidence ("file.csv row 7: role=..."), not the file twice.
    lines = [evidence_text(prov) for prov in provenance[:MAX_EVIDENCE_LINES]]
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
    community_names: Sequence[str] = (),
    border: BorderRule | None = None,
    inside: Collection[str] = (),
) -> NetworkView:
    """The organisation network of a selection: nodes coloured by community (named by
    ``community_names`` when given), brokers outlined, cross-border pairs marked (by the
    ``border`` rule; default: any two known, different countries), the ``inside`` ones (a
    region's own organisations) outlined; filtered by type and
    country, then capped to the ``cap`` most connected, saying how many were left out (of
    ``total`` when given). Marked pairs come last, so they are drawn on top."""
    communities = communities or {}
    rule = border or BorderRule("any")
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
        if number is None:
            view_node.tooltip.append("No community")
        elif number < len(community_names):
            view_node.tooltip.append(f"Community: {community_names[number]}")
        else:
            view_node.tooltip.append(f"Community {number + 1}")
        view_node.tooltip.append(f"Partners: {partners[nid]}")
        if nid in inside:
            view_node.inside = True
            view_node.tooltip.append("Located in the region")
        if nid in shown_brokers:
            view_node.broker = True
            view_node.tooltip.append(f"Broker: {brokers[nid]}")
        nodes.append(view_node)
    edges: list[ViewEdge] = []
    heaviest = max((w for _, _, w in graph.edges(data="weight")), default=1)
    for a, b, weight in sorted(graph.edges(data="weight"), key=lambda e: (e[0], e[1])):
        if a not in chosen or b not in chosen:
            continue
        ca, cb = countries.get(a), countries.get(b)
        tooltip = [
            f"{found[a].name} – {found[b].name}",
            f"{weight} shared project(s), platform(s) or event(s)",
        ]
        if _crosses(ca, cb):
            tooltip.append(f"Cross-border: {ca} – {cb}")
        edges.append(
            ViewEdge(
                id="",
                source=a,
                target=b,
                label="",
                tooltip=tooltip,
                cross_border=rule.marks(ca, cb),
                faded=rule.faded(ca, cb),
                width=round(1 + 4 * (weight / heaviest), 2),
            )
        )
    edges.sort(key=lambda e: (e.cross_border, not e.faded))  # stable: marked ones on top
    for number, view_edge in enumerate(edges):
        view_edge.id = f"e{number}"
    size_by_degree(nodes, edges)
    message = ""
    if total > len(nodes):
        message = f"showing the {len(nodes):,} most connected of {total:,} {what}"
    view = NetworkView(nodes, edges, _legend_for(nodes), message=message, total_nodes=total)
    return with_layout(view, threshold=layout_threshold)


# -- layout -------------------------------------------------------------------------------
