"""Lists that never lie, in a real browser: a region-like entity with many relations shows
a short list per type, and its "all N of this type" link pages through every one.

Served from a store of its own (tests/test_viz_relations.py's region, a hostile name
among its organisations); the browser, page and request checks are tests/test_browser.py's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from innograph.tests.test_browser import browser  # noqa: F401 - a fixture used here
from innograph.tests.test_browser import page as page  # the fixture, used by name
from innograph.tests.test_viz_relations import (
    CONFIRMED,
    MEMBERS,
    REGION_ID,
    member,
    region_store,
)
from innograph.viz.views.entity import RELATIONS_SHOWN
from innograph.viz.views.entity_lists import RELATIONS_PAGE

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LISTED = "(sel) => [...document.querySelectorAll(sel)].map(a => a.textContent)"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from innograph.testing.serving import serve_views

    store = region_store(tmp_path_factory.mktemp("browser-lists") / "store")
    with serve_views(store) as url:
        yield url
    store.close()


def test_a_region_page_caps_its_relations_and_the_all_link_pages(
    page: tuple[Any, Any], base_url: str
) -> None:
    tab, _ = page
    tab.goto(f"{base_url}/entity/{REGION_ID}")
    names = tab.evaluate(LISTED, "ul.relations > li > a")
    assert len(names) == RELATIONS_SHOWN
    assert names[: len(CONFIRMED)] == [member(i) for i in CONFIRMED]  # the most evidenced
    # The page stays short: not one long list of every organisation in the region.
    assert tab.evaluate("document.body.scrollHeight") < 8000
    link = tab.locator("a.all-relations")
    assert link.text_content() == f"all {MEMBERS} of this type"
    link.click()
    tab.wait_for_url("**/relations?type=LOCATED_IN")
    seen: list[str] = []
    while True:
        names = tab.evaluate(LISTED, "ol.relations > li > a")
        assert len(names) == min(RELATIONS_PAGE, MEMBERS - len(seen))
        assert tab.locator("strong.total").first.text_content() == str(MEMBERS)
        seen += names
        following = tab.locator("a[rel=next]").first
        if following.count() == 0:
            break
        following.click()
        tab.wait_for_url(f"**offset={len(seen)}")
    assert sorted(seen) == sorted(member(i) for i in range(MEMBERS))
    tab.locator("a[rel=prev]").first.click()
    tab.wait_for_url("**/relations?type=LOCATED_IN")
    assert tab.evaluate(LISTED, "ol.relations > li > a") == seen[:RELATIONS_PAGE]
