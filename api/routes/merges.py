"""GET /api/merges: the merge log, every merge and every refusal to merge, with reasons."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.limits import QUERY_BUDGET_SECONDS
from innograph.api.pagination import OffsetParam, PageInfo, page_of
from innograph.api.params import check_id
from innograph.api.schemas import ERROR_RESPONSES
from innograph.ontology.facts import MergeRecord

router = APIRouter(prefix="/api", tags=["graph"])
MAX_LIMIT = 1000


class MergePublic(BaseModel):
    """One decision of entity resolution: ``name`` was taken to be ``id`` (a merge), or
    kept apart from it (a refusal); ``method`` says how or why."""

    id: str
    name: str
    method: str
    score: float
    refused: bool


class MergesPublic(PageInfo):
    """A page of the decisions that match the query; ``total`` counts them all."""

    merges: list[MergePublic]
    count: int


def _matches(record: MergeRecord, entity_id: str | None, name: str) -> bool:
    # A refusal names the id it refused and, in its method, the id the newcomer kept.
    if entity_id and record.canonical_id != entity_id and entity_id not in record.method:
        return False
    return not name or name in record.name.casefold()


@router.get(
    "/merges",
    response_model=MergesPublic,
    responses={422: ERROR_RESPONSES[422], 503: ERROR_RESPONSES[503]},
)
async def merges(
    request: Request,
    response: Response,
    store: StoreDep,
    id: Annotated[str | None, Query(description="Decisions about this entity id.")] = None,
    q: Annotated[str, Query(description="Names containing this text (any case).")] = "",
    refused: Annotated[
        bool | None, Query(description="true: refusals only; false: merges only.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = 100,
    offset: OffsetParam = 0,
) -> MergesPublic:
    """Every name merged into an entity (identifier, identity key, acronym, fuzzy,
    registry) and every refusal to merge (two PICs, two countries) with its reason."""
    entity_id = check_id(id, "id") if id else None
    records = await within_budget(QUERY_BUDGET_SECONDS, store.merges, refusals=True)
    wanted = q.strip().casefold()
    found = [
        r
        for r in records
        if _matches(r, entity_id, wanted) and (refused is None or r.refused == refused)
    ]
    page = page_of(request, total=len(found), offset=offset, limit=limit)
    response.headers.update(page.headers())
    shown = [
        MergePublic(
            id=r.canonical_id, name=r.name, method=r.method, score=r.score, refused=r.refused
        )
        for r in found[offset : offset + limit]
    ]
    return MergesPublic(**page.fields(), merges=shown, count=len(shown))
