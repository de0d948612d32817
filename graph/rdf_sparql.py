"""A read-only SPARQL view of the graph: an in-memory pyoxigraph store mirroring it.

The mirror is bulk-loaded from the same N-Triples stream as the dumps (data plus the
VoID/DCAT description) and reused until ``store.version()`` changes; then the next query
rebuilds it. Queries are parsed as queries only, so nothing can write to the mirror, and
they run with a deadline and a cap on the rows or triples returned.
"""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from innograph.graph.rdf import ExportOptions
from innograph.graph.rdf_export import dump_chunks
from innograph.graph.store import GraphStore

DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_RESULT_CAP = 10_000
# The keywords that start a SPARQL Update operation (after the prologue).
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


class SparqlError(ValueError):
    """A query that cannot be run: bad syntax (400) or an update (403)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class SparqlTimeout(SparqlError):
    """The query ran past its deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query took longer than {seconds:g} s and was stopped", 503)


@dataclass(slots=True)
class SelectResult:
    """Variables and rows (each a list of pyoxigraph terms or None); ``truncated`` at the cap."""

    variables: list[str]
    rows: list[list[Any]]
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


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request rather than a query."""
    return bool(_UPDATE.match(_strip_comments(text)))


def _strip_comments(text: str) -> str:
    return re.sub(r"(?m)#[^\n]*$", "", text) if "#" in text else text


class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of text chunks (to bulk-load without a copy)."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self.chunks = chunks
        self.buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self.buffer:
            chunk = next(self.chunks, None)
            if chunk is None:
                return 0
            self.buffer = chunk.encode("utf-8")
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size


class SparqlMirror:
    """The pyoxigraph mirror of one graph store, rebuilt when the graph's version changes."""

    def __init__(
        self,
        store: GraphStore,
        *,
        base: str,
        licence: str,
        publisher: str,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        cap: int = DEFAULT_RESULT_CAP,
        workers: int = 2,
    ) -> None:
        self.store = store
        self.base = base
        self.licence = licence
        self.publisher = publisher
        self.timeout = timeout
        self.cap = cap
        self._lock = threading.Lock()
        self._mirror: ox.Store | None = None
        self._version: str | None = None
        self.triples = 0
        self.rebuilds = 0
        # Queries run on worker threads so that a slow one can be abandoned at its deadline.
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")

    def current(self) -> ox.Store:
        """The mirror, rebuilt first if the graph changed since it was loaded."""
        version = self.store.version()
        with self._lock:
            if self._mirror is None or version != self._version:
                mirror = ox.Store()
                counter: list[int] = []
                chunks = dump_chunks(
                    self.store,
                    "nt",
                    ExportOptions(base=self.base),
                    licence=self.licence,
                    publisher=self.publisher,
                    counter=counter,
                )
                mirror.bulk_load(
                    io.BufferedReader(_ChunkReader(iter(chunks))), ox.RdfFormat.N_TRIPLES
                )
                self._mirror, self._version = mirror, version
                self.triples = counter[0] if counter else 0
                self.rebuilds += 1
            return self._mirror

    def query(self, text: str, *, cap: int | None = None) -> QueryResult:
        """Run a read-only query with the deadline and cap; SparqlError if it cannot run."""
        if is_update(text):
            raise SparqlError("SPARQL Update is not allowed: this endpoint is read-only", 403)
        mirror = self.current()
        deadline = time.monotonic() + self.timeout
        future = self._pool.submit(self._run, mirror, text, cap or self.cap, deadline)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise SparqlTimeout(self.timeout) from None

    def _run(self, mirror: ox.Store, text: str, cap: int, deadline: float) -> QueryResult:
        try:
            result = mirror.query(text, base_iri=f"{self.base}/")
        except SyntaxError as err:
            raise SparqlError(f"SPARQL syntax error: {err}") from None
        if isinstance(result, ox.QueryBoolean):
            return AskResult(bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows: list[list[Any]] = []
            for solution in result:
                if len(rows) >= cap:
                    return SelectResult(variables, rows, truncated=True)
                if time.monotonic() > deadline:
                    raise SparqlTimeout(self.timeout)
                rows.append([solution[i] for i in range(len(variables))])
            return SelectResult(variables, rows)
        graph = GraphResult()
        for triple in result:
            if len(graph.triples) >= cap:
                graph.truncated = True
                break
            if time.monotonic() > deadline:
                raise SparqlTimeout(self.timeout)
            graph.triples.append((str(triple.subject), str(triple.predicate), str(triple.object)))
        return graph

    def close(self) -> None:
        """Stop the worker threads (running queries finish on their own)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
