"""Who collaborates with whom: an organisation's collaborators and the weighted network."""

from __future__ import annotations

from typing import Annotated

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
from innograph.graph.store import SHARED_ITEM_TYPES

router = APIRouter(prefix="/api", tags=["collaboration"])


@router.get(
    "/organisations/{org_id}/collaborators",
    response_model=CollaboratorsPublic,
    responses=TABLE,
)
async def collaborators(
    store: StoreDep,
    org_id: str,
    country: Annotated[
        str | None, Query(description="Only collaborators in this country (ISO code, e.g. NL).")
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
    limit: Annotated[int, Query(ge=1, le=MAX_COLLABORATORS)] = 50,
    format: FormatParam = "json",
) -> Response:
    """Organisations sharing a project, S3 platform or event with it, most shared first."""
    org = await fetch_organisation(store, org_id, "id")
    if programme is not None:
        await fetch_entity(store, programme, "programme", types=("FundingProgramme",))
    found = await within_budget(
        QUERY_BUDGET_SECONDS,
        store.collaborators,
        org.id,
        country=check_country(country),
        programme=programme,
        since=check_date(since, "since"),
        until=check_date(until, "until"),
        limit=limit,
    )
    if format == "csv":
        return csv_response(
            ["id", "name", "type", "score", "shared_ids", "shared_names"],
            (
                (
                    c.organisation.id,
                    c.organisation.name,
                    c.organisation.type,
                    c.score,
                    joined(s.id for s in c.shared),
                    joined(s.name for s in c.shared),
                )
                for c in found
            ),
            name="collaborators",
        )
    # CollaboratorsPublic's shape, as plain data serialised once (see json_response).
    data = [
        {
            "organisation": node_ref(c.organisation),
            "score": int(c.score),
            "shared": [node_ref(s) for s in c.shared],
        }
        for c in found
    ]
    return json_response({"organisation": node_ref(org), "data": data, "count": len(data)})


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
        str | None, Query(description="Only organisations located in this region id.")
    ] = None,
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
    )
