"""GET /api/paths: the k shortest partnership paths between two organisations."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import MAX_PATH_HOPS, MAX_PATHS, QUERY_BUDGET_SECONDS
from innograph.api.params import parse_ids, parse_types, require_entity
from innograph.api.representation import json_response, node_ref, provenance_data
from innograph.api.schemas import ERROR_RESPONSES, PathsPublic
from innograph.graph.domain import country_of, organisation_types
from innograph.graph.store import GraphStore
from innograph.graph.types import Node, PartnershipPath

router = APIRouter(prefix="/api", tags=["collaboration"])

# With cross_border, this many times k paths are asked for before filtering.
CROSS_BORDER_OVERSAMPLE = 5


def _country(store: GraphStore, node: Node, cache: dict[str, str | None]) -> str | None:
    """The organisation's country: its own, else that of a region it is located in."""
    if node.id not in cache:
        regions: list[Node] = []
        if not node.properties.get("country"):
            detail = store.get_entity(node.id)
            regions = [
                detail.neighbours[e.target]
                for e in detail.outgoing
                if e.type == "LOCATED_IN" and e.target in detail.neighbours
            ]
        cache[node.id] = country_of(node, regions)
    return cache[node.id]


def _path_data(
    store: GraphStore, path: PartnershipPath, cache: dict[str, str | None]
) -> dict[str, Any]:
    """A path as ``PathPublic``, in plain data."""
    org_types = organisation_types()
    refs = [node_ref(n) for n in path.nodes]
    steps = [
        {
            "source": a_ref,
            "target": b_ref,
            "type": edge.type,
            "reversed": edge.source != a.id,
            "provenance": [provenance_data(p) for p in edge.provenance],
        }
        for a, a_ref, b_ref, edge in zip(path.nodes, refs, refs[1:], path.edges, strict=False)
    ]
    countries = [_country(store, n, cache) for n in path.nodes if n.type in org_types]
    known = [c for c in countries if c]
    crosses = any(x != y for x, y in zip(known, known[1:], strict=False))
    return {
        "hops": path.hops,
        "nodes": refs,
        "steps": steps,
        "countries": countries,
        "crosses_border": crosses,
    }


def _find(
    store: GraphStore,
    source: str,
    target: str,
    *,
    k: int,
    max_hops: int,
    via: list[str],
    avoid: list[str],
    cross_border: bool,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The paths as the API shows them (``PathPublic``), and notes about unknown countries."""
    asked = k * CROSS_BORDER_OVERSAMPLE if cross_border else k
    found = store.paths(source, target, k=asked, max_hops=max_hops, via=via, avoid=avoid)
    cache: dict[str, str | None] = {}
    paths = [_path_data(store, p, cache) for p in found]
    notes: list[str] = []
    if cross_border:
        paths = [p for p in paths if p["crosses_border"]][:k]
        unknown = sorted(
            {n.name for p in found for n in p.nodes if n.id in cache and cache[n.id] is None}
        )
        if unknown:
            notes.append(
                f"{len(unknown)} organisation(s) on the candidate paths have no known country "
                f"and cannot show a border crossing: {', '.join(unknown[:10])}"
                + (" ..." if len(unknown) > 10 else "")
            )
        if len(found) == asked and len(paths) < k:
            notes.append(f"only the {asked} shortest paths were checked for a border crossing")
    return paths, notes


@router.get("/paths", response_model=PathsPublic, responses=ERROR_RESPONSES)
async def paths(
    store: StoreDep,
    source: Annotated[str, Query(alias="from", description="Id of the first organisation.")],
    target: Annotated[str, Query(alias="to", description="Id of the second organisation.")],
    k: Annotated[int, Query(ge=1, le=MAX_PATHS, description="How many paths.")] = 3,
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS)] = 4,
    via: Annotated[
        str | None,
        Query(description="Intermediate nodes only of these types, e.g. Project,S3Platform."),
    ] = None,
    cross_border: Annotated[
        bool,
        Query(description="Only paths where successive organisations are in different countries."),
    ] = False,
    avoid: Annotated[
        str | None, Query(description="Entity ids the paths must not go through (comma-separated).")
    ] = None,
) -> Response:
    """The k shortest partnership paths between two organisations, each hop with evidence."""
    first = require_entity(store, source, "from")
    second = require_entity(store, target, "to")
    if first.id == second.id:
        raise ApiError(422, "from and to are the same entity")
    via_types = parse_types(via, "via")
    avoid_ids = parse_ids(avoid, "avoid")
    if first.id in avoid_ids or second.id in avoid_ids:
        raise ApiError(422, "avoid: cannot avoid the path's own ends")
    found, notes = await within_budget(
        QUERY_BUDGET_SECONDS,
        _find,
        store,
        first.id,
        second.id,
        k=k,
        max_hops=max_hops,
        via=via_types,
        avoid=avoid_ids,
        cross_border=cross_border,
    )
    # PathsPublic's shape, as plain data serialised once (see json_response).
    return json_response(
        {
            "source": node_ref(first),
            "target": node_ref(second),
            "data": found,
            "count": len(found),
            "notes": notes,
        }
    )
