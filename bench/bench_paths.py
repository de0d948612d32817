"""Partnership paths on the real graph: p50/p95 of k=3, 4-hop paths on the embedded store
and on Neo4j, next to the old unrestricted paths (any type, any relation: through
countries and programmes) measured in the same run.

The graph: CORDIS ECSEL (projects and participants), EFRO NL, the first ``--esif-rows``
rows of ESIF, and the text documents of ``examples/`` and the shared corpus, extracted
with a resolver that knows the imported entities. The same documents are then
bulk-loaded into Neo4j (wiped first; a server is started and stopped here unless
INNOGRAPH_NEO4J_URI names one; ``--no-neo4j`` skips it).

Pairs: organisations that have a partner, the busiest (most partners: the hard cases)
each with one at random. For each pair it times ``store.paths`` (partnership paths, the
default: targets under 100 ms p95 embedded, under 300 ms on Neo4j), the same with the
explanation the API adds when the answer is empty (``explain_no_paths``; also alone, on
pairs of a busy organisation and one without any partner), and the
unrestricted search (``via=all``, the behaviour before partnership paths) as the
baseline. The machine's load average is recorded before and after.

    python -m bench.bench_paths [--esif-rows 50000] [--pairs 100] [--no-neo4j]

Writes ``bench/results/paths.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.partnership import default_scope, explain_no_paths, widest_scope
from innograph.graph.store import GraphStore
from innograph.ingest.batch import run_batch
from innograph.ingest.importers.common import ImportReport, NameResolver
from innograph.ingest.importers.cordis import iter_participants, iter_projects
from innograph.ingest.importers.efro_nl import iter_efro_nl
from innograph.ingest.importers.esif import iter_esif
from innograph.ontology.facts import DocumentFacts
from innograph.service import extractor_for, write_all

from .bench_import import DATA, ESIF
from .bench_neo4j_load import neo4j_server

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "paths.json"
TEXTS = [ROOT / "examples", DATA.parent.parent / "corpus"]
K, MAX_HOPS = 3, 4

Pair = tuple[str, str]


def structured(esif_rows: int) -> Iterator[DocumentFacts]:
    """The structured sources' documents, in import order."""
    report, names = ImportReport(), NameResolver()
    yield from iter_projects(DATA / "ecsel_h2020_projects.csv", report, names)
    yield from iter_participants(DATA / "ecsel_h2020_participants.csv", report, names)
    yield from iter_efro_nl(DATA / "nl_structural_funds_efro_esf_2007_2016.csv", report, names)
    for n, doc in enumerate(iter_esif(DATA / ESIF, report, names)):
        if n >= esif_rows:
            return
        yield doc


def build(store: EmbeddedStore, esif_rows: int) -> tuple[list[DocumentFacts], dict[str, Any]]:
    """Import, then extract the text documents against the imported graph; every
    document written (to load Neo4j with the very same facts) and the figures."""
    start = time.perf_counter()
    documents = list(structured(esif_rows))
    write_all(store, documents)
    imported = time.perf_counter() - start
    start = time.perf_counter()
    extractor = extractor_for(store)
    texts = [o.facts for o in run_batch(TEXTS, extractor) if o.facts is not None]
    write_all(store, texts)
    stats = store.stats()
    return documents + texts, {
        "esif_rows": esif_rows,
        "structured_documents": len(documents),
        "text_documents": len(texts),
        "import_s": round(imported, 1),
        "extract_s": round(time.perf_counter() - start, 1),
        "nodes": stats.total_nodes,
        "relationships": stats.total_relationships,
        "relationships_by_type": stats.relationships,
    }


def sample_pairs(store: GraphStore, count: int, seed: int = 11) -> list[Pair]:
    """Pairs of organisations that have a partner (they share a project, platform or
    event with another one): half those with the most partners, half at random among
    the rest, each busy one paired with a random one. Organisations without a partner
    have no partnership path at all: their pairs would only time the empty answer."""
    members: dict[str, set[str]] = {}
    for edge in store.iter_edges(types=["LEADS", "PARTICIPATES_IN"]):
        if edge.source.startswith("org-"):
            members.setdefault(edge.target, set()).add(edge.source)
    partners: dict[str, int] = {}
    for orgs in members.values():
        if len(orgs) > 1:
            for org in orgs:
                partners[org] = partners.get(org, 0) + len(orgs) - 1
    ranked = sorted(partners, key=lambda o: (-partners[o], o))
    busiest = ranked[:count]
    rng = random.Random(seed)
    others = rng.sample(ranked[count:], min(len(ranked) - count, count))
    return list(zip(busiest, others, strict=False))


