"""The Neo4j graph store: the production backend, on any Bolt server (bolt://, neo4j://, +s).

The graph's shape in Neo4j is described in :mod:`innograph.graph.neo4j`. Reads fetch
bounded candidate sets with Cypher and rank them with the same functions of
:mod:`innograph.graph.algorithms` the embedded store uses, so both answer alike; writes go
through :class:`~.writer.Writer` (one per transaction) and bulk loads through :mod:`.bulk`.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, unit_of_work
from neo4j.exceptions import DriverError, Neo4jError

from innograph.config import Settings
from innograph.gc_pause import collector_paused
from innograph.graph.algorithms import (
    edge_order,
    expand_types,
    neighbourhood_ids,
    normalise_document,
)
from innograph.graph.collaborators import DEFAULT_SORT, rank_collaborators
from innograph.graph.errors import EntityNotFound, GraphError, StoreUnavailable
from innograph.graph.neo4j import bulk as neo4j_bulk
from innograph.graph.neo4j import reads, schema
from innograph.graph.neo4j.cypher import (
    META_LABEL,
    all_rel_types,
    any_label,
    contract_rel_by_type,
    document_label,
    entity_labels,
    hint,
    labels_of,
    mentions_type,
    rel_type_of,
    root_labels,
    root_of,
    type_of,
)
from innograph.graph.neo4j.paths import find_paths, shortest_path
from innograph.graph.neo4j.rows import edge_from_row, node_from_row, utc_now
from innograph.graph.neo4j.writer import Writer
from innograph.graph.partnership import path_scope, widest_scope
from innograph.graph.search import SearchEntry, SearchIndex, rank_search
from innograph.graph.store import PARTNERSHIP_RELATIONS, SHARED_ITEM_TYPES, OnInvalid
from innograph.graph.types import (
    CollaboratorPage,
    DocumentInfo,
    Edge,
    EntityDetail,
    GraphStats,
    IngestResult,
    Node,
    PartnershipPath,
    Subgraph,
)
from innograph.ontology.facts import REFUSED, DocumentFacts, MergeRecord
from innograph.ontology.terms import ontology
from innograph.redaction import error_reason as _reason
from innograph.redaction import remember_secrets, split_credentials

# The driver logs connection retries as warnings; without a handler Python would print
# them next to our one-line error. Applications that configure logging still see them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

T = TypeVar("T")

# Seconds to open a connection (TCP and the Bolt handshake), at most the read timeout.
CONNECTION_TIMEOUT_S = 5.0
# Bolt, direct or routed (a cluster, Aura), plain or encrypted.
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


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
        read_timeout: float = 10.0,
    ) -> None:
        # A password in the URI (bolt://user:pass@host) is used, never shown: uri is bare now.
        uri, uri_user, uri_password = split_credentials(uri)
        user, password = uri_user or user, uri_password or password
        remember_secrets(password)
        self.uri = uri
        self.database = database or None
        if read_timeout <= 0:
            raise ValueError(f"the Neo4j read timeout must be positive, not {read_timeout}")
        self.read_timeout = read_timeout
        self._lock = threading.Lock()
        self._search_cache: tuple[str, SearchIndex] | None = None
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            raise StoreUnavailable(
                f"cannot use Neo4j URI {uri!r}: expected one of "
                f"{', '.join(s + '://' for s in BOLT_SCHEMES)}"
            )
        try:
            # A connection that is not made (or a handshake that is not answered) within
            # the read timeout fails rather than holding a request (and its thread) on.
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=(user, password or ""),
                connection_timeout=min(CONNECTION_TIMEOUT_S, read_timeout),
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
            read_timeout=settings.neo4j_read_timeout,
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
        """The rows of a read query, all of it bounded by the read timeout: the wait for a
        pooled connection, the retries, and the transaction (on the server), so that a
        call the API abandoned at its budget does not go on retrying."""

        @unit_of_work(timeout=self.read_timeout)
        def work(tx: ManagedTransaction) -> list[list[Any]]:
            return tx.run(query, params).values()

        with (
            self._guard(),
            self._driver.session(
                database=self.database,
                connection_acquisition_timeout=self.read_timeout,
                max_transaction_retry_time=self.read_timeout / 2,
            ) as session,
        ):
            return session.execute_read(work)

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._guard(), self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    # -- schema --------------------------------------------------------------------------

    def schema_ready(self) -> bool:
        """True when every constraint and index of :meth:`init_schema` exists (also when
        this user may not list them: then an administrator is trusted to have run init)."""
        with self._guard(), self._driver.session(database=self.database) as session:
            return schema.schema_ready(session)

    def init_schema(self) -> list[str]:
        """Create the uniqueness constraints, the full-text index on names and aliases, and
        the version node (idempotent); the names of what was missing."""
        with self._guard(), self._driver.session(database=self.database) as session:
            return schema.init_schema(session)

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
        return self._write(lambda tx: Writer(tx).upsert(docs))

    def remove_source(self, source: str) -> bool:
        """Retract one document's facts; False if it was not in the graph."""
        return bool(self._write(lambda tx: Writer(tx).remove(source)))

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
        self._write(lambda tx: Writer(tx).finish_bulk_load(utc_now()))

    def bulk_load(
        self,
        documents: Iterable[DocumentFacts],
        *,
        on_invalid: OnInvalid | None = None,
        workers: int = 2,
        rows_per_tx: int = 10_000,
    ) -> list[IngestResult]:
        """Load documents into an empty graph at bulk speed (see :mod:`.bulk`):
        ``workers`` sessions, ``rows_per_tx`` rows per transaction; otherwise as
        :meth:`GraphStore.bulk_load`. A failure part-way deletes what was written."""

        with self._lock:
            self._search_cache = None
        with collector_paused(), self._guard():
            return neo4j_bulk.bulk_load(
                neo4j_bulk.Target(self._driver, self.database, self._write, self.wipe),
                documents,
                utc_now(),
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
        """The nodes with these ids that exist (one query, see :mod:`.reads`)."""
        return reads.fetch_nodes(self._read, ids)

    def get_node(self, entity_id: str) -> Node | None:
        """Just the node, or None."""
        return self._fetch_nodes([entity_id]).get(entity_id)

    def _require(self, entity_id: str) -> Node:
        node = self.get_node(entity_id)
        if node is None:
            raise EntityNotFound(entity_id)
        return node

    def _incident(self, entity_id: str) -> list[Edge]:
        root = root_of(entity_id)
        if root is None:
            return []
        rows = self._read(
            f"MATCH (n:{root} {{id: $id}})-[r:{all_rel_types()}]-(m){hint('n', root)} "
            "RETURN startNode(r).id, type(r), endNode(r).id, r.supports",
            id=entity_id,
        )
        edges = {(s, t, e): edge_from_row(s, t, e, sup) for s, t, e, sup in rows}
        return sorted(edges.values(), key=edge_order)

    def get_entity(self, entity_id: str) -> EntityDetail:
        """An entity with its relations and provenance; EntityNotFound if absent."""
        node = self._require(entity_id)
        edges = self._incident(entity_id)
        others = {e.target if e.source == entity_id else e.source for e in edges}
        fetched = self._fetch_nodes(others)
        root = labels_of(node.type)[0]
        rows = self._read(
            f"MATCH (d:{document_label()})-[:{mentions_type()}]->(n:{root} {{id: $id}})"
            f"{hint('n', root)} "
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
            f"MATCH (n) WHERE {any_label(root_labels())} RETURN n.id, labels(n), n.name, n.aliases"
        )
        entries = [
            SearchEntry.of(Node(i, type_of(labels), name, {"aliases": aliases or []}))
            for i, labels, name, aliases in rows
        ]
        index = SearchIndex(entries)
        with self._lock:
            self._search_cache = (version, index)
        return index

    def _adjacency(
        self, ids: Iterable[str], relations: frozenset[str] = frozenset()
    ) -> tuple[dict[str, set[str]], dict[str, str]]:
        """Neighbours (either direction, along ``relations``, else any contract
        relationship) and their types (one query, see :mod:`.reads`)."""
        return reads.adjacency(self._read, ids, relations)

    def _edges_among(
        self, ids: Sequence[str], relations: frozenset[str] = frozenset()
    ) -> list[Edge]:
        """Every relationship (of ``relations``, else any) with both ends in ``ids``, in
        edge order (one query, see :mod:`.reads`)."""
        return reads.edges_among(self._read, ids, relations)

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
            lambda n: adjacency.get(n, ()),
            entity_id,
            depth=depth,
            keep=keep,
            limit=limit,
            weights=lambda found: reads.degrees_and_names(self._read, found),
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
        org_types: Sequence[str] = (),
        programme: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sort: str = DEFAULT_SORT,
        offset: int = 0,
        limit: int | None = 50,
    ) -> CollaboratorPage:
        """Organisations sharing items with ``org_id`` (see collaborators.rank_collaborators)."""
        # The organisation is fetched with its partners, not before: one round trip less.
        root = root_of(org_id)
        if root is None:
            raise EntityNotFound(org_id)
        partnership = "|".join(rel_type_of(r) for r in PARTNERSHIP_RELATIONS)
        item_labels = {label for t in expand_types(SHARED_ITEM_TYPES) for label in labels_of(t)}
        # One [partner id, amount_eur] per partnership relationship: the amount is the
        # partner's EC contribution on that link, as the embedded store reads it.
        rows = self._read(
            f"MATCH (o:{root} {{id: $id}})-[:{partnership}]->(item){hint('o', root)} "
            f"WHERE {any_label(sorted(item_labels), 'item')} "
            "WITH DISTINCT item "
            f"OPTIONAL MATCH (partner)-[link:{partnership}]->(item) "
            "WITH item, collect([partner.id, link.amount_eur]) AS partners "
            f"OPTIONAL MATCH (item)-[:{rel_type_of('FUNDED_BY')}]->(prog) "
            "RETURN item.id, partners, collect(DISTINCT prog.id)",
            id=org_id,
        )
        partners_by_item: dict[str, list[tuple[str, float | None]]] = {
            item: [(p, a) for p, a in partners if p is not None] for item, partners, _ in rows
        }
        programmes = {item: progs for item, _, progs in rows}
        wanted = set(partners_by_item) | {
            p for links in partners_by_item.values() for p, _ in links
        }
        nodes = self._fetch_nodes(wanted | {org_id})
        if org_id not in nodes:
            raise EntityNotFound(org_id)
        return rank_collaborators(
            org_id,
            partners_by_item,
            nodes,
            programmes,
            country=country,
            org_types=org_types,
            programme=programme,
            since=since,
            until=until,
            sort=sort,
            offset=offset,
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
        relations: Sequence[str] = (),
    ) -> list[PartnershipPath]:
        """The k shortest simple paths between two entities, partnership paths unless
        ``via``/``relations`` say otherwise (see :func:`.paths.find_paths`)."""
        scope = path_scope(via, relations)
        if k == 1 and not avoid and scope == widest_scope() and source_id != target_id:
            return shortest_path(
                self._read,
                self._fetch_nodes,
                self._edges_among,
                source_id,
                target_id,
                max_hops=max_hops,
                scope=scope,
            )
        return find_paths(
            self._fetch_nodes,
            self._adjacency,
            self._edges_among,
            source_id,
            target_id,
            k=k,
            max_hops=max_hops,
            scope=scope,
            avoid=avoid,
        )

    def stats(self) -> GraphStats:
        """Counts of nodes by type, relationships by type, and documents (count store)."""
        label_counts: dict[str, int] = {}
        with self._guard(), self._driver.session(database=self.database) as session:
            for label in entity_labels():
                record = session.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()
                label_counts[label] = record["n"] if record else 0
            rels: dict[str, int] = {}
            for rel_type, contract in sorted(contract_rel_by_type().items()):
                record = session.run(f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS n").single()
                if record and record["n"]:
                    rels[contract] = record["n"]
            record = session.run(f"MATCH (d:{document_label()}) RETURN count(d) AS n").single()
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
            f"MATCH (d:{document_label()}) "
            "RETURN d.source, d.doc, d.content_hash, d.lang, d.ingested_at, d.title"
        )
        return sorted((DocumentInfo(*r) for r in rows), key=lambda d: d.source)

    def merges(self, *, refusals: bool = False) -> list[MergeRecord]:
        """The merge log (refusals only when asked), best score per (id, name, method)."""
        rows = self._read(
            f"MATCH (d:{document_label()}) WHERE d.merges IS NOT NULL RETURN d.merges"
        )
        best: dict[tuple[str, str, str], float] = {}
        for (merges,) in rows:
            for text in merges:
                cid, name, method, score = json.loads(text)
                if not refusals and method.startswith(REFUSED):
                    continue
                key = (cid, name, method)
                best[key] = max(best.get(key, float("-inf")), float(score))
        return [MergeRecord(*key, best[key]) for key in sorted(best)]

    def iter_nodes(self, *, types: Sequence[str] = ()) -> Iterator[Node]:
        """Every entity node (optionally of some types, subtypes included), by id."""
        wanted = expand_types(types) if types else set(ontology().entity_types)
        labels = sorted({labels_of(t)[-1] for t in wanted})
        query = f"MATCH (n) WHERE {any_label(labels)} RETURN properties(n), labels(n) ORDER BY n.id"
        for props, node_labels in self._stream(query):
            node = node_from_row(props, node_labels)
            if node.type in wanted:
                yield node

    def iter_edges(self, *, types: Sequence[str] = ()) -> Iterator[Edge]:
        """Every relationship (optionally of some types), by (source, type, target)."""
        wanted = sorted(types) if types else sorted(ontology().relation_types)
        rel_types = "|".join(rel_type_of(t) for t in wanted if t in ontology().relation_types)
        if not rel_types:
            return
        query = (
            f"MATCH (a)-[r:{rel_types}]->(b) RETURN a.id, type(r), b.id, r.supports "
            "ORDER BY a.id, type(r), b.id"
        )
        for start, rel_type, end, supports in self._stream(query):
            yield edge_from_row(start, rel_type, end, supports)

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
