"""Bulk load into an empty Neo4j graph: merge in Python once, then only ``CREATE``.

The transactional writer (:class:`innograph.graph.neo4j_store._Writer`) must look up
what exists, append to it and re-merge every touched node from all its MENTIONS, and it
writes one transaction at a time under the version lock. None of that is needed when the
graph is empty: every node, mention and relationship is new, and its final properties
follow from the documents alone. So a bulk load

1. normalises and merges all documents in Python (the rules the writer and the embedded
   store use: :func:`merge_mentions`, :func:`merge_supports`; a source given twice keeps
   its last version, as two upserts would);
2. marks the version node "bulk load in progress" (other writers refuse until it is
   cleared, see :func:`bulk_in_progress`);
3. ``CREATE``\\ s documents, then nodes, then MENTIONS and relationships, in chunks of
   ``rows_per_tx`` rows per transaction, the relationships from ``workers`` sessions at
   once (the server creates relationships on both cores; a deadlock between two chunks
   is retried by the driver);
4. counts a new version and clears the mark.

It is not one transaction: if it fails part-way, everything it wrote is deleted again
(the graph was empty before), and if the process dies the mark stays, so no other writer
builds on a partial graph; ``innograph neo4j reset`` clears both.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from queue import Empty, SimpleQueue
from typing import Any

from innograph.graph import neo4j_store as ns
from innograph.graph.algorithms import (
    EdgeKey,
    Mention,
    NormalisedDocument,
    Support,
    merge_mentions,
    merge_supports,
    normalise_document,
)
from innograph.graph.errors import GraphError
from innograph.graph.types import IngestResult
from innograph.ontology.facts import DocumentFacts
from neo4j import ManagedTransaction


@dataclass(slots=True)
class BulkPlan:
    """Everything a bulk load creates, as parameter rows grouped by statement."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    # label tuple (root first) -> node property rows
    nodes: dict[tuple[str, ...], list[dict[str, Any]]] = field(default_factory=dict)
    # root label -> MENTIONS rows (source, id, type, name, aliases, attributes)
    mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # (relationship type, source root, target root) -> rows (src, dst, props)
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)
    results: list[IngestResult] = field(default_factory=list)

    @property
    def relationship_count(self) -> int:
        """Relationships of the graph (MENTIONS are provenance, counted apart)."""
        return sum(len(rows) for rows in self.edges.values())

    @property
    def mention_count(self) -> int:
        """MENTIONS relationships (document -> entity) the load creates."""
        return sum(len(rows) for rows in self.mentions.values())


