"""API benchmark: latency through HTTP next to the same query called directly on the store,
search throughput under 50 concurrent clients, and whole-graph analytics times.

The synthetic graph of ``bench_store`` (scale 1.0: 100k organisations, 20k projects,
500k relationships) is loaded into an embedded store; ``innograph serve`` runs on it in
a separate process (so that the load generator does not share its interpreter), and this
process opens the same store for the direct calls. Measured in one run:

* p50/p95 of collaborators, paths (k=3, max_hops=4) and suggestions over HTTP (one
  keep-alive connection) and directly; the ratio is the API's overhead;
* search requests per second with 50 concurrent clients on loopback (bounded in count),
  and the number of errors;
* seconds for the first analytics request (building the sparse network), degree,
  betweenness (sampled within its budget), eigenvector and communities.

    python -m bench.bench_api [--scale 1.0] [--queries 200] [--clients 50]

Writes ``bench/results/api.json``.
"""

from __future__ import annotations

import argparse
import asyncio
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

import httpx
from innograph.api.limits import ANALYTICS_COMPUTE_SECONDS
from innograph.graph.analytics import Analytics
from innograph.graph.embedded import EmbeddedStore

from bench.bench_store import Synthetic, _batches

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


def _start_server(store_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INNOGRAPH_NEO4J")}
    innograph = str(Path(sys.executable).with_name("innograph"))
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
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"the server did not start: {server.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]


async def _search_load(base: str, queries: list[str], clients: int) -> dict[str, Any]:
    """``clients`` concurrent clients share the queries; requests/s and errors."""
    pending = list(queries)
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors
            while pending:
                query = pending.pop()
                try:
                    response = await client.get("/api/search", params={"q": query})
                    errors += response.status_code != 200
                except httpx.HTTPError:
                    errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        seconds = time.perf_counter() - start
    return {
        "clients": clients,
        "requests": len(queries),
        "errors": errors,
        "seconds": round(seconds, 2),
        "requests_per_s": round(len(queries) / seconds),
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
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as http:
            # warm up both sides: the server's analytics index, the store's caches
            http.get(f"/api/organisations/{orgs_sample[0]}/suggestions").raise_for_status()
            analytics.suggestions(orgs_sample[0])

            def get(url: str, **params: Any) -> None:
                http.get(url, params=params).raise_for_status()

            collaborators = _pair(
                _timed(lambda o: get(f"/api/organisations/{o}/collaborators"), orgs_sample),
                _timed(lambda o: store.collaborators(o), orgs_sample),
            )
            paths = _pair(
                _timed(lambda p: get("/api/paths", **{"from": p[0], "to": p[1]}), pairs),
                _timed(lambda p: store.paths(p[0], p[1], k=3, max_hops=4), pairs),
            )
            suggestions = _pair(
                _timed(lambda o: get(f"/api/organisations/{o}/suggestions"), orgs_sample),
                _timed(lambda o: analytics.suggestions(o), orgs_sample),
            )
        words = [f"org {rng.randrange(orgs)}" for _ in range(clients * 40)]
        throughput = asyncio.run(_search_load(base, words, clients))
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
        "latency": {
            "collaborators": collaborators,
            "paths_k3_hops4": paths,
            "suggestions": suggestions,
        },
        "search_throughput": throughput,
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
