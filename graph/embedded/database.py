"""The embedded store's SQLite database: the durable source of truth.

What each document says about each node (``mentions``), each relationship it supports
(``supports``), its merge decisions and the document itself, all written in one
transaction per document batch (WAL mode), so a ``kill -9`` in the middle of an ingest
loses at most the batch being written and never leaves half of it. Every write bumps a
version counter and logs the node ids and relationship keys it touched (``changes``), so
that an open store (in this process or another) can catch up with just those.

:class:`Database` holds the connection and every statement; it knows nothing of the
in-memory graph (:mod:`.memory`), which :class:`~.store.EmbeddedStore` builds from it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from innograph.graph.algorithms import (
    Mention,
    Support,
    normalise_document,
    stable_json,
    types_by_specificity,
)
from innograph.graph.errors import InvalidFact, StoreUnavailable
from innograph.graph.types import DocumentInfo, GraphStats, IngestResult
from innograph.ontology.facts import REFUSED, DocumentFacts, MergeRecord

DB_NAME = "graph.sqlite"
SCHEMA_VERSION = "1"
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
_SEPARATOR = "\x1f"  # between an entity's sources in the grouped rows


@dataclass(slots=True)
class Prepared:
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


def prepare(facts: DocumentFacts) -> Prepared:
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
    return Prepared(facts, mentions, supports, merges)


class Database:
    """The SQLite database of an embedded store, in the folder ``path``.

    Not locked: :class:`~.store.EmbeddedStore` serialises its use. Methods named
    ``*_in_read`` run inside the caller's :meth:`reading` transaction.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
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

    # -- reading ------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: what is read inside it is one version of the graph."""
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def version(self) -> int:
        """The version counter: bumped by every write."""
        row = self._conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        return int(row[0]) if row else 0

    def changes_since(self, old: int, new: int) -> tuple[set[str], set[EdgeKey]] | None:
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

    def all_mentions(self) -> Iterator[tuple[str, list[Mention]]]:
        """Every node's mentions, by node id."""
        rows = self._conn.execute(
            "SELECT node_id, source, type, name, aliases, attributes FROM mentions ORDER BY node_id"
        )
        for node_id, group in groupby(rows, key=itemgetter(0)):
            yield node_id, [_mention(r) for r in group]

    def all_supports(self) -> Iterator[tuple[EdgeKey, list[Support]]]:
        """Every relationship's supports, by (source, type, target)."""
        rows = self._conn.execute(
            "SELECT src, type, dst, source, evidence, confidence, amount_eur, attributes "
            "FROM supports ORDER BY src, type, dst"
        )
        for key, group in groupby(rows, key=itemgetter(0, 1, 2)):
            yield key, [_support(r) for r in group]

    def mentions_of(self, ids: Sequence[str]) -> dict[str, list[Mention]]:
        """The mentions of these nodes."""
        mentions: dict[str, list[Mention]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(
                "SELECT node_id, source, type, name, aliases, attributes FROM mentions "
                f"WHERE node_id IN ({marks})",
                chunk,
            ):
                mentions.setdefault(row[0], []).append(_mention(row))
        return mentions

    def supports_of(self, keys: Sequence[EdgeKey]) -> dict[EdgeKey, list[Support]]:
        """The supports of these relationships."""
        supports: dict[EdgeKey, list[Support]] = {}
        for chunk_keys in _chunks(keys):
            marks = ",".join(["(?,?,?)"] * len(chunk_keys))
            flat = [v for k in chunk_keys for v in k]
            for row in self._conn.execute(
                "SELECT src, type, dst, source, evidence, confidence, amount_eur, "
                f"attributes FROM supports WHERE (src, type, dst) IN (VALUES {marks})",
                flat,
            ):
                supports.setdefault((row[0], row[1], row[2]), []).append(_support(row))
        return supports

    def documents_of(self, entity_id: str) -> list[DocumentInfo]:
        """The documents mentioning an entity, by source."""
        rows = self._conn.execute(
            "SELECT d.source, d.doc, d.content_hash, d.lang, d.ingested_at, d.title "
            "FROM mentions m JOIN documents d ON d.source = m.source "
            "WHERE m.node_id=? ORDER BY d.source",
            (entity_id,),
        ).fetchall()
        return [DocumentInfo(*r) for r in rows]

    def count_in_read(self) -> GraphStats:
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
        """All source documents, by source."""
        rows = self._conn.execute(
            "SELECT source, doc, content_hash, lang, ingested_at, title FROM documents "
            "ORDER BY source"
        ).fetchall()
        return [DocumentInfo(*r) for r in rows]

    def merges(self, *, refusals: bool = False) -> list[MergeRecord]:
        """The merge log, one record per (canonical id, name, method), best score kept;
        refusals to merge only when asked for."""
        where = "" if refusals else f"WHERE method NOT LIKE '{REFUSED}%' "
        rows = self._conn.execute(
            f"SELECT canonical_id, name, method, MAX(score) FROM merges {where}"
            "GROUP BY canonical_id, name, method ORDER BY canonical_id, name, method"
        ).fetchall()
        return [MergeRecord(*r) for r in rows]

    def has_documents(self) -> bool:
        """Whether any document is stored."""
        return self._conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None

    def sources_by_entity(self) -> Iterator[tuple[str, list[str] | None]] | None:
        """Each entity's document sources in id order, on a read-only connection of its
        own (None when it cannot be opened); None for an entity whose sources cannot be
        told apart (a source holding U+001F). Ends early if the database fails."""
        db = self.path / DB_NAME
        if not db.is_file():
            return None
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            # One row per entity, grouped by SQLite along the (node_id, source) key.
            cursor = conn.execute(
                "SELECT node_id, COUNT(*), group_concat(source, char(31)) FROM mentions "
                "GROUP BY node_id ORDER BY node_id"
            )
        except sqlite3.Error:
            conn.close()  # another schema: the caller uses the interface instead
            return None
        return _grouped_sources(conn, cursor)

    # -- writing ------------------------------------------------------------------------

    def write(self, prepared: list[Prepared]) -> list[IngestResult]:
        """Write prepared documents in one transaction."""
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
        segment: list[Prepared],
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
        version = self.version() + 1
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
        """Retract one document's rows in one transaction; False if it was not stored."""
        touched_edges: set[EdgeKey] = set()
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            found = (
                self._conn.execute("SELECT 1 FROM documents WHERE source=?", (source,)).fetchone()
                is not None
            )
            if found:
                nodes = self._retract(source, touched_edges)
                self._bump(_now(), set(nodes), touched_edges)
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        return found

    def wipe(self) -> None:
        """Delete every row in one transaction."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for table in ("mentions", "supports", "merges", "documents"):
                self._conn.execute(f"DELETE FROM {table}")
            self._bump(_now(), None, None)
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


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


def _grouped_sources(
    conn: sqlite3.Connection, cursor: sqlite3.Cursor
) -> Iterator[tuple[str, list[str] | None]]:
    """(entity id, its sources or None when ambiguous) from the grouped rows; closes
    ``conn`` when done, closed or failed."""
    try:
        for node_id, count, joined in cursor:
            sources: list[str] = joined.split(_SEPARATOR)
            # A source holding the separator itself splits into too many: ask the store.
            yield node_id, (sources if len(sources) == count else None)
    except sqlite3.Error:
        return
    finally:
        conn.close()


def _without_repeats(items: list[Prepared]) -> Iterator[list[Prepared]]:
    """Consecutive runs of documents in which no source appears twice."""
    run: list[Prepared] = []
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
