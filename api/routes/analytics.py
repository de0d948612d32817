"""GET /api/analytics/centrality and /api/analytics/communities on the collaboration network."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import AnalyticsDep, StoreDep
from innograph.api.limits import ANALYTICS_BUDGET_SECONDS, MAX_CENTRALITY_TOP, MAX_COMMUNITIES
from innograph.api.params import FormatParam, fetch_entity, read_graph_version
from innograph.api.representation import csv_response
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
    store: StoreDep,
    analytics: AnalyticsDep,
    measure: Annotated[
        Literal["degree", "betweenness", "eigenvector"],
        Query(description="degree (partners), betweenness (sampled when large) or eigenvector."),
    ] = "degree",
    top: Annotated[int, Query(ge=1, le=MAX_CENTRALITY_TOP)] = 20,
    region: Annotated[
        str | None, Query(description="Only organisations located in this region id.")
    ] = None,
    format: FormatParam = "json",
) -> CentralityPublic | Response:
    """The most central organisations of the collaboration network (cached per version)."""
    if region is not None:
        await fetch_entity(store, region, "region", types=("Region",))
    result = await within_budget(
        ANALYTICS_BUDGET_SECONDS, analytics.centrality, measure, top=top, region=region
    )
    if format == "csv":
        return csv_response(
            ["rank", "id", "name", "score"],
            (
                (rank, s.organisation.id, s.organisation.name, s.score)
                for rank, s in enumerate(result.scores, 1)
            ),
            name=f"centrality-{measure}",
        )
    data = [
        CentralityScorePublic(
            rank=rank, organisation=NodeRef.from_node(s.organisation), score=s.score
        )
        for rank, s in enumerate(result.scores, 1)
    ]
    return CentralityPublic(
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
    store: StoreDep,
    analytics: AnalyticsDep,
    limit: Annotated[
        int, Query(ge=1, le=MAX_COMMUNITIES, description="Largest communities shown.")
    ] = 20,
    members: Annotated[int, Query(ge=1, le=1000, description="Members shown per community.")] = 50,
    brokers: Annotated[int, Query(ge=0, le=200, description="Brokers shown.")] = 20,
) -> CommunitiesPublic:
    """Louvain communities of the collaboration network and the brokers between them."""
    result = await within_budget(
        ANALYTICS_BUDGET_SECONDS,
        analytics.communities,
        limit=limit,
        members=members,
        brokers=brokers,
    )
    data = [
        CommunityPublic(
            id=number,
            size=c.size,
            members=[NodeRef.from_node(n) for n in c.members],
            countries=c.countries,
        )
        for number, c in enumerate(result.communities)
    ]
    return CommunitiesPublic(
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
        bounded=result.bounded,
        min_weight=result.min_weight,
        note=result.note,
        graph_version=await read_graph_version(store),
        seconds=result.seconds,
    )
