"""The Neo4j store's reads by id, each one round trip whatever labels the ids carry.

Ids are looked up under their root label (the label their prefix names, with an index
on ``id``); ids of several root labels used to cost one query each. Here one ``CALL``
subquery unions an index seek per root label, so a layer of a path search, the nodes
of an answer or the relationships among them come back in a single query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from innograph.graph.neo4j.cypher import all_rel_types, hint, rel_type_of, root_of, type_of
from innograph.graph.neo4j.rows import edge_from_row, node_from_row
from innograph.graph.types import Edge, Node

# Runs a read query with its parameters; its rows.
Read = Callable[..., list[list[Any]]]


def _by_root(ids: Iterable[str]) -> dict[str, list[str]]:
    """The ids by root label, ids without one (an unknown prefix) left out."""
    groups: dict[str, list[str]] = defaultdict(list)
    for entity_id in dict.fromkeys(ids):
        root = root_of(entity_id)
        if root is not None:
            groups[root].append(entity_id)
    return groups


def _matched(groups: dict[str, list[str]], var: str) -> tuple[str, dict[str, Any]]:
    """A CALL subquery binding ``var`` to every node of ``groups`` (an index seek per
    root label), and its parameters."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    for number, root in enumerate(sorted(groups)):
        parts.append(
            f"UNWIND $ids{number} AS id MATCH ({var}:{root} {{id: id}}){hint(var, root)} "
            f"RETURN {var}"
        )
        params[f"ids{number}"] = groups[root]
    return "CALL { " + " UNION ALL ".join(parts) + " } ", params


def rel_types(relations: frozenset[str]) -> str:
    """The Cypher relationship types of these contract relations (none: all of them)."""
    return "|".join(sorted(rel_type_of(r) for r in relations)) if relations else all_rel_types()


def fetch_nodes(read: Read, ids: Iterable[str]) -> dict[str, Node]:
    """The nodes with these ids that exist."""
    groups = _by_root(ids)
    if not groups:
        return {}
    matched, params = _matched(groups, "n")
    out: dict[str, Node] = {}
    for props, labels in read(matched + "RETURN properties(n), labels(n)", **params):
        node = node_from_row(props, labels)
        out[node.id] = node
    return out


def adjacency(
    read: Read, ids: Iterable[str], relations: frozenset[str] = frozenset()
) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Each node's neighbours (either direction, along ``relations``, else any contract
    relationship) and the neighbours' types."""
    groups = _by_root(ids)
    found: dict[str, set[str]] = {i: set() for chunk in groups.values() for i in chunk}
    types: dict[str, str] = {}
    if not groups:
        return found, types
    matched, params = _matched(groups, "n")
    rows = read(
        matched + f"MATCH (n)-[:{rel_types(relations)}]-(m) RETURN DISTINCT n.id, m.id, labels(m)",
        **params,
    )
    for entity_id, other, labels in rows:
        found[entity_id].add(other)
        types[other] = type_of(labels)
    return found, types


def degrees_and_names(
    read: Read, ids: Iterable[str], relations: frozenset[str] = frozenset()
) -> dict[str, tuple[int, str]]:
    """Each node's degree (distinct neighbours along ``relations``, else any contract
    relationship, as :func:`adjacency` counts them) and name."""
    groups = _by_root(ids)
    if not groups:
        return {}
    matched, params = _matched(groups, "n")
    rows = read(
        matched + f"OPTIONAL MATCH (n)-[:{rel_types(relations)}]-(m) "
        "WITH n, count(DISTINCT m) AS degree RETURN n.id, degree, n.name",
        **params,
    )
    return {entity_id: (degree, name) for entity_id, degree, name in rows}


def edges_among(
    read: Read, ids: Sequence[str], relations: frozenset[str] = frozenset()
) -> list[Edge]:
    """Every relationship (of ``relations``, else any) with both ends in ``ids``, in
    edge order."""
    members = list(dict.fromkeys(ids))
    groups = _by_root(members)
    if not groups:
        return []
    matched, params = _matched(groups, "a")
    rows = read(
        matched + f"MATCH (a)-[r:{rel_types(relations)}]->(b) WHERE b.id IN $members "
        "RETURN a.id, type(r), b.id, r.supports",
        members=members,
        **params,
    )
    edges: dict[tuple[str, str, str], Edge] = {}
    for s, t, e, sup in rows:
        edge = edge_from_row(s, t, e, sup)
        edges[(edge.source, edge.type, edge.target)] = edge
    return [edges[k] for k in sorted(edges)]
