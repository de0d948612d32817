"""The entity page: details, provenance, relations with evidence, and the ego network.

The page is ``templates/entity.html``. What a page shows beyond the common parts depends
on the entity's kind: a kind's module (an organisation's partners, a project's partners
and amounts, ...) registers a section builder in ``SECTIONS``; each builder gets the store,
the entity's detail and the page's query parameters (a section's own controls are links
and GET forms, so it reads its state from them; name them with a prefix of the section's
own) and returns a ``Section`` or None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from innograph.graph.relations import relations_by_type
from innograph.graph.store import GraphStore
from innograph.graph.types import EntityDetail
from innograph.viz.model import style_of
from innograph.viz.network import ego_view
from innograph.viz.pages import entity_href, json_block, legend_html, network_html, query_href
from innograph.viz.templating import render
from innograph.viz.views.entity_lists import documents_href, relation_item, relations_href

EGO_LIMIT = 150  # nodes of an ego network (nearest first)
# Relations shown per type on the page, the heaviest first; a link lists them all.
RELATIONS_SHOWN = 20
# Documents shown on the page (a country is mentioned by thousands); a link lists them all.
DOCUMENTS_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Section:
    """A part of an entity page: a heading and its HTML (rendered from a template, so
    escaped there), placed before or after the common details."""

    title: str
    html: Markup
    place: str = "before"  # "before" the properties and relations, or "after" them
    anchor: str = ""


SectionBuilder = Callable[[GraphStore, EntityDetail, Mapping[str, str]], Section | None]
# Builders of kind-specific sections, in page order; kinds' modules append to it.
SECTIONS: list[SectionBuilder] = []


def relation_groups(detail: EntityDetail) -> list[dict[str, Any]]:
    """Each relation type with its heaviest ``RELATIONS_SHOWN`` items (direction, the other
    end, the evidence), its total, and the address of the page listing all of them."""
    groups = []
    for kind, relations in relations_by_type(detail).items():
        groups.append(
            {
                "type": kind,
                "total": len(relations),
                "items": [relation_item(r) for r in relations[:RELATIONS_SHOWN]],
                "all_href": relations_href(detail.node.id, kind)
                if len(relations) > RELATIONS_SHOWN
                else None,
            }
        )
    return groups


def entity_page(
    store: GraphStore, entity_id: str, depth: int = 1, query: Mapping[str, str] | None = None
) -> str:
    """An entity's details, provenance, and its ego network to ``depth`` (1 or 2);
    ``query`` is the page's query string, for the sections."""
    detail = store.get_entity(entity_id)  # EntityNotFound when absent
    node = detail.node
    sub = store.neighbourhood(entity_id, depth=depth, limit=EGO_LIMIT)
    view = ego_view(sub, entity_id)
    properties = [
        (key, value if not isinstance(value, list) else ", ".join(map(str, value)))
        for key, value in sorted(node.properties.items())
    ]
    params = query or {}
    sections = [s for s in (build(store, detail, params) for build in SECTIONS) if s]
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
        documents=detail.documents[:DOCUMENTS_SHOWN],
        documents_total=len(detail.documents),
        documents_href=documents_href(entity_id),
        sections_before=[s for s in sections if s.place == "before"],
        sections_after=[s for s in sections if s.place != "before"],
    )
