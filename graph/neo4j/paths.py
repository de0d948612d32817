"""Partnership paths on Neo4j: the two balls around the ends fetched layer by layer, then
the shared search of :func:`innograph.graph.algorithms.k_shortest_paths` on them.

Kept apart from :mod:`.store` so that the store stays readable; the store hands in its
three reads (nodes by id, one adjacency layer, the relationships among some nodes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from innograph.graph.algorithms import intermediate_filter, k_shortest_paths, pick_edge
from innograph.graph.errors import EntityNotFound
from innograph.graph.neo4j.cypher import hint, root_of
from innograph.graph.neo4j.reads import rel_types
from innograph.graph.partnership import PathScope
from innograph.graph.types import Edge, Node, PartnershipPath

# Nodes by id (those that exist).
FetchNodes = Callable[[Iterable[str]], dict[str, Node]]
# One layer: each node's neighbours along the relations given, and their types.
Adjacency = Callable[[Iterable[str], frozenset[str]], tuple[dict[str, set[str]], dict[str, str]]]
# The relationships with both ends among the ids, of the relations given.
EdgesAmong = Callable[[Sequence[str], frozenset[str]], list[Edge]]


def find_paths(
    fetch_nodes: FetchNodes,
    adjacency: Adjacency,
    edges_among: EdgesAmong,
    source_id: str,
    target_id: str,
    *,
    k: int,
    max_hops: int,
    scope: PathScope,
    avoid: Sequence[str],
) -> list[PartnershipPath]:
    """The k shortest simple paths between two entities within ``scope``.

    Every edge of a path of at most ``max_hops`` hops leaves a node that lies within
    ceil(max_hops / 2) hops of the source or within floor(max_hops / 2) hops of the
    target along the path. So the search runs on two balls fetched layer by layer, one
    query per layer and root label, along the scope's relations and expanding only
    through nodes a path may pass through: the same paths as on the whole graph, in a
    handful of round trips.
    """
    found_nodes = fetch_nodes([source_id, target_id])
    for entity_id in (source_id, target_id):
        if entity_id not in found_nodes:
            raise EntityNotFound(entity_id)
    node_types = {n.id: n.type for n in found_nodes.values()}
    allowed = intermediate_filter(node_types.get, sorted(scope.node_types), avoid)
    graph: dict[str, set[str]] = defaultdict(set)
    ends = {source_id, target_id}
    for centre, depth in ((source_id, (max_hops + 1) // 2), (target_id, max_hops // 2)):
        frontier, seen = [centre], {centre}
        for _ in range(depth):
            found, found_types = adjacency(frontier, scope.relations)
            node_types.update(found_types)
            following: list[str] = []
            for node, others in found.items():
                graph[node] |= others
                for other in others:
                    graph[other].add(node)  # the graph is walked both ways
                    if other not in seen:
                        seen.add(other)
                        if other not in ends and allowed(other):
                            following.append(other)
            frontier = following
            if not frontier:
                break

    id_paths = k_shortest_paths(
        lambda node: graph.get(node, set()),
        source_id,
        target_id,
        k=k,
        max_hops=max_hops,
        allowed=allowed,
    )
    on_paths = {i for p in id_paths for i in p}
    nodes = fetch_nodes(on_paths)
    between: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for edge in edges_among(sorted(on_paths), scope.relations):
        between[frozenset((edge.source, edge.target))].append(edge)
    return [
        PartnershipPath(
            [nodes[i] for i in ids],
            [pick_edge(between[frozenset(pair)]) for pair in zip(ids, ids[1:], strict=False)],
        )
        for ids in id_paths
    ]


def shortest_path(
    read: Callable[..., list[list[Any]]],
    fetch_nodes: FetchNodes,
    edges_among: EdgesAmong,
    source_id: str,
    target_id: str,
    *,
    max_hops: int,
    scope: PathScope,
) -> list[PartnershipPath]:
    """The one shortest path in the widest scope, avoiding nothing (what the explanation
    of an empty answer asks for), found by the server's bidirectional search.

    The same answer as :func:`find_paths` with k=1: of all shortest paths, the first by
    its sequence of node ids. Fetching the balls instead would ship every organisation
    of a country over the wire.
    """
    found_nodes = fetch_nodes([source_id, target_id])
    for entity_id in (source_id, target_id):
        if entity_id not in found_nodes:
            raise EntityNotFound(entity_id)
    if max_hops <= 0:
        return []
    roots = {i: root_of(i) for i in (source_id, target_id)}
    rows = read(
        f"MATCH (a:{roots[source_id]} {{id: $a}}){hint('a', str(roots[source_id]))} "
        f"MATCH (b:{roots[target_id]} {{id: $b}}){hint('b', str(roots[target_id]))} "
        f"MATCH p = allShortestPaths((a)-[:{rel_types(scope.relations)}*..{int(max_hops)}]-(b)) "
        "WITH [n IN nodes(p) | n.id] AS ids ORDER BY ids LIMIT 1 RETURN ids",
        a=source_id,
        b=target_id,
    )
    if not rows:
        return []
    ids: list[str] = rows[0][0]
    nodes = fetch_nodes(ids)
    between: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for edge in edges_among(sorted(set(ids)), scope.relations):
        between[frozenset((edge.source, edge.target))].append(edge)
    return [
        PartnershipPath(
            [nodes[i] for i in ids],
            [pick_edge(between[frozenset(pair)]) for pair in zip(ids, ids[1:], strict=False)],
        )
    ]
