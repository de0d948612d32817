"""``innograph serve``: the API and the web views."""

from __future__ import annotations

import errno
import ipaddress
import socket
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from innograph.cli.common import StoreOption, existing_store_settings, fail
from innograph.cli.http_limits import (
    HEADER_TIMEOUT_SECONDS,
    KEEP_ALIVE_SECONDS,
    MAX_HEAD_BYTES,
    header_deadline_protocol,
)
from innograph.redaction import address_of

if TYPE_CHECKING:
    from fastapi import APIRouter

# uvicorn's choice of event loop and HTTP parser: the fastest installed.
UVICORN_SPEED: dict[str, str] = {"loop": "auto", "http": "auto"}


def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    base_iri: Annotated[
        str | None,
        typer.Option(
            "--base-iri",
            help="Public base of the IRIs and redirects, e.g. https://data.example.org "
            "(default: $INNOGRAPH_BASE_IRI, else derived from --host and --port).",
            show_default=False,
        ),
    ] = None,
    header_timeout: Annotated[
        float,
        typer.Option(
            min=0.1,
            help="Seconds a client has to send a request's headers; slower ones are cut off.",
        ),
    ] = HEADER_TIMEOUT_SECONDS,
) -> None:
    """Serve the API, the linked data and the network views over HTTP.

    Uses Neo4j when INNOGRAPH_NEO4J_URI is set, else the embedded store (--store), which
    must exist (fill it first with `innograph ingest` or `innograph import`). The base
    IRI is fixed at start-up, never taken from a request's Host header.

    Exit status: 1 the address cannot be listened on, 2 the --store folder holds no store.
    """
    import uvicorn

    from innograph.api.app import create_app

    settings = existing_store_settings(store)
    _check_port_free(host, port)
    settings = replace(settings, base_iri=_base_iri(base_iri or settings.base_iri, host, port))
    # create_app opens the store; if Neo4j is down it still starts and answers 503.
    app = create_app(settings, routers=_view_routers())
    where = address_of(settings.neo4j_uri or "") if settings.uses_neo4j else str(settings.store_dir)
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
        http=header_deadline_protocol(header_timeout),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
    )


def _base_iri(configured: str | None, host: str, port: int) -> str:
    """The configured base IRI, or one derived from the bind address (said on stderr,
    with a warning when only this machine can reach it)."""
    from innograph.graph.rdf.iris import default_base_iri, normalise_base

    if configured:
        try:
            return normalise_base(configured)
        except ValueError as err:
            fail(str(err), 2)
    named = socket.getfqdn() if host in ("", "0.0.0.0", "::") else host
    base = default_base_iri(named, port)
    typer.echo(
        f"innograph: base IRI {base} (from the serve address; set --base-iri or "
        "INNOGRAPH_BASE_IRI to the public address)",
        err=True,
    )
    if _is_loopback(named):
        typer.echo(
            f"innograph: warning: the base IRI {base} is a loopback address: its IRIs and "
            "redirects work on this machine only",
            err=True,
        )
    elif named != host:
        typer.echo(
            f"innograph: warning: the base IRI {base} is this machine's name (the server "
            "listens on every address); set --base-iri to the public address",
            err=True,
        )
    return base


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
