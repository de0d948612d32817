"""Responses built by hand: JSON serialised once, and CSV for the answers that are tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi.responses import Response
from pydantic_core import to_json


def json_response(content: Any) -> Response:
    """``content`` (plain data, dataclasses or models) as an ``application/json`` response,
    serialised once by pydantic's serialiser.

    Returning it instead makes FastAPI turn it into a dict, validate that against the
    route's response_model and serialise it again: three times the work on the hottest
    routes. Such a route still names its response_model, for the OpenAPI schema, and a
    test holds its JSON to that schema.
    """
    return Response(to_json(content), media_type="application/json")


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Any]], *, name: str) -> Response:
    """A ``text/csv`` response with a header row, offered for download as ``name``.csv."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}.csv"'},
    )


def joined(values: Iterable[str]) -> str:
    """Several values in one CSV cell, separated by "; "."""
    return "; ".join(values)
