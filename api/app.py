"""The FastAPI application: ``create_app`` wires settings, store, routers and errors."""

from __future__ import annotations

import logging
import warnings
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from starlette.types import Receive, Scope, Send

from innograph import __version__
from innograph.api.docs import router as docs_router
from innograph.api.errors import install_error_handlers
from innograph.api.responses import errors_as_answered
from innograph.api.routes import ROUTERS
from innograph.api.security import SecurityHeaders
from innograph.config import Settings, load_settings
from innograph.graph.errors import StoreUnavailable
from innograph.graph.rdf.iris import default_base_iri, normalise_base
from innograph.graph.store import GraphStore
from innograph.redaction import install_log_redaction, split_credentials

log = logging.getLogger(__name__)

DESCRIPTION = (
    "The innograph knowledge graph of the regional innovation ecosystem: search entities, "
    "see who collaborates with whom and on what evidence, find partnership paths and "
    "partner suggestions, and rank organisations on the collaboration network. "
    "Read endpoints are public; POST /api/documents needs the server's bearer token. "
    'Errors are JSON: {"error": "...", "detail": ...}.'
)


def create_app(
    settings: Settings | None = None,
    *,
    store: GraphStore | None = None,
    routers: Sequence[APIRouter] = (),
) -> FastAPI:
    """The API app on ``store`` (default: the store the settings name).

    ``routers`` (e.g. the HTML views) are included after the API's own. A store the app
    opened itself is closed on shutdown; when it cannot be opened now (Neo4j down), the
    app starts anyway, answers 503 and tries again on the next request.
    """
    settings = _with_fixed_base(settings or load_settings())
    # From here on no log line of the process shows the store's password or the token.
    uri_password = split_credentials(settings.neo4j_uri or "")[2]
    install_log_redaction(settings.neo4j_password, uri_password, settings.api_token)
    owns_store = store is None
    if store is None:
        from innograph.graph.factory import open_store

        try:
            store = open_store(settings)
        except StoreUnavailable as err:
            log.warning("graph store unavailable at start-up (will retry): %s", err)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        mirror = getattr(app.state, "sparql_mirror", None)
        if mirror is not None:  # stops its workers and deletes its temporary files
            mirror.close()
        if app.state.owns_store and app.state.store is not None:
            app.state.store.close()

    app = FastAPI(
        title="innograph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # /docs and /redoc are api/docs.py's: the same pages with their assets served here.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.owns_store = owns_store
    app.state.analytics = None
    app.state.extractor = None
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    if settings.cors_origins:
        app.add_middleware(
            ApiCorsMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    for router in (*ROUTERS, docs_router, *routers):
        _summaries_from_docstrings(router)
        app.include_router(router)
    _unique_operation_ids(app)
    return app


class ApiCorsMiddleware(CORSMiddleware):
    """CORS for the API (INNOGRAPH_CORS_ORIGINS); /sparql answers its own CORS, to any
    origin by default, so this one must not refuse its preflights."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/sparql":
            await self.app(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


def _with_fixed_base(settings: Settings) -> Settings:
    """The settings with the base IRI fixed for the app's life: INNOGRAPH_BASE_IRI (or
    ``serve --base-iri``), else the default serve address; never a request's Host."""
    if settings.base_iri:
        return replace(settings, base_iri=normalise_base(settings.base_iri))
    base = default_base_iri()
    log.warning("INNOGRAPH_BASE_IRI is not set: IRIs and redirects use %s", base)
    return replace(settings, base_iri=base)


def _summaries_from_docstrings(router: APIRouter) -> None:
    """Each route's one-line docstring becomes its OpenAPI summary."""
    for route in router.routes:
        if isinstance(route, APIRoute) and not route.summary and route.description:
            route.summary = route.description.strip().splitlines()[0].rstrip(".")


def _unique_operation_ids(app: FastAPI) -> None:
    """Give every operation its own operationId: FastAPI repeats one for a route that
    serves several methods (GET and POST /sparql), which OpenAPI clients reject; and
    document every 422 as the ErrorPublic body the API answers."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Duplicate Operation ID", UserWarning)
            schema = generate()
        seen: set[str] = set()
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if operation.get("operationId") in seen:
                    operation["operationId"] = f"{operation['operationId']}_{method}"
                seen.add(operation.get("operationId", ""))
        errors_as_answered(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
