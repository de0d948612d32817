"""An organisation's collaborators over HTTP: pages with total and next, the sorts, the
country and type filters, and CSV whole or by the page (tests/collaborator_data.py)."""

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
from innograph.graph.store import GraphStore
from innograph.tests.collaborator_data import ANVIL, BIRCH, COBALT, DUNE, ME, partners

URL = f"/api/organisations/{ME}/collaborators"


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    for facts in partners():
        store.upsert_document(facts)
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as test_client:
        yield test_client


def ids(body: dict[str, Any]) -> list[str]:
    return [item["organisation"]["id"] for item in body["data"]]


def test_pages_say_the_total_and_link_the_next(client: TestClient) -> None:
    first = client.get(URL, params={"limit": 2})
    body = first.json()
    assert ids(body) == [ANVIL, BIRCH]
    assert (body["total"], body["offset"], body["limit"], body["count"]) == (4, 0, 2, 2)
    assert body["next"] == f"{URL}?limit=2&offset=2"
    assert first.headers["Link"] == f'<{body["next"]}>; rel="next"'
    assert first.headers["X-Total-Count"] == "4"
    last = client.get(body["next"])
    assert ids(last.json()) == [COBALT, DUNE]
    assert last.json()["next"] is None and "Link" not in last.headers
    assert client.get(URL).json()["limit"] == 50


def test_a_collaborator_row(client: TestClient) -> None:
    birch = client.get(URL, params={"country": "NL"}).json()["data"]
    assert birch == [
        {
            "organisation": {"id": BIRCH, "type": "Organisation", "name": "Birch College"},
            "country": "NL",
            "activity_type": "HES",
            "score": 2,
            "projects": 2,
            "first_year": 2015,
            "last_year": 2022,
            "contribution_eur": 215.0,
            "shared": birch[0]["shared"],
        }
    ]
    assert [s["name"] for s in birch[0]["shared"]] == ["P1", "P2"]


def test_sort_and_filters_carry_into_next(client: TestClient) -> None:
    params: dict[str, str | int] = {"sort": "-contribution", "type": "PRC,HES,REC", "limit": 1}
    body = client.get(URL, params=params).json()
    assert ids(body) == [BIRCH] and body["total"] == 3
    second = client.get(body["next"]).json()
    assert ids(second) == [ANVIL]
    third = client.get(second["next"]).json()
    assert ids(third) == [COBALT] and third["next"] is None
    assert ids(client.get(URL, params={"sort": "country"}).json()) == [ANVIL, DUNE, BIRCH, COBALT]
    assert ids(client.get(URL, params={"type": "cluster"}).json()) == [DUNE]


def test_csv_whole_without_limit_and_a_page_with_one(client: TestClient) -> None:
    whole = client.get(URL, params={"format": "csv", "sort": "name"})
    assert whole.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(whole.text)))
    assert [r["id"] for r in rows] == [ANVIL, BIRCH, COBALT, DUNE]
    assert rows[1]["contribution_eur"] == "215.0" and rows[2]["contribution_eur"] == ""
    assert whole.headers["X-Total-Count"] == "4" and "Link" not in whole.headers
    page = client.get(URL, params={"format": "csv", "limit": 3})
    assert len(list(csv.DictReader(io.StringIO(page.text)))) == 3
    assert page.headers["X-Total-Count"] == "4"
    assert page.headers["Link"] == f'<{URL}?format=csv&limit=3&offset=3>; rel="next"'


@pytest.mark.parametrize(
    ("query", "names"),
    [("sort=budget", "sort"), ("limit=1001", "limit"), ("offset=-1", "offset")],
)
def test_bad_paging_is_refused(client: TestClient, query: str, names: str) -> None:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 422
    assert names in response.json()["error"]
