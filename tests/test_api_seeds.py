"""The API on the graph of the seed documents (ingested by the real pipeline): search
and collaborators answer as the store does. No seed name is written here: the test
picks its subjects from the graph itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.domain import organisation_types
from innograph.graph.store import GraphStore
from innograph.graph.types import Node


@pytest.fixture(scope="module")
def client(seeds_store: GraphStore, seeds_store_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store_dir=seeds_store_dir), store=seeds_store)) as c:
        yield c


@pytest.fixture(scope="module")
def busiest_organisation(seeds_store: GraphStore) -> Node:
    """The organisation with the most collaborators in the seeds graph."""
    orgs = list(seeds_store.iter_nodes(types=organisation_types()))
    assert orgs, "the seeds graph has no organisation"
    return max(orgs, key=lambda o: (len(seeds_store.collaborators(o.id, limit=500)), o.id))


def test_search_finds_each_organisation_by_its_name(
    client: TestClient, seeds_store: GraphStore
) -> None:
    orgs = list(seeds_store.iter_nodes(types=["Organisation"]))[:15]
    for node in orgs:
        body = client.get("/api/search", params={"q": node.name, "type": node.type}).json()
        assert node.id in [n["id"] for n in body["data"][:3]], node.name
        # in any case
        upper = client.get("/api/search", params={"q": node.name.upper()}).json()
        assert node.id in [n["id"] for n in upper["data"]], node.name


def test_collaborators_match_the_store(
    client: TestClient, seeds_store: GraphStore, busiest_organisation: Node
) -> None:
    expected = seeds_store.collaborators(busiest_organisation.id)
    assert expected, "the seeds graph has no partnership"
    body = client.get(f"/api/organisations/{busiest_organisation.id}/collaborators").json()
    assert [(c["organisation"]["id"], c["score"]) for c in body["data"]] == [
        (c.organisation.id, c.score) for c in expected
    ]
    for collaborator in body["data"]:
        assert collaborator["shared"], "every collaborator comes with the shared items"


def test_stats_and_analytics_on_the_seeds(client: TestClient, seeds_store: GraphStore) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == seeds_store.stats().documents == 5
    centrality = client.get("/api/analytics/centrality", params={"top": 5}).json()
    assert centrality["count"] >= 1 and centrality["data"][0]["score"] >= 1
    communities = client.get("/api/analytics/communities").json()
    assert communities["count"] >= 1
