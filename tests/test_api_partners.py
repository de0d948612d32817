"""GET /api/organisations, the partner search, on both stores: every filter selects what a
hand-made selection of the same graph (tests/partner_graph.py) says, facets count the
selection under the other filters, pages add up to the whole, and the CSV is whole."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.api.routes.organisations import PartnersPublic
from innograph.config import Settings
from innograph.graph.store import GraphStore
from innograph.tests.partner_graph import (
    BY_KEY,
    HOSTILE,
    ORGS,
    country_of,
    expected,
    kind_of,
    programme_id,
    projects_of,
)

URL = "/api/organisations"
ALL = {org.id for org in ORGS}


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    from innograph.tests.partner_graph import partner_facts

    store.upsert_document(partner_facts())
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as test_client:
        yield test_client


def get(client: TestClient, params: Any) -> dict[str, Any]:
    response = client.get(URL, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def found(body: dict[str, Any]) -> set[str]:
    return {row["organisation"]["id"] for row in body["data"]}


# Each filter alone; every one must select fewer than all and more than none, so a route
# that ignored it (answering all) or misread it (answering none) fails.
SINGLE_FILTERS = [
    ("country", "NL"),
    ("country", "be"),
    ("region", "NL4"),
    ("region", "NL41"),
    ("region", "BE"),
    ("type", "PRC"),
    ("type", "hes"),
    ("type", "Cluster"),
    ("type", "Organisation"),
    ("programme", programme_id("erdf")),
    ("programme", programme_id("h2020")),
    ("theme", "Hydrogen"),
    ("theme", "smart grids"),
    ("q", "univ"),
    ("q", "Systems"),
]


@pytest.mark.parametrize(("facet", "value"), SINGLE_FILTERS)
def test_each_filter_selects_what_the_graph_says(
    client: TestClient, facet: str, value: str
) -> None:
    want = expected({facet: [value]})
    assert want and want != ALL  # the filter means something on this graph
    body = get(client, {facet: value, "limit": 100})
    assert found(body) == want
    assert body["total"] == len(want) == body["count"]


def test_filters_combine_and_values_within_a_facet_are_alternatives(client: TestClient) -> None:
    both = {"country": ["NL", "BE"], "type": ["PRC", "REC"]}
    body = get(client, [("country", "NL"), ("country", "be"), ("type", "PRC,REC"), ("limit", 100)])
    assert found(body) == expected(both)
    assert expected(both) != expected({"country": ["NL", "BE"]})
    assert expected(both) != expected({"type": ["PRC", "REC"]})
    assert body["filters"]["country"] == ["NL", "BE"] and body["filters"]["type"] == ["PRC", "REC"]


def test_a_region_code_includes_the_regions_below_it(client: TestClient) -> None:
    nl4 = found(get(client, {"region": "NL4"}))
    assert nl4 == {BY_KEY["a"].id, BY_KEY["b"].id, BY_KEY["j"].id}
    assert found(get(client, {"region": "NL41"})) == {BY_KEY["a"].id, BY_KEY["j"].id}
    assert found(get(client, {"region": "NL"})) == expected({"country": ["NL"]})
    assert get(client, {"region": "PL9"})["total"] == 0


def facet_of(body: dict[str, Any], name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in body["facets"][name]["values"]}


def test_facets_of_the_whole_graph_add_up(client: TestClient) -> None:
    body = get(client, {"facet_size": 100})
    assert body["total"] == len(ORGS)
    for name, value_of in (("country", country_of), ("type", kind_of)):
        facet = body["facets"][name]
        counts = facet_of(body, name)
        assert sum(counts.values()) + facet["missing"] == body["total"]
        by_hand: dict[str, int] = {}
        for org in ORGS:
            if (value := value_of(org)) is not None:
                by_hand[value] = by_hand.get(value, 0) + 1
        assert counts == by_hand
    themes = facet_of(body, "theme")
    assert themes["hydrogen"] == len(expected({"theme": ["hydrogen"]}))
    programmes = facet_of(body, "programme")
    assert programmes == {
        programme_id(p): len(expected({"programme": [programme_id(p)]})) for p in ("erdf", "h2020")
    }
    # Regions one level at a time: NUTS 1 with nothing chosen.
    assert facet_of(body, "region") == {"NL4": 3, "NL3": 1, "BE2": 1}


def test_facets_count_the_selection_under_the_other_filters(client: TestClient) -> None:
    body = get(client, {"country": "NL", "type": "PRC", "facet_size": 100})
    assert found(body) == expected({"country": ["NL"], "type": ["PRC"]})
    # The type facet: NL organisations of each type (the type filter left out) ...
    types = facet_of(body, "type")
    for kind, count in types.items():
        assert count == len(expected({"country": ["NL"], "type": [kind]}))
    assert sum(types.values()) + body["facets"]["type"]["missing"] == len(
        expected({"country": ["NL"]})
    )
    # ... the country facet: PRC organisations of each country.
    countries = facet_of(body, "country")
    for code, count in countries.items():
        assert count == len(expected({"country": [code], "type": ["PRC"]}))
    assert countries["NL"] == body["total"]
    selected = {v["value"] for v in body["facets"]["country"]["values"] if v["selected"]}
    assert selected == {"NL"}
    # The region facet lists the level below the chosen code, under the other filters.
    drilled = get(client, {"region": "NL4", "facet_size": 100})
    assert facet_of(drilled, "region") == {"NL4": 3, "NL41": 2, "NL42": 1}


def test_a_facet_value_toggles_its_filter(client: TestClient) -> None:
    body = get(client, {"country": "NL", "offset": 1, "limit": 2})
    toggles = {v["value"]: v["toggle"] for v in body["facets"]["type"]["values"]}
    chosen = get(client, toggles["PRC"].removeprefix(URL + "?"))
    assert chosen["filters"] == {**body["filters"], "type": ["PRC"]}
    assert chosen["offset"] == 0
    off = next(v for v in chosen["facets"]["country"]["values"] if v["value"] == "NL")
    assert off["selected"]
    unchosen = get(client, off["toggle"].removeprefix(URL + "?"))
    assert unchosen["filters"]["country"] == [] and unchosen["filters"]["type"] == ["PRC"]


def test_rows_say_type_country_region_and_projects(client: TestClient) -> None:
    body = get(client, {"limit": 100, "country": "NL,BE,DE,FR", "type": "PRC"})
    assert PartnersPublic.model_validate(body).model_dump(mode="json") == body  # as documented
    rows = {r["organisation"]["id"]: r for r in get(client, {"limit": 100})["data"]}
    alpha = rows[BY_KEY["a"].id]
    assert alpha["type"] == "HES" and alpha["type_label"] == "Higher or secondary education"
    assert (alpha["country"], alpha["region"], alpha["region_name"]) == (
        "NL",
        "NL41",
        "Noord-Brabant",
    )
    for org in ORGS:
        assert rows[org.id]["projects"] == projects_of(org)
    # Most projects first, ties by name.
    order = [r["organisation"]["id"] for r in get(client, {"limit": 100})["data"]]
    ranked = sorted(ORGS, key=lambda o: (-projects_of(o), o.name.casefold()))
    assert [rows[i]["projects"] for i in order] == [projects_of(o) for o in ranked]


@pytest.mark.parametrize("params", [{}, {"country": "NL,BE,DE"}, {"theme": "hydrogen"}])
def test_paging_with_next_gives_the_whole_selection(client: TestClient, params: Any) -> None:
    whole = get(client, {**params, "limit": 100})
    seen: list[str] = []
    response = client.get(URL, params={**params, "limit": 2})
    pages = 0
    while True:
        body = response.json()
        assert body["total"] == whole["total"]
        seen += [row["organisation"]["id"] for row in body["data"]]
        pages += 1
        if body["next"] is None:
            assert "link" not in response.headers
            break
        assert response.headers["link"] == f'<{body["next"]}>; rel="next"'
        response = client.get(body["next"])
    assert len(seen) == len(set(seen)) == whole["total"]
    assert seen == [row["organisation"]["id"] for row in whole["data"]]
    assert pages == -(-whole["total"] // 2)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_without_limit_is_the_whole_selection(client: TestClient) -> None:
    for params in ({}, {"type": "PRC"}, {"country": "NL", "sort": "name"}):
        response = client.get(URL, params={**params, "format": "csv"})
        assert response.headers["content-type"].startswith("text/csv")
        rows = csv_rows(response.text)
        whole = get(client, {**params, "limit": 1000})
        assert [r["id"] for r in rows] == [d["organisation"]["id"] for d in whole["data"]]
        assert response.headers["x-total-count"] == str(whole["total"]) == str(len(rows))
        assert "link" not in response.headers


def test_csv_page_says_where_it_stopped(client: TestClient) -> None:
    response = client.get(URL, params={"format": "csv", "limit": 3, "offset": 3})
    rows = csv_rows(response.text)
    assert len(rows) == 3
    assert response.headers["x-total-count"] == str(len(ORGS))
    assert (
        response.headers["link"].startswith("</api/organisations?")
        and "offset=6" in response.headers["link"]
    )


def test_hostile_name_is_data_everywhere(client: TestClient) -> None:
    hostile = BY_KEY["g"]
    body = get(client, {"q": "onerror"})
    assert [r["organisation"]["name"] for r in body["data"]] == [HOSTILE]
    rows = csv_rows(client.get(URL, params={"format": "csv", "country": "FR"}).text)
    assert rows[0]["id"] == hostile.id
    assert rows[0]["name"] == "'" + HOSTILE  # a spreadsheet shows it, never runs it


@pytest.mark.parametrize(
    ("query", "status", "names"),
    [
        ("contry=NL", 422, "'contry' is not a parameter"),
        ("country=Netherlands", 422, "country"),
        ("region=N-L", 422, "region"),
        ("type=University", 422, "type"),
        ("programme=not an id", 422, "programme"),
        ("programme=programme-nowhere", 404, "programme"),
        (f"programme={BY_KEY['a'].id}", 422, "programme"),
        ("sort=size", 422, "sort"),
        ("limit=0", 422, "limit"),
        ("limit=1001", 422, "limit"),
    ],
)
def test_bad_input_is_refused(client: TestClient, query: str, status: int, names: str) -> None:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == status
    assert names in response.json()["error"]


def test_the_selection_follows_the_graph(client: TestClient, store: GraphStore) -> None:
    """A new organisation is found once written (the index is per graph version)."""
    from innograph.tests.builders import make_facts

    before = get(client, {"country": "PL"})["total"]
    store.upsert_document(
        make_facts("test://later", [("x", "Organisation", "Kappa Sp. z o.o.", {"country": "PL"})])
    )
    after = get(client, {"country": "PL"})
    assert (before, after["total"]) == (0, 1)
