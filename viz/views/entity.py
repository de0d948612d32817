"""The entity page: details, provenance, relations with evidence, and the ego network.

The page is ``templates/entity.html``. What a page shows beyond the common parts depends
on the entity's kind: a kind's module (an organisation's partners, a project's partners
and amounts, ...) registers a section builder in ``SECTIONS``; each builder gets the store,
the entity's detail and the page's query parameters (a section's own controls are links
and GET forms, so it reads its state from them; name them with a prefix of the section's
own) and returns a ``Section`` or None when it has nothing to show. A section that needs
the analytics reads them from :func:`page_request` while the page is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from innograph.graph.analytics.service import Analytics
from innograph.graph.relations import relations_by_type
from innograph.graph.store import GraphStore
from innograph.graph.types import EntityDetail
from innograph.ontology.terms import ontology
from innograph.viz.formatting import format_eur
from innograph.viz.model import legend, style_of
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
    # "top": above the ego network; "before" the properties and relations; or "after" them
    place: str = "before"
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class PageRequest:
    """What the page was asked with, for sections with forms: the query parameters (each
    section reads its own, by a prefix of its own) and the app's analytics (None when
    the page is built without them)."""

    params: Mapping[str, str] = field(default_factory=dict)
    analytics: Analytics | None = None


_REQUEST: ContextVar[PageRequest | None] = ContextVar("entity_page_request", default=None)


def page_request() -> PageRequest:
    """The request of the entity page being built (empty outside :func:`entity_page`)."""
    return _REQUEST.get() or PageRequest()


@contextmanager
def _serving(request: PageRequest) -> Iterator[None]:
    token = _REQUEST.set(request)
    try:
        yield
    finally:
        _REQUEST.reset(token)


SectionBuilder = Callable[[GraphStore, EntityDetail, Mapping[str, str]], Section | None]
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


def type_styles() -> dict[str, Any]:
    """How expand.js draws nodes and edges it adds: each entity type's label, shape and
    colour (as the legend has them) and each relation's label."""
    return {
        "types": {
            name: {"label": e.label, "shape": e.shape, "colour": e.colour}
            for name, e in legend().items()
        },
        "relations": {
            name: term.labels.get("en", name) for name, term in ontology().relation_types.items()
        },
    }


def entity_page(
    store: GraphStore,
    entity_id: str,
    depth: int = 1,
    *,
    params: Mapping[str, str] | None = None,
    analytics: Analytics | None = None,
) -> str:
    """An entity's details, provenance, and its ego network to ``depth`` (1 or 2);
    ``params`` (the page's query parameters) and ``analytics`` reach the sections."""
    detail = store.get_entity(entity_id)  # EntityNotFound when absent
    node = detail.node
    sub = store.neighbourhood(entity_id, depth=depth, limit=EGO_LIMIT)
    view = ego_view(sub, entity_id)
    properties = [
        (key, _property_text(key, value)) for key, value in sorted(node.properties.items())
    ]
    params = dict(params or {})
    with _serving(PageRequest(params, analytics)):
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
        type_styles=Markup(json_block("type-styles", type_styles())),
        properties=properties,
        relations=relation_groups(detail),
        documents=detail.documents[:DOCUMENTS_SHOWN],
        documents_total=len(detail.documents),
        documents_href=documents_href(entity_id),
        sections_top=[s for s in sections if s.place == "top"],
        sections_before=[s for s in sections if s.place == "before"],
        sections_after=[s for s in sections if s.place not in ("top", "before")],
    )
