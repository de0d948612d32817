"""Who works with whom: an organisation's collaborators, filtered, sorted and paged.

One pure function over plain data, so the embedded and the Neo4j store give the same
answers: a backend supplies, for each item the organisation is linked to (LEADS or
PARTICIPATES_IN), the organisations linked to it with the EC contribution on each link,
and the programmes funding the item.

Sorting: ``SORTS`` name the columns; ``-`` before a name sorts descending. Ties go to the
most shared items, then the name (folded, then as written), then the id, so every order
is total and stable. A value that is unknown (no country, no dates, no contribution)
sorts last in either direction, as SQL's ``NULLS LAST``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from innograph.graph.algorithms import expand_types
from innograph.graph.types import Collaborator, CollaboratorPage, Node
from innograph.ontology.ids import fold

# Sortable columns of a collaborator list; "-name" sorts by name descending.
SORTS: tuple[str, ...] = ("shared", "name", "country", "first_year", "last_year", "contribution")
DEFAULT_SORT = "-shared"
# An organisation linked to an item, with its EC contribution on that link (or None); a
# bare id is a link without an amount.
PartnerLink = str | tuple[str, float | None]


def sort_options() -> tuple[str, ...]:
    """Every value of a ``sort`` parameter: each column, ascending and descending."""
    return tuple(v for name in SORTS for v in (name, f"-{name}"))


def active_between(properties: Mapping[str, Any], since: str | None, until: str | None) -> bool:
    """True when an item's [start_date, end_date] overlaps [since, until].

    A missing date is open-ended; ISO dates of different precision compare on their
    common prefix ("2020" overlaps "2020-06-01").
    """

    def cmp(a: str, b: str) -> int:
        n = min(len(a), len(b))
        return (a[:n] > b[:n]) - (a[:n] < b[:n])

    start = properties.get("start_date")
    end = properties.get("end_date")
    if since and end and cmp(str(end), since) < 0:
        return False
    return not (until and start and cmp(str(start), until) > 0)


class SortNames(dict[str, str]):
    """Node id -> folded name, folded once on first use (keep one per graph version)."""

    def __init__(self, nodes: Mapping[str, Node]) -> None:
        super().__init__()
        self._nodes = nodes

    def __missing__(self, node_id: str) -> str:
        folded = self[node_id] = fold(self._nodes[node_id].name)
        return folded


def _year(value: Any) -> int | None:
    """The year of an ISO date ("2021-06-01": 2021), None when there is none."""
    text = str(value or "").strip()
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def _years(items: Iterable[Node]) -> tuple[int | None, int | None]:
    """First and last year the items' start and end dates name, where known."""
    years = [
        y
        for item in items
        for y in (_year(item.properties.get("start_date")), _year(item.properties.get("end_date")))
        if y is not None
    ]
    return (min(years), max(years)) if years else (None, None)


def _matches_type(node: Node, wanted: frozenset[str]) -> bool:
    """``node`` is of one of the ``wanted`` types: an ontology type (Organisation,
    Cluster) or a CORDIS activity type (PRC, HES, REC, PUB, OTH), case-insensitively."""
    activity = str(node.properties.get("activity_type") or "").strip().upper()
    return node.type.upper() in wanted or (bool(activity) and activity in wanted)


def _sorted(found: list[Collaborator], sort: str, names: Mapping[str, str]) -> list[Collaborator]:
    """``found`` in the order ``sort`` asks for (see the module's docstring)."""
    descending = sort.startswith("-")
    column = sort.lstrip("-")
    if column not in SORTS:
        raise ValueError(f"sort: {sort!r} is not one of {', '.join(sort_options())}")

    def tie(c: Collaborator) -> tuple[int, str, str, str]:
        node = c.organisation
        return (-c.score, names[node.id], node.name, node.id)

    def value(c: Collaborator) -> Any:
        if column == "shared":
            return c.score
        if column == "name":
            return (names[c.organisation.id], c.organisation.name)
        if column == "country":
            return c.country
        if column == "first_year":
            return c.first_year
        if column == "last_year":
            return c.last_year
        return c.contribution_eur

    ordered = sorted(found, key=tie)
    known = [c for c in ordered if value(c) is not None]
    unknown = [c for c in ordered if value(c) is None]
    # sorted() is stable, also with reverse=True: equal values keep the tie order.
    return sorted(known, key=value, reverse=descending) + unknown


def rank_collaborators(
    org_id: str,
    partners_by_item: Mapping[str, Iterable[PartnerLink]],
    nodes: Mapping[str, Node],
    programmes_by_item: Mapping[str, Iterable[str]],
    *,
    country: str | None = None,
    org_types: Sequence[str] = (),
    programme: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str = DEFAULT_SORT,
    offset: int = 0,
    limit: int | None = 50,
    sort_names: Mapping[str, str] | None = None,
) -> CollaboratorPage:
    """The page at ``offset`` (``limit`` long; None: to the end) of the organisations
    sharing items with ``org_id``, in ``sort`` order, with their total.

    ``partners_by_item`` maps each item ``org_id`` is linked to (by LEADS/PARTICIPATES_IN)
    to every organisation link to it, as ``(organisation id, amount_eur)``; ``nodes``
    resolves item and organisation ids; ``programmes_by_item`` gives the programme ids
    funding each item (FUNDED_BY). Filters: the partner's ``country`` (its own property),
    its type (``org_types``: ontology types or CORDIS activity types), and the shared
    items' ``programme`` and activity between ``since`` and ``until``. ``sort_names``
    (optional, e.g. a :class:`SortNames` kept per graph version) gives each node's folded
    name, which the tie order uses. ValueError for an unknown ``sort``.
    """
    item_types = expand_types(["Project"])
    org_kinds = expand_types(["Organisation"])
    wanted_country = fold(country) if country else None
    wanted_types = frozenset(t.strip().upper() for t in org_types if t.strip())
    shared: dict[str, set[str]] = {}
    amounts: dict[str, list[float]] = {}
    for item, links in partners_by_item.items():
        if programme is not None and programme not in set(programmes_by_item.get(item, ())):
            continue
        if (since or until) and not active_between(nodes[item].properties, since, until):
            continue
        for link in links:
            partner, amount = (link, None) if isinstance(link, str) else link
            if partner == org_id:
                continue
            node = nodes[partner]
            if node.type not in org_kinds:
                continue
            if wanted_country is not None:
                value = node.properties.get("country")
                if value is None or fold(str(value)) != wanted_country:
                    continue
            if wanted_types and not _matches_type(node, wanted_types):
                continue
            shared.setdefault(partner, set()).add(item)
            if amount is not None:
                amounts.setdefault(partner, []).append(float(amount))
    found = []
    for partner, item_ids in shared.items():
        items = [nodes[i] for i in sorted(item_ids)]
        first, last = _years(items)
        known = amounts.get(partner)
        found.append(
            Collaborator(
                organisation=nodes[partner],
                shared=items,
                score=len(items),
                projects=sum(1 for i in items if i.type in item_types),
                first_year=first,
                last_year=last,
                # fsum is exact, so the order the backend hands the amounts in is moot.
                contribution_eur=math.fsum(known) if known else None,
            )
        )
    names = sort_names if sort_names is not None else SortNames(nodes)
    ordered = _sorted(found, sort, names)
    start = max(offset, 0)
    end = None if limit is None else start + max(limit, 0)
    return CollaboratorPage(ordered[start:end], total=len(found), offset=start, limit=limit)
