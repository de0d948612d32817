"""The views in a real browser: Debian's headless Chromium driven by Playwright, against
the app served on loopback over the seeds (plus one hostile name inserted in the store).

Every test records the URL of every request the page makes and fails if one leaves the
app, and records dialogs (an ``alert`` from injected markup would open one).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from innograph.tests.builders import make_facts

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

HOSTILE = "<img src=x onerror=alert(1)>"
READY = "window.innographReady === true"
NODE_COUNT = "window.innographNetwork.body.data.nodes.length"
NODE_IDS = "window.innographNetwork.body.data.nodes.getIds()"


def _playwright() -> Any:
    """Playwright's sync API; a missing package or browser fails in CI, skips elsewhere."""
    from innograph.testing.serving import CHROMIUM

    reason = ""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        reason = "playwright is not installed (pip install -e '.[test]')"
    if not reason and not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (scripts/test-setup installs Debian's chromium)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the browser tests: {reason}")
        pytest.skip(reason)
    return sync_playwright


@pytest.fixture(scope="module")
def store(seeds_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A copy of the seeds store with a hostile name linked to one of its organisations."""
    from innograph.graph.embedded.store import EmbeddedStore

    folder = tmp_path_factory.mktemp("browser") / "store"
    shutil.copytree(seeds_store_dir, folder)
    copy = EmbeddedStore(folder)
    anchor = min(copy.iter_nodes(types=["Organisation"]), key=lambda n: n.id)
    copy.upsert_document(
        make_facts(
            "test://hostile",
            [
                ("x", "Organisation", HOSTILE),
                ("a", "Organisation", anchor.name, {"canonical_id": anchor.id}),
            ],
            [("COLLABORATES_WITH", "x", "a", {"evidence": f"{HOSTILE} works with {anchor.name}."})],
        )
    )
    yield copy
    copy.close()


@pytest.fixture(scope="module")
def base_url(store: Any) -> Iterator[str]:
    from innograph.testing.serving import serve_views

    with serve_views(store) as url:
        yield url


@pytest.fixture(scope="module")
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from innograph.testing.serving import launch_chromium

    with _playwright()() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()


class Recorder:
    """Requests and dialogs of one page."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    seen = Recorder()
    tab.on("request", lambda request: seen.requests.append(request.url))

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.on("pageerror", lambda error: seen.errors.append(str(error)))

    def on_console(message: Any) -> None:  # the pages' Content-Security-Policy must fit them
        if "Content Security Policy" in message.text:
            seen.errors.append(message.text)

    tab.on("console", on_console)
    yield tab, seen
    context.close()
    own = urlsplit(base_url)
    outside = [
        u
        for u in seen.requests
        if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != own.netloc
    ]
    assert outside == [], "the page asked for something outside the app"
    assert seen.dialogs == [], "a dialog opened"
    assert seen.errors == [], "the page's script failed"


# Where on the screen the midpoint of some nodes is drawn (page coordinates).
SCREEN_POINT = """(ids) => { const net = window.innographNetwork; const pos = net.getPositions(ids);
    const x = ids.reduce((s, id) => s + pos[id].x, 0) / ids.length;
    const y = ids.reduce((s, id) => s + pos[id].y, 0) / ids.length;
    const p = net.canvasToDOM({x: x, y: y});
    const box = document.querySelector('#network canvas').getBoundingClientRect();
    return {x: box.left + p.x, y: box.top + p.y}; }"""


def neighbourhood_ids(api: httpx.Client, entity_id: str, depth: int = 1) -> set[str]:
    answer = api.get(f"/api/entities/{entity_id}/neighbourhood", params={"depth": depth})
    return {n["id"] for n in answer.json()["nodes"]}


def busiest_organisation(api: httpx.Client) -> dict[str, Any]:
    """The seeds organisation with the largest neighbourhood, from the API."""
    orgs = api.get("/api/search", params={"q": "a", "type": "Organisation", "limit": 100})
    candidates: list[dict[str, Any]] = [o for o in orgs.json()["data"] if o["name"] != HOSTILE]
    ranked = sorted(
        candidates,
        key=lambda o: (-len(neighbourhood_ids(api, o["id"])), o["id"]),
    )
    return ranked[0]


def test_search_finds_an_organisation_and_its_page_draws_its_neighbourhood(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    tab, _ = page
    org = busiest_organisation(api)
    tab.goto(base_url + "/")
    tab.locator("#search").press_sequentially(org["name"][:-1], delay=20)
    suggestion = tab.locator(f'ul.suggestions li[data-id="{org["id"]}"]')
    suggestion.wait_for()
    assert suggestion.inner_text().startswith(org["name"])
    suggestion.click()
    tab.wait_for_url(f"**/entity/{org['id']}")
    tab.wait_for_function(READY)
    assert tab.locator("#entity-name").inner_text() == org["name"]
    expected = neighbourhood_ids(api, org["id"])
    assert tab.evaluate(NODE_COUNT) == len(expected) > 1
    assert set(tab.evaluate(NODE_IDS)) == expected
    # The canvas really has pixels drawn on it (not just a data structure).
    drawn = tab.evaluate(
        """() => { const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert drawn > 500


def test_clicking_a_node_recentres_the_view(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    tab, _ = page
    org = busiest_organisation(api)
    tab.goto(f"{base_url}/entity/{org['id']}")
    tab.wait_for_function(READY)
    # The neighbour drawn farthest from the centre, so the click cannot hit the centre.
    target = tab.evaluate(
        """(centre) => { const net = window.innographNetwork;
        const pos = net.getPositions(); const c = pos[centre]; let best = null, far = -1;
        for (const id of Object.keys(pos)) { if (id === centre) continue;
          const d = Math.hypot(pos[id].x - c.x, pos[id].y - c.y);
          if (d > far) { far = d; best = id; } }
        const p = net.canvasToDOM(pos[best]);
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return {id: best, x: box.left + p.x, y: box.top + p.y}; }""",
        org["id"],
    )
    tab.mouse.click(target["x"], target["y"])
    tab.wait_for_url(f"**/entity/{target['id']}")
    tab.wait_for_function(READY)
    assert tab.evaluate("window.innographView.centre") == target["id"]
    assert set(tab.evaluate(NODE_IDS)) == neighbourhood_ids(api, target["id"])


def _a_path(api: httpx.Client) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Two organisations of the seeds and the API's paths between them (longest first
    shortest path among a few candidate pairs, so the drawing has intermediate nodes)."""
    network = api.get("/api/collaboration-network", params={"limit": 200}).json()["data"]
    ids = sorted({e["source"] for e in network} | {e["target"] for e in network})
    best = None
    for i, a in enumerate(ids[:8]):
        for b in ids[i + 1 : i + 8]:
            answer = api.get("/api/paths", params={"from": a, "to": b, "k": 3}).json()
            if answer["count"] and (
                best is None or answer["data"][0]["hops"] > best[2]["data"][0]["hops"]
            ):
                best = (answer["source"], answer["target"], answer)
    assert best is not None, "the seeds have no partnership path"
    return best


def test_path_view_draws_the_known_paths(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    tab, _ = page
    source, target, answer = _a_path(api)
    tab.goto(f"{base_url}/paths")
    # The form's boxes take a name and keep the chosen id.
    box = tab.locator('input[data-autocomplete="from"]')
    box.press_sequentially(source["name"][:-1], delay=20)
    tab.locator(f'ul.suggestions li[data-id="{source["id"]}"]').click()
    assert tab.locator('input[name="from"]').input_value() == source["id"]
    box = tab.locator('input[data-autocomplete="to"]')
    box.press_sequentially(target["name"][:-1], delay=20)
    tab.locator(f'ul.suggestions li[data-id="{target["id"]}"]').click()
    tab.locator("form.pathform button").click()
    tab.wait_for_url("**/paths?*")
    tab.wait_for_function(READY)
    expected = {n["id"] for p in answer["data"] for n in p["nodes"]}
    assert set(tab.evaluate(NODE_IDS)) == expected
    assert tab.locator("#path-list li").count() == answer["count"]
    hops = sum(1 for _ in answer["data"][0]["steps"])
    edges = tab.evaluate("window.innographNetwork.body.data.edges.length")
    assert edges >= hops
    # Hovering the first hop shows its evidence from the API.
    first = answer["data"][0]["steps"][0]
    evidence = first["provenance"][0]["evidence"] if first["provenance"] else None
    point = tab.evaluate(SCREEN_POINT, [first["source"]["id"], first["target"]["id"]])
    tab.mouse.move(point["x"], point["y"])
    tip = tab.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    if evidence:
        assert " ".join(evidence.split())[:60] in " ".join(tip.inner_text().split())


def test_hostile_name_shows_as_text_and_runs_nothing(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    tab, seen = page
    hostile = api.get("/api/search", params={"q": "img src"}).json()["data"][0]
    assert hostile["name"] == HOSTILE
    tab.goto(f"{base_url}/entity/{hostile['id']}")
    tab.wait_for_function(READY)
    assert tab.locator("#entity-name").inner_text() == HOSTILE
    assert tab.locator("main img").count() == 0
    assert HOSTILE in tab.evaluate(
        "window.innographNetwork.body.data.nodes.get().map(n => n.label)"
    )
    # Its tooltip on the canvas: text, no element made from it.
    point = tab.evaluate(SCREEN_POINT, [hostile["id"]])
    tab.mouse.move(point["x"], point["y"])
    tip = tab.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    assert HOSTILE in tip.inner_text()
    assert tip.locator("img").count() == 0
    # And in the search suggestions.
    tab.goto(base_url + "/")
    tab.locator("#search").press_sequentially("img src", delay=20)
    suggestion = tab.locator(f'ul.suggestions li[data-id="{hostile["id"]}"]')
    suggestion.wait_for()
    assert HOSTILE in suggestion.inner_text()
    assert tab.locator("ul.suggestions img").count() == 0
    tab.wait_for_timeout(300)  # time for an onerror to fire, had an <img> been made
    assert seen.dialogs == []
    assert not any(urlsplit(u).path.endswith("/x") for u in seen.requests)


def test_every_view_loads_only_from_the_app(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    tab, seen = page
    org = busiest_organisation(api)
    network = api.get("/api/collaboration-network", params={"limit": 1000}).json()
    for path in ("/", f"/entity/{org['id']}?depth=2", "/map"):
        tab.goto(base_url + path)
        if path != "/":
            tab.wait_for_function(READY)
    # The map draws every organisation of the network (the seeds are under the cap).
    assert tab.evaluate(NODE_COUNT) == network["organisations"]
    assert tab.evaluate("window.innographNetwork.physics.options.enabled") is False
    assets = [u for u in seen.requests if "/static/" in u]
    assert any(u.endswith("/static/viz/vis-network/vis-network.min.js") for u in assets)
    assert all(urlsplit(u).netloc == urlsplit(base_url).netloc for u in seen.requests)


def _operations(api: httpx.Client) -> int:
    document = api.get("/openapi.json").json()
    methods = {"get", "post", "put", "patch", "delete", "head", "options"}
    return sum(1 for item in document["paths"].values() for m in item if m in methods)


def test_swagger_ui_lists_every_operation_offline(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    """/docs draws Swagger UI from the app's own copy of its assets (the fixture fails on
    any request leaving the app, and on a Content-Security-Policy violation)."""
    tab, seen = page
    tab.goto(base_url + "/docs")
    tab.locator(".opblock").first.wait_for()
    assert tab.locator(".opblock").count() == _operations(api)
    assert tab.locator(".opblock-summary-path", has_text="/api/search").count() >= 1
    assert any(u.endswith("/static/docs/swagger-ui-bundle.js") for u in seen.requests)
    assert any(u.endswith("/openapi.json") for u in seen.requests)


def test_redoc_renders_offline(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    tab, seen = page
    tab.goto(base_url + "/redoc")
    tab.locator(".api-content h1", has_text="innograph").wait_for()
    # The side menu lists every operation (under its tag, folded), and the page shows them.
    entries = tab.locator("li[data-item-id*='/operation/']")
    entries.first.wait_for(state="attached")
    assert entries.count() == _operations(api)
    tab.locator("h2", has_text="Find entities by name").first.wait_for()
    assert any(u.endswith("/static/docs/redoc.standalone.js") for u in seen.requests)
