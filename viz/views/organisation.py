"""An organisation's section of the entity page: who works with it.

A table of its collaborators (partner, country, type, shared projects, first and last
year, summed EC contribution) that sorts by its column headers, filters by country and
type with a GET form, pages with next/previous links, and links the same list as CSV and
JSON from the API. Server-rendered: every control is a link or a form, so each state of
the table is a URL. Its parameters carry a ``collab_`` prefix, so they live beside the
other sections' in the entity page's query string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from innograph.graph.collaborators import DEFAULT_SORT, SORTS
from innograph.graph.domain import ACTIVITY_TYPES, organisation_types
from innograph.graph.store import GraphStore
from innograph.graph.types import Collaborator, EntityDetail
from innograph.viz.model import style_of
from innograph.viz.pages import entity_href
from innograph.viz.templating import render
from innograph.viz.views.entity import SECTIONS, Section

ANCHOR = "collaborators"
PREFIX = "collab_"
PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
# Column headers, in table order: (sort key, label, direction of a first click).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name", "Partner", ""),
    ("country", "Country", ""),
    ("", "Type", ""),
    ("shared", "Shared projects", "-"),
    ("first_year", "Years", ""),
    ("contribution", "EC contribution", "-"),
)


@dataclass
class TableQuery:
    """The table's state, read from the page's query string (bad values noted, not fatal)."""

    sort: str = DEFAULT_SORT
    country: str = ""
    org_type: str = ""
    offset: int = 0
    limit: int = PAGE_SIZE
    errors: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, query: Mapping[str, str]) -> TableQuery:
        """The state ``query``'s ``collab_*`` parameters give."""
        state = cls()
        sort = query.get(PREFIX + "sort", "").strip()
        if sort:
            if sort.lstrip("-") in SORTS and sort.count("-") <= 1:
                state.sort = sort
            else:
                state.errors.append(f"sort: {sort[:40]!r} is not a column")
        country = query.get(PREFIX + "country", "").strip()
        if country:
            if len(country) == 2 and country.isascii() and country.isalpha():
                state.country = country.upper()
            else:
                state.errors.append(f"country: {country[:40]!r} is not a two-letter code")
        state.org_type = query.get(PREFIX + "type", "").strip()[:40]
        state.offset = _number(query.get(PREFIX + "offset"), 0, 0, 10_000_000, state.errors)
        state.limit = _number(
            query.get(PREFIX + "limit"), PAGE_SIZE, 1, MAX_PAGE_SIZE, state.errors
        )
        return state

    def params(self, **changes: Any) -> dict[str, str]:
        """The ``collab_*`` parameters of this state with ``changes``, defaults left out."""
        values = {
            "sort": self.sort,
            "country": self.country,
            "type": self.org_type,
            "offset": self.offset,
            "limit": self.limit,
        }
        values.update(changes)
        defaults = {"sort": DEFAULT_SORT, "offset": 0, "limit": PAGE_SIZE}
        return {
            PREFIX + key: str(value)
            for key, value in values.items()
            if value not in ("", None) and defaults.get(key) != value
        }


def _number(text: str | None, default: int, low: int, high: int, errors: list[str]) -> int:
    if text is None or not text.strip():
        return default
    try:
        value = int(text)
    except ValueError:
        errors.append(f"{text[:20]!r} is not a number")
        return default
    return min(max(value, low), high)


def type_label(c: Collaborator) -> str:
    """A partner's type for people: its CORDIS activity type named, else its own type."""
    code = c.activity_type
    if code:
        return f"{ACTIVITY_TYPES[code]} ({code})" if code in ACTIVITY_TYPES else code
    return style_of(c.organisation.type).label


def type_value(c: Collaborator) -> str:
    """The ``type`` filter value that selects a partner: its activity type, else its type."""
    return c.activity_type or c.organisation.type


def years(c: Collaborator) -> str:
    """ "2015–2022", "2019" or "" when the shared items have no dates."""
    if c.first_year is None or c.last_year is None:
        return ""
    if c.first_year == c.last_year:
        return str(c.first_year)
    return f"{c.first_year}–{c.last_year}"


