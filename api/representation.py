"""Responses built by hand: JSON serialised once, and CSV for the answers that are tables.

The hot read routes (search, entities, neighbourhoods, collaborators, paths, suggestions)
build their answers as plain dicts with the helpers below, in the shape and field order
of their documented models in ``api/schemas.py``, and serialise them once. The tests hold
each such answer to its model byte for byte, so the two cannot drift.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from fastapi.responses import Response, StreamingResponse
from pydantic_core import to_json

from innograph.graph.types import DocumentInfo, Edge, Node, Provenance


def json_response(content: Any, headers: Mapping[str, str] | None = None) -> Response:
    """``content`` (plain data, dataclasses or models) as an ``application/json`` response,
    serialised once by pydantic's serialiser.

    Returning it instead makes FastAPI turn it into a dict, validate that against the
    route's response_model and serialise it again: three times the work on the hottest
    routes. Such a route still names its response_model, for the OpenAPI schema, and a
    test holds its JSON to that schema. A NaN or infinite float becomes null, as the
    models write it (JSON has no such numbers).
    """
    return Response(
        to_json(content, inf_nan_mode="null"), media_type="application/json", headers=headers
    )


def node_ref(node: Node) -> dict[str, Any]:
    """A node as ``NodeRef``: id, type and name."""
    return {"id": node.id, "type": node.type, "name": node.name}


def node_data(node: Node) -> dict[str, Any]:
    """A node as ``NodePublic``: with its properties (the store hands out copies)."""
    return {"id": node.id, "type": node.type, "name": node.name, "properties": node.properties}


def provenance_data(prov: Provenance) -> dict[str, Any]:
    """Provenance as ``ProvenancePublic``."""
    return {
        "document": prov.document,
        "evidence": prov.evidence,
        "confidence": float(prov.confidence),  # the model's type: 1 is written 1.0
    }


def edge_data(edge: Edge) -> dict[str, Any]:
    """A relationship as ``EdgePublic``."""
    return {
        "source": edge.source,
        "target": edge.target,
        "type": edge.type,
        "properties": edge.properties,
        "provenance": [provenance_data(p) for p in edge.provenance],
    }


def document_data(info: DocumentInfo) -> dict[str, Any]:
    """A stored document as ``DocumentPublic``."""
    return {
        "source": info.source,
        "doc": info.doc,
        "content_hash": info.content_hash,
        "lang": info.lang,
        "ingested_at": info.ingested_at,
        "title": info.title,
    }


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(...),
# +cmd|..., @SUM(...); tab and CR open DDE payloads in some): OWASP's CSV injection advice.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs: text that starts like a formula gets a leading
    single quote (shown, not evaluated); numbers, even negative ones, stay as they are."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_LEADS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


# Rows written per chunk of a streamed CSV: large enough that a chunk is not a syscall per
# row, small enough that the first bytes leave at once.
CSV_CHUNK_ROWS = 1000


def csv_lines(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, newline: str = "\n"
) -> Iterator[str]:
    """A CSV table in chunks of text: the header row, then :data:`CSV_CHUNK_ROWS` rows at a
    time, every cell :func:`spreadsheet_safe` (None is empty): the one CSV writer of the
    API, for whole answers and streamed ones alike."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow([spreadsheet_safe(h) for h in header])
    for number, row in enumerate(rows, 1):
        writer.writerow(["" if v is None else spreadsheet_safe(v) for v in row])
        if number % CSV_CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], *, newline: str = "\n") -> str:
    """A CSV table with a header row (see :func:`csv_lines`), as one string."""
    return "".join(csv_lines(header, rows, newline=newline))


def _csv_headers(name: str, extra: Mapping[str, str] | None) -> dict[str, str]:
    return {"Content-Disposition": f'inline; filename="{name}.csv"', **(extra or {})}


def csv_response(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    name: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A ``text/csv`` response with a header row, offered for download as ``name``.csv;
    ``headers`` adds to it (a page's ``Link`` and ``X-Total-Count``)."""
    return Response(
        csv_text(header, rows),
        media_type="text/csv; charset=utf-8",
        headers=_csv_headers(name, headers),
    )


def csv_stream(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, name: str, total: int
) -> StreamingResponse:
    """A whole list as CSV, written as it is sent (``rows`` may be a generator of any
    length; it runs in a worker thread, off the event loop), with ``X-Total-Count``:
    its ``total`` rows, so a client can tell a cut download from the whole."""
    return StreamingResponse(
        csv_lines(header, rows),  # Starlette runs a plain iterator in a worker thread
        media_type="text/csv; charset=utf-8",
        headers=_csv_headers(name, {"X-Total-Count": str(total)}),
    )


def joined(values: Iterable[str]) -> str:
    """Several values in one CSV cell, separated by "; "."""
    return "; ".join(values)
