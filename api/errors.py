"""Errors as JSON: every failure is ``{"error": "<one line>", "detail": ...}``.

Bad input is a 4xx naming the problem, a backend that is down a 503 with a retry hint;
nothing a caller sends gives a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from innograph.graph.errors import EntityNotFound, InvalidFact, StoreUnavailable
from innograph.ontology.terms import UnknownTermError
from innograph.redaction import redact

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
# What a caller is told when the store is down: the backend's address and the driver's
# reason are for the operator's log, not for the public.
STORE_UNAVAILABLE = "the graph store is unavailable; try again later"


class ApiError(Exception):
    """An error the API answers with ``status`` and a one-line message."""

    def __init__(
        self, status: int, message: str, detail: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail
        self.headers = headers or {}


class QueryTimeout(ApiError):
    """A query that ran out of its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            503, f"the query did not finish within its {seconds:g} s budget; narrow it down"
        )


def log_store_unavailable(exc: StoreUnavailable) -> None:
    """Log why the store is unavailable: the address (credentials masked) goes to the log,
    never into a response, which says only :data:`STORE_UNAVAILABLE`."""
    log.warning("graph store unavailable: %s", redact(str(exc)))


def error_body(message: str, detail: Any = None) -> dict[str, Any]:
    """The JSON body of every error response."""
    return {"error": message, "detail": detail}


def _json(status: int, message: str, detail: Any = None, **headers: str) -> JSONResponse:
    return JSONResponse(error_body(message, detail), status_code=status, headers=headers or None)


def _validation_message(errors: list[Any]) -> str:
    """One line naming the first bad parameter, e.g. "query parameter 'limit': ..."."""
    if not errors:
        return "invalid request"
    first = errors[0]
    loc = [str(part) for part in first.get("loc", ()) if part not in ("body",)]
    where = f"{loc[0]} parameter {loc[-1]!r}" if len(loc) >= 2 else "request"
    return f"{where}: {first.get('msg', 'invalid')}"


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        headers = dict(exc.headers)
        if exc.status == 503:
            headers.setdefault("Retry-After", str(RETRY_AFTER_SECONDS))
        return _json(exc.status, exc.message, exc.detail, **headers)

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        log_store_unavailable(exc)
        return _json(
            503,
            STORE_UNAVAILABLE,
            {"retry_after_seconds": RETRY_AFTER_SECONDS},
            **{"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(EntityNotFound)
    async def not_found(_: Request, exc: EntityNotFound) -> JSONResponse:
        return _json(404, str(exc))

    @app.exception_handler(InvalidFact)
    async def invalid_fact(_: Request, exc: InvalidFact) -> JSONResponse:
        return _json(422, str(exc))

    @app.exception_handler(UnknownTermError)
    async def unknown_term(_: Request, exc: UnknownTermError) -> JSONResponse:
        return _json(422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _json(422, _validation_message(errors), errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        return JSONResponse(error_body(message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _json(500, f"internal error ({type(exc).__name__}); this is a bug")
