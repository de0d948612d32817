"""Typed dependencies of the routes: the store, the settings, the analytics.

The store is opened once by ``create_app``; when that fails (Neo4j down at start-up)
it is opened on the next request instead, so the API answers 503 until the backend is
back rather than refusing to start.

The dependencies are async so that FastAPI calls them on the event loop: a plain
function dependency costs a round trip through the thread pool on every request.
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import State

from innograph.api.budget import within_budget
from innograph.api.limits import ANALYTICS_COMPUTE_SECONDS, QUERY_BUDGET_SECONDS
from innograph.config import Settings
from innograph.graph.analytics.service import Analytics
from innograph.graph.store import GraphStore

_open_lock = threading.Lock()


async def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> GraphStore:
    """The app's graph store, opened now if it could not be at start-up."""
    state = request.app.state
    if state.store is None:  # opening connects to Neo4j: off the event loop, in budget
        await within_budget(QUERY_BUDGET_SECONDS, _open_store, state)
    store: GraphStore = state.store
    return store


def _open_store(state: State) -> None:
    with _open_lock:
        if state.store is None:
            from innograph.graph.factory import open_store  # raises StoreUnavailable

            state.store = open_store(state.settings)
            state.owns_store = True


async def get_analytics(
    request: Request, store: Annotated[GraphStore, Depends(get_store)]
) -> Analytics:
    """The cached analytics of the app's store (on the event loop: nothing to lock)."""
    state = request.app.state
    if state.analytics is None or state.analytics.store is not store:
        state.analytics = Analytics(store, budget_seconds=ANALYTICS_COMPUTE_SECONDS)
    analytics: Analytics = state.analytics
    return analytics


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
AnalyticsDep = Annotated[Analytics, Depends(get_analytics)]
