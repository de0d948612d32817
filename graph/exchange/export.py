"""Whole-graph exports to a file: RDF (with its VoID/DCAT description), GraphML, GEXF,
neo4j-admin CSV.

``export_to_path`` writes a file (or, for CSV, a folder), optionally gzip-compressed; it
streams, so memory does not grow with the graph.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from innograph.graph.exchange.network import NETWORK_FORMATS, write_csv_folder, write_network
from innograph.graph.rdf.describe import ExportOptions
from innograph.graph.rdf.export import dump_chunks
from innograph.graph.rdf.writers import RDF_FORMATS
from innograph.graph.store import GraphStore

EXPORT_FORMATS: tuple[str, ...] = (*RDF_FORMATS, *NETWORK_FORMATS, "csv")


@dataclass(slots=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    triples: int | None = None  # data triples, for RDF formats
    files: int = 1


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
