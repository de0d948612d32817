"""GET /api/search: entities by name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import MAX_QUERY_LENGTH, MAX_SEARCH_RESULTS, QUERY_BUDGET_SECONDS
from innograph.api.params import FormatParam, parse_types
from innograph.api.representation import csv_response
from innograph.api.schemas import ERROR_RESPONSES, NodePublic, SearchPublic

router = APIRouter(prefix="/api", tags=["entities"])


@router.get("/search", response_model=SearchPublic, responses=ERROR_RESPONSES)
async def search(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            max_length=MAX_QUERY_LENGTH, description="Name or part of a name, any case or accents."
        ),
    ],
    entity_type: Annotated[
        str | None,
        Query(alias="type", description="Only these entity types (comma-separated)."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_RESULTS)] = 20,
    format: FormatParam = "json",
) -> SearchPublic | Response:
    """Find entities by name: case- and accent-insensitive, prefix and fuzzy, best first."""
    query = q.strip()
    if not query:
        raise ApiError(422, "q: give a name or part of a name to search for")
    types = parse_types(entity_type, "type")
    nodes = await within_budget(QUERY_BUDGET_SECONDS, store.search, query, types=types, limit=limit)
    if format == "csv":
        return csv_response(
            ["rank", "id", "type", "name"],
            ((rank, n.id, n.type, n.name) for rank, n in enumerate(nodes, 1)),
            name="search",
        )
    data = [NodePublic.from_node(n) for n in nodes]
    return SearchPublic(query=query, data=data, count=len(data))
