"""GET /api/analytics/centrality and /communities over HTTP, on graphs with known answers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.analytics.service import Analytics
from innograph.graph.store import GraphStore
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts


def org(name: str) -> str:
    return make_canonical_id("Organisation", name)


def partnership_facts(
    source: str, projects: dict[str, list[str]], located: dict[str, str]
) -> DocumentFacts:
    """Organisations in projects; ``located`` puts some in a region."""
    orgs = sorted({o for members in projects.values() for o in members})
    regions = sorted(set(located.values()))
    entities = [(o, "Organisation", o) for o in orgs]
    entities += [(p, "Project", p) for p in projects]
    entities += [(r, "Region", r) for r in regions]
    relations = [("PARTICIPATES_IN", o, p) for p, members in projects.items() for o in members]
    relations += [("LOCATED_IN", o, r) for o, r in located.items()]
    return make_facts(source, entities, relations)


# A star (Hub with four leaves) and, apart from it, two cliques joined by a bridge.
PROJECTS = {
    **{f"Spoke {i}": ["Hub Org", f"Leaf Org {i}"] for i in range(1, 5)},
    "Left Project": ["Left A", "Left B", "Left C", "Left D"],
    "Right Project": ["Right A", "Right B", "Right C", "Right D"],
    "Bridge Project": ["Left A", "Right A"],
}
LOCATED = {"Leaf Org 3": "Lowland Province", "Leaf Org 4": "Lowland Province"}


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    store.upsert_document(partnership_facts("test://analytics", PROJECTS, LOCATED))
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as test_client:
        yield test_client


def ranking(body: dict[str, Any]) -> list[tuple[str, float]]:
    return [(s["organisation"]["id"], round(s["score"], 6)) for s in body["data"]]


def test_degree_centrality(client: TestClient) -> None:
    body = client.get("/api/analytics/centrality", params={"measure": "degree", "top": 3}).json()
    assert ranking(body) == [(org("Hub Org"), 4.0), (org("Left A"), 4.0), (org("Right A"), 4.0)]
    assert [s["rank"] for s in body["data"]] == [1, 2, 3]
    assert body["organisations"] == 13 and body["sampled"] is False
    assert body["graph_version"]


def test_betweenness_centrality_is_exact_on_a_small_graph(client: TestClient) -> None:
    body = client.get(
        "/api/analytics/centrality", params={"measure": "betweenness", "top": 3}
    ).json()
    # Left A lies on the paths from the 3 other left organisations to the 4 right ones:
    # 12 of the (n-1)(n-2)/2 = 66 pairs, n = 13; Right A likewise; the hub on the 6
    # pairs of its leaves
    assert [i for i, _ in ranking(body)] == [org("Left A"), org("Right A"), org("Hub Org")]
    assert body["data"][0]["score"] == pytest.approx(12 / 66)
    assert body["data"][2]["score"] == pytest.approx(6 / 66)
    assert body["sampled"] is False and "exact" in body["note"]


def test_betweenness_says_when_it_is_sampled(store: GraphStore, tmp_path: Path) -> None:
    chain = {f"Link {i}": [f"Chain Org {i}", f"Chain Org {i + 1}"] for i in range(1, 60)}
    store.upsert_document(partnership_facts("test://chain", chain, {}))
    app = create_app(Settings(store_dir=tmp_path), store=store)
    app.state.analytics = Analytics(store, budget_seconds=0)  # no time: one batch of sources
    with TestClient(app) as client:
        body = client.get("/api/analytics/centrality", params={"measure": "betweenness"}).json()
    assert body["sampled"] is True
    assert body["sample_size"] < body["organisations"] == 60
    assert "sampled" in body["note"]


def test_eigenvector_and_region_filter_and_csv(client: TestClient) -> None:
    eigen = client.get("/api/analytics/centrality", params={"measure": "eigenvector"}).json()
    assert eigen["data"][0]["organisation"]["id"] in {org("Left A"), org("Right A")}
    region = make_canonical_id("Region", "Lowland Province")
    local = client.get("/api/analytics/centrality", params={"region": region}).json()
    assert [i for i, _ in ranking(local)] == [org("Leaf Org 3"), org("Leaf Org 4")]
    text = client.get("/api/analytics/centrality", params={"top": 1, "format": "csv"}).text
    assert list(csv.reader(io.StringIO(text))) == [
        ["rank", "id", "name", "score"],
        ["1", org("Hub Org"), "Hub Org", "4.0"],
    ]


@pytest.mark.parametrize(
    ("query", "status", "names"),
    [
        ("measure=pagerank", 422, "measure"),
        ("top=0", 422, "top"),
        ("region=region-atlantis", 404, "region"),
        (f"region={org('Hub Org')}", 422, "region"),
    ],
)
def test_centrality_bad_parameters(client: TestClient, query: str, status: int, names: str) -> None:
    response = client.get(f"/api/analytics/centrality?{query}")
    assert response.status_code == status and names in response.json()["error"]


def test_communities_and_brokers(client: TestClient) -> None:
    body = client.get("/api/analytics/communities").json()
    groups = sorted(sorted(m["name"] for m in c["members"]) for c in body["data"])
    assert groups == [
        ["Hub Org", "Leaf Org 1", "Leaf Org 2", "Leaf Org 3", "Leaf Org 4"],
        ["Left A", "Left B", "Left C", "Left D"],
        ["Right A", "Right B", "Right C", "Right D"],
    ]
    assert body["data"][0]["size"] == 5  # largest first
    assert body["algorithm"] == "louvain" and body["modularity"] > 0.4
    assert {b["organisation"]["name"] for b in body["brokers"]} == {"Left A", "Right A"}
    capped = client.get("/api/analytics/communities", params={"limit": 1, "members": 2}).json()
    assert capped["count"] == 1 and len(capped["data"][0]["members"]) == 2
    assert capped["data"][0]["size"] == 5
    assert capped["data"][0]["members"][0]["name"] == "Hub Org"  # by degree
