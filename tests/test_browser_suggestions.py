"""An organisation's page in Debian's headless Chromium: expanding the ego network in
place, and the suggestions' cross-border toggle.

The graph is tests/test_api_suggestions.py's (a seeker, its two partners, seven
partners' partners in several countries, one with a hostile name) plus a hub project
with 30 partners, so that one expansion is capped. The page fixture (from
tests/test_browser.py) fails a test on any request leaving the app, any dialog, any
script error and any Content-Security-Policy violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts
from innograph.tests.test_api_suggestions import (
    CID,
    HOSTILE,
    M1,
    M2,
    SEEKER,
    URL,
    suggestion_graph,
)
from innograph.tests.test_browser import Recorder, browser, page  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

READY = "() => window.innographReady === true"
P0 = make_canonical_id("Project", "Project Zero")
HUB = make_canonical_id("Project", "Hub Project")
HUB_PARTNERS = 30
NODE_IDS = "() => window.innographNetwork.body.data.nodes.getIds()"
# Where a node is drawn on the screen (page coordinates), after fitting the view.
NODE_POINT = """(id) => { const net = window.innographNetwork; net.fit({animation: false});
    const p = net.canvasToDOM(net.getPosition(id));
    const box = document.querySelector('#network canvas').getBoundingClientRect();
    return {x: box.left + p.x, y: box.top + p.y}; }"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from innograph.graph.embedded.store import EmbeddedStore
    from innograph.testing.serving import serve_views

    store = EmbeddedStore(Path(tmp_path_factory.mktemp("suggest")) / "store")
    store.upsert_document(suggestion_graph())
    hub: list[Any] = [("h", "Project", "Hub Project"), ("m2", "Organisation", "Middle Two")]
    hub += [(f"o{k}", "Organisation", f"Hub Partner {k:02}") for k in range(HUB_PARTNERS)]
    links = [("PARTICIPATES_IN", f"o{k}", "h") for k in range(HUB_PARTNERS)]
    store.upsert_document(make_facts("test://hub", hub, [*links, ("PARTICIPATES_IN", "m2", "h")]))
    with serve_views(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


def neighbours(api: httpx.Client, entity_id: str) -> set[str]:
    body = api.get(f"/api/entities/{entity_id}/neighbourhood", params={"limit": 1000}).json()
    return {n["id"] for n in body["nodes"]}


def expand(tab: Any, node_id: str, times: int) -> set[str]:
    """Double-click a node; the ids drawn once the ``times``-th expansion is done."""
    point = tab.evaluate(NODE_POINT, node_id)
    tab.mouse.dblclick(point["x"], point["y"])
    tab.wait_for_function(f"() => window.innographExpanded === {times}")
    return set(tab.evaluate(NODE_IDS))


def test_double_click_expands_a_node_in_place(
    page: tuple[Any, Recorder],  # noqa: F811 - the fixture
    base_url: str,
    api: httpx.Client,
) -> None:
    tab, seen = page
    url = f"{base_url}/entity/{SEEKER}"
    tab.goto(url)
    tab.wait_for_function(READY)
    tab.evaluate("() => { window.stillHere = true; }")  # gone if the page were reloaded
    drawn = set(tab.evaluate(NODE_IDS))
    assert drawn == {SEEKER, P0}
    # The project: its partners join the drawing.
    drawn = expand(tab, P0, 1)
    assert drawn == {SEEKER, P0} | neighbours(api, P0)
    # A partner: its projects, the hub among them.
    drawn = expand(tab, M2, 2)
    assert HUB in drawn and neighbours(api, M2) <= drawn
    before = len(drawn)
    # The hub: 30 new partners, capped at 25, the rest said.
    drawn = expand(tab, HUB, 3)
    assert len(drawn) == before + 25
    message = tab.locator("#expand-message").inner_text()
    assert "Added 25 neighbours of Hub Project" in message and "5 left out" in message
    # Again: the 5 left out.
    drawn = expand(tab, HUB, 4)
    assert neighbours(api, HUB) <= drawn and len(drawn) == before + HUB_PARTNERS
    assert "left out" not in tab.locator("#expand-message").inner_text()
    assert int(tab.locator("#network").get_attribute("data-nodes")) == len(drawn)
    # New edges join the new nodes to the drawing.
    edges = tab.evaluate(
        "(hub) => window.innographNetwork.body.data.edges.get()"
        ".filter(e => e.from === hub || e.to === hub).length",
        HUB,
    )
    assert edges == HUB_PARTNERS + 1
    # No navigation, no reload, every request to the app's own API.
    assert tab.url == url and tab.evaluate("() => window.stillHere") is True
    fetched = [u for u in seen.requests if "/neighbourhood" in u]
    assert len(fetched) == 4 and all(u.startswith(base_url + "/api/entities/") for u in fetched)


def test_a_hostile_name_added_by_expansion_stays_text(
    page: tuple[Any, Recorder],  # noqa: F811 - the fixture
    base_url: str,
) -> None:
    tab, seen = page
    tab.goto(f"{base_url}/entity/{M1}")
    tab.wait_for_function(READY)
    assert CID[6] not in set(tab.evaluate(NODE_IDS))
    drawn = expand(tab, make_canonical_id("Project", "Project Q6"), 1)  # the hostile one's
    assert CID[6] in drawn
    labels = tab.evaluate("() => window.innographNetwork.body.data.nodes.get().map(n => n.label)")
    assert HOSTILE in labels
    # Its tooltip: text, no element made from it.
    point = tab.evaluate(NODE_POINT, CID[6])
    tab.mouse.move(point["x"], point["y"])
    tip = tab.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    assert HOSTILE in tip.inner_text() and tip.locator("img").count() == 0
    assert tab.locator("main img").count() == 0
    tab.wait_for_timeout(300)  # time for an onerror to fire, had an <img> been made
    assert seen.dialogs == []


def test_cross_border_toggle_keeps_only_other_countries(
    page: tuple[Any, Recorder],  # noqa: F811 - the fixture
    base_url: str,
    api: httpx.Client,
) -> None:
    tab, _ = page
    tab.goto(f"{base_url}/entity/{SEEKER}")
    tab.wait_for_function(READY)
    rows = tab.locator("#suggestions table tbody tr")
    every = {rows.nth(i).get_attribute("data-country") for i in range(rows.count())}
    assert {"BE", ""} <= every  # its own country and an unknown one, before the toggle
    tab.locator("#sg-cross-border").check()
    tab.locator("#suggestions form button").click()
    tab.wait_for_url("**sg_cross_border=1**")
    tab.wait_for_function(READY)
    crossing = api.get(URL, params={"cross_border": "true"}).json()
    shown = [rows.nth(i).get_attribute("data-id") for i in range(rows.count())]
    assert shown == [s["organisation"]["id"] for s in crossing["data"]]
    countries = {rows.nth(i).get_attribute("data-country") for i in range(rows.count())}
    assert countries and not countries & {"BE", ""}
    assert tab.locator("#sg-cross-border").is_checked()
    count = tab.locator("#suggestions-count").get_attribute("data-total")
    assert count == str(crossing["total"])
    # The CSV twin holds the same list.
    csv_href = tab.locator("#suggestions a.twin-csv").get_attribute("href")
    assert csv_href and "cross_border=true" in csv_href and "format=csv" in csv_href
