"""Partner suggestions over HTTP: filters, facets, paging, reasons, and the organisation
page's section (no browser; tests/test_browser.py drives it in Chromium).

One graph, written here, where every answer is known:

    Seeker (BE, REC) and its partners M1 (BE) and M2 (NL) share P0. Each candidate
    shares a project of its own with M1 or M2 (C4 with both), so it is a partner's
    partner: C1 (BE, PRC; via M1), C2 (NL, HES; M1), C3 (NL, PRC; M2), C4 (FR, REC; M1
    and M2), C5 (DE, PRC; M2), C6 (no country, PRC; M1), C7 (a FR cluster; M2). The
    programme X funds the projects of C1 and C3.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.store import GraphStore
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts
from innograph.viz.routes import router as views

HOSTILE = "<img src=x onerror=alert(1)>"
SEEKER = make_canonical_id("Organisation", "Seeker Institute")
M1 = make_canonical_id("Organisation", "Middle One")
M2 = make_canonical_id("Organisation", "Middle Two")
C = {
    1: ("Organisation", "Cand One", "BE", "PRC", ["m1"]),
    2: ("Organisation", "Cand Two", "NL", "HES", ["m1"]),
    3: ("Organisation", "Cand Three", "NL", "PRC", ["m2"]),
    4: ("Organisation", "Cand Four", "FR", "REC", ["m1", "m2"]),
    5: ("Organisation", "Cand Five", "DE", "PRC", ["m2"]),
    6: ("Organisation", HOSTILE, None, "PRC", ["m1"]),
    7: ("Cluster", "Cand Seven", "FR", None, ["m2"]),
}
CID = {k: make_canonical_id(t, name) for k, (t, name, *_rest) in C.items()}
X = make_canonical_id("FundingProgramme", "Programme X")
URL = f"/api/organisations/{SEEKER}/suggestions"


def suggestion_graph() -> DocumentFacts:
    entities: list[Any] = [
        ("s", "Organisation", "Seeker Institute", {"country": "BE", "activity_type": "REC"}),
        ("m1", "Organisation", "Middle One", {"country": "BE", "activity_type": "PRC"}),
        ("m2", "Organisation", "Middle Two", {"country": "NL", "activity_type": "PRC"}),
        ("p0", "Project", "Project Zero"),
        ("x", "FundingProgramme", "Programme X"),
    ]
    relations: list[Any] = [
        ("PARTICIPATES_IN", "s", "p0"),
        ("PARTICIPATES_IN", "m1", "p0"),
        ("PARTICIPATES_IN", "m2", "p0"),
    ]
    for k, (etype, name, country, activity, via) in C.items():
        attrs = {key: v for key, v in (("country", country), ("activity_type", activity)) if v}
        entities += [(f"c{k}", etype, name, attrs), (f"q{k}", "Project", f"Project Q{k}")]
        relations.append(("PARTICIPATES_IN", f"c{k}", f"q{k}"))
        relations += [("PARTICIPATES_IN", m, f"q{k}") for m in via]
    relations += [("FUNDED_BY", "q1", "x"), ("FUNDED_BY", "q3", "x")]
    return make_facts("test://suggestions", entities, relations)


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    store.upsert_document(suggestion_graph())
    app = create_app(Settings(store_dir=tmp_path), store=store, routers=[views])
    with TestClient(app) as test_client:
        yield test_client


def ids(body: dict[str, Any]) -> set[str]:
    return {item["organisation"]["id"] for item in body["data"]}


def cands(*keys: int) -> set[str]:
    return {CID[k] for k in keys}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, cands(1, 2, 3, 4, 5, 6, 7)),
        # Another known country than Belgium: C1 (BE) and C6 (none) go.
        ({"cross_border": "true"}, cands(2, 3, 4, 5, 7)),
        ({"country": "NL"}, cands(2, 3)),
        ({"country": "nl, fr"}, cands(2, 3, 4, 7)),
        ({"type": "PRC"}, cands(1, 3, 5, 6)),
        ({"type": "prc,HES"}, cands(1, 2, 3, 5, 6)),
        ({"type": "Cluster"}, cands(7)),
        ({"programme": X}, cands(1, 3)),
        ({"cross_border": "true", "type": "PRC"}, cands(3, 5)),
        ({"country": "BE", "cross_border": "true"}, set()),
    ],
)
def test_each_filter_keeps_what_it_says(
    client: TestClient, params: dict[str, str], expected: set[str]
) -> None:
    body = client.get(URL, params={**params, "limit": 100}).json()
    assert ids(body) == expected
    assert body["total"] == body["count"] == len(expected)
    assert SEEKER not in ids(body) and M1 not in ids(body) and M2 not in ids(body)


def test_ranked_with_reasons_and_facets(client: TestClient) -> None:
    body = client.get(URL, params={"limit": 100}).json()
    first = body["data"][0]
    # C4 shares both partners; every other candidate one.
    assert first["organisation"]["id"] == CID[4]
    assert first["reason"] == "2 shared partners: Middle One, Middle Two"
    assert first["partners_in_common"] == 2
    assert (first["country"], first["kind"], first["kind_label"]) == (
        "FR",
        "REC",
        "Research organisation",
    )
    assert [s["score"] for s in body["data"]] == sorted(
        (s["score"] for s in body["data"]), reverse=True
    )
    # Facets: each counted under the other filters.
    narrowed = client.get(URL, params={"type": "PRC", "country": "NL"}).json()
    assert narrowed["facets"]["country"] == {"BE": 1, "NL": 1, "DE": 1}  # PRC, any country
    assert narrowed["facets"]["type"] == {
        "HES": {"count": 1, "label": "Higher or secondary education"},
        "PRC": {"count": 1, "label": "Private for-profit entity"},
    }  # NL, any type
    crossing = client.get(URL, params={"cross_border": "true"}).json()
    assert "based in" in crossing["data"][0]["reason"]


def test_paging_walks_the_whole_ranking_by_next_links(client: TestClient) -> None:
    whole = client.get(URL, params={"limit": 100}).json()
    assert whole["next"] is None
    seen: list[str] = []
    url: str | None = f"{URL}?limit=3"
    pages = 0
    while url:
        body = client.get(url).json()
        assert body["total"] == 7 and body["limit"] == 3 and body["offset"] == 3 * pages
        seen += [s["organisation"]["id"] for s in body["data"]]
        url = body["next"]
        pages += 1
    assert pages == 3
    assert seen == [s["organisation"]["id"] for s in whole["data"]]
    # Filters ride along the next link.
    filtered = client.get(URL, params={"type": "PRC", "limit": 2}).json()
    assert filtered["total"] == 4 and "type=PRC" in filtered["next"]
    assert ids(client.get(filtered["next"]).json()) <= cands(1, 3, 5, 6)


def test_csv_is_the_whole_list_or_a_page_that_says_so(client: TestClient) -> None:
    whole = client.get(URL, params={"format": "csv", "cross_border": "true"})
    rows = list(csv.DictReader(io.StringIO(whole.text)))
    assert {r["id"] for r in rows} == cands(2, 3, 4, 5, 7)
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert whole.headers["x-total-count"] == "5" and "link" not in whole.headers
    page = client.get(URL, params={"format": "csv", "limit": 2, "offset": 2})
    rows = list(csv.DictReader(io.StringIO(page.text)))
    assert [r["rank"] for r in rows] == ["3", "4"]
    assert page.headers["x-total-count"] == "7"
    assert 'rel="next"' in page.headers["link"] and "offset=4" in page.headers["link"]


@pytest.mark.parametrize(
    ("params", "status", "names"),
    [
        ({"type": "Company"}, 422, "type"),
        ({"country": "Belgium"}, 422, "country"),
        ({"programme": "not an id"}, 422, "programme"),
        ({"programme": make_canonical_id("FundingProgramme", "Nope")}, 404, "programme"),
        ({"offset": "-1"}, 422, "offset"),
        ({"limit": "0"}, 422, "limit"),
    ],
)
def test_bad_filters_are_named(
    client: TestClient, params: dict[str, str], status: int, names: str
) -> None:
    response = client.get(URL, params=params)
    assert response.status_code == status
    assert names in response.text


def test_a_programme_everyone_shares_is_no_reason(store: GraphStore, tmp_path: Path) -> None:
    # Seeker, its partner M and twelve partners' partners: every project is funded by G,
    # so G tells no suggestion apart and stays out of their reasons (not of the score).
    entities: list[Any] = [
        ("s", "Organisation", "Seeker Institute"),
        ("m", "Organisation", "Middle One"),
        ("p0", "Project", "Project Zero"),
        ("g", "FundingProgramme", "Programme Green"),
    ]
    relations: list[Any] = [
        ("PARTICIPATES_IN", "s", "p0"),
        ("PARTICIPATES_IN", "m", "p0"),
        ("FUNDED_BY", "p0", "g"),
    ]
    for k in range(12):
        country = {"country": "DE" if k < 3 else "FR"}
        entities += [(f"c{k}", "Organisation", f"Cand {k:02}", country)]
        entities.append((f"q{k}", "Project", f"Q {k}"))
        relations += [("PARTICIPATES_IN", f"c{k}", f"q{k}"), ("PARTICIPATES_IN", "m", f"q{k}")]
        relations.append(("FUNDED_BY", f"q{k}", "g"))
    store.upsert_document(make_facts("test://everyone", entities, relations))
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as client:
        body = client.get(URL, params={"limit": 100}).json()
        # A filter narrows the list, not what tells its members apart.
        narrowed = client.get(URL, params={"country": "DE"}).json()
    assert body["total"] == 12 and narrowed["total"] == 3
    for s in body["data"] + narrowed["data"]:
        assert s["reason"] == "1 shared partner: Middle One"
        assert [p["name"] for p in s["shared_programmes"]] == ["Programme Green"]


# -- the organisation page's section --------------------------------------------------------


def section(html: str) -> str:
    match = re.search(r'<section class=kind id="suggestions">(.*?)</section>', html, re.S)
    assert match, "the page has no suggestions section"
    return match.group(1)


def rows(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr data-id="([^"]+)" data-country="([^"]*)">', section(html))


def test_organisation_page_lists_suggestions_with_filters_and_pages(client: TestClient) -> None:
    page = f"/entity/{SEEKER}"
    html = client.get(page).text
    api = client.get(URL, params={"limit": 10}).json()
    assert [r[0] for r in rows(html)] == [s["organisation"]["id"] for s in api["data"]]
    assert "2 shared partners: Middle One, Middle Two" in section(html)
    assert 'href="/api/organisations/' in section(html) and "format=csv" in section(html)
    crossing = client.get(page, params={"sg_cross_border": "1", "depth": "2"}).text
    assert {r[0] for r in rows(crossing)} == cands(2, 3, 4, 5, 7)
    assert all(country not in ("", "BE") for _, country in rows(crossing))
    assert '<input type=hidden name="depth" value="2">' in section(crossing)
    assert "checked" in section(crossing)
    typed = client.get(page, params={"sg_type": "PRC", "sg_country": "NL"}).text
    assert [r[0] for r in rows(typed)] == [CID[3]]
    bad = client.get(page, params={"sg_type": "Company"}).text
    assert "type: &#39;Company&#39; is not an organisation type" in section(bad)
    assert len(rows(bad)) == 7  # the bad filter is said, the rest still shown


def test_organisation_page_pages_its_suggestions(store: GraphStore, tmp_path: Path) -> None:
    entities: list[Any] = [("s", "Organisation", "Seeker Institute"), ("p0", "Project", "P0")]
    entities.append(("m", "Organisation", "Middle One"))
    relations: list[Any] = [("PARTICIPATES_IN", "s", "p0"), ("PARTICIPATES_IN", "m", "p0")]
    for k in range(13):
        entities += [(f"c{k}", "Organisation", f"Cand {k:02}"), (f"q{k}", "Project", f"Q {k}")]
        relations += [("PARTICIPATES_IN", f"c{k}", f"q{k}"), ("PARTICIPATES_IN", "m", f"q{k}")]
    store.upsert_document(make_facts("test://pages", entities, relations))
    app = create_app(Settings(store_dir=tmp_path), store=store, routers=[views])
    with TestClient(app) as client:
        first = client.get(f"/entity/{SEEKER}").text
        assert len(rows(first)) == 10 and "Suggestions 1–10 of 13" in first
        following = re.search(r'<a href="([^"]+)" rel=next>', section(first))
        assert following
        second = client.get(following.group(1).replace("&amp;", "&")).text
        assert len(rows(second)) == 3 and "Suggestions 11–13 of 13" in second
        assert {r[0] for r in rows(first)}.isdisjoint(r[0] for r in rows(second))


def test_hostile_names_in_suggestions_stay_text(client: TestClient) -> None:
    html = client.get(f"/entity/{M2}").text  # C6, the hostile name, is M2's suggestion
    assert HOSTILE not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in section(html)
    assert "<img" not in section(html)
    hostile_page = client.get(f"/entity/{CID[6]}").text
    assert "<img" not in section(hostile_page)
    assert "Potential partners" in hostile_page


def test_no_suggestions_section_on_other_kinds(client: TestClient) -> None:
    html = client.get(f"/entity/{make_canonical_id('Project', 'Project Zero')}").text
    assert 'id="suggestions"' not in html


def test_themes_show_as_written_and_match_in_any_case(store: GraphStore, tmp_path: Path) -> None:
    # Seeker's project and Cand One's share no partner, only a theme spelt two ways.
    store.upsert_document(
        make_facts(
            "test://themes",
            [
                ("s", "Organisation", "Seeker Institute"),
                ("c", "Organisation", "Cand One"),
                ("p", "Project", "Project Zero", {"topics": "Hydrogen; ECSEL-2019-1-IA"}),
                ("q", "Project", "Project Q1", {"topics": "hydrogen"}),
            ],
            [("PARTICIPATES_IN", "s", "p"), ("PARTICIPATES_IN", "c", "q")],
        )
    )
    with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as client:
        (only,) = client.get(URL).json()["data"]
    assert only["organisation"]["id"] == CID[1]
    assert only["shared_themes"] == ["Hydrogen"]
    assert only["reason"] == "1 shared theme: Hydrogen"
