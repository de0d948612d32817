"""A read-only SPARQL view of the graph: a pyoxigraph store mirroring it.

The mirror is the same N-Triples stream as the dumps (with the EURIO-qualified form and
the VoID/DCAT description), written to a file in a private temporary folder and
bulk-loaded into an in-memory pyoxigraph store by each worker process, as the named
graph ``data_graph_iri(base)``; it is reused until ``store.version()`` changes, and the
next query then rebuilds it. Queries are parsed as queries only, so nothing writes to
the mirror; SERVICE is refused and the workers have no network (``sparql_worker``). One
past its deadline is stopped for real by ending its worker (a thread could only be
abandoned, still burning a core). Results stop at a cap and come back as N-Triples term
strings. ``close`` (the app's shutdown) stops the workers and deletes the folder; the
folders of servers that were killed are swept when the next mirror starts.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from innograph.graph.rdf.describe import Block, ExportOptions, Pair
from innograph.graph.rdf.export import dump_chunks
from innograph.graph.rdf.sparql_worker import (
    Dataset,
    QueryResult,
    SparqlError,
    SparqlTimeout,
    worker_main,
)
from innograph.graph.rdf.terms import DCTERMS_NS, NS, VOID_NS, integer, iri
from innograph.graph.rdf.void import DUMP_PATH, dataset_iri
from innograph.graph.store import GraphStore

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_RESULT_CAP = 10_000
DEFAULT_WORKERS = 2
WORKER_START_SECONDS = 10.0
LOAD_SECONDS = 600.0  # loading a large graph into a worker (not a query's time)
TEMP_PREFIX = "innograph-sparql-"
# Tokens of a query text: IRIs and strings are kept whole so a '#' inside them is no comment.
_TOKENS = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|#[^\n]*", re.S)
# The keywords that start a SPARQL Update operation (after the prologue).
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request rather than a query (a quick look
    before the worker parses it; the worker refuses updates as well)."""
    without_comments = _TOKENS.sub(lambda m: "" if m[0].startswith("#") else m[0], text)
    return bool(_UPDATE.match(without_comments))


def data_graph_iri(base: str) -> str:
    """The name of the graph that holds the data in the SPARQL dataset: the graph whose
    dumps are ``/dumps/innograph.{ext}``."""
    return f"{base}{DUMP_PATH}"


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


