"""GET /api/projects/{id}: a project as its page shows it, in the manner of CORDIS.

Title, acronym, dates, total cost and EU grant in euro, the programmes that fund it, the
CORDIS page, and its partners (leads first, then by contribution) with role, country,
type, contribution and the provenance of each participation: the JSON twin of the
project section of ``/entity/{id}`` (``graph.projects`` builds both).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import QUERY_BUDGET_SECONDS
from innograph.api.pagination import OffsetParam, PageInfo, page_of
from innograph.api.params import check_id
from innograph.api.representation import json_response
from innograph.api.responses import answers
from innograph.api.schemas import ProvenancePublic
from innograph.graph.projects import ProjectView, project_of
from innograph.graph.store import GraphStore

router = APIRouter(prefix="/api/projects", tags=["projects"])

MAX_PARTNERS_PAGE = 1000


class FundingPublic(BaseModel):
    """A programme funding the project, with the grant where known (euro)."""

    id: str
    name: str
    amount_eur: float | None
    funding_scheme: str | None


class RowPublic(BaseModel):
    """An imported row as its evidence names it: file, row number (from 1) and fields."""

    file: str
    row: int
    fields: dict[str, str]


class PartnerProvenancePublic(ProvenancePublic):
    """Where a participation comes from; ``row`` when it is a row of a structured file."""

    row: RowPublic | None


class PartnerPublic(BaseModel):
    """A partner: its role as the source writes it (coordinator, participant, thirdParty,
    beneficiary ...; "lead" or "partner" when a document names none), country, type
    and EU contribution (euro), with the provenance of its participation."""

    id: str
    name: str
    type: str
    role: str
    roles: list[str]
    lead: bool
    country: str | None
    activity_type: str | None
    type_label: str
    contribution_eur: float | None
    provenance: list[PartnerProvenancePublic]


class ProjectPublic(PageInfo):
    """A project in the manner of CORDIS; ``total``, ``offset``, ``limit`` and ``next``
    page its ``partners``."""

    id: str
    name: str
    title: str
    acronym: str | None
    start_date: str | None
    end_date: str | None
    status: str | None
    topics: str | None
    budget_eur: float | None
    budget_currency: str | None
    budget_amount: str | None
    grant_eur: float | None
    partners_contribution_eur: float | None
    cordis_id: str | None
    cordis_url: str | None
    url: str | None
    programmes: list[FundingPublic]
    partners: list[PartnerPublic]


def project_view(store: GraphStore, project_id: str) -> ProjectView:
    """The view of a Project; 404 for an entity of another type."""
    detail = store.get_entity(project_id)  # EntityNotFound: 404
    if detail.node.type != "Project":
        raise ApiError(404, f"{project_id} is not a Project (its type is {detail.node.type})")
    return project_of(store, detail)


@router.get("/{project_id}", response_model=ProjectPublic, responses=answers(404, 422, 503))
async def get_project(
    request: Request,
    store: StoreDep,
    project_id: str,
    offset: OffsetParam = 0,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PARTNERS_PAGE, description="Partners per page.")
    ] = 100,
) -> Response:
    """A project: title, dates, budget and grant, programmes, partners with role and
    contribution."""
    checked = check_id(project_id, "id")
    view = await within_budget(QUERY_BUDGET_SECONDS, project_view, store, checked)
    page = page_of(request, total=len(view.partners), offset=offset, limit=limit)
    body = ProjectPublic.model_validate(
        {**page.fields(), **view.to_json(offset=offset, limit=limit)}
    )
    response = json_response(body.model_dump())
    response.headers.update(page.headers())
    return response
