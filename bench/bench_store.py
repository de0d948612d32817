"""Embedded store benchmark: bulk load, memory, and query latency next to raw networkx.

A synthetic graph with a heavy-tailed degree distribution (by default 100k organisations,
20k projects, 500k relationships) is written the way the EU-data importer writes: one
document per project (its coordinator, partners and programme) and one per organisation
(its region). Measured in one run:

* load: relationships per second through ``upsert_documents`` (batches of 1000) up to
  the first answered query, and the time to reopen the store and answer a first query
  (rebuilding the in-memory graph from SQLite);
* memory: peak RSS of this process, and RSS added by the open store;
* build: next to building a plain ``networkx.Graph`` of the same nodes and edges;
* latency p50/p95 of ``collaborators`` and ``paths`` on random organisations, each next to
  a baseline measured here on the same graph: the same question asked of a plain
  ``networkx.Graph`` (two-hop neighbour counting; bidirectional BFS shortest path).

    python -m bench.bench_store [--scale 0.1] [--queries 200]

Writes ``bench/results/store.json``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import resource
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import psutil

from innograph.graph.embedded.store import EmbeddedStore
from innograph.ontology.facts import DocumentFacts, EntityFact, RelationFact

RESULTS = Path(__file__).resolve().parent / "results" / "store.json"


def _entity(key: str, etype: str, prefix: str, n: int, **attrs: Any) -> EntityFact:
    return EntityFact(
        key=key,
        type=etype,
        name=f"{prefix} {n}",
        canonical_id=f"{prefix.lower()}-{n}",
        attributes=dict(attrs),
    )


class Synthetic:
    """A reproducible ecosystem whose organisations take part with a Zipf-like skew."""

    def __init__(self, orgs: int, projects: int, relationships: int, seed: int = 7) -> None:
        self.orgs, self.projects = orgs, projects
        self.rng = random.Random(seed)
        self.programmes, self.regions = 30, 300
        # Every org: LOCATED_IN; every project: LEADS + FUNDED_BY; the rest PARTICIPATES_IN.
        partners = max(relationships - orgs - 2 * projects, 0)
        weights = [1.0 / (i + 1) ** 0.8 for i in range(orgs)]
        self.rng.shuffle(weights)
        picks = self.rng.choices(range(orgs), weights=weights, k=partners + projects)
        self.leads = picks[:projects]
        sizes = [1 + int(self.rng.paretovariate(1.6)) for _ in range(projects)]
        scale = partners / sum(sizes)
        sizes = [max(1, round(s * scale)) for s in sizes]
        self.members: list[list[int]] = []
        pool = iter(picks[projects:])
        for p, size in enumerate(sizes):
            chosen = {o for o in (next(pool, None) for _ in range(size)) if o is not None}
            chosen.discard(self.leads[p])
            self.members.append(sorted(chosen))

    def documents(self) -> Iterator[DocumentFacts]:
        """Project documents, then organisation documents (one row each)."""
        for p in range(self.projects):
            lead = self.leads[p]
            start = 2008 + p % 14
            ents = [
                _entity(
                    "p",
                    "Project",
                    "Project",
                    p,
                    start_date=f"{start}-01-01",
                    end_date=f"{start + 3}-12-31",
                ),
                _entity("f", "FundingProgramme", "Programme", p % self.programmes),
                _entity("l", "Organisation", "Org", lead),
            ]
            rels = [
                RelationFact("FUNDED_BY", "p", "f", "row", 1.0, amount_eur=1000.0 * (p % 97)),
                RelationFact("LEADS", "l", "p", "row", 1.0),
            ]
            for o in self.members[p]:
                ents.append(_entity(f"o{o}", "Organisation", "Org", o))
                rels.append(RelationFact("PARTICIPATES_IN", f"o{o}", "p", "row", 1.0))
            yield _doc(f"projects.csv#row={p}", ents, rels)
        for o in range(self.orgs):
            ents = [
                _entity("o", "Organisation", "Org", o, country=["BE", "NL", "FR", "DE"][o % 4]),
                _entity("r", "Region", "Region", o % self.regions),
            ]
            yield _doc(
                f"organisations.csv#row={o}",
                ents,
                [RelationFact("LOCATED_IN", "o", "r", "row", 1.0)],
            )


def _doc(source: str, ents: list[EntityFact], rels: list[RelationFact]) -> DocumentFacts:
    digest = hashlib.sha256(source.encode()).hexdigest()
    return DocumentFacts(
        doc=source.split("#")[0],
        source=source,
        content_hash=digest,
        lang="en",
        entities=ents,
        relations=rels,
    )


def _batches(docs: Iterator[DocumentFacts], size: int) -> Iterator[list[DocumentFacts]]:
    batch: list[DocumentFacts] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _rss() -> int:
    return int(psutil.Process().memory_info().rss)


def _peak_rss() -> int:
    # ru_maxrss is in KiB on Linux.
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def _latencies(call: Callable[[Any], object], args: list[Any]) -> dict[str, float]:
    times = []
    for arg in args:
        start = time.perf_counter()
        call(arg)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
        "max_ms": round(times[-1], 3),
    }


def _baseline_collaborators(graph: nx.Graph, org: str) -> list[tuple[str, int]]:
    """The same question on a plain networkx graph: partners two hops away via projects."""
    counts: Counter[str] = Counter()
    for item in graph.adj[org]:
        if item.startswith("project-"):
            for other in graph.adj[item]:
                if other != org and other.startswith("org-"):
                    counts[other] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:50]


def run(scale: float, queries: int, workdir: Path) -> dict[str, Any]:
    """Load, reopen and query; the measurements as a dict."""
    orgs, projects, rels = int(100_000 * scale), int(20_000 * scale), int(500_000 * scale)
    data = Synthetic(orgs, projects, rels)
    gc.collect()
    rss_before = _rss()
    store = EmbeddedStore(workdir / "store")
    start = time.perf_counter()
    cpu_start = time.process_time()
    documents = 0
    for batch in _batches(data.documents(), 1000):
        store.upsert_documents(batch)
        documents += len(batch)
    write_s = time.perf_counter() - start
    write_cpu_s = time.process_time() - cpu_start
    store.get_node("org-0")  # the first graph query builds the in-memory graph
    load_s = time.perf_counter() - start
    build_cpu_s = time.process_time() - cpu_start - write_cpu_s
    gc.collect()
    rss_loaded = _rss()
    store.close()
    gc.collect()
    start = time.perf_counter()
    store = EmbeddedStore(workdir / "store")
    store.get_node("org-0")
    reopen_s = time.perf_counter() - start
    stats = store.stats()
    total_rels = stats.total_relationships

    # Baseline for the build: a plain networkx graph of the same nodes (with their
    # properties) and edges, from the same rows already in memory.
    nodes = [(n.id, n.properties) for n in store.iter_nodes()]
    pairs_all = [(e.source, e.target, {"type": e.type}) for e in store.iter_edges()]
    start = time.perf_counter()
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(pairs_all)
    nx_build_s = time.perf_counter() - start
    del nodes, pairs_all
    rng = random.Random(11)
    active = sorted({f"org-{o}" for members in data.members for o in members})
    sample = [rng.choice(active) for _ in range(queries)]
    pairs = [(rng.choice(active), rng.choice(active)) for _ in range(queries)]
    collab = _latencies(lambda o: store.collaborators(o), sample)
    collab_base = _latencies(lambda o: _baseline_collaborators(graph, o), sample)
    paths = _latencies(lambda p: store.paths(p[0], p[1], k=3, max_hops=4), pairs)

    def bfs(pair: tuple[str, str]) -> object:
        try:
            return nx.bidirectional_shortest_path(graph, *pair)
        except nx.NetworkXNoPath:
            return None

    paths_base = _latencies(bfs, pairs)
    search = _latencies(
        lambda q: store.search(q), [f"org {rng.randrange(orgs)}" for _ in range(20)]
    )
    store.close()
    return {
        "graph": {
            "organisations": orgs,
            "projects": projects,
            "nodes": stats.total_nodes,
            "relationships": total_rels,
            "documents": documents,
        },
        "load": {
            "write_s": round(write_s, 2),
            "write_cpu_s": round(write_cpu_s, 2),
            "build_s": round(load_s - write_s, 2),
            "build_cpu_s": round(build_cpu_s, 2),
            "relationships_per_s": round(total_rels / load_s),
            "relationships_per_cpu_s": round(total_rels / (write_cpu_s + build_cpu_s)),
            "machine_load_avg_1min": round(os.getloadavg()[0], 1),
            "reopen_and_build_s": round(reopen_s, 2),
            "networkx_graph_build_baseline_s": round(nx_build_s, 2),
            "build_ratio": round((load_s - write_s) / max(nx_build_s, 1e-6), 1),
        },
        "memory": {
            "peak_rss_mb": round(_peak_rss() / 2**20),
            "store_rss_mb": round((rss_loaded - rss_before) / 2**20),
            "note": "store_rss_mb: RSS added by the loaded store (SQLite cache + in-memory graph)",
        },
        "latency": {
            "collaborators": collab,
            "collaborators_networkx_baseline": collab_base,
            "collaborators_ratio_p50": round(
                collab["p50_ms"] / max(collab_base["p50_ms"], 1e-6), 1
            ),
            "paths_k3": paths,
            "shortest_path_networkx_baseline": paths_base,
            "paths_ratio_p50": round(paths["p50_ms"] / max(paths_base["p50_ms"], 1e-6), 1),
            "search": search,
        },
        "queries": queries,
    }


def main() -> None:
    """Run the benchmark and write bench/results/store.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k orgs, 500k rels")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        result = run(args.scale, args.queries, Path(tmp))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
