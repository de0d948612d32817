"""GET /api/search: entities by name."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import MAX_QUERY_LENGTH, MAX_SEARCH_RESULTS, QUERY_BUDGET_SECONDS
from innograph.api.pagination import OffsetParam, page_of
from innograph.api.params import FormatParam, parse_types
from innograph.api.representation import csv_response, csv_stream, json_response, node_data
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
    request: Request,
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
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_SEARCH_RESULTS, description="Page size: 20 unless given; CSV: all."),
    ] = None,
    offset: OffsetParam = 0,
    format: FormatParam = "json",
) -> Response:
    """Find entities by name: case- and accent-insensitive, prefix and fuzzy, best first.

    The search ranks at most 100 matches; ``total`` says how many it ranked, ``next``
    pages through them. CSV without ``limit`` holds them all."""
    query = q.strip()
    if not query:
        raise ApiError(422, "q: give a name or part of a name to search for")
    types = parse_types(entity_type, "type")
    nodes = await within_budget(
        QUERY_BUDGET_SECONDS,
        store.search,
        query,
        types=types,
        limit=MAX_SEARCH_RESULTS,  # the whole ranking, for its total; a page is cut from it
        executor=_search_threads,
    )
    header = ["rank", "id", "type", "name"]
    if format == "csv" and limit is None:
        rows = ((rank, n.id, n.type, n.name) for rank, n in enumerate(nodes, 1))
        return csv_stream(header, rows, name="search", total=len(nodes))
    page = page_of(request, total=len(nodes), offset=offset, limit=limit or 20)
    shown = nodes[offset : offset + page.limit]
    if format == "csv":
        return csv_response(
            header,
            ((rank, n.id, n.type, n.name) for rank, n in enumerate(shown, offset + 1)),
            name="search",
            headers=page.headers(),
        )
    # SearchPublic's shape, as plain data: the store's nodes need no validating.
    data = [node_data(n) for n in shown]
    return json_response(
        {**page.fields(), "query": query, "data": data, "count": len(data)}, page.headers()
    )
