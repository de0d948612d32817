"""The four views as HTML, built from the graph store and the analytics.

Each function is synchronous (the routes run it in a worker thread within the API's query
budget) and reads the store only through the ``GraphStore`` protocol, so the views work
the same on the embedded store and on Neo4j.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import organisation_types
from innograph.graph.partnership import default_scope, explain_no_paths
from innograph.graph.store import SHARED_ITEM_TYPES, GraphStore
from innograph.graph.types import EntityDetail, Node, PartnershipPath
from innograph.viz.model import (
    COMMUNITY_COLOURS,
    DEFAULT_MAP_CAP,
    LAYOUT_THRESHOLD,
    MAX_BROKERS_SHOWN,
    NetworkView,
    style_of,
)
from innograph.viz.network import (
    WeightedPair,
    collaboration_view,
    ego_view,
    evidence_lines,
    paths_view,
)
from innograph.viz.pages import (
    autocomplete_input,
    entity_href,
    esc,
    legend_html,
    link,
    network_html,
    page,
    query_href,
    table,
)

EGO_LIMIT = 150  # nodes of an ego network (nearest first)
SEARCH_RESULTS = 20
PATHS_MAX_HOPS = 4
# The map reads at most this many heaviest pairs of a selection before capping nodes.
MAP_PAIRS = 20_000
MAX_MAP_CAP = 2_000
# The map's ``layout`` parameter: where the layout is computed, as a node threshold.
LAYOUT_THRESHOLDS = {"auto": LAYOUT_THRESHOLD, "server": 0, "browser": MAX_MAP_CAP}


def start_page(store: GraphStore, query: str = "") -> str:
    """Search box with suggestions, results for ``query``, and what the graph holds."""
    query = query.strip()
    results = ""
    if query:
        found = store.search(query, limit=SEARCH_RESULTS)
        items = "".join(
            f"<li>{link(entity_href(n.id), n.name)} <span class=type>{esc(style_of(n.type).label)}"
            "</span></li>"
            for n in found
        )
        results = (
            f"<h2>Results for “{esc(query)}”</h2><ol class=results>{items}</ol>"
            if found
            else f"<p class=note>Nothing found for “{esc(query)}”.</p>"
        )
    stats = store.stats()
    rows = [
        (esc(style_of(t).label), f"{count:,}")
        for t, count in sorted(stats.nodes.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    rel_rows = [
        (esc(t), f"{count:,}")
        for t, count in sorted(stats.relationships.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    body = (
        "<h1>The regional innovation ecosystem</h1>"
        '<form class=search method=get action="/" role=search>'
        "<label class=ac><span>Find an organisation, cluster, project, platform, region…</span>"
        f'<input type=search name=q id=search value="{esc(query)}" autocomplete=off '
        'data-autocomplete="" data-navigate="1" placeholder="Type a name">'
        "<ul class=suggestions role=listbox></ul></label>"
        "<button type=submit>Search</button></form>"
        f"{results}"
        "<h2>What the graph holds</h2>"
        f"<p class=stats id=stats>{stats.total_nodes:,} entities, "
        f"{stats.total_relationships:,} relationships, {stats.documents:,} documents"
        f"{', last updated ' + esc(stats.last_update) if stats.last_update else ''}.</p>"
        "<div class=columns>"
        f"{table(['Entity type', 'Count'], rows)}{table(['Relationship', 'Count'], rel_rows)}"
        "</div>"
    )
    return page("Search", body, active="/")


def _relations_html(detail: EntityDetail) -> str:
    """Each relation with the other end (a link) and its evidence, grouped by type."""
    groups: dict[str, list[str]] = {}
    for direction, edges in (("→", detail.outgoing), ("←", detail.incoming)):
        for edge in edges:
            other_id = edge.target if direction == "→" else edge.source
            other = detail.neighbours.get(other_id)
            name = other.name if other else other_id
            evidence = "".join(f"<li>{esc(line)}</li>" for line in evidence_lines(edge.provenance))
            groups.setdefault(edge.type, []).append(
                f"<li>{direction} {link(entity_href(other_id), name)}"
                f"<ul class=evidence>{evidence}</ul></li>"
            )
    if not groups:
        return "<p class=note>No relations.</p>"
    return "".join(
        f"<h3>{esc(kind)}</h3><ul class=relations>{''.join(items)}</ul>"
        for kind, items in sorted(groups.items())
    )


def entity_page(store: GraphStore, entity_id: str, depth: int = 1) -> str:
    """An entity's details, provenance, and its ego network to ``depth`` (1 or 2)."""
    detail = store.get_entity(entity_id)  # EntityNotFound when absent
    node = detail.node
    sub = store.neighbourhood(entity_id, depth=depth, limit=EGO_LIMIT)
    view = ego_view(sub, entity_id)
    props = [
        (esc(key), esc(value if not isinstance(value, list) else ", ".join(map(str, value))))
        for key, value in sorted(node.properties.items())
    ]
    depth_links = " ".join(
        f"<strong>{d}</strong>"
        if d == depth
        else link(query_href(entity_href(entity_id), {"depth": d}), str(d))
        for d in (1, 2)
    )
    documents = "".join(
        f"<li>{esc(d.title or d.source)} <span class=type>{esc(d.lang)}, {esc(d.ingested_at)}"
        "</span></li>"
        for d in detail.documents
    )
    body = (
        f"<h1 id=entity-name>{esc(node.name)}</h1>"
        f"<p class=meta><span class=type>{esc(style_of(node.type).label)}</span> · "
        f"<code>{esc(node.id)}</code> · "
        f"{link('/id/' + node.id, 'RDF / IRI', 'rdf')} · "
        f"{link(query_href('/paths', {'from': node.id}), 'paths from here')}</p>"
        f"<section class=graph><p>Ego network, depth: {depth_links} · "
        "click a node to centre on it</p>"
        f"{legend_html(view.legend)}{network_html(view)}</section>"
        f"<section class=details><h2>Properties</h2>"
        f"{table(['Property', 'Value'], props) if props else '<p class=note>None.</p>'}"
        f"<h2>Relations and evidence</h2>{_relations_html(detail)}"
        f"<h2>Documents</h2><ul>{documents or '<li>None</li>'}</ul></section>"
    )
    return page(node.name, body, view=view)


