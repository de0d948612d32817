"""The embedded graph store: no server, one folder on disk.

SQLite (WAL mode) is the durable source of truth: what each document says about each
node (``mentions``), each relationship it supports (``supports``), its merge decisions
and the document itself, all written in one transaction per document batch, so a
``kill -9`` in the middle of an ingest loses at most the batch being written and never
leaves half of it. Queries run on an in-memory graph built from those rows on the first
query. Every write bumps a version counter and logs the node ids and relationship keys it
touched; before each query an open store reads the log since its own version and
recomputes just those (another process's writes too: ``innograph ingest`` while the API
serves), rebuilding everything only when it is too far behind.

Nodes and relationships are merged from their rows by the rules of
:mod:`innograph.graph.algorithms`, the same rules the Neo4j store follows.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from innograph.collector import collector_paused
from innograph.graph.algorithms import (
    Mention,
    SortNames,
    Support,
    edge_order,
    expand_types,
    intermediate_filter,
    k_shortest_paths,
    merge_mentions,
    merge_supports,
    neighbourhood_ids,
    normalise_document,
    pick_edge,
    rank_collaborators,
    stable_json,
    types_by_specificity,
)
from innograph.graph.errors import EntityNotFound, GraphError, InvalidFact, StoreUnavailable
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
    Provenance,
    Subgraph,
)
from innograph.ontology.facts import DocumentFacts, MergeRecord

DB_NAME = "graph.sqlite"
SCHEMA_VERSION = "1"
# Above this many changed nodes, rebuilding everything is cheaper than patching.
_PATCH_LIMIT = 50_000
_CHUNK = 500
# Versions whose changes stay logged for other processes to catch up with.
_CHANGES_KEPT = 1000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    source TEXT PRIMARY KEY, doc TEXT NOT NULL, content_hash TEXT NOT NULL,
    lang TEXT NOT NULL, ingested_at TEXT NOT NULL, title TEXT, attributes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    source TEXT NOT NULL, node_id TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL,
    aliases TEXT NOT NULL, attributes TEXT NOT NULL, PRIMARY KEY (node_id, source)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_by_source ON mentions (source);
CREATE TABLE IF NOT EXISTS supports (
    source TEXT NOT NULL, src TEXT NOT NULL, type TEXT NOT NULL, dst TEXT NOT NULL,
    evidence TEXT NOT NULL, confidence REAL NOT NULL, amount_eur REAL, attributes TEXT NOT NULL,
    PRIMARY KEY (src, type, dst, source)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS supports_by_source ON supports (source);
CREATE TABLE IF NOT EXISTS merges (
    source TEXT NOT NULL, canonical_id TEXT NOT NULL, name TEXT NOT NULL,
    method TEXT NOT NULL, score REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS merges_by_source ON merges (source);
-- What each version changed (node ids and relationship keys, JSON; "*": everything), so
-- that a store open in another process can catch up without rebuilding.
CREATE TABLE IF NOT EXISTS changes (
    version INTEGER PRIMARY KEY, nodes TEXT NOT NULL, edges TEXT NOT NULL
);
"""

EdgeKey = tuple[str, str, str]


@dataclass(slots=True)
class _Prepared:
    """One document's rows, validated and ready to write."""

    facts: DocumentFacts
    mentions: list[tuple[str, str, str, str, str, str]]
    supports: list[tuple[str, str, str, str, str, float, float | None, str]]
    merges: list[tuple[str, str, str, str, float]]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _json(value: Any, what: str) -> str:
    try:
        return stable_json(value)
    except (TypeError, ValueError) as err:
        raise InvalidFact(f"{what}: value is not plain data ({err})") from None


def prepare(facts: DocumentFacts) -> _Prepared:
    """Validate one document's facts (InvalidFact naming the fault) and turn them into rows."""
    doc = normalise_document(facts)
    src, where = facts.source, f"document {facts.source!r}"
    mentions = [
        (src, cid, m.type, m.name, _json(list(m.aliases), where), _json(m.attributes, where))
        for cid, m in doc.nodes.items()
    ]
    supports = [
        (src, *key, s.evidence, s.confidence, s.amount_eur, _json(s.attributes, where))
        for key, s in doc.edges.items()
    ]
    merges = [(src, m.canonical_id, m.name, m.method, float(m.score)) for m in facts.merges]
    return _Prepared(facts, mentions, supports, merges)


