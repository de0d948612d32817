"""The HTML views as an APIRouter: /, /entity/{id}, /partners, /paths, /map and their static files.

``innograph serve`` passes ``router`` to ``create_app``. Pages reach the graph only
through the API's store and analytics dependencies, within the API's time budgets; a bad
parameter or a missing entity is a one-line message on an HTML page, never a traceback.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from innograph.api.budget import within_budget
from innograph.api.deps import AnalyticsDep, StoreDep
from innograph.api.errors import (
    RETRY_AFTER_SECONDS,
    STORE_UNAVAILABLE,
    ApiError,
    log_store_unavailable,
)
from innograph.api.limits import (
    ANALYTICS_BUDGET_SECONDS,
    ID_CHECK_BUDGET_SECONDS,
    QUERY_BUDGET_SECONDS,
)
from innograph.graph.domain import organisation_types
from innograph.graph.errors import EntityNotFound, StoreUnavailable
from innograph.graph.store import SHARED_ITEM_TYPES, GraphStore
from innograph.graph.types import Node
from innograph.ontology.ids import is_canonical_id
from innograph.viz.model import DEFAULT_MAP_CAP
from innograph.viz.pages import error_page
from innograph.viz.views import (
    MAX_MAP_CAP,
    MapQuery,
    PathQuery,
    entity_page,
    map_page,
    paths_page,
    start_page,
)
from innograph.viz.views.partners import router as partners_router

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Only the files shipped in viz/static are served: a fixed table, no path from the URL
# ever reaches the file system.
_STATIC_FILES: dict[str, Path] = {
    p.relative_to(STATIC_DIR).as_posix(): p for p in STATIC_DIR.rglob("*") if p.is_file()
}

router = APIRouter(include_in_schema=False)
router.include_router(partners_router)


async def _html(
    seconds: float,
    build: Callable[..., str],
    *args: Any,
    prepare: Callable[[], Awaitable[None]] | None = None,
) -> Response:
    """Run a page builder in a worker thread (after ``prepare``, with budgets of its own);
    failures become one-line HTML pages."""
    try:
        if prepare is not None:
            await prepare()
        return HTMLResponse(await within_budget(seconds, build, *args))
    except EntityNotFound as err:
        return HTMLResponse(error_page("Not found", str(err)), status_code=404)
    except StoreUnavailable as err:
        log_store_unavailable(err)
        return HTMLResponse(
            error_page("Graph unavailable", STORE_UNAVAILABLE),
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    except ApiError as err:
        return HTMLResponse(error_page("Cannot show this", err.message), status_code=err.status)


@router.get("/static/viz/{name:path}")
async def static_file(name: str) -> Response:
    """The views' JavaScript and CSS, and vis-network, served from the package."""
    path = _STATIC_FILES.get(name)
    if path is None:
        return Response("not found", status_code=404, media_type="text/plain")
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        media = "text/javascript"
    return FileResponse(path, media_type=media, headers={"Cache-Control": "public, max-age=3600"})


