"""The Neo4j graph store: the production backend, on any Bolt server (bolt://, neo4j://, +s).

The graph in Neo4j is readable as it stands: entity nodes carry the labels of their
ontology class (a Cluster is ``:Organisation:Cluster``), their canonical ``id``, ``name``,
``aliases`` and attributes; relationships carry the ontology's relationship types.
Provenance sits beside it:

* ``(:Document {source, doc, content_hash, lang, ingested_at, title})`` per source, with
  ``(:Document)-[:MENTIONS {type, name, aliases, attributes}]->(entity)``: what that
  document says about the entity. A node's properties are merged from its MENTIONS by
  :func:`innograph.graph.algorithms.merge_mentions`, the rule the embedded store follows.
* On each relationship: ``sources`` (the supporting documents), ``supports`` (one JSON
  object per document: evidence, confidence, amount, attributes), and for Cypher users
  ``evidence``, ``confidence`` (the highest) and ``amount_eur``.
* One ``(:InnographMeta {key: 'graph'})`` node holds the version counter; every write
  transaction locks it first, so writers are serialised (two processes ingesting the same
  document give one result) and readers can tell when the graph changed.

Every value goes in as a query parameter. Labels and relationship types come only from
:mod:`innograph.ontology.terms` and are checked against it before they are written into a
query. Reads fetch bounded candidate sets with Cypher and rank them with the same
functions of :mod:`innograph.graph.algorithms` the embedded store uses, so both answer
alike.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from typing import Any

from innograph.collector import collector_paused
from innograph.config import Settings
from innograph.graph.algorithms import (
    Mention,
    NormalisedDocument,
    Support,
    edge_order,
    expand_types,
    intermediate_filter,
    k_shortest_paths,
    merge_mentions,
    merge_supports,
    most_specific_type,
    neighbourhood_ids,
    normalise_document,
    pick_edge,
    rank_collaborators,
    stable_json,
)
from innograph.graph.errors import EntityNotFound, GraphError, StoreUnavailable
from innograph.graph.search import SearchEntry, SearchIndex, rank_search
from innograph.graph.store import PARTNERSHIP_RELATIONS, SHARED_ITEM_TYPES, OnInvalid
from innograph.graph.types import (
    Collaborator,
    DocumentInfo,
    Edge,
    EntityDetail,
    GraphStats,
    IngestResult,
    Node,
    PartnershipPath,
    Subgraph,
)
from innograph.ontology.facts import DocumentFacts, MergeRecord
from innograph.ontology.terms import ontology
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import DriverError, Forbidden, Neo4jError

# The driver logs connection retries as warnings; without a handler Python would print
# them next to our one-line error. Applications that configure logging still see them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

# Bookkeeping label of the one node holding the version counter (not an ontology class:
# it is never part of the graph's answers).
META_LABEL = "InnographMeta"
# Property of the version node while a bulk load writes (its start time): other writers
# refuse until it is gone (see innograph.graph.neo4j.bulk).
BULK_MARK = "bulk_load_started"
FULLTEXT_INDEX = "innograph_names"
# Bolt, direct or routed (a cluster, Aura), plain or encrypted.
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_LABEL_OK = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
EdgeKey = tuple[str, str, str]


# -- the ontology's names, checked before they enter a query ---------------------------------


def _checked(name: str) -> str:
    """A label or relationship type from the ontology, safe to write into Cypher."""
    if not _LABEL_OK.match(name):
        raise ValueError(f"{name!r} is not a plain Neo4j name")
    return name


@cache
def _labels_of(type_name: str) -> tuple[str, ...]:
    """The Neo4j labels of a node of a contract type (Cluster -> Organisation, Cluster)."""
    return tuple(_checked(label) for label in ontology().entity_types[type_name].neo4j_labels)


@cache
def _type_by_label() -> dict[str, str]:
    return {_checked(t.neo4j_label): name for name, t in ontology().entity_types.items()}


@cache
def _root_by_prefix() -> dict[str, str]:
    """id prefix -> the root label every node with that prefix carries."""
    return {
        t.id_prefix: _labels_of(name)[0]
        for name, t in ontology().entity_types.items()
        if t.parent is None
    }


@cache
def _root_labels() -> tuple[str, ...]:
    return tuple(sorted(set(_root_by_prefix().values())))


@cache
def _entity_labels() -> tuple[str, ...]:
    return tuple(sorted(_type_by_label()))


@cache
def _rel_type_of(contract: str) -> str:
    return _checked(ontology().relation_types[contract].neo4j_type)


@cache
def _contract_rel_by_type() -> dict[str, str]:
    return {_checked(p.neo4j_type): name for name, p in ontology().relation_types.items()}


@cache
def _all_rel_types() -> str:
    """``LEADS|PARTICIPATES_IN|...``: every contract relationship type, for patterns."""
    return "|".join(sorted(_contract_rel_by_type()))


@cache
def _mentions_type() -> str:
    return _checked(ontology().properties["MENTIONS"].neo4j_type)


@cache
def _document_label() -> str:
    return _checked(ontology().classes["Document"].neo4j_label)


def _any_label(labels: Iterable[str], var: str = "n") -> str:
    """``(n:A OR n:B)`` for checked labels."""
    return "(" + " OR ".join(f"{var}:{_checked(label)}" for label in labels) + ")"


def _hint(var: str, label: str, key: str = "id") -> str:
    """`` USING INDEX SEEK var:label(key)``: lookups by a unique key stay index seeks.

    A plan is cached with the statistics of its first run; right after a wipe those say
    the label is empty, and an unhinted plan then scans the whole label for every row.
    """
    return f" USING INDEX SEEK {var}:{_checked(label)}({key})"


def _edge_hints(src_root: str, dst_root: str) -> str:
    """The hints of an ``(a:src {id})-[r]->(b:dst {id})`` lookup."""
    return _hint("a", src_root) + _hint("b", dst_root)


def _root_of(entity_id: str) -> str | None:
    """The root label of an id (from its prefix), or None when no type has that prefix."""
    return _root_by_prefix().get(entity_id.split("-", 1)[0])


def _type_of(labels: Iterable[str]) -> str:
    known = _type_by_label()
    return most_specific_type(known[label] for label in labels if label in known)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _support_json(support: Support) -> str:
    return stable_json(
        {
            "source": support.source,
            "evidence": support.evidence,
            "confidence": support.confidence,
            "amount_eur": support.amount_eur,
            "attributes": dict(support.attributes),
        }
    )


def _support(text: str) -> Support:
    raw = json.loads(text)
    return Support(
        raw["source"], raw["evidence"], raw["confidence"], raw["amount_eur"], raw["attributes"]
    )


def _edge(start: str, rel_type: str, end: str, supports: Sequence[str]) -> Edge:
    key = (start, _contract_rel_by_type()[rel_type], end)
    return merge_supports(key, (_support(s) for s in supports))


def _node(props: Mapping[str, Any], labels: Iterable[str]) -> Node:
    properties = dict(props)
    node_id = properties.pop("id")
    name = properties.pop("name", "")
    properties.setdefault("aliases", [])
    return Node(node_id, _type_of(labels), name, properties)


def _edge_props(edge: Edge, sources: list[str], supports: list[str]) -> dict[str, Any]:
    """What a relationship stores: its attributes, then the provenance lists."""
    props: dict[str, Any] = dict(edge.properties)
    props["sources"] = sources
    props["supports"] = supports
    props["evidence"] = [p.evidence for p in edge.provenance]
    props["confidence"] = max(p.confidence for p in edge.provenance)
    return props


# -- the store ---------------------------------------------------------------------------------


class Neo4jStore:
    """The GraphStore on a Neo4j 5 server."""

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        *,
        ensure_schema: bool = True,
    ) -> None:
        self.uri = uri
        self.database = database or None
        self._lock = threading.Lock()
        self._search_cache: tuple[str, SearchIndex] | None = None
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            raise StoreUnavailable(
                f"cannot use Neo4j URI {uri!r}: expected one of "
                f"{', '.join(s + '://' for s in BOLT_SCHEMES)}"
            )
        try:
            self._driver: Driver = GraphDatabase.driver(
                uri, auth=(user, password or ""), connection_timeout=10
            )
        except (DriverError, Neo4jError, ValueError) as err:
            raise StoreUnavailable(f"cannot connect to Neo4j at {uri}: {_reason(err)}") from None
        try:
            with self._guard():
                self._driver.verify_connectivity()
            if ensure_schema and not self.schema_ready():
                self.init_schema()
        except BaseException:
            self._driver.close()
            raise

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        """The store the settings name (INNOGRAPH_NEO4J_URI, _USER, _PASSWORD, _DATABASE)."""
        if not settings.neo4j_uri:
            raise StoreUnavailable("no Neo4j server configured (set INNOGRAPH_NEO4J_URI)")
        return cls(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
        )

    # -- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn driver and server errors into one-line StoreUnavailable naming the URI."""
        try:
            yield
        except GraphError:
            raise
        except (DriverError, Neo4jError, OSError) as err:
            raise StoreUnavailable(f"Neo4j at {self.uri}: {_reason(err)}") from None

    def _read(self, query: str, **params: Any) -> list[list[Any]]:
        with self._guard(), self._driver.session(database=self.database) as session:
            return session.execute_read(lambda tx: tx.run(query, params).values())

    def _write(self, work: Callable[[ManagedTransaction], Any]) -> Any:
        with self._guard(), self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    # -- schema --------------------------------------------------------------------------

    def _schema_statements(self) -> dict[str, str]:
        """Constraint/index name -> the statement creating it."""
        out: dict[str, str] = {}
        for label in _entity_labels():
            name = f"innograph_{label.lower()}_id"
            out[name] = (
                f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
            )
        doc = _document_label()
        out["innograph_document_source"] = (
            "CREATE CONSTRAINT innograph_document_source IF NOT EXISTS "
            f"FOR (d:{doc}) REQUIRE d.source IS UNIQUE"
        )
        out["innograph_meta_key"] = (
            "CREATE CONSTRAINT innograph_meta_key IF NOT EXISTS "
            f"FOR (m:{META_LABEL}) REQUIRE m.key IS UNIQUE"
        )
        out[FULLTEXT_INDEX] = (
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
            f"FOR (n:{'|'.join(_entity_labels())}) ON EACH [n.name, n.aliases]"
        )
        return out

    def schema_ready(self) -> bool:
        """True when every constraint and index of :meth:`init_schema` exists (also when
        this user may not list them: then an administrator is trusted to have run init)."""
        with self._guard(), self._driver.session(database=self.database) as session:
            try:
                names = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
                names |= {r["name"] for r in session.run("SHOW INDEXES YIELD name")}
            except Forbidden:
                return True
            has_meta = session.run(
                f"MATCH (m:{META_LABEL} {{key: 'graph'}}) RETURN count(m) AS n"
            ).single()
        return set(self._schema_statements()) <= names and bool(has_meta and has_meta["n"])

    def init_schema(self) -> list[str]:
        """Create the uniqueness constraints, the full-text index on names and aliases, and
        the version node (idempotent); the names of what was missing."""
        with self._guard(), self._driver.session(database=self.database) as session:
            existing = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
            existing |= {r["name"] for r in session.run("SHOW INDEXES YIELD name")}
            created = []
            for name, statement in self._schema_statements().items():
                if name not in existing:
                    session.run(statement).consume()
                    created.append(name)
            session.run("CALL db.awaitIndexes(300)").consume()
            session.run(
                f"MERGE (m:{META_LABEL} {{key: 'graph'}}) "
                "ON CREATE SET m.version = 0, m.updated_at = null"
            ).consume()
        return created

    # -- writing -------------------------------------------------------------------------

    def upsert_document(self, facts: DocumentFacts) -> IngestResult:
        """Write one document's facts with provenance, in one transaction."""
        return self.upsert_documents([facts])[0]

    def upsert_documents(self, batch: Sequence[DocumentFacts]) -> list[IngestResult]:
        """Write many documents in one transaction; an invalid one fails the whole batch
        before anything is written."""
        docs = [normalise_document(facts) for facts in batch]
        if not docs:
            return []
        with self._lock:
            self._search_cache = None
        return self._write(lambda tx: _Writer(tx).upsert(docs))

    def remove_source(self, source: str) -> bool:
        """Retract one document's facts; False if it was not in the graph."""
        return bool(self._write(lambda tx: _Writer(tx).remove(source)))

    def wipe(self) -> None:
        """Delete every document, entity and relationship (tests, ``innograph neo4j reset``)."""
        with self._guard(), self._driver.session(database=self.database) as session:
            # Relationships first, in batches: a hub node's DETACH DELETE would otherwise
            # take all its relationships into one inner transaction (memory pool limit).
            session.run(
                "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()
            session.run(
                f"MATCH (n) WHERE NOT n:{META_LABEL} "
                "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()
        self._write(lambda tx: _Writer(tx).finish_bulk_load(_now()))

    def bulk_load(
        self,
        documents: Iterable[DocumentFacts],
        *,
        on_invalid: OnInvalid | None = None,
        workers: int = 2,
        rows_per_tx: int = 10_000,
    ) -> list[IngestResult]:
        """Load documents into an empty graph at bulk speed (see :mod:`.neo4j_bulk`):
        ``workers`` sessions, ``rows_per_tx`` rows per transaction; otherwise as
        :meth:`GraphStore.bulk_load`. A failure part-way deletes what was written."""
        from innograph.graph.neo4j import bulk as neo4j_bulk  # it builds on this module

        with self._lock:
            self._search_cache = None
        with collector_paused(), self._guard():
            return neo4j_bulk.bulk_load(
                self,
                documents,
                _now(),
                workers=workers,
                rows_per_tx=rows_per_tx,
                on_invalid=on_invalid,
            )

    # -- reading -------------------------------------------------------------------------

    def version(self) -> str:
        """Changes whenever the graph changes (a counter on the version node)."""
        rows = self._read(f"MATCH (m:{META_LABEL} {{key: 'graph'}}) RETURN m.version")
        return str(rows[0][0]) if rows else "0"

    def _fetch_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        """The nodes with these ids that exist."""
        by_root: dict[str, list[str]] = defaultdict(list)
        for entity_id in set(ids):
            root = _root_of(entity_id)
            if root is not None:
                by_root[root].append(entity_id)
        out: dict[str, Node] = {}
        for root, chunk in by_root.items():
            rows = self._read(
                f"UNWIND $ids AS id MATCH (n:{root} {{id: id}}){_hint('n', root)} "
                "RETURN properties(n), labels(n)",
                ids=chunk,
            )
            for props, labels in rows:
                node = _node(props, labels)
                out[node.id] = node
        return out

    def get_node(self, entity_id: str) -> Node | None:
        """Just the node, or None."""
        return self._fetch_nodes([entity_id]).get(entity_id)

    def _require(self, entity_id: str) -> Node:
        node = self.get_node(entity_id)
        if node is None:
            raise EntityNotFound(entity_id)
        return node

    def _incident(self, entity_id: str) -> list[Edge]:
        root = _root_of(entity_id)
        if root is None:
            return []
        rows = self._read(
            f"MATCH (n:{root} {{id: $id}})-[r:{_all_rel_types()}]-(m){_hint('n', root)} "
            "RETURN startNode(r).id, type(r), endNode(r).id, r.supports",
            id=entity_id,
        )
        edges = {(s, t, e): _edge(s, t, e, sup) for s, t, e, sup in rows}
        return sorted(edges.values(), key=edge_order)

    def get_entity(self, entity_id: str) -> EntityDetail:
        """An entity with its relations and provenance; EntityNotFound if absent."""
        node = self._require(entity_id)
        edges = self._incident(entity_id)
        others = {e.target if e.source == entity_id else e.source for e in edges}
        fetched = self._fetch_nodes(others)
        root = _labels_of(node.type)[0]
        rows = self._read(
            f"MATCH (d:{_document_label()})-[:{_mentions_type()}]->(n:{root} {{id: $id}})"
            f"{_hint('n', root)} "
            "RETURN d.source, d.doc, d.content_hash, d.lang, d.ingested_at, d.title",
            id=entity_id,
        )
        return EntityDetail(
            node=node,
            outgoing=[e for e in edges if e.source == entity_id],
            incoming=[e for e in edges if e.source != entity_id],
            neighbours={o: fetched[o] for o in sorted(others)},
            documents=sorted((DocumentInfo(*r) for r in rows), key=lambda d: d.source),
        )

    def search(self, query: str, *, types: Sequence[str] = (), limit: int = 20) -> list[Node]:
        """Entities by name or alias, best first (see algorithms.rank_search)."""
        index = self._search_index()
        ids = rank_search(query, index, types=types, limit=limit)
        found = self._fetch_nodes(ids)
        return [found[i] for i in ids if i in found]

    def _search_index(self) -> SearchIndex:
        """All names and aliases, fetched once per graph version."""
        version = self.version()
        with self._lock:
            cached = self._search_cache
        if cached is not None and cached[0] == version:
            return cached[1]
        rows = self._read(
            f"MATCH (n) WHERE {_any_label(_root_labels())} "
            "RETURN n.id, labels(n), n.name, n.aliases"
        )
        entries = [
            SearchEntry.of(Node(i, _type_of(labels), name, {"aliases": aliases or []}))
            for i, labels, name, aliases in rows
        ]
        index = SearchIndex(entries)
        with self._lock:
            self._search_cache = (version, index)
        return index

    def _adjacency(self, ids: Iterable[str]) -> tuple[dict[str, set[str]], dict[str, str]]:
        """Neighbours (either direction, contract relationships) and their types."""
        by_root: dict[str, list[str]] = defaultdict(list)
        for entity_id in ids:
            root = _root_of(entity_id)
            if root is not None:
                by_root[root].append(entity_id)
        adjacency: dict[str, set[str]] = {}
        types: dict[str, str] = {}
        for root, chunk in by_root.items():
            for entity_id in chunk:
                adjacency.setdefault(entity_id, set())
            rows = self._read(
                f"UNWIND $ids AS id MATCH (n:{root} {{id: id}})-[:{_all_rel_types()}]-(m)"
                f"{_hint('n', root)} "
                "RETURN DISTINCT id, m.id, labels(m)",
                ids=chunk,
            )
            for entity_id, other, labels in rows:
                adjacency[entity_id].add(other)
                types[other] = _type_of(labels)
        return adjacency, types

    def _edges_among(self, ids: Sequence[str]) -> list[Edge]:
        """Every relationship with both ends in ``ids``, in edge order."""
        members = list(set(ids))
        by_root: dict[str, list[str]] = defaultdict(list)
        for entity_id in members:
            root = _root_of(entity_id)
            if root is not None:
                by_root[root].append(entity_id)
        edges: dict[EdgeKey, Edge] = {}
        for root, chunk in by_root.items():
            rows = self._read(
                f"UNWIND $ids AS id MATCH (a:{root} {{id: id}})-[r:{_all_rel_types()}]->(b)"
                f"{_hint('a', root)} "
                "WHERE b.id IN $members RETURN a.id, type(r), b.id, r.supports",
                ids=chunk,
                members=members,
            )
            for s, t, e, sup in rows:
                edge = _edge(s, t, e, sup)
                edges[(edge.source, edge.type, edge.target)] = edge
        return [edges[k] for k in sorted(edges)]

    def neighbourhood(
        self, entity_id: str, *, depth: int = 1, types: Sequence[str] = (), limit: int = 200
    ) -> Subgraph:
        """Nodes within ``depth`` hops, nearest first, capped at ``limit``."""
        centre = self._require(entity_id)
        adjacency: dict[str, set[str]] = {}
        node_types: dict[str, str] = {entity_id: centre.type}
        frontier = {entity_id}
        seen = {entity_id}
        for _ in range(max(depth, 0)):
            if not frontier:
                break
            found, found_types = self._adjacency(frontier)
            adjacency.update(found)
            node_types.update(found_types)
            frontier = {o for others in found.values() for o in others} - seen
            seen |= frontier
        wanted = expand_types(types) if types else None
        keep = None if wanted is None else (lambda n: node_types[n] in wanted)
        ids, total = neighbourhood_ids(
            lambda n: adjacency.get(n, ()), entity_id, depth=depth, keep=keep, limit=limit
        )
        nodes = self._fetch_nodes(ids)
        return Subgraph(
            nodes=[nodes[i] for i in ids],
            edges=self._edges_among(ids),
            truncated=total > len(ids),
            total_nodes=total,
        )

    def collaborators(
        self,
        org_id: str,
        *,
        country: str | None = None,
        programme: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
    ) -> list[Collaborator]:
        """Organisations sharing items with ``org_id`` (see algorithms.rank_collaborators)."""
        root = _labels_of(self._require(org_id).type)[0]
        partnership = "|".join(_rel_type_of(r) for r in PARTNERSHIP_RELATIONS)
        item_labels = {label for t in expand_types(SHARED_ITEM_TYPES) for label in _labels_of(t)}
        rows = self._read(
            f"MATCH (o:{root} {{id: $id}})-[:{partnership}]->(item){_hint('o', root)} "
            f"WHERE {_any_label(sorted(item_labels), 'item')} "
            "WITH DISTINCT item "
            f"OPTIONAL MATCH (partner)-[:{partnership}]->(item) "
            "WITH item, collect(DISTINCT partner.id) AS partners "
            f"OPTIONAL MATCH (item)-[:{_rel_type_of('FUNDED_BY')}]->(prog) "
            "RETURN item.id, partners, collect(DISTINCT prog.id)",
            id=org_id,
        )
        partners_by_item = {item: partners for item, partners, _ in rows}
        programmes = {item: progs for item, _, progs in rows}
        wanted = set(partners_by_item) | {p for ps in partners_by_item.values() for p in ps}
        nodes = self._fetch_nodes(wanted)
        return rank_collaborators(
            org_id,
            partners_by_item,
            nodes,
            programmes,
            country=country,
            programme=programme,
            since=since,
            until=until,
            limit=limit,
        )

    def paths(
        self,
        source_id: str,
        target_id: str,
        *,
        k: int = 3,
        max_hops: int = 4,
        via: Sequence[str] = (),
        avoid: Sequence[str] = (),
    ) -> list[PartnershipPath]:
        """The k shortest simple paths between two entities (see algorithms.k_shortest_paths).

        Every edge of a path of at most ``max_hops`` hops leaves a node that lies within
        ceil(max_hops / 2) hops of the source or within floor(max_hops / 2) hops of the
        target along the path. So the search runs on two balls fetched layer by layer,
        one query per layer and root label (expanding only through nodes a path may pass
        through): the same paths as on the whole graph, in a handful of round trips.
        """
        found_nodes = self._fetch_nodes([source_id, target_id])
        for entity_id in (source_id, target_id):
            if entity_id not in found_nodes:
                raise EntityNotFound(entity_id)
        node_types = {n.id: n.type for n in found_nodes.values()}
        allowed = intermediate_filter(node_types.get, via, avoid)
        adjacency: dict[str, set[str]] = defaultdict(set)
        ends = {source_id, target_id}
        for centre, depth in ((source_id, (max_hops + 1) // 2), (target_id, max_hops // 2)):
            frontier, seen = [centre], {centre}
            for _ in range(depth):
                found, found_types = self._adjacency(frontier)
                node_types.update(found_types)
                following: list[str] = []
                for node, others in found.items():
                    adjacency[node] |= others
                    for other in others:
                        adjacency[other].add(node)  # the graph is walked both ways
                        if other not in seen:
                            seen.add(other)
                            if other not in ends and allowed(other):
                                following.append(other)
                frontier = following
                if not frontier:
                    break

        id_paths = k_shortest_paths(
            lambda node: adjacency.get(node, set()),
            source_id,
            target_id,
            k=k,
            max_hops=max_hops,
            allowed=allowed,
        )
        on_paths = {i for p in id_paths for i in p}
        nodes = self._fetch_nodes(on_paths)
        between: dict[frozenset[str], list[Edge]] = defaultdict(list)
        for edge in self._edges_among(sorted(on_paths)):
            between[frozenset((edge.source, edge.target))].append(edge)
        return [
            PartnershipPath(
                [nodes[i] for i in ids],
                [pick_edge(between[frozenset(pair)]) for pair in zip(ids, ids[1:], strict=False)],
            )
            for ids in id_paths
        ]

    def stats(self) -> GraphStats:
        """Counts of nodes by type, relationships by type, and documents (count store)."""
        label_counts: dict[str, int] = {}
        with self._guard(), self._driver.session(database=self.database) as session:
            for label in _entity_labels():
                record = session.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()
                label_counts[label] = record["n"] if record else 0
            rels: dict[str, int] = {}
            for rel_type, contract in sorted(_contract_rel_by_type().items()):
                record = session.run(f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS n").single()
                if record and record["n"]:
                    rels[contract] = record["n"]
            record = session.run(f"MATCH (d:{_document_label()}) RETURN count(d) AS n").single()
            documents = record["n"] if record else 0
            record = session.run(
                f"MATCH (m:{META_LABEL} {{key: 'graph'}}) RETURN m.updated_at AS u"
            ).single()
            updated = record["u"] if record else None
        # A node carries its type's label and its supertypes': count each at its own type.
        classes = ontology().entity_types
        nodes: dict[str, int] = {}
        for name, term in classes.items():
            children = [c for c in classes.values() if c.parent == name]
            own = label_counts[term.neo4j_label] - sum(
                label_counts[c.neo4j_label] for c in children
            )
            if own:
                nodes[name] = own
        return GraphStats(
            nodes=dict(sorted(nodes.items())),
            relationships=rels,
            documents=documents,
            last_update=updated,
        )

    def documents(self) -> list[DocumentInfo]:
        """All source documents in the graph, by source."""
        rows = self._read(
            f"MATCH (d:{_document_label()}) "
            "RETURN d.source, d.doc, d.content_hash, d.lang, d.ingested_at, d.title"
        )
        return sorted((DocumentInfo(*r) for r in rows), key=lambda d: d.source)

    def merges(self) -> list[MergeRecord]:
        """The merge log, one record per (canonical id, name, method), best score kept."""
        rows = self._read(
            f"MATCH (d:{_document_label()}) WHERE d.merges IS NOT NULL RETURN d.merges"
        )
        best: dict[tuple[str, str, str], float] = {}
        for (merges,) in rows:
            for text in merges:
                cid, name, method, score = json.loads(text)
                key = (cid, name, method)
                best[key] = max(best.get(key, float("-inf")), float(score))
        return [MergeRecord(*key, best[key]) for key in sorted(best)]

    def iter_nodes(self, *, types: Sequence[str] = ()) -> Iterator[Node]:
        """Every entity node (optionally of some types, subtypes included), by id."""
        wanted = expand_types(types) if types else set(ontology().entity_types)
        labels = sorted({_labels_of(t)[-1] for t in wanted})
        query = (
            f"MATCH (n) WHERE {_any_label(labels)} RETURN properties(n), labels(n) ORDER BY n.id"
        )
        for props, node_labels in self._stream(query):
            node = _node(props, node_labels)
            if node.type in wanted:
                yield node

    def iter_edges(self, *, types: Sequence[str] = ()) -> Iterator[Edge]:
        """Every relationship (optionally of some types), by (source, type, target)."""
        wanted = sorted(types) if types else sorted(ontology().relation_types)
        rel_types = "|".join(_rel_type_of(t) for t in wanted if t in ontology().relation_types)
        if not rel_types:
            return
        query = (
            f"MATCH (a)-[r:{rel_types}]->(b) RETURN a.id, type(r), b.id, r.supports "
            "ORDER BY a.id, type(r), b.id"
        )
        for start, rel_type, end, supports in self._stream(query):
            yield _edge(start, rel_type, end, supports)

    def _stream(self, query: str) -> Iterator[list[Any]]:
        """Rows of a read query, fetched in pages as the caller consumes them."""
        with self._guard(), self._driver.session(database=self.database, fetch_size=2000) as s:
            result = s.run(query)
            for record in result:
                yield record.values()

    def close(self) -> None:
        """Close the driver's connections."""
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reason(err: BaseException) -> str:
    """An error's message on one line, cut to a readable length."""
    message = getattr(err, "message", None) or str(err) or type(err).__name__
    text = " ".join(str(message).split())
    return text if len(text) <= 300 else text[:297] + "..."


# -- the write transaction -----------------------------------------------------------------


class _Writer:
    """One write transaction: lock the version node, retract, insert, re-merge what changed.

    Nodes and relationships touched by the transaction are re-merged from all their
    MENTIONS / supports at the end (so the result is the same whatever the order of the
    documents), and those left without any are deleted.
    """

    def __init__(self, tx: ManagedTransaction) -> None:
        self.tx = tx
        self.touched_nodes: dict[str, set[str]] = defaultdict(set)  # root label -> ids
        # (type, source root, target root) -> {(source id, target id)}
        self.touched_edges: dict[_EdgeGroup, set[tuple[str, str]]] = defaultdict(set)
        # What this transaction last wrote to a relationship: (sources, supports).
        self.edge_state: dict[_EdgeGroup, dict[tuple[str, str], tuple[list[str], list[str]]]] = (
            defaultdict(dict)
        )

    def run(self, query: str, **params: Any) -> list[list[Any]]:
        return self.tx.run(query, params).values()

    def lock(self) -> None:
        """Take the write lock of the version node: writers go one at a time, and none
        while a bulk load holds the graph."""
        rows = self.run(
            f"MERGE (m:{META_LABEL} {{key: 'graph'}}) ON CREATE SET m.version = 0 "
            f"SET m.lock = coalesce(m.lock, 0) + 1 RETURN m.{BULK_MARK}"
        )
        started = rows[0][0] if rows else None
        if started is not None:
            raise StoreUnavailable(
                f"a bulk load started at {started} is writing this graph; try again when it "
                "has finished (if it was interrupted, `innograph neo4j reset --yes` clears it)"
            )

    def finish_bulk_load(self, now: str) -> None:
        """Clear the bulk-load mark and count one more change."""
        self.run(f"MATCH (m:{META_LABEL} {{key: 'graph'}}) REMOVE m.{BULK_MARK}")
        self.bump(now)

    def bump(self, now: str) -> None:
        """Count one more change."""
        self.run(
            f"MERGE (m:{META_LABEL} {{key: 'graph'}}) ON CREATE SET m.version = 0 "
            "SET m.version = m.version + 1, m.updated_at = $now",
            now=now,
        )

    def upsert(self, docs: list[NormalisedDocument]) -> list[IngestResult]:
        self.lock()
        now = _now()
        results: list[IngestResult] = []
        changed = False
        # A source repeated within the batch is written in order, one run at a time.
        for run in _runs(docs):
            rows = self.run(
                f"UNWIND $sources AS s OPTIONAL MATCH (d:{_document_label()} {{source: s}})"
                f"{_hint('d', _document_label(), 'source')} "
                "RETURN s, d.content_hash",
                sources=[d.facts.source for d in run],
            )
            old = dict((r[0], r[1]) for r in rows)
            fresh = [d for d in run if old.get(d.facts.source) != d.facts.content_hash]
            fresh_ids = {id(d) for d in fresh}
            retract = [d.facts.source for d in fresh if old.get(d.facts.source) is not None]
            if retract:
                self.retract(retract)
            if fresh:
                self.insert(fresh, now)
                changed = True
            for d in run:
                source = d.facts.source
                if id(d) in fresh_ids:
                    status = "updated" if old.get(source) is not None else "created"
                    results.append(IngestResult(source, status, len(d.nodes), len(d.edges)))
                else:
                    results.append(IngestResult(source, "unchanged"))
        if changed:
            self.remerge()
            self.bump(now)
        return results

    def remove(self, source: str) -> bool:
        self.lock()
        rows = self.run(
            f"MATCH (d:{_document_label()} {{source: $source}})"
            f"{_hint('d', _document_label(), 'source')} RETURN count(d)",
            source=source,
        )
        if not rows or not rows[0][0]:
            return False
        self.retract([source])
        self.run(
            f"MATCH (d:{_document_label()} {{source: $source}})"
            f"{_hint('d', _document_label(), 'source')} DETACH DELETE d",
            source=source,
        )
        self.remerge()
        self.bump(_now())
        return True

    def retract(self, sources: list[str]) -> None:
        """Take these documents' mentions and supports out (nodes stay until remerge)."""
        doc, mentions = _document_label(), _mentions_type()
        rows = self.run(
            f"UNWIND $sources AS s MATCH (d:{doc} {{source: s}})-[:{mentions}]->(n)"
            f"-[r:{_all_rel_types()}]-(){_hint('d', doc, 'source')} WHERE s IN r.sources "
            "RETURN DISTINCT startNode(r).id, type(r), endNode(r).id, r.sources, r.supports",
            sources=sources,
        )
        gone = set(sources)
        updates: dict[_EdgeGroup, list[dict[str, Any]]] = defaultdict(list)
        for start, rel_type, end, srcs, supports in rows:
            keep = [(s, j) for s, j in zip(srcs, supports, strict=True) if s not in gone]
            group = _edge_group(rel_type, start, end)
            updates[group].append(
                {
                    "src": start,
                    "dst": end,
                    "sources": [s for s, _ in keep],
                    "supports": [j for _, j in keep],
                }
            )
            self.touched_edges[group].add((start, end))
            self.edge_state[group][(start, end)] = (
                updates[group][-1]["sources"],
                updates[group][-1]["supports"],
            )
        for (rel_type, src_root, dst_root), group_rows in sorted(updates.items()):
            self.run(
                f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}})"
                f"-[r:{rel_type}]->(b:{dst_root} {{id: row.dst}})"
                f"{_edge_hints(src_root, dst_root)} "
                "SET r.sources = row.sources, r.supports = row.supports",
                rows=group_rows,
            )
        rows = self.run(
            f"UNWIND $sources AS s MATCH (d:{doc} {{source: s}})-[m:{mentions}]->(n)"
            f"{_hint('d', doc, 'source')} "
            "DELETE m RETURN DISTINCT n.id",
            sources=sources,
        )
        for (node_id,) in rows:
            self._touch_node(node_id)

    def _touch_node(self, node_id: str) -> None:
        root = _root_of(node_id)
        if root is not None:
            self.touched_nodes[root].add(node_id)

    def insert(self, docs: list[NormalisedDocument], now: str) -> None:
        """Write documents, their mentions and their supports."""
        doc, mentions = _document_label(), _mentions_type()
        self.run(
            f"UNWIND $docs AS row MERGE (d:{doc} {{source: row.source}}) SET d += row.props",
            docs=[_document_row(d, now) for d in docs],
        )
        # Nodes: the ones this batch creates are written once, merged from the batch's own
        # mentions; only nodes that existed before are re-merged from all their MENTIONS.
        mentions_by_id: dict[str, list[Mention]] = defaultdict(list)
        rows_by_root: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in docs:
            for cid, mention in d.nodes.items():
                mentions_by_id[cid].append(mention)
                rows_by_root[_labels_of(mention.type)[0]].append(
                    _mention_row(d.facts.source, cid, mention)
                )
        new_ids: set[str] = set()
        for root, rows in sorted(rows_by_root.items()):
            ids = sorted({row["id"] for row in rows})
            existing = {
                r[0]
                for r in self.run(
                    f"UNWIND $ids AS id MATCH (n:{root} {{id: id}}){_hint('n', root)} RETURN id",
                    ids=ids,
                )
            }
            self.touched_nodes[root].update(existing)
            created: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
            for node_id in ids:
                if node_id in existing:
                    continue
                new_ids.add(node_id)
                merged = merge_mentions(node_id, mentions_by_id[node_id])
                props = {**merged.properties, "id": merged.id, "name": merged.name}
                created[_labels_of(merged.type)].append(props)
            for labels, props_rows in sorted(created.items()):
                self.run(
                    f"UNWIND $rows AS row CREATE (n:{':'.join(labels)}) SET n = row",
                    rows=props_rows,
                )
            self.run(
                f"UNWIND $rows AS row MATCH (d:{doc} {{source: row.source}})"
                f"{_hint('d', doc, 'source')} "
                f"MATCH (n:{root} {{id: row.id}}){_hint('n', root)} "
                f"CREATE (d)-[:{mentions} {{type: row.type, name: row.name, aliases: row.aliases, "
                "attributes: row.attributes}]->(n)",
                rows=rows,
            )
        # One row per relationship (several documents of the batch may support it).
        groups: dict[_EdgeGroup, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
        given: dict[EdgeKey, list[Support]] = defaultdict(list)  # what the rows' JSON says
        for d in docs:
            types = {cid: m.type for cid, m in d.nodes.items()}
            for (src, rel, dst), support in d.edges.items():
                group = (_rel_type_of(rel), _labels_of(types[src])[0], _labels_of(types[dst])[0])
                row = groups[group].setdefault(
                    (src, dst), {"src": src, "dst": dst, "sources": [], "supports": []}
                )
                row["sources"].append(d.facts.source)
                row["supports"].append(_support_json(support))
                given[(src, rel, dst)].append(support)
        for group, by_pair in sorted(groups.items()):
            rows = [by_pair[pair] for pair in sorted(by_pair)]
            self._insert_edges(group, rows, new_ids, given)

    def _insert_edges(
        self,
        group: _EdgeGroup,
        rows: list[dict[str, Any]],
        new_ids: set[str],
        given: Mapping[EdgeKey, list[Support]],
    ) -> None:
        """Create the group's new relationships with their final properties in one write;
        append to the ones that already exist and leave those to :meth:`remerge`."""
        rel_type, src_root, dst_root = group
        # A relationship to a node this batch created cannot exist yet: no lookup needed.
        maybe = [r for r in rows if r["src"] not in new_ids and r["dst"] not in new_ids]
        existing: set[tuple[str, str]] = set()
        if maybe:
            existing = {
                (a, b)
                for a, b in self.run(
                    f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}})"
                    f"-[:{rel_type}]->(b:{dst_root} {{id: row.dst}})"
                    f"{_edge_hints(src_root, dst_root)} RETURN row.src, row.dst",
                    rows=[{"src": r["src"], "dst": r["dst"]} for r in maybe],
                )
            }
        fresh, append = [], []
        for row in rows:
            if (row["src"], row["dst"]) in existing:
                append.append(row)
                continue
            key = (row["src"], _contract_rel_by_type()[rel_type], row["dst"])
            merged = merge_supports(key, given[key])
            props = _edge_props(merged, row["sources"], row["supports"])
            fresh.append({"src": row["src"], "dst": row["dst"], "props": props})
        if fresh:
            self.run(
                f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}}){_hint('a', src_root)} "
                f"MATCH (b:{dst_root} {{id: row.dst}}){_hint('b', dst_root)} "
                f"CREATE (a)-[r:{rel_type}]->(b) "
                "SET r = row.props",
                rows=fresh,
            )
        if append:
            found = self.run(
                f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}})"
                f"-[r:{rel_type}]->(b:{dst_root} {{id: row.dst}})"
                f"{_edge_hints(src_root, dst_root)} "
                "SET r.sources = coalesce(r.sources, []) + row.sources, "
                "r.supports = coalesce(r.supports, []) + row.supports "
                "RETURN row.src, row.dst, r.sources, r.supports",
                rows=append,
            )
            for src, dst, sources, supports in found:
                self.touched_edges[group].add((src, dst))
                self.edge_state[group][(src, dst)] = (sources, supports)

    def remerge(self) -> None:
        """Recompute every touched relationship and node from what supports it.

        Every lookup goes through the unique id indexes (label + id), so the plans stay
        index seeks whatever the statistics say when a query is first planned.
        """
        for (rel_type, src_root, dst_root), pairs in sorted(self.touched_edges.items()):
            edge = (
                f"(a:{src_root} {{id: row.src}})-[r:{rel_type}]->(b:{dst_root} {{id: row.dst}})"
                f"{_edge_hints(src_root, dst_root)}"
            )
            known = self.edge_state.get((rel_type, src_root, dst_root), {})
            unknown = [{"src": a, "dst": b} for a, b in sorted(pairs) if (a, b) not in known]
            rows: list[list[Any]] = [
                [a, b, *known[(a, b)]] for a, b in sorted(pairs) if (a, b) in known
            ]
            if unknown:
                rows += self.run(
                    f"UNWIND $rows AS row MATCH {edge} "
                    "RETURN row.src, row.dst, r.sources, r.supports",
                    rows=unknown,
                )
            dead, updates = [], []
            for start, end, sources, supports in rows:
                if not supports:
                    dead.append({"src": start, "dst": end})
                    continue
                merged = _edge(start, rel_type, end, supports)
                updates.append(
                    {"src": start, "dst": end, "props": _edge_props(merged, sources, supports)}
                )
            if dead:
                self.run(f"UNWIND $rows AS row MATCH {edge} DELETE r", rows=dead)
            if updates:
                self.run(f"UNWIND $rows AS row MATCH {edge} SET r = row.props", rows=updates)
        for root, ids in sorted(self.touched_nodes.items()):
            self._remerge_nodes(root, sorted(ids))
        self.touched_nodes.clear()
        self.touched_edges.clear()
        self.edge_state.clear()

    def _remerge_nodes(self, root: str, ids: list[str]) -> None:
        node = f"(n:{root} {{id: row}}){_hint('n', root)}"
        rows = self.run(
            f"UNWIND $ids AS row MATCH {node} "
            f"OPTIONAL MATCH (n)<-[m:{_mentions_type()}]-(d) "
            "WITH n, collect([d.source, m.type, m.name, m.aliases, m.attributes]) AS ms "
            "RETURN n.id, labels(n), properties(n), ms",
            ids=ids,
        )
        orphans: list[str] = []
        props_rows: list[dict[str, Any]] = []
        add: dict[str, list[str]] = defaultdict(list)
        remove: dict[str, list[str]] = defaultdict(list)
        for node_id, labels, current, mention_rows in rows:
            mentions = [
                Mention(src, mtype, name, tuple(aliases or ()), json.loads(attrs))
                for src, mtype, name, aliases, attrs in mention_rows
                if src is not None
            ]
            if not mentions:
                orphans.append(node_id)
                continue
            merged = merge_mentions(node_id, mentions)
            props = {**merged.properties, "id": merged.id, "name": merged.name}
            if props != current:  # an unchanged node is not rewritten (nor re-indexed)
                props_rows.append({"id": node_id, "props": props})
            wanted = set(_labels_of(merged.type))
            have = set(labels) & set(_type_by_label())
            for label in wanted - have:
                add[label].append(node_id)
            for label in have - wanted:
                remove[label].append(node_id)
        if orphans:
            self.run(f"UNWIND $ids AS row MATCH {node} DETACH DELETE n", ids=orphans)
        if props_rows:
            self.run(
                f"UNWIND $rows AS r MATCH (n:{root} {{id: r.id}}){_hint('n', root)} "
                "SET n = r.props",
                rows=props_rows,
            )
        for label, label_ids in sorted(add.items()):
            self.run(f"UNWIND $ids AS row MATCH {node} SET n:{_checked(label)}", ids=label_ids)
        for label, label_ids in sorted(remove.items()):
            self.run(f"UNWIND $ids AS row MATCH {node} REMOVE n:{_checked(label)}", ids=label_ids)


