"""The paths page (``paths.html``): two organisations and their shortest partnership
paths, with the API's controls (through which types, cross-border only, hops, what to
avoid, how many) and an explanation when nothing connects them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from innograph.api.errors import ApiError
from innograph.api.limits import MAX_PATH_HOPS, MAX_PATHS
from innograph.api.routes.paths import VIA_ALL, PathsAnswer, find_paths, via_scope
from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import organisation_types
from innograph.graph.partnership import PARTNERSHIP_TYPES
from innograph.graph.store import SHARED_ITEM_TYPES, GraphStore
from innograph.graph.types import Node
from innograph.viz.model import style_of
from innograph.viz.network import paths_view
from innograph.viz.pages import entity_href, json_block, legend_html, network_html, query_pairs
from innograph.viz.templating import render
from innograph.viz.views.common import organisation_countries
from innograph.viz.views.names import Named

DEFAULT_HOPS = 4
# Types a path may be asked to pass through, on the form: partners (Organisation takes
# in its subtype Cluster) and what they share, then what the default leaves out (a region
# or a programme is not a partnership).
VIA_CHOICES: tuple[str, ...] = (
    *dict.fromkeys((*PARTNERSHIP_TYPES[:1], "Cluster", *PARTNERSHIP_TYPES[1:])),
    "Region",
    "FundingProgramme",
)


@dataclass(slots=True)
class PathQuery:
    """What the path form asks: two organisations, the scope and how many paths."""

    source: Named = field(default_factory=lambda: Named("from"))
    target: Named = field(default_factory=lambda: Named("to"))
    k: int = 3
    max_hops: int = DEFAULT_HOPS
    via: list[str] = field(default_factory=list)  # types, or ["all"]
    cross_border: bool = False
    avoid: list[Node] = field(default_factory=list)
    avoid_named: Named = field(default_factory=lambda: Named("avoid"))
    errors: list[str] = field(default_factory=list)

    def params(self, **override: Any) -> list[tuple[str, str]]:
        """The query as URL parameters (ids, not typed names), with ``override``."""
        values: dict[str, Any] = {
            "from": self.source.node.id if self.source.node else None,
            "to": self.target.node.id if self.target.node else None,
            "via": self.via,
            "cross_border": "true" if self.cross_border else None,
            "max_hops": self.max_hops if self.max_hops != DEFAULT_HOPS else None,
            "avoid": self.avoid_ids(),
            "k": self.k,
        }
        values.update(override)
        return query_pairs(values)

    def avoid_ids(self) -> list[str]:
        """The ids of the organisations the paths must not pass through."""
        return [n.id for n in self.avoid]

    def href(self, **override: Any) -> str:
        """A link to the paths page with this query (and ``override``)."""
        return "/paths?" + urlencode(self.params(**override))


def _ask(store: GraphStore, query: PathQuery) -> PathsAnswer | None:
    """The API's answer for the query, or None with the API's message noted."""
    assert query.source.node and query.target.node
    via = ",".join(query.via) if query.via else None
    via_types, relations = via_scope(via)
    try:
        return find_paths(
            store,
            query.source.node.id,
            query.target.node.id,
            k=query.k,
            max_hops=query.max_hops,
            via=via_types,
            relations=relations,
            avoid=query.avoid_ids(),
            cross_border=query.cross_border,
        )
    except ApiError as err:
        query.errors.append(err.message)
        return None


def paths_page(store: GraphStore, analytics: Analytics, query: PathQuery) -> str:
    """Two organisations (suggested as typed) and their k shortest partnership paths."""
    context: dict[str, Any] = {
        "title": "Paths",
        "active": "/paths",
        "q": query,
        "org_types": ",".join(organisation_types()),
        "avoid_types": ",".join((*organisation_types(), *SHARED_ITEM_TYPES)),
        "via_choices": [(t, style_of(t).label) for t in VIA_CHOICES],
        "via_all": VIA_ALL,
        "via_labels": [
            "anything" if t == VIA_ALL else style_of(t).label.lower() for t in query.via
        ],
        "hops": range(1, MAX_PATH_HOPS + 1),
        "ks": sorted({1, 2, 3, 5, MAX_PATHS, query.k}),
        "href_for": lambda param, entity_id: query.href(**{param: entity_id}),
        "blank": Named("avoid"),
        "view_json": None,
        "answer": None,
    }
    src, dst = query.source.node, query.target.node
    if src and dst and not query.errors:
        answer = _ask(store, query)
        if answer is not None:
            listing = [
                {
                    "hops": data["hops"],
                    "crosses": data["crosses_border"],
                    "nodes": [
                        {
                            "id": n.id,
                            "name": n.name,
                            "href": entity_href(n.id),
                            "type": style_of(n.type).label,
                            "avoid_href": query.href(avoid=[*query.avoid_ids(), n.id])
                            if 0 < i < len(path.nodes) - 1
                            else None,
                        }
                        for i, n in enumerate(path.nodes)
                    ],
                }
                for path, data in zip(answer.found, answer.paths, strict=True)
            ]
            context["answer"] = {"paths": listing, "notes": answer.notes, "reason": answer.reason}
            if answer.found:
                view = paths_view(answer.found, organisation_countries(analytics))
                context.update(
                    view_json=Markup(json_block("view-data", view.to_json())),
                    legend=Markup(legend_html(view.legend)),
                    network=Markup(network_html(view, height="60vh")),
                    crossing=sum(e.cross_border for e in view.edges),
                )
    return render("paths.html", **context)
