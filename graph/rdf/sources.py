"""Which documents each entity derives from, for the RDF export's prov:wasDerivedFrom.

The GraphStore interface answers this per entity through ``get_entity``, which also
copies the entity's relations: the slowest part of a dump. So the exporter asks, in
order: the node's own ``sources`` property; a backend's optional ``node_sources(id)``;
a backend's optional ``sources_by_entity()``, every entity's sources in id order in one
pass (the embedded store reads its mentions table), merged with the node stream (nodes
arrive in id order too), so memory stays flat; and only then ``get_entity``. Every path
gives the same answer (tests/test_rdf_export.py). Backends are asked through these
optional methods, never imported: linked data depends on the store interface alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from innograph.graph.errors import EntityNotFound
from innograph.graph.store import GraphStore
from innograph.graph.types import Node


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
        self._rows: Iterator[tuple[str, list[str] | None]] | None = None
        self._pending: tuple[str, list[str] | None] | None = None
        self._last_id = ""
        self._open_mentions()

    def _open_mentions(self) -> None:
        """The backend's entity sources in id order, when it offers them."""
        if callable(getattr(self.store, "node_sources", None)):
            return
        opener = getattr(self.store, "sources_by_entity", None)
        if callable(opener):
            self._rows = opener()

    def _from_mentions(self, entity_id: str) -> list[str] | None:
        if self._rows is None or entity_id < self._last_id:
            return None  # out of order: the merge cannot serve it
        self._last_id = entity_id
        row = self._pending or next(self._rows, None)
        while row is not None and row[0] < entity_id:
            row = next(self._rows, None)
        if row is None or row[0] > entity_id:
            self._pending = row
            return []
        self._pending = None
        # None: the backend cannot tell this entity's sources apart; ask the store.
        return row[1]

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
        """Let go of the backend's rows (closing what it opened for them), if any."""
        rows, self._rows = self._rows, None
        close = getattr(rows, "close", None)
        if callable(close):
            close()