@router.get("/", response_class=HTMLResponse)
async def start(store: StoreDep, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    """Start page: search with suggestions, and graph statistics."""
    return await _html(QUERY_BUDGET_SECONDS, start_page, store, q)


# Named, so other rooms can find the page: request.app.url_path_for("entity_page", entity_id=...)
@router.get("/entity/{entity_id}", response_class=HTMLResponse, name="entity_page")
async def entity(
    request: Request,
    store: StoreDep,
    analytics: AnalyticsDep,
    entity_id: str,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
) -> Response:
    """An entity's details, provenance and ego network; its sections read their own
    query parameters (an organisation's suggestions: ``sg_*``)."""
    if not is_canonical_id(entity_id):
        return HTMLResponse(
            error_page("Not found", f"{entity_id[:80]!r} is not an entity id"), status_code=404
        )

    async def prepare() -> None:
        # An organisation's page ranks suggestions: the first one after a graph change
        # builds the analytics' index (seconds on the EU's data), within their budget.
        node = await within_budget(ID_CHECK_BUDGET_SECONDS, store.get_node, entity_id)
        if node is not None and node.type in organisation_types():
            await within_budget(ANALYTICS_BUDGET_SECONDS, analytics.index)

    def build() -> str:
        params = dict(request.query_params)
        return entity_page(store, entity_id, depth, params=params, analytics=analytics)

    return await _html(QUERY_BUDGET_SECONDS, build, prepare=prepare)


def _resolve(
    store: GraphStore, value: str | None, param: str, types: tuple[str, ...], errors: list[str]
) -> Node | None:
    """The node an id parameter names, or None with a one-line error noted."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if not is_canonical_id(value):
        errors.append(f"{param}: {value[:80]!r} is not an entity id; pick a suggestion")
        return None
    node = store.get_node(value)
    if node is None:
        errors.append(f"{param}: no entity with id {value!r}")
        return None
    if types and node.type not in types:
        errors.append(f"{param}: {node.name!r} is a {node.type}, not a {' or '.join(types)}")
        return None
    return node


def _paths_query(store: GraphStore, source: str | None, target: str | None, k: int) -> PathQuery:
    query = PathQuery(k=k)
    orgs = organisation_types()
    query.source = _resolve(store, source, "from", orgs, query.errors)
    query.target = _resolve(store, target, "to", orgs, query.errors)
    if query.source and query.target and query.source.id == query.target.id:
        query.errors.append("from and to are the same organisation")
    return query


@router.get("/paths", response_class=HTMLResponse)
async def paths(
    store: StoreDep,
    analytics: AnalyticsDep,
    source: Annotated[str | None, Query(alias="from", max_length=200)] = None,
    target: Annotated[str | None, Query(alias="to", max_length=200)] = None,
    k: Annotated[int, Query(ge=1, le=10)] = 3,
) -> Response:
    """Two organisations and their k shortest partnership paths."""

    def build() -> str:
        return paths_page(store, analytics, _paths_query(store, source, target, k))

    return await _html(ANALYTICS_BUDGET_SECONDS, build)


def _split(values: list[str]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


@router.get("/map", response_class=HTMLResponse)
async def collaboration_map(
    store: StoreDep,
    analytics: AnalyticsDep,
    programme: Annotated[str | None, Query(max_length=200)] = None,
    platform: Annotated[str | None, Query(max_length=200)] = None,
    project: Annotated[str | None, Query(max_length=200)] = None,
    region: Annotated[str | None, Query(max_length=200)] = None,
    types: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
    via: Annotated[list[str], Query()] = [],  # noqa: B006
    country: Annotated[str | None, Query(max_length=200)] = None,
    cap: Annotated[int, Query(ge=1, le=MAX_MAP_CAP)] = DEFAULT_MAP_CAP,
    layout: Annotated[Literal["auto", "server", "browser"], Query()] = "auto",
) -> Response:
    """The collaboration map of a programme, platform, project or region."""

    def build() -> str:
        query = MapQuery(cap=cap, layout=layout)
        errors = query.errors
        query.programme = _resolve(store, programme, "programme", ("FundingProgramme",), errors)
        query.platform = _resolve(store, platform, "platform", ("S3Platform",), errors)
        query.project = _resolve(store, project, "project", SHARED_ITEM_TYPES, errors)
        query.region = _resolve(store, region, "region", ("Region",), errors)
        if query.platform and query.project:
            errors.append("choose a platform or a project, not both")
        orgs = organisation_types()
        query.types = [t for t in _split(types) if t in orgs]
        errors.extend(
            f"types: {t[:40]!r} is not an organisation type" for t in _split(types) if t not in orgs
        )
        query.item_types = [t for t in _split(via) if t in SHARED_ITEM_TYPES]
        errors.extend(
            f"via: {t[:40]!r} is not a shared item type"
            for t in _split(via)
            if t not in SHARED_ITEM_TYPES
        )
        for code in _split([country or ""]):
            if len(code) == 2 and code.isalpha():
                query.countries.append(code.upper())
            else:
                errors.append(f"country: {code[:40]!r} is not a two-letter country code")
        return map_page(analytics, query)

    return await _html(ANALYTICS_BUDGET_SECONDS, build)
