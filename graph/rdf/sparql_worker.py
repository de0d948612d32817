"""The SPARQL worker process: holds the mirror in memory and answers queries.

Kept apart from ``graph.rdf.sparql`` so that a worker starts quickly: it imports only
pyoxigraph and the standard library.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox


class SparqlError(ValueError):
    """A query that cannot be run: bad syntax (400), an update (403), too slow (503)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class SparqlTimeout(SparqlError):
    """The query ran past its deadline and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query took longer than {seconds:g} s and was stopped", 503)


@dataclass(slots=True)
class SelectResult:
    """Variables and rows; each value an N-Triples term string or None (unbound)."""

    variables: list[str]
    rows: list[list[str | None]]
    truncated: bool = False


@dataclass(slots=True)
class GraphResult:
    """Triples of a CONSTRUCT or DESCRIBE, as N-Triples term strings."""

    triples: list[tuple[str, str, str]] = field(default_factory=list)
    truncated: bool = False


@dataclass(slots=True)
class AskResult:
    """The answer of an ASK query."""

    value: bool


QueryResult = SelectResult | GraphResult | AskResult


# -- the worker process -------------------------------------------------------------------


def run_query(store: ox.Store, text: str, base: str, cap: int, deadline: float) -> QueryResult:
    """Run one query on an open store: capped, stopping between rows at the deadline."""
    try:
        result = store.query(text, base_iri=f"{base}/")
    except SyntaxError as err:
        raise SparqlError(f"SPARQL syntax error: {err}") from None
    if isinstance(result, ox.QueryBoolean):
        return AskResult(bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows: list[list[str | None]] = []
        for solution in result:
            if len(rows) >= cap:
                return SelectResult(variables, rows, truncated=True)
            if time.monotonic() > deadline:
                raise SparqlError("deadline", 503)
            rows.append([None if v is None else str(v) for v in solution])
        return SelectResult(variables, rows)
    graph = GraphResult()
    for triple in result:
        if len(graph.triples) >= cap:
            graph.truncated = True
            break
        if time.monotonic() > deadline:
            raise SparqlError("deadline", 503)
        graph.triples.append((str(triple.subject), str(triple.predicate), str(triple.object)))
    return graph


def worker_main(conn: Connection) -> None:
    """A worker's loop: load the mirror's N-Triples into memory when told, answer queries.

    Jobs: ``("load", path)`` -> ``("loaded", triples)``; ``("query", text, base, cap,
    seconds)`` -> ``("ok", result)`` or ``("error", status, message)``; ``None`` stops.
    """
    store: ox.Store | None = None
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        answer: Any
        try:
            if job[0] == "load":
                store = None  # free the previous copy first
                store = ox.Store()
                store.bulk_load(path=job[1], format=ox.RdfFormat.N_TRIPLES)
                answer = ("loaded", len(store))
            elif store is None:
                answer = ("error", 503, "the SPARQL store is not loaded")
            else:
                _, text, base, cap, seconds = job
                answer = ("ok", run_query(store, text, base, cap, time.monotonic() + seconds))
        except SparqlError as err:
            answer = ("error", err.status, str(err))
        except Exception as err:  # a broken mirror file or store: say so in one line
            answer = ("error", 500, f"the SPARQL store failed: {err}")
        conn.send(answer)
