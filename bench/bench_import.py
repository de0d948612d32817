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
* Neo4j: only when INNOGRAPH_NEO4J_URI is set (this module does not start a server).

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
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from innograph.graph.analytics import Analytics
from innograph.graph.embedded import EmbeddedStore
from innograph.graph.errors import InvalidFact
from innograph.ingest.importers.common import ImportReport, NameResolver, open_text
from innograph.ingest.importers.cordis import iter_participants, iter_projects
from innograph.ingest.importers.efro_nl import iter_efro_nl
from innograph.ingest.importers.erdf_flanders import iter_erdf_flanders
from innograph.ingest.importers.esif import iter_esif
from innograph.ingest.importers.runner import write_all
from innograph.ontology.facts import DocumentFacts

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


def run(quick: bool = False) -> dict[str, Any]:
    """Import everything into a fresh embedded store and measure; the results."""
    esif_rows = QUICK_ESIF_ROWS if quick else None
    result: dict[str, Any] = {"quick": quick, "esif_rows_limit": esif_rows}
    with tempfile.TemporaryDirectory(prefix="innograph-bench-import-") as tmp:
        store = EmbeddedStore(Path(tmp) / "store")
        report = ImportReport()
        names = NameResolver()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        summary = write_all(store, sources(names, report, esif_rows), invalid=InvalidFact)
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
        store.close()
    result["neo4j"] = (
        "not measured: INNOGRAPH_NEO4J_URI set, but this module loads the embedded store only"
        if os.environ.get("INNOGRAPH_NEO4J_URI")
        else "not measured: INNOGRAPH_NEO4J_URI not set"
    )
    return result


def main() -> None:
    """Command line: run and write bench/results/import.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first 30k ESIF rows only")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    result = run(args.quick)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))  # noqa: T201 - a benchmark's report


if __name__ == "__main__":
    main()
