"""Lists that never lie (issue 15): every list route pages with ``total``, ``offset``,
``limit`` and ``next`` (and a ``Link: rel="next"`` header), and following ``next`` from
the first page gives exactly the whole list, each item once. A CSV without ``limit`` is
the whole list, streamed; with one it says where it stopped.

The graph has more items of each list than one page holds; the whole is computed here
from the facts written, in plain Python, not from the API.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.store import GraphStore
from innograph.ontology.facts import DocumentFacts, MergeRecord
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import RelationSpec, make_facts

ORGS = [f"Widget Org {i:02d}" for i in range(23)]
HUB = "Hub Project"
# Each org i also takes part in project i % 5 with the orgs of the same remainder.
SMALL = [f"Small Project {k}" for k in range(5)]
DOCUMENTS = 13
MERGES = 17


def graph() -> list[DocumentFacts]:
    """One document of the network, and a dozen more small ones."""
    entities = [(f"o{i}", "Organisation", name) for i, name in enumerate(ORGS)]
    entities += [("hub", "Project", HUB)]
    entities += [(f"s{k}", "Project", name) for k, name in enumerate(SMALL)]
    relations: list[RelationSpec] = []
    for i in range(len(ORGS)):
        # Amounts all different, so the heaviest-first order of the hub's relations is known.
        relations.append(("PARTICIPATES_IN", f"o{i}", "hub", {"amount_eur": 1000.0 + 7 * i}))
        relations.append(("PARTICIPATES_IN", f"o{i}", f"s{i % 5}"))
    network = make_facts("test://pages/network", entities, relations)
    network.merges = [
        MergeRecord(make_canonical_id("Organisation", ORGS[i]), f"Widget {i}", "acronym")
        for i in range(MERGES)
    ]
    others = [
        make_facts(f"test://pages/doc-{d:02d}", [("x", "Organisation", ORGS[d])])
        for d in range(DOCUMENTS - 1)
    ]
    return [network, *others]


def expected_pairs() -> set[tuple[str, str, int]]:
    """The weighted org-org pairs, from the facts above: every pair shares the hub, and
    the pairs of one remainder a small project too."""
    ids = [make_canonical_id("Organisation", name) for name in ORGS]
    out = set()
    for i, j in itertools.combinations(range(len(ORGS)), 2):
        a, b = sorted((ids[i], ids[j]))
        out.add((a, b, 2 if i % 5 == j % 5 else 1))
    return out


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    for facts in graph():
        store.upsert_document(facts)
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as test_client:
        yield test_client


def walk(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every page of a list, from the first through ``next``; checks each page's fields
    and its ``Link`` header."""
    pages: list[dict[str, Any]] = []
    response = client.get(url, params=params)
    while True:
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert body["offset"] == sum(p["limit"] for p in pages)
        assert body["total"] == (pages[0]["total"] if pages else body["total"])
        assert response.headers["X-Total-Count"] == str(body["total"])
        pages.append(body)
        if body["next"] is None:
            assert "Link" not in response.headers
            assert body["offset"] + body["limit"] >= body["total"]
            return pages
        assert response.headers["Link"] == f'<{body["next"]}>; rel="next"'
        assert len(pages) < 100, "next never ends"
        response = client.get(body["next"])


def items(pages: list[dict[str, Any]], key: str = "data") -> list[Any]:
    for page in pages:
        assert page.get("count", len(page[key])) == len(page[key])
    return [item for page in pages for item in page[key]]


def test_search_pages_through_every_match(client: TestClient) -> None:
    pages = walk(client, "/api/search", q="widget org", type="Organisation", limit=4)
    found = [n["id"] for n in items(pages)]
    assert len(pages) == 6 and pages[0]["total"] == len(ORGS) == len(found)
    assert set(found) == {make_canonical_id("Organisation", name) for name in ORGS}
    whole = client.get("/api/search", params={"q": "widget org", "type": "Organisation"})
    assert whole.json()["count"] == 20 and whole.json()["next"] is not None  # the default page


def test_documents_page_through_every_document(client: TestClient) -> None:
    pages = walk(client, "/api/documents", limit=5)
    sources = [d["source"] for d in items(pages)]
    assert sources == sorted(f.source for f in graph()) and pages[0]["total"] == DOCUMENTS
    table = client.get("/api/documents", params={"format": "csv"})
    assert [row[0] for row in csv.reader(io.StringIO(table.text))][1:] == sources


def test_merges_page_through_every_decision(client: TestClient) -> None:
    pages = walk(client, "/api/merges", q="widget", limit=4)
    assert sorted(m["name"] for m in items(pages, "merges")) == sorted(
        f"Widget {i}" for i in range(MERGES)
    )
    assert pages[0]["total"] == MERGES and len(pages) == 5


