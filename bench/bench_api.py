"""API benchmark: latency through HTTP next to the same query called directly on the store,
search throughput under 50 concurrent clients, and whole-graph analytics times.

The synthetic graph of ``bench_store`` (scale 1.0: 100k organisations, 20k projects,
500k relationships) is loaded into an embedded store; ``innograph serve`` runs on it in
a separate process (so that the load generator does not share its interpreter), and this
process opens the same store for the direct calls. Measured in one run:

* p50/p95 of search, collaborators, paths (k=3, max_hops=4) and suggestions over HTTP
  (stdlib ``http.client``, one keep-alive connection) and directly, each query both ways
  one right after the other; the ratio is the API's overhead. ``http_floor`` is
  GET /version the same way: the round trip itself. ``server`` names the HTTP parser and
  event loop the server ran on (httptools and uvloop when installed).
* requests per second of /api/search and of /api/organisations/{id}/collaborators with
  50 concurrent clients on loopback, next to the same clients on /health (the ceiling of
  this machine's loopback test: the clients share the machine with the server), with the
  p50/p95 of a request under that load, the CPU milliseconds per request of server and
  clients, and the errors. The clients are asyncio streams speaking HTTP/1.1
  keep-alive: a load generator must cost little next to what it measures (an
  ``httpx.AsyncClient`` spends about 4 ms of CPU per request, more than the server).
* the same three loads on Neo4j, in the same run, when INNOGRAPH_NEO4J_URI names a
  server: the same synthetic graph bulk-loaded (``Neo4jStore.bulk_load``) into it, WIPED
  first and after, served by ``innograph serve`` on it, the same request lists. Without
  INNOGRAPH_NEO4J_URI, ``neo4j`` in the results says it was skipped. The server CPU per
  request there is the ``innograph serve`` process's only, not the Neo4j server's.
* seconds of the first search (building the search index), the first analytics request
  (building the sparse network), degree, betweenness (sampled within its budget),
  eigenvector and communities.

    python -m bench.bench_api [--scale 1.0] [--queries 200] [--clients 50]

Writes ``bench/results/api.json``, with the machine's cores and load average.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from innograph.api.limits import ANALYTICS_COMPUTE_SECONDS
from innograph.graph.analytics.service import Analytics
from innograph.graph.embedded.store import EmbeddedStore
from innograph.redaction import error_reason

from .bench_store import Synthetic, _batches

RESULTS = Path(__file__).resolve().parent / "results" / "api.json"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentiles(times_ms: list[float]) -> dict[str, float]:
    times = sorted(times_ms)
    return {
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
    }


def _timed(call: Callable[[Any], object], args: list[Any]) -> dict[str, float]:
    times = []
    for arg in args:
        start = time.perf_counter()
        call(arg)
        times.append((time.perf_counter() - start) * 1000)
    return _percentiles(times)


def _pair(http: dict[str, float], direct: dict[str, float]) -> dict[str, Any]:
    return {
        "http": http,
        "direct": direct,
        "overhead_p50": round(http["p50_ms"] / max(direct["p50_ms"], 1e-6), 2),
        "overhead_p95": round(http["p95_ms"] / max(direct["p95_ms"], 1e-6), 2),
    }


def _timed_pair(
    http: Callable[[Any], object], direct: Callable[[Any], object], args: list[Any]
) -> dict[str, Any]:
    """Each argument through HTTP and directly, one right after the other (which goes
    first alternates): on a shared machine both sides of the ratio see the same moments
    of load, where two runs one after the other could each catch another burst."""
    times: dict[str, list[float]] = {"http": [], "direct": []}
    for i, arg in enumerate(args):
        order = (("http", http), ("direct", direct))
        for side, call in order if i % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            call(arg)
            times[side].append((time.perf_counter() - start) * 1000)
    return _pair(_percentiles(times["http"]), _percentiles(times["direct"]))


def _server_stack() -> dict[str, str]:
    """The event loop and HTTP parser ``innograph serve`` gets from uvicorn here."""
    import uvicorn

    from innograph.cli.serve_cmd import UVICORN_SPEED

    async def app(scope: object, receive: object, send: object) -> None:
        """Never called: only the configuration is read."""

    config = uvicorn.Config(app, **UVICORN_SPEED)  # type: ignore[arg-type]
    config.load()
    factory = config.get_loop_factory()
    loop = factory() if factory is not None else asyncio.new_event_loop()
    try:
        loop_name = type(loop).__module__.split(".")[0]
    finally:
        loop.close()
    return {"http": config.http_protocol_class.__name__, "loop": loop_name}


class _Http:
    """One keep-alive HTTP/1.1 connection to the server (stdlib: little client cost)."""

    def __init__(self, port: int, timeout: float = 120) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def get(self, path: str, **params: Any) -> bytes:
        """The body of GET ``path?params``; RuntimeError unless the status is 200."""
        target = f"{path}?{urlencode(params)}" if params else path
        try:
            self.connection.request("GET", target)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closes a connection idle for 5 s: open another, once.
            self.connection.close()
            self.connection.request("GET", target)
            response = self.connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {target}: {response.status} {body[:200]!r}")
        return body

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()


def _start_server(store_dir: Path | None, port: int) -> subprocess.Popen[bytes]:
    """``innograph serve`` on the embedded store in ``store_dir`` or, when None, on the
    Neo4j server INNOGRAPH_NEO4J_* name (which ``serve`` uses whenever they are set:
    hence removed from the embedded server's environment)."""
    innograph = str(Path(sys.executable).with_name("innograph"))
    if store_dir is None:
        env = dict(os.environ)
        command = [innograph, "serve"]
    else:
        env = {k: v for k, v in os.environ.items() if not k.startswith("INNOGRAPH_NEO4J")}
        command = [innograph, "serve", "--store", str(store_dir)]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        probe = _Http(port, timeout=5)
        try:
            probe.get("/health")
            return server
        except (OSError, RuntimeError, http.client.HTTPException):
            time.sleep(0.2)
        finally:
            probe.close()
    server.kill()
    raise RuntimeError(f"the server did not start: {server.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far; None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _load(port: int, targets: list[str], clients: int, server_pid: int) -> dict[str, Any]:
    """``clients`` keep-alive connections share the GETs of ``targets``: requests/s,
    errors, p50/p95 of a request under this load (sent to last byte read), and the CPU
    milliseconds per request of the server and of the clients."""
    pending = list(reversed(targets))
    errors = 0
    statuses: dict[str, int] = {}  # what the errors were: HTTP status, or "connection"
    times_ms: list[float] = []

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while pending:
                target = pending.pop()
                sent = time.perf_counter()
                writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)
                times_ms.append((time.perf_counter() - sent) * 1000)
                if head[9:12] != b"200":
                    errors += 1
                    status = head[9:12].decode(errors="replace")
                    statuses[status] = statuses.get(status, 0) + 1
        except (OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1 + len(pending)  # this client stops; count what it leaves as failed
            statuses["connection"] = statuses.get("connection", 0) + 1 + len(pending)
            pending.clear()
        finally:
            writer.close()

    server_cpu, client_cpu = _cpu_seconds(server_pid), time.process_time()
    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    seconds = time.perf_counter() - start
    client_cpu = time.process_time() - client_cpu
    server_end = _cpu_seconds(server_pid)
    return {
        "clients": clients,
        "requests": len(targets),
        "errors": errors,
        "error_statuses": statuses,
        "seconds": round(seconds, 2),
        "requests_per_s": round(len(targets) / seconds),
        "under_load": _percentiles(times_ms) if times_ms else None,
        "server_cpu_ms_per_request": (
            round((server_end - server_cpu) * 1000 / len(targets), 3)
            if server_cpu is not None and server_end is not None
            else None
        ),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / len(targets), 3),
        "load_avg_1min": round(os.getloadavg()[0], 2),
    }


def _throughputs(
    port: int, server_pid: int, searches: list[str], collaborators: list[str], clients: int
) -> dict[str, Any]:
    """The three loads on one server, each from the same clients: /health (the ceiling
    of the loopback test), then search, then collaborators."""
    return {
        "health_throughput": asyncio.run(
            _load(port, ["/health"] * len(searches), clients, server_pid)
        ),
        "search_throughput": asyncio.run(_load(port, searches, clients, server_pid)),
        "collaborators_throughput": asyncio.run(_load(port, collaborators, clients, server_pid)),
    }


def _neo4j(
    data: Synthetic, searches: list[str], collaborators: list[str], clients: int
) -> dict[str, Any] | str:
    """The same graph bulk-loaded into the configured Neo4j (wiped first and after),
    served by ``innograph serve`` and put under the same loads as the embedded store; a
    sentence instead when no server is configured."""
    if not os.environ.get("INNOGRAPH_NEO4J_URI"):
        return "skipped: INNOGRAPH_NEO4J_URI not set"
    from innograph.config import load_settings
    from innograph.graph.neo4j.store import Neo4jStore

    store = Neo4jStore.from_settings(load_settings())
    try:
        store.wipe()
        documents = list(data.documents())
        start = time.perf_counter()
        store.bulk_load(documents)  # the fast path for an empty graph, as bench_neo4j_load
        load_s = time.perf_counter() - start
        stats = store.stats()
        port = _free_port()
        server = _start_server(None, port)
        try:
            conn = _Http(port)
            # Warm up as on the embedded side: the first search fetches every name for
            # the server's search index, the first collaborators plans its query.
            start = time.perf_counter()
            conn.get(searches[0])
            index_s = time.perf_counter() - start
            conn.get(collaborators[0])
            conn.close()
            loads = _throughputs(port, server.pid, searches, collaborators, clients)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        store.wipe()
    finally:
        store.close()
    return {
        "graph": {
            "nodes": stats.total_nodes,
            "relationships": stats.total_relationships,
            "bulk_load_s": round(load_s, 1),
        },
        "first_search_over_http_s": round(index_s, 2),
        **loads,
    }


def _analytics_times(store: EmbeddedStore) -> dict[str, Any]:
    analytics = Analytics(store, budget_seconds=ANALYTICS_COMPUTE_SECONDS)
    out: dict[str, Any] = {}
    start = time.perf_counter()
    index = analytics.index()
    out["build_network_s"] = round(time.perf_counter() - start, 2)
    out["organisations"] = len(index.orgs)
    out["pairs"] = int(index.weights.nnz // 2)
    for measure in ("degree", "betweenness", "eigenvector"):
        start = time.perf_counter()
        result = analytics.centrality(measure, top=10)
        out[f"{measure}_s"] = round(time.perf_counter() - start, 2)
        if result.sampled:
            out[f"{measure}_sampled_sources"] = result.sample_size
    start = time.perf_counter()
    communities = analytics.communities()
    out["communities_s"] = round(time.perf_counter() - start, 2)
    out["communities_bounded"] = communities.bounded
    out["modularity"] = communities.modularity
    return out


def run(scale: float, queries: int, clients: int, workdir: Path) -> dict[str, Any]:
    """Load the synthetic graph, serve it, measure; the results as a dict."""
    orgs, projects, rels = int(100_000 * scale), int(20_000 * scale), int(500_000 * scale)
    data = Synthetic(orgs, projects, rels)
    store_dir = workdir / "store"
    store = EmbeddedStore(store_dir)
    start = time.perf_counter()
    for batch in _batches(data.documents(), 1000):
        store.upsert_documents(batch)
    load_s = time.perf_counter() - start
    stats = store.stats()

    rng = random.Random(5)
    active = sorted({f"org-{o}" for members in data.members for o in members})
    orgs_sample = [rng.choice(active) for _ in range(queries)]
    pairs = [(rng.choice(active), rng.choice(active)) for _ in range(queries)]
    pairs = [(a, b) for a, b in pairs if a != b]
    analytics = Analytics(store)
    port = _free_port()
    server = _start_server(store_dir, port)
    words = [f"org {rng.randrange(orgs)}" for _ in range(max(queries, clients * 40))]
    # The same request lists for both stores: as many collaborators requests as searches,
    # on active organisations as in the latency part.
    searches = [f"/api/search?{urlencode({'q': w})}" for w in words]
    partners = [f"/api/organisations/{rng.choice(active)}/collaborators" for _ in words]
    load_start = round(os.getloadavg()[0], 2)
    try:
        conn = _Http(port)
        # warm up both sides: the server's analytics index, the store's caches
        conn.get(f"/api/organisations/{orgs_sample[0]}/suggestions")
        analytics.suggestions(orgs_sample[0])
        store.collaborators(orgs_sample[0])
        floor = _timed(lambda _: conn.get("/version"), orgs_sample)
        collaborators = _timed_pair(
            lambda o: conn.get(f"/api/organisations/{o}/collaborators"),
            lambda o: store.collaborators(o),
            orgs_sample,
        )
        paths = _timed_pair(
            lambda p: conn.get("/api/paths", **{"from": p[0], "to": p[1]}),
            lambda p: store.paths(p[0], p[1], k=3, max_hops=4),
            pairs,
        )
        suggestions = _timed_pair(
            lambda o: conn.get(f"/api/organisations/{o}/suggestions"),
            lambda o: analytics.suggestions(o),
            orgs_sample,
        )
        # The first search builds the search index (on each side).
        start = time.perf_counter()
        store.search(words[0])
        index_s = time.perf_counter() - start
        conn.get("/api/search", q=words[0])
        search = _timed_pair(
            lambda q: conn.get("/api/search", q=q), lambda q: store.search(q), words[:queries]
        )
        conn.close()
        latency_load = round(os.getloadavg()[0], 2)
        loads = _throughputs(port, server.pid, searches, partners, clients)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    result = {
        "graph": {
            "organisations": orgs,
            "projects": projects,
            "nodes": stats.total_nodes,
            "relationships": stats.total_relationships,
            "load_s": round(load_s, 1),
        },
        "server": _server_stack(),
        "latency_load_avg_1min": latency_load,
        "latency": {
            "http_floor": floor,
            "search": search,
            "collaborators": collaborators,
            "paths_k3_hops4": paths,
            "suggestions": suggestions,
        },
        "search_index_build_s": round(index_s, 2),
        **loads,
        "analytics": _analytics_times(store),
        "queries": queries,
        "targets": {
            "collaborators_p95_ms": 20,
            "paths_p95_ms": 100,
            "suggestions_p95_ms": 200,
            "overhead": 1.5,
            "search_requests_per_s": 300,
        },
    }
    store.close()
    # After the embedded server stopped and its store closed: the two servers never run
    # at once (the Neo4j server itself idles through the embedded part).
    try:
        result["neo4j"] = _neo4j(data, searches, partners, clients)
    except Exception as err:  # keep the embedded figures; the JSON says what failed
        result["neo4j"] = f"failed: {type(err).__name__}: {error_reason(err)}"
    result["machine"] = {
        "cores": os.cpu_count(),
        "load_avg_1min_start": load_start,
        "load_avg_1min_end": round(os.getloadavg()[0], 2),
    }
    return result


def main() -> None:
    """Run the benchmark and write bench/results/api.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k orgs, 500k rels")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        result = run(args.scale, args.queries, args.clients, Path(tmp))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