class EmbeddedStore:
    """The GraphStore on SQLite + an in-memory graph, in the folder ``path``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                self.path / DB_NAME, isolation_level=None, check_same_thread=False, timeout=60
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a crashed process never loses a commit (only power loss
            # could cost the last transactions), and bulk loads stay fast.
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA busy_timeout=60000")
            self._conn.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk loads hit indexes
            self._conn.executescript(_SCHEMA)
            self._conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema', ?), ('version', '0')",
                (SCHEMA_VERSION,),
            )
        except (OSError, sqlite3.Error) as err:
            raise StoreUnavailable(
                f"cannot open the embedded store at {self.path}: {err}"
            ) from None
        self._version = -1
        self._nodes: dict[str, Node] = {}
        self._edges: dict[EdgeKey, Edge] = {}
        self._incident: dict[str, set[EdgeKey]] = defaultdict(set)
        self._nbrs: dict[str, set[str]] = defaultdict(set)
        # Search entries by id, built on the first search and then kept in step.
        self._search: dict[str, SearchEntry] | None = None
        self._full_reload = True
        self._cache: dict[str, Any] = {}
        # The in-memory graph is built on the first query that needs it: opening a big
        # store for ``innograph stats`` or ``remove`` stays quick.

    # -- loading and keeping in step --------------------------------------------------

    def _db_version(self) -> int:
        row = self._conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        return int(row[0]) if row else 0

    def _sync(self) -> None:
        """Catch up with every write since the graph was built (this process's or not)."""
        try:
            if not self._full_reload:
                self._conn.execute("BEGIN")
                try:
                    version = self._db_version()
                    if version != self._version:
                        changed = self._changes_since(self._version, version)
                        if changed is None or len(changed[0]) + len(changed[1]) > _PATCH_LIMIT:
                            self._full_reload = True
                        else:
                            self._patch(*changed)
                            self._version = version
                finally:
                    self._conn.execute("COMMIT")
            if self._full_reload:
                self._reload()
        except sqlite3.Error as err:
            raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None

    def _changes_since(self, old: int, new: int) -> tuple[set[str], set[EdgeKey]] | None:
        """Nodes and relationships changed after version ``old``; None: rebuild instead."""
        rows = self._conn.execute(
            "SELECT nodes, edges FROM changes WHERE version > ? AND version <= ?", (old, new)
        ).fetchall()
        if len(rows) != new - old:
            return None  # the log was pruned (or predates this store version)
        nodes: set[str] = set()
        edges: set[EdgeKey] = set()
        for node_ids, edge_keys in rows:
            if node_ids == "*":
                return None
            nodes.update(json.loads(node_ids))
            edges.update(tuple(k) for k in json.loads(edge_keys))
        return nodes, edges

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
        self._conn.execute("BEGIN")
        try:
            version = self._db_version()
            nodes: dict[str, Node] = {}
            rows = self._conn.execute(
                "SELECT node_id, source, type, name, aliases, attributes FROM mentions "
                "ORDER BY node_id"
            )
            for node_id, group in groupby(rows, key=itemgetter(0)):
                nodes[node_id] = merge_mentions(node_id, [_mention(r) for r in group])
            self._nodes = nodes
            self._edges = {}
            self._incident = defaultdict(set)
            self._nbrs = defaultdict(set)
            rows = self._conn.execute(
                "SELECT src, type, dst, source, evidence, confidence, amount_eur, attributes "
                "FROM supports ORDER BY src, type, dst"
            )
            for key, group in groupby(rows, key=itemgetter(0, 1, 2)):
                supports = list(group)
                if len(supports) == 1:  # the common case, without the general merge
                    _, _, _, source, evidence, confidence, amount, attributes = supports[0]
                    props = _loads(attributes)
                    if amount is not None:
                        props["amount_eur"] = amount
                    prov = [Provenance(source, evidence, confidence)]
                    self._add_edge(key, Edge(key[0], key[2], key[1], props, prov))
                else:
                    self._add_edge(key, merge_supports(key, [_support(r) for r in supports]))
        finally:
            self._conn.execute("COMMIT")
        self._search = None
        self._full_reload = False
        self._version = version
        self._cache.clear()

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

    def _patch(self, dirty_nodes: set[str], dirty_edges: set[EdgeKey]) -> None:
        """Recompute changed nodes and relationships (inside the caller's read transaction)."""
        ids = sorted(dirty_nodes)
        mentions: dict[str, list[Mention]] = defaultdict(list)
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(
                "SELECT node_id, source, type, name, aliases, attributes FROM mentions "
                f"WHERE node_id IN ({marks})",
                chunk,
            ):
                mentions[row[0]].append(_mention(row))
        keys = sorted(dirty_edges)
        supports: dict[EdgeKey, list[Support]] = defaultdict(list)
        for chunk_keys in _chunks(keys):
            marks = ",".join(["(?,?,?)"] * len(chunk_keys))
            flat = [v for k in chunk_keys for v in k]
            for row in self._conn.execute(
                "SELECT src, type, dst, source, evidence, confidence, amount_eur, "
                f"attributes FROM supports WHERE (src, type, dst) IN (VALUES {marks})",
                flat,
            ):
                supports[(row[0], row[1], row[2])].append(_support(row))
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
        self._cache.clear()

    # -- writing ------------------------------------------------------------------------

    def upsert_document(self, facts: DocumentFacts) -> IngestResult:
        """Write one document's facts with provenance, in one transaction."""
        return self.upsert_documents([facts])[0]

    def upsert_documents(self, batch: Sequence[DocumentFacts]) -> list[IngestResult]:
        """Write many documents in one transaction; an invalid one fails the whole batch."""
        prepared = [prepare(facts) for facts in batch]
        if not prepared:
            return []
        with self._lock:
            try:
                return self._write(prepared)
            except sqlite3.Error as err:
                raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None

    def bulk_load(
        self, documents: Iterable[DocumentFacts], *, on_invalid: OnInvalid | None = None
    ) -> list[IngestResult]:
        """Load many documents into an empty store (see :meth:`GraphStore.bulk_load`);
        here the same one transaction as :meth:`upsert_documents`, its fastest path."""
        prepared: list[_Prepared] = []
        with collector_paused():  # the rows of every document stay alive until the write
            for facts in documents:
                try:
                    prepared.append(prepare(facts))
                except InvalidFact as err:
                    if on_invalid is None:
                        raise
                    on_invalid(facts.source, str(err))
            with self._lock:
                if self._conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
                    raise GraphError(
                        "a bulk load needs an empty graph and this one holds data: use "
                        "`innograph ingest`/`import` to add to it"
                    )
                if not prepared:
                    return []
                try:
                    return self._write(prepared)
                except sqlite3.Error as err:
                    raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None

    def _write(self, prepared: list[_Prepared]) -> list[IngestResult]:
        conn = self._conn
        results: list[IngestResult] = []
        touched_nodes: set[str] = set()
        touched_edges: set[EdgeKey] = set()
        conn.execute("BEGIN IMMEDIATE")
        try:
            now = _now()
            for segment in _without_repeats(prepared):
                results += self._write_segment(segment, now, touched_nodes, touched_edges)
            if any(r.status != "unchanged" for r in results):
                self._bump(now, touched_nodes, touched_edges)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return results

    def _write_segment(
        self,
        segment: list[_Prepared],
        now: str,
        touched_nodes: set[str],
        touched_edges: set[EdgeKey],
    ) -> list[IngestResult]:
        """Write documents with distinct sources (inside the caller's transaction)."""
        conn = self._conn
        known: dict[str, str] = {}
        sources = [item.facts.source for item in segment]
        for chunk in _chunks(sources):
            marks = ",".join("?" * len(chunk))
            known.update(
                conn.execute(
                    f"SELECT source, content_hash FROM documents WHERE source IN ({marks})", chunk
                )
            )
        results: list[IngestResult] = []
        mentions: list[tuple[Any, ...]] = []
        supports: list[tuple[Any, ...]] = []
        merges: list[tuple[Any, ...]] = []
        documents: list[tuple[Any, ...]] = []
        for item in segment:
            facts = item.facts
            old_hash = known.get(facts.source)
            if old_hash == facts.content_hash:
                results.append(IngestResult(facts.source, "unchanged"))
                continue
            if old_hash is not None:
                touched_nodes.update(self._retract(facts.source, touched_edges))
            mentions += item.mentions
            supports += item.supports
            merges += item.merges
            documents.append(
                (
                    facts.source,
                    facts.doc,
                    facts.content_hash,
                    facts.lang,
                    now,
                    facts.title,
                    _json(facts.attributes, f"document {facts.source!r}"),
                )
            )
            touched_nodes.update(m[1] for m in item.mentions)
            touched_edges.update((s[1], s[2], s[3]) for s in item.supports)
            results.append(
                IngestResult(
                    facts.source,
                    "updated" if old_hash is not None else "created",
                    nodes=len(item.mentions),
                    relationships=len(item.supports),
                )
            )
        conn.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?)", mentions)
        conn.executemany("INSERT INTO supports VALUES (?,?,?,?,?,?,?,?)", supports)
        conn.executemany("INSERT INTO merges VALUES (?,?,?,?,?)", merges)
        conn.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?)", documents)
        return results

    def _retract(self, source: str, touched_edges: set[EdgeKey]) -> list[str]:
        """Delete one document's rows (inside the caller's transaction); its node ids."""
        conn = self._conn
        ids = [r[0] for r in conn.execute("SELECT node_id FROM mentions WHERE source=?", (source,))]
        touched_edges.update(
            conn.execute("SELECT src, type, dst FROM supports WHERE source=?", (source,))
        )
        for table in ("mentions", "supports", "merges", "documents"):
            conn.execute(f"DELETE FROM {table} WHERE source=?", (source,))
        return ids

    def _bump(self, now: str, nodes: set[str] | None, edges: set[EdgeKey] | None) -> int:
        """Count one more change and log what it touched (None: everything), inside the
        caller's transaction; the new version."""
        version = self._db_version() + 1
        conn = self._conn
        conn.execute("UPDATE meta SET value=? WHERE key='version'", (str(version),))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('updated_at', ?)", (now,))
        if nodes is None or edges is None:
            logged = ("*", "*")
        else:
            logged = (json.dumps(sorted(nodes)), json.dumps(sorted(edges)))
        conn.execute("INSERT OR REPLACE INTO changes VALUES (?,?,?)", (version, *logged))
        conn.execute("DELETE FROM changes WHERE version <= ?", (version - _CHANGES_KEPT,))
        return version

    def remove_source(self, source: str) -> bool:
        """Retract one document's facts; False if it was not in the graph."""
        with self._lock:
            touched_edges: set[EdgeKey] = set()
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    found = (
                        self._conn.execute(
                            "SELECT 1 FROM documents WHERE source=?", (source,)
                        ).fetchone()
                        is not None
                    )
                    if found:
                        nodes = self._retract(source, touched_edges)
                        self._bump(_now(), set(nodes), touched_edges)
                    self._conn.execute("COMMIT")
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as err:
                raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None
            return found

    def wipe(self) -> None:
        """Delete everything (tests and ``--fresh`` loads)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for table in ("mentions", "supports", "merges", "documents"):
                    self._conn.execute(f"DELETE FROM {table}")
                self._bump(_now(), None, None)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

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

    def _node(self, entity_id: str) -> Node:
        node = self._nodes.get(entity_id)
        if node is None:
            raise EntityNotFound(entity_id)
        return node

    def get_entity(self, entity_id: str) -> EntityDetail:
        """An entity with its relations and provenance; EntityNotFound if absent."""
        with self._guard():
            self._ready()
            node = self._node(entity_id)
            edges = sorted(
                (self._edges[k] for k in self._incident.get(entity_id, ())), key=edge_order
            )
            outgoing = [_copy_edge(e) for e in edges if e.source == entity_id]
            incoming = [_copy_edge(e) for e in edges if e.source != entity_id]
            others = sorted({e.target if e.source == entity_id else e.source for e in edges})
            neighbours = {o: _copy_node(self._nodes[o]) for o in others}
            rows = self._conn.execute(
                "SELECT d.source, d.doc, d.content_hash, d.lang, d.ingested_at, d.title "
                "FROM mentions m JOIN documents d ON d.source = m.source "
                "WHERE m.node_id=? ORDER BY d.source",
                (entity_id,),
            ).fetchall()
            return EntityDetail(
                node=_copy_node(node),
                outgoing=outgoing,
                incoming=incoming,
                neighbours=neighbours,
                documents=[DocumentInfo(*r) for r in rows],
            )

    def get_node(self, entity_id: str) -> Node | None:
        """Just the node, or None."""
        with self._lock:
            self._ready()
            node = self._nodes.get(entity_id)
            return _copy_node(node) if node is not None else None

    def search(self, query: str, *, types: Sequence[str] = (), limit: int = 20) -> list[Node]:
        """Entities by name or alias, best first (see algorithms.rank_search)."""
        with self._lock:
            self._ready()
            index = self._cache.get("search")
            if index is None:
                if self._search is None:
                    self._search = {n.id: SearchEntry.of(n) for n in self._nodes.values()}
                index = self._cache["search"] = SearchIndex(self._search.values())
                gc.freeze()  # like the graph (see _reload): kept until the next change
            ids = rank_search(query, index, types=types, limit=limit)
            return [_copy_node(self._nodes[i]) for i in ids]

    def _neighbours(self, node: str) -> Iterable[str]:
        return self._nbrs.get(node, ())

    def _node_type(self, node: str) -> str | None:
        found = self._nodes.get(node)
        return found.type if found else None

    def neighbourhood(
        self, entity_id: str, *, depth: int = 1, types: Sequence[str] = (), limit: int = 200
    ) -> Subgraph:
        """Nodes within ``depth`` hops, nearest first, capped at ``limit``."""
        with self._lock:
            self._ready()
            self._node(entity_id)
            wanted = expand_types(types) if types else None
            keep = None if wanted is None else (lambda n: self._nodes[n].type in wanted)
            ids, total = neighbourhood_ids(
                self._neighbours, entity_id, depth=depth, keep=keep, limit=limit
            )
            return Subgraph(
                nodes=[_copy_node(self._nodes[i]) for i in ids],
                edges=self._induced_edges(ids),
                truncated=total > len(ids),
                total_nodes=total,
            )

    def _induced_edges(self, ids: Sequence[str]) -> list[Edge]:
        members = set(ids)
        keys = {
            k for n in ids for k in self._incident.get(n, ()) if k[0] in members and k[2] in members
        }
        return [_copy_edge(self._edges[k]) for k in sorted(keys)]

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
        with self._lock:
            self._ready()
            self._node(org_id)
            item_types = expand_types(SHARED_ITEM_TYPES)
            # Per graph version (the cache is cleared on every change): each item's
            # partners and programmes, and folded names for the tie order.
            links: dict[str, tuple[list[str], list[str]]] = self._cache.setdefault("item_links", {})
            sort_names = self._cache.get("sort_names")
            if sort_names is None:
                sort_names = self._cache["sort_names"] = SortNames(self._nodes)
            partners_by_item: dict[str, list[str]] = {}
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
            found = rank_collaborators(
                org_id,
                partners_by_item,
                self._nodes,
                programmes,
                country=country,
                programme=programme,
                since=since,
                until=until,
                limit=limit,
                sort_names=sort_names,
            )
            return [
                Collaborator(_copy_node(c.organisation), [_copy_node(s) for s in c.shared], c.score)
                for c in found
            ]

    def _item_links(self, item: str) -> tuple[list[str], list[str]]:
        """The organisations linked to an item (LEADS/PARTICIPATES_IN), its programmes."""
        incident = self._incident.get(item, ())
        partners = [k[0] for k in incident if k[2] == item and k[1] in PARTNERSHIP_RELATIONS]
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
    ) -> list[PartnershipPath]:
        """The k shortest simple paths between two entities (see algorithms.k_shortest_paths)."""
        with self._lock:
            self._ready()
            self._node(source_id)
            self._node(target_id)
            found = k_shortest_paths(
                self._neighbours,
                source_id,
                target_id,
                k=k,
                max_hops=max_hops,
                allowed=intermediate_filter(self._node_type, via, avoid),
            )
            out = []
            for ids in found:
                edges = []
                for a, b in zip(ids, ids[1:], strict=False):
                    between = [
                        self._edges[key]
                        for key in self._incident[a]
                        if (key[0] == a and key[2] == b) or (key[0] == b and key[2] == a)
                    ]
                    edges.append(_copy_edge(pick_edge(between)))
                out.append(PartnershipPath([_copy_node(self._nodes[i]) for i in ids], edges))
            return out

    def stats(self) -> GraphStats:
        """Counts of nodes by type, relationships by type, and documents (from SQLite)."""
        with self._lock:
            try:
                self._conn.execute("BEGIN")
                try:
                    version = self._db_version()
                    cached = self._cache.get("stats")
                    if cached is None or cached[0] != version:
                        cached = (version, self._count())
                        self._cache["stats"] = cached
                finally:
                    self._conn.execute("COMMIT")
            except sqlite3.Error as err:
                raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None
        counts = cached[1]
        return GraphStats(
            dict(counts.nodes), dict(counts.relationships), counts.documents, counts.last_update
        )

    def _count(self) -> GraphStats:
        """The counts, straight from the rows (inside the caller's read transaction)."""
        ranks = " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(types_by_specificity()))
        # SQLite takes ``type`` from the row holding MIN(rank): the most specific type.
        nodes = self._conn.execute(
            "SELECT type, COUNT(*) FROM (SELECT node_id, type, "
            f"MIN(CASE type {ranks} END) FROM mentions GROUP BY node_id) "
            "GROUP BY type ORDER BY type"
        ).fetchall()
        rels = self._conn.execute(
            "SELECT type, COUNT(*) FROM (SELECT DISTINCT src, type, dst FROM supports) "
            "GROUP BY type ORDER BY type"
        ).fetchall()
        documents = self._conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        row = self._conn.execute("SELECT value FROM meta WHERE key='updated_at'").fetchone()
        return GraphStats(
            nodes=dict(nodes),
            relationships=dict(rels),
            documents=int(documents),
            last_update=row[0] if row else None,
        )

    def documents(self) -> list[DocumentInfo]:
        """All source documents in the graph, by source."""
        with self._guard():
            rows = self._conn.execute(
                "SELECT source, doc, content_hash, lang, ingested_at, title FROM documents "
                "ORDER BY source"
            ).fetchall()
        return [DocumentInfo(*r) for r in rows]

    def merges(self) -> list[MergeRecord]:
        """The merge log, one record per (canonical id, name, method), best score kept."""
        with self._guard():
            rows = self._conn.execute(
                "SELECT canonical_id, name, method, MAX(score) FROM merges "
                "GROUP BY canonical_id, name, method ORDER BY canonical_id, name, method"
            ).fetchall()
        return [MergeRecord(*r) for r in rows]

    def iter_nodes(self, *, types: Sequence[str] = ()) -> Iterator[Node]:
        """Every entity node (optionally of some types, subtypes included), by id."""
        with self._lock:
            self._ready()
            wanted = expand_types(types) if types else None
            nodes = [
                n for _, n in sorted(self._nodes.items()) if wanted is None or n.type in wanted
            ]
        for node in nodes:
            yield _copy_node(node)

    def iter_edges(self, *, types: Sequence[str] = ()) -> Iterator[Edge]:
        """Every relationship (optionally of some types), by (source, type, target)."""
        with self._lock:
            self._ready()
            wanted = set(types)
            edges = [e for k, e in sorted(self._edges.items()) if not wanted or k[1] in wanted]
        for edge in edges:
            yield _copy_edge(edge)

    def version(self) -> str:
        """Changes whenever the graph changes, in this process or another."""
        with self._lock:
            try:
                return str(self._db_version())
            except sqlite3.Error as err:
                raise StoreUnavailable(f"embedded store at {self.path}: {err}") from None

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- row helpers -------------------------------------------------------------------------


def _loads(text: str) -> Any:
    if text == "{}":  # the common case, without the decoder
        return {}
    return [] if text == "[]" else json.loads(text)


def _mention(row: Sequence[Any]) -> Mention:
    _, source, type_, name, aliases, attributes = row
    return Mention(source, type_, name, tuple(_loads(aliases)), _loads(attributes))


def _support(row: Sequence[Any]) -> Support:
    _, _, _, source, evidence, confidence, amount, attributes = row
    return Support(source, evidence, confidence, amount, _loads(attributes))


def _without_repeats(items: list[_Prepared]) -> Iterator[list[_Prepared]]:
    """Consecutive runs of documents in which no source appears twice."""
    run: list[_Prepared] = []
    seen: set[str] = set()
    for item in items:
        if item.facts.source in seen:
            yield run
            run, seen = [], set()
        run.append(item)
        seen.add(item.facts.source)
    if run:
        yield run


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _copy_node(node: Node) -> Node:
    props = {k: (list(v) if isinstance(v, list) else v) for k, v in node.properties.items()}
    return Node(node.id, node.type, node.name, props)


def _copy_edge(edge: Edge) -> Edge:
    return Edge(edge.source, edge.target, edge.type, dict(edge.properties), list(edge.provenance))
