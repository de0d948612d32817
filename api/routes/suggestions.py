"""GET /api/organisations/{id}/suggestions: partners it does not yet work with."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import AnalyticsDep, StoreDep
from innograph.api.limits import ANALYTICS_BUDGET_SECONDS, MAX_SUGGESTIONS
from innograph.api.params import FormatParam, fetch_organisation
from innograph.api.representation import csv_response, json_response, node_ref
from innograph.api.responses import TABLE
from innograph.api.schemas import SuggestionsPublic

router = APIRouter(prefix="/api", tags=["collaboration"])


@router.get(
    "/organisations/{org_id}/suggestions",
    response_model=SuggestionsPublic,
    responses=TABLE,
)
async def suggestions(
    store: StoreDep,
    analytics: AnalyticsDep,
    org_id: str,
    cross_border: Annotated[
        bool, Query(description="Only organisations in another country than this one.")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_SUGGESTIONS)] = 10,
    format: FormatParam = "json",
) -> Response:
    """Organisations it does not yet work with, ranked by link prediction, with reasons."""
    org = await fetch_organisation(store, org_id, "id")
    result = await within_budget(
        ANALYTICS_BUDGET_SECONDS,
        analytics.suggestions,
        org.id,
        cross_border=cross_border,
        limit=limit,
    )
    if format == "csv":
        return csv_response(
            ["rank", "id", "name", "country", "score", "reason"],
            (
                (rank, s.organisation.id, s.organisation.name, s.country, s.score, s.reason)
                for rank, s in enumerate(result.suggestions, 1)
            ),
            name="suggestions",
        )
    # SuggestionsPublic's shape, as plain data serialised once (see json_response).
    data = [
        {
            "organisation": node_ref(s.organisation),
            "country": s.country,
            "score": float(s.score),
            "reason": s.reason,
            "common_partners": [node_ref(n) for n in s.common_partners],
            "partners_in_common": int(s.partners_in_common),
            "shared_programmes": [node_ref(n) for n in s.shared_programmes],
            "shared_themes": s.shared_themes,
            "adamic_adar": float(s.adamic_adar),
        }
        for s in result.suggestions
    ]
    return json_response(
        {"organisation": node_ref(org), "data": data, "count": len(data), "note": result.note}
    )
