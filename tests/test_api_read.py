"""The read endpoints over HTTP: search, entities, neighbourhoods, stats, health, and the
JSON errors, CORS and 503 behaviour every endpoint shares."""

from __future__ import annotations

import asyncio
import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from innograph import __version__
from innograph.api.app import create_app
from innograph.api.routes.search import SEARCH_THREADS
from innograph.api.schemas import SearchPublic
from innograph.config import Settings
from innograph.graph.store import GraphStore
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts

HOGESCHOOL = make_canonical_id("Organisation", "Hogeschool Zuidkust")
ENERGIE = make_canonical_id("Organisation", "Énergie Verte Association")
HARBOUR = make_canonical_id("Cluster", "Harbour Robotics Cluster")
TIDE = make_canonical_id("Project", "Tide Sensor Network")
FUND = make_canonical_id("FundingProgramme", "Coastal Innovation Fund")
PERSON = make_canonical_id("Person", "Mira Vandersteen")

READ_GRAPH = make_facts(
    "test://read",
    [
        ("h", "Organisation", "Hogeschool Zuidkust", {"country": "BE"}),
        ("e", "Organisation", "Énergie Verte Association", {"country": "FR"}),
        ("c", "Cluster", "Harbour Robotics Cluster"),
        ("t", "Project", "Tide Sensor Network", {"budget_eur": 1250000.0}),
        ("f", "FundingProgramme", "Coastal Innovation Fund"),
        ("m", "Person", "Mira Vandersteen"),
    ],
    [
        ("LEADS", "h", "t", {"evidence": "Hogeschool Zuidkust coordinates Tide Sensor Network."}),
        ("PARTICIPATES_IN", "e", "t", {"evidence": "Énergie Verte joins the project."}),
        ("PARTICIPATES_IN", "c", "t"),
        ("FUNDED_BY", "t", "f", {"amount_eur": 800000.0, "confidence": 0.75}),
        ("AFFILIATED_WITH", "m", "h"),
    ],
)


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    store.upsert_document(READ_GRAPH)
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as test_client:
        yield test_client


def found(response_json: dict[str, Any]) -> list[str]:
    return [n["id"] for n in response_json["data"]]


# -- search --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hogeschool Zuidkust", HOGESCHOOL),  # exact
        ("hoge", HOGESCHOOL),  # prefix, any case
        ("energie verte", ENERGIE),  # accents folded
        ("Hogeschol Zuidkust", HOGESCHOOL),  # fuzzy
    ],
)
def test_search_finds_by_name(client: TestClient, query: str, expected: str) -> None:
    body = client.get("/api/search", params={"q": query}).json()
    assert found(body)[0] == expected
    assert body["query"] == query and body["count"] == len(body["data"])


def test_search_type_filter_limit_and_csv(client: TestClient) -> None:
    assert found(client.get("/api/search", params={"q": "t", "type": "Project"}).json()) == [TIDE]
    clusters = client.get("/api/search", params={"q": "harbour", "type": "Organisation"}).json()
    assert found(clusters) == [HARBOUR]  # a Cluster is an Organisation
    assert client.get("/api/search", params={"q": "o", "limit": 1}).json()["count"] == 1
    text = client.get("/api/search", params={"q": "tide", "format": "csv"}).text
    assert list(csv.reader(io.StringIO(text)))[:2] == [
        ["rank", "id", "type", "name"],
        ["1", TIDE, "Project", "Tide Sensor Network"],
    ]


def test_search_json_is_the_documented_schema(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "hogeschool zuidkust", "limit": 3})
    assert response.headers["content-type"] == "application/json"
    body = SearchPublic.model_validate_json(response.content)
    assert body.model_dump() == response.json()  # nothing more, nothing less
    assert body.data[0].id == HOGESCHOOL and body.data[0].properties["country"] == "BE"
    documented = client.get("/openapi.json").json()["paths"]["/api/search"]["get"]
    schema = documented["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/SearchPublic"}


