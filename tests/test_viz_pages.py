"""The HTML views over HTTP (no browser): content, escaping, errors, static files, offline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import load_settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.store import GraphStore
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts
from innograph.viz.routes import router

HOSTILE = "<img src=x onerror=alert(1)>"


def client_for(store: GraphStore) -> TestClient:
    return TestClient(create_app(load_settings(), store=store, routers=[router]))


@pytest.fixture(scope="module")
def seeds(seeds_store: GraphStore) -> TestClient:
    return client_for(seeds_store)


@pytest.fixture()
def small(tmp_path: Path) -> Iterator[TestClient]:
    """Two organisations in two countries sharing a project, and a hostile name."""
    store = EmbeddedStore(tmp_path / "store")
    store.upsert_document(
        make_facts(
            "test://small",
            [
                ("a", "Organisation", "Alder Labs", {"country": "BE"}),
                ("b", "Organisation", "Birch Institute", {"country": "NL"}),
                ("p", "Project", "CANOPY"),
                ("x", "Organisation", HOSTILE),
            ],
            [
                ("PARTICIPATES_IN", "a", "p", {"evidence": "Alder Labs joins CANOPY."}),
                ("PARTICIPATES_IN", "b", "p", {"evidence": "Birch Institute joins CANOPY."}),
                ("COLLABORATES_WITH", "x", "a", {"evidence": f"{HOSTILE} works with Alder."}),
            ],
        )
    )
    yield client_for(store)
    store.close()


def view_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', html, re.S)
    assert match, "the page embeds no view model"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def an_organisation(client: TestClient) -> dict[str, Any]:
    """The organisation of the seeds with the most neighbours (from the API)."""
    found = client.get("/api/search", params={"q": "a", "type": "Organisation", "limit": 100})
    best: dict[str, Any] | None = None
    best_count = -1
    for item in found.json()["data"]:
        count = client.get(f"/api/entities/{item['id']}/neighbourhood").json()["count"]
        if count > best_count:
            best, best_count = item, count
    assert best is not None
    return best


# -- start page ---------------------------------------------------------------------------


def test_start_page_shows_the_graph_statistics(seeds: TestClient) -> None:
    stats = seeds.get("/api/stats").json()
    page = seeds.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f"{stats['total_nodes']:,} entities" in page.text
    assert f"{stats['documents']:,} documents" in page.text
    assert 'data-autocomplete=""' in page.text  # the search box asks /api/search


def test_start_page_lists_search_results_as_entity_links(seeds: TestClient) -> None:
    org = an_organisation(seeds)
    page = seeds.get("/", params={"q": org["name"]})
    assert f'href="/entity/{org["id"]}"' in page.text
    empty = seeds.get("/", params={"q": "zzqxv nothing like it"})
    assert "Nothing found" in empty.text


# -- entity page --------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1, 2])
def test_entity_page_draws_the_api_neighbourhood(seeds: TestClient, depth: int) -> None:
    org = an_organisation(seeds)
    api = seeds.get(f"/api/entities/{org['id']}/neighbourhood", params={"depth": depth}).json()
    page = seeds.get(f"/entity/{org['id']}", params={"depth": depth})
    assert page.status_code == 200
    data = view_data(page.text)
    assert {n["id"] for n in data["nodes"]} == {n["id"] for n in api["nodes"]}
    assert len(data["edges"]) == len(api["edges"])
    assert data["centre"] == org["id"]
    assert f'href="/id/{org["id"]}"' in page.text  # its RDF / IRI
    assert "Relations and evidence" in page.text


def test_missing_or_malformed_entity_is_a_one_line_html_404(seeds: TestClient) -> None:
    for path in ("/entity/org-no-such-thing", "/entity/not%20an%20id"):
        page = seeds.get(path)
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert len(re.findall(r"<p class=error>", page.text)) == 1


def test_iri_of_an_entity_leads_a_browser_to_its_page(small: TestClient) -> None:
    found = small.get("/api/search", params={"q": "Alder Labs"}).json()["data"][0]
    answer = small.get(
        f"/id/{found['id']}", headers={"Accept": "text/html"}, follow_redirects=False
    )
    assert answer.status_code == 303
    assert answer.headers["location"].endswith(f"/entity/{found['id']}")


def test_hostile_names_are_escaped_everywhere(small: TestClient) -> None:
    hostile = small.get("/api/search", params={"q": "img src"}).json()["data"][0]
    assert hostile["name"] == HOSTILE
    alder = small.get("/api/search", params={"q": "Alder Labs"}).json()["data"][0]
    pages = [
        small.get(f"/entity/{hostile['id']}").text,
        small.get(f"/entity/{alder['id']}").text,
        small.get("/", params={"q": "img"}).text,
        small.get("/", params={"q": HOSTILE}).text,
        small.get("/map").text,
        # The error page repeats what was asked for.
        small.get("/entity/" + quote(HOSTILE, safe="")).text,
        small.get("/paths", params={"from": HOSTILE}).text,
    ]
    for html in pages:
        assert "<img" not in html
        assert "onerror=alert(1)>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[0]
    # The JSON block keeps the name, with < and > as \u escapes the parser does not see.
    data = view_data(pages[1])
    assert HOSTILE in {n["label"] for n in data["nodes"]}
    assert "\\u003cimg" in pages[1]


def test_no_page_refers_to_anything_outside_the_app(small: TestClient) -> None:
    alder = small.get("/api/search", params={"q": "Alder Labs"}).json()["data"][0]
    birch = small.get("/api/search", params={"q": "Birch"}).json()["data"][0]
    for path in (
        "/",
        f"/entity/{alder['id']}",
        f"/paths?from={alder['id']}&to={birch['id']}",
        "/map",
    ):
        html = small.get(path).text
        assert not re.search(r"(src|href)=\"?(https?:)?//", html), path
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
            assert small.get(asset).status_code == 200, asset


# -- paths --------------------------------------------------------------------------------


def test_paths_page_draws_the_api_paths_with_the_border_marked(small: TestClient) -> None:
    alder = small.get("/api/search", params={"q": "Alder Labs"}).json()["data"][0]
    birch = small.get("/api/search", params={"q": "Birch"}).json()["data"][0]
    api = small.get("/api/paths", params={"from": alder["id"], "to": birch["id"]}).json()
    page = small.get("/paths", params={"from": alder["id"], "to": birch["id"]})
    data = view_data(page.text)
    expected = {n["id"] for p in api["data"] for n in p["nodes"]}
    assert {n["id"] for n in data["nodes"]} == expected
    assert api["data"][0]["crosses_border"]
    assert data["edges"] and all(e["cross_border"] for e in data["edges"])
    assert any("Alder Labs joins CANOPY." in line for e in data["edges"] for line in e["tooltip"])


def test_paths_page_says_why_there_is_no_partnership_path(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.upsert_document(
        make_facts(
            "test://region",
            [
                ("a", "Organisation", "Oak Works"),
                ("b", "Organisation", "Pine Lab"),
                ("r", "Region", "Limburg"),
            ],
            [("LOCATED_IN", "a", "r"), ("LOCATED_IN", "b", "r")],
        )
    )
    oak, pine = (
        make_canonical_id("Organisation", "Oak Works"),
        make_canonical_id("Organisation", "Pine Lab"),
    )
    page = client_for(store).get("/paths", params={"from": oak, "to": pine})
    assert page.status_code == 200
    assert "No partnership path of at most 4 hops" in page.text
    assert "connected within 2 hops only through a Region (Limburg)" in page.text
    store.close()


def test_paths_page_says_what_is_wrong_in_one_line(small: TestClient) -> None:
    canopy = small.get("/api/search", params={"q": "CANOPY"}).json()["data"][0]
    alder = small.get("/api/search", params={"q": "Alder Labs"}).json()["data"][0]
    cases = {
        f"/paths?from={canopy['id']}&to={alder['id']}": "is a Project, not a",
        "/paths?from=Zzyzx&to=Birch": "no Organisation or Cluster matches &#39;Zzyzx&#39;",
        f"/paths?from={alder['id']}&to={alder['id']}": "the same organisation",
        "/paths?from=org-nobody&to=org-nobody-else": "no entity with id",
    }
    for path, message in cases.items():
        page = small.get(path)
        assert page.status_code == 200, path
        assert message in page.text, path
        assert "view-data" not in page.text


# -- map ----------------------------------------------------------------------------------


def test_map_of_a_project_shows_its_partners(small: TestClient) -> None:
    canopy = small.get("/api/search", params={"q": "CANOPY"}).json()["data"][0]
    page = small.get("/map", params={"project": canopy["id"]})
    data = view_data(page.text)
    names = {n["label"] for n in data["nodes"]}
    assert names == {"Alder Labs", "Birch Institute"}
    assert [e["cross_border"] for e in data["edges"]] == [True]


def test_map_filters_and_bad_filters(seeds: TestClient) -> None:
    full = view_data(seeds.get("/map").text)
    assert full["nodes"], "the seeds have a collaboration network"
    capped = view_data(seeds.get("/map", params={"cap": 3}).text)
    assert len(capped["nodes"]) == 3
    assert (
        capped["message"] == f"showing the 3 most connected of {len(full['nodes'])} organisations"
    )
    clusters = view_data(seeds.get("/map", params={"types": "Cluster"}).text)
    assert all(n["type"] == "Cluster" for n in clusters["nodes"])
    for params, message in (
        ({"country": "Belgium"}, "not a two-letter country code"),
        ({"types": "Project"}, "not an organisation type"),
        ({"region": "org-flanders"}, "region:"),
    ):
        page = seeds.get("/map", params=params)
        assert page.status_code == 200 and message in page.text, params
    assert seeds.get("/map", params={"cap": 0}).status_code == 422


# -- static files and the serve command ---------------------------------------------------


def test_static_files_are_served_from_the_package_only(seeds: TestClient) -> None:
    js = seeds.get("/static/viz/vis-network/vis-network.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert b"sourceMappingURL" not in js.content
    for bad in ("/static/viz/../routes.py", "/static/viz/%2e%2e/routes.py", "/static/viz/nope.js"):
        assert seeds.get(bad).status_code == 404, bad


def test_serve_includes_the_views() -> None:
    from innograph.cli.serve_cmd import _view_routers

    assert router in _view_routers()


# -- both backends ------------------------------------------------------------------------


def test_views_on_each_backend(store: GraphStore) -> None:
    """The same small graph gives the same pages on the embedded store and on Neo4j."""
    store.upsert_document(
        make_facts(
            "test://backends",
            [
                ("a", "Organisation", "Alder Labs", {"country": "BE"}),
                ("b", "Organisation", "Birch Institute", {"country": "NL"}),
                ("c", "Cluster", "Cedar Cluster", {"country": "NL"}),
                ("p", "Project", "CANOPY"),
            ],
            [
                ("PARTICIPATES_IN", "a", "p", {"evidence": "Alder Labs joins CANOPY."}),
                ("PARTICIPATES_IN", "b", "p", {"evidence": "Birch Institute joins CANOPY."}),
                ("MEMBER_OF", "b", "c", {"evidence": "Birch Institute is in Cedar Cluster."}),
            ],
        )
    )
    client = client_for(store)
    ids = {n.name: n.id for n in store.iter_nodes()}
    alder, birch, cedar = ids["Alder Labs"], ids["Birch Institute"], ids["Cedar Cluster"]
    ego = view_data(client.get(f"/entity/{birch}", params={"depth": 2}).text)
    assert {n["label"] for n in ego["nodes"]} == {
        "Alder Labs",
        "Birch Institute",
        "Cedar Cluster",
        "CANOPY",
    }
    assert {n["id"]: n["country"] for n in ego["nodes"]}[alder] == "BE"
    path = view_data(client.get("/paths", params={"from": alder, "to": cedar}).text)
    assert [n["label"] for n in path["nodes"]] == [
        "Alder Labs",
        "CANOPY",
        "Birch Institute",
        "Cedar Cluster",
    ]
    assert [e["cross_border"] for e in path["edges"]] == [True, True, False]
    mapped = view_data(client.get("/map").text)
    assert {n["label"] for n in mapped["nodes"]} == {"Alder Labs", "Birch Institute"}
    assert "Birch Institute" in client.get("/", params={"q": "birch"}).text
