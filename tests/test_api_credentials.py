"""Credentials stay secret and backend addresses stay private: a Neo4j URI carrying a
password, pointed at a closed loopback port, must not leak the password into any
response, log line or start-up banner, nor its host:port into a public error body."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.redaction import (
    MASK,
    address_of,
    install_log_redaction,
    redact,
    split_credentials,
)
from innograph.viz.routes import router as views

PASSWORD = "Sw0rdfish-p@ss"  # an "@" in it, typed raw as people do
TOKEN = "upload-token-0123456789"
INNOGRAPH = str(Path(sys.executable).with_name("innograph"))


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_redact_masks_url_passwords_and_remembered_secrets() -> None:
    text = f"cannot reach bolt://neo4j:{PASSWORD}@db.internal:7687 (auth {TOKEN})"
    clean = redact(text, [TOKEN])
    assert PASSWORD not in clean and TOKEN not in clean
    assert f"bolt://neo4j:{MASK}@db.internal:7687" in clean
    assert split_credentials(f"neo4j+s://admin:{PASSWORD}@db:7687/x") == (
        "neo4j+s://db:7687/x",
        "admin",
        PASSWORD,
    )
    assert address_of("bolt://127.0.0.1:7687") == "bolt://127.0.0.1:7687"
    for malformed in ("bolt://[oops", "127.0.0.1:7687", ""):
        assert address_of(malformed) == malformed


def test_no_body_or_log_line_shows_the_password_or_the_address(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    port = closed_port()
    settings = Settings(
        store_dir=tmp_path,
        neo4j_uri=f"bolt://neo4j:{PASSWORD}@127.0.0.1:{port}",
        api_token=TOKEN,
    )
    caplog.set_level(logging.DEBUG)
    app = create_app(settings, routers=[views])  # the store cannot be opened: it retries
    assert app.state.store is None
    bodies = []
    with TestClient(app) as client:
        for url in ("/health", "/api/search?q=acme", "/api/stats", "/entity/org-acme", "/"):
            response = client.get(url)
            assert response.status_code == 503, url
            assert response.headers["Retry-After"]
            bodies.append(response.text)
    assert any("unavailable" in body for body in bodies)
    for body in bodies:
        assert PASSWORD not in body and TOKEN not in body
        assert "127.0.0.1" not in body and f":{port}" not in body
    logged = "\n".join(r.getMessage() for r in caplog.records)
    # The log keeps the (redacted) address for the operator.
    assert f"127.0.0.1:{port}" in logged
    assert PASSWORD not in logged and TOKEN not in logged
    assert caplog.text and PASSWORD not in caplog.text


@pytest.mark.slow
def test_serve_banner_and_stderr_hide_the_password(tmp_path: Path) -> None:
    port, neo4j_port = closed_port(), closed_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("INNOGRAPH_")}
    env["INNOGRAPH_NEO4J_URI"] = f"bolt://neo4j:{PASSWORD}@127.0.0.1:{neo4j_port}"
    env["INNOGRAPH_API_TOKEN"] = TOKEN
    server = subprocess.Popen(
        [INNOGRAPH, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()  # printed before uvicorn starts
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    shown = banner + out + err
    assert "serving bolt://127.0.0.1:" in banner, shown
    assert "unavailable" in err, shown
    assert PASSWORD not in shown and TOKEN not in shown


def test_settings_repr_shows_no_secret() -> None:
    settings = Settings(
        neo4j_uri=f"bolt://neo4j:{PASSWORD}@db:7687", neo4j_password=PASSWORD, api_token=TOKEN
    )
    assert PASSWORD not in repr(settings) and TOKEN not in repr(settings)


def test_log_records_and_their_tracebacks_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction(PASSWORD)
    log = logging.getLogger("innograph.tests.credentials")
    try:
        raise RuntimeError(f"cannot reach bolt://neo4j:{PASSWORD}@db:7687")
    except RuntimeError:
        log.exception("connecting with %s failed", PASSWORD)
    assert "connecting with" in caplog.text and "RuntimeError" in caplog.text
    assert PASSWORD not in caplog.text


@pytest.mark.neo4j
def test_credentials_in_the_uri_connect_and_stay_hidden() -> None:
    from innograph.graph.neo4j.store import Neo4jStore

    uri = os.environ.get("INNOGRAPH_NEO4J_URI")
    password = os.environ.get("INNOGRAPH_NEO4J_PASSWORD", "")
    if not uri:
        if os.environ.get("CI"):
            pytest.fail("CI runs the Neo4j tests: INNOGRAPH_NEO4J_URI is unset")
        pytest.skip("INNOGRAPH_NEO4J_URI is unset")
    scheme, _, address = uri.partition("://")
    quoted = quote(password, safe="")
    with Neo4jStore(f"{scheme}://neo4j:{quoted}@{address}", "", None, ensure_schema=False) as store:
        assert store.version() is not None  # the URI's credentials were the ones used
        assert store.uri == uri and password not in store.uri
