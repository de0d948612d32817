"""The paths page: two organisations and their shortest partnership paths."""

from __future__ import annotations

from dataclasses import dataclass, field

from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import organisation_types
from innograph.graph.partnership import default_scope, explain_no_paths
from innograph.graph.store import GraphStore
from innograph.graph.types import Node, PartnershipPath
from innograph.viz.model import (
    NetworkView,
)
from innograph.viz.network import (
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
)
from innograph.viz.views.common import organisation_countries

PATHS_MAX_HOPS = 4


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
