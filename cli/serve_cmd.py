"""``innograph serve``: the API and the web views."""

from __future__ import annotations

import errno
import socket
from typing import TYPE_CHECKING, Annotated

import typer

from innograph.cli.common import StoreOption, existing_store_settings, fail

if TYPE_CHECKING:
    from fastapi import APIRouter

# uvicorn's choice of event loop and HTTP parser: the fastest installed.
UVICORN_SPEED: dict[str, str] = {"loop": "auto", "http": "auto"}


def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API, the linked data and the network views over HTTP.

    Uses Neo4j when INNOGRAPH_NEO4J_URI is set, else the embedded store (--store), which
    must exist (fill it first with `innograph ingest` or `innograph import`).

    Exit status: 1 the address cannot be listened on, 2 the --store folder holds no store.
    """
    import uvicorn

    from innograph.api.app import create_app

    settings = existing_store_settings(store)
    _check_port_free(host, port)
    # create_app opens the store; if Neo4j is down it still starts and answers 503.
    app = create_app(settings, routers=_view_routers())
    where = settings.neo4j_uri if settings.uses_neo4j else str(settings.store_dir)
    if app.state.store is None:
        typer.echo(
            f"innograph: warning: the store {where} is unavailable; answering 503 until it is back",
            err=True,
        )
    typer.echo(f"innograph: serving {where} on http://{host}:{port} (API docs at /docs)")
    # "auto" takes httptools' C parser and uvloop's event loop (dependencies of ours, as
    # in uvicorn[standard]) over the pure-Python h11 and asyncio's loop: a fifth off
    # each request's round trip. UVICORN_SPEED says so in one place, for the benchmark.
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        loop=UVICORN_SPEED["loop"],
        http=UVICORN_SPEED["http"],
    )


def _check_port_free(host: str, port: int) -> None:
    """Fail with one line (not uvicorn's log) when the address cannot be listened on."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        fail(f"cannot listen on {host}:{port}: {err.strerror}")
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            reason = "the port is in use" if err.errno == errno.EADDRINUSE else err.strerror
            fail(f"cannot listen on {host}:{port}: {reason}")


def _view_routers() -> list[APIRouter]:
    """Routers of the web views, included after the API's own."""
    from innograph.viz.routes import router as views

    return [views]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(serve)
