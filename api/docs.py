"""The interactive API docs, offline: Swagger UI at /docs and ReDoc at /redoc.

FastAPI's default pages load Swagger UI and ReDoc from a CDN (and ReDoc its fonts from
Google), so they are blank on a machine without network. These are the same pages,
built by FastAPI's ``get_swagger_ui_html`` and ``get_redoc_html``, pointed at the copies
of the assets the ``fastapi-offline`` package ships (Swagger UI 5, Apache-2.0; ReDoc 2,
MIT), which the app serves itself under ``/static/docs/``. ``create_app`` turns FastAPI's
own docs routes off (``docs_url=None``) and includes this router instead.

ReDoc's side menu shows Redocly's logo from their CDN, whatever its options: the copy
served here has that one address replaced by an empty ``data:`` URL (the image then
fails to load and ReDoc hides it), so the page asks nothing of another host.

Each page answers with its own Content-Security-Policy (``security.docs_policy``): our
own files, and the page's one inline start-up script by its hash; nothing from elsewhere.
"""

from __future__ import annotations

import mimetypes
from functools import cache
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from innograph.api.security import docs_policy

DOCS_PATH = "/docs"
REDOC_PATH = "/redoc"
ASSETS_PATH = "/static/docs"
# The package's static folder; only these files of it are served (a fixed table: no
# path from the URL reaches the file system).
ASSETS_DIR = Path(str(files("fastapi_offline").joinpath("static")))
ASSET_NAMES = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png")
_ASSETS: dict[str, Path] = {name: ASSETS_DIR / name for name in ASSET_NAMES}
# Swagger UI would ask validator.swagger.io to check the document (and show its badge)
# when the page is not on localhost: off, the page talks only to this app.
SWAGGER_UI_PARAMETERS = {"validatorUrl": None}
# What the served copies change: asset -> (text, replacement).
PATCHES: dict[str, tuple[bytes, bytes]] = {
    "redoc.standalone.js": (b"https://cdn.redoc.ly/redoc/logo-mini.svg", b"data:,"),
}

router = APIRouter(include_in_schema=False)


def _with_policy(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = docs_policy(bytes(page.body).decode("utf-8"))
    return page


@router.get(DOCS_PATH)
async def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over the app's OpenAPI document, from the app's own copy of its assets."""
    root = request.scope.get("root_path", "")
    return _with_policy(
        get_swagger_ui_html(
            openapi_url=f"{root}{request.app.openapi_url}",
            title=f"{request.app.title} - Swagger UI",
            swagger_js_url=f"{root}{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_PATH}/favicon.png",
            swagger_ui_parameters={
                **(request.app.swagger_ui_parameters or {}),
                **SWAGGER_UI_PARAMETERS,
            },
        )
    )


@router.get(REDOC_PATH)
async def redoc(request: Request) -> HTMLResponse:
    """ReDoc over the app's OpenAPI document, with no web fonts."""
    root = request.scope.get("root_path", "")
    return _with_policy(
        get_redoc_html(
            openapi_url=f"{root}{request.app.openapi_url}",
            title=f"{request.app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS_PATH}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS_PATH}/favicon.png",
            with_google_fonts=False,
        )
    )


@router.get(ASSETS_PATH + "/{name}")
async def asset(name: str) -> Response:
    """Swagger UI's and ReDoc's JavaScript and CSS, served from the fastapi-offline package."""
    path = _ASSETS.get(name)
    if path is None:
        return Response("not found", status_code=404, media_type="text/plain")
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        media = "text/javascript"
    return Response(
        _asset_bytes(name), media_type=media, headers={"Cache-Control": "public, max-age=3600"}
    )


@cache
def _asset_bytes(name: str) -> bytes:
    """The asset as served: the package's file with :data:`PATCHES` applied (read once)."""
    data = _ASSETS[name].read_bytes()
    if name in PATCHES:
        text, replacement = PATCHES[name]
        data = data.replace(text, replacement)
    return data
