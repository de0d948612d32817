"""The partner search in a real browser (Debian's headless Chromium through Playwright):
two facets clicked, the total checked against the API and the hand-made selection, the
CSV downloaded and read whole; a hostile name shown as text. No request leaves the app."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.partner_graph import BY_KEY, HOSTILE, ORGS, expected, partner_facts
from innograph.tests.test_browser import Recorder, _playwright

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from innograph.testing.serving import serve_views

    store = EmbeddedStore(tmp_path_factory.mktemp("browser-partners") / "store")
    store.upsert_document(partner_facts())
    with serve_views(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


@pytest.fixture()
def page(base_url: str) -> Iterator[tuple[Any, Recorder]]:
    from innograph.testing.serving import launch_chromium

    with _playwright()() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        seen = Recorder()
        tab.on("request", lambda request: seen.requests.append(request.url))

        def on_dialog(dialog: Any) -> None:
            seen.dialogs.append(dialog.message)
            dialog.dismiss()

        def on_console(message: Any) -> None:  # the page's Content-Security-Policy must fit
            if "Content Security Policy" in message.text:
                seen.errors.append(message.text)

        tab.on("dialog", on_dialog)
        tab.on("pageerror", lambda error: seen.errors.append(str(error)))
        tab.on("console", on_console)
        yield tab, seen
        context.close()
        browser.close()
    own = urlsplit(base_url).netloc
    assert [u for u in seen.requests if urlsplit(u).netloc != own] == []
    assert seen.dialogs == [] and seen.errors == []


def total_on(tab: Any) -> int:
    return int(tab.get_attribute("#total", "data-total"))


def click_facet(tab: Any, facet: str, label: str) -> None:
    link = tab.locator(f'section[data-facet="{facet}"] a', has_text=label)
    with tab.expect_navigation():
        link.click()


def test_partner_search_with_two_facets_and_the_csv(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client, tmp_path: Path
) -> None:
    tab, _ = page
    tab.goto(base_url + "/partners")
    assert total_on(tab) == len(ORGS)
    click_facet(tab, "country", "Netherlands")
    click_facet(tab, "type", "Private for-profit entity")
    want = expected({"country": ["NL"], "type": ["PRC"]})
    shown = total_on(tab)
    answer = api.get("/api/organisations", params={"country": "NL", "type": "PRC"}).json()
    assert shown == answer["total"] == len(want) > 0
    chosen = tab.locator("section.facet li.selected .label").all_inner_texts()
    assert sorted(chosen) == ["Netherlands", "Private for-profit entity"]
    rows = tab.locator("#partners tbody tr")
    assert rows.count() == shown
    links = [rows.nth(i).locator("a").get_attribute("href") for i in range(rows.count())]
    assert {href.removeprefix("/entity/") for href in links} == want
    with tab.expect_download() as info:
        tab.click("#csv-link")
    saved = tmp_path / "partners.csv"
    info.value.save_as(saved)
    table = list(csv.DictReader(io.StringIO(saved.read_text("utf-8"))))
    assert len(table) == shown
    assert {r["id"] for r in table} == want
    assert {r["country"] for r in table} == {"NL"} and {r["type"] for r in table} == {"PRC"}


def test_a_hostile_name_is_shown_as_text(page: tuple[Any, Recorder], base_url: str) -> None:
    tab, seen = page
    tab.goto(base_url + "/partners?q=onerror")
    assert tab.locator("#partners tbody a").all_inner_texts() == [HOSTILE]
    assert tab.locator("#partners img").count() == 0
    assert tab.get_attribute("#partners tbody a", "href") == f"/entity/{BY_KEY['g'].id}"
    assert seen.dialogs == []
