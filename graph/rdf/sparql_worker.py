"""The SPARQL worker process: holds the mirror in memory and answers queries.

Kept apart from ``graph.rdf.sparql`` so that a worker starts quickly: it imports only
pyoxigraph, rdflib's SPARQL parser and the standard library.

A worker has no network (``block_network``, before it reads any job): pyoxigraph would
otherwise send a ``SERVICE <url>`` clause of an anonymous query to that URL, internal
ones included. Such queries are refused before they run (``check_query``, on the query
parsed by rdflib into SPARQL algebra); the block is the second line of defence.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import socket
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate


class SparqlError(ValueError):
    """A query that cannot be run: bad syntax or SERVICE (400), an update (403), a broken
    mirror (500), an endpoint that cannot take it now (503).

    ``temporary`` says that the same request may well succeed shortly (busy workers, a
    worker that died): only then does the HTTP answer carry Retry-After.
    """

    def __init__(self, message: str, status: int = 400, *, temporary: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.temporary = temporary


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


@dataclass(frozen=True, slots=True)
class Dataset:
    """The RDF dataset of the SPARQL 1.1 Protocol's ``default-graph-uri`` and
    ``named-graph-uri``; when either is given it replaces the query's FROM clauses."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


# -- no network ---------------------------------------------------------------------------

# libseccomp's constants (seccomp.h): allow by default; fail a call with an errno.
_SCMP_ACT_ALLOW = 0x7FFF0000
_SCMP_ACT_ERRNO = 0x00050000
_SCMP_CMP_NE = 1


class _ArgCmp(ctypes.Structure):
    """libseccomp's ``struct scmp_arg_cmp``."""

    _fields_ = [
        ("arg", ctypes.c_uint),
        ("op", ctypes.c_int),
        ("datum_a", ctypes.c_uint64),
        ("datum_b", ctypes.c_uint64),
    ]


def _seccomp_no_sockets() -> bool:
    """Make the kernel refuse this process any socket but a Unix one (pyoxigraph's HTTP
    client is Rust and never calls Python's socket module). False without libseccomp."""
    name = ctypes.util.find_library("seccomp")
    if name is None:
        return False
    try:
        lib = ctypes.CDLL(name, use_errno=True)
    except OSError:
        return False
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.POINTER(_ArgCmp),
    ]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    context = lib.seccomp_init(_SCMP_ACT_ALLOW)
    if not context:
        return False
    try:
        not_unix = _ArgCmp(0, _SCMP_CMP_NE, socket.AF_UNIX, 0)
        syscall = lib.seccomp_syscall_resolve_name(b"socket")
        action = _SCMP_ACT_ERRNO | errno.EACCES
        if lib.seccomp_rule_add_array(context, action, syscall, 1, ctypes.byref(not_unix)):
            return False
        return bool(lib.seccomp_load(context) == 0)
    finally:
        lib.seccomp_release(context)


def _no_network(*_: object, **__: object) -> Any:
    raise PermissionError(errno.EACCES, "the SPARQL worker has no network")


class _UnixOnlySocket(socket.socket):
    """Python's socket class for this process: Unix sockets only."""

    def __init__(
        self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None
    ) -> None:
        if fileno is None and family != socket.AF_UNIX:
            _no_network()
        super().__init__(family, type, proto, fileno)


def block_network() -> str:
    """Take this process's network away for good; says how ("seccomp" or "python").

    The kernel filter (seccomp) also stops pyoxigraph's own HTTP client; where libseccomp
    is missing, only Python code loses its sockets, and SERVICE stays refused by
    ``check_query`` alone.
    """
    socket.socket = _UnixOnlySocket  # type: ignore[misc]
    socket.create_connection = _no_network
    socket.getaddrinfo = _no_network
    return "seccomp" if _seccomp_no_sockets() else "python"


# -- checking a query ---------------------------------------------------------------------


