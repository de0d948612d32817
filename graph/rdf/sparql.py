"""A read-only SPARQL view of the graph: a pyoxigraph store mirroring it.

The mirror is the same N-Triples stream as the dumps (with the EURIO-qualified form and
the VoID/DCAT description), written to a temporary file and bulk-loaded into an
in-memory pyoxigraph store by each worker process; it is reused until
``store.version()`` changes, and the next query then rebuilds it. Queries are parsed as
queries only, so nothing writes to the mirror, and one past its deadline is stopped
for real by ending its worker (a thread could only be abandoned, still burning a core).
Results stop at a cap and come back as N-Triples term strings.
"""

from __future__ import annotations

import multiprocessing
import queue
import re
import tempfile
import threading
import weakref
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from innograph.graph.rdf.describe import ExportOptions
from innograph.graph.rdf.export import dump_chunks
from innograph.graph.rdf.sparql_worker import (
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
LOAD_SECONDS = 600.0  # loading a large graph into a worker (not a query's time)
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
    loaded: str | None = None  # the mirror file this worker holds in memory

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


def _unlink(path: str) -> None:
    Path(path).unlink(missing_ok=True)


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
        self._version: str | None = None
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(workers):
            self._idle.put(None)  # a slot; its worker starts on first use
        self._closed = False

    def current(self) -> str:
        """The mirror's N-Triples file, rewritten first if the graph changed since."""
        version = self.store.version()
        with self._lock:
            if self._path is None or version != self._version:
                handle, path = tempfile.mkstemp(prefix="innograph-sparql-", suffix=".nt")
                counter: list[int] = []
                chunks = dump_chunks(
                    self.store,
                    "nt",
                    ExportOptions(base=self.base, eurio=True),
                    licence=self.licence,
                    publisher=self.publisher,
                    counter=counter,
                )
                with open(handle, "w", encoding="utf-8") as out:
                    for chunk in chunks:
                        out.write(chunk)
                if self._path:
                    Path(self._path).unlink(missing_ok=True)  # loaded copies live on
                self._path, self._version = path, version
                weakref.finalize(self, _unlink, path)
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

    def _load(self, worker: _Worker, path: str) -> None:
        """Load the mirror into a worker; loading does not count against a query."""
        worker.conn.send(("load", path))
        if not worker.conn.poll(LOAD_SECONDS):
            raise OSError("the SPARQL worker did not load the graph in time")
        answer = worker.conn.recv()
        if answer[0] != "loaded":
            raise OSError(answer[2])
        worker.loaded = path

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
            if worker.loaded != path:
                self._load(worker, path)
            worker.conn.send(("query", text, self.base, cap or self.cap, self.timeout))
            if not worker.conn.poll(self.timeout):
                worker.stop(kill=True)
                worker = None
                raise SparqlTimeout(self.timeout)
            answer = worker.conn.recv()
        except (EOFError, OSError) as err:
            if worker is not None:
                worker.stop(kill=True)
            worker = None
            reason = str(err) or "it stopped unexpectedly"
            raise SparqlError(f"the SPARQL worker failed: {reason}", 503) from None
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
            if self._path:
                _unlink(self._path)
            self._path = None
