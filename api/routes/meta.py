"""GET /health and /version."""

from __future__ import annotations

from fastapi import APIRouter

from innograph import __version__
from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.schemas import ERROR_RESPONSES, HealthPublic, VersionPublic

router = APIRouter(tags=["meta"])
HEALTH_BUDGET_SECONDS = 5.0


@router.get("/health", response_model=HealthPublic, responses={503: ERROR_RESPONSES[503]})
async def health(store: StoreDep) -> HealthPublic:
    """Whether the API and its graph store answer (503 when the store is down)."""
    version = await within_budget(HEALTH_BUDGET_SECONDS, store.version)
    return HealthPublic(status="ok", store=type(store).__name__, graph_version=version)


@router.get("/version", response_model=VersionPublic)
async def version() -> VersionPublic:
    """The running innograph version."""
    return VersionPublic(name="innograph", version=__version__)
