"""GET /api/stats: what the graph holds."""

from __future__ import annotations

from fastapi import APIRouter

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.limits import QUERY_BUDGET_SECONDS
from innograph.api.schemas import ERROR_RESPONSES, StatsPublic

router = APIRouter(prefix="/api", tags=["graph"])


@router.get("/stats", response_model=StatsPublic, responses={503: ERROR_RESPONSES[503]})
async def stats(store: StoreDep) -> StatsPublic:
    """Counts of entities and relationships by type, documents, and the last update."""
    counts = await within_budget(QUERY_BUDGET_SECONDS, store.stats)
    return StatsPublic(
        nodes=counts.nodes,
        relationships=counts.relationships,
        total_nodes=counts.total_nodes,
        total_relationships=counts.total_relationships,
        documents=counts.documents,
        last_update=counts.last_update,
    )
