"""GET /api/paths: the k shortest partnership paths between two organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from innograph.api.budget import within_budget
from innograph.api.deps import StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import MAX_PATH_HOPS, MAX_PATHS, QUERY_BUDGET_SECONDS
from innograph.api.params import check_id, parse_ids, parse_types, require_entity
from innograph.api.representation import json_response, node_ref, provenance_data
from innograph.api.schemas import ERROR_RESPONSES, PathsPublic
from innograph.graph.domain import country_of, organisation_types
from innograph.graph.partnership import explain_no_paths, path_scope, widest_scope
from innograph.graph.store import GraphStore
from innograph.graph.types import Node, PartnershipPath

router = APIRouter(prefix="/api", tags=["collaboration"])

# With cross_border, this many times k paths are asked for before filtering.
CROSS_BORDER_OVERSAMPLE = 5
# The value of ``via`` that lets paths pass through anything.
VIA_ALL = "all"


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


@dataclass(frozen=True, slots=True)
class PathsAnswer:
    """The paths as the API shows them, notes, and why there are none."""

    first: Node
    second: Node
    paths: list[dict[str, Any]]
    notes: list[str]
    reason: str | None
    found: list[PartnershipPath]  # the paths answered, as the store gave them


def via_scope(via: str | None) -> tuple[list[str], list[str]]:
    """``via`` as the store's (via, relations): ``all`` is every type along every
    relation; else the types named (none: partnership paths)."""
    if via is not None and via.strip().lower() == VIA_ALL:
        widest = widest_scope()
        return sorted(widest.node_types), sorted(widest.relations)
    return parse_types(via, "via"), []


def find_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    k: int,
    max_hops: int,
    via: list[str],
    relations: list[str],
    avoid: list[str],
    cross_border: bool,
) -> PathsAnswer:
    """Check the ends, find the paths and explain an empty answer: every store call of
    the request, so that all of them run off the event loop within one budget. The
    paths page asks the same way (``viz.views.paths``)."""
    first = require_entity(store, source, "from")
    second = require_entity(store, target, "to")
    if first.id == second.id:
        raise ApiError(422, "from and to are the same entity")
    if first.id in avoid or second.id in avoid:
        raise ApiError(422, "avoid: cannot avoid the path's own ends")
    asked = k * CROSS_BORDER_OVERSAMPLE if cross_border else k
    found = store.paths(
        first.id, second.id, k=asked, max_hops=max_hops, via=via, avoid=avoid, relations=relations
    )
    cache: dict[str, str | None] = {}
    paths = [_path_data(store, p, cache) for p in found]
    kept = list(found)
    notes: list[str] = []
    reason: str | None = None
    if cross_border:
        pairs = [(p, d) for p, d in zip(found, paths, strict=True) if d["crosses_border"]][:k]
        kept, paths = [p for p, _ in pairs], [d for _, d in pairs]
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
        if found and not paths:
            reason = (
                f"{len(found)} path(s) within {max_hops} hops, none of them crossing a border "
                "(cross_border=true)"
            )
    if not found:
        reason = explain_no_paths(
            store,
            first.id,
            second.id,
            max_hops=max_hops,
            scope=path_scope(via, relations),
            avoid=avoid,
        )
    return PathsAnswer(first, second, paths, notes, reason, kept)


@router.get("/paths", response_model=PathsPublic, responses=ERROR_RESPONSES)
async def paths(
    store: StoreDep,
    source: Annotated[str, Query(alias="from", description="Id of the first organisation.")],
    target: Annotated[str, Query(alias="to", description="Id of the second organisation.")],
    k: Annotated[int, Query(ge=1, le=MAX_PATHS, description="How many paths.")] = 3,
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS)] = 4,
    via: Annotated[
        str | None,
        Query(
            description="Intermediate nodes only of these types, e.g. Project,S3Platform. "
            "Default: partnership paths, through organisations, clusters, projects, S3 "
            "platforms and events along LEADS, PARTICIPATES_IN, MEMBER_OF and "
            "COLLABORATES_WITH, never a Region or a FundingProgramme; naming such a type "
            "(via=Organisation,Project,Region) opens it with the relations reaching it; "
            "via=all: any type along any relation."
        ),
    ] = None,
    cross_border: Annotated[
        bool,
        Query(description="Only paths where successive organisations are in different countries."),
    ] = False,
    avoid: Annotated[
        str | None, Query(description="Entity ids the paths must not go through (comma-separated).")
    ] = None,
) -> Response:
    """The k shortest partnership paths between two organisations, each hop with evidence;
    an empty answer says why in ``reason``."""
    source_id = check_id(source, "from")
    target_id = check_id(target, "to")
    via_types, relations = via_scope(via)
    avoid_ids = parse_ids(avoid, "avoid")
    answer = await within_budget(
        QUERY_BUDGET_SECONDS,
        find_paths,
        store,
        source_id,
        target_id,
        k=k,
        max_hops=max_hops,
        via=via_types,
        relations=relations,
        avoid=avoid_ids,
        cross_border=cross_border,
    )
    # PathsPublic's shape, as plain data serialised once (see json_response).
    return json_response(
        {
            "source": node_ref(answer.first),
            "target": node_ref(answer.second),
            "data": answer.paths,
            "count": len(answer.paths),
            "notes": answer.notes,
            "reason": answer.reason,
        }
    )
