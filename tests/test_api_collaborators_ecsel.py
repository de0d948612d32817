"""Every collaborator of the organisation with the most collaborators in the CORDIS ECSEL
import, paged through the API, is exactly the set the CSV files give in plain Python."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.import_helpers import run_import

pytestmark = pytest.mark.slow


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def ecsel(
    shared_dir: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: Any
) -> Iterator[tuple[TestClient, EmbeddedStore, Path]]:
    data = shared_dir / "data" / "structured"
    store_dir = tmp_path_factory.mktemp("ecsel-collaborators") / "store"
    code, _, err = run_import(
        "cordis",
        "--projects",
        str(data / "ecsel_h2020_projects.csv"),
        "--participants",
        str(data / "ecsel_h2020_participants.csv"),
        "--store",
        str(store_dir),
    )
    assert code == 0, err
    store = EmbeddedStore(store_dir)
    with TestClient(create_app(Settings(store_dir=store_dir), store=store)) as client:
        yield client, store, data
    store.close()


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    # The import goes to the embedded store even when the environment names a Neo4j server.
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("INNOGRAPH_NEO4J_URI", raising=False)
        yield patch


def test_paging_gives_every_collaborator_the_csv_gives(
    ecsel: tuple[TestClient, EmbeddedStore, Path],
) -> None:
    client, store, data = ecsel
    rows = read_csv(data / "ecsel_h2020_participants.csv")
    projects_of: dict[str, set[str]] = defaultdict(set)  # PIC -> project ids
    members: dict[str, set[str]] = defaultdict(set)  # project id -> PICs
    for row in rows:
        projects_of[row["organisationID"]].add(row["projectID"])
        members[row["projectID"]].add(row["organisationID"])

    def partners(pic: str) -> set[str]:
        return {o for p in projects_of[pic] for o in members[p]} - {pic}

    top = max(projects_of, key=lambda pic: (len(partners(pic)), pic))
    expected = {o: len(projects_of[o] & projects_of[top]) for o in partners(top)}
    assert len(expected) > 1000  # paging has work to do: more than the largest page

    # Which node carries which PIC: one node per PIC, one PIC per node.
    pic_of = {n.id: str(n.properties["pic"]) for n in store.iter_nodes(types=["Organisation"])}
    assert len(set(pic_of.values())) == len(pic_of) == len(projects_of)
    me = next(node for node, pic in pic_of.items() if pic == top)

    got: dict[str, dict[str, Any]] = {}
    url: str | None = f"/api/organisations/{me}/collaborators?limit=150"
    pages, totals, previous = 0, set(), None
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        pages += 1
        totals.add(body["total"])
        for item in body["data"]:
            pic = pic_of[item["organisation"]["id"]]
            assert pic not in got, "a collaborator on two pages"
            got[pic] = item
        # Most shared first, all the way through the pages.
        scores = [item["score"] for item in body["data"]]
        assert scores == sorted(scores, reverse=True)
        assert previous is None or not scores or previous >= scores[0]
        previous = scores[-1] if scores else previous
        url = body["next"]
    assert totals == {len(expected)}
    assert pages == math.ceil(len(expected) / 150)
    assert {pic: item["score"] for pic, item in got.items()} == expected


def test_contributions_and_years_are_the_csv_sums(
    ecsel: tuple[TestClient, EmbeddedStore, Path],
) -> None:
    client, store, data = ecsel
    rows = read_csv(data / "ecsel_h2020_participants.csv")
    start = {p["projectID"]: p["startDate"] for p in read_csv(data / "ecsel_h2020_projects.csv")}
    # The coordinator of the first project, and its partners there and elsewhere.
    lead = next(r for r in rows if r["role"] == "coordinator")
    mine = {r["projectID"] for r in rows if r["organisationID"] == lead["organisationID"]}
    amounts: dict[str, list[float]] = defaultdict(list)
    years: dict[str, list[int]] = defaultdict(list)
    rows_per_pair: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        if r["projectID"] in mine and r["organisationID"] != lead["organisationID"]:
            amounts[r["organisationID"]].append(float(r["ecContribution"]))
            years[r["organisationID"]].append(int(start[r["projectID"]][:4]))
            rows_per_pair[r["organisationID"], r["projectID"]] += 1
    pic_of = {n.id: str(n.properties["pic"]) for n in store.iter_nodes(types=["Organisation"])}
    me = next(node for node, pic in pic_of.items() if pic == lead["organisationID"])
    response = client.get(f"/api/organisations/{me}/collaborators", params={"format": "csv"})
    found = {pic_of[r["id"]]: r for r in csv.DictReader(response.text.splitlines())}
    assert set(found) == set(amounts)
    # A PIC listed twice in one project (participant and thirdParty) is one edge with one
    # amount in the graph: those partners are left out of the sum check.
    single = {
        pic for pic in amounts if all(n == 1 for (p, _), n in rows_per_pair.items() if p == pic)
    }
    assert single
    for pic in single:
        assert float(found[pic]["contribution_eur"]) == pytest.approx(math.fsum(amounts[pic]))
    for pic, found_years in years.items():
        assert (int(found[pic]["first_year"]), int(found[pic]["last_year"])) == (
            min(found_years),
            max(found_years),
        )