def test_searches_run_in_at_most_search_threads(store: GraphStore, tmp_path: Path) -> None:
    store.upsert_document(READ_GRAPH)
    running, peak = 0, 0
    lock = threading.Lock()

    class SlowSearches:
        """The store, with searches that take long enough to overlap."""

        def __getattr__(self, name: str) -> object:
            return getattr(store, name)

        def search(self, *args: object, **kwargs: object) -> object:
            nonlocal running, peak
            with lock:
                running += 1
                peak = max(peak, running)
            time.sleep(0.05)
            with lock:
                running -= 1
            return store.search(*args, **kwargs)  # type: ignore[arg-type]

    app = create_app(Settings(store_dir=tmp_path), store=SlowSearches())  # type: ignore[arg-type]

    async def many() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return await asyncio.gather(
                *(http.get("/api/search", params={"q": "tide"}) for _ in range(8))
            )

    responses = asyncio.run(many())
    assert [r.status_code for r in responses] == [200] * 8
    assert found(responses[0].json()) == [TIDE]
    assert peak == SEARCH_THREADS


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", "q"),
        ("q=%20%20", "q"),
        ("q=x&type=Planet", "Planet"),
        ("q=x&limit=0", "limit"),
        ("q=x&limit=101", "limit"),
        ("q=x&format=xml", "format"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_search_bad_parameters(client: TestClient, query: str, names: str) -> None:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 422
    body = response.json()
    assert names in body["error"] and set(body) == {"error", "detail"}


# -- entities ------------------------------------------------------------------------------


def test_entity_with_relations_by_type_and_provenance(client: TestClient) -> None:
    body = client.get(f"/api/entities/{TIDE}").json()
    assert body["entity"]["name"] == "Tide Sensor Network"
    assert body["entity"]["properties"]["budget_eur"] == 1250000.0
    assert sorted(body["relations"]) == ["FUNDED_BY", "LEADS", "PARTICIPATES_IN"]
    (lead,) = body["relations"]["LEADS"]
    assert lead["direction"] == "in" and lead["other"]["id"] == HOGESCHOOL
    assert lead["provenance"] == [
        {
            "document": "test://read",
            "evidence": "Hogeschool Zuidkust coordinates Tide Sensor Network.",
            "confidence": 0.9,
        }
    ]
    (funding,) = body["relations"]["FUNDED_BY"]
    assert funding["direction"] == "out" and funding["other"]["id"] == FUND
    assert funding["provenance"][0]["confidence"] == 0.75
    assert {p["other"]["id"] for p in body["relations"]["PARTICIPATES_IN"]} == {ENERGIE, HARBOUR}
    assert [d["source"] for d in body["documents"]] == ["test://read"]


def test_entity_errors(client: TestClient) -> None:
    missing = client.get("/api/entities/org-not-there")
    assert missing.status_code == 404 and "org-not-there" in missing.json()["error"]
    bad = client.get("/api/entities/Not%20an%20id")
    assert bad.status_code == 422 and "not an entity id" in bad.json()["error"]


def test_neighbourhood_depth_types_and_cap(client: TestClient) -> None:
    one = client.get(f"/api/entities/{HOGESCHOOL}/neighbourhood").json()
    assert {n["id"] for n in one["nodes"]} == {HOGESCHOOL, TIDE, PERSON}
    assert one["truncated"] is False and one["centre"] == HOGESCHOOL
    two = client.get(f"/api/entities/{HOGESCHOOL}/neighbourhood", params={"depth": 2}).json()
    assert {n["id"] for n in two["nodes"]} == {HOGESCHOOL, TIDE, PERSON, ENERGIE, HARBOUR, FUND}
    assert {(e["source"], e["type"], e["target"]) for e in two["edges"]} >= {
        (HOGESCHOOL, "LEADS", TIDE),
        (TIDE, "FUNDED_BY", FUND),
    }
    orgs = client.get(
        f"/api/entities/{HOGESCHOOL}/neighbourhood",
        params={"depth": 2, "types": "Organisation"},
    ).json()
    assert {n["id"] for n in orgs["nodes"]} == {HOGESCHOOL, ENERGIE, HARBOUR}
    capped = client.get(
        f"/api/entities/{HOGESCHOOL}/neighbourhood", params={"depth": 2, "limit": 2}
    ).json()
    assert capped["count"] == 2 and capped["truncated"] is True
    assert capped["total_nodes"] == 6


@pytest.mark.parametrize(
    ("query", "names"), [("depth=4", "depth"), ("depth=0", "depth"), ("types=Thing", "Thing")]
)
def test_neighbourhood_bad_parameters(client: TestClient, query: str, names: str) -> None:
    response = client.get(f"/api/entities/{HOGESCHOOL}/neighbourhood?{query}")
    assert response.status_code == 422 and names in response.json()["error"]


# -- stats, health, version ------------------------------------------------------------------


def test_stats_count_by_type(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["nodes"] == {
        "Cluster": 1,
        "FundingProgramme": 1,
        "Organisation": 2,
        "Person": 1,
        "Project": 1,
    }
    assert body["relationships"]["PARTICIPATES_IN"] == 2
    assert body["total_nodes"] == 6 and body["total_relationships"] == 5
    assert body["documents"] == 1 and body["last_update"]


def test_health_and_version(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["graph_version"]
    assert client.get("/version").json() == {"name": "innograph", "version": __version__}


# -- what every endpoint shares ----------------------------------------------------------------

ISSUE_ENDPOINTS = {
    ("get", "/api/search"),
    ("get", "/api/entities/{entity_id}"),
    ("get", "/api/entities/{entity_id}/neighbourhood"),
    ("get", "/api/organisations/{org_id}/collaborators"),
    ("get", "/api/collaboration-network"),
    ("get", "/api/paths"),
    ("get", "/api/organisations/{org_id}/suggestions"),
    ("get", "/api/analytics/centrality"),
    ("get", "/api/analytics/communities"),
    ("get", "/api/stats"),
    ("post", "/api/documents"),
    ("get", "/health"),
    ("get", "/version"),
}


def test_openapi_lists_every_endpoint_with_a_summary(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operations = {
        (method, path): op for path, ops in schema["paths"].items() for method, op in ops.items()
    }
    assert ISSUE_ENDPOINTS <= set(operations)
    for key in ISSUE_ENDPOINTS:
        summary = operations[key].get("summary", "")
        # the docstring's line, not FastAPI's name-derived default ("Get Entity")
        assert len(summary.split()) >= 4, (key, summary)
    assert client.get("/docs").status_code == 200


def test_unknown_routes_and_methods_answer_json(client: TestClient) -> None:
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]
    wrong = client.delete("/api/stats")
    assert wrong.status_code == 405 and wrong.json()["error"]


def test_cors_is_off_by_default_and_configurable(store: GraphStore, tmp_path: Path) -> None:
    headers = {"Origin": "https://partner.example", "Access-Control-Request-Method": "GET"}
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as closed:
        response = closed.options("/api/stats", headers=headers)
        assert "access-control-allow-origin" not in response.headers
    settings = Settings(store_dir=tmp_path, cors_origins=("https://partner.example",))
    with TestClient(create_app(settings, store=store)) as opened:
        response = opened.options("/api/stats", headers=headers)
        assert response.headers["access-control-allow-origin"] == "https://partner.example"
        other = opened.get("/api/stats", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize(
    "url",
    [
        "/health",
        "/api/stats",
        "/api/search?q=x",
        f"/api/entities/{TIDE}",
        f"/api/organisations/{HOGESCHOOL}/collaborators",
        "/api/analytics/centrality",
    ],
)
def test_unavailable_embedded_store_gives_503_with_retry_hint(tmp_path: Path, url: str) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the store folder should be")
    with TestClient(create_app(Settings(store_dir=blocked))) as client:
        response = client.get(url)
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) > 0
    assert "unavailable" in response.json()["error"]


def test_a_query_over_its_time_budget_gives_503(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from innograph.api.routes import search

    monkeypatch.setattr(search, "QUERY_BUDGET_SECONDS", 1e-9)
    response = client.get("/api/search", params={"q": "tide"})
    assert response.status_code == 503
    assert "budget" in response.json()["error"]
    assert int(response.headers["retry-after"]) > 0


def test_neo4j_down_gives_503_never_500(tmp_path: Path) -> None:
    pytest.importorskip("innograph.graph.neo4j.store")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = Settings(
        store_dir=tmp_path, neo4j_uri=f"bolt://127.0.0.1:{port}", neo4j_password="secret"
    )
    with TestClient(create_app(settings)) as client:
        for url in ("/health", "/api/search?q=x", f"/api/entities/{TIDE}", "/api/stats"):
            response = client.get(url)
            assert response.status_code == 503, url
            # The address is for the log; the public body only says the store is down.
            assert "unavailable" in response.json()["error"]
            assert f"127.0.0.1:{port}" not in response.text
            assert response.headers["retry-after"]
