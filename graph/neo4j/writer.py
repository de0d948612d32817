"""The transactional write path of the Neo4j store: one :class:`Writer` per write
transaction locks the version node, retracts, inserts and re-merges what changed."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from neo4j import ManagedTransaction

from innograph.graph.algorithms import (
    Mention,
    NormalisedDocument,
    Support,
    merge_mentions,
    merge_supports,
)
from innograph.graph.errors import StoreUnavailable
from innograph.graph.neo4j.cypher import (
    BULK_MARK,
    META_LABEL,
    EdgeKey,
    all_rel_types,
    checked,
    contract_rel_by_type,
    document_label,
    edge_hints,
    hint,
    labels_of,
    mentions_type,
    rel_type_of,
    root_of,
    type_by_label,
)
from innograph.graph.neo4j.rows import (
    document_row,
    edge_from_row,
    edge_props,
    mention_row,
    support_json,
    utc_now,
)
from innograph.graph.types import IngestResult

# -- the write transaction -----------------------------------------------------------------


class Writer:
    """One write transaction: lock the version node, retract, insert, re-merge what changed.

    Nodes and relationships touched by the transaction are re-merged from all their
    MENTIONS / supports at the end (so the result is the same whatever the order of the
    documents), and those left without any are deleted.
    """

    def __init__(self, tx: ManagedTransaction) -> None:
        self.tx = tx
        self.touched_nodes: dict[str, set[str]] = defaultdict(set)  # root label -> ids
        # (type, source root, target root) -> {(source id, target id)}
        self.touched_edges: dict[_EdgeGroup, set[tuple[str, str]]] = defaultdict(set)
        # What this transaction last wrote to a relationship: (sources, supports).
        self.edge_state: dict[_EdgeGroup, dict[tuple[str, str], tuple[list[str], list[str]]]] = (
            defaultdict(dict)
        )

    def run(self, query: str, **params: Any) -> list[list[Any]]:
        """Run one statement in the transaction; its rows."""
        return self.tx.run(query, params).values()

    def lock(self) -> None:
        """Take the write lock of the version node: writers go one at a time, and none
        while a bulk load holds the graph."""
        rows = self.run(
            f"MERGE (m:{META_LABEL} {{key: 'graph'}}) ON CREATE SET m.version = 0 "
            f"SET m.lock = coalesce(m.lock, 0) + 1 RETURN m.{BULK_MARK}"
        )
        started = rows[0][0] if rows else None
        if started is not None:
            raise StoreUnavailable(
                f"a bulk load started at {started} is writing this graph; try again when it "
                "has finished (if it was interrupted, `innograph neo4j reset --yes` clears it)"
            )

    def finish_bulk_load(self, now: str) -> None:
        """Clear the bulk-load mark and count one more change."""
        self.run(f"MATCH (m:{META_LABEL} {{key: 'graph'}}) REMOVE m.{BULK_MARK}")
        self.bump(now)

    def bump(self, now: str) -> None:
        """Count one more change."""
        self.run(
            f"MERGE (m:{META_LABEL} {{key: 'graph'}}) ON CREATE SET m.version = 0 "
            "SET m.version = m.version + 1, m.updated_at = $now",
            now=now,
        )

    def upsert(self, docs: list[NormalisedDocument]) -> list[IngestResult]:
        """Write validated documents (retracting older versions); one result each."""
        self.lock()
        now = utc_now()
        results: list[IngestResult] = []
        changed = False
        # A source repeated within the batch is written in order, one run at a time.
        for run in _runs(docs):
            rows = self.run(
                f"UNWIND $sources AS s OPTIONAL MATCH (d:{document_label()} {{source: s}})"
                f"{hint('d', document_label(), 'source')} "
                "RETURN s, d.content_hash",
                sources=[d.facts.source for d in run],
            )
            old = dict((r[0], r[1]) for r in rows)
            fresh = [d for d in run if old.get(d.facts.source) != d.facts.content_hash]
            fresh_ids = {id(d) for d in fresh}
            retract = [d.facts.source for d in fresh if old.get(d.facts.source) is not None]
            if retract:
                self.retract(retract)
            if fresh:
                self.insert(fresh, now)
                changed = True
            for d in run:
                source = d.facts.source
                if id(d) in fresh_ids:
                    status = "updated" if old.get(source) is not None else "created"
                    results.append(IngestResult(source, status, len(d.nodes), len(d.edges)))
                else:
                    results.append(IngestResult(source, "unchanged"))
        if changed:
            self.remerge()
            self.bump(now)
        return results

    def remove(self, source: str) -> bool:
        """Retract one document's facts; False if it was not in the graph."""
        self.lock()
        rows = self.run(
            f"MATCH (d:{document_label()} {{source: $source}})"
            f"{hint('d', document_label(), 'source')} RETURN count(d)",
            source=source,
        )
        if not rows or not rows[0][0]:
            return False
        self.retract([source])
        self.run(
            f"MATCH (d:{document_label()} {{source: $source}})"
            f"{hint('d', document_label(), 'source')} DETACH DELETE d",
            source=source,
        )
        self.remerge()
        self.bump(utc_now())
        return True

    def retract(self, sources: list[str]) -> None:
        """Take these documents' mentions and supports out (nodes stay until remerge)."""
        doc, mentions = document_label(), mentions_type()
        rows = self.run(
            f"UNWIND $sources AS s MATCH (d:{doc} {{source: s}})-[:{mentions}]->(n)"
            f"-[r:{all_rel_types()}]-(){hint('d', doc, 'source')} WHERE s IN r.sources "
            "RETURN DISTINCT startNode(r).id, type(r), endNode(r).id, r.sources, r.supports",
            sources=sources,
        )
        gone = set(sources)
        updates: dict[_EdgeGroup, list[dict[str, Any]]] = defaultdict(list)
        for start, rel_type, end, srcs, supports in rows:
            keep = [(s, j) for s, j in zip(srcs, supports, strict=True) if s not in gone]
            group = _edge_group(rel_type, start, end)
            updates[group].append(
                {
                    "src": start,
                    "dst": end,
                    "sources": [s for s, _ in keep],
                    "supports": [j for _, j in keep],
                }
            )
            self.touched_edges[group].add((start, end))
            self.edge_state[group][(start, end)] = (
                updates[group][-1]["sources"],
                updates[group][-1]["supports"],
            )
        for (rel_type, src_root, dst_root), group_rows in sorted(updates.items()):
            self.run(
                f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}})"
                f"-[r:{rel_type}]->(b:{dst_root} {{id: row.dst}})"
                f"{edge_hints(src_root, dst_root)} "
                "SET r.sources = row.sources, r.supports = row.supports",
                rows=group_rows,
            )
        rows = self.run(
            f"UNWIND $sources AS s MATCH (d:{doc} {{source: s}})-[m:{mentions}]->(n)"
            f"{hint('d', doc, 'source')} "
            "DELETE m RETURN DISTINCT n.id",
            sources=sources,
        )
        for (node_id,) in rows:
            self._touch_node(node_id)

    def _touch_node(self, node_id: str) -> None:
        root = root_of(node_id)
        if root is not None:
            self.touched_nodes[root].add(node_id)

    def insert(self, docs: list[NormalisedDocument], now: str) -> None:
        """Write documents, their mentions and their supports."""
        doc, mentions = document_label(), mentions_type()
        self.run(
            f"UNWIND $docs AS row MERGE (d:{doc} {{source: row.source}}) SET d += row.props",
            docs=[document_row(d, now) for d in docs],
        )
        # Nodes: the ones this batch creates are written once, merged from the batch's own
        # mentions; only nodes that existed before are re-merged from all their MENTIONS.
        mentions_by_id: dict[str, list[Mention]] = defaultdict(list)
        rows_by_root: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in docs:
            for cid, mention in d.nodes.items():
                mentions_by_id[cid].append(mention)
                rows_by_root[labels_of(mention.type)[0]].append(
                    mention_row(d.facts.source, cid, mention)
                )
        new_ids: set[str] = set()
        for root, rows in sorted(rows_by_root.items()):
            ids = sorted({row["id"] for row in rows})
            existing = {
                r[0]
                for r in self.run(
                    f"UNWIND $ids AS id MATCH (n:{root} {{id: id}}){hint('n', root)} RETURN id",
                    ids=ids,
                )
            }
            self.touched_nodes[root].update(existing)
            created: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
            for node_id in ids:
                if node_id in existing:
                    continue
                new_ids.add(node_id)
                merged = merge_mentions(node_id, mentions_by_id[node_id])
                props = {**merged.properties, "id": merged.id, "name": merged.name}
                created[labels_of(merged.type)].append(props)
            for labels, props_rows in sorted(created.items()):
                self.run(
                    f"UNWIND $rows AS row CREATE (n:{':'.join(labels)}) SET n = row",
                    rows=props_rows,
                )
            self.run(
                f"UNWIND $rows AS row MATCH (d:{doc} {{source: row.source}})"
                f"{hint('d', doc, 'source')} "
                f"MATCH (n:{root} {{id: row.id}}){hint('n', root)} "
                f"CREATE (d)-[:{mentions} {{type: row.type, name: row.name, aliases: row.aliases, "
                "attributes: row.attributes}]->(n)",
                rows=rows,
            )
        # One row per relationship (several documents of the batch may support it).
        groups: dict[_EdgeGroup, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
        given: dict[EdgeKey, list[Support]] = defaultdict(list)  # what the rows' JSON says
        for d in docs:
            types = {cid: m.type for cid, m in d.nodes.items()}
            for (src, rel, dst), support in d.edges.items():
                group = (rel_type_of(rel), labels_of(types[src])[0], labels_of(types[dst])[0])
                row = groups[group].setdefault(
                    (src, dst), {"src": src, "dst": dst, "sources": [], "supports": []}
                )
                row["sources"].append(d.facts.source)
                row["supports"].append(support_json(support))
                given[(src, rel, dst)].append(support)
        for group, by_pair in sorted(groups.items()):
            rows = [by_pair[pair] for pair in sorted(by_pair)]
            self._insert_edges(group, rows, new_ids, given)

    def _insert_edges(
        self,
        group: _EdgeGroup,
        rows: list[dict[str, Any]],
        new_ids: set[str],
        given: Mapping[EdgeKey, list[Support]],
    ) -> None:
        """Create the group's new relationships with their final properties in one write;
        append to the ones that already exist and leave those to :meth:`remerge`."""
        rel_type, src_root, dst_root = group
        # A relationship to a node this batch created cannot exist yet: no lookup needed.
        maybe = [r for r in rows if r["src"] not in new_ids and r["dst"] not in new_ids]
        existing: set[tuple[str, str]] = set()
        if maybe:
            existing = {
                (a, b)
                for a, b in self.run(
                    f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}})"
                    f"-[:{rel_type}]->(b:{dst_root} {{id: row.dst}})"
                    f"{edge_hints(src_root, dst_root)} RETURN row.src, row.dst",
                    rows=[{"src": r["src"], "dst": r["dst"]} for r in maybe],
                )
            }
        fresh, append = [], []
        for row in rows:
            if (row["src"], row["dst"]) in existing:
                append.append(row)
                continue
            key = (row["src"], contract_rel_by_type()[rel_type], row["dst"])
            merged = merge_supports(key, given[key])
            props = edge_props(merged, row["sources"], row["supports"])
            fresh.append({"src": row["src"], "dst": row["dst"], "props": props})
        if fresh:
            self.run(
                f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}}){hint('a', src_root)} "
                f"MATCH (b:{dst_root} {{id: row.dst}}){hint('b', dst_root)} "
                f"CREATE (a)-[r:{rel_type}]->(b) "
                "SET r = row.props",
                rows=fresh,
            )
        if append:
            found = self.run(
                f"UNWIND $rows AS row MATCH (a:{src_root} {{id: row.src}})"
                f"-[r:{rel_type}]->(b:{dst_root} {{id: row.dst}})"
                f"{edge_hints(src_root, dst_root)} "
                "SET r.sources = coalesce(r.sources, []) + row.sources, "
                "r.supports = coalesce(r.supports, []) + row.supports "
                "RETURN row.src, row.dst, r.sources, r.supports",
                rows=append,
            )
            for src, dst, sources, supports in found:
                self.touched_edges[group].add((src, dst))
                self.edge_state[group][(src, dst)] = (sources, supports)

    def remerge(self) -> None:
        """Recompute every touched relationship and node from what supports it.

        Every lookup goes through the unique id indexes (label + id), so the plans stay
        index seeks whatever the statistics say when a query is first planned.
        """
        for (rel_type, src_root, dst_root), pairs in sorted(self.touched_edges.items()):
            edge = (
                f"(a:{src_root} {{id: row.src}})-[r:{rel_type}]->(b:{dst_root} {{id: row.dst}})"
                f"{edge_hints(src_root, dst_root)}"
            )
            known = self.edge_state.get((rel_type, src_root, dst_root), {})
            unknown = [{"src": a, "dst": b} for a, b in sorted(pairs) if (a, b) not in known]
            rows: list[list[Any]] = [
                [a, b, *known[(a, b)]] for a, b in sorted(pairs) if (a, b) in known
            ]
            if unknown:
                rows += self.run(
                    f"UNWIND $rows AS row MATCH {edge} "
                    "RETURN row.src, row.dst, r.sources, r.supports",
                    rows=unknown,
                )
            dead, updates = [], []
            for start, end, sources, supports in rows:
                if not supports:
                    dead.append({"src": start, "dst": end})
                    continue
                merged = edge_from_row(start, rel_type, end, supports)
                updates.append(
                    {"src": start, "dst": end, "props": edge_props(merged, sources, supports)}
                )
            if dead:
                self.run(f"UNWIND $rows AS row MATCH {edge} DELETE r", rows=dead)
            if updates:
                self.run(f"UNWIND $rows AS row MATCH {edge} SET r = row.props", rows=updates)
        for root, ids in sorted(self.touched_nodes.items()):
            self._remerge_nodes(root, sorted(ids))
        self.touched_nodes.clear()
        self.touched_edges.clear()
        self.edge_state.clear()

    def _remerge_nodes(self, root: str, ids: list[str]) -> None:
        node = f"(n:{root} {{id: row}}){hint('n', root)}"
        rows = self.run(
            f"UNWIND $ids AS row MATCH {node} "
            f"OPTIONAL MATCH (n)<-[m:{mentions_type()}]-(d) "
            "WITH n, collect([d.source, m.type, m.name, m.aliases, m.attributes]) AS ms "
            "RETURN n.id, labels(n), properties(n), ms",
            ids=ids,
        )
        orphans: list[str] = []
        props_rows: list[dict[str, Any]] = []
        add: dict[str, list[str]] = defaultdict(list)
        remove: dict[str, list[str]] = defaultdict(list)
        for node_id, labels, current, mention_rows in rows:
            mentions = [
                Mention(src, mtype, name, tuple(aliases or ()), json.loads(attrs))
                for src, mtype, name, aliases, attrs in mention_rows
                if src is not None
            ]
            if not mentions:
                orphans.append(node_id)
                continue
            merged = merge_mentions(node_id, mentions)
            props = {**merged.properties, "id": merged.id, "name": merged.name}
            if props != current:  # an unchanged node is not rewritten (nor re-indexed)
                props_rows.append({"id": node_id, "props": props})
            wanted = set(labels_of(merged.type))
            have = set(labels) & set(type_by_label())
            for label in wanted - have:
                add[label].append(node_id)
            for label in have - wanted:
                remove[label].append(node_id)
        if orphans:
            self.run(f"UNWIND $ids AS row MATCH {node} DETACH DELETE n", ids=orphans)
        if props_rows:
            self.run(
                f"UNWIND $rows AS r MATCH (n:{root} {{id: r.id}}){hint('n', root)} SET n = r.props",
                rows=props_rows,
            )
        for label, label_ids in sorted(add.items()):
            self.run(f"UNWIND $ids AS row MATCH {node} SET n:{checked(label)}", ids=label_ids)
        for label, label_ids in sorted(remove.items()):
            self.run(f"UNWIND $ids AS row MATCH {node} REMOVE n:{checked(label)}", ids=label_ids)


_EdgeGroup = tuple[str, str, str]  # (Neo4j relationship type, source root label, target root)


def _edge_group(rel_type: str, start: str, end: str) -> _EdgeGroup:
    src_root, dst_root = root_of(start), root_of(end)
    if src_root is None or dst_root is None:  # not one of ours: cannot happen for our writes
        raise StoreUnavailable(f"relationship {start}-[{rel_type}]->{end} has an unknown id")
    return (checked(rel_type), src_root, dst_root)


def _runs(docs: list[NormalisedDocument]) -> Iterator[list[NormalisedDocument]]:
    """Consecutive slices of the batch in which no source repeats."""
    run: list[NormalisedDocument] = []
    seen: set[str] = set()
    for d in docs:
        if d.facts.source in seen:
            yield run
            run, seen = [], set()
        run.append(d)
        seen.add(d.facts.source)
    if run:
        yield run
