"""Full-data import benchmark: all ESIF rows + CORDIS (ECSEL) + EFRO-NL + Flanders ERDF
into an empty embedded store, then queries on that real graph.

Measured in one run, in this process (run it in a process of its own for a clean peak):

* import: wall and CPU seconds, rows per second, peak RSS (target: < 180 s and < 2 GB
  for the embedded store); the baseline is a plain ``csv`` read of the same rows (the
  floor any importer pays), so ``import_vs_read`` is what parsing, resolution and
  writing add;
* the resulting node and relationship counts;
* p50/p95 of collaborators, paths (k=3, max_hops=4) and suggestions on the real graph,
  next to a plain networkx two-hop neighbour count of the same organisations;
* the analytics of the whole real graph (target: each under 60 s): the network index,
  degree, betweenness (exact when the budget allows, else sampled and said so),
  eigenvector centrality and Louvain communities, each computed afresh; and the first
  (cold: index and figure) and a second (cached) answer of each ``/api/analytics``
  endpoint through HTTP;
* Neo4j, only when INNOGRAPH_NEO4J_URI is set (this module does not start a server): the
  same import into the (wiped) database, twice: through the transactional writer every
  import uses, and with ``--bulk`` (``Neo4jStore.bulk_load``), each in a child process so
  that its peak memory is the client's own, with node and relationship counts next to the
  embedded store's and the commit of ``graph/neo4j/`` it ran.

    python -m bench.bench_import [--quick]

``--quick`` imports the first 30,000 ESIF rows only. Writes ``bench/results/import.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from innograph.api.limits import ANALYTICS_COMPUTE_SECONDS
from innograph.graph.analytics.centrality import CENTRALITY_MEASURES, compute_centrality
from innograph.graph.analytics.communities import compute_communities
from innograph.graph.analytics.service import Analytics
from innograph.graph.embedded.store import EmbeddedStore
from innograph.ingest.importers.common import ImportReport, NameResolver, open_text
from innograph.ingest.importers.cordis import iter_participants, iter_projects
from innograph.ingest.importers.efro_nl import iter_efro_nl
from innograph.ingest.importers.erdf_flanders import iter_erdf_flanders
from innograph.ingest.importers.esif import iter_esif
from innograph.ontology.facts import DocumentFacts
from innograph.service import bulk_write, write_all

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "import.json"
DATA = Path(os.environ.get("INNOGRAPH_SHARED_DIR", ROOT.parent / "shared")) / "data/structured"
ESIF = "esif_beneficiaries_2007_2020_harmonised.csv.gz"
QUICK_ESIF_ROWS = 30_000
QUERIES = 100


def _limited(docs: Iterator[DocumentFacts], limit: int | None) -> Iterator[DocumentFacts]:
    for n, doc in enumerate(docs):
        if limit is not None and n >= limit:
            return
        yield doc


def sources(
    names: NameResolver, report: ImportReport, esif_rows: int | None
) -> Iterator[DocumentFacts]:
    """The documents of every file, in import order."""
    yield from iter_projects(DATA / "ecsel_h2020_projects.csv", report, names)
    yield from iter_participants(DATA / "ecsel_h2020_participants.csv", report, names)
    yield from iter_efro_nl(DATA / "nl_structural_funds_efro_esf_2007_2016.csv", report, names)
    yield from iter_erdf_flanders(DATA / "flanders_erdf_2007_2013.csv", report, names)
    yield from iter_erdf_flanders(
        DATA / "flanders_erdf_2014_2020_call_detailhandel_kernversterking.csv", report, names
    )
    yield from _limited(iter_esif(DATA / ESIF, report, names), esif_rows)


def read_baseline(esif_rows: int | None) -> tuple[int, float]:
    """Rows and seconds of a plain csv.DictReader pass over the same files."""
    start = time.perf_counter()
    rows = 0
    files = [
        "ecsel_h2020_projects.csv",
        "ecsel_h2020_participants.csv",
        "nl_structural_funds_efro_esf_2007_2016.csv",
        "flanders_erdf_2007_2013.csv",
        "flanders_erdf_2014_2020_call_detailhandel_kernversterking.csv",
        ESIF,
    ]
    for name in files:
        with open_text(DATA / name) as stream:
            for n, _ in enumerate(csv.DictReader(stream)):
                if name == ESIF and esif_rows is not None and n >= esif_rows:
                    break
                rows += 1
    return rows, time.perf_counter() - start


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 3),
    }


def _timed(call: Callable[[str], object], ids: list[str]) -> dict[str, float]:
    times = []
    for org in ids:
        start = time.perf_counter()
        call(org)
        times.append(time.perf_counter() - start)
    return _percentiles(times)


def queries(store: EmbeddedStore, count: int) -> dict[str, Any]:
    """Latencies on the imported graph, for organisations with at least one project."""
    import networkx as nx

    graph = nx.Graph()
    for edge in store.iter_edges(types=["LEADS", "PARTICIPATES_IN"]):
        graph.add_edge(edge.source, edge.target)
    orgs = sorted(n for n in graph if n.startswith("org-"))
    rng = random.Random(11)
    # Half the busiest organisations (the hard cases), half at random.
    busiest = sorted(orgs, key=lambda o: -graph.degree(o))[: count // 2]
    sample = busiest + rng.sample(orgs, min(len(orgs), count - len(busiest)))
    pairs = [(sample[i], sample[-1 - i]) for i in range(len(sample) // 2)]
    store.collaborators(sample[0])  # warm the in-memory graph
    out: dict[str, Any] = {"organisations_sampled": len(sample)}
    out["collaborators"] = _timed(lambda o: store.collaborators(o, limit=50), sample)
    out["collaborators_networkx_baseline"] = _timed(
        lambda o: {m for p in graph[o] for m in graph[p]}, sample
    )
    times = []
    for a, b in pairs:
        start = time.perf_counter()
        store.paths(a, b, k=3, max_hops=4)
        times.append(time.perf_counter() - start)
    out["paths_k3_hops4"] = _percentiles(times)
    analytics = Analytics(store, budget_seconds=30)
    start = time.perf_counter()
    analytics.index()
    out["analytics_index_s"] = round(time.perf_counter() - start, 2)
    out["suggestions"] = _timed(lambda o: analytics.suggestions(o, limit=10), sample)
    out["collaborators_ratio_p50"] = round(
        out["collaborators"]["p50_ms"]
        / max(out["collaborators_networkx_baseline"]["p50_ms"], 1e-3),
        1,
    )
    return out


ANALYTICS_TARGET_S = 60.0


def analytics_figures(store: EmbeddedStore) -> dict[str, Any]:
    """Seconds of the network index and of each analytics figure on the whole graph, with
    the budget and bounds the API uses."""
    out: dict[str, Any] = {"target_s": ANALYTICS_TARGET_S}
    analytics = Analytics(store, budget_seconds=ANALYTICS_COMPUTE_SECONDS)
    start = time.perf_counter()
    index = analytics.index()
    out["index_s"] = round(time.perf_counter() - start, 2)
    out["organisations"] = len(index.orgs)
    out["organisations_with_partners"] = int((index.degree > 0).sum())
    out["pairs"] = int(index.weights.nnz // 2)
    for measure in CENTRALITY_MEASURES:
        start = time.perf_counter()
        result, _ = compute_centrality(
            index, measure, budget_seconds=analytics.budget_seconds, seed=analytics.seed
        )
        out[measure] = {
            "seconds": round(time.perf_counter() - start, 2),
            "sampled": result.sampled,
            "sample_size": result.sample_size,
            "note": result.note,
        }
    start = time.perf_counter()
    found = compute_communities(
        index,
        budget_seconds=analytics.budget_seconds,
        max_edges=analytics.max_louvain_edges,
        seed=analytics.seed,
    )
    out["communities"] = {
        "seconds": round(time.perf_counter() - start, 2),
        "bounded": found.bounded,
        "levels_completed": found.levels_completed,
        "modularity": found.modularity,
        "communities_of_2_or_more": len(found.communities),
        "note": found.note,
    }
    out["http"] = _analytics_http(store)
    return out


def _analytics_http(store: EmbeddedStore) -> dict[str, Any]:
    """Seconds of each /api/analytics answer through HTTP: the first on a fresh app (the
    network index and the figure computed; the graph is already in memory) and a second
    one (cached)."""
    from fastapi.testclient import TestClient

    from innograph.api.app import create_app
    from innograph.config import Settings

    requests = {
        "degree": ("/api/analytics/centrality", {"measure": "degree"}),
        "betweenness": ("/api/analytics/centrality", {"measure": "betweenness"}),
        "eigenvector": ("/api/analytics/centrality", {"measure": "eigenvector"}),
        "communities": ("/api/analytics/communities", {}),
    }
    out: dict[str, Any] = {}
    for name, (path, params) in requests.items():
        app = create_app(Settings(store_dir=store.path), store=store)
        with TestClient(app) as client:
            times = []
            for _ in range(2):
                start = time.perf_counter()
                response = client.get(path, params=params)
                times.append(time.perf_counter() - start)
                response.raise_for_status()
        out[name] = {"first_s": round(times[0], 2), "cached_s": round(times[1], 3)}
        if name != "communities":
            out[name]["sampled"] = response.json()["sampled"]
    return out


def neo4j_import(esif_rows: int | None, bulk: bool) -> dict[str, Any]:
    """The same import into the configured Neo4j database (wiped first), in this process,
    transactional or bulk; the figures of the client side."""
    from innograph.config import load_settings
    from innograph.graph.neo4j.store import Neo4jStore

    store = Neo4jStore.from_settings(load_settings())
    try:
        store.wipe()
        report = ImportReport()
        names = NameResolver()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        documents = sources(names, report, esif_rows)
        if bulk:
            summary = bulk_write(store, documents)
        else:
            summary = write_all(store, documents)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        stats = store.stats()
    finally:
        store.close()
    return {
        "rows": report.rows,
        "written": summary.statuses,
        "seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
        "rows_per_s": round(report.rows / wall),
        "client_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_avg_1min": round(os.getloadavg()[0], 1),
        "nodes": sum(stats.nodes.values()),
        "relationships": sum(stats.relationships.values()),
        "nodes_by_type": stats.nodes,
        "relationships_by_type": stats.relationships,
    }


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def neo4j_figures(esif_rows: int | None, graph: dict[str, Any], bulk: bool) -> dict[str, Any] | str:
    """The Neo4j import in a child process (its own peak memory), compared with the
    embedded store's counts; a sentence when no server is configured or it failed."""
    if not os.environ.get("INNOGRAPH_NEO4J_URI"):
        return "not measured: INNOGRAPH_NEO4J_URI not set"
    command = [sys.executable, "-m", "bench.bench_import", "--neo4j-child"]
    if esif_rows is not None:
        command.append("--quick")
    if bulk:
        command.append("--bulk")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no message"]
        return f"failed (exit {done.returncode}): {tail[0]}"
    out: dict[str, Any] = json.loads(done.stdout)
    out["counts_equal_embedded"] = (
        out["nodes_by_type"] == graph["nodes_by_type"]
        and out["relationships_by_type"] == graph["relationships_by_type"]
    )
    out["neo4j_store_commit"] = _git("log", "-1", "--format=%h %s", "--", "graph/neo4j/")
    out["neo4j_store_uncommitted_changes"] = bool(
        _git("status", "--porcelain", "--", "graph/neo4j/")
    )
    return out


