"""Security headers on every response: what a browser may load, frame and send on.

The network views (``viz/``) load only their own static files and talk only to this API;
their Content-Security-Policy says exactly that. Scripts run only from our own files (the
pages' data travels in ``<script type="application/json">`` blocks, which are not run).
Styles allow 'unsafe-inline': vis-network injects its stylesheet at run time and the
pages colour legend swatches through ``style`` attributes; a style cannot run code.
Everything else (JSON, CSV, RDF) gets a policy that loads nothing. The interactive API
docs (/docs, /redoc, ``api/docs.py``) load Swagger UI and ReDoc from the app itself and
Swagger UI starts from an inline script: their pages set their own policy
(:func:`docs_policy`), which allows that one script by its hash and nothing from elsewhere.
"""

from __future__ import annotations

import base64
import hashlib
import re

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
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def docs_policy(html: str) -> str:
    """The policy of an API docs page: scripts, styles and images from the app, the
    page's inline scripts by their SHA-256 (CSP Level 2 hash sources), ReDoc's search
    worker from a blob; styles inline too (both UIs set ``style`` attributes and ReDoc
    injects its stylesheet). Nothing from another origin."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' {hashes}".rstrip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "worker-src blob:",
            "base-uri 'none'",
            "form-action 'none'",
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

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in COMMON_HEADERS.items():
                    headers.setdefault(name, value)
                html = headers.get("content-type", "").startswith("text/html")
                policy = PAGE_POLICY if html else DATA_POLICY
                headers.setdefault("Content-Security-Policy", policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)
