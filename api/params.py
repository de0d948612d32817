"""Checking what callers send: ids, entity types, lists, dates and countries.

Each check raises ApiError (422, or 404 for an absent entity) with one line naming the
parameter and the problem.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Query

from innograph.api.budget import within_budget
from innograph.api.errors import ApiError
from innograph.api.limits import ID_CHECK_BUDGET_SECONDS
from innograph.graph.domain import organisation_types
from innograph.graph.store import GraphStore
from innograph.graph.types import Node
from innograph.ontology.ids import is_canonical_id
from innograph.ontology.terms import ontology

FormatParam = Annotated[
    Literal["json", "csv"], Query(description="Representation: json (default) or csv.")
]


def check_id(value: str, param: str) -> str:
    """``value`` if it has the form of a canonical id; else 422."""
    value = value.strip()
    if not is_canonical_id(value):
        raise ApiError(
            422,
            f"{param}: {value[:80]!r} is not an entity id "
            "(ids look like org-thomas-more: a type prefix, a hyphen, lowercase letters, "
            "digits and hyphens)",
        )
    return value


def split_list(value: str | None) -> list[str]:
    """The items of a comma-separated parameter, stripped, empty ones dropped."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def parse_types(value: str | None, param: str) -> list[str]:
    """Entity type names from a comma-separated list, each checked against the ontology."""
    types = split_list(value)
    known = ontology().entity_types
    for name in types:
        if name not in known:
            raise ApiError(
                422,
                f"{param}: unknown entity type {name[:80]!r} "
                f"(the ontology defines: {', '.join(sorted(known))})",
            )
    return types


def parse_ids(value: str | None, param: str) -> list[str]:
    """Entity ids from a comma-separated list, each checked."""
    return [check_id(part, param) for part in split_list(value)]


def check_date(value: str | None, param: str) -> str | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or None; else 422."""
    if value is None:
        return None
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
        return value
    raise ApiError(422, f"{param}: {value[:40]!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")


def check_country(value: str | None, param: str = "country") -> str | None:
    """A two-letter country code, upper-cased, or None; else 422."""
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ApiError(422, f"{param}: {value[:40]!r} is not a two-letter country code")
    return code


def require_entity(
    store: GraphStore, entity_id: str, param: str, *, types: tuple[str, ...] = ()
) -> Node:
    """The node with this id (404 if absent), of one of ``types`` when given (else 422)."""
    node = store.get_node(check_id(entity_id, param))
    if node is None:
        raise ApiError(404, f"{param}: no entity with id {entity_id!r}")
    if types and node.type not in types:
        raise ApiError(422, f"{param}: {entity_id!r} is a {node.type}, not a {' or '.join(types)}")
    return node


def require_organisation(store: GraphStore, entity_id: str, param: str) -> Node:
    """The organisation (or cluster) with this id; 404 if absent, 422 if another type."""
    return require_entity(store, entity_id, param, types=organisation_types())


async def fetch_entity(
    store: GraphStore, entity_id: str, param: str, *, types: tuple[str, ...] = ()
) -> Node:
    """:func:`require_entity` off the event loop, within ID_CHECK_BUDGET_SECONDS (503 when
    the store does not answer): a store that hangs must not stall every other request."""
    return await within_budget(
        ID_CHECK_BUDGET_SECONDS, require_entity, store, entity_id, param, types=types
    )


async def fetch_organisation(store: GraphStore, entity_id: str, param: str) -> Node:
    """:func:`require_organisation` off the event loop, within ID_CHECK_BUDGET_SECONDS."""
    return await fetch_entity(store, entity_id, param, types=organisation_types())


async def read_graph_version(store: GraphStore) -> str:
    """The store's version, read off the event loop within ID_CHECK_BUDGET_SECONDS."""
    return await within_budget(ID_CHECK_BUDGET_SECONDS, store.version)
