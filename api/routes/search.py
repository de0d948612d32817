"""GET /api/search: entities by name."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import MAX_QUERY_LENGTH, MAX_SEARCH_RESULTS, QUERY_BUDGET_SECONDS
from innograph.api.params import FormatParam, parse_types
from innograph.api.representation import csv_response, json_response
from innograph.api.responses import TABLE
from innograph.api.schemas import SearchPublic

router = APIRouter(prefix="/api", tags=["entities"])

# Searches run in threads of their own, this many at most. A search is CPU-bound Python
# (and the embedded store serialises its calls), so more threads would only queue on the
# GIL and the store's lock, and waking them costs more than it gains.
SEARCH_THREADS = 2
_search_threads = ThreadPoolExecutor(SEARCH_THREADS, thread_name_prefix="search")


@router.get("/search", response_model=SearchPublic, responses=TABLE)
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
) -> Response:
    """Find entities by name: case- and accent-insensitive, prefix and fuzzy, best first."""
    query = q.strip()
    if not query:
        raise ApiError(422, "q: give a name or part of a name to search for")
    types = parse_types(entity_type, "type")
    nodes = await within_budget(
        QUERY_BUDGET_SECONDS,
        store.search,
        query,
        types=types,
        limit=limit,
        executor=_search_threads,
    )
    if format == "csv":
        return csv_response(
            ["rank", "id", "type", "name"],
            ((rank, n.id, n.type, n.name) for rank, n in enumerate(nodes, 1)),
            name="search",
        )
    # SearchPublic's shape, as plain data: the store's nodes need no validating.
    data = [{"id": n.id, "type": n.type, "name": n.name, "properties": n.properties} for n in nodes]
    return json_response({"query": query, "data": data, "count": len(data)})