_EdgeGroup = tuple[str, str, str]  # (Neo4j relationship type, source root label, target root)


def _edge_group(rel_type: str, start: str, end: str) -> _EdgeGroup:
    src_root, dst_root = _root_of(start), _root_of(end)
    if src_root is None or dst_root is None:  # not one of ours: cannot happen for our writes
        raise StoreUnavailable(f"relationship {start}-[{rel_type}]->{end} has an unknown id")
    return (_checked(rel_type), src_root, dst_root)


def _runs(docs: list[NormalisedDocument]) -> Iterator[list[NormalisedDocument]]:
    """Consecutive slices of the batch in which no source repeats."""
    run: list[NormalisedDocument] = []
    seen: set[str] = set()
    for d in docs:
        if d.facts.source in seen:
            yield run
            run, seen = [], set()
        run.append(d)
        seen.add(d.facts.source)
    if run:
        yield run


def _document_row(d: NormalisedDocument, now: str) -> dict[str, Any]:
    facts = d.facts
    return {
        "source": facts.source,
        "props": {
            "doc": facts.doc,
            "content_hash": facts.content_hash,
            "lang": facts.lang,
            "ingested_at": now,
            "title": facts.title,
            "attributes": stable_json(facts.attributes),
            "merges": [
                stable_json([m.canonical_id, m.name, m.method, float(m.score)])
                for m in facts.merges
            ],
        },
    }


def _mention_props(mention: Mention) -> dict[str, Any]:
    """What a MENTIONS relationship stores of a document's mention."""
    return {
        "type": mention.type,
        "name": mention.name,
        "aliases": list(mention.aliases),
        "attributes": stable_json(dict(mention.attributes)),
    }


def _mention_row(source: str, cid: str, mention: Mention) -> dict[str, Any]:
    return {"source": source, "id": cid, **_mention_props(mention)}
