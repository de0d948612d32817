"""The HTML views as an APIRouter: /, /entity/{id}, /partners, /paths, /map and their static files.

``innograph serve`` passes ``router`` to ``create_app``. Pages reach the graph only
through the API's store and analytics dependencies, within the API's time budgets; a bad
parameter or a missing entity is a one-line message on an HTML page, never a traceback.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response, StreamingResponse
from starlette.concurrency import iterate_in_threadpool

from innograph.api.budget import within_budget
from innograph.api.deps import AnalyticsDep, StoreDep
from innograph.api.errors import (
    RETRY_AFTER_SECONDS,
    STORE_UNAVAILABLE,
    log_store_unavailable,
)
from innograph.api.limits import (
    ANALYTICS_BUDGET_SECONDS,
    ID_CHECK_BUDGET_SECONDS,
    MAX_PATH_HOPS,
    MAX_PATHS,
    QUERY_BUDGET_SECONDS,
)
from innograph.api.representation import csv_response
from innograph.api.routes.paths import VIA_ALL
from innograph.graph.analytics.service import Analytics
from innograph.graph.domain import organisation_types
from innograph.graph.errors import StoreUnavailable
from innograph.graph.store import SHARED_ITEM_TYPES, GraphStore
from innograph.ontology.ids import is_canonical_id
from innograph.viz.answers import html_answer
from innograph.viz.collaboration import CSV_HEADER, SelectionNetwork, csv_rows
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
from innograph.viz.views.entity_lists import router as entity_lists_router
from innograph.viz.views.map import gexf_download, map_download
from innograph.viz.views.names import resolve
from innograph.viz.views.partners import router as partners_router
from innograph.viz.views.paths import VIA_CHOICES

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Only the files shipped in viz/static are served: a fixed table, no path from the URL
# ever reaches the file system.
_STATIC_FILES: dict[str, Path] = {
    p.relative_to(STATIC_DIR).as_posix(): p for p in STATIC_DIR.rglob("*") if p.is_file()
}

router = APIRouter(include_in_schema=False)
router.include_router(partners_router)
router.include_router(entity_lists_router)


_html = html_answer  # a page, or its failure as a one-line HTML page


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


def _paths_query(
    store: GraphStore,
    values: dict[str, str | None],
    *,
    k: int,
    max_hops: int,
    via: list[str],
    cross_border: bool,
    avoid: list[str],
) -> PathQuery:
    """The paths form as a query: names resolved, parameters checked (one line each)."""
    orgs = organisation_types()
    query = PathQuery(k=k, max_hops=max_hops, cross_border=cross_border)
    errors = query.errors
    query.source = resolve(store, "from", values["from"], values["from_name"], orgs)
    query.target = resolve(store, "to", values["to"], values["to_name"], orgs)
    if query.source.node and query.target.node and query.source.node.id == query.target.node.id:
        errors.append("from and to are the same organisation")
    wanted = _split(via)
    if VIA_ALL in (v.lower() for v in wanted):
        query.via = [VIA_ALL]
    else:
        query.via = [t for t in wanted if t in VIA_CHOICES]
        errors.extend(
            f"via: {t[:40]!r} is not a type a path can pass through"
            for t in wanted
            if t not in VIA_CHOICES
        )
    for value in _split(avoid):
        named = resolve(store, "avoid", value, None, ())
        if named.node and named.node.id not in {n.id for n in query.avoid}:
            query.avoid.append(named.node)
        elif named.error:
            errors.append(named.error)
    typed = resolve(store, "avoid", None, values["avoid_name"], (*orgs, *SHARED_ITEM_TYPES))
    if typed.node and typed.node.id not in {n.id for n in query.avoid}:
        query.avoid.append(typed.node)
    query.avoid_named = typed
    return query


@router.get("/paths", response_class=HTMLResponse)
async def paths(
    store: StoreDep,
    analytics: AnalyticsDep,
    source: Annotated[str | None, Query(alias="from", max_length=200)] = None,
    target: Annotated[str | None, Query(alias="to", max_length=200)] = None,
    source_name: Annotated[str | None, Query(alias="from_name", max_length=200)] = None,
    target_name: Annotated[str | None, Query(alias="to_name", max_length=200)] = None,
    k: Annotated[int, Query(ge=1, le=MAX_PATHS)] = 3,
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS)] = 4,
    via: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
    cross_border: bool = False,
    avoid: Annotated[list[str], Query()] = [],  # noqa: B006
    avoid_name: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Two organisations and their k shortest partnership paths, with the API's controls."""
    values = {
        "from": source,
        "to": target,
        "from_name": source_name,
        "to_name": target_name,
        "avoid_name": avoid_name,
    }

    def build() -> str:
        query = _paths_query(
            store, values, k=k, max_hops=max_hops, via=via, cross_border=cross_border, avoid=avoid
        )
        return paths_page(store, analytics, query)

    return await _html(ANALYTICS_BUDGET_SECONDS, build)


