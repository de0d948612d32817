"""Who collaborates with whom: an organisation's collaborators and the weighted network."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import AnalyticsDep, StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import (
    ANALYTICS_BUDGET_SECONDS,
    MAX_COLLABORATORS,
    MAX_NETWORK_EDGES,
    QUERY_BUDGET_SECONDS,
)
from innograph.api.pagination import OffsetParam, page_of
from innograph.api.params import (
    FormatParam,
    check_country,
    check_date,
    fetch_entity,
    fetch_organisation,
    split_list,
)
from innograph.api.representation import csv_response, csv_stream, joined, json_response, node_ref
from innograph.api.responses import TABLE
from innograph.api.schemas import (
    CollaborationNetworkPublic,
    CollaboratorsPublic,
    NetworkEdgePublic,
)
from innograph.graph.collaborators import DEFAULT_SORT, sort_options
from innograph.graph.store import SHARED_ITEM_TYPES
from innograph.graph.types import Collaborator

router = APIRouter(prefix="/api", tags=["collaboration"])
# Collaborators on a JSON page when no limit is given.
DEFAULT_PAGE = 50


SortParam = Annotated[
    str,
    Query(
        description=(
            "Order: shared (shared items, the default), name, country, first_year, "
            "last_year or contribution; a leading - sorts descending. Unknown values last."
        ),
        max_length=20,
    ),
]
CSV_HEADER = (
    "id",
    "name",
    "type",
    "country",
    "activity_type",
    "score",
    "projects",
    "first_year",
    "last_year",
    "contribution_eur",
    "shared_ids",
    "shared_names",
)


def _csv_row(c: Collaborator) -> tuple[Any, ...]:
    return (
        c.organisation.id,
        c.organisation.name,
        c.organisation.type,
        c.country,
        c.activity_type,
        c.score,
        c.projects,
        c.first_year,
        c.last_year,
        c.contribution_eur,
        joined(s.id for s in c.shared),
        joined(s.name for s in c.shared),
    )


def _json_row(c: Collaborator) -> dict[str, Any]:
    """A collaborator as ``CollaboratorPublic``, in its field order."""
    return {
        "organisation": node_ref(c.organisation),
        "country": c.country,
        "activity_type": c.activity_type,
        "score": int(c.score),
        "projects": c.projects,
        "first_year": c.first_year,
        "last_year": c.last_year,
        "contribution_eur": c.contribution_eur,
        "shared": [node_ref(s) for s in c.shared],
    }


@router.get(
    "/organisations/{org_id}/collaborators",
    response_model=CollaboratorsPublic,
    responses=TABLE,
)
async def collaborators(
    request: Request,
    store: StoreDep,
    org_id: str,
    country: Annotated[
        str | None, Query(description="Only collaborators in this country (ISO code, e.g. NL).")
    ] = None,
    org_type: Annotated[
        str | None,
        Query(
            alias="type",
            description=(
                "Only collaborators of these types, comma-separated: an ontology type "
                "(Organisation, Cluster) or a CORDIS activity type (PRC, HES, REC, PUB, OTH)."
            ),
            max_length=200,
        ),
    ] = None,
    programme: Annotated[
        str | None, Query(description="Only shared projects funded by this programme id.")
    ] = None,
    since: Annotated[
        str | None, Query(description="Only items active on or after (ISO date).")
    ] = None,
    until: Annotated[
        str | None, Query(description="Only items active on or before (ISO date).")
    ] = None,
    sort: SortParam = DEFAULT_SORT,
    offset: OffsetParam = 0,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_COLLABORATORS,
            description=(
                f"Page size (JSON: {DEFAULT_PAGE} when not given). A CSV without a limit is "
                "the whole list; with one, a page with Link and X-Total-Count headers."
            ),
        ),
    ] = None,
    format: FormatParam = "json",
) -> Response:
    """Organisations sharing a project, S3 platform or event with it, most shared first."""
    if sort not in sort_options():
        raise ApiError(422, f"sort: {sort[:20]!r} is not one of {', '.join(sort_options())}")
    org = await fetch_organisation(store, org_id, "id")
    if programme is not None:
        await fetch_entity(store, programme, "programme", types=("FundingProgramme",))
    whole = format == "csv" and limit is None
    size = limit if limit is not None else DEFAULT_PAGE
    found = await within_budget(
        QUERY_BUDGET_SECONDS,
        store.collaborators,
        org.id,
        country=check_country(country),
        org_types=split_list(org_type),
        programme=programme,
        since=check_date(since, "since"),
        until=check_date(until, "until"),
        sort=sort,
        offset=offset,
        limit=None if whole else size,
    )
    if whole:
        return csv_stream(
            CSV_HEADER,
            map(_csv_row, found),
            name="collaborators",
            total=found.total,
        )
    page = page_of(request, total=found.total, offset=offset, limit=size)
    if format == "csv":
        response = csv_response(CSV_HEADER, map(_csv_row, found), name="collaborators")
    else:
        # CollaboratorsPublic's shape, as plain data serialised once (see json_response).
        data = [_json_row(c) for c in found]
        response = json_response(
            {**page.fields(), "organisation": node_ref(org), "data": data, "count": len(data)}
        )
    response.headers.update(page.headers())
    return response


@router.get("/collaboration-network", response_model=CollaborationNetworkPublic, responses=TABLE)
async def collaboration_network(
    request: Request,
    response: Response,
    store: StoreDep,
    analytics: AnalyticsDep,
    programme: Annotated[
        str | None, Query(description="Only projects funded by this programme id.")
    ] = None,
    region: Annotated[
        str | None,
        Query(
            description="Only partnerships of organisations located in this region id "
            "(see region_scope)."
        ),
    ] = None,
    region_scope: Annotated[
        Literal["touching", "inside"],
        Query(
            description="touching: pairs with at least one end located in the region (its "
            "organisations and their partners anywhere); inside: both ends in it."
        ),
    ] = "touching",
    project: Annotated[
        str | None, Query(description="Only the partners of this project (or platform, event).")
    ] = None,
    item_type: Annotated[
        str | None,
        Query(
            alias="type",
            description="Only shared items of these types: Project, S3Platform, Event.",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_NETWORK_EDGES, description="Page size: 1000 unless given; CSV: all."),
    ] = None,
    offset: OffsetParam = 0,
    format: FormatParam = "json",
) -> CollaborationNetworkPublic | Response:
    """The weighted organisation–organisation network of a selection, as an edge list,
    heaviest first (ties: the best connected pair), paged; CSV without ``limit`` streams
    every edge."""
    if programme is not None:
        await fetch_entity(store, programme, "programme", types=("FundingProgramme",))
    if region is not None:
        await fetch_entity(store, region, "region", types=("Region",))
    if project is not None:
        await fetch_entity(store, project, "project", types=SHARED_ITEM_TYPES)
    item_types = split_list(item_type)
    for name in item_types:
        if name not in SHARED_ITEM_TYPES:
            raise ApiError(
                422,
                f"type: {name[:40]!r} is not a shared item type ({', '.join(SHARED_ITEM_TYPES)})",
            )
    whole = format == "csv" and limit is None
    network = await within_budget(
        ANALYTICS_BUDGET_SECONDS,
        analytics.network,
        programme=programme,
        region=region,
        region_scope=region_scope,
        project=project,
        item_types=item_types,
        limit=2**62 if whole else offset + (limit or 1000),
    )
    header = ["source", "source_name", "target", "target_name", "weight"]
    edges = network.edges if whole else network.edges[offset:]
    rows = ((e.source.id, e.source.name, e.target.id, e.target.name, e.weight) for e in edges)
    if whole:
        return csv_stream(header, rows, name="collaboration-network", total=network.total_edges)
    page = page_of(request, total=network.total_edges, offset=offset, limit=limit or 1000)
    if format == "csv":
        return csv_response(header, rows, name="collaboration-network", headers=page.headers())
    response.headers.update(page.headers())
    data = [
        NetworkEdgePublic(
            source=e.source.id,
            source_name=e.source.name,
            target=e.target.id,
            target_name=e.target.name,
            weight=e.weight,
        )
        for e in edges
    ]
    return CollaborationNetworkPublic(
        **page.fields(),
        data=data,
        count=len(data),
        organisations=network.organisations,
        total_edges=network.total_edges,
        truncated=page.next is not None,
        inside_organisations=network.inside,
    )
