"""Security headers on every response: what a browser may load, frame and send on.

The network views (``viz/``) load only their own static files and talk only to this API;
their Content-Security-Policy says exactly that. Scripts run only from our own files (the
pages' data travels in ``<script type="application/json">`` blocks, which are not run).
Styles allow 'unsafe-inline': vis-network injects its stylesheet at run time and the
pages colour legend swatches through ``style`` attributes; a style cannot run code.
Everything else (JSON, CSV, RDF) gets a policy that loads nothing. The interactive API
docs (/docs, /redoc) are FastAPI's pages, which load Swagger UI / ReDoc from a CDN and
start them with an inline script: they get a policy that allows those and no more.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"
DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_POLICY = "; ".join(
    [
        "default-src 'none'",
        f"script-src 'self' 'unsafe-inline' {DOCS_CDN}",
        f"style-src 'self' 'unsafe-inline' {DOCS_CDN} https://fonts.googleapis.com",
        "font-src https://fonts.gstatic.com",
        "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly",
        "connect-src 'self'",
        "worker-src blob:",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
# On every response, whatever its type.
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """ASGI middleware adding :data:`COMMON_HEADERS` and a Content-Security-Policy to every
    response that does not set its own (plain ASGI: no per-request task or copy)."""

    def __init__(self, app: ASGIApp, docs_paths: Iterable[str] = ()) -> None:
        self.app = app
        self.docs_paths = frozenset(docs_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"] in self.docs_paths

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in COMMON_HEADERS.items():
                    headers.setdefault(name, value)
                html = headers.get("content-type", "").startswith("text/html")
                policy = (DOCS_POLICY if docs else PAGE_POLICY) if html else DATA_POLICY
                headers.setdefault("Content-Security-Policy", policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)
