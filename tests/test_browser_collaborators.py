"""The collaborators table in a real browser (Debian's headless Chromium via Playwright),
on the CORDIS ECSEL import: the organisation with the most partners, paged to its second
page, filtered and sorted, the total as the API's; a hostile partner name stays text.

The page fixture (tests/test_browser.py) fails a test on any request leaving the app, any
dialog (an ``alert`` from injected markup) and any script or CSP error.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from innograph.tests import test_browser as shared
from innograph.tests.builders import make_facts
from innograph.tests.import_helpers import run_import
from innograph.tests.test_browser import HOSTILE, Recorder

# The browser and the recorded page of tests/test_browser.py, over this module's base_url.
browser = shared.browser
page = shared.page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


def top_pic(participants: Path) -> str:
    """The PIC with the most partners in the participants CSV (plain csv module)."""
    with participants.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    projects_of: dict[str, set[str]] = defaultdict(set)
    members: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        projects_of[row["organisationID"]].add(row["projectID"])
        members[row["projectID"]].add(row["organisationID"])
    return max(
        projects_of,
        key=lambda pic: (len({o for p in projects_of[pic] for o in members[p]}), pic),
    )


@pytest.fixture(scope="module")
def ecsel(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The ECSEL import, plus a partner with a hostile name in the busiest organisation's
    first project; yields (store, the busiest organisation's id)."""
    from innograph.graph.embedded.store import EmbeddedStore

    data = shared_dir / "data" / "structured"
    folder = tmp_path_factory.mktemp("browser-ecsel") / "store"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("INNOGRAPH_NEO4J_URI", raising=False)
        code, _, err = run_import(
            "cordis",
            "--projects",
            str(data / "ecsel_h2020_projects.csv"),
            "--participants",
            str(data / "ecsel_h2020_participants.csv"),
            "--store",
            str(folder),
        )
    assert code == 0, err
    store = EmbeddedStore(folder)
    pic = top_pic(data / "ecsel_h2020_participants.csv")
    busiest = next(
        n for n in store.iter_nodes(types=["Organisation"]) if n.properties["pic"] == pic
    )
    item = store.collaborators(busiest.id, limit=1)[0].shared[0]
    store.upsert_document(
        make_facts(
            "test://hostile-partner",
            [
                ("x", "Organisation", HOSTILE, {"country": "ZZ", "activity_type": "<b>PRC"}),
                ("p", item.type, item.name, {"canonical_id": item.id}),
            ],
            [("PARTICIPATES_IN", "x", "p")],
        )
    )
    yield store, busiest.id
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def base_url(ecsel: Any) -> Iterator[str]:
    from innograph.testing.serving import serve_views

    with serve_views(ecsel[0]) as url:
        yield url


@pytest.fixture(scope="module")
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


def table_ids(tab: Any) -> list[str]:
    """The partners' entity ids, in table order (from their links)."""
    hrefs: list[str] = tab.locator("#collab-table tbody tr td:first-child a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return [h.removeprefix("/entity/") for h in hrefs]


def api_ids(answer: dict[str, Any]) -> list[str]:
    return [c["organisation"]["id"] for c in answer["data"]]


def test_the_table_pages_to_its_second_page_with_the_api_total(
    page: tuple[Any, Recorder], base_url: str, api: httpx.Client, ecsel: Any
) -> None:
    tab, _ = page
    org_id = ecsel[1]
    url = f"/api/organisations/{org_id}/collaborators"
    answer = api.get(url, params={"limit": 25}).json()
    assert answer["total"] > 1000
    tab.goto(f"{base_url}/entity/{org_id}")
    shown = tab.locator("#collab-total").inner_text()
    assert int(shown.replace(",", "")) == answer["total"]
    assert tab.locator("#collab-range").inner_text().startswith("1–25 of")
    assert table_ids(tab) == api_ids(answer)

    tab.locator("#collab-next").click()
    tab.wait_for_url("**collab_offset=25**")
    assert tab.locator("#collab-range").inner_text() == f"26–50 of {answer['total']:,}"
    second = api.get(answer["next"]).json()
    assert table_ids(tab) == api_ids(second)
    assert int(tab.locator("#collab-total").inner_text().replace(",", "")) == second["total"]

    # Filter by a country with the form: the total is the API's for that country.
    tab.locator("#collab-country").select_option("NL")
    tab.get_by_role("button", name="Filter").click()
    tab.wait_for_url("**collab_country=NL**")
    dutch = api.get(url, params={"country": "NL", "limit": 25}).json()
    assert int(tab.locator("#collab-total").inner_text().replace(",", "")) == dutch["total"]
    assert tab.locator("#collab-range").inner_text().startswith("1–25 of")  # back to page 1
    # Sort by EC contribution with its header: the API's order.
    tab.get_by_role("link", name="EC contribution").click()
    tab.wait_for_url("**collab_sort=-contribution**")
    richest = api.get(url, params={"country": "NL", "sort": "-contribution", "limit": 25})
    assert table_ids(tab) == api_ids(richest.json())


def test_a_hostile_partner_name_is_shown_as_text(
    page: tuple[Any, Recorder], base_url: str, ecsel: Any
) -> None:
    tab, _ = page
    tab.goto(f"{base_url}/entity/{ecsel[1]}?collab_country=ZZ")
    assert tab.locator("#collab-table tbody tr td:first-child").all_inner_texts() == [HOSTILE]
    assert tab.locator("#collab-table tbody td:nth-child(3)").inner_text() == "<B>PRC"
    assert tab.locator("#collab-table img, #collab-table b").count() == 0