def test_neighbourhood_pages_add_up_to_the_whole(client: TestClient) -> None:
    hub = make_canonical_id("Project", HUB)
    pages = walk(client, f"/api/entities/{hub}/neighbourhood", depth=2, limit=6)
    nodes = [n["id"] for n in items(pages, "nodes")]
    edges = [(e["source"], e["type"], e["target"]) for p in pages for e in p["edges"]]
    whole = client.get(f"/api/entities/{hub}/neighbourhood", params={"depth": 2}).json()
    # The hub, its 23 partners, the 5 small projects; each edge on exactly one page.
    assert len(nodes) == len(set(nodes)) == 1 + len(ORGS) + len(SMALL) == whole["total"]
    assert nodes == [n["id"] for n in whole["nodes"]]
    assert len(edges) == len(set(edges)) == 2 * len(ORGS)
    assert set(edges) == {(e["source"], e["type"], e["target"]) for e in whole["edges"]}
    assert [p["truncated"] for p in pages] == [True] * (len(pages) - 1) + [False]


def test_relations_page_heaviest_first(client: TestClient) -> None:
    hub = make_canonical_id("Project", HUB)
    pages = walk(client, f"/api/entities/{hub}/relations", type="PARTICIPATES_IN", limit=5)
    found = items(pages)
    amounts = [r["properties"]["amount_eur"] for r in found]
    assert amounts == sorted((1000.0 + 7 * i for i in range(len(ORGS))), reverse=True)
    assert {r["other"]["name"] for r in found} == set(ORGS)
    table = client.get(
        f"/api/entities/{hub}/relations", params={"type": "PARTICIPATES_IN", "format": "csv"}
    )
    assert len(list(csv.DictReader(io.StringIO(table.text)))) == len(ORGS)
    assert client.get(f"/api/entities/{hub}/relations", params={"type": "NOPE"}).status_code == 422


def test_centrality_pages_rank_every_organisation(client: TestClient) -> None:
    pages = walk(client, "/api/analytics/centrality", top=4)
    ranked = items(pages)
    assert [r["rank"] for r in ranked] == list(range(1, len(ORGS) + 1))
    assert {r["organisation"]["name"] for r in ranked} == set(ORGS)
    scores = [r["score"] for r in ranked]
    assert scores == sorted(scores, reverse=True)
    table = client.get("/api/analytics/centrality", params={"format": "csv"})
    assert len(table.text.splitlines()) == 1 + len(ORGS)


def test_communities_page_through_every_community(client: TestClient) -> None:
    pages = walk(client, "/api/analytics/communities", limit=1)
    found = items(pages)
    assert [c["id"] for c in found] == list(range(pages[0]["total"]))
    assert sum(c["size"] for c in found) == len(ORGS)
    # Brokers are capped by ``brokers``; their total is not.
    every = client.get("/api/analytics/communities", params={"brokers": 200}).json()
    none = client.get("/api/analytics/communities", params={"brokers": 0}).json()
    assert none["brokers"] == [] and none["brokers_total"] == len(every["brokers"])


def test_network_pages_through_every_pair(client: TestClient) -> None:
    pages = walk(client, "/api/collaboration-network", limit=40)
    pairs = [(e["source"], e["target"], e["weight"]) for e in items(pages)]
    expected = expected_pairs()
    assert len(pairs) == len(set(pairs)) == len(expected) == pages[0]["total_edges"]
    assert {(min(a, b), max(a, b), w) for a, b, w in pairs} == expected
    assert [w for _, _, w in pairs] == sorted((w for _, _, w in pairs), reverse=True)


def test_network_csv_streams_every_edge_without_a_limit(client: TestClient) -> None:
    whole = client.get("/api/collaboration-network", params={"format": "csv"})
    assert whole.status_code == 200 and whole.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(whole.text)))
    expected = expected_pairs()
    assert whole.headers["X-Total-Count"] == str(len(expected)) and "Link" not in whole.headers
    assert len(rows) == len(expected) > 1000 // 10  # more than a JSON page of 40
    assert {(min(r["source"], r["target"]), max(r["source"], r["target"]), int(r["weight"]))
            for r in rows} == expected  # fmt: skip
    page = client.get("/api/collaboration-network", params={"format": "csv", "limit": 40})
    assert len(page.text.splitlines()) == 1 + 40
    assert page.headers["X-Total-Count"] == str(len(expected))
    assert page.headers["Link"].endswith('offset=40>; rel="next"')
    last = client.get(
        "/api/collaboration-network", params={"format": "csv", "limit": 40, "offset": 240}
    )
    assert len(last.text.splitlines()) == 1 + len(expected) - 240 and "Link" not in last.headers
