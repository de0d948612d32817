"""A region's collaboration map: its organisations and their partners elsewhere (the
default), or only the partnerships inside it (``region_scope=inside``); totals, outlines
and downloads agree."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from innograph.graph.embedded.store import EmbeddedStore
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts
from innograph.tests.test_viz_pages import HOSTILE, client_for, view_data
from innograph.viz.views.map import MapQuery

REGION = make_canonical_id("Region", "Limburg")
INSIDE = make_canonical_id("Organisation", "Maas Labs")
OUT_A = make_canonical_id("Organisation", "Rhine Works")
OUT_B = make_canonical_id("Organisation", "Scheldt Institute")


@pytest.fixture()
def web(tmp_path: Path) -> Iterator[TestClient]:
    """Maas Labs, in Maastricht (in Limburg), shares a project with two organisations
    elsewhere; two more organisations elsewhere share another project; the region has a
    hostile twin name for the escaping check."""
    store = EmbeddedStore(tmp_path / "store")
    store.upsert_document(
        make_facts(
            "test://region-map",
            [
                ("in", "Organisation", "Maas Labs", {"country": "NL"}),
                ("a", "Organisation", "Rhine Works", {"country": "DE"}),
                ("b", "Organisation", "Scheldt Institute", {"country": "BE"}),
                ("c", "Organisation", "Seine Partners", {"country": "FR"}),
                ("d", "Organisation", "Loire Labs", {"country": "FR"}),
                ("p", "Project", "RIVERS"),
                ("q", "Project", "ELSEWHERE"),
                ("m", "Region", "Maastricht"),
                ("r", "Region", "Limburg", {"country": "NL"}),
                ("h", "Region", HOSTILE),
                ("e", "Region", "Emptyland"),
                ("lone", "Organisation", "Lone Works", {"country": "NL"}),
            ],
            [
                ("PARTICIPATES_IN", "in", "p"),
                ("PARTICIPATES_IN", "a", "p"),
                ("PARTICIPATES_IN", "b", "p"),
                ("PARTICIPATES_IN", "c", "q"),
                ("PARTICIPATES_IN", "d", "q"),
                ("PARTICIPATES_IN", "a", "q"),
                ("LOCATED_IN", "in", "m"),
                ("LOCATED_IN", "m", "r"),
                ("LOCATED_IN", "lone", "h"),
            ],
        )
    )
    yield client_for(store)
    store.close()


def _pairs(rows: list[dict[str, str]]) -> set[frozenset[str]]:
    return {frozenset((r["source"], r["target"])) for r in rows}


def test_a_region_map_shows_its_organisations_and_their_partners_elsewhere(
    web: TestClient,
) -> None:
    page = web.get("/map", params={"region": REGION})
    assert page.status_code == 200
    text = page.text
    # Maas Labs and its two partners; not Rhine–Scheldt (no end in Limburg), not ELSEWHERE.
    assert "This selection: <strong>3</strong> organisations" in text
    assert "<strong id=inside-count>1</strong> in Limburg" in text
    assert "<strong id=outside-count>2</strong> partners elsewhere" in text
    assert "<strong>2</strong> partnerships" in text
    data = view_data(text)
    drawn = {frozenset((e["source"], e["target"])) for e in data["edges"]}
    assert drawn == {frozenset((INSIDE, OUT_A)), frozenset((INSIDE, OUT_B))}
    assert {n["id"]: n["inside"] for n in data["nodes"]} == {
        INSIDE: True,
        OUT_A: False,
        OUT_B: False,
    }
    assert "<span id=drawn-inside>1</span>" in text
    assert re.search(r"<option value=touching selected>", text)
    # The download holds the same pairs the page counts.
    table = web.get("/map.csv", params={"region": REGION})
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert _pairs(rows) == drawn and int(table.headers["x-total-count"]) == 2


def test_region_scope_inside_keeps_only_pairs_inside_the_region(web: TestClient) -> None:
    params = {"region": REGION, "region_scope": "inside"}
    text = web.get("/map", params=params).text
    assert "Nothing to draw" in text and view_data(text)["nodes"] == []
    assert "only the partnerships between two organisations located in it" in text
    assert re.search(r"<option value=inside selected>", text)
    table = web.get("/map.csv", params=params)
    assert list(csv.DictReader(io.StringIO(table.text))) == []
    assert web.get("/map", params={**params, "region_scope": "around"}).status_code == 422


def test_other_filters_hold_for_both_ends_of_a_region_pair(web: TestClient) -> None:
    params = {"region": REGION, "country": "NL,DE,BE"}
    text = web.get("/map", params=params).text
    # The default scope is left out of the links (as the other defaults are).
    assert "region_scope" not in re.search(r'id=download-csv href="([^"]+)"', text).group(1)  # type: ignore[union-attr]
    assert "<strong>2</strong> partnerships" in text
    french = web.get("/map", params={**params, "country": "FR"})
    assert "Nothing to draw" in french.text


def test_a_hostile_region_name_stays_text(web: TestClient) -> None:
    found = web.get("/api/search", params={"q": "img"}).json()["data"]
    hostile = next(n["id"] for n in found if n["type"] == "Region")
    text = web.get("/map", params={"region": hostile}).text
    assert "<img" not in text and "&lt;img" in text


def test_the_inside_scope_travels_with_the_links() -> None:
    assert ("region_scope", "inside") in MapQuery(region_scope="inside").params()
    assert not any(k == "region_scope" for k, _ in MapQuery().params())


def test_an_empty_region_map_says_why(web: TestClient) -> None:
    empty = web.get("/map", params={"region": make_canonical_id("Region", "Emptyland")})
    assert "no organisation is located in Emptyland" in empty.text
    found = web.get("/api/search", params={"q": "img"}).json()["data"]
    hostile = next(n["id"] for n in found if n["type"] == "Region")
    alone = web.get("/map", params={"region": hostile}).text
    assert "none of the 1 organisations located in &lt;img" in alone
