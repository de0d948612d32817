"""The embedded graph store: no server, one folder on disk.

SQLite (WAL mode, :mod:`.database`) is the durable source of truth, written in one
transaction per document batch. Queries run on an in-memory graph (:mod:`.memory`) built
from those rows on the first query. Every write bumps a version counter and logs the node
ids and relationship keys it touched; before each query an open store reads the log since
its own version and recomputes just those (another process's writes too: ``innograph
ingest`` while the API serves), rebuilding everything only when it is too far behind.

Nodes and relationships are merged from their rows by the rules of
:mod:`innograph.graph.algorithms`, the same rules the Neo4j store follows.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from innograph.gc_pause import collector_paused
from innograph.graph.collaborators import DEFAULT_SORT
from innograph.graph.embedded.database import Database, EdgeKey, Prepared, prepare
from innograph.graph.embedded.memory import MemoryGraph, copy_edge, copy_node
from innograph.graph.errors import GraphError, InvalidFact, StoreUnavailable
from innograph.graph.store import OnInvalid
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
from innograph.ontology.facts import DocumentFacts, MergeRecord

# Above this many changed nodes, rebuilding everything is cheaper than patching.
_PATCH_LIMIT = 50_000


class EmbeddedStore:
    """The GraphStore on SQLite + an in-memory graph, in the folder ``path``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._db = Database(self.path)
        self._version = -1
        self._graph = MemoryGraph()
        self._full_reload = True
        # The in-memory graph is built on the first query that needs it: opening a big
        # store for ``innograph stats`` or ``remove`` stays quick.

    # -- loading and keeping in step --------------------------------------------------

    def _sync(self) -> None:
        """Catch up with every write since the graph was built (this process's or not)."""
        try:
            if not self._full_reload:
                with self._db.reading():
                    version = self._db.version()
                    if version != self._version:
                        changed = self._db.changes_since(self._version, version)
                        if changed is None or len(changed[0]) + len(changed[1]) > _PATCH_LIMIT:
                            self._full_reload = True
                        else:
                            self._patch(*changed)
                            self._version = version
            if self._full_reload:
                self._reload()
        except sqlite3.Error as err:
            raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None

    def _reload(self) -> None:
        """Rebuild the in-memory graph from the rows."""
        # Hundreds of thousands of new objects: the cyclic GC would rescan them over and
        # over (most of the build time); they hold no cycles, so pause it meanwhile.
        with collector_paused():
            self._rebuild()
        # The graph's objects live until the next rebuild: out of the collector's sight,
        # a full collection no longer walks them all in the middle of a query (~1 s).
        # (Any reference cycle already garbage now is never collected; the build makes
        # none, and collecting first would cost seconds.)
        gc.freeze()

    def _rebuild(self) -> None:
        with self._db.reading():
            version = self._db.version()
            self._graph.load(self._db.all_mentions(), self._db.all_supports())
        self._full_reload = False
        self._version = version

    def _patch(self, dirty_nodes: set[str], dirty_edges: set[EdgeKey]) -> None:
        """Recompute changed nodes and relationships (inside the caller's read transaction)."""
        ids = sorted(dirty_nodes)
        keys = sorted(dirty_edges)
        self._graph.patch(ids, self._db.mentions_of(ids), keys, self._db.supports_of(keys))

    # -- writing ------------------------------------------------------------------------

    def upsert_document(self, facts: DocumentFacts) -> IngestResult:
        """Write one document's facts with provenance, in one transaction."""
        return self.upsert_documents([facts])[0]

    def upsert_documents(self, batch: Sequence[DocumentFacts]) -> list[IngestResult]:
        """Write many documents in one transaction; an invalid one fails the whole batch."""
        prepared = [prepare(facts) for facts in batch]
        if not prepared:
            return []
        with self._guard():
            return self._db.write(prepared)

    def bulk_load(
        self, documents: Iterable[DocumentFacts], *, on_invalid: OnInvalid | None = None
    ) -> list[IngestResult]:
        """Load many documents into an empty store (see :meth:`GraphStore.bulk_load`);
        here the same one transaction as :meth:`upsert_documents`, its fastest path."""
        prepared: list[Prepared] = []
        with collector_paused():  # the rows of every document stay alive until the write
            for facts in documents:
                try:
                    prepared.append(prepare(facts))
                except InvalidFact as err:
                    if on_invalid is None:
                        raise
                    on_invalid(facts.source, str(err))
            with self._lock:
                if self._db.has_documents():
                    raise GraphError(
                        "a bulk load needs an empty graph and this one holds data: use "
                        "`innograph ingest`/`import` to add to it"
                    )
                if not prepared:
                    return []
                try:
                    return self._db.write(prepared)
                except sqlite3.Error as err:
                    raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None

    def remove_source(self, source: str) -> bool:
        """Retract one document's facts; False if it was not in the graph."""
        with self._guard():
            return self._db.remove_source(source)

    def wipe(self) -> None:
        """Delete everything (tests and ``--fresh`` loads)."""
        with self._lock:
            self._db.wipe()

    # -- reading ------------------------------------------------------------------------

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Hold the lock; a database failure becomes StoreUnavailable (one line)."""
        with self._lock:
            try:
                yield
            except sqlite3.Error as err:
                raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None

    def _ready(self) -> None:
        self._sync()

    def get_entity(self, entity_id: str) -> EntityDetail:
        """An entity with its relations and provenance; EntityNotFound if absent."""
        with self._guard():
            self._ready()
            self._graph.require(entity_id)
            return self._graph.entity(entity_id, self._db.documents_of(entity_id))

    def get_node(self, entity_id: str) -> Node | None:
        """Just the node, or None."""
        with self._lock:
            self._ready()
            return self._graph.get_node(entity_id)

    def search(self, query: str, *, types: Sequence[str] = (), limit: int = 20) -> list[Node]:
        """Entities by name or alias, best first (see algorithms.rank_search)."""
        with self._lock:
            self._ready()
            return self._graph.search(query, types=types, limit=limit)

    def neighbourhood(
        self, entity_id: str, *, depth: int = 1, types: Sequence[str] = (), limit: int = 200
    ) -> Subgraph:
        """Nodes within ``depth`` hops, nearest first, capped at ``limit``."""
        with self._lock:
            self._ready()
            return self._graph.neighbourhood(entity_id, depth=depth, types=types, limit=limit)

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
        with self._lock:
            self._ready()
            return self._graph.collaborators(
                org_id,
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
        ``via``/``relations`` say otherwise (see :meth:`GraphStore.paths`)."""
        with self._lock:
            self._ready()
            return self._graph.paths(
                source_id,
                target_id,
                k=k,
                max_hops=max_hops,
                via=via,
                avoid=avoid,
                relations=relations,
            )

    def stats(self) -> GraphStats:
        """Counts of nodes by type, relationships by type, and documents (from SQLite)."""
        with self._guard():
            with self._db.reading():
                version = self._db.version()
                cached = self._graph.cache.get("stats")
                if cached is None or cached[0] != version:
                    cached = (version, self._db.count_in_read())
                    self._graph.cache["stats"] = cached
        counts = cached[1]
        return GraphStats(
            dict(counts.nodes), dict(counts.relationships), counts.documents, counts.last_update
        )

    def documents(self) -> list[DocumentInfo]:
        """All source documents in the graph, by source."""
        with self._guard():
            return self._db.documents()

    def merges(self, *, refusals: bool = False) -> list[MergeRecord]:
        """The merge log, one record per (canonical id, name, method), best score kept;
        refusals to merge only when asked for."""
        with self._guard():
            return self._db.merges(refusals=refusals)

    def iter_nodes(self, *, types: Sequence[str] = ()) -> Iterator[Node]:
        """Every entity node (optionally of some types, subtypes included), by id."""
        with self._lock:
            self._ready()
            nodes = self._graph.nodes(types=types)
        for node in nodes:
            yield copy_node(node)

    def iter_edges(self, *, types: Sequence[str] = ()) -> Iterator[Edge]:
        """Every relationship (optionally of some types), by (source, type, target)."""
        with self._lock:
            self._ready()
            edges = self._graph.edges(types=types)
        for edge in edges:
            yield copy_edge(edge)

    def sources_by_entity(self) -> Iterator[tuple[str, list[str] | None]] | None:
        """Each entity's document sources in id order, read straight from the rows on a
        connection of its own (see :meth:`.database.Database.sources_by_entity`); the
        RDF export's fast path (:mod:`innograph.graph.rdf.sources`)."""
        return self._db.sources_by_entity()

    def version(self) -> str:
        """Changes whenever the graph changes, in this process or another."""
        with self._guard():
            return str(self._db.version())

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
