"""An entity's long lists, paged: where the entity page's "all N" links lead.

The entity page shows the heaviest few relations of each type and the first few
documents (a country has thousands of each). ``/entity/{id}/relations?type=...`` lists
every relation of a type, heaviest first (``innograph.graph.relations``), and
``/entity/{id}/documents`` every document mentioning the entity, a page at a time with
the total and next/previous links; each links the same list as JSON and CSV from the API
(``/api/entities/{id}/relations``, ``/api/documents?entity=...``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from innograph.api.deps import StoreDep
from innograph.api.limits import QUERY_BUDGET_SECONDS
from innograph.api.pagination import OffsetParam
from innograph.graph.relations import Relation, relations_by_type
from innograph.graph.store import GraphStore
from innograph.ontology.ids import is_canonical_id
from innograph.ontology.terms import ontology
from innograph.viz.answers import html_answer
from innograph.viz.evidence import evidence_view
from innograph.viz.model import style_of
from innograph.viz.pages import entity_href, error_page, query_href
from innograph.viz.templating import render

RELATIONS_PAGE = 100  # relations per page of the list
DOCUMENTS_PAGE = 100  # documents per page of the list

router = APIRouter(include_in_schema=False)


def relations_href(entity_id: str, relation_type: str, offset: int = 0) -> str:
    """The page listing an entity's relations of one type, from ``offset``."""
    return query_href(
        f"{entity_href(entity_id)}/relations",
        {"type": relation_type, "offset": offset or None},
    )


def documents_href(entity_id: str, offset: int = 0) -> str:
    """The page listing the documents that mention an entity, from ``offset``."""
    return query_href(f"{entity_href(entity_id)}/documents", {"offset": offset or None})


def pager(href: Callable[[int], str], offset: int, size: int, total: int) -> dict[str, Any]:
    """A list page's place: first and last item shown (1-based), the total, and the
    previous and next pages' addresses (None at either end)."""
    return {
        "first": offset + 1,
        "last": min(offset + size, total),
        "total": total,
        "previous_href": href(max(offset - size, 0)) if offset > 0 else None,
        "next_href": href(offset + size) if offset + size < total else None,
    }


def relation_item(relation: Relation) -> dict[str, Any]:
    """A relation as the entity page and the relations page list it."""
    return {
        "direction": "→" if relation.direction == "out" else "←",
        "href": entity_href(relation.other.id),
        "name": relation.other.name,
        "amount": relation.edge.properties.get("amount_eur"),
        "evidence": evidence_view(relation.edge.provenance),
    }


def relations_page(store: GraphStore, entity_id: str, relation_type: str, offset: int) -> str:
    """One page of an entity's relations of ``relation_type``, heaviest first."""
    detail = store.get_entity(entity_id)  # EntityNotFound when absent
    found = relations_by_type(detail).get(relation_type, [])
    api = f"/api/entities/{detail.node.id}/relations"
    return render(
        "relations.html",
        title=f"{detail.node.name}: {relation_type}",
        node=detail.node,
        type_label=style_of(detail.node.type).label,
        relation_type=relation_type,
        entity_href=entity_href(entity_id),
        items=[relation_item(r) for r in found[offset : offset + RELATIONS_PAGE]],
        **pager(
            lambda at: relations_href(entity_id, relation_type, at),
            offset,
            RELATIONS_PAGE,
            len(found),
        ),
        json_href=query_href(
            api, {"type": relation_type, "offset": offset or None, "limit": RELATIONS_PAGE}
        ),
        csv_href=query_href(api, {"type": relation_type, "format": "csv"}),
    )


def documents_page(store: GraphStore, entity_id: str, offset: int) -> str:
    """One page of the documents mentioning an entity, by source."""
    detail = store.get_entity(entity_id)  # EntityNotFound when absent
    found = sorted(detail.documents, key=lambda d: d.source)
    return render(
        "entity_documents.html",
        title=f"{detail.node.name}: documents",
        node=detail.node,
        type_label=style_of(detail.node.type).label,
        entity_href=entity_href(entity_id),
        documents=found[offset : offset + DOCUMENTS_PAGE],
        **pager(lambda at: documents_href(entity_id, at), offset, DOCUMENTS_PAGE, len(found)),
        json_href=query_href(
            "/api/documents",
            {"entity": detail.node.id, "offset": offset or None, "limit": DOCUMENTS_PAGE},
        ),
        csv_href=query_href("/api/documents", {"entity": detail.node.id, "format": "csv"}),
    )


@router.get("/entity/{entity_id}/relations", response_class=HTMLResponse)
async def relations(
    store: StoreDep,
    entity_id: str,
    relation_type: Annotated[str, Query(alias="type", max_length=80)],
    offset: OffsetParam = 0,
) -> Response:
    """Every relation of one type of an entity, a page at a time, heaviest first."""
    if not is_canonical_id(entity_id):
        return HTMLResponse(
            error_page("Not found", f"{entity_id[:80]!r} is not an entity id"), status_code=404
        )
    if relation_type not in ontology().relation_types:
        return HTMLResponse(
            error_page("Cannot show this", f"type: unknown relation type {relation_type[:80]!r}"),
            status_code=422,
        )
    return await html_answer(
        QUERY_BUDGET_SECONDS, relations_page, store, entity_id, relation_type, offset
    )


@router.get("/entity/{entity_id}/documents", response_class=HTMLResponse)
async def documents(store: StoreDep, entity_id: str, offset: OffsetParam = 0) -> Response:
    """Every document mentioning an entity, a page at a time."""
    if not is_canonical_id(entity_id):
        return HTMLResponse(
            error_page("Not found", f"{entity_id[:80]!r} is not an entity id"), status_code=404
        )
    return await html_answer(QUERY_BUDGET_SECONDS, documents_page, store, entity_id, offset)
