"""Bulk load into an empty Neo4j graph: merge in Python once, then only ``CREATE``.

The transactional writer (:class:`innograph.graph.neo4j.writer.Writer`) must look up
what exists, append to it and re-merge every touched node from all its MENTIONS, and it
writes one transaction at a time under the version lock. None of that is needed when the
graph is empty: every node, mention and relationship is new, and its final properties
follow from the documents alone. So a bulk load

1. validates every document (nothing is written if one is invalid; a source given twice
   keeps its last version, as two upserts would);
2. marks the version node "bulk load in progress": other writers refuse until the mark
   is cleared (``Writer.lock``);
3. ``CREATE``\\ s the documents (while Python merges nodes and relationships by the rules
   every writer follows: :func:`merge_mentions`, :func:`merge_supports`), then the nodes,
   then MENTIONS and relationships, ``rows_per_tx`` rows per transaction. Relationships
   find their ends by element id, returned when the nodes were created (a record lookup,
   a quarter cheaper for the server than an index seek), and come from ``workers``
   sessions at once, so the server creates them on both cores; a deadlock between two
   chunks is retried by the driver;
4. counts a new version and clears the mark.

It is not one transaction: if it fails part-way, everything it wrote is deleted again
(the graph was empty before), and if the process dies the mark stays, so no other writer
builds on a partial graph; ``innograph neo4j reset`` clears both.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction

from innograph.graph.algorithms import (
    EdgeKey,
    Mention,
    NormalisedDocument,
    Support,
    merge_mentions,
    merge_supports,
    normalise_document,
)
from innograph.graph.errors import GraphError, InvalidFact
from innograph.graph.neo4j.cypher import (
    BULK_MARK,
    META_LABEL,
    checked,
    document_label,
    labels_of,
    mentions_type,
    rel_type_of,
)
from innograph.graph.neo4j.rows import document_row, edge_props, mention_props, support_json
from innograph.graph.neo4j.writer import Writer
from innograph.graph.store import OnInvalid
from innograph.graph.types import IngestResult
from innograph.ontology.facts import DocumentFacts

_Row = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Target:
    """What a bulk load needs of the Neo4j store (which passes itself in these parts, so
    that this module does not import it): its driver and database, its way of running a
    write transaction, and its wipe."""

    driver: Driver
    database: str | None
    write: Callable[[Callable[[ManagedTransaction], Any]], Any]
    wipe: Callable[[], None]


# MENTIONS: (document source, entity id, properties)
_Mentions = list[tuple[str, str, _Row]]
# relationship type -> (source id, target id, properties)
_Edges = dict[str, list[tuple[str, str, _Row]]]


def latest_versions(
    documents: Iterable[DocumentFacts], on_invalid: OnInvalid | None = None
) -> tuple[list[NormalisedDocument], list[IngestResult]]:
    """Every document validated and, for a source given twice, its last version: what
    upserting them one after another would keep. An invalid document raises InvalidFact,
    or with ``on_invalid`` is reported to it (source, reason) and left out."""
    latest: dict[str, NormalisedDocument] = {}
    results: list[IngestResult] = []
    for facts in documents:
        try:
            doc = normalise_document(facts)
        except InvalidFact as err:
            if on_invalid is None:
                raise
            on_invalid(facts.source, str(err))
            continue
        old = latest.get(facts.source)
        if old is not None and old.facts.content_hash == facts.content_hash:
            results.append(IngestResult(facts.source, "unchanged"))
            continue
        status = "created" if old is None else "updated"
        results.append(IngestResult(facts.source, status, len(doc.nodes), len(doc.edges)))
        # Its entities and relations live on in doc.nodes and doc.edges: let them go.
        doc.facts = replace(facts, entities=[], relations=[])
        latest[facts.source] = doc
    return list(latest.values()), results


def plan_nodes(
    docs: Sequence[NormalisedDocument],
) -> tuple[dict[tuple[str, ...], list[_Row]], _Mentions]:
    """The nodes (property rows by label tuple, root label first) as all their mentions
    make them, and the MENTIONS rows."""
    mentions_by_id: dict[str, list[Mention]] = defaultdict(list)
    mentions: _Mentions = []
    for doc in docs:
        source = doc.facts.source
        for cid, mention in doc.nodes.items():
            mentions_by_id[cid].append(mention)
            mentions.append((source, cid, mention_props(mention)))
    nodes: dict[tuple[str, ...], list[_Row]] = defaultdict(list)
    for cid, node_mentions in mentions_by_id.items():
        merged = merge_mentions(cid, node_mentions)
        nodes[labels_of(merged.type)].append(
            {**merged.properties, "id": merged.id, "name": merged.name}
        )
    return dict(sorted(nodes.items())), mentions


def plan_edges(docs: Sequence[NormalisedDocument]) -> _Edges:
    """The relationships as all their supporting documents make them."""
    given: dict[EdgeKey, list[Support]] = defaultdict(list)
    sources: dict[EdgeKey, list[str]] = defaultdict(list)
    supports: dict[EdgeKey, list[str]] = defaultdict(list)
    for doc in docs:
        source = doc.facts.source
        for key, support in doc.edges.items():
            given[key].append(support)
            sources[key].append(source)
            supports[key].append(support_json(support))
    edges: _Edges = defaultdict(list)
    for key in sorted(given):
        src, rel, dst = key
        merged_edge = merge_supports(key, given[key])
        props = edge_props(merged_edge, sources[key], supports[key])
        edges[rel_type_of(rel)].append((src, dst, props))
    return dict(sorted(edges.items()))


def _chunks(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# (query, parameter rows): one transaction's work
_Work = tuple[str, Sequence[_Row]]


def _document_statements(rows: Sequence[_Row], rows_per_tx: int) -> list[_Work]:
    """Statements creating the documents; each returns (source, element id)."""
    query = (
        f"UNWIND $rows AS row CREATE (d:{document_label()}) SET d = row.props, "
        "d.source = row.source RETURN row.source, elementId(d)"
    )
    return [(query, chunk) for chunk in _chunks(rows, rows_per_tx)]


def _node_statements(nodes: dict[tuple[str, ...], list[_Row]], rows_per_tx: int) -> list[_Work]:
    """Statements creating the entity nodes; each returns (id, element id)."""
    work: list[_Work] = []
    for labels, rows in nodes.items():
        label_expr = ":".join(checked(label) for label in labels)
        query = (
            f"UNWIND $rows AS row CREATE (n:{label_expr}) SET n = row RETURN row.id, elementId(n)"
        )
        work += [(query, chunk) for chunk in _chunks(rows, rows_per_tx)]
    return work


def _relationship_statements(
    rel_type: str,
    triples: list[tuple[str, str, _Row]],
    starts: dict[str, str],
    ends: dict[str, str],
    rows_per_tx: int,
) -> Iterator[_Work]:
    """Statements creating relationships of one type between nodes found by element id
    (``starts``/``ends``: key -> element id; a record lookup, cheaper than an index seek),
    each chunk's rows made when it is taken (not all of them at once)."""
    query = (
        "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a "
        "MATCH (b) WHERE elementId(b) = row.b "
        f"CREATE (a)-[r:{checked(rel_type)}]->(b) SET r = row.props"
    )
    for chunk in _chunks(triples, rows_per_tx):
        yield query, [{"a": starts[a], "b": ends[b], "props": props} for a, b, props in chunk]


