"""The entity page: details, provenance, relations with evidence, and the ego network.

The page is ``templates/entity.html``. What a page shows beyond the common parts depends
on the entity's kind: a kind's module (an organisation's partners, a project's partners
and amounts, ...) registers a section builder in ``SECTIONS``; each builder gets the store
and the entity's detail and returns a ``Section`` or None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from innograph.graph.store import GraphStore
from innograph.graph.types import EntityDetail
from innograph.viz.evidence import evidence_view
from innograph.viz.formatting import format_eur
from innograph.viz.model import style_of
from innograph.viz.network import ego_view
from innograph.viz.pages import entity_href, json_block, legend_html, network_html, query_href
from innograph.viz.templating import render

EGO_LIMIT = 150  # nodes of an ego network (nearest first)


@dataclass(frozen=True, slots=True)
class Section:
    """A part of an entity page: a heading and its HTML (rendered from a template, so
    escaped there), placed before or after the common details."""

    title: str
    html: Markup
    # "top": above the ego network; "before" the properties and relations; or "after" them
    place: str = "before"
    anchor: str = ""


SectionBuilder = Callable[[GraphStore, EntityDetail], Section | None]
# Builders of kind-specific sections, in page order; kinds' modules append to it.
SECTIONS: list[SectionBuilder] = []


def _property_text(key: str, value: Any) -> str:
    """A property as the table shows it: lists joined, amounts in euro ("€ 21,707,010")."""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if key.endswith("_eur") and isinstance(value, int | float) and not isinstance(value, bool):
        return format_eur(value)
    return str(value)


def relation_groups(detail: EntityDetail) -> list[dict[str, Any]]:
    """Each relation type with its items: direction, the other end and the evidence."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for direction, edges in (("→", detail.outgoing), ("←", detail.incoming)):
        for edge in edges:
            other_id = edge.target if direction == "→" else edge.source
            other = detail.neighbours.get(other_id)
            groups.setdefault(edge.type, []).append(
                {
                    "direction": direction,
                    "href": entity_href(other_id),
                    "name": other.name if other else other_id,
                    "evidence": evidence_view(edge.provenance),
                }
            )
    return [{"type": kind, "items": items} for kind, items in sorted(groups.items())]


def entity_page(store: GraphStore, entity_id: str, depth: int = 1) -> str:
    """An entity's details, provenance, and its ego network to ``depth`` (1 or 2)."""
    detail = store.get_entity(entity_id)  # EntityNotFound when absent
    node = detail.node
    sub = store.neighbourhood(entity_id, depth=depth, limit=EGO_LIMIT)
    view = ego_view(sub, entity_id)
    properties = [
        (key, _property_text(key, value)) for key, value in sorted(node.properties.items())
    ]
    sections = [s for s in (build(store, detail) for build in SECTIONS) if s is not None]
    return render(
        "entity.html",
        title=node.name,
        node=node,
        type_label=style_of(node.type).label,
        depth=depth,
        depth_links=[(d, query_href(entity_href(entity_id), {"depth": d})) for d in (1, 2)],
        paths_href=query_href("/paths", {"from": node.id}),
        legend=Markup(legend_html(view.legend)),
        network=Markup(network_html(view)),
        view_json=Markup(json_block("view-data", view.to_json())),
        properties=properties,
        relations=relation_groups(detail),
        documents=detail.documents,
        sections_top=[s for s in sections if s.place == "top"],
        sections_before=[s for s in sections if s.place == "before"],
        sections_after=[s for s in sections if s.place not in ("top", "before")],
    )
