"""Which documents each entity derives from, for the RDF export's prov:wasDerivedFrom.

The GraphStore interface answers this per entity through ``get_entity``, which also
copies the entity's relations: the slowest part of a dump. So the exporter asks, in
order: the node's own ``sources`` property; a backend's optional ``node_sources(id)``;
for the embedded store, one read-only pass over its mentions table in id order, merged
with the node stream (nodes arrive in id order too), so memory stays flat; and only
then ``get_entity``. Every path gives the same answer (tests/test_rdf_export.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from innograph.graph.errors import EntityNotFound
from innograph.graph.store import GraphStore
from innograph.graph.types import Node

_SEPARATOR = "\x1f"  # between an entity's sources in the grouped rows


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value if v is not None and v != ""]
    return [str(value)]


class EntitySources:
    """Looks up entities' document sources; call it with nodes in ascending id order."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._rows: Iterator[tuple[str, int, str]] | None = None
        self._pending: tuple[str, int, str] | None = None
        self._last_id = ""
        self._conn: sqlite3.Connection | None = None
        self._open_mentions()

    def _open_mentions(self) -> None:
        """The embedded store's mentions, in id order, on a read-only connection."""
        folder = getattr(self.store, "path", None)
        if not isinstance(folder, Path) or callable(getattr(self.store, "node_sources", None)):
            return
        from innograph.graph.embedded.store import DB_NAME

        db = folder / DB_NAME
        if not db.is_file():
            return
        try:
            self._conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
            # One row per entity, grouped by SQLite along the (node_id, source) key.
            cursor = self._conn.execute(
                "SELECT node_id, COUNT(*), group_concat(source, char(31)) FROM mentions "
                "GROUP BY node_id ORDER BY node_id"
            )
        except sqlite3.Error:
            self.close()  # another schema: use the interface instead
            return
        self._rows = iter(cursor)

    def _from_mentions(self, entity_id: str) -> list[str] | None:
        if self._rows is None or entity_id < self._last_id:
            return None  # out of order: the merge cannot serve it
        self._last_id = entity_id
        try:
            row = self._pending or next(self._rows, None)
            while row is not None and row[0] < entity_id:
                row = next(self._rows, None)
        except sqlite3.Error:
            self.close()
            return None
        if row is None or row[0] > entity_id:
            self._pending = row
            return []
        self._pending = None
        sources: list[str] = row[2].split(_SEPARATOR)
        # A source holding the separator itself splits into too many: ask the store.
        return sources if len(sources) == row[1] else None

    def __call__(self, node: Node) -> list[str]:
        """The sources of the documents ``node`` derives from."""
        listed = node.properties.get("sources")
        if listed:
            return _as_list(listed)
        lookup = getattr(self.store, "node_sources", None)
        if callable(lookup):
            return _as_list(lookup(node.id))
        fast = self._from_mentions(node.id)
        if fast:  # an entity always has a mention; none found means ask the store
            return fast
        try:
            return [doc.source for doc in self.store.get_entity(node.id).documents]
        except EntityNotFound:
            return []

    def close(self) -> None:
        """Close the read-only connection, if any."""
        self._rows = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