def _create(tx: ManagedTransaction, query: str, rows: Sequence[_Row]) -> list[list[Any]]:
    return tx.run(query, rows=rows).values()


def _run_all(store: Target, work: Iterable[_Work], workers: int) -> list[list[Any]]:
    """Run each chunk in its own write transaction, from ``workers`` sessions at once;
    the rows the statements return."""
    pending = iter(work)
    taking = threading.Lock()  # one session at a time advances the (lazy) work
    failures: list[BaseException] = []
    returned: list[list[Any]] = []

    def drain() -> None:
        with store.driver.session(database=store.database) as session:
            while not failures:
                with taking:
                    item = next(pending, None)
                if item is None:
                    return
                query, rows = item
                try:
                    returned.extend(session.execute_write(_create, query, rows))
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
    return returned


def _element_ids(store: Target, work: list[_Work]) -> dict[str, str]:
    """Run node-creating statements from one session; key -> element id of each node."""
    return dict(_run_all(store, work, 1))


def bulk_load(
    store: Target,
    documents: Iterable[DocumentFacts],
    now: str,
    *,
    workers: int,
    rows_per_tx: int,
    on_invalid: OnInvalid | None = None,
) -> list[IngestResult]:
    """Validate, mark the graph, create everything; on failure delete what was written."""
    docs, results = latest_versions(documents, on_invalid)
    store.write(lambda tx: _start(tx, now))
    try:
        # A pipeline: one background session creates documents, then nodes, then MENTIONS
        # while this thread merges nodes, then relationships, then creates those (the
        # driver waits on the socket without holding the GIL, so the merging goes on).
        with ThreadPoolExecutor(max_workers=1) as background:
            doc_rows = [document_row(doc, now) for doc in docs]
            doc_ids = background.submit(
                _element_ids, store, _document_statements(doc_rows, rows_per_tx)
            )
            nodes, mentions = plan_nodes(docs)
            node_ids = background.submit(_element_ids, store, _node_statements(nodes, rows_per_tx))

            def create_mentions() -> None:
                work = _relationship_statements(
                    mentions_type(), mentions, doc_ids.result(), node_ids.result(), rows_per_tx
                )
                _run_all(store, work, 1)

            mentions_done = background.submit(create_mentions)
            del doc_rows, nodes
            edges = plan_edges(docs)
            del docs
            work = chain.from_iterable(
                _relationship_statements(
                    rel_type, triples, node_ids.result(), node_ids.result(), rows_per_tx
                )
                for rel_type, triples in edges.items()
            )
            _run_all(store, work, max(workers - 1, 1))
            mentions_done.result()
    except BaseException:
        store.wipe()  # the graph was empty: back to that (and the mark cleared)
        raise
    store.write(lambda tx: Writer(tx).finish_bulk_load(now))
    return results


def _start(tx: ManagedTransaction, now: str) -> None:
    """Refuse a graph that holds data or another bulk load; else set the mark."""
    Writer(tx).lock()  # refuses while another bulk load holds the graph
    found = tx.run(f"MATCH (n) WHERE NOT n:{META_LABEL} RETURN n LIMIT 1").values()
    if found:
        raise GraphError(
            "a bulk load needs an empty graph and this one holds data: use `innograph "
            "ingest`/`import` to add to it, or `innograph neo4j reset --yes` first"
        )
    tx.run(f"MATCH (m:{META_LABEL} {{key: 'graph'}}) SET m.{BULK_MARK} = $now", now=now).consume()
