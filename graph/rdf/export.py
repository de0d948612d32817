"""Whole-graph dumps: RDF (with its VoID/DCAT description), GraphML, GEXF, neo4j-admin CSV.

``dump_chunks`` yields text for HTTP streaming; ``export_to_path`` writes a file (or, for
CSV, a folder), optionally gzip-compressed. Both stream: memory does not grow with the
graph.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from innograph.graph.exchange.network import NETWORK_FORMATS, write_csv_folder, write_network
from innograph.graph.rdf.describe import Block, ExportOptions, describe
from innograph.graph.rdf.void import DatasetInfo, void_blocks
from innograph.graph.rdf.writers import RDF_FORMATS, write_rdf
from innograph.graph.store import GraphStore

EXPORT_FORMATS: tuple[str, ...] = (*RDF_FORMATS, *NETWORK_FORMATS, "csv")


@dataclass(slots=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    triples: int | None = None  # data triples, for RDF formats
    files: int = 1


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


def _open_text(path: Path, compress: bool) -> IO[str]:
    if compress:
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=6)
    return path.open("w", encoding="utf-8")


def export_to_path(
    store: GraphStore,
    fmt: str,
    out: Path,
    options: ExportOptions,
    *,
    licence: str,
    publisher: str,
    compress: bool = False,
) -> ExportResult:
    """Write the (selected) graph to ``out`` in ``fmt``; ``.gz`` is appended when compressing
    unless already there. For "csv", ``out`` is a folder of neo4j-admin import files."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    if fmt == "csv":
        files = write_csv_folder(store, out, options, compress=compress)
        return ExportResult(path=out, format=fmt, files=files)
    if compress and out.suffix != ".gz":
        out = out.with_name(out.name + ".gz")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    counter: list[int] = []
    try:
        with _open_text(partial, compress) as handle:
            if fmt in RDF_FORMATS:
                chunks = dump_chunks(
                    store, fmt, options, licence=licence, publisher=publisher, counter=counter
                )
            else:
                chunks = write_network(fmt, store, options)
            for chunk in chunks:
                handle.write(chunk)
        partial.replace(out)  # only a finished export takes the name
    finally:
        partial.unlink(missing_ok=True)
    return ExportResult(path=out, format=fmt, triples=counter[0] if counter else None)
