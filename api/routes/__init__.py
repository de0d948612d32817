"""The API's routers, one module per resource.

``ROUTERS`` is the list ``create_app`` includes, in order. Other rooms' routers (linked
data: /sparql, /id/..., /.well-known/void) are appended here with one-line edits.
"""

from __future__ import annotations

from fastapi import APIRouter

from innograph.api.routes import (
    analytics,
    collaborators,
    documents,
    entities,
    lod,
    merges,
    meta,
    organisations,
    paths,
    projects,
    search,
    sparql,
    stats,
    suggestions,
)

ROUTERS: list[APIRouter] = [
    search.router,
    entities.router,
    projects.router,
    collaborators.router,
    organisations.router,
    paths.router,
    suggestions.router,
    analytics.router,
    stats.router,
    merges.router,
    documents.router,
    meta.router,
    lod.router,
    sparql.router,
]