def run(quick: bool = False) -> dict[str, Any]:
    """Import everything into a fresh embedded store and measure; the results."""
    esif_rows = QUICK_ESIF_ROWS if quick else None
    result: dict[str, Any] = {"quick": quick, "esif_rows_limit": esif_rows}
    with tempfile.TemporaryDirectory(prefix="innograph-bench-import-") as tmp:
        store = EmbeddedStore(Path(tmp) / "store")
        report = ImportReport()
        names = NameResolver()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        summary = write_all(store, sources(names, report, esif_rows))
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        stats = store.stats()
        baseline_rows, baseline_s = read_baseline(esif_rows)
        result["import"] = {
            "rows": report.rows,
            "documents": report.documents,
            "skipped": dict(report.skipped),
            "written": summary.statuses,
            "seconds": round(wall, 1),
            "cpu_seconds": round(cpu, 1),
            "rows_per_s": round(report.rows / wall),
            "peak_rss_mb": round(peak_mb),
            "load_avg_1min": round(os.getloadavg()[0], 1),
            "csv_read_baseline_rows": baseline_rows,
            "csv_read_baseline_s": round(baseline_s, 1),
            "import_vs_read": round(wall / baseline_s, 1),
            "targets": {"seconds": 180, "peak_rss_mb": 2048},
        }
        result["graph"] = {
            "nodes": sum(stats.nodes.values()),
            "relationships": sum(stats.relationships.values()),
            "documents": stats.documents,
            "nodes_by_type": stats.nodes,
            "relationships_by_type": stats.relationships,
        }
        result["queries"] = queries(store, 40 if quick else QUERIES)
        result["analytics"] = analytics_figures(store)
        store.close()
    result["neo4j"] = neo4j_figures(esif_rows, result["graph"], bulk=False)
    result["neo4j_bulk"] = neo4j_figures(esif_rows, result["graph"], bulk=True)
    return result


def main() -> None:
    """Command line: run and write bench/results/import.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first 30k ESIF rows only")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--neo4j-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bulk", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.neo4j_child:  # the Neo4j import, run by neo4j_figures in a process of its own
        rows = QUICK_ESIF_ROWS if args.quick else None
        print(json.dumps(neo4j_import(rows, args.bulk)))  # noqa: T201
        return
    result = run(args.quick)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))  # noqa: T201 - a benchmark's report


if __name__ == "__main__":
    main()
