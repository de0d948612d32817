"""Responses built by hand: JSON serialised once, and CSV for the answers that are tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel


def json_response(model: BaseModel) -> Response:
    """``model`` as an ``application/json`` response, serialised once by pydantic.

    Returning the model instead makes FastAPI dump it to a dict, validate that against
    the route's response_model and serialise it again: three times the work on the
    hottest routes. The route still names its response_model for the OpenAPI schema.
    """
    return Response(model.model_dump_json(), media_type="application/json")


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
