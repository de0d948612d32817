"""The partner search page over HTTP (no browser): results and total as the API answers
them, facet links that choose and take off filters, paging, the twins, errors, escaping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.search import normalise
from innograph.tests.partner_graph import BY_KEY, HOSTILE, ORGS, expected, partner_facts
from innograph.viz.routes import router


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("partners")
    store = EmbeddedStore(folder / "store")
    store.upsert_document(partner_facts())
    app = create_app(Settings(store_dir=folder / "store"), store=store, routers=[router])
    with TestClient(app) as test_client:
        yield test_client
    store.close()


def html_of(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def entity_links(html: str) -> set[str]:
    table = (
        html.split("id=partners>", 1)[1].split("</table>", 1)[0] if "id=partners>" in html else ""
    )
    return set(re.findall(r'href="/entity/([^"]+)"', table))


def facet_links(html: str, facet: str) -> dict[str, tuple[str, int, bool]]:
    """label -> (href, count, chosen) of a facet's values."""
    section = html.split(f'data-facet="{facet}"', 1)[1].split("</section>", 1)[0]
    found = re.findall(
        r'<li( class=selected)?><a href="([^"]+)" data-value-count="(\d+)"[^>]*>(?:✓ )?'
        r"<span class=label>([^<]*)</span>",
        section,
    )
    return {unescape(label): (unescape(href), int(n), bool(sel)) for sel, href, n, label in found}


def total_of(html: str) -> int:
    match = re.search(r'data-total="(\d+)"', html)
    assert match
    return int(match.group(1))


def test_the_page_lists_what_the_api_finds(client: TestClient) -> None:
    html = html_of(client, "/partners?country=NL&limit=100")
    api = client.get("/api/organisations", params={"country": "NL", "limit": 100}).json()
    assert entity_links(html) == {r["organisation"]["id"] for r in api["data"]}
    assert entity_links(html) == expected({"country": ["NL"]})
    assert total_of(html) == api["total"]
    assert "Higher or secondary education" in html  # types in words
    assert "<code>NL41</code> Noord-Brabant" in html  # the most specific region
    assert "Partner search" in html and 'href="/partners" class=active' in html


def test_two_facet_clicks_narrow_the_selection_and_a_third_takes_one_off(
    client: TestClient,
) -> None:
    html = html_of(client, "/partners")
    href, count, chosen = facet_links(html, "country")["Netherlands"]
    assert not chosen and count == len(expected({"country": ["NL"]}))
    html = html_of(client, href)
    assert total_of(html) == count
    href, count, _ = facet_links(html, "type")["Private for-profit entity"]
    html = html_of(client, href)
    want = expected({"country": ["NL"], "type": ["PRC"]})
    assert total_of(html) == count == len(want) and entity_links(html) == want
    href, _, chosen = facet_links(html, "country")["Netherlands"]
    assert chosen
    html = html_of(client, href)
    assert entity_links(html) == expected({"type": ["PRC"]})


def test_paging_says_where_it_is_and_links_the_twins(client: TestClient) -> None:
    html = html_of(client, "/partners?limit=3&offset=3&sort=name")
    assert re.search(r"id=range>4–6</strong> of <strong id=total data-total=\"10\">10<", html)
    by_name = sorted(ORGS, key=lambda o: normalise(o.name))  # accents and signs ignored
    assert entity_links(html) == {o.id for o in by_name[3:6]}
    assert 'href="/partners?sort=name&amp;limit=3&amp;offset=0" rel=prev' in html
    assert 'href="/partners?sort=name&amp;limit=3&amp;offset=6" rel=next' in html
    csv_href = unescape(re.search(r'href="([^"]+)" id=csv-link', html).group(1))  # type: ignore[union-attr]
    assert csv_href == "/api/organisations?sort=name&format=csv"
    assert len(client.get(csv_href).text.strip().splitlines()) == 1 + len(ORGS)
    json_href = unescape(re.search(r'href="([^"]+)" id=json-link', html).group(1))  # type: ignore[union-attr]
    twin = client.get(json_href).json()
    assert {r["organisation"]["id"] for r in twin["data"]} == entity_links(html)


def test_hostile_name_stays_text(client: TestClient) -> None:
    html = html_of(client, "/partners?q=onerror")
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert entity_links(html) == {BY_KEY["g"].id}
    # A hostile value typed into the form comes back escaped too.
    html = html_of(client, '/partners?theme="><script>alert(1)</script>')
    assert "<script>alert(1)" not in html and total_of(html) == 0
    assert HOSTILE  # the graph's hostile organisation is the one found above


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=Holland", "not a two-letter country code"),
        ("region=N-L", "not a NUTS code"),
        ("type=University", "not an organisation type"),
        ("programme=programme-nowhere", "no programme with id"),
        ("contry=NL", "not a filter of this page"),
    ],
)
def test_refused_values_are_named_and_the_rest_applies(
    client: TestClient, query: str, message: str
) -> None:
    html = html_of(client, f"/partners?{query}&q=a")
    assert message in unescape(html)
    assert total_of(html) == len(expected({"q": ["a"]}))
