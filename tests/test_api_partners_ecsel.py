"""The partner search on the real CORDIS ECSEL import, against the participants CSV read
in plain Python: paging through a selection with ``next`` gives exactly the organisations
(by PIC) the CSV says, the whole CSV answer holds the total, and project counts agree."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.import_helpers import read_rows, run_import

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ecsel(
    shared_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, EmbeddedStore, list[dict[str, str]]]]:
    data = shared_dir / "data" / "structured"
    store_dir = tmp_path_factory.mktemp("partners-ecsel") / "store"
    code, _, err = run_import(
        "cordis",
        "--projects",
        str(data / "ecsel_h2020_projects.csv"),
        "--participants",
        str(data / "ecsel_h2020_participants.csv"),
        "--store",
        str(store_dir),
        "--bulk",
    )
    assert code == 0, err
    _, rows = read_rows(data / "ecsel_h2020_participants.csv")
    store = EmbeddedStore(store_dir)
    with TestClient(create_app(Settings(store_dir=store_dir), store=store)) as client:
        yield client, store, rows
    store.close()


def pics(rows: list[dict[str, str]], **wanted: str) -> set[str]:
    """PICs of the participants whose columns have the wanted values."""
    return {
        r["organisationID"]
        for r in rows
        if r["name"] and all(r[column] == value for column, value in wanted.items())
    }


def page_through(client: TestClient, params: dict[str, Any]) -> tuple[list[str], int]:
    """Every id of the selection, following ``next`` from the first page; and the total."""
    ids: list[str] = []
    body = client.get("/api/organisations", params=params).json()
    total = body["total"]
    while True:
        ids += [row["organisation"]["id"] for row in body["data"]]
        assert body["total"] == total
        if body["next"] is None:
            return ids, total
        body = client.get(body["next"]).json()


def pic_of(store: EmbeddedStore, entity_id: str) -> str:
    node = store.get_node(entity_id)
    assert node is not None
    return str(node.properties["pic"])


@pytest.mark.parametrize(
    "wanted",
    [{"activityType": "HES", "country": "DE"}, {"activityType": "REC"}, {"country": "NL"}],
)
def test_paging_a_selection_gives_the_participants_of_the_csv(
    ecsel: tuple[TestClient, EmbeddedStore, list[dict[str, str]]], wanted: dict[str, str]
) -> None:
    client, store, rows = ecsel
    params: dict[str, Any] = {"limit": 37}
    if "activityType" in wanted:
        params["type"] = wanted["activityType"]
    if "country" in wanted:
        params["country"] = wanted["country"]
    ids, total = page_through(client, params)
    assert len(ids) == len(set(ids)) == total
    assert {pic_of(store, i) for i in ids} == pics(rows, **wanted)
    whole_params = {k: v for k, v in params.items() if k != "limit"}
    whole = client.get("/api/organisations", params={**whole_params, "format": "csv"})
    assert whole.status_code == 200
    table = list(csv.DictReader(io.StringIO(whole.text)))
    assert [r["id"] for r in table] == ids


def test_every_participant_is_found_once_with_its_projects(
    ecsel: tuple[TestClient, EmbeddedStore, list[dict[str, str]]],
) -> None:
    client, store, rows = ecsel
    projects: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["name"]:
            projects[r["organisationID"]].add(r["projectID"])
    body = client.get("/api/organisations", params={"limit": 1000, "facet_size": 0}).json()
    assert body["total"] == len(projects)
    for row in body["data"][:100]:  # the most active first
        assert row["projects"] == len(projects[pic_of(store, row["organisation"]["id"])])
    counts = [row["projects"] for row in body["data"]]
    assert counts == sorted(counts, reverse=True)
