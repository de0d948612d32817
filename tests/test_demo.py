"""`make demo`'s graph is worth exploring: built by the same script the Makefile runs
(scripts/demo-store: the CORDIS ECSEL slice of examples/data, then the demo documents),
it has a map of at least 50 organisations, a path between the two organisations whose
paths page it prints, and suggestions for the organisation whose page it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.viz.routes import router as views

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PORT = "18765"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, list[str]]]:
    """The demo store built by scripts/demo-store, the app over it, and the addresses the
    script printed."""
    folder = tmp_path_factory.mktemp("demo") / "store"
    env = {**os.environ, "VENV": str(Path(sys.executable).parents[1])}
    done = subprocess.run(
        ["scripts/demo-store", str(folder), "127.0.0.1", PORT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    urls = re.findall(rf"http://127\.0\.0\.1:{PORT}\S+", done.stdout)
    store = EmbeddedStore(folder)
    app = create_app(Settings(store_dir=folder), store=store, routers=[views])
    try:
        with TestClient(app) as client:
            yield client, urls
    finally:
        store.close()


def _printed(urls: list[str], path: str) -> str:
    found = [u for u in urls if urlsplit(u).path.startswith(path)]
    assert len(found) == 1, urls
    return found[0]


def test_it_prints_three_addresses(demo: tuple[TestClient, list[str]]) -> None:
    client, urls = demo
    assert len(urls) == 3
    for url in urls:
        parts = urlsplit(url)
        answer = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        assert answer.status_code == 200, url


def test_the_map_shows_at_least_50_organisations(demo: tuple[TestClient, list[str]]) -> None:
    client, urls = demo
    network = client.get("/api/collaboration-network", params={"limit": 1}).json()
    assert network["organisations"] >= 50
    page = client.get(urlsplit(_printed(urls, "/map")).path).text
    drawn = re.search(r'id="network"[^>]*data-nodes="(\d+)"', page)
    assert drawn and int(drawn.group(1)) >= 50


def test_the_printed_organisations_are_connected(demo: tuple[TestClient, list[str]]) -> None:
    client, urls = demo
    query = parse_qs(urlsplit(_printed(urls, "/paths")).query)
    source, target = query["from"][0], query["to"][0]
    answer = client.get("/api/paths", params={"from": source, "to": target, "k": 3}).json()
    assert answer["count"] >= 1, answer
    path = answer["data"][0]
    assert [path["nodes"][0]["id"], path["nodes"][-1]["id"]] == [source, target]
    # Two real organisations of the slice, named in the documents too.
    for org in (source, target):
        node = client.get(f"/api/entities/{org}").json()["entity"]
        assert node["type"] == "Organisation"


def test_the_printed_organisation_gets_suggestions(demo: tuple[TestClient, list[str]]) -> None:
    client, urls = demo
    org = urlsplit(_printed(urls, "/entity/")).path.rsplit("/", 1)[1]
    answer = client.get(f"/api/organisations/{org}/suggestions", params={"limit": 5}).json()
    assert answer["data"], answer
    collaborators = client.get(f"/api/organisations/{org}/collaborators", params={"limit": 500})
    partners = {row["organisation"]["id"] for row in collaborators.json()["data"]}
    assert partners
    for suggestion in answer["data"]:
        suggested = suggestion["organisation"]["id"]
        assert suggested not in partners and suggested != org
        # Suggested for partners in common, each of them a partner of the organisation.
        assert "shared partner" in suggestion["reason"]
        assert {p["id"] for p in suggestion["common_partners"]} <= partners
