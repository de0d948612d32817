"""RDF dumps of the whole graph (or a selection) with their VoID/DCAT description.

``dump_chunks`` yields text for HTTP streaming and for files (written by
:func:`innograph.graph.exchange.export.export_to_path`); it streams: memory does not grow
with the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from innograph.graph.rdf.describe import Block, DumpTally, ExportOptions, describe
from innograph.graph.rdf.terms import NS
from innograph.graph.rdf.void import DatasetInfo, void_blocks, with_figures
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
        modified=last_modified(store),
        selection_note=note,
    )


def tallied(blocks: Iterable[Block], tally: DumpTally, base: str) -> Iterator[Block]:
    """``blocks`` unchanged, counted into ``tally``.

    A block that opens with ``rdf:type`` introduces its subject (``describe`` keeps to
    this: blocks that only add a link to a subject already described do not open with a
    type), so the resources are counted without holding a set of them.
    """
    minted = f"<{base}/id/"
    for block in blocks:
        subject, pairs = block
        tally.triples += len(pairs)
        if pairs and pairs[0][0] == NS.type and subject.startswith(minted):
            tally.resources += 1
        yield block


def dump_figures(store: GraphStore, options: ExportOptions) -> DumpTally:
    """The data triples and minted resources of a dump of ``options``' selection."""
    tally = DumpTally()
    for _ in tallied(describe(store, options, tally), tally, options.base):
        pass
    return tally


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
    tally = DumpTally()

    def trailer(count: int) -> Iterator[Block]:
        if counter is not None:
            counter.append(count)
        return void_blocks(with_figures(info, count, tally.resources, cordis=tally.cordis))

    blocks = tallied(describe(store, options, tally), tally, options.base)
    return write_rdf(fmt, blocks, trailer, base=options.base)
