"""All of an entity's relations of one type, paged: where the entity page's "all N" leads.

The entity page shows the heaviest few relations of each type (a region has thousands);
``/entity/{id}/relations?type=...&offset=...`` lists every one of them, heaviest first
(``innograph.graph.relations``), a page at a time with its total and next/previous
links, and links the same list as JSON and CSV from the API
(``/api/entities/{id}/relations``).
"""

from __future__ import annotations

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
from innograph.viz.model import style_of
from innograph.viz.network import evidence_lines
from innograph.viz.pages import entity_href, error_page, query_href
from innograph.viz.templating import render

RELATIONS_PAGE = 100  # relations per page of the list

router = APIRouter(include_in_schema=False)


def relations_href(entity_id: str, relation_type: str, offset: int = 0) -> str:
    """The page listing an entity's relations of one type, from ``offset``."""
    return query_href(
        f"{entity_href(entity_id)}/relations",
        {"type": relation_type, "offset": offset or None},
    )


def relation_item(relation: Relation) -> dict[str, Any]:
    """A relation as the entity page and the relations page list it."""
    return {
        "direction": "→" if relation.direction == "out" else "←",
        "href": entity_href(relation.other.id),
        "name": relation.other.name,
        "amount": relation.edge.properties.get("amount_eur"),
        "evidence": evidence_lines(relation.edge.provenance),
    }


def relations_page(store: GraphStore, entity_id: str, relation_type: str, offset: int) -> str:
    """One page of an entity's relations of ``relation_type``, heaviest first."""
    detail = store.get_entity(entity_id)  # EntityNotFound when absent
    found = relations_by_type(detail).get(relation_type, [])
    total = len(found)
    shown = found[offset : offset + RELATIONS_PAGE]
    api = f"/api/entities/{detail.node.id}/relations"
    following = offset + RELATIONS_PAGE
    return render(
        "relations.html",
        title=f"{detail.node.name}: {relation_type}",
        node=detail.node,
        type_label=style_of(detail.node.type).label,
        relation_type=relation_type,
        entity_href=entity_href(entity_id),
        items=[relation_item(r) for r in shown],
        total=total,
        first=offset + 1,
        last=offset + len(shown),
        previous_href=relations_href(entity_id, relation_type, max(offset - RELATIONS_PAGE, 0))
        if offset > 0
        else None,
        next_href=relations_href(entity_id, relation_type, following)
        if following < total
        else None,
        json_href=query_href(
            api, {"type": relation_type, "offset": offset or None, "limit": RELATIONS_PAGE}
        ),
        csv_href=query_href(api, {"type": relation_type, "format": "csv"}),
    )


@router.get("/entity/{entity_id}/relations", response_class=HTMLResponse)
async def relations(
    store: StoreDep,
    entity_id: str,
    relation_type: Annotated[str, Query(alias="type", max_length=80)],
    offset: OffsetParam = 0,
) -> Response:
    """Every relation of one type of an entity, a page at a time, heaviest first."""
    # The views' one way of answering a page or its error (viz.routes imports this module).
    from innograph.viz.routes import _html

    if not is_canonical_id(entity_id):
        return HTMLResponse(
            error_page("Not found", f"{entity_id[:80]!r} is not an entity id"), status_code=404
        )
    if relation_type not in ontology().relation_types:
        return HTMLResponse(
            error_page("Cannot show this", f"type: unknown relation type {relation_type[:80]!r}"),
            status_code=422,
        )
    return await _html(
        QUERY_BUDGET_SECONDS, relations_page, store, entity_id, relation_type, offset
    )
