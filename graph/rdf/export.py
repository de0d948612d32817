"""RDF dumps of the whole graph (or a selection) with their VoID/DCAT description.

``dump_chunks`` yields text for HTTP streaming and for files (written by
:func:`innograph.graph.exchange.export.export_to_path`); it streams: memory does not grow
with the graph.
"""

from __future__ import annotations

from collections.abc import Iterator

from innograph.graph.rdf.describe import Block, ExportOptions, describe
from innograph.graph.rdf.void import DatasetInfo, void_blocks
from innograph.graph.rdf.writers import write_rdf
from innograph.graph.store import GraphStore


def last_modified(store: GraphStore) -> str | None:
    """When the graph last changed: the stats' last update, else the newest document."""
    stats = store.stats()
    if stats.last_update:
        return stats.last_update
    times = [doc.ingested_at for doc in store.documents() if doc.ingested_at]
    return max(times) if times else None


def dataset_info(
    store: GraphStore, options: ExportOptions, licence: str, publisher: str
) -> DatasetInfo:
    """The dataset description's facts for a dump of ``options``' selection."""
    whole = options.selection.everything
    note = None
    if not whole:
        sel = options.selection
        parts = [f"types {', '.join(sel.types)}"] if sel.types else []
        parts += [f"programme {sel.programme}"] if sel.programme else []
        parts += [f"region {sel.region}"] if sel.region else []
        note = "A selection of the innograph graph: " + "; ".join(parts) + "."
    return DatasetInfo(
        base=options.base,
        licence=licence,
        publisher=publisher,
        entities=store.stats().total_nodes if whole else None,
        modified=last_modified(store),
        selection_note=note,
    )


def dump_chunks(
    store: GraphStore,
    fmt: str,
    options: ExportOptions,
    *,
    licence: str,
    publisher: str,
    counter: list[int] | None = None,
) -> Iterator[str]:
    """The RDF dump as text chunks, its VoID/DCAT description appended at the end.

    ``counter``, when given, receives the number of data triples once they are written.
    """
    info = dataset_info(store, options, licence, publisher)

    def trailer(count: int) -> Iterator[Block]:
        if counter is not None:
            counter.append(count)
        info_with_count = DatasetInfo(
            base=info.base,
            licence=info.licence,
            publisher=info.publisher,
            triples=count,
            entities=info.entities,
            modified=info.modified,
            selection_note=info.selection_note,
        )
        return void_blocks(info_with_count)

    return write_rdf(fmt, describe(store, options), trailer, base=options.base)
