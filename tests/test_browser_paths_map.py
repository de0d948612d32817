"""The paths form and the collaboration map in Debian's headless Chromium (Playwright),
against the app on loopback over the seeds: the fixtures of tests/test_browser.py."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree  # type: ignore[import-untyped]

from innograph.tests import test_browser as shared
from innograph.tests.test_browser import NODE_IDS, READY, Recorder

# The browser tests' fixtures (a copy of the seeds store served on loopback, Chromium),
# taken by name.
store = shared.store
base_url = shared.base_url
api = shared.api
browser = shared.browser
page = shared.page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _unique_name(api: httpx.Client, entity: dict[str, Any]) -> bool:
    """True when no other organisation is called exactly this (so a typed name is it)."""
    found = api.get("/api/search", params={"q": entity["name"], "type": "Organisation"}).json()
    same = [n for n in found["data"] if n["name"].casefold() == entity["name"].casefold()]
    return [n["id"] for n in same] == [entity["id"]]


def _sharing_a_project(api: httpx.Client) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Two organisations of the seeds with a path through projects only, and the API's
    answer for via=Project."""
    network = api.get("/api/collaboration-network", params={"type": "Project"}).json()["data"]
    for edge in network:
        answer = api.get(
            "/api/paths",
            params={"from": edge["source"], "to": edge["target"], "via": "Project", "k": 3},
        ).json()
        if (
            answer["count"]
            and _unique_name(api, answer["source"])
            and _unique_name(api, answer["target"])
        ):
            return answer["source"], answer["target"], answer
    raise AssertionError("no two organisations of the seeds share a project")


def _pick(tab: Any, field: str, entity: dict[str, Any]) -> None:
    box = tab.locator(f'input[data-autocomplete="{field}"]')
    box.press_sequentially(entity["name"][:-1], delay=20)
    tab.locator(f'ul.suggestions li[data-id="{entity["id"]}"]').click()
    assert tab.locator(f'input[name="{field}"]').input_value() == entity["id"]


def test_paths_form_with_via_set_draws_a_path_through_that_type(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    tab, _ = page
    source, target, answer = _sharing_a_project(api)
    tab.goto(f"{base_url}/paths")
    _pick(tab, "from", source)
    _pick(tab, "to", target)
    tab.locator('form.pathform input[name=via][value="Project"]').check()
    tab.locator("form.pathform button[type=submit]").click()
    tab.wait_for_url("**/paths?*")
    assert "via=Project" in tab.url
    tab.wait_for_function(READY)
    expected = {n["id"] for p in answer["data"] for n in p["nodes"]}
    assert set(tab.evaluate(NODE_IDS)) == expected
    inner = tab.evaluate(
        """(ends) => window.innographView.nodes.filter(n => !ends.includes(n.id))
        .map(n => n.type)""",
        [source["id"], target["id"]],
    )
    assert inner and set(inner) == {"Project"}
    assert tab.locator("#path-list li").count() == answer["count"]
    # The form keeps what was asked.
    assert tab.locator('form.pathform input[name=via][value="Project"]').is_checked()


def test_typed_names_not_picked_from_the_suggestions_still_find_the_path(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client
) -> None:
    tab, _ = page
    source, target, _ = _sharing_a_project(api)
    expected = api.get("/api/paths", params={"from": source["id"], "to": target["id"]}).json()
    tab.goto(f"{base_url}/paths")
    for field, entity in (("from", source), ("to", target)):
        box = tab.locator(f'input[data-autocomplete="{field}"]')
        box.press_sequentially(entity["name"].lower(), delay=10)
        assert tab.locator(f'input[name="{field}"]').input_value() == ""  # nothing picked
    tab.locator("h1").click()  # away from the boxes, so no suggestion is taken
    tab.locator("form.pathform button[type=submit]").click()
    tab.wait_for_url("**/paths?*")
    tab.wait_for_function(READY)
    notes = tab.locator("p.resolved").all_inner_texts()
    assert any(f"took {source['name']} for ‘{source['name'].lower()}’" in n for n in notes)
    assert any(f"took {target['name']} for ‘{target['name'].lower()}’" in n for n in notes)
    assert set(tab.evaluate(NODE_IDS)) == {n["id"] for p in expected["data"] for n in p["nodes"]}
    # The boxes now hold the names taken, and the hidden fields their ids.
    assert tab.locator('input[name="from"]').input_value() == source["id"]
    assert tab.locator('input[data-autocomplete="to"]').input_value() == target["name"]


def test_map_names_its_communities_and_downloads_the_same_edges(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client, shared_dir: Path
) -> None:
    tab, _ = page
    tab.goto(f"{base_url}/map")
    tab.wait_for_function(READY)
    names = tab.locator(".community-name").all_inner_texts()
    assert names and not any(re.fullmatch(r"Community \d+", n) for n in names)
    tips = tab.evaluate(
        "window.innographView.nodes.flatMap(n => n.tooltip.filter(t => t.startsWith('Community')))"
    )
    assert tips and not any(re.fullmatch(r"Community \d+", t) for t in tips)
    network = api.get("/api/collaboration-network", params={"limit": 10_000}).json()
    summary = tab.locator("#map-summary").inner_text()
    assert f"{network['organisations']:,} organisations" in summary
    assert f"{network['total_edges']:,} partnerships" in summary
    gexf_href = tab.locator("#download-gexf").get_attribute("href")
    csv_href = tab.locator("#download-csv").get_attribute("href")
    with tab.expect_download() as gexf_download:
        tab.locator("#download-gexf").click()
    gexf_text = Path(gexf_download.value.path()).read_bytes()
    document = etree.parse(io.BytesIO(gexf_text))
    schema = etree.XMLSchema(etree.parse(str(shared_dir / "vocab/gexf-1.3-xsd/gexf.xsd")))
    assert schema.validate(document), [str(e) for e in schema.error_log][:5]
    ns = {"g": "http://gexf.net/1.3"}
    from_gexf = {
        (frozenset((e.get("source"), e.get("target"))), int(float(e.get("weight"))))
        for e in document.iterfind(".//g:edge", ns)
    }
    table = api.get(csv_href).text
    from_csv = {
        (frozenset((r["source"], r["target"])), int(r["weight"]))
        for r in csv.DictReader(io.StringIO(table))
    }
    from_api = {(frozenset((e["source"], e["target"])), e["weight"]) for e in network["data"]}
    assert from_gexf == from_csv == from_api
    assert gexf_href and gexf_href.startswith("/map.gexf")


def test_labels_of_a_large_map_never_overlap(page: tuple[Any, Recorder], base_url: str) -> None:
    tab, _ = page
    tab.goto(f"{base_url}/map?layout=server")  # the precomputed layout, as large maps have
    tab.wait_for_function(READY)
    tab.wait_for_function("window.innographLabels && window.innographLabels.length > 0")
    boxes = tab.evaluate("window.innographLabelBoxes")
    overlapping = [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    assert overlapping == []
    before = len(tab.evaluate("window.innographLabels"))
    tab.evaluate("window.innographNetwork.moveTo({scale: window.innographNetwork.getScale() * 3})")
    tab.wait_for_timeout(300)
    after = tab.evaluate("window.innographLabels")
    nodes = tab.evaluate("window.innographView.nodes.length")
    assert before <= nodes and len(after) >= 1
