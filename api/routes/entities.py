"""GET /api/entities/{id} and its neighbourhood."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.limits import MAX_NEIGHBOURHOOD_NODES, QUERY_BUDGET_SECONDS
from innograph.api.params import check_id, parse_types
from innograph.api.representation import (
    document_data,
    edge_data,
    json_response,
    node_data,
    node_ref,
    provenance_data,
)
from innograph.api.schemas import ERROR_RESPONSES, EntityPublic, SubgraphPublic
from innograph.graph.types import EntityDetail

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
    store: StoreDep,
    entity_id: str,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the entity, 1 to 3.")] = 1,
    types: Annotated[
        str | None, Query(description="Only nodes of these entity types (comma-separated).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_NEIGHBOURHOOD_NODES)] = 200,
) -> Response:
    """The subgraph around an entity to depth 1–3, nearest first, capped (says when cut)."""
    centre = check_id(entity_id, "id")
    wanted = parse_types(types, "types")
    sub = await within_budget(
        QUERY_BUDGET_SECONDS, store.neighbourhood, centre, depth=depth, types=wanted, limit=limit
    )
    # SubgraphPublic's shape, as plain data serialised once (see json_response).
    return json_response(
        {
            "centre": centre,
            "nodes": [node_data(n) for n in sub.nodes],
            "edges": [edge_data(e) for e in sub.edges],
            "count": len(sub.nodes),
            "truncated": sub.truncated,
            "total_nodes": sub.total_nodes,
        }
    )
