"""The collaboration map of a programme, platform, project or region."""

from __future__ import annotations

from dataclasses import dataclass, field

from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import organisation_types
from innograph.graph.store import SHARED_ITEM_TYPES
from innograph.graph.types import Node
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
)
from innograph.viz.pages import (
    autocomplete_input,
    esc,
    network_html,
    page,
)
from innograph.viz.views.common import organisation_countries

# The map reads at most this many heaviest pairs of a selection before capping nodes.
MAP_PAIRS = 20_000
MAX_MAP_CAP = 2_000
# The map's ``layout`` parameter: where the layout is computed, as a node threshold.
LAYOUT_THRESHOLDS = {"auto": LAYOUT_THRESHOLD, "server": 0, "browser": MAX_MAP_CAP}


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