def plan_bulk_load(documents: Iterable[DocumentFacts], now: str) -> BulkPlan:
    """Validate and merge every document; raises InvalidFact before anything is written."""
    latest: dict[str, NormalisedDocument] = {}
    plan = BulkPlan()
    for facts in documents:
        doc = normalise_document(facts)
        old = latest.get(facts.source)
        if old is None:
            plan.results.append(
                IngestResult(facts.source, "created", len(doc.nodes), len(doc.edges))
            )
        elif old.facts.content_hash == facts.content_hash:
            plan.results.append(IngestResult(facts.source, "unchanged"))
            continue
        else:
            plan.results.append(
                IngestResult(facts.source, "updated", len(doc.nodes), len(doc.edges))
            )
        latest[facts.source] = doc

    mentions_by_id: dict[str, list[Mention]] = defaultdict(list)
    mention_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    given: dict[EdgeKey, list[Support]] = defaultdict(list)
    sources: dict[EdgeKey, list[str]] = defaultdict(list)
    supports: dict[EdgeKey, list[str]] = defaultdict(list)
    root_of: dict[str, str] = {}
    for doc in latest.values():
        source = doc.facts.source
        plan.documents.append(ns._document_row(doc, now))
        for cid, mention in doc.nodes.items():
            root = ns._labels_of(mention.type)[0]
            root_of[cid] = root
            mentions_by_id[cid].append(mention)
            mention_rows[root].append(ns._mention_row(source, cid, mention))
        for key, support in doc.edges.items():
            given[key].append(support)
            sources[key].append(source)
            supports[key].append(ns._support_json(support))

    nodes: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for cid, node_mentions in mentions_by_id.items():
        merged = merge_mentions(cid, node_mentions)
        nodes[ns._labels_of(merged.type)].append(
            {**merged.properties, "id": merged.id, "name": merged.name}
        )
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for key in sorted(given):
        src, rel, dst = key
        merged_edge = merge_supports(key, given[key])
        group = (ns._rel_type_of(rel), root_of[src], root_of[dst])
        props = ns._edge_props(merged_edge, sources[key], supports[key])
        edges[group].append({"src": src, "dst": dst, "props": props})
    plan.nodes = dict(sorted(nodes.items()))
    plan.mentions = dict(sorted(mention_rows.items()))
    plan.edges = dict(sorted(edges.items()))
    return plan


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _statements(plan: BulkPlan, rows_per_tx: int) -> tuple[list[_Work], list[_Work]]:
    """(node statements, relationship statements), each a (query, rows) chunk."""
    doc_label, mentions = ns._document_label(), ns._mentions_type()
    nodes: list[_Work] = [
        (
            "UNWIND $rows AS row CREATE (d:" + doc_label + ") SET d = row.props, "
            "d.source = row.source",
            chunk,
        )
        for chunk in _chunks(plan.documents, rows_per_tx)
    ]
    for labels, rows in plan.nodes.items():
        label_expr = ":".join(ns._checked(label) for label in labels)
        query = f"UNWIND $rows AS row CREATE (n:{label_expr}) SET n = row"
        nodes += [(query, chunk) for chunk in _chunks(rows, rows_per_tx)]
    rels: list[_Work] = []
    for root, rows in plan.mentions.items():
        query = (
            f"UNWIND $rows AS row MATCH (d:{doc_label} {{source: row.source}})"
            f"{ns._hint('d', doc_label, 'source')} "
            f"MATCH (n:{root} {{id: row.id}}){ns._hint('n', root)} "
            f"CREATE (d)-[:{mentions} {{type: row.type, name: row.name, aliases: row.aliases, "
            "attributes: row.attributes}]->(n)"
        )
        rels += [(query, chunk) for chunk in _chunks(rows, rows_per_tx)]
    for (rel_type, src_root, dst_root), rows in plan.edges.items():
        query = (
            f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}}){ns._hint('a', src_root)} "
            f"MATCH (b:{dst_root} {{id: row.dst}}){ns._hint('b', dst_root)} "
            f"CREATE (a)-[r:{rel_type}]->(b) SET r = row.props"
        )
        rels += [(query, chunk) for chunk in _chunks(rows, rows_per_tx)]
    return nodes, rels


_Work = tuple[str, Sequence[dict[str, Any]]]


def _create(tx: ManagedTransaction, query: str, rows: Sequence[dict[str, Any]]) -> None:
    tx.run(query, rows=rows).consume()


def _run_all(store: ns.Neo4jStore, work: list[_Work], workers: int) -> None:
    """Run each chunk in its own write transaction, from ``workers`` sessions at once."""
    queue: SimpleQueue[_Work] = SimpleQueue()
    for item in work:
        queue.put(item)
    failures: list[BaseException] = []

    def drain() -> None:
        with store._driver.session(database=store.database) as session:
            while not failures:
                try:
                    query, rows = queue.get_nowait()
                except Empty:
                    return
                try:
                    session.execute_write(_create, query, rows)
                except BaseException as err:  # noqa: BLE001 - handed to the caller below
                    failures.append(err)

    threads = [threading.Thread(target=drain, daemon=True) for _ in range(max(workers, 1) - 1)]
    for thread in threads:
        thread.start()
    drain()  # this thread works too
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def write_bulk_plan(
    store: ns.Neo4jStore, plan: BulkPlan, now: str, *, workers: int, rows_per_tx: int
) -> None:
    """Create the plan in the (empty) graph; on failure delete what was written."""

    def start(tx: ManagedTransaction) -> None:
        writer = ns._Writer(tx)
        writer.lock()  # refuses while another bulk load holds the graph
        found = tx.run(
            f"MATCH (n) WHERE NOT n:{ns.META_LABEL} RETURN count(n) > 0 AS found LIMIT 1"
        ).single()
        if found and found["found"]:
            raise GraphError(
                "a bulk load needs an empty graph and this one holds data: use `innograph "
                "ingest`/`import` to add to it, or `innograph neo4j reset --yes` first"
            )
        tx.run(
            f"MATCH (m:{ns.META_LABEL} {{key: 'graph'}}) SET m.{ns.BULK_MARK} = $now", now=now
        ).consume()

    store._write(start)
    node_work, rel_work = _statements(plan, rows_per_tx)
    try:
        # Nodes first and from one session: relationships need both ends to exist.
        _run_all(store, node_work, 1)
        _run_all(store, rel_work, workers)
    except BaseException:
        store.wipe()  # the graph was empty: back to that (and the mark cleared)
        raise
    store._write(lambda tx: ns._Writer(tx).finish_bulk_load(now))
