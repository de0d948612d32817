"""Lists that never lie: one way to page every list the API and the pages serve.

A list answer carries ``total`` (how many match, before paging), ``offset``, ``limit``
and ``next``: the URL of the following page (the same query with ``offset`` moved on),
or null on the last page; as Datasette and the GitHub API do, a ``Link: <...>; rel="next"``
header says the same. A CSV of a list holds what was asked: the whole list when no
``limit`` is given (streamed), or one page with the same ``Link`` header and
``X-Total-Count``, so a truncated download never passes for the whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import BaseModel

OffsetParam = Annotated[
    int, Query(ge=0, le=10_000_000, description="How many items to skip (see `next`).")
]


class PageInfo(BaseModel):
    """Where a page sits in its list: every list answer carries these fields."""

    total: int
    offset: int
    limit: int
    next: str | None


@dataclass(frozen=True)
class Page:
    """One page of a list: its place and the links to the next page."""

    total: int
    offset: int
    limit: int
    next: str | None

    def fields(self) -> dict[str, Any]:
        """The ``PageInfo`` fields, to merge into a JSON answer."""
        return {"total": self.total, "offset": self.offset, "limit": self.limit, "next": self.next}

    def headers(self) -> dict[str, str]:
        """``X-Total-Count`` and, unless this is the last page, ``Link: rel="next"``."""
        headers = {"X-Total-Count": str(self.total)}
        if self.next is not None:
            headers["Link"] = f'<{self.next}>; rel="next"'
        return headers


def page_of(request: Request, *, total: int, offset: int, limit: int) -> Page:
    """The page at ``offset`` of ``limit`` items in a list of ``total``; ``next`` is the
    request's own URL (path and query, relative to the server) with ``offset`` moved on."""
    following = offset + limit
    next_url = None
    if following < total:
        url = request.url.include_query_params(offset=following)
        next_url = f"{url.path}?{url.query}"
    return Page(total=total, offset=offset, limit=limit, next=next_url)
