"""An organisation's page: potential partners, each with its reason.

A section of the entity page (registered in ``SECTIONS``), rendered from
``templates/organisation_suggestions.html``: a page of suggestions from the analytics,
narrowed by a GET form on the page (cross-border, country, type) and paged, with links
to the same list from the API as JSON and CSV. The form's fields carry the ``sg_`` prefix
so that they never clash with another section's; the page's other parameters (the ego
network's depth, another section's filters) ride along as hidden fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from innograph.api.errors import ApiError
from innograph.api.routes.suggestions import (
    SuggestionFilters,
    find_suggestions,
    suggestion_filters,
)
from innograph.graph.domain import kind_label, organisation_types
from innograph.graph.store import GraphStore
from innograph.graph.types import EntityDetail
from innograph.viz.pages import entity_href, query_href
from innograph.viz.templating import render
from innograph.viz.views.entity import SECTIONS, Section, page_request

PAGE_SIZE = 10
PREFIX = "sg_"
ANCHOR = "suggestions"
_TRUE = {"1", "true", "on", "yes"}


def _offset(value: str | None) -> int:
    try:
        return max(0, min(int(value or 0), 10_000_000))
    except ValueError:
        return 0


def suggestions_section(
    store: GraphStore, detail: EntityDetail, params: Mapping[str, str]
) -> Section | None:
    """Potential partners of an organisation, from the analytics (None for other kinds
    of entity, or when the page is built without analytics)."""
    node = detail.node
    request = page_request()
    if node.type not in organisation_types() or request.analytics is None:
        return None
    cross_border = params.get(f"{PREFIX}cross_border", "").lower() in _TRUE
    country = params.get(f"{PREFIX}country", "").strip()[:200]
    kind = params.get(f"{PREFIX}type", "").strip()[:200]
    errors: list[str] = []
    try:
        filters = suggestion_filters(cross_border, country, kind, None)
    except ApiError as err:
        errors.append(err.message)
        filters = SuggestionFilters(cross_border)
    offset = _offset(params.get(f"{PREFIX}offset"))
    try:
        result = find_suggestions(request.analytics, node.id, filters, offset, PAGE_SIZE)
    except KeyError:  # not in the analytics' index of this graph version
        return None
    href = entity_href(node.id)

    def page_href(new_offset: int) -> str:
        kept: dict[str, str | int | None] = dict(params)
        kept[f"{PREFIX}offset"] = new_offset or None
        return query_href(href, kept) + f"#{ANCHOR}"

    api_params: dict[str, str | int | None] = {
        "cross_border": "true" if filters.cross_border else None,
        "country": ",".join(filters.countries) or None,
        "type": ",".join(filters.kinds) or None,
    }
    api = f"/api/organisations/{quote(node.id, safe='')}/suggestions"
    shown = len(result.suggestions)
    html = render(
        "organisation_suggestions.html",
        organisation=node,
        rows=[
            {
                "rank": rank,
                "name": s.organisation.name,
                "href": entity_href(s.organisation.id),
                "id": s.organisation.id,
                "country": s.country or "",
                "kind": kind_label(s.kind),
                "reason": s.reason,
                "score": s.score,
            }
            for rank, s in enumerate(result.suggestions, offset + 1)
        ],
        total=result.total,
        page_size=PAGE_SIZE,
        first=offset + 1 if shown else 0,
        last=offset + shown,
        note=result.note,
        errors=errors,
        cross_border=filters.cross_border,
        country=",".join(filters.countries),
        countries=_options(result.countries, filters.countries),
        kind=",".join(filters.kinds),
        kinds=[
            (k, f"{kind_label(k)} ({n:,})")
            for k, n in _with_chosen(result.kinds, filters.kinds).items()
        ],
        hidden=_hidden(params),
        action=f"{href}#{ANCHOR}",
        previous_href=page_href(max(offset - PAGE_SIZE, 0)) if offset > 0 else None,
        next_href=page_href(offset + PAGE_SIZE) if offset + PAGE_SIZE < result.total else None,
        json_href=query_href(api, {**api_params, "offset": offset or None, "limit": PAGE_SIZE}),
        csv_href=query_href(api, {**api_params, "format": "csv"}),
    )
    return Section(title="Potential partners", html=Markup(html), anchor=ANCHOR)


def _with_chosen(facet: Mapping[str, int], chosen: list[str]) -> dict[str, int]:
    """A facet's counts, with the chosen values present even when nothing matches."""
    out = dict(facet)
    for value in chosen:
        out.setdefault(value, 0)
    return out


def _options(facet: Mapping[str, int], chosen: list[str]) -> list[tuple[str, str]]:
    """Country options: code and "code (count)", the most frequent first."""
    return [(code, f"{code} ({n:,})") for code, n in _with_chosen(facet, chosen).items()]


def _hidden(params: Mapping[str, str]) -> list[tuple[str, Any]]:
    """The page's other parameters, kept when the form is sent."""
    return [(k, v) for k, v in sorted(params.items()) if not k.startswith(PREFIX)]


SECTIONS.append(suggestions_section)