def euro(amount: float | None) -> str:
    """An amount in euro as people read it (€ 1,234,567.89); "" when unknown."""
    return "" if amount is None else f"€ {amount:,.2f}"


def _href(path: str, params: Mapping[str, str], anchor: str = "") -> str:
    query = urlencode(params)
    return f"{path}?{query}{anchor}" if query else f"{path}{anchor}"


def collaborators_section(
    store: GraphStore, detail: EntityDetail, query: Mapping[str, str]
) -> Section | None:
    """The collaborators table of an organisation's page; None for other entities."""
    node = detail.node
    if node.type not in organisation_types():
        return None
    state = TableQuery.parse(query)
    # The whole list once, for the filters' choices and their counts.
    everyone = store.collaborators(node.id, limit=None)
    if everyone.total == 0:
        return Section(
            "Collaborators",
            Markup(render("organisation_collaborators.html", empty=True)),
            anchor=ANCHOR,
        )
    found = store.collaborators(
        node.id,
        country=state.country or None,
        org_types=[t.strip() for t in state.org_type.split(",") if t.strip()],
        sort=state.sort,
        offset=state.offset,
        limit=state.limit,
    )
    countries = Counter(c.country for c in everyone if c.country)
    types: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for c in everyone:
        types[type_value(c)] += 1
        labels[type_value(c)] = type_label(c)
    # The entity page's other parameters (the ego network's depth, other sections') stay.
    kept = {k: v for k, v in query.items() if not k.startswith(PREFIX)}
    page_path = entity_href(node.id)

    def page_href(**changes: Any) -> str:
        return _href(page_path, {**kept, **state.params(**changes)}, "#" + ANCHOR)

    current = state.sort.lstrip("-")
    headers = []
    for key, label, first in COLUMNS:
        if not key:
            headers.append({"label": label, "href": None, "sort": None})
            continue
        if key == current:
            # A second click turns the order around.
            target = key if state.sort.startswith("-") else f"-{key}"
            direction = "descending" if state.sort.startswith("-") else "ascending"
        else:
            target, direction = f"{first}{key}", None
        headers.append(
            {"label": label, "href": page_href(sort=target, offset=0), "sort": direction}
        )
    start = found.offset
    shown = len(found)
    api_filters = {
        "country": state.country,
        "type": state.org_type,
        "sort": state.sort if state.sort != DEFAULT_SORT else "",
    }
    api_path = f"/api/organisations/{node.id}/collaborators"
    api_params = {k: v for k, v in api_filters.items() if v}
    html = render(
        "organisation_collaborators.html",
        empty=False,
        errors=state.errors,
        total=found.total,
        everyone=everyone.total,
        first=start + 1 if shown else 0,
        last=start + shown,
        headers=headers,
        rows=[
            {
                "href": entity_href(c.organisation.id),
                "name": c.organisation.name,
                "country": c.country or "",
                "type": type_label(c),
                "projects": c.projects,
                "others": c.score - c.projects,
                "years": years(c),
                "contribution": euro(c.contribution_eur),
            }
            for c in found
        ],
        action=page_path,
        hidden=sorted({**kept, **state.params(country="", type="", offset=0)}.items()),
        country_param=PREFIX + "country",
        type_param=PREFIX + "type",
        country=state.country,
        org_type=state.org_type,
        countries=sorted(countries.items()),
        types=sorted(((value, labels[value], n) for value, n in types.items()), key=lambda t: t[1]),
        previous_href=page_href(offset=max(start - state.limit, 0)) if start > 0 else None,
        next_href=page_href(offset=start + state.limit) if start + shown < found.total else None,
        csv_href=_href(api_path, {**api_params, "format": "csv"}),
        json_href=_href(api_path, {**api_params, "offset": str(start), "limit": str(state.limit)}),
    )
    return Section("Collaborators", Markup(html), anchor=ANCHOR)


SECTIONS.append(collaborators_section)
