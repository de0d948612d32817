"""The collaborators table of an organisation's page over HTTP (no browser): sorting by
its headers, the country and type filters, pages, its CSV/JSON links and escaping."""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import load_settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.builders import make_facts
from innograph.tests.collaborator_data import ANVIL, BIRCH, COBALT, DUNE, ME, partners
from innograph.viz.routes import router

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_TYPE = '"><script>alert(2)</script>'
PAGE = f"/entity/{ME}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path_factory.mktemp("viz-collaborators") / "store")
    for facts in partners():
        store.upsert_document(facts)
    store.upsert_document(
        make_facts(
            "test://hostile",
            [
                ("me", "Organisation", "Me Org", {"canonical_id": ME}),
                ("x", "Organisation", HOSTILE, {"activity_type": HOSTILE_TYPE, "country": "<b"}),
                ("p", "Project", "Hostile project"),
            ],
            [("PARTICIPATES_IN", "me", "p"), ("PARTICIPATES_IN", "x", "p")],
        )
    )
    with TestClient(create_app(load_settings(), store=store, routers=[router])) as test_client:
        yield test_client
    store.close()


def section(page: str) -> str:
    found = re.search(r'<section class=kind id="collaborators">(.*?)</section>', page, re.S)
    assert found, "no collaborators section"
    return found.group(1)


def partner_links(part: str) -> list[str]:
    return re.findall(r'<tr><td><a href="/entity/([^"]+)">', part)


def href(part: str, element_id: str) -> str:
    found = re.search(rf'<a href="([^"]+)"[^>]*id={element_id}>', part)
    assert found, f"no link {element_id}"
    return html.unescape(found.group(1))


def total(part: str) -> str:
    found = re.search(r"<span id=collab-total>([^<]+)</span>", part)
    assert found
    return found.group(1)


def test_the_table_lists_partners_most_shared_first(client: TestClient) -> None:
    part = section(client.get(PAGE).text)
    links = partner_links(part)
    # Two shared projects each, then three partners of one item each (ties by name).
    assert links[:2] == [ANVIL, BIRCH] and len(set(links[2:]) - {COBALT, DUNE}) == 1
    assert total(part) == "5"
    assert "1–5 of" in part
    assert "€ 215.00" in part and "2015–2022" in part
    assert "Higher or secondary education (HES)" in part
    assert 'aria-sort="descending"' in part  # the shared column, the default order


def test_hostile_names_and_types_are_escaped(client: TestClient) -> None:
    page = client.get(PAGE).text
    part = section(page)
    assert "<img" not in page and "<script>alert" not in page and "<B" not in part
    assert html.escape(HOSTILE, quote=False) in part
    # The activity type (upper-cased) in a cell and in the type filter's option value.
    assert "<SCRIPT>" not in part and '"><SCRIPT' not in part
    assert part.count("&lt;SCRIPT&gt;ALERT(2)&lt;/SCRIPT&gt;") >= 3


def test_headers_sort_and_a_second_click_turns_the_order(client: TestClient) -> None:
    part = section(client.get(PAGE).text)
    links = dict(
        (label, html.unescape(url))
        for url, label in re.findall(r'<th[^>]*><a href="([^"]+)">([^<]+)</a>', part)
    )
    assert links["EC contribution"].endswith("collab_sort=-contribution#collaborators")
    richest = section(client.get(links["EC contribution"]).text)
    assert partner_links(richest)[:2] == [BIRCH, ANVIL]
    again = dict(
        (label, html.unescape(url))
        for url, label in re.findall(r'<th[^>]*><a href="([^"]+)">([^<]+)</a>', richest)
    )
    assert again["EC contribution"].endswith("collab_sort=contribution#collaborators")
    assert partner_links(section(client.get(again["EC contribution"]).text))[:2] == [ANVIL, BIRCH]
    by_name = section(client.get(links["Partner"]).text)
    assert partner_links(by_name)[-1] == DUNE


def test_filters_by_country_and_type(client: TestClient) -> None:
    dutch = section(client.get(PAGE, params={"collab_country": "nl"}).text)
    assert partner_links(dutch) == [BIRCH]
    assert total(dutch) == "1" and "filtered from 5" in dutch
    assert '<option value="NL" selected>NL (1)</option>' in dutch
    research = section(client.get(PAGE, params={"collab_type": "REC"}).text)
    assert partner_links(research) == [COBALT]
    clusters = section(client.get(PAGE, params={"collab_type": "Cluster"}).text)
    assert partner_links(clusters) == [DUNE]
    bad = section(client.get(PAGE, params={"collab_country": "Holland"}).text)
    assert "is not a two-letter code" in bad and total(bad) == "5"


def test_pages_with_next_and_previous_and_other_parameters_kept(client: TestClient) -> None:
    everyone = partner_links(section(client.get(PAGE).text))
    first = section(client.get(PAGE, params={"collab_limit": 2, "depth": 2}).text)
    assert partner_links(first) == everyone[:2]
    assert len(partner_links(first)) == 2 and "1–2 of" in first
    assert "collab-prev" not in first
    second_url = href(first, "collab-next")
    assert "depth=2" in second_url and "collab_offset=2" in second_url
    second = section(client.get(second_url).text)
    assert "3–4 of" in second and total(second) == "5"
    assert partner_links(second) == everyone[2:4]
    third = section(client.get(href(second, "collab-next")).text)
    assert "5–5 of" in third and "collab-next" not in third
    assert partner_links(first) + partner_links(second) + partner_links(third) == everyone
    back = section(client.get(href(third, "collab-prev")).text)
    assert partner_links(back) == partner_links(second)


def test_csv_and_json_links_give_the_same_list(client: TestClient) -> None:
    part = section(client.get(PAGE, params={"collab_type": "PRC,HES", "collab_sort": "name"}).text)
    rows = partner_links(part)
    assert rows == [ANVIL, BIRCH]
    whole = client.get(href(part, "collab-csv"))
    assert [r["id"] for r in csv.DictReader(whole.text.splitlines())] == rows
    page = client.get(href(part, "collab-json")).json()
    assert [d["organisation"]["id"] for d in page["data"]] == rows
    assert page["total"] == 2


def test_only_organisations_have_the_section(client: TestClient) -> None:
    project = client.get("/api/search", params={"q": "P1", "type": "Project"}).json()["data"][0]
    assert 'id="collaborators"' not in client.get(f"/entity/{project['id']}").text
    lonely = client.get("/api/search", params={"q": "Dune Cluster"}).json()["data"][0]
    assert partner_links(section(client.get(f"/entity/{lonely['id']}").text)) == [ME]