def organisation_countries(analytics: Analytics) -> dict[str, str | None]:
    """Every organisation's country as the analytics know it (its own, else that of a
    region it is located in, transitively); cached per graph version."""
    index = analytics.index()
    return {org.id: index.countries[i] for i, org in enumerate(index.orgs)}


@dataclass(slots=True)
class PathQuery:
    """What the path form asks: two organisations and how many paths."""

    source: Node | None = None
    target: Node | None = None
    k: int = 3
    errors: list[str] = field(default_factory=list)


def paths_page(store: GraphStore, analytics: Analytics, query: PathQuery) -> str:
    """Two organisations (with suggestions) and their k shortest partnership paths."""
    org_types = ",".join(organisation_types())
    src, dst = query.source, query.target
    form = (
        '<form class=pathform method=get action="/paths">'
        + autocomplete_input(
            "from",
            "From",
            value_id=src.id if src else "",
            value_text=src.name if src else "",
            types=org_types,
        )
        + autocomplete_input(
            "to",
            "To",
            value_id=dst.id if dst else "",
            value_text=dst.name if dst else "",
            types=org_types,
        )
        + "<label><span>Paths</span><select name=k>"
        + "".join(
            f"<option{' selected' if k == query.k else ''}>{k}</option>"
            for k in sorted({1, 2, 3, 5, query.k})
        )
        + "</select></label><button type=submit>Find paths</button></form>"
    )
    errors = "".join(f"<p class=error>{esc(e)}</p>" for e in query.errors)
    result = ""
    view: NetworkView | None = None
    if src and dst and not query.errors:
        found: list[PartnershipPath] = store.paths(
            src.id, dst.id, k=query.k, max_hops=PATHS_MAX_HOPS
        )
        if not found:
            why = explain_no_paths(
                store, src.id, dst.id, max_hops=PATHS_MAX_HOPS, scope=default_scope()
            )
            result = (
                f"<p class=note id=no-path>No partnership path of at most {PATHS_MAX_HOPS} hops "
                f"between {esc(src.name)} and {esc(dst.name)}: {esc(why)}.</p>"
            )
        else:
            countries = organisation_countries(analytics)
            view = paths_view(found, countries)
            listing = "".join(
                "<li>"
                + " → ".join(link(entity_href(n.id), n.name) for n in p.nodes)
                + f" <span class=type>({p.hops} hops)</span></li>"
                for p in found
            )
            crossing = sum(e.cross_border for e in view.edges)
            result = (
                f"<p>{len(found)} shortest path(s); hover an edge for its evidence"
                + (f"; {crossing} cross-border edge(s) dashed in red" if crossing else "")
                + f".</p><ol class=paths id=path-list>{listing}</ol>"
                + legend_html(view.legend)
                + network_html(view, height="60vh")
            )
    body = f"<h1>Partnership paths</h1>{form}{errors}{result}"
    return page("Paths", body, view=view, active="/paths")


@dataclass(slots=True)
class MapQuery:
    """The map's selection (entity ids), filters and cap."""

    programme: Node | None = None
    platform: Node | None = None
    project: Node | None = None
    region: Node | None = None
    item_types: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    cap: int = DEFAULT_MAP_CAP
    layout: str = "auto"  # auto | server | browser (the last for comparison in bench/)
    errors: list[str] = field(default_factory=list)


