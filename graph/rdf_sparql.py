"""A read-only SPARQL view of the graph: a pyoxigraph store mirroring it.

The mirror is bulk-loaded (on disk, in a temporary folder) from the same N-Triples
stream as the dumps (with the EURIO-qualified form and the VoID/DCAT description), reused until
``store.version()`` changes; the next query then rebuilds it. Queries run in worker
processes that open the mirror read-only: nothing can write to it, and a query past its
deadline is stopped for real by ending its worker (a thread could only be abandoned,
still burning a core). Results stop at a cap and come back as N-Triples term strings.
"""

from __future__ import annotations

import io
import multiprocessing
import queue
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import pyoxigraph as ox
from innograph.graph.rdf import ExportOptions
from innograph.graph.rdf_export import dump_chunks
from innograph.graph.rdf_sparql_worker import (
    QueryResult,
    SparqlError,
    SparqlTimeout,
    worker_main,
)
from innograph.graph.store import GraphStore

DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_RESULT_CAP = 10_000
DEFAULT_WORKERS = 2
WORKER_START_SECONDS = 10.0
# Tokens of a query text: IRIs and strings are kept whole so a '#' inside them is no comment.
_TOKENS = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|#[^\n]*", re.S)
# The keywords that start a SPARQL Update operation (after the prologue).
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request rather than a query."""
    without_comments = _TOKENS.sub(lambda m: "" if m[0].startswith("#") else m[0], text)
    return bool(_UPDATE.match(without_comments))


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=5)
        self.conn.close()


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
    """The pyoxigraph mirror of one graph store and the workers that query it."""

    def __init__(
        self,
        store: GraphStore,
        *,
        base: str,
        licence: str,
        publisher: str,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        cap: int = DEFAULT_RESULT_CAP,
        workers: int = DEFAULT_WORKERS,
    ) -> None:
        self.store = store
        self.base = base
        self.licence = licence
        self.publisher = publisher
        self.timeout = timeout
        self.cap = cap
        self.triples = 0
        self.rebuilds = 0
        self._lock = threading.Lock()
        self._path: str | None = None
        self._retired: list[str] = []
        self._version: str | None = None
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(workers):
            self._idle.put(None)  # a slot; its worker starts on first use
        self._closed = False

    def current(self) -> str:
        """The folder of the mirror, rebuilt first if the graph changed since it was loaded."""
        version = self.store.version()
        with self._lock:
            if self._path is None or version != self._version:
                path = tempfile.mkdtemp(prefix="innograph-sparql-")
                mirror = ox.Store(path)
                counter: list[int] = []
                chunks = dump_chunks(
                    self.store,
                    "nt",
                    ExportOptions(base=self.base, eurio=True),
                    licence=self.licence,
                    publisher=self.publisher,
                    counter=counter,
                )
                mirror.bulk_load(
                    io.BufferedReader(_ChunkReader(iter(chunks))), ox.RdfFormat.N_TRIPLES
                )
                mirror.flush()
                del mirror
                if self._path:
                    self._retired.append(self._path)
                # A worker may still be reading the previous mirror; older ones can go.
                while len(self._retired) > 1:
                    shutil.rmtree(self._retired.pop(0), ignore_errors=True)
                self._path, self._version = path, version
                weakref.finalize(self, shutil.rmtree, path, True)
                self.triples = counter[0] if counter else 0
                self.rebuilds += 1
            return self._path

    def _start_worker(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=worker_main, args=(child,), daemon=True, name="innograph-sparql"
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        # Starting takes a moment (a new interpreter); that does not count against a query.
        if not parent.poll(WORKER_START_SECONDS) or parent.recv() != "ready":
            worker.stop(kill=True)
            raise SparqlError("the SPARQL worker did not start", 503)
        return worker

    def query(self, text: str, *, cap: int | None = None) -> QueryResult:
        """Run a read-only query with the deadline and cap; SparqlError if it cannot run."""
        if is_update(text):
            raise SparqlError("SPARQL Update is not allowed: this endpoint is read-only", 403)
        if self._closed:
            raise SparqlError("the SPARQL endpoint is shutting down", 503)
        path = self.current()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise SparqlError("the SPARQL endpoint is busy; try again shortly", 503) from None
        try:
            if worker is None or not worker.process.is_alive():
                worker = self._start_worker()
            worker.conn.send((path, text, self.base, cap or self.cap, self.timeout))
            if not worker.conn.poll(self.timeout):
                worker.stop(kill=True)
                worker = None
                raise SparqlTimeout(self.timeout)
            answer = worker.conn.recv()
        except (EOFError, OSError):
            if worker is not None:
                worker.stop(kill=True)
            worker = None
            raise SparqlError("the SPARQL worker stopped unexpectedly", 503) from None
        finally:
            self._idle.put(worker)
        if answer[0] == "ok":
            result: QueryResult = answer[1]
            return result
        _, status, message = answer
        if status == 503:
            raise SparqlTimeout(self.timeout)
        raise SparqlError(message, status)

    def close(self) -> None:
        """Stop the workers and delete the mirror's folder."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            if worker is not None:
                worker.stop()
        with self._lock:
            for path in [*self._retired, self._path]:
                if path:
                    shutil.rmtree(path, ignore_errors=True)
            self._path, self._retired = None, []
