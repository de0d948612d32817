"""The collaboration map of a programme, platform, project or region (``map.html``), and
its network for download (GEXF and CSV, the same pairs)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from innograph.graph.analytics.collaboration_network import in_region
from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import organisation_types
from innograph.graph.store import SHARED_ITEM_TYPES
from innograph.viz.collaboration import (
    BORDER_RULES,
    MAP_PAIRS,
    MAX_DOWNLOAD_PAIRS,
    BorderRule,
    Selection,
    SelectionNetwork,
    gexf_chunks,
    read_selection,
)
from innograph.viz.model import (
    COMMUNITY_COLOURS,
    DEFAULT_MAP_CAP,
    MAX_BROKERS_SHOWN,
    NetworkView,
    style_of,
)
from innograph.viz.network import WeightedPair, collaboration_view
from innograph.viz.pages import json_block, network_html, query_pairs
from innograph.viz.templating import render
from innograph.viz.views.names import Named

MAX_MAP_CAP = 2_000
# Maps above this many organisations are laid out on the server and labelled where the
# labels fit (labels.js); vis-network's own labels pile up beyond a few dozen nodes.
MAP_LAYOUT_THRESHOLD = 40
# The map's ``layout`` parameter: where the layout is computed, as a node threshold.
LAYOUT_THRESHOLDS = {"auto": MAP_LAYOUT_THRESHOLD, "server": 0, "browser": MAX_MAP_CAP}
LEGEND_COMMUNITIES = 12


@dataclass(slots=True)
class MapQuery:
    """The map's selection (entities named on the form), filters, border rule and cap."""

    programme: Named = field(default_factory=lambda: Named("programme"))
    platform: Named = field(default_factory=lambda: Named("platform"))
    project: Named = field(default_factory=lambda: Named("project"))
    region: Named = field(default_factory=lambda: Named("region"))
    item_types: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    border: str = "neighbours"
    home: str | None = None
    cap: int = DEFAULT_MAP_CAP
    layout: str = "auto"  # auto | server | browser (the last for comparison in bench/)
    region_scope: str = "touching"  # touching | inside (see REGION_SCOPES)
    errors: list[str] = field(default_factory=list)

    def selection(self) -> Selection:
        """The entity ids and filters the analytics select by."""
        item = self.project.node or self.platform.node
        return Selection(
            programme=self.programme.node.id if self.programme.node else None,
            region=self.region.node.id if self.region.node else None,
            item=item.id if item else None,
            item_types=tuple(self.item_types),
            org_types=tuple(self.types),
            countries=tuple(self.countries),
            region_scope=self.region_scope,
        )

    def rule(self) -> BorderRule:
        """The cross-border rule asked for."""
        return BorderRule(self.border, self.home)

    def params(self, **override: Any) -> list[tuple[str, str]]:
        """The query as URL parameters (ids, not typed names), with ``override``."""
        values: dict[str, Any] = {
            name: getattr(self, name).node.id if getattr(self, name).node else None
            for name in ("programme", "platform", "project", "region")
        }
        values.update(
            types=self.types,
            via=self.item_types,
            country=",".join(self.countries) or None,
            border=self.border if self.border != "neighbours" else None,
            home=self.home,
            region_scope=self.region_scope if self.region_scope != "touching" else None,
        )
        values.update(override)
        return query_pairs(values)

    def href(self, path: str = "/map", **override: Any) -> str:
        """A link to ``path`` with this query (and ``override``)."""
        params = self.params(**override)
        return f"{path}?{urlencode(params)}" if params else path


def map_view(
    analytics: Analytics, query: MapQuery
) -> tuple[NetworkView, SelectionNetwork, list[str]]:
    """The map's view model, the selection's network and the brokers' lines."""
    found = read_selection(analytics, query.selection(), MAP_PAIRS)
    communities = analytics.communities(limit=10**6, members=0, brokers=200)
    brokers = {b.organisation.id: b.reason for b in communities.brokers}
    view = collaboration_view(
        [WeightedPair(e.source, e.target, e.weight) for e in found.network.edges],
        inside=_located_in_region(analytics, query, found),
        countries=found.countries,
        communities=found.communities,
        community_names=found.names,
        brokers=brokers,
        cap=query.cap,
        total=found.organisations,
        border=query.rule(),
        layout_threshold=LAYOUT_THRESHOLDS.get(query.layout, MAP_LAYOUT_THRESHOLD),
    )
    flagged = {n.id: n.label for n in view.nodes if n.broker}
    broker_lines = [f"{flagged[b]}: {reason}" for b, reason in brokers.items() if b in flagged]
    return view, found, broker_lines


