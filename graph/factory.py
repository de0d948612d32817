"""Choose the graph store from the settings: Neo4j when configured, else the embedded one."""

from __future__ import annotations

from innograph.config import Settings
from innograph.graph.store import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """The configured store: Neo4j when ``INNOGRAPH_NEO4J_URI`` is set, else embedded.

    Raises StoreUnavailable (one line, naming the URI or folder) when it cannot be opened.
    """
    if settings.uses_neo4j:
        # Imported here so the embedded default never needs the Neo4j driver loaded.
        from innograph.graph.neo4j.store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from innograph.graph.embedded.store import EmbeddedStore

    return EmbeddedStore(settings.store_dir)