def _nodes(root: object) -> Iterator[object]:
    """Every node of an rdflib parse tree or algebra (CompValue, ParseResults, lists)."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(list(node))  # type: ignore[call-overload]


def _has_service(tree: object) -> bool:
    return any(getattr(node, "name", None) == "ServiceGraphPattern" for node in _nodes(tree))


# A query whose text (lower-cased) holds none of these has no SERVICE pattern and no
# FROM clause: keywords cannot be spelt otherwise, except through \u escapes, which
# SPARQL expands before parsing. Such a query skips rdflib's parse (about 20 ms).
_WORTH_PARSING = ("service", "from", "\\u")


def check_query(text: str, base: str) -> bool:
    """Refuse what this endpoint does not run; True when the query names its own dataset.

    The query is parsed by rdflib into SPARQL algebra: an update is refused with 403, a
    SERVICE pattern anywhere with 400 (a 'SERVICE' inside a literal or an IRI is no
    pattern and passes), bad syntax with 400. A text without the words that could make
    either is left to pyoxigraph's own parser (``_WORTH_PARSING``).
    """
    lowered = text.lower()
    if not any(word in lowered for word in _WORTH_PARSING):
        return False
    return _checked_by_rdflib(text, base)


@lru_cache(maxsize=512)
def _checked_by_rdflib(text: str, base: str) -> bool:
    """``check_query``'s parse, remembered for queries sent again (a refusal is not)."""
    try:
        tree = parseQuery(text)
    except ParseException as err:
        try:
            parseUpdate(text)
        except ParseException:
            raise SparqlError(f"SPARQL syntax error: {err}") from None
        raise SparqlError("SPARQL Update is not allowed: this endpoint is read-only", 403) from None
    try:
        checked: object = translateQuery(tree, base=f"{base}/").algebra
    except RecursionError:
        checked = tree  # a query too deep for rdflib's algebra: the parse tree says as much
    except Exception as err:  # noqa: BLE001 - rdflib's algebra raises plain Exceptions
        raise SparqlError(f"SPARQL query error: {err}") from None
    if _has_service(checked):
        raise SparqlError(
            "SERVICE (federated query) is not allowed: this endpoint queries its own graph only"
        )
    return any(getattr(node, "datasetClause", None) for node in _nodes(tree))


# -- the worker process -------------------------------------------------------------------


def _graphs(iris: Sequence[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(value) for value in iris]
    except ValueError as err:
        raise SparqlError(f"a dataset graph is not an IRI: {err}") from None


def _dataset_options(dataset: Dataset, own_dataset: bool) -> dict[str, Any]:
    """pyoxigraph's dataset arguments. The mirror's graphs are all named; without a
    dataset from the protocol or the query, the default graph is their union."""
    if dataset:
        return {
            "default_graph": _graphs(dataset.default_graphs),
            "named_graphs": _graphs(dataset.named_graphs),
        }
    if own_dataset:
        return {}  # FROM / FROM NAMED decide (union would override them)
    return {"use_default_graph_as_union": True}


def run_query(
    store: ox.Store,
    text: str,
    base: str,
    cap: int,
    deadline: float,
    dataset: Dataset = Dataset(),
) -> QueryResult:
    """Run one checked query on an open store: capped, stopping between rows at the deadline."""
    own_dataset = check_query(text, base)
    try:
        result = store.query(text, base_iri=f"{base}/", **_dataset_options(dataset, own_dataset))
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


def load_store(files: Sequence[tuple[str, str]]) -> ox.Store:
    """A new in-memory store with each RDF file in its named graph ((path, graph IRI) pairs;
    the format from the file's extension)."""
    store = ox.Store()
    for path, graph in files:
        store.bulk_load(path=path, to_graph=ox.NamedNode(graph))
    return store


def worker_main(conn: Connection) -> None:
    """A worker's loop: load the mirror's files into memory when told, answer queries.

    It first says ``("ready", how its network was blocked)``. Jobs:
    ``("load", [(path, graph IRI), ...])`` -> ``("loaded", quads)`` or
    ``("load-error", message)``; ``("query", text, base, cap, seconds, dataset)`` ->
    ``("ok", result)`` or ``("error", status, message)``; ``None`` stops.
    """
    blocked_by = block_network()
    store: ox.Store | None = None
    conn.send(("ready", blocked_by))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        answer: Any
        if job[0] == "load":
            store = None  # free the previous copy first
            try:
                store = load_store(job[1])
                answer = ("loaded", len(store))
            except (OSError, SyntaxError, ValueError) as err:
                answer = ("load-error", " ".join(str(err).split()))
            conn.send(answer)
            continue
        try:
            if store is None:
                raise SparqlError("the SPARQL store is not loaded", 500)
            _, text, base, cap, seconds, dataset = job
            answer = ("ok", run_query(store, text, base, cap, time.monotonic() + seconds, dataset))
        except SparqlError as err:
            answer = ("error", err.status, str(err))
        except Exception as err:  # noqa: BLE001 - a broken store: say so in one line
            answer = ("error", 500, f"the SPARQL store failed: {err}")
        conn.send(answer)
