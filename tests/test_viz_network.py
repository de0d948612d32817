"""The view model of the network drawings (viz/network.py), without a browser."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from innograph.graph.types import Edge, Node, PartnershipPath, Provenance, Subgraph
from innograph.ontology.terms import ontology
from innograph.viz.layout import precompute_layout
from innograph.viz.model import (
    BROKER_BORDER,
    COMMUNITY_COLOURS,
    LAYOUT_THRESHOLD,
    MAX_BROKERS_SHOWN,
    MAX_EVIDENCE_LINES,
    NO_COMMUNITY_COLOUR,
    legend,
    style_of,
)
from innograph.viz.network import WeightedPair, collaboration_view, ego_view, paths_view


def org(slug: str, name: str | None = None, country: str | None = None) -> Node:
    props = {"country": country} if country else {}
    return Node(f"org-{slug}", "Organisation", name or slug.title(), props)


def project(slug: str) -> Node:
    return Node(f"prj-{slug}", "Project", slug.upper())


def edge(src: Node, dst: Node, kind: str = "PARTICIPATES_IN", *sentences: str) -> Edge:
    prov = [Provenance(f"doc{i}.txt", s, 0.8) for i, s in enumerate(sentences)]
    return Edge(src.id, dst.id, kind, {}, prov)


# -- legend -----------------------------------------------------------------------------


def test_legend_covers_every_ontology_type_with_distinct_styles() -> None:
    types = list(ontology().entity_types)
    table = legend()
    assert list(table) == types
    styles = {(e.shape, e.colour) for e in table.values()}
    assert len(styles) == len(types), "two types would look the same"
    assert table["S3Platform"].label == ontology().entity_types["S3Platform"].labels["en"]


def test_unknown_type_is_drawn_as_itself_not_dropped() -> None:
    entry = style_of("Spaceship")
    assert entry.type == entry.label == "Spaceship"


# -- ego network --------------------------------------------------------------------------


def star() -> tuple[Subgraph, Node]:
    hub = org("hub", "Hub Works", "BE")
    spokes = [org(f"s{i}", country="NL" if i == 0 else "BE") for i in range(4)]
    item = project("alpha")
    edges = [
        edge(s, hub, "COLLABORATES_WITH", f"Spoke {i} works with the hub.")
        for i, s in enumerate(spokes)
    ]
    edges.append(edge(hub, item, "LEADS", "The hub leads ALPHA."))
    return Subgraph([hub, *spokes, item], edges), hub


def test_ego_view_sizes_by_degree_and_keeps_every_edge() -> None:
    sub, hub = star()
    view = ego_view(sub, hub.id)
    assert len(view.nodes) == 6 and len(view.edges) == 5
    centre = view.node(hub.id)
    assert centre.centre and centre.degree == 5
    leaf = view.node("org-s1")
    assert leaf.degree == 1 and not leaf.centre
    assert centre.size > leaf.size
    assert view.physics, "six nodes are laid out by the browser"
    assert [e.type for e in view.legend] == ["Organisation", "Project"]


def test_ego_view_tooltips_carry_type_country_and_evidence() -> None:
    sub, hub = star()
    view = ego_view(sub, hub.id)
    assert view.node(hub.id).tooltip == ["Hub Works", "Type: Organisation", "Country: BE"]
    leads = next(e for e in view.edges if e.target == "prj-alpha")
    assert any("The hub leads ALPHA." in line and "doc0.txt" in line for line in leads.tooltip)


def test_cross_border_edges_are_marked_only_between_known_different_countries() -> None:
    sub, hub = star()
    view = ego_view(sub, hub.id)
    crossing = {(e.source, e.target) for e in view.edges if e.cross_border}
    assert crossing == {("org-s0", hub.id)}  # NL - BE; the BE spokes and the project are not
    marked = next(e for e in view.edges if e.cross_border)
    assert any("NL" in line and "BE" in line for line in marked.tooltip)


def test_country_comes_from_a_located_in_region_when_the_node_has_none() -> None:
    a = org("a")
    region = Node("reg-somewhere", "Region", "Somewhere", {"nuts_id": "DE21"})
    b = org("b", country="FR")
    sub = Subgraph([a, region, b], [edge(a, region, "LOCATED_IN"), edge(a, b, "COLLABORATES_WITH")])
    view = ego_view(sub, a.id)
    assert view.node(a.id).country == "DE"
    collab = [e for e in view.edges if e.target == b.id]
    assert collab[0].cross_border


def test_evidence_is_capped_and_says_how_many_more() -> None:
    a, b = org("a"), org("b")
    sentences = [f"Sentence {i}." for i in range(MAX_EVIDENCE_LINES + 2)]
    view = ego_view(Subgraph([a, b], [edge(a, b, "COLLABORATES_WITH", *sentences)]), a.id)
    lines = view.edges[0].tooltip
    assert sum("Sentence" in line for line in lines) == MAX_EVIDENCE_LINES
    assert lines[-1] == "… and 2 more source(s)"


def test_truncated_neighbourhood_says_what_was_left_out() -> None:
    sub, hub = star()
    sub.truncated, sub.total_nodes = True, 2140
    assert ego_view(sub, hub.id).message == "showing the 6 nearest of 2,140 entities"


def test_hostile_names_stay_plain_strings_in_the_json() -> None:
    evil = org("evil", "<img src=x onerror=alert(1)>")
    view = ego_view(Subgraph([evil], []), evil.id)
    data = view.to_json()
    assert data["nodes"][0]["label"] == "<img src=x onerror=alert(1)>"  # escaped by the page


# -- paths --------------------------------------------------------------------------------


def test_paths_view_is_the_union_of_paths_numbered_with_border_hops_marked() -> None:
    a, b, c = org("a"), org("b"), org("c")
    p1, p2 = project("one"), project("two")
    e1, e2 = edge(a, p1, "PARTICIPATES_IN", "A is in ONE."), edge(c, p1)
    e3, e4 = edge(a, p2), edge(b, p2)
    e5 = edge(b, c, "COLLABORATES_WITH")
    first = PartnershipPath([a, p1, c], [e1, e2])
    second = PartnershipPath([a, p2, b, c], [e3, e4, e5])
    countries = {a.id: "BE", b.id: "BE", c.id: "NL"}
    view = paths_view([first, second], countries)
    assert {n.id for n in view.nodes} == {a.id, b.id, c.id, p1.id, p2.id}
    assert len(view.edges) == 5
    by_pair = {(e.source, e.target): e for e in view.edges}
    assert by_pair[(a.id, p1.id)].path == 1 and by_pair[(a.id, p2.id)].path == 2
    # a (BE) -> c (NL) through ONE crosses; a -> b (both BE) does not; b -> c crosses.
    assert by_pair[(a.id, p1.id)].cross_border and by_pair[(c.id, p1.id)].cross_border
    assert not by_pair[(a.id, p2.id)].cross_border and not by_pair[(b.id, p2.id)].cross_border
    assert by_pair[(b.id, c.id)].cross_border
    assert any("A is in ONE." in line for line in by_pair[(a.id, p1.id)].tooltip)
    assert view.node(a.id).centre and view.node(c.id).centre and not view.node(b.id).centre


def test_no_paths_draw_nothing() -> None:
    view = paths_view([], {})
    assert view.nodes == [] and view.edges == []


# -- collaboration map ------------------------------------------------------------------


def clique_pairs(prefix: str, size: int, country: str) -> list[WeightedPair]:
    nodes = [org(f"{prefix}{i}", country=country) for i in range(size)]
    return [WeightedPair(a, b, 1) for i, a in enumerate(nodes) for b in nodes[i + 1 :]]


def test_map_colours_communities_and_outlines_brokers() -> None:
    pairs = clique_pairs("x", 3, "BE") + clique_pairs("y", 3, "NL")
    bridge = WeightedPair(org("x0", country="BE"), org("y0", country="NL"), 2)
    countries = {f"org-{p}{i}": c for p, c in (("x", "BE"), ("y", "NL")) for i in range(3)}
    communities = {f"org-x{i}": 0 for i in range(3)} | {f"org-y{i}": 1 for i in range(3)}
    view = collaboration_view(
        [*pairs, bridge],
        countries=countries,
        communities=communities,
        brokers={"org-x0": "partners in 2 countries (BE, NL)"},
    )
    assert view.node("org-x1").colour == COMMUNITY_COLOURS[0]
    assert view.node("org-y1").colour == COMMUNITY_COLOURS[1]
    broker = view.node("org-x0")
    assert broker.broker and "Broker: partners in 2 countries (BE, NL)" in broker.tooltip
    assert not view.node("org-y1").broker
    crossing = [e for e in view.edges if e.cross_border]
    assert [(e.source, e.target) for e in crossing] == [("org-x0", "org-y0")]
    heaviest = max(view.edges, key=lambda e: e.width)
    assert (heaviest.source, heaviest.target) == ("org-x0", "org-y0")
    assert BROKER_BORDER  # the page outlines brokers in this colour


def test_map_without_community_is_grey() -> None:
    view = collaboration_view(clique_pairs("z", 2, "BE"), countries={})
    assert {n.colour for n in view.nodes} == {NO_COMMUNITY_COLOUR}


def test_map_filters_by_type_and_country() -> None:
    cluster = Node("org-clu", "Cluster", "Clu", {"country": "NL"})
    a, b = org("a", country="BE"), org("b", country="NL")
    pairs = [WeightedPair(a, b, 1), WeightedPair(b, cluster, 1), WeightedPair(a, cluster, 1)]
    countries = {a.id: "BE", b.id: "NL", cluster.id: "NL"}
    only_nl = collaboration_view(pairs, countries=countries, country_filter=["nl"])
    assert {n.id for n in only_nl.nodes} == {b.id, cluster.id}
    only_orgs = collaboration_view(pairs, countries=countries, types=["Organisation"])
    assert {n.id for n in only_orgs.nodes} == {a.id, b.id}
    assert [e.target for e in only_orgs.edges] == [b.id]


def test_large_map_is_capped_to_the_most_connected_with_a_layout_and_no_physics() -> None:
    graph = nx.barabasi_albert_graph(700, 2, seed=3)
    nodes = {i: org(f"n{i:04d}") for i in graph.nodes}
    pairs = [WeightedPair(nodes[a], nodes[b], 1) for a, b in graph.edges]
    view = collaboration_view(pairs, countries={}, cap=300)
    assert len(view.nodes) == 300
    assert view.message == "showing the 300 most connected of 700 organisations"
    kept = {n.id for n in view.nodes}
    degree = {nodes[i].id: d for i, d in graph.degree}
    assert min(degree[i] for i in kept) >= max(degree[i] for i in degree if i not in kept)
    assert all(e.source in kept and e.target in kept for e in view.edges)
    assert not view.physics
    assert all(n.x is not None and n.y is not None for n in view.nodes)


def test_small_views_leave_the_layout_to_the_browser() -> None:
    view = collaboration_view(clique_pairs("s", 4, "BE"), countries={})
    assert view.physics and all(n.x is None for n in view.nodes)
    assert len(view.nodes) <= LAYOUT_THRESHOLD


# -- layout -------------------------------------------------------------------------------


def _edge_ratio(graph: nx.Graph, pos: dict[str, tuple[float, float]]) -> float:
    """Mean length of edges over mean distance of node pairs: low when the layout puts
    linked nodes together."""
    names = sorted(graph.nodes)
    edges: int = graph.number_of_edges()
    linked = sum(math.dist(pos[a], pos[b]) for a, b in graph.edges) / edges
    pairs = [(names[i], names[(i * 7 + 13) % len(names)]) for i in range(len(names))]
    spread = sum(math.dist(pos[a], pos[b]) for a, b in pairs if a != b) / len(pairs)
    return linked / spread


def test_layout_is_deterministic_bounded_and_recovers_the_structure() -> None:
    # A random geometric graph: nodes linked when near each other in a plane, so a good
    # layout draws edges short; compared with networkx's spring layout on the same graph.
    geometric = nx.random_geometric_graph(400, 0.09, seed=1)
    graph = nx.relabel_nodes(
        geometric.subgraph(max(nx.connected_components(geometric), key=len)), lambda i: f"n{i}"
    )
    first = precompute_layout(graph, seed=5)
    assert first == precompute_layout(graph, seed=5)
    assert set(first) == set(graph.nodes)
    assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in first.values())
    ours = _edge_ratio(graph, first)
    baseline = _edge_ratio(graph, nx.spring_layout(graph, seed=5))
    assert ours < 0.3
    assert ours < 1.5 * baseline, f"{ours:.3f} vs networkx {baseline:.3f}"
    assert len({(round(x, 4), round(y, 4)) for x, y in first.values()}) == len(first)


def test_layout_keeps_components_apart() -> None:
    graph = nx.disjoint_union(nx.complete_graph(30), nx.complete_graph(30))
    graph = nx.relabel_nodes(graph, lambda i: f"n{i}")
    pos = precompute_layout(graph)

    def box(ids: range) -> tuple[float, float, float, float]:
        xs = [pos[f"n{i}"][0] for i in ids]
        ys = [pos[f"n{i}"][1] for i in ids]
        return min(xs), max(xs), min(ys), max(ys)

    a, b = box(range(30)), box(range(30, 60))
    overlap_x = a[0] < b[1] and b[0] < a[1]
    overlap_y = a[2] < b[3] and b[2] < a[3]
    assert not (overlap_x and overlap_y)


@pytest.mark.parametrize("size", [0, 1])
def test_layout_of_tiny_graphs(size: int) -> None:
    graph = nx.Graph()
    graph.add_nodes_from(f"n{i}" for i in range(size))
    assert len(precompute_layout(graph)) == size


def test_large_views_rank_labels_by_degree_and_outline_the_top_brokers() -> None:
    graph = nx.barabasi_albert_graph(400, 2, seed=4)
    nodes = {i: org(f"n{i:04d}") for i in graph.nodes}
    pairs = [WeightedPair(nodes[a], nodes[b], 1) for a, b in graph.edges]
    brokers = {nodes[i].id: f"reason {i}" for i in range(0, 400, 5)}  # 80, in rank order
    view = collaboration_view(pairs, countries={}, brokers=brokers, cap=400)
    # The page places labels in rank order where they fit (labels.js): none is drawn by
    # vis-network itself, and the ranks follow the degree.
    assert not any(n.show_label for n in view.nodes)
    by_rank = sorted(view.nodes, key=lambda n: n.rank)
    assert [n.rank for n in by_rank] == list(range(len(view.nodes)))
    degrees = [n.degree for n in by_rank]
    assert degrees == sorted(degrees, reverse=True)
    outlined = [n.id for n in view.nodes if n.broker]
    assert len(outlined) == MAX_BROKERS_SHOWN
    assert set(outlined) == set(list(brokers)[:MAX_BROKERS_SHOWN])
    small = collaboration_view(clique_pairs("q", 4, "BE"), countries={})
    assert all(n.show_label for n in small.nodes)


def test_layout_draws_each_community_together() -> None:
    # Four dense groups with a few links between them, in scrambled id order.
    graph = nx.relabel_nodes(
        nx.connected_caveman_graph(4, 40), lambda i: f"n{(i * 37) % 160:03d}-{i // 40}"
    )
    groups = {nid: int(nid.rsplit("-", 1)[1]) for nid in graph.nodes}
    pos = precompute_layout(graph, groups=groups)
    centres = {
        g: np.mean([pos[n] for n in graph.nodes if groups[n] == g], axis=0) for g in range(4)
    }
    spread = np.mean([math.dist(pos[n], centres[groups[n]]) for n in graph.nodes])
    apart = min(math.dist(centres[a], centres[b]) for a in range(4) for b in range(a + 1, 4))
    assert spread < apart


def test_map_counts_the_whole_selection_when_only_its_heaviest_pairs_were_read() -> None:
    view = collaboration_view(clique_pairs("h", 5, "BE"), countries={}, cap=3, total=40)
    assert view.message == "showing the 3 most connected of 40 organisations"
