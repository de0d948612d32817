"""The project page in a real browser (Debian's headless Chromium through Playwright),
over a CORDIS-like import: rows of the shared ECSEL extract plus an invented project
whose partners carry a hostile name. A reader finds the project by its acronym and sees
its partners, their roles and the euro amounts, and a row's fields under its source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from innograph.tests.cordis_fixture import (
    HOSTILE,
    INVENTED,
    INVENTED_PARTNERS,
    build_cordis_fixture,
)
from innograph.tests.test_browser import _playwright

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def base_url(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from innograph.graph.embedded.store import EmbeddedStore
    from innograph.testing.serving import serve_views

    fixture = build_cordis_fixture(shared_dir, tmp_path_factory.mktemp("browser-project"))
    store = EmbeddedStore(fixture.store)
    with serve_views(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


@pytest.fixture()
def tab(base_url: str) -> Iterator[Any]:
    """A page of Debian's Chromium that fails the test on a dialog (injected markup), a
    script error, a CSP violation or a request leaving the app."""
    from innograph.testing.serving import launch_chromium

    requests: list[str] = []
    problems: list[str] = []
    with _playwright()() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: problems.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            problems.append(f"dialog: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "console",
            lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
        )
        yield page
        browser.close()
    own = urlsplit(base_url).netloc
    assert [u for u in requests if urlsplit(u).netloc not in ("", own)] == []
    assert problems == []


def _search(api: httpx.Client, acronym: str) -> dict[str, Any]:
    found = api.get("/api/search", params={"q": acronym, "type": "Project", "limit": 1})
    hit: dict[str, Any] = found.json()["data"][0]
    return hit


def test_project_page_shows_partners_roles_and_euro_amounts(
    tab: Any, base_url: str, api: httpx.Client
) -> None:
    project = _search(api, INVENTED["acronym"])
    tab.goto(base_url + "/")
    tab.locator("#search").press_sequentially(INVENTED["acronym"], delay=20)
    tab.locator(f'ul.suggestions li[data-id="{project["id"]}"]').click()
    tab.wait_for_url(f"**/entity/{project['id']}")
    section = tab.locator("#project")
    # The title (hostile markup in it shown as text), the dates and the amounts in euro.
    assert section.locator("h2").inner_text() == INVENTED["title"]
    assert tab.locator("#project-dates").inner_text() == "1 January 2022 – 31 December 2024"
    assert tab.locator("#project-budget").inner_text() == "€ 1,500,000.50"
    assert tab.locator("#project-grant").inner_text() == "€ 1,250,000"
    assert "CORDIS" in tab.locator("#cordis-link").inner_text()
    # Partners: the coordinator first, then by contribution; roles, countries, euro.
    rows = tab.locator("#project-partners tbody tr")
    assert rows.count() == len(INVENTED_PARTNERS)
    cells = [
        [rows.nth(i).locator("td").nth(c).inner_text() for c in (1, 2, 3, 5)]
        for i in range(rows.count())
    ]
    assert cells == [
        ["Veldhoven Optics B.V.", "Coordinator", "NL", "€ 400,000"],
        [HOSTILE, "Participant", "DE", "€ 600,000.25"],
        ["Kade Labs BV", "Participant", "NL", "€ 150,000"],
        ["Zee & Co", "Third party", "FR", "€ 0"],
    ]
    # The same partners, in the same order, from the JSON twin.
    twin = api.get(f"/api/projects/{project['id']}").json()
    assert [p["name"] for p in twin["partners"]] == [c[0] for c in cells]
    assert [p["role"] for p in twin["partners"]] == [
        "coordinator",
        "participant",
        "participant",
        "thirdParty",
    ]
    # A row's evidence: its source once, its fields when opened.
    source = rows.nth(0).locator("details.row-evidence")
    assert source.locator("dl").is_visible() is False
    source.locator("summary").click()
    fields = source.locator("dl.row-fields")
    assert fields.is_visible()
    text = fields.inner_text()
    assert "role" in text and "coordinator" in text and "400000" in text
    assert source.locator("summary").inner_text().startswith("participants.csv, row ")
    # The hostile partner's repeated row is one source with both row numbers.
    assert "rows " in rows.nth(1).locator("summary").inner_text()


def test_ecsel_project_page_lists_every_partner_of_the_api(
    tab: Any, base_url: str, api: httpx.Client
) -> None:
    project = _search(api, "MATQu")
    twin = api.get(f"/api/projects/{project['id']}", params={"limit": 1000}).json()
    tab.goto(f"{base_url}/entity/{project['id']}")
    rows = tab.locator("#project-partners tbody tr")
    assert rows.count() == twin["total"] > 10
    assert rows.nth(0).locator("td").nth(2).inner_text() == "Coordinator"
    assert tab.locator("#project-budget").inner_text() == "€ 21,707,010"
    first = twin["partners"][1]
    assert rows.nth(1).locator("td").nth(1).inner_text() == first["name"]
    amount = rows.nth(1).locator("td").nth(5).inner_text()
    assert (
        amount.startswith("€ ")
        and amount.replace("€ ", "").replace(",", "").replace(".", "").isdigit()
    )