def _located_in_region(analytics: Analytics, query: MapQuery, found: SelectionNetwork) -> set[str]:
    """The organisations of the pairs read that are located in the map's region (the map
    outlines them: the others are their partners elsewhere)."""
    if not query.region.node:
        return set()
    region, index = query.region.node.id, analytics.index()
    ends = {n.id for e in found.network.edges for n in (e.source, e.target)}
    return {o for o in ends if region in index.regions[index.org_pos[o]]}


def _community_legend(view: NetworkView, found: SelectionNetwork) -> list[dict[str, Any]]:
    drawn: dict[int, int] = {}
    for n in view.nodes:
        if n.community is not None:
            drawn[n.community] = drawn.get(n.community, 0) + 1
    return [
        {
            "colour": COMMUNITY_COLOURS[c % len(COMMUNITY_COLOURS)],
            "name": found.names[c],
            "drawn": count,
            "size": found.sizes[c],
        }
        for c, count in sorted(drawn.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def map_page(analytics: Analytics, query: MapQuery) -> str:
    """The organisation network of a programme, platform, project or region."""
    context: dict[str, Any] = {
        "title": "Collaboration map",
        "active": "/map",
        "q": query,
        "org_types": [(t, style_of(t).label) for t in organisation_types()],
        "item_types": [(t, style_of(t).label) for t in SHARED_ITEM_TYPES],
        "border_rules": BORDER_RULES,
        "max_cap": MAX_MAP_CAP,
        "href_for": lambda param, entity_id: query.href(**{param: entity_id}),
        "view_json": None,
        "result": None,
    }
    if not query.errors:
        view, found, broker_lines = map_view(analytics, query)
        marked = sum(e.cross_border for e in view.edges)
        context.update(
            view_json=Markup(json_block("view-data", view.to_json())),
            result={
                "organisations": found.organisations,
                "inside": found.inside,
                # With a region: its organisations, partnered or not (an empty map says
                # whether the region has none located in it or none with a partner).
                "located": (
                    int(in_region(analytics.index(), query.region.node.id).sum())
                    if query.region.node
                    else None
                ),
                "drawn_inside": sum(n.inside for n in view.nodes),
                "partnerships": found.partnerships,
                "drawn_nodes": len(view.nodes),
                "drawn_edges": len(view.edges),
                "read_all": not found.network.truncated,
                "pairs_read": len(found.network.edges),
                "communities": _community_legend(view, found),
                "community_count": len(found.names),
                "more_communities": max(
                    0, len(_community_legend(view, found)) - LEGEND_COMMUNITIES
                ),
                "legend_limit": LEGEND_COMMUNITIES,
                "marked": marked,
                "border_text": query.rule().describe(),
                "brokers": broker_lines,
                "max_brokers": MAX_BROKERS_SHOWN,
                "network": Markup(network_html(view)),
                "gexf": query.href("/map.gexf"),
                "csv": query.href("/map.csv"),
                "download_cut": found.partnerships > MAX_DOWNLOAD_PAIRS,
                "max_download": MAX_DOWNLOAD_PAIRS,
            },
        )
    return render("map.html", **context)


def download_description(query: MapQuery) -> str:
    """What a downloaded network is, in one line (GEXF's description)."""
    parts = [
        f"{name} {named.node.name} ({named.node.id})"
        for name, named in (
            ("programme", query.programme),
            ("platform", query.platform),
            ("project", query.project),
            ("region", query.region),
        )
        if named.node
    ]
    if query.item_types:
        parts.append("through " + ", ".join(query.item_types))
    if query.types:
        parts.append("organisation types " + ", ".join(query.types))
    if query.countries:
        parts.append("countries " + ", ".join(query.countries))
    what = "; ".join(parts) if parts else "the whole graph"
    return (
        f"innograph collaboration network of {what}: organisations linked by the number "
        f"of projects, platforms or events they share (edge weight); cross-border: "
        f"{query.rule().describe()}"
    )


def map_download(analytics: Analytics, query: MapQuery) -> SelectionNetwork:
    """The selection's network for download: its heaviest ``MAX_DOWNLOAD_PAIRS`` pairs."""
    return read_selection(analytics, query.selection(), MAX_DOWNLOAD_PAIRS)


def gexf_download(found: SelectionNetwork, query: MapQuery) -> Iterator[str]:
    """The downloaded network as GEXF text chunks."""
    return gexf_chunks(found, query.rule(), download_description(query))
