"""GET /api/organisations/{id}/suggestions: partners it does not yet work with.

A paged list (``innograph.api.pagination``): ``total``, ``offset``, ``limit``, ``next``,
narrowed by ``cross_border``, ``country``, ``type`` (the organisation's kind: a CORDIS
activity type such as REC, or an entity type such as Cluster) and ``programme``, with
facet counts per country and kind. The organisation page's suggestions section
(``viz/views/suggestions.py``) reads the same parameters with :func:`suggestion_filters`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import AnalyticsDep, StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import ANALYTICS_BUDGET_SECONDS, MAX_SUGGESTIONS
from innograph.api.pagination import OffsetParam, Page, page_of
from innograph.api.params import (
    FormatParam,
    check_country,
    check_id,
    fetch_organisation,
    split_list,
)
from innograph.api.representation import csv_response, json_response, node_ref
from innograph.api.responses import TABLE
from innograph.api.routes.organisations import check_type
from innograph.api.schemas import SuggestionsPublic
from innograph.graph.analytics.results import Suggestion, SuggestionResult
from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import kind_label

router = APIRouter(prefix="/api", tags=["collaboration"])

DEFAULT_SUGGESTIONS = 10  # a JSON page when no limit is given
# A CSV without a limit is the whole list, up to this many rows (then Link says where
# the rest starts, and X-Total-Count how many there are).
MAX_SUGGESTIONS_CSV = 10_000


@dataclass(slots=True)
class SuggestionFilters:
    """The checked filters of a suggestions request."""

    cross_border: bool = False
    countries: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    programme: str | None = None


def suggestion_filters(
    cross_border: bool, country: str | None, kind: str | None, programme: str | None
) -> SuggestionFilters:
    """The filters as the API and the page take them: ``country`` and ``type`` are
    comma-separated lists; ApiError (422) names a bad one."""
    countries = [c for c in (check_country(p, "country") for p in split_list(country)) if c]
    kinds = [check_type(part) for part in split_list(kind)]  # as partner search reads it
    programme_id = check_id(programme, "programme") if programme and programme.strip() else None
    return SuggestionFilters(cross_border, countries, kinds, programme_id)


def find_suggestions(
    analytics: Analytics, org_id: str, filters: SuggestionFilters, offset: int, limit: int
) -> SuggestionResult:
    """A page of suggestions (blocking: run it within a budget); 404 for an unknown
    programme."""
    try:
        return analytics.suggestions(
            org_id,
            cross_border=filters.cross_border,
            countries=filters.countries,
            kinds=filters.kinds,
            programme=filters.programme,
            offset=offset,
            limit=limit,
        )
    except ValueError as err:
        raise ApiError(404, f"programme: {err}") from None


def suggestion_data(s: Suggestion) -> dict[str, Any]:
    """A suggestion as ``SuggestionPublic``."""
    return {
        "organisation": node_ref(s.organisation),
        "country": s.country,
        "kind": s.kind,
        "kind_label": kind_label(s.kind),
        "score": float(s.score),
        "reason": s.reason,
        "common_partners": [node_ref(n) for n in s.common_partners],
        "partners_in_common": int(s.partners_in_common),
        "shared_programmes": [node_ref(n) for n in s.shared_programmes],
        "shared_themes": s.shared_themes,
        "adamic_adar": float(s.adamic_adar),
    }


@router.get(
    "/organisations/{org_id}/suggestions",
    response_model=SuggestionsPublic,
    responses=TABLE,
)
async def suggestions(
    request: Request,
    store: StoreDep,
    analytics: AnalyticsDep,
    org_id: str,
    cross_border: Annotated[
        bool, Query(description="Only organisations with a known country other than this one's.")
    ] = False,
    country: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Only organisations in these countries (ISO codes, comma-separated).",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        Query(
            alias="type",
            max_length=200,
            description="Only organisations of these kinds, comma-separated: CORDIS activity "
            "types (HES, PRC, REC, PUB, OTH) or entity types (Organisation, Cluster).",
        ),
    ] = None,
    programme: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Only organisations in items this funding programme (an id) funds.",
        ),
    ] = None,
    offset: OffsetParam = 0,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_SUGGESTIONS,
            description=f"Page size: {DEFAULT_SUGGESTIONS} by default; a CSV without it is the "
            f"whole list (up to {MAX_SUGGESTIONS_CSV:,} rows).",
        ),
    ] = None,
    format: FormatParam = "json",
) -> Response:
    """Organisations it does not yet work with, ranked by link prediction, each with the
    reason in plain words (shared partners, programmes, themes), a page at a time."""
    filters = suggestion_filters(cross_border, country, kind, programme)
    org = await fetch_organisation(store, org_id, "id")
    if limit is None:
        limit = MAX_SUGGESTIONS_CSV if format == "csv" else DEFAULT_SUGGESTIONS
    result = await within_budget(
        ANALYTICS_BUDGET_SECONDS, find_suggestions, analytics, org.id, filters, offset, limit
    )
    page = page_of(request, total=result.total, offset=offset, limit=limit)
    if format == "csv":
        return _csv(result, page)
    return json_response(
        {  # SuggestionsPublic's order: PageInfo's fields first
            **page.fields(),
            "organisation": node_ref(org),
            "data": [suggestion_data(s) for s in result.suggestions],
            "count": len(result.suggestions),
            "facets": {
                "country": result.countries,
                "type": {k: {"count": n, "label": kind_label(k)} for k, n in result.kinds.items()},
            },
            "note": result.note,
        }
    )


def _csv(result: SuggestionResult, page: Page) -> Response:
    response = csv_response(
        ["rank", "id", "name", "country", "type", "score", "partners_in_common", "reason"],
        (
            (
                rank,
                s.organisation.id,
                s.organisation.name,
                s.country,
                s.kind,
                s.score,
                s.partners_in_common,
                s.reason,
            )
            for rank, s in enumerate(result.suggestions, page.offset + 1)
        ),
        name="suggestions",
    )
    response.headers.update(page.headers())
    return response
