"""GET /api/analytics/centrality and /api/analytics/communities on the collaboration network."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import AnalyticsDep, StoreDep
from innograph.api.limits import ANALYTICS_BUDGET_SECONDS, MAX_CENTRALITY_TOP, MAX_COMMUNITIES
from innograph.api.pagination import OffsetParam, page_of
from innograph.api.params import FormatParam, fetch_entity, read_graph_version
from innograph.api.representation import csv_response, csv_stream
from innograph.api.responses import TABLE
from innograph.api.schemas import (
    ERROR_RESPONSES,
    BrokerPublic,
    CentralityPublic,
    CentralityScorePublic,
    CommunitiesPublic,
    CommunityPublic,
    NodeRef,
)

router = APIRouter(prefix="/api/analytics", tags=["analytics"])


@router.get("/centrality", response_model=CentralityPublic, responses=TABLE)
async def centrality(
    request: Request,
    response: Response,
    store: StoreDep,
    analytics: AnalyticsDep,
    measure: Annotated[
        Literal["degree", "betweenness", "eigenvector"],
        Query(description="degree (partners), betweenness (sampled when large) or eigenvector."),
    ] = "degree",
    top: Annotated[
        int | None,
        Query(ge=1, le=MAX_CENTRALITY_TOP, description="Page size: 20 unless given; CSV: all."),
    ] = None,
    offset: OffsetParam = 0,
    region: Annotated[
        str | None, Query(description="Only organisations located in this region id.")
    ] = None,
    format: FormatParam = "json",
) -> CentralityPublic | Response:
    """The most central organisations of the collaboration network (cached per version),
    paged: ``total`` organisations are ranked, ``next`` gives the following ``top``."""
    if region is not None:
        await fetch_entity(store, region, "region", types=("Region",))
    whole = format == "csv" and top is None
    result = await within_budget(
        ANALYTICS_BUDGET_SECONDS,
        analytics.centrality,
        measure,
        top=2**62 if whole else top or 20,
        offset=0 if whole else offset,
        region=region,
    )
    header = ["rank", "id", "name", "score"]
    first = 1 if whole else offset + 1
    rows = (
        (rank, s.organisation.id, s.organisation.name, s.score)
        for rank, s in enumerate(result.scores, first)
    )
    if whole:
        return csv_stream(header, rows, name=f"centrality-{measure}", total=result.ranked)
    page = page_of(request, total=result.ranked, offset=offset, limit=top or 20)
    if format == "csv":
        return csv_response(header, rows, name=f"centrality-{measure}", headers=page.headers())
    response.headers.update(page.headers())
    data = [
        CentralityScorePublic(
            rank=rank, organisation=NodeRef.from_node(s.organisation), score=s.score
        )
        for rank, s in enumerate(result.scores, first)
    ]
    return CentralityPublic(
        **page.fields(),
        measure=measure,
        data=data,
        count=len(data),
        organisations=result.organisations,
        sampled=result.sampled,
        sample_size=result.sample_size,
        note=result.note,
        graph_version=await read_graph_version(store),
        seconds=result.seconds,
    )


@router.get("/communities", response_model=CommunitiesPublic, responses=ERROR_RESPONSES)
async def communities(
    request: Request,
    response: Response,
    store: StoreDep,
    analytics: AnalyticsDep,
    limit: Annotated[
        int, Query(ge=1, le=MAX_COMMUNITIES, description="Largest communities shown.")
    ] = 20,
    offset: OffsetParam = 0,
    members: Annotated[int, Query(ge=1, le=1000, description="Members shown per community.")] = 50,
    brokers: Annotated[int, Query(ge=0, le=200, description="Brokers shown.")] = 20,
) -> CommunitiesPublic:
    """Louvain communities of the collaboration network, largest first and paged, and
    the brokers between them (a community's ``size`` counts all its members)."""
    result = await within_budget(
        ANALYTICS_BUDGET_SECONDS,
        analytics.communities,
        limit=limit,
        offset=offset,
        members=members,
        brokers=brokers,
    )
    page = page_of(request, total=result.total, offset=offset, limit=limit)
    response.headers.update(page.headers())
    data = [
        CommunityPublic(
            id=number,
            size=c.size,
            members=[NodeRef.from_node(n) for n in c.members],
            countries=c.countries,
        )
        for number, c in enumerate(result.communities, offset)
    ]
    return CommunitiesPublic(
        **page.fields(),
        algorithm="louvain",
        seed=result.seed,
        modularity=result.modularity,
        data=data,
        count=len(data),
        brokers=[
            BrokerPublic(
                organisation=NodeRef.from_node(b.organisation),
                countries=b.countries,
                communities=b.communities,
                reason=b.reason,
            )
            for b in result.brokers
        ],
        brokers_total=result.brokers_total,
        bounded=result.bounded,
        min_weight=result.min_weight,
        note=result.note,
        graph_version=await read_graph_version(store),
        seconds=result.seconds,
    )