def map_view(analytics: Analytics, query: MapQuery) -> tuple[NetworkView, list[str]]:
    """The collaboration map's view model and the brokers' lines, from the analytics."""
    item = query.project or query.platform
    network = analytics.network(
        programme=query.programme.id if query.programme else None,
        region=query.region.id if query.region else None,
        project=item.id if item else None,
        item_types=query.item_types,
        limit=MAP_PAIRS,
    )
    countries = organisation_countries(analytics)
    found = analytics.communities(limit=10**6, members=10**6, brokers=200)
    communities = {m.id: n for n, c in enumerate(found.communities) for m in c.members}
    brokers = {b.organisation.id: b.reason for b in found.brokers}
    view = collaboration_view(
        [WeightedPair(e.source, e.target, e.weight) for e in network.edges],
        countries=countries,
        communities=communities,
        brokers=brokers,
        types=query.types,
        country_filter=query.countries,
        cap=query.cap,
        total=None if query.types or query.countries else network.organisations,
        layout_threshold=LAYOUT_THRESHOLDS.get(query.layout, LAYOUT_THRESHOLD),
    )
    flagged = {n.id: n.label for n in view.nodes if n.broker}
    broker_lines = [f"{flagged[b]}: {reason}" for b, reason in brokers.items() if b in flagged]
    return view, broker_lines


def map_page(analytics: Analytics, query: MapQuery) -> str:
    """The organisation network of a programme, platform, project or region."""
    org_types = organisation_types()
    selectors = "".join(
        autocomplete_input(
            name,
            label,
            value_id=node.id if node else "",
            value_text=node.name if node else "",
            types=types,
        )
        for name, label, node, types in (
            ("programme", "Programme", query.programme, "FundingProgramme"),
            ("platform", "S3 platform", query.platform, "S3Platform"),
            ("project", "Project", query.project, "Project,Event"),
            ("region", "Region", query.region, "Region"),
        )
    )
    type_boxes = "".join(
        f'<label class=check><input type=checkbox name=types value="{esc(t)}"'
        f"{' checked' if t in query.types else ''}>{esc(style_of(t).label)}</label>"
        for t in org_types
    )
    item_boxes = "".join(
        f'<label class=check><input type=checkbox name=via value="{esc(t)}"'
        f"{' checked' if t in query.item_types else ''}>{esc(style_of(t).label)}</label>"
        for t in SHARED_ITEM_TYPES
    )
    form = (
        '<form class=mapform method=get action="/map">'
        f"{selectors}"
        f"<fieldset><legend>Organisation types</legend>{type_boxes}</fieldset>"
        f"<fieldset><legend>Linked through</legend>{item_boxes}</fieldset>"
        "<label><span>Countries (e.g. BE,NL)</span><input type=text name=country "
        f'value="{esc(",".join(query.countries))}"></label>'
        f"<label><span>Draw at most</span><input type=number name=cap min=1 max={MAX_MAP_CAP} "
        f'value="{query.cap}"></label>'
        + (
            f'<input type=hidden name=layout value="{esc(query.layout)}">'
            if query.layout != "auto"
            else ""
        )
        + "<button type=submit>Show</button></form>"
    )
    errors = "".join(f"<p class=error>{esc(e)}</p>" for e in query.errors)
    view: NetworkView | None = None
    result = ""
    if not query.errors:
        view, broker_lines = map_view(analytics, query)
        used = sorted({n.community for n in view.nodes if n.community is not None})
        community_legend = "".join(
            f'<li><span class="swatch shape-dot" '
            f'style="--c:{COMMUNITY_COLOURS[c % len(COMMUNITY_COLOURS)]}"></span>'
            f"Community {c + 1} ({sum(n.community == c for n in view.nodes)})</li>"
            for c in used[:12]
        )
        brokers = "".join(f"<li>{esc(line)}</li>" for line in broker_lines)
        result = (
            f"<p id=map-summary>{len(view.nodes):,} organisations, {len(view.edges):,} "
            "partnerships (shared projects, platforms or events); colour = community, "
            f"thick black outline = one of the top {MAX_BROKERS_SHOWN} brokers, red = cross-border."
            "</p>"
            f'<ul class=legend aria-label="Communities">{community_legend}</ul>'
            f"{network_html(view)}"
            + (f"<h2>Top brokers</h2><ul class=brokers>{brokers}</ul>" if brokers else "")
        )
    body = f"<h1>Collaboration map</h1>{form}{errors}{result}"
    return page("Collaboration map", body, view=view, active="/map")