def _remove(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def sweep_stale_folders(temp_dir: str | None = None) -> list[str]:
    """Delete the mirror folders of servers that died without shutting down (killed, so
    neither the app's shutdown nor the interpreter's exit ran); the folders removed."""
    removed = []
    for folder in Path(temp_dir or tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        match = re.match(rf"{TEMP_PREFIX}(\d+)-", folder.name)
        if match and folder.is_dir() and not _alive(int(match[1])):
            _remove(str(folder))
            removed.append(str(folder))
    return removed


class SparqlMirror:
    """The pyoxigraph mirror of one graph store and the workers that query it.

    ``extra_graphs`` (graph IRI -> RDF file) are loaded as further named graphs beside
    the data, e.g. reference data or the W3C protocol tests' graphs.
    """

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
        extra_graphs: Mapping[str, Path] | None = None,
    ) -> None:
        self.store = store
        self.base = base
        self.licence = licence
        self.publisher = publisher
        self.timeout = timeout
        self.cap = cap
        self.triples = 0
        self.rebuilds = 0
        self.extra_graphs = dict(extra_graphs or {})
        self._lock = threading.Lock()
        self._folder: str | None = None
        self._path: str | None = None
        self._version: str | None = None
        self._load_error: tuple[str, str] | None = None  # (path, message) of a failed load
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(workers):
            self._idle.put(None)  # a slot; its worker starts on first use
        self._closed = False
        self._warned = False

    @property
    def folder(self) -> str | None:
        """The temporary folder of the mirror's file (None before the first query)."""
        return self._folder

    def current(self) -> str:
        """The mirror's N-Triples file, rewritten first if the graph changed since."""
        version = self.store.version()
        with self._lock:
            if self._closed:
                raise SparqlError("the SPARQL endpoint is shutting down", 503, temporary=True)
            if self._folder is None:
                sweep_stale_folders()
                # The server's pid in the name tells a later server whether it is gone.
                self._folder = tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-")
                weakref.finalize(self, _remove, self._folder)  # also at interpreter exit
            if self._path is None or version != self._version:
                handle, path = tempfile.mkstemp(suffix=".nt", dir=self._folder)
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
        ready = parent.recv() if parent.poll(WORKER_START_SECONDS) else None
        if not isinstance(ready, tuple) or ready[0] != "ready":
            worker.stop(kill=True)
            raise SparqlError("the SPARQL worker did not start", 503, temporary=True)
        if ready[1] != "seccomp" and not self._warned:
            self._warned = True
            log.warning(
                "libseccomp not found: SPARQL workers keep their network to pyoxigraph; "
                "SERVICE is still refused by the query check"
            )
        return worker

    def _load(self, worker: _Worker, path: str) -> None:
        """Load the mirror into a worker; loading does not count against a query.

        A file that does not load (bad data) is a 500 naming the problem, remembered for
        this version of the graph so that each query does not load it again.
        """
        if self._load_error is not None and self._load_error[0] == path:
            raise SparqlError(self._load_error[1], 500)
        files = [(path, data_graph_iri(self.base))]
        files += [(str(file), graph) for graph, file in self.extra_graphs.items()]
        worker.conn.send(("load", files))
        if not worker.conn.poll(LOAD_SECONDS):
            raise OSError("the SPARQL worker did not load the graph in time")
        answer = worker.conn.recv()
        if answer[0] != "loaded":
            reason = str(answer[1]).replace(path, "the graph's N-Triples")  # no server paths
            message = f"the graph could not be loaded for SPARQL (a data error): {reason}"
            self._load_error = (path, message)
            raise SparqlError(message, 500)
        worker.loaded = path

    def query(
        self, text: str, *, cap: int | None = None, dataset: Dataset | None = None
    ) -> QueryResult:
        """Run a read-only query with the deadline and cap; SparqlError if it cannot run."""
        if is_update(text):
            raise SparqlError("SPARQL Update is not allowed: this endpoint is read-only", 403)
        path = self.current()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise SparqlError(
                "the SPARQL endpoint is busy; try again shortly", 503, temporary=True
            ) from None
        try:
            if worker is None or not worker.process.is_alive():
                worker = self._start_worker()
            if worker.loaded != path:
                self._load(worker, path)
            job = ("query", text, self.base, cap or self.cap, self.timeout, dataset or Dataset())
            worker.conn.send(job)
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
            raise SparqlError(f"the SPARQL worker failed: {reason}", 503, temporary=True) from None
        finally:
            if self._closed and worker is not None:
                worker.stop()  # the app shut down while this query ran
                worker = None
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
        with self._lock:
            self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            if worker is not None:
                worker.stop()
        with self._lock:
            if self._folder:
                _remove(self._folder)
            self._folder = self._path = None


# -- the SPARQL 1.1 Service Description -----------------------------------------------------

SD_NS = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
# The result formats the endpoint writes (W3C's IRIs for them).
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(base: str, triples: int | None = None) -> list[Block]:
    """The endpoint's SPARQL 1.1 Service Description: a read-only SPARQL 1.1 Query
    service over one named graph (the data), which is also the default graph (union)."""
    endpoint = f"{base}/sparql"
    dataset, named, graph = (f"{endpoint}#dataset", f"{endpoint}#data", f"{endpoint}#graph")
    service: list[Pair] = [
        (NS.type, iri(SD_NS + "Service")),
        (iri(SD_NS + "endpoint"), iri(endpoint)),
        (iri(SD_NS + "supportedLanguage"), iri(SD_NS + "SPARQL11Query")),
        (iri(SD_NS + "feature"), iri(SD_NS + "UnionDefaultGraph")),
        (iri(SD_NS + "defaultDataset"), iri(dataset)),
    ]
    service += [(iri(SD_NS + "resultFormat"), iri(FORMATS_NS + f)) for f in RESULT_FORMATS]
    description: list[Pair] = [
        (NS.type, iri(SD_NS + "Graph")),
        (iri(DCTERMS_NS + "source"), iri(dataset_iri(base))),
    ]
    if triples is not None:
        description.append((iri(VOID_NS + "triples"), integer(triples)))
    return [
        (iri(endpoint), service),
        (
            iri(dataset),
            [
                (NS.type, iri(SD_NS + "Dataset")),
                (iri(SD_NS + "namedGraph"), iri(named)),
            ],
        ),
        (
            iri(named),
            [
                (NS.type, iri(SD_NS + "NamedGraph")),
                (iri(SD_NS + "name"), iri(data_graph_iri(base))),
                (iri(SD_NS + "graph"), iri(graph)),
            ],
        ),
        (iri(graph), description),
    ]
