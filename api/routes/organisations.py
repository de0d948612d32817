"""GET /api/organisations: partner search by country, NUTS region, type, programme, theme
and name, with facet counts (keep.eu, the European Cluster Collaboration Platform).

Every facet parameter takes several values, repeated (``country=NL&country=BE``) or
comma-separated (``country=NL,BE``): alternatives within a facet, all facets at once.
A parameter the route does not know is refused (422), so that a misspelt filter never
passes for an applied one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from innograph.api.budget import within_budget
from innograph.api.deps import AnalyticsDep, StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import ANALYTICS_BUDGET_SECONDS, MAX_QUERY_LENGTH
from innograph.api.pagination import OffsetParam, PageInfo, page_of
from innograph.api.params import FormatParam, check_country, fetch_entity, split_list
from innograph.api.representation import csv_stream, csv_text, json_response, node_ref
from innograph.api.responses import TABLE
from innograph.api.schemas import NodeRef
from innograph.graph.analytics.partners import (
    FACETS,
    Facet,
    PartnerFilters,
    PartnerResult,
    PartnerRow,
)
from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import ACTIVITY_TYPES, organisation_types

router = APIRouter(prefix="/api", tags=["partner search"])

MAX_PARTNERS_PAGE = 1000
MAX_FACET_SIZE = 1000
DEFAULT_LIMIT = 50
_NUTS = re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}")
PARAMETERS = frozenset({*FACETS, "q", "sort", "offset", "limit", "facet_size", "format"})
CSV_HEADER = (
    "id",
    "name",
    "type",
    "type_label",
    "country",
    "region",
    "region_name",
    "projects",
    "partners",
)


class PartnerPublic(BaseModel):
    """An organisation found by the partner search."""

    organisation: NodeRef
    type: str  # CORDIS activity type (HES, REC, PRC, PUB, OTH) or entity type
    type_label: str
    country: str | None
    region: str | None  # most specific NUTS code below the country
    region_name: str | None
    projects: int
    partners: int


class FacetValuePublic(BaseModel):
    """A facet value: its count in the selection under the other filters, chosen or not,
    and the URL that chooses it (or takes it off)."""

    value: str
    label: str
    count: int
    selected: bool
    toggle: str


class FacetPublic(BaseModel):
    """A facet's values (largest counts first), how many there are, how many
    organisations have none, and whether values were left off."""

    values: list[FacetValuePublic]
    distinct: int
    missing: int
    truncated: bool


class PartnersPublic(PageInfo):
    """A page of the partner search, with its filters and facets."""

    data: list[PartnerPublic]
    count: int
    filters: dict[str, list[str]]
    q: str
    sort: str
    facets: dict[str, FacetPublic]


MultiParam = Annotated[list[str], Query()]


@router.get("/organisations", response_model=PartnersPublic, responses=TABLE)
async def organisations(
    request: Request,
    store: StoreDep,
    analytics: AnalyticsDep,
    country: Annotated[
        list[str], Query(description="Country codes (ISO, as NUTS: EL, UK), e.g. NL,BE.")
    ] = [],  # noqa: B006 - FastAPI copies defaults
    region: Annotated[
        list[str],
        Query(description="NUTS codes; a code includes the regions below it (NL4: NL41...)."),
    ] = [],  # noqa: B006
    type: Annotated[
        list[str],
        Query(
            description="CORDIS activity types (HES, REC, PRC, PUB, OTH) or organisation "
            "types (Cluster; Organisation for those of no known activity type)."
        ),
    ] = [],  # noqa: B006
    programme: Annotated[
        list[str], Query(description="Programme ids funding the organisation's projects.")
    ] = [],  # noqa: B006
    theme: Annotated[
        list[str], Query(description="Themes or topics of the organisation's projects.")
    ] = [],  # noqa: B006
    q: Annotated[
        str, Query(max_length=MAX_QUERY_LENGTH, description="Text in the name or an alias.")
    ] = "",
    sort: Annotated[
        Literal["projects", "partners", "name"],
        Query(description="projects (most first, default), partners (most first) or name."),
    ] = "projects",
    offset: OffsetParam = 0,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_PARTNERS_PAGE,
            description="Page size: 50 by default for JSON; a CSV without it is whole.",
        ),
    ] = None,
    facet_size: Annotated[
        int, Query(ge=0, le=MAX_FACET_SIZE, description="Values listed per facet (0: none).")
    ] = 30,
    format: FormatParam = "json",
) -> Response:
    """Organisations by country, NUTS region, type, programme, theme and name, with facets."""
    unknown = sorted(set(request.query_params) - PARAMETERS)
    if unknown:
        raise ApiError(
            422, f"{unknown[0][:40]!r} is not a parameter (known: {', '.join(sorted(PARAMETERS))})"
        )
    filters = PartnerFilters(
        country=tuple(check_country(c) or "" for c in values_of(country)),
        region=tuple(check_region(r) for r in values_of(region)),
        type=tuple(check_type(t) for t in values_of(type)),
        programme=tuple(values_of(programme)),
        theme=tuple(values_of(theme)),
        q=q.strip(),
    )
    for programme_id in filters.programme:
        await fetch_entity(store, programme_id, "programme", types=("FundingProgramme",))
    if format == "csv" and limit is None:
        partners = await within_budget(ANALYTICS_BUDGET_SECONDS, analytics.partners)
        chosen = await within_budget(
            ANALYTICS_BUDGET_SECONDS, partners.selection, filters, sort=sort
        )
        return csv_stream(
            CSV_HEADER,
            (_csv_row(partners.row(int(i))) for i in chosen),
            name="organisations",
            total=len(chosen),
        )
    size = limit or DEFAULT_LIMIT
    result: PartnerResult = await within_budget(
        ANALYTICS_BUDGET_SECONDS,
        _search,
        analytics,
        filters,
        sort,
        offset,
        size,
        facet_size if format == "json" else 0,
    )
    page = page_of(request, total=result.total, offset=offset, limit=size)
    if format == "csv":
        return Response(
            csv_text(CSV_HEADER, map(_csv_row, result.rows)),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": 'inline; filename="organisations.csv"',
                **page.headers(),
            },
        )
    data = [_row_data(row) for row in result.rows]
    params = list(request.query_params.multi_items())
    body = {
        **page.fields(),
        "data": data,
        "count": len(data),
        "filters": {name: list(filters.of(name)) for name in FACETS},
        "q": filters.q,
        "sort": sort,
        "facets": {f.name: _facet_data(f, request.url.path, params) for f in result.facets},
    }
    response = json_response(body)
    response.headers.update(page.headers())
    return response


def _search(
    analytics: Analytics,
    filters: PartnerFilters,
    sort: str,
    offset: int,
    limit: int,
    facet_size: int,
) -> PartnerResult:
    return analytics.partners().search(
        filters, sort=sort, offset=offset, limit=limit, facet_size=facet_size
    )


def values_of(values: Sequence[str]) -> list[str]:
    """Repeated and comma-separated values, in order, each once."""
    out: list[str] = []
    for value in values:
        for part in split_list(value):
            if part not in out:
                out.append(part)
    return out


def check_region(value: str) -> str:
    code = value.strip().upper()
    if not _NUTS.fullmatch(code):
        raise ApiError(422, f"region: {value[:40]!r} is not a NUTS code (such as NL4 or BE21)")
    return code


def known_types() -> list[str]:
    """What ``type`` accepts: the activity types, then the organisation types."""
    return [*ACTIVITY_TYPES, *organisation_types()]


def check_type(value: str) -> str:
    for known in known_types():
        if value.strip().casefold() == known.casefold():
            return known
    raise ApiError(
        422, f"type: {value[:40]!r} is not an organisation type ({', '.join(known_types())})"
    )


def toggled(params: Sequence[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    """Query parameters with ``value`` of facet ``name`` chosen, or taken off when it was;
    the offset dropped (a new selection starts at its first page)."""
    current = values_of([v for k, v in params if k == name])
    wanted = [v for v in current if v.casefold() != value.casefold()]
    if len(wanted) == len(current):
        wanted.append(value)
    kept = [(k, v) for k, v in params if k not in (name, "offset")]
    return kept + [(name, v) for v in wanted]


def _facet_data(facet: Facet, path: str, params: list[tuple[str, str]]) -> dict[str, object]:
    return {
        "values": [
            {
                "value": v.value,
                "label": v.label,
                "count": v.count,
                "selected": v.selected,
                "toggle": f"{path}?{urlencode(toggled(params, facet.name, v.value))}",
            }
            for v in facet.values
        ],
        "distinct": facet.distinct,
        "missing": facet.missing,
        "truncated": facet.truncated,
    }


def _row_data(row: PartnerRow) -> dict[str, object]:
    return {
        "organisation": node_ref(row.organisation),
        "type": row.kind,
        "type_label": row.kind_label,
        "country": row.country,
        "region": row.region,
        "region_name": row.region_name,
        "projects": row.projects,
        "partners": row.partners,
    }


def _csv_row(row: PartnerRow) -> tuple[object, ...]:
    org = row.organisation
    return (
        org.id,
        org.name,
        row.kind,
        row.kind_label,
        row.country,
        row.region,
        row.region_name,
        row.projects,
        row.partners,
    )