def unpartnered_pairs(store: GraphStore, count: int, seed: int = 12) -> list[Pair]:
    """Pairs of the busiest organisations with ones that lead or join projects alone:
    no partnership path, so the answer is empty and explained."""
    members: dict[str, set[str]] = {}
    for edge in store.iter_edges(types=["LEADS", "PARTICIPATES_IN"]):
        if edge.source.startswith("org-"):
            members.setdefault(edge.target, set()).add(edge.source)
    partnered = {o for orgs in members.values() if len(orgs) > 1 for o in orgs}
    alone = sorted({o for orgs in members.values() for o in orgs} - partnered)
    busiest = [a for a, _ in sample_pairs(store, count)]
    rng = random.Random(seed)
    return list(zip(busiest, rng.sample(alone, min(len(alone), len(busiest))), strict=False))


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def _timed(call: Callable[[str, str], object], pairs: list[Pair]) -> dict[str, float]:
    times = []
    for a, b in pairs:
        start = time.perf_counter()
        call(a, b)
        times.append(time.perf_counter() - start)
    return _percentiles(times)


def measure(store: GraphStore, pairs: list[Pair], unpartnered: list[Pair]) -> dict[str, Any]:
    """Latencies of partnership paths (with and without the empty answer's explanation)
    and of the unrestricted search, on the same pairs; how many answers were empty; and
    the empty, explained answer on ``unpartnered`` pairs."""
    widest = widest_scope()
    everything: dict[str, Any] = {
        "via": sorted(widest.node_types),
        "relations": sorted(widest.relations),
    }
    store.paths(*pairs[0], k=K, max_hops=MAX_HOPS)  # warm caches and query plans
    store.paths(*pairs[0], k=K, max_hops=MAX_HOPS, **everything)

    def explained(a: str, b: str) -> object:
        found = store.paths(a, b, k=K, max_hops=MAX_HOPS)
        if not found:
            return explain_no_paths(store, a, b, max_hops=MAX_HOPS, scope=default_scope())
        return found

    load_before = round(os.getloadavg()[0], 2)
    partnership = _timed(lambda a, b: store.paths(a, b, k=K, max_hops=MAX_HOPS), pairs)
    with_reason = _timed(explained, pairs)
    unrestricted = _timed(
        lambda a, b: store.paths(a, b, k=K, max_hops=MAX_HOPS, **everything), pairs
    )
    empty = sum(1 for a, b in pairs if not store.paths(a, b, k=K, max_hops=MAX_HOPS))
    explained_only = _timed(explained, unpartnered) if unpartnered else None
    return {
        "unpartnered_pairs": len(unpartnered),
        "empty_answer_with_reason_k3_hops4": explained_only,
        "pairs": len(pairs),
        "empty_answers": empty,
        "partnership_k3_hops4": partnership,
        "partnership_with_reason_k3_hops4": with_reason,
        "unrestricted_baseline_k3_hops4": unrestricted,
        "ratio_p95_vs_unrestricted": round(
            partnership["p95_ms"] / max(unrestricted["p95_ms"], 1e-3), 3
        ),
        "load_avg_1min_before": load_before,
        "load_avg_1min_after": round(os.getloadavg()[0], 2),
    }


def neo4j_figures(
    documents: list[DocumentFacts], pairs: list[Pair], unpartnered: list[Pair]
) -> dict[str, Any]:
    """The same documents bulk-loaded into a wiped Neo4j, and the same measurements."""
    with neo4j_server() as store:
        store.wipe()
        start = time.perf_counter()
        store.bulk_load(documents)
        loaded = round(time.perf_counter() - start, 1)
        stats = store.stats()
        figures = measure(store, pairs, unpartnered)
        store.wipe()
    return {
        "bulk_load_s": loaded,
        "nodes": stats.total_nodes,
        "relationships": stats.total_relationships,
        **figures,
    }


def run(esif_rows: int, pairs: int, neo4j: bool) -> dict[str, Any]:
    """Build the graph, measure on the embedded store, then on Neo4j; the results."""
    result: dict[str, Any] = {"k": K, "max_hops": MAX_HOPS}
    with tempfile.TemporaryDirectory(prefix="innograph-bench-paths-") as tmp:
        store = EmbeddedStore(Path(tmp) / "store")
        documents, result["graph"] = build(store, esif_rows)
        chosen = sample_pairs(store, pairs)
        alone = unpartnered_pairs(store, pairs // 2)
        result["embedded"] = measure(store, chosen, alone)
        store.close()
    if neo4j:
        result["neo4j"] = neo4j_figures(documents, chosen, alone)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esif-rows", type=int, default=50_000)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--no-neo4j", action="store_true", help="the embedded store only")
    args = parser.parse_args()
    result = run(args.esif_rows, args.pairs, not args.no_neo4j)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
