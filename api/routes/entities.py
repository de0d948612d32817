"""GET /api/entities/{id} and its neighbourhood."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import MAX_NEIGHBOURHOOD_NODES, MAX_RELATIONS, QUERY_BUDGET_SECONDS
from innograph.api.pagination import OffsetParam, page_of
from innograph.api.params import FormatParam, check_id, parse_types
from innograph.api.representation import (
    csv_response,
    csv_stream,
    document_data,
    edge_data,
    joined,
    json_response,
    node_data,
    node_ref,
    provenance_data,
)
from innograph.api.responses import TABLE
from innograph.api.schemas import ERROR_RESPONSES, EntityPublic, RelationsPublic, SubgraphPublic
from innograph.graph.relations import Relation, relations_by_type
from innograph.graph.types import EntityDetail
from innograph.ontology.terms import ontology

router = APIRouter(prefix="/api/entities", tags=["entities"])


def entity_data(detail: EntityDetail) -> dict[str, Any]:
    """An entity as ``EntityPublic``, in plain data: its relations grouped by type,
    outgoing first, each with its provenance."""
    relations: dict[str, list[dict[str, Any]]] = {}
    for direction, edges in (("out", detail.outgoing), ("in", detail.incoming)):
        for edge in edges:
            other_id = edge.target if direction == "out" else edge.source
            other = detail.neighbours.get(other_id)
            relations.setdefault(edge.type, []).append(
                {
                    "direction": direction,
                    "other": node_ref(other)
                    if other
                    else {"id": other_id, "type": "", "name": other_id},
                    "properties": edge.properties,
                    "provenance": [provenance_data(p) for p in edge.provenance],
                }
            )
    return {
        "entity": node_data(detail.node),
        "relations": dict(sorted(relations.items())),
        "documents": [document_data(d) for d in detail.documents],
    }


@router.get("/{entity_id}", response_model=EntityPublic, responses=ERROR_RESPONSES)
async def get_entity(store: StoreDep, entity_id: str) -> Response:
    """An entity, its properties, its relations by type, and each fact's provenance."""
    detail = await within_budget(QUERY_BUDGET_SECONDS, store.get_entity, check_id(entity_id, "id"))
    return json_response(entity_data(detail))


@router.get("/{entity_id}/neighbourhood", response_model=SubgraphPublic, responses=ERROR_RESPONSES)
async def neighbourhood(
    request: Request,
    store: StoreDep,
    entity_id: str,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the entity, 1 to 3.")] = 1,
    types: Annotated[
        str | None, Query(description="Only nodes of these entity types (comma-separated).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_NEIGHBOURHOOD_NODES)] = 200,
    offset: OffsetParam = 0,
) -> Response:
    """The subgraph around an entity to depth 1–3, nearest first and the heaviest first
    within a hop, paged (``next``; ``truncated`` while more follow)."""
    centre = check_id(entity_id, "id")
    wanted = parse_types(types, "types")
    sub = await within_budget(
        QUERY_BUDGET_SECONDS,
        store.neighbourhood,
        centre,
        depth=depth,
        types=wanted,
        limit=offset + limit,
    )
    total = sub.total_nodes if sub.total_nodes is not None else len(sub.nodes)
    page = page_of(request, total=total, offset=offset, limit=limit)
    nodes = sub.nodes[offset:]
    on_page = {n.id for n in nodes}
    # The edges touching this page's nodes (the others end on earlier pages): every edge
    # of the neighbourhood on exactly one page, the one of its farther end.
    edges = [e for e in sub.edges if e.source in on_page or e.target in on_page]
    # SubgraphPublic's shape, as plain data serialised once (see json_response).
    return json_response(
        {
            **page.fields(),
            "centre": centre,
            "nodes": [node_data(n) for n in nodes],
            "edges": [edge_data(e) for e in edges],
            "count": len(nodes),
            "truncated": total > offset + len(nodes),
            "total_nodes": sub.total_nodes,
        },
        page.headers(),
    )


def relation_data(relation: Relation) -> dict[str, Any]:
    """A relation as ``RelationItemPublic``."""
    edge = relation.edge
    return {
        "direction": relation.direction,
        "other": node_ref(relation.other),
        "properties": edge.properties,
        "provenance": [provenance_data(p) for p in edge.provenance],
        "type": edge.type,
    }


RELATION_COLUMNS = [
    "type", "direction", "id", "entity_type", "name", "amount_eur", "documents", "evidence",
]  # fmt: skip


def relation_row(relation: Relation) -> tuple[Any, ...]:
    """A relation as a CSV row: the other end, the amount, the documents and evidence."""
    edge, other = relation.edge, relation.other
    return (
        edge.type,
        relation.direction,
        other.id,
        other.type,
        other.name,
        edge.properties.get("amount_eur"),
        joined(dict.fromkeys(p.document for p in edge.provenance)),
        joined(p.evidence for p in edge.provenance if p.evidence),
    )


@router.get("/{entity_id}/relations", response_model=RelationsPublic, responses=TABLE)
async def relations(
    request: Request,
    store: StoreDep,
    entity_id: str,
    relation_type: Annotated[
        str | None, Query(alias="type", description="Only relations of this type (e.g. LEADS).")
    ] = None,
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_RELATIONS, description="Page size: 100 unless given; CSV: all."),
    ] = None,
    offset: OffsetParam = 0,
    format: FormatParam = "json",
) -> Response:
    """An entity's relations (of one type, or all by type), the heaviest first: the most
    documents supporting it, then the amount, then the confidence; paged."""
    if relation_type is not None and relation_type not in ontology().relation_types:
        known = ", ".join(sorted(ontology().relation_types))
        raise ApiError(422, f"type: unknown relation type {relation_type[:80]!r} ({known})")
    detail = await within_budget(QUERY_BUDGET_SECONDS, store.get_entity, check_id(entity_id, "id"))
    groups = relations_by_type(detail)
    found = [r for kind, rels in groups.items() if relation_type in (None, kind) for r in rels]
    name = f"relations-{detail.node.id}"
    if format == "csv" and limit is None:
        return csv_stream(RELATION_COLUMNS, map(relation_row, found), name=name, total=len(found))
    page = page_of(request, total=len(found), offset=offset, limit=limit or 100)
    shown = found[offset : offset + page.limit]
    if format == "csv":
        rows = map(relation_row, shown)
        return csv_response(RELATION_COLUMNS, rows, name=name, headers=page.headers())
    data = [relation_data(r) for r in shown]
    return json_response(
        {
            **page.fields(),
            "entity": node_ref(detail.node),
            "type": relation_type,
            "data": data,
            "count": len(data),
        },
        page.headers(),
    )
