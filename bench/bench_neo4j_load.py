"""Neo4j bulk load: the store's batched writer next to a naive one-statement-per-row loader.

The synthetic ecosystem of ``bench.bench_store`` (by default 100k organisations, 20k
projects, 500k relationships, Zipf-like participation) is written into the real Neo4j
server twice in one run:

* naive: every entity and every relationship its own auto-commit ``MERGE`` statement,
  on the first ``--naive-docs`` documents (a sample: at full size it would take hours);
* batched: the whole graph through ``Neo4jStore.upsert_documents`` (``UNWIND ... MERGE``,
  one transaction per ``--batch`` documents, with provenance and node merging), the
  writer every ingest uses;
* bulk: the whole graph through ``Neo4jStore.bulk_load`` into the emptied graph (merged
  in Python once, then only ``CREATE``, relationships from two sessions), the same graph.

Relationships per second for each and their ratios (the MENTIONS relationships of the
provenance, one per document and entity, are counted apart); then p50/p95 latency of
``collaborators`` and ``paths`` on Neo4j, next to the embedded store loaded with the same
graph in the same run (``--no-embedded`` skips it).

    python -m bench.bench_neo4j_load [--scale 1.0] [--batch 2000] [--queries 100]

Uses the server named by INNOGRAPH_NEO4J_* or, when none is, starts
``scripts/neo4j-server`` (and stops it afterwards). The graph on that server is WIPED.
Writes ``bench/results/neo4j_load.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from innograph.config import load_settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.neo4j.store import Neo4jStore
from innograph.graph.store import GraphStore
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.terms import entity_type, relation_type

from .bench_store import Synthetic, _batches, _latencies

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "neo4j_load.json"


@contextmanager
def neo4j_server() -> Iterator[Neo4jStore]:
    """The configured Neo4j store, or one on a server started (and stopped) here."""
    started = False
    if not os.environ.get("INNOGRAPH_NEO4J_URI"):
        script = str(ROOT / "scripts" / "neo4j-server")
        status = subprocess.run([script, "status"], capture_output=True, text=True, check=False)
        out = subprocess.run([script, "start"], capture_output=True, text=True, check=True)
        started = status.returncode != 0
        for line in out.stdout.splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            os.environ[name] = value
    store = Neo4jStore.from_settings(load_settings())
    try:
        yield store
    finally:
        store.close()
        if started:
            subprocess.run([str(ROOT / "scripts" / "neo4j-server"), "stop"], check=False)


def naive_load(store: Neo4jStore, docs: list[DocumentFacts]) -> int:
    """One auto-commit statement per entity and per relationship; the relationships written."""
    written = 0
    driver, database = store._driver, store.database  # the same connection pool
    with driver.session(database=database) as session:
        for facts in docs:
            keys = {}
            for ent in facts.entities:
                label = entity_type(ent.type).neo4j_label  # from the ontology, not the data
                keys[ent.key] = (label, ent.canonical_id)
                session.run(
                    f"MERGE (n:{label} {{id: $id}}) SET n.name = $name",
                    id=ent.canonical_id,
                    name=ent.name,
                ).consume()
            for rel in facts.relations:
                (src_label, src), (dst_label, dst) = keys[rel.source], keys[rel.target]
                rel_type = relation_type(rel.type).neo4j_type
                session.run(
                    f"MATCH (a:{src_label} {{id: $src}}) MATCH (b:{dst_label} {{id: $dst}}) "
                    f"MERGE (a)-[r:{rel_type}]->(b) SET r.evidence = $evidence, r.source = $source",
                    src=src,
                    dst=dst,
                    evidence=rel.evidence,
                    source=facts.source,
                ).consume()
                written += 1
    return written


def load(store: GraphStore, data: Synthetic, batch: int) -> dict[str, Any]:
    """The whole graph through upsert_documents; time and throughput."""
    start = time.perf_counter()
    documents = 0
    for docs in _batches(data.documents(), batch):
        store.upsert_documents(docs)
        documents += len(docs)
    seconds = time.perf_counter() - start
    stats = store.stats()
    return {
        "documents": documents,
        "nodes": stats.total_nodes,
        "relationships": stats.total_relationships,
        "seconds": round(seconds, 2),
        "relationships_per_s": round(stats.total_relationships / seconds),
    }


def bulk(store: Neo4jStore, data: Synthetic) -> dict[str, Any]:
    """The whole graph through bulk_load into the empty graph; time and throughput."""
    docs = list(data.documents())
    start = time.perf_counter()
    store.bulk_load(docs)
    seconds = time.perf_counter() - start
    stats = store.stats()
    mentions = store._read("MATCH ()-[m:MENTIONS]->() RETURN count(m)")[0][0]
    return {
        "documents": len(docs),
        "nodes": stats.total_nodes,
        "relationships": stats.total_relationships,
        "mentions": mentions,
        "seconds": round(seconds, 2),
        "relationships_per_s": round(stats.total_relationships / seconds),
        "with_mentions_per_s": round((stats.total_relationships + mentions) / seconds),
    }


def latencies(
    store: GraphStore, data: Synthetic, queries: int, seed: int = 11
) -> dict[str, dict[str, float]]:
    """p50/p95 of collaborators and k=3 paths on random active organisations."""
    rng = random.Random(seed)
    active = sorted({f"org-{o}" for members in data.members for o in members})
    sample = [rng.choice(active) for _ in range(queries)]
    pairs = [(rng.choice(active), rng.choice(active)) for _ in range(queries)]
    store.collaborators(sample[0])  # warm caches and query plans once
    return {
        "collaborators": _latencies(lambda o: store.collaborators(o), sample),
        "paths_k3_max4": _latencies(lambda p: store.paths(p[0], p[1], k=3, max_hops=4), pairs),
    }


def run(scale: float, batch: int, naive_docs: int, queries: int, embedded: bool) -> dict[str, Any]:
    """Naive sample, batched full load, latencies; the measurements as a dict."""
    orgs, projects, rels = int(100_000 * scale), int(20_000 * scale), int(500_000 * scale)
    data = Synthetic(orgs, projects, rels)
    result: dict[str, Any] = {
        "graph": {"organisations": orgs, "projects": projects, "relationships_target": rels},
        "batch_documents": batch,
    }
    with neo4j_server() as neo:
        neo.wipe()
        sample = list(islice(data.documents(), naive_docs))
        start = time.perf_counter()
        written = naive_load(neo, sample)
        naive_s = time.perf_counter() - start
        result["naive"] = {
            "documents": len(sample),
            "relationships": written,
            "seconds": round(naive_s, 2),
            "relationships_per_s": round(written / naive_s),
        }
        neo.wipe()
        result["batched"] = load(neo, data, batch)
        result["batched_vs_naive"] = round(
            result["batched"]["relationships_per_s"] / result["naive"]["relationships_per_s"], 1
        )
        result["machine_load_avg_1min"] = round(os.getloadavg()[0], 1)
        result["latency_neo4j"] = latencies(neo, data, queries)
        neo.wipe()
        result["bulk"] = bulk(neo, data)
        result["bulk"]["machine_load_avg_1min"] = round(os.getloadavg()[0], 1)
        result["bulk_vs_naive"] = round(
            result["bulk"]["relationships_per_s"] / result["naive"]["relationships_per_s"], 1
        )
        result["bulk_vs_batched"] = round(
            result["bulk"]["relationships_per_s"] / result["batched"]["relationships_per_s"], 2
        )
        same = ("nodes", "relationships")
        if any(result["bulk"][k] != result["batched"][k] for k in same):
            raise SystemExit(f"bulk and batched loads differ: {result['bulk']} {result['batched']}")
        neo.wipe()
    if embedded:
        with tempfile.TemporaryDirectory(prefix="bench-neo4j-embedded-") as tmp:
            store = EmbeddedStore(Path(tmp) / "store")
            try:
                result["embedded_load"] = load(store, data, 1000)
                result["latency_embedded"] = latencies(store, data, queries)
            finally:
                store.close()
    return result


def main() -> None:
    """Run the benchmark and write bench/results/neo4j_load.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k orgs, 500k rels")
    parser.add_argument("--batch", type=int, default=2000, help="documents per transaction")
    parser.add_argument("--naive-docs", type=int, default=300, help="documents in the sample")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--no-embedded", action="store_true", help="skip the embedded store")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    result = run(args.scale, args.batch, args.naive_docs, args.queries, not args.no_embedded)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
