"""The partner search page, /partners: a filter form, facets with counts whose values
choose or take off a filter, a page of organisations, and the CSV and JSON twins.

The page asks what ``GET /api/organisations`` answers (the same parameters, the same
partner index of the analytics), so the twins list exactly what the page shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from innograph.api.deps import AnalyticsDep
from innograph.api.errors import (
    ApiError,
)
from innograph.api.limits import ANALYTICS_BUDGET_SECONDS
from innograph.api.params import check_country
from innograph.api.routes.organisations import (
    DEFAULT_LIMIT,
    MAX_FACET_SIZE,
    MAX_PARTNERS_PAGE,
    check_region,
    check_type,
    toggled,
    values_of,
)
from innograph.graph.analytics.partners import FACETS, PartnerFilters
from innograph.graph.analytics.service import Analytics
from innograph.viz.answers import html_answer
from innograph.viz.pages import entity_href
from innograph.viz.templating import render

router = APIRouter(include_in_schema=False)

FACET_TITLES = {
    "country": "Country",
    "region": "NUTS region",
    "type": "Type",
    "programme": "Programme",
    "theme": "Theme / topic",
}
FACET_SIZE = 15
# What the page passes on to its twins and its links (never a parameter it does not know).
PAGE_PARAMETERS = (*FACETS, "q", "sort", "limit")


@dataclass(slots=True)
class PartnerQuery:
    """The page's request: the filters, how to order and page, and what was refused."""

    filters: PartnerFilters
    params: list[tuple[str, str]]  # the request's own parameters, as sent
    sort: str = "projects"
    offset: int = 0
    limit: int = DEFAULT_LIMIT
    errors: list[str] = field(default_factory=list)


def _href(params: Sequence[tuple[str, str]], path: str = "/partners") -> str:
    return f"{path}?{urlencode(list(params))}" if params else path


def partners_page(analytics: Analytics, query: PartnerQuery) -> str:
    """The search form, facets, a page of results and the links to the twins."""
    index = analytics.partners()
    known_programmes = set(index.programme.keys)
    programmes = []
    for programme in query.filters.programme:
        if programme in known_programmes:
            programmes.append(programme)
        else:
            query.errors.append(f"programme: no programme with id {programme[:80]!r}")
    filters = PartnerFilters(
        country=query.filters.country,
        region=query.filters.region,
        type=query.filters.type,
        programme=tuple(programmes),
        theme=query.filters.theme,
        q=query.filters.q,
    )
    result = index.search(
        filters, sort=query.sort, offset=query.offset, limit=query.limit, facet_size=FACET_SIZE
    )
    # Links keep what the page was asked, minus what it refused and where it stood.
    params = [
        (k, v)
        for k, v in query.params
        if k in PAGE_PARAMETERS and not (k == "programme" and v not in programmes)
    ]
    facets = [
        {
            "name": facet.name,
            "title": FACET_TITLES[facet.name],
            "values": [
                {
                    "label": v.label,
                    "count": v.count,
                    "selected": v.selected,
                    "href": _href(toggled(params, facet.name, v.value)),
                }
                for v in facet.values
            ],
            "more": facet.distinct - len(facet.values),
            "missing": facet.missing,
        }
        for facet in result.facets
    ]
    first = query.offset + 1 if result.rows else 0
    last = query.offset + len(result.rows)
    kept = [(k, v) for k, v in params if k != "limit"]
    paging = [*kept, ("limit", str(query.limit))]
    twins = [(k, v) for k, v in params if k != "limit"]
    return render(
        "partners.html",
        title="Partner search",
        active="/partners",
        filters=filters,
        form={name: ", ".join(filters.of(name)) for name in ("country", "region", "theme")},
        hidden=[(k, v) for k, v in params if k in ("type", "programme")],
        sort=query.sort,
        limit=query.limit,
        errors=query.errors,
        facets=facets,
        rows=[
            {
                "href": entity_href(row.organisation.id),
                "name": row.organisation.name,
                "type": row.kind_label,
                "country": row.country or "",
                "region": row.region or "",
                "region_name": row.region_name or "",
                "projects": row.projects,
                "partners": row.partners,
            }
            for row in result.rows
        ],
        total=result.total,
        first=first,
        last=last,
        previous=(
            _href([*paging, ("offset", str(max(query.offset - query.limit, 0)))])
            if query.offset > 0
            else None
        ),
        next=_href([*paging, ("offset", str(last))]) if last < result.total else None,
        csv_href=_href([*twins, ("format", "csv")], "/api/organisations"),
        json_href=_href(
            [*twins, ("limit", str(query.limit)), ("offset", str(query.offset))],
            "/api/organisations",
        ),
        clear_href="/partners",
        all_facets_href=_href(
            [*twins, ("limit", "1"), ("facet_size", str(MAX_FACET_SIZE))], "/api/organisations"
        ),
        has_region=any(row.region for row in result.rows),
    )


def _query(request: Request, sort: str, offset: int, limit: int, q: str) -> PartnerQuery:
    """The page's query from the request, every refused value named in ``errors``."""
    errors: list[str] = []
    params = list(request.query_params.multi_items())

    def checked(name: str, check: Any) -> tuple[str, ...]:
        out = []
        for value in values_of([v for k, v in params if k == name]):
            try:
                out.append(check(value))
            except ApiError as err:
                errors.append(err.message)
        return tuple(out)

    filters = PartnerFilters(
        country=checked("country", check_country),
        region=checked("region", check_region),
        type=checked("type", check_type),
        programme=tuple(values_of([v for k, v in params if k == "programme"])),
        theme=tuple(values_of([v for k, v in params if k == "theme"])),
        q=q.strip(),
    )
    unknown = sorted({k for k, _ in params} - {*PAGE_PARAMETERS, "offset"})
    errors.extend(f"{k[:40]!r} is not a filter of this page; left out" for k in unknown)
    return PartnerQuery(filters, params, sort=sort, offset=offset, limit=limit, errors=errors)


@router.get("/partners", response_class=HTMLResponse)
async def partners(
    request: Request,
    analytics: AnalyticsDep,
    q: Annotated[str, Query(max_length=200)] = "",
    sort: Annotated[Literal["projects", "partners", "name"], Query()] = "projects",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PARTNERS_PAGE)] = DEFAULT_LIMIT,
) -> Response:
    """Partner search: organisations by country, region, type, programme and theme."""
    query = _query(request, sort, offset, limit, q)
    return await html_answer(ANALYTICS_BUDGET_SECONDS, partners_page, analytics, query)
