"""Security headers: every response says nosniff, no framing and no referrer; HTML pages
get a Content-Security-Policy that lets them load only their own static files, and the
pages use nothing that policy would block (no inline script, no event-handler attribute,
nothing from elsewhere). tests/test_browser.py fails on any CSP violation in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.api.security import COMMON_HEADERS, DATA_POLICY, PAGE_POLICY
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts
from innograph.viz.routes import router as views

ALDER = make_canonical_id("Organisation", "Alder Labs")
BIRCH = make_canonical_id("Organisation", "Birch Institute")
PAGES = ["/", f"/entity/{ALDER}?depth=2", f"/paths?from={ALDER}&to={BIRCH}", "/map"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("headers")
    store = EmbeddedStore(folder / "store")
    store.upsert_document(
        make_facts(
            "test://headers",
            [
                ("a", "Organisation", "Alder Labs", {"country": "BE"}),
                ("b", "Organisation", "Birch Institute", {"country": "NL"}),
                ("p", "Project", "CANOPY"),
            ],
            [("PARTICIPATES_IN", "a", "p"), ("PARTICIPATES_IN", "b", "p")],
        )
    )
    app = create_app(Settings(store_dir=folder), store=store, routers=[views])
    try:
        with TestClient(app) as test_client:
            yield test_client
    finally:
        store.close()


def policy(header: str) -> dict[str, str]:
    """A Content-Security-Policy as {directive: sources}."""
    parts = (p.strip().split(" ", 1) for p in header.split(";") if p.strip())
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


@pytest.mark.parametrize(
    "url",
    [*PAGES, "/api/stats", "/api/search?q=alder&format=csv", f"/doc/{ALDER}.ttl", "/nowhere"],
)
def test_every_response_forbids_sniffing_framing_and_referrers(
    client: TestClient, url: str
) -> None:
    response = client.get(url)
    for name, value in COMMON_HEADERS.items():
        assert response.headers[name] == value, (url, name)
    assert policy(response.headers["Content-Security-Policy"])["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("url", PAGES)
def test_pages_get_a_policy_their_markup_fits(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["Content-Security-Policy"] == PAGE_POLICY
    directives = policy(PAGE_POLICY)
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'none'"
    html = response.text
    for script in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        attributes, body = script
        if 'type="application/json"' in attributes:
            continue  # data, never run
        assert re.search(r'src="/static/viz/[^"]+"', attributes) and not body.strip(), script
    assert not re.search(r"\son[a-z]+\s*=", html), "an inline event handler would be blocked"
    assert not re.search(r'(?:src|href|action)="(?:https?:)?//', html), "loads from elsewhere"


def test_static_files_have_the_type_nosniff_needs(client: TestClient) -> None:
    script = client.get("/static/viz/innograph.js")
    assert re.match(r"(text|application)/javascript", script.headers["content-type"])
    style = client.get("/static/viz/innograph.css")
    assert style.headers["content-type"].startswith("text/css")


def test_data_loads_nothing(client: TestClient) -> None:
    assert client.get("/api/stats").headers["Content-Security-Policy"] == DATA_POLICY


@pytest.mark.parametrize("url", ["/docs", "/redoc"])
def test_docs_load_only_the_apps_own_assets(client: TestClient, url: str) -> None:
    docs = client.get(url)
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    directives = policy(docs.headers["Content-Security-Policy"])
    assert directives["default-src"] == "'none'"
    assert not re.search(r"https?:|\*", docs.headers["Content-Security-Policy"]), "allows elsewhere"
    assert "'unsafe-inline'" not in directives["script-src"]
    # Every asset the page names is the app's own, and is served.
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", docs.text)
    assert assets and all(a.startswith("/static/docs/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    # The inline start-up script (Swagger UI's) is allowed by its hash, no other.
    inline = re.findall(r"<script>(.*?)</script>", docs.text, re.S)
    hashes = re.findall(r"'sha256-[^']+'", directives["script-src"])
    assert len(hashes) == len(inline) == (1 if url == "/docs" else 0)


def test_docs_assets_are_a_fixed_list(client: TestClient) -> None:
    assert client.get("/static/docs/..%2F__init__.py").status_code == 404
    assert client.get("/static/docs/core.py").status_code == 404
    script = client.get("/static/docs/swagger-ui-bundle.js")
    assert script.headers["content-type"].startswith("text/javascript")
