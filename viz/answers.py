"""How a view answers: its page, or its failure as a one-line HTML page.

Shared by ``viz.routes`` and the view modules that have routes of their own (their
routers are included in ``viz.routes``, so they cannot import it back).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi.responses import HTMLResponse, Response

from innograph.api.budget import within_budget
from innograph.api.errors import (
    RETRY_AFTER_SECONDS,
    STORE_UNAVAILABLE,
    ApiError,
    log_store_unavailable,
)
from innograph.graph.errors import EntityNotFound, StoreUnavailable
from innograph.viz.pages import error_page


async def html_answer(
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
