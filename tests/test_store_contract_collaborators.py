"""The GraphStore contract, collaborators: pages with a total, type filters, the sorts, and
each partner's years and summed EC contribution; on the embedded store and on Neo4j."""

from __future__ import annotations

from typing import Any

import pytest

from innograph.graph.store import GraphStore
from innograph.tests.collaborator_data import ANVIL, BIRCH, COBALT, DUNE, ME, partners
from innograph.tests.store_contract_data import load


def order(store: GraphStore, **options: Any) -> list[str]:
    return [c.organisation.id for c in store.collaborators(ME, limit=None, **options)]


def test_each_collaborator_has_its_years_type_and_contribution(store: GraphStore) -> None:
    load(store, partners())
    page = store.collaborators(ME)
    assert page.total == 4 and page.offset == 0 and page.limit == 50
    got = {
        c.organisation.id: (
            c.score,
            c.projects,
            c.first_year,
            c.last_year,
            c.contribution_eur,
            c.country,
            c.activity_type,
        )
        for c in page
    }
    assert got == {
        ANVIL: (2, 2, 2015, 2022, 150.75, "DE", "PRC"),
        BIRCH: (2, 2, 2015, 2022, 215.0, "NL", "HES"),
        COBALT: (1, 1, 2019, 2022, None, None, "REC"),
        DUNE: (1, 0, None, None, None, "FR", None),
    }


def test_pages_and_totals(store: GraphStore) -> None:
    load(store, partners())
    assert order(store) == [ANVIL, BIRCH, COBALT, DUNE]
    page = store.collaborators(ME, offset=1, limit=2)
    assert [c.organisation.id for c in page] == [BIRCH, COBALT]
    assert (page.total, page.offset, page.limit) == (4, 1, 2)
    past = store.collaborators(ME, offset=4, limit=2)
    assert list(past) == [] and past.total == 4
    since = store.collaborators(ME, since="2019-01-01", limit=1)
    assert since.total == 4 and since[0].organisation.id == ANVIL
    assert since[0].first_year == 2019 and since[0].contribution_eur == 50.25


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-shared", [ANVIL, BIRCH, COBALT, DUNE]),
        ("shared", [COBALT, DUNE, ANVIL, BIRCH]),
        ("name", [ANVIL, BIRCH, COBALT, DUNE]),
        ("-name", [DUNE, COBALT, BIRCH, ANVIL]),
        # Unknown values last, both ways.
        ("country", [ANVIL, DUNE, BIRCH, COBALT]),
        ("-country", [BIRCH, DUNE, ANVIL, COBALT]),
        ("first_year", [ANVIL, BIRCH, COBALT, DUNE]),
        ("-first_year", [COBALT, ANVIL, BIRCH, DUNE]),
        ("-last_year", [ANVIL, BIRCH, COBALT, DUNE]),
        ("contribution", [ANVIL, BIRCH, COBALT, DUNE]),
        ("-contribution", [BIRCH, ANVIL, COBALT, DUNE]),
    ],
)
def test_sorts(store: GraphStore, sort: str, expected: list[str]) -> None:
    load(store, partners())
    assert order(store, sort=sort) == expected


def test_filters_by_country_and_type(store: GraphStore) -> None:
    load(store, partners())
    assert order(store, country="NL") == [BIRCH]
    assert order(store, org_types=["PRC", "rec"]) == [ANVIL, COBALT]
    assert order(store, org_types=["Cluster"]) == [DUNE]
    assert order(store, org_types=["HES"], country="de") == []
    assert store.collaborators(ME, org_types=["PUB"]).total == 0


def test_an_unknown_sort_is_refused(store: GraphStore) -> None:
    load(store, partners())
    with pytest.raises(ValueError, match="sort"):
        store.collaborators(ME, sort="budget")
