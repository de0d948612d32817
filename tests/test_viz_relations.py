"""A region-like entity with many relations and documents (issue 15: a region page was
one 116,000-pixel list): the entity page shows the heaviest few relations of each type
and the first documents, and links the paged lists of all of them, which page with their
totals and next/previous links, and their JSON/CSV twins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import load_settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import EntitySpec, RelationSpec, make_facts
from innograph.viz.routes import router
from innograph.viz.views.entity import DOCUMENTS_SHOWN, RELATIONS_SHOWN
from innograph.viz.views.entity_lists import DOCUMENTS_PAGE, RELATIONS_PAGE

HOSTILE = "<img src=x onerror=alert(1)>"
REGION = "Regio Veluwe"
MEMBERS = 130  # more than a page of the list (RELATIONS_PAGE)
MENTIONS = 105  # documents that mention the region: more than a page (DOCUMENTS_PAGE)
# Organisations a second document also places in the region: the most evidenced.
CONFIRMED = [7, 55, 101, 129]


def member(i: int) -> str:
    return HOSTILE if i == 64 else f"Aardvark Org {i:03d}"


def region_documents() -> list[DocumentFacts]:
    """A region with ``MEMBERS`` organisations located in it; some stated twice."""
    entities: list[EntitySpec] = [("r", "Region", REGION, {"nuts_id": "NL22"})]
    entities += [(f"o{i}", "Organisation", member(i)) for i in range(MEMBERS)]
    relations: list[RelationSpec] = [("LOCATED_IN", f"o{i}", "r") for i in range(MEMBERS)]
    second = make_facts(
        "test://region/second",
        [("r", "Region", REGION), *[(f"o{i}", "Organisation", member(i)) for i in CONFIRMED]],
        [
            ("LOCATED_IN", f"o{i}", "r", {"evidence": f"{member(i)} is in {REGION}."})
            for i in CONFIRMED
        ],
    )
    mentions = [
        make_facts(f"test://region/mention-{k:03d}", [("r", "Region", REGION)])
        for k in range(MENTIONS - 2)
    ]
    return [make_facts("test://region/first", entities, relations), second, *mentions]


def region_store(folder: Path) -> EmbeddedStore:
    """An embedded store in ``folder`` holding the region."""
    store = EmbeddedStore(folder)
    for facts in region_documents():
        store.upsert_document(facts)
    return store


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = region_store(tmp_path / "store")
    yield TestClient(create_app(load_settings(), store=store, routers=[router]))
    store.close()


REGION_ID = make_canonical_id("Region", REGION)


def listed(html: str) -> list[str]:
    """The names of the entities a relations list links, in order."""
    names = re.findall(r'<li>[→←] <a href="/entity/[^"]+">([^<]*)</a>', html)
    return [n.replace("&lt;", "<").replace("&gt;", ">") for n in names]


def test_the_entity_page_shows_the_heaviest_and_links_all(client: TestClient) -> None:
    html = client.get(f"/entity/{REGION_ID}").text
    shown = listed(html)
    assert len(shown) == RELATIONS_SHOWN
    # The organisations two documents place there first, then by name.
    assert shown[: len(CONFIRMED)] == [member(i) for i in CONFIRMED]
    assert f"LOCATED_IN <span class=count>({MEMBERS})</span>" in html
    match = re.search(r'<a href="([^"]+)" class=all-relations>all (\d+) of this type</a>', html)
    assert match and int(match.group(2)) == MEMBERS
    assert match.group(1).replace("&amp;", "&") == f"/entity/{REGION_ID}/relations?type=LOCATED_IN"
    assert HOSTILE not in html


def test_the_relations_list_pages_through_all(client: TestClient) -> None:
    url: str | None = f"/entity/{REGION_ID}/relations?type=LOCATED_IN"
    seen: list[str] = []
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        html = response.text
        assert HOSTILE not in html  # escaped
        names = listed(html)
        assert len(names) == min(RELATIONS_PAGE, MEMBERS - len(seen))
        assert f"{len(seen) + 1}–{len(seen) + len(names)} of <strong class=total>{MEMBERS}" in html
        assert ("rel=prev" in html) == bool(seen)
        seen += names
        following = re.search(r'<a href="([^"]+)" rel=next>', html)
        url = following.group(1).replace("&amp;", "&") if following else None
        pages += 1
    assert pages == 2 and sorted(seen) == sorted(member(i) for i in range(MEMBERS))
    assert len(set(seen)) == MEMBERS
    first = client.get(f"/entity/{REGION_ID}/relations?type=LOCATED_IN").text
    twin = re.search(r'<a href="([^"]+)" class=json>', first)
    assert twin
    body = client.get(twin.group(1).replace("&amp;", "&")).json()
    assert body["total"] == MEMBERS and [r["other"]["name"] for r in body["data"]] == seen[:100]
    table = re.search(r'<a href="([^"]+)" class=csv>', first)
    assert table
    assert len(client.get(table.group(1).replace("&amp;", "&")).text.splitlines()) == 1 + MEMBERS


def test_the_relations_list_refuses_bad_requests(client: TestClient) -> None:
    assert client.get(f"/entity/{REGION_ID}/relations?type=NOPE").status_code == 422
    assert client.get("/entity/region-nowhere/relations?type=LOCATED_IN").status_code == 404
    assert client.get("/entity/Not An Id/relations?type=LOCATED_IN").status_code == 404
    assert client.get(f"/entity/{REGION_ID}/relations").status_code == 422


def test_the_documents_list_pages_through_all(client: TestClient) -> None:
    html = client.get(f"/entity/{REGION_ID}").text
    assert len(re.findall(r"<li>test://region/", html)) == DOCUMENTS_SHOWN
    match = re.search(r'<a href="([^"]+)" class=all-documents>all (\d+) documents</a>', html)
    assert match and int(match.group(2)) == MENTIONS
    url: str | None = match.group(1)
    seen: list[str] = []
    while url:
        html = client.get(url).text
        sources = re.findall(r"<li>(test://region/[^ <]+)", html)
        assert len(sources) == min(DOCUMENTS_PAGE, MENTIONS - len(seen))
        assert f"of <strong class=total>{MENTIONS}</strong>" in html
        seen += sources
        following = re.search(r'<a href="([^"]+)" rel=next>', html)
        url = following.group(1).replace("&amp;", "&") if following else None
    assert seen == sorted(f.source for f in region_documents())
    twin = client.get("/api/documents", params={"entity": REGION_ID, "limit": 50}).json()
    assert twin["total"] == MENTIONS and [d["source"] for d in twin["data"]] == seen[:50]
    assert client.get("/api/documents", params={"entity": "region-nowhere"}).status_code == 404