def _split(values: list[str]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _map_query(
    store: GraphStore,
    values: dict[str, str | None],
    *,
    types: list[str],
    via: list[str],
    country: str | None,
    border: str,
    home: str | None,
    cap: int,
    layout: str,
    region_scope: str = "touching",
) -> MapQuery:
    """The map form as a query: names resolved, parameters checked (one line each)."""
    query = MapQuery(cap=cap, layout=layout, border=border, region_scope=region_scope)
    errors = query.errors
    for name, kinds in (
        ("programme", ("FundingProgramme",)),
        ("platform", ("S3Platform",)),
        ("project", SHARED_ITEM_TYPES),
        ("region", ("Region",)),
    ):
        named = resolve(store, name, values[name], values[f"{name}_name"], kinds)
        setattr(query, name, named)
        if named.error:
            errors.append("")  # the page shows the error under the form, with candidates
    if query.platform.node and query.project.node:
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
    home = (home or "").strip()
    if home:
        if len(home) == 2 and home.isalpha():
            query.home = home.upper()
        else:
            errors.append(f"home: {home[:40]!r} is not a two-letter country code")
    elif query.region.node:
        country_code = query.region.node.properties.get("country")
        if isinstance(country_code, str) and len(country_code) == 2:
            query.home = country_code.upper()
    return query


MapParams = Annotated[str | None, Query(max_length=200)]


class _MapForm:
    """The map's query parameters, shared by the page and its downloads."""

    def __init__(
        self,
        programme: MapParams = None,
        platform: MapParams = None,
        project: MapParams = None,
        region: MapParams = None,
        programme_name: MapParams = None,
        platform_name: MapParams = None,
        project_name: MapParams = None,
        region_name: MapParams = None,
        types: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
        via: Annotated[list[str], Query()] = [],  # noqa: B006
        country: MapParams = None,
        border: Annotated[Literal["neighbours", "any", "none"], Query()] = "neighbours",
        home: Annotated[str | None, Query(max_length=40)] = None,
        cap: Annotated[int, Query(ge=1, le=MAX_MAP_CAP)] = DEFAULT_MAP_CAP,
        layout: Annotated[Literal["auto", "server", "browser"], Query()] = "auto",
        region_scope: Annotated[Literal["touching", "inside"], Query()] = "touching",
    ) -> None:
        self.values = {
            "programme": programme,
            "platform": platform,
            "project": project,
            "region": region,
            "programme_name": programme_name,
            "platform_name": platform_name,
            "project_name": project_name,
            "region_name": region_name,
        }
        self.options: dict[str, Any] = {
            "types": types,
            "via": via,
            "country": country,
            "border": border,
            "home": home,
            "cap": cap,
            "layout": layout,
            "region_scope": region_scope,
        }

    def query(self, store: GraphStore) -> MapQuery:
        return _map_query(store, self.values, **self.options)


MapForm = Annotated[_MapForm, Depends()]


@router.get("/map", response_class=HTMLResponse)
async def collaboration_map(store: StoreDep, analytics: AnalyticsDep, form: MapForm) -> Response:
    """The collaboration map of a programme, platform, project or region."""

    def build() -> str:
        return map_page(analytics, form.query(store))

    return await _html(ANALYTICS_BUDGET_SECONDS, build)


async def _download(
    store: GraphStore, analytics: Analytics, form: _MapForm
) -> tuple[MapQuery, SelectionNetwork] | Response:
    def build() -> tuple[MapQuery, SelectionNetwork | None]:
        query = form.query(store)
        if query.errors:
            return query, None
        return query, map_download(analytics, query)

    try:
        query, found = await within_budget(ANALYTICS_BUDGET_SECONDS, build)
    except StoreUnavailable as err:
        log_store_unavailable(err)
        return Response(
            STORE_UNAVAILABLE,
            status_code=503,
            media_type="text/plain",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if found is None:
        problems = [e for e in query.errors if e] + [
            n.error
            for n in (query.programme, query.platform, query.project, query.region)
            if n.error
        ]
        return Response("; ".join(problems), status_code=422, media_type="text/plain")
    return query, found


@router.get("/map.csv")
async def map_csv(store: StoreDep, analytics: AnalyticsDep, form: MapForm) -> Response:
    """The map's selection as a weighted edge list (CSV), heaviest pairs first."""
    got = await _download(store, analytics, form)
    if isinstance(got, Response):
        return got
    query, found = got
    response = csv_response(CSV_HEADER, csv_rows(found, query.rule()), name="collaboration-network")
    response.headers["Content-Disposition"] = 'attachment; filename="collaboration-network.csv"'
    response.headers["X-Total-Count"] = str(found.partnerships)
    return response


@router.get("/map.gexf")
async def map_gexf(store: StoreDep, analytics: AnalyticsDep, form: MapForm) -> Response:
    """The map's selection as GEXF 1.3 (Gephi): the same pairs as the CSV."""
    got = await _download(store, analytics, form)
    if isinstance(got, Response):
        return got
    query, found = got
    return StreamingResponse(
        iterate_in_threadpool(gexf_download(found, query)),
        media_type="application/gexf+xml",
        headers={
            "Content-Disposition": 'attachment; filename="collaboration-network.gexf"',
            "X-Total-Count": str(found.partnerships),
        },
    )
