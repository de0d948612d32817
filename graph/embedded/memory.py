"""The embedded store's in-memory read model: nodes, relationships, adjacency, search.

Built from the database's rows (:meth:`MemoryGraph.load`) and kept in step with them
(:meth:`MemoryGraph.patch`); nodes and relationships are merged from their rows by the
rules of :mod:`innograph.graph.algorithms`, the same rules the Neo4j store follows. Every
answer is a copy: callers never hold the model's own objects. Not locked:
:class:`~.store.EmbeddedStore` serialises its use and keeps it in step first.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from innograph.graph.algorithms import (
    Mention,
    Support,
    edge_order,
    expand_types,
    intermediate_filter,
    k_shortest_paths,
    merge_mentions,
    merge_supports,
    neighbourhood_ids,
    pick_edge,
)
from innograph.graph.collaborators import DEFAULT_SORT, PartnerLink, SortNames, rank_collaborators
from innograph.graph.errors import EntityNotFound
from innograph.graph.partnership import all_relations, path_scope
from innograph.graph.search import SearchEntry, SearchIndex, rank_search
from innograph.graph.store import PARTNERSHIP_RELATIONS, SHARED_ITEM_TYPES
from innograph.graph.types import (
    CollaboratorPage,
    DocumentInfo,
    Edge,
    EntityDetail,
    Node,
    PartnershipPath,
    Provenance,
    Subgraph,
)

EdgeKey = tuple[str, str, str]


class MemoryGraph:
    """The merged graph in memory, and a cache of answers valid until it changes."""

    def __init__(self) -> None:
        self._nodes: dict[str, Node] = {}
        self._edges: dict[EdgeKey, Edge] = {}
        self._incident: dict[str, set[EdgeKey]] = defaultdict(set)
        self._nbrs: dict[str, set[str]] = defaultdict(set)
        # Search entries by id, built on the first search and then kept in step.
        self._search: dict[str, SearchEntry] | None = None
        # Per graph version: cleared on every change.
        self.cache: dict[str, Any] = {}

    # -- keeping in step ----------------------------------------------------------------

    def load(
        self,
        mentions: Iterable[tuple[str, list[Mention]]],
        supports: Iterable[tuple[EdgeKey, list[Support]]],
    ) -> None:
        """Replace the whole graph by the one merged from these rows."""
        nodes: dict[str, Node] = {}
        for node_id, node_mentions in mentions:
            nodes[node_id] = merge_mentions(node_id, node_mentions)
        self._nodes = nodes
        self._edges = {}
        self._incident = defaultdict(set)
        self._nbrs = defaultdict(set)
        for key, edge_supports in supports:
            if len(edge_supports) == 1:  # the common case, without the general merge
                one = edge_supports[0]
                props = dict(one.attributes)
                if one.amount_eur is not None:
                    props["amount_eur"] = one.amount_eur
                prov = [Provenance(one.source, one.evidence, one.confidence)]
                self._add_edge(key, Edge(key[0], key[2], key[1], props, prov))
            else:
                self._add_edge(key, merge_supports(key, edge_supports))
        self._search = None
        self.cache.clear()

    def patch(
        self,
        ids: Sequence[str],
        mentions: dict[str, list[Mention]],
        keys: Sequence[EdgeKey],
        supports: dict[EdgeKey, list[Support]],
    ) -> None:
        """Recompute the nodes ``ids`` and relationships ``keys`` from their current rows
        (none: they are gone)."""
        for node_id in ids:
            if mentions.get(node_id):
                node = merge_mentions(node_id, mentions[node_id])
                self._nodes[node_id] = node
                if self._search is not None:
                    self._search[node_id] = SearchEntry.of(node)
            else:
                self._nodes.pop(node_id, None)
                if self._search is not None:
                    self._search.pop(node_id, None)
        for key in keys:
            self._drop_edge(key)
            if supports.get(key):
                self._add_edge(key, merge_supports(key, supports[key]))
        self.cache.clear()

    def _add_edge(self, key: EdgeKey, edge: Edge) -> None:
        self._edges[key] = edge
        src, _, dst = key
        self._incident[src].add(key)
        self._incident[dst].add(key)
        self._nbrs[src].add(dst)
        self._nbrs[dst].add(src)

    def _drop_edge(self, key: EdgeKey) -> None:
        if self._edges.pop(key, None) is None:
            return
        src, _, dst = key
        for a, b in ((src, dst), (dst, src)):
            incident = self._incident[a]
            incident.discard(key)
            # Another relationship may still link the two nodes.
            if not any(k[0] == b or k[2] == b for k in incident):
                self._nbrs[a].discard(b)
            if not incident:
                del self._incident[a]
            if not self._nbrs[a]:
                del self._nbrs[a]

    # -- reading ------------------------------------------------------------------------

    def _node(self, entity_id: str) -> Node:
        node = self._nodes.get(entity_id)
        if node is None:
            raise EntityNotFound(entity_id)
        return node

    def require(self, entity_id: str) -> None:
        """EntityNotFound unless the entity is in the graph."""
        self._node(entity_id)

    def entity(self, entity_id: str, documents: list[DocumentInfo]) -> EntityDetail:
        """An entity with its relations, and ``documents`` (its sources, from the rows)."""
        node = self._node(entity_id)
        edges = sorted((self._edges[k] for k in self._incident.get(entity_id, ())), key=edge_order)
        outgoing = [copy_edge(e) for e in edges if e.source == entity_id]
        incoming = [copy_edge(e) for e in edges if e.source != entity_id]
        others = sorted({e.target if e.source == entity_id else e.source for e in edges})
        neighbours = {o: copy_node(self._nodes[o]) for o in others}
        return EntityDetail(
            node=copy_node(node),
            outgoing=outgoing,
            incoming=incoming,
            neighbours=neighbours,
            documents=documents,
        )

    def get_node(self, entity_id: str) -> Node | None:
        """Just the node, or None."""
        node = self._nodes.get(entity_id)
        return copy_node(node) if node is not None else None

    def search(self, query: str, *, types: Sequence[str] = (), limit: int = 20) -> list[Node]:
        """Entities by name or alias, best first (see algorithms.rank_search)."""
        index = self.cache.get("search")
        if index is None:
            if self._search is None:
                self._search = {n.id: SearchEntry.of(n) for n in self._nodes.values()}
            index = self.cache["search"] = SearchIndex(self._search.values())
            gc.freeze()  # like the graph (see EmbeddedStore._reload): kept until the next change
        ids = rank_search(query, index, types=types, limit=limit)
        return [copy_node(self._nodes[i]) for i in ids]

    def _neighbours(self, node: str) -> Iterable[str]:
        return self._nbrs.get(node, ())

    def _node_type(self, node: str) -> str | None:
        found = self._nodes.get(node)
        return found.type if found else None

    def neighbourhood(
        self, entity_id: str, *, depth: int = 1, types: Sequence[str] = (), limit: int = 200
    ) -> Subgraph:
        """Nodes within ``depth`` hops, nearest first, capped at ``limit``."""
        self._node(entity_id)
        wanted = expand_types(types) if types else None
        keep = None if wanted is None else (lambda n: self._nodes[n].type in wanted)
        ids, total = neighbourhood_ids(
            self._neighbours,
            entity_id,
            depth=depth,
            keep=keep,
            limit=limit,
            weights=lambda found: {
                n: (len(self._nbrs.get(n, ())), self._nodes[n].name) for n in found
            },
        )
        return Subgraph(
            nodes=[copy_node(self._nodes[i]) for i in ids],
            edges=self._induced_edges(ids),
            truncated=total > len(ids),
            total_nodes=total,
        )

    def _induced_edges(self, ids: Sequence[str]) -> list[Edge]:
        members = set(ids)
        keys = {
            k for n in ids for k in self._incident.get(n, ()) if k[0] in members and k[2] in members
        }
        return [copy_edge(self._edges[k]) for k in sorted(keys)]

    def collaborators(
        self,
        org_id: str,
        *,
        country: str | None = None,
        org_types: Sequence[str] = (),
        programme: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sort: str = DEFAULT_SORT,
        offset: int = 0,
        limit: int | None = 50,
    ) -> CollaboratorPage:
        """Organisations sharing items with ``org_id`` (see collaborators.rank_collaborators)."""
        self._node(org_id)
        item_types = expand_types(SHARED_ITEM_TYPES)
        # Per graph version (the cache is cleared on every change): each item's
        # partner links and programmes, and folded names for the tie order.
        links: dict[str, tuple[list[PartnerLink], list[str]]] = self.cache.setdefault(
            "item_links", {}
        )
        sort_names = self.cache.get("sort_names")
        if sort_names is None:
            sort_names = self.cache["sort_names"] = SortNames(self._nodes)
        partners_by_item: dict[str, list[PartnerLink]] = {}
        programmes: dict[str, list[str]] = {}
        for key in self._incident.get(org_id, ()):
            src, rel, item = key
            if src != org_id or rel not in PARTNERSHIP_RELATIONS:
                continue
            if self._nodes[item].type not in item_types:
                continue
            found_links = links.get(item)
            if found_links is None:
                found_links = links[item] = self._item_links(item)
            partners_by_item[item], programmes[item] = found_links
        page = rank_collaborators(
            org_id,
            partners_by_item,
            self._nodes,
            programmes,
            country=country,
            org_types=org_types,
            programme=programme,
            since=since,
            until=until,
            sort=sort,
            offset=offset,
            limit=limit,
            sort_names=sort_names,
        )
        for c in page.items:
            c.organisation = copy_node(c.organisation)
            c.shared = [copy_node(s) for s in c.shared]
        return page

    def _item_links(self, item: str) -> tuple[list[PartnerLink], list[str]]:
        """The organisations linked to an item (LEADS/PARTICIPATES_IN) with the amount on
        each link, and the item's programmes."""
        incident = self._incident.get(item, ())
        partners: list[PartnerLink] = [
            (k[0], self._edges[k].properties.get("amount_eur"))
            for k in incident
            if k[2] == item and k[1] in PARTNERSHIP_RELATIONS
        ]
        programmes = [k[2] for k in incident if k[0] == item and k[1] == "FUNDED_BY"]
        return partners, programmes

    def paths(
        self,
        source_id: str,
        target_id: str,
        *,
        k: int = 3,
        max_hops: int = 4,
        via: Sequence[str] = (),
        avoid: Sequence[str] = (),
        relations: Sequence[str] = (),
    ) -> list[PartnershipPath]:
        """The k shortest simple paths between two entities in the scope ``via`` and
        ``relations`` give (see graph.partnership.path_scope, algorithms.k_shortest_paths)."""
        self._node(source_id)
        self._node(target_id)
        scope = path_scope(via, relations)
        neighbours = self._scoped_neighbours(scope.relations)
        found = k_shortest_paths(
            neighbours,
            source_id,
            target_id,
            k=k,
            max_hops=max_hops,
            allowed=intermediate_filter(self._node_type, sorted(scope.node_types), avoid),
        )
        out = []
        for ids in found:
            edges = []
            for a, b in zip(ids, ids[1:], strict=False):
                between = [
                    self._edges[key]
                    for key in self._incident[a]
                    if key[1] in scope.relations
                    and ((key[0] == a and key[2] == b) or (key[0] == b and key[2] == a))
                ]
                edges.append(copy_edge(pick_edge(between)))
            out.append(PartnershipPath([copy_node(self._nodes[i]) for i in ids], edges))
        return out

    def _scoped_neighbours(self, relations: frozenset[str]) -> Callable[[str], Iterable[str]]:
        """A node's neighbours along ``relations`` only, each node's set built on first use
        and kept for this graph version (the cache is cleared on every change)."""
        if relations >= all_relations():
            return self._neighbours
        by_node: dict[str, frozenset[str]] = self.cache.setdefault(
            "nbrs:" + ",".join(sorted(relations)), {}
        )
        incident = self._incident

        def neighbours(node: str) -> frozenset[str]:
            found = by_node.get(node)
            if found is None:
                found = by_node[node] = frozenset(
                    key[2] if key[0] == node else key[0]
                    for key in incident.get(node, ())
                    if key[1] in relations
                )
            return found

        return neighbours

    def nodes(self, *, types: Sequence[str] = ()) -> list[Node]:
        """Every entity node (optionally of some types, subtypes included), by id; the
        model's own objects (copy before handing out)."""
        wanted = expand_types(types) if types else None
        return [n for _, n in sorted(self._nodes.items()) if wanted is None or n.type in wanted]

    def edges(self, *, types: Sequence[str] = ()) -> list[Edge]:
        """Every relationship (optionally of some types), by (source, type, target); the
        model's own objects (copy before handing out)."""
        wanted = set(types)
        return [e for k, e in sorted(self._edges.items()) if not wanted or k[1] in wanted]


def copy_node(node: Node) -> Node:
    """A copy the caller may change."""
    props = {k: (list(v) if isinstance(v, list) else v) for k, v in node.properties.items()}
    return Node(node.id, node.type, node.name, props)


def copy_edge(edge: Edge) -> Edge:
    """A copy the caller may change."""
    return Edge(edge.source, edge.target, edge.type, dict(edge.properties), list(edge.provenance))
