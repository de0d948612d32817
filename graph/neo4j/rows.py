"""Rows between Python and Neo4j: what the writer and the bulk load store for documents,
mentions and relationships, and the nodes and edges read back from them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from innograph.graph.algorithms import (
    Mention,
    NormalisedDocument,
    Support,
    merge_supports,
    stable_json,
)
from innograph.graph.neo4j.cypher import contract_rel_by_type, type_of
from innograph.graph.types import Edge, Node


def utc_now() -> str:
    """Now, in UTC, as the ISO 8601 text every write stores."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def support_json(support: Support) -> str:
    """One document's support of a relationship, as stored in its ``supports`` list."""
    return stable_json(
        {
            "source": support.source,
            "evidence": support.evidence,
            "confidence": support.confidence,
            "amount_eur": support.amount_eur,
            "attributes": dict(support.attributes),
        }
    )


def support_from_json(text: str) -> Support:
    """A support read back from a relationship's ``supports`` list."""
    raw = json.loads(text)
    return Support(
        raw["source"], raw["evidence"], raw["confidence"], raw["amount_eur"], raw["attributes"]
    )


def edge_from_row(start: str, rel_type: str, end: str, supports: Sequence[str]) -> Edge:
    """The merged edge of a relationship read back with its supports."""
    key = (start, contract_rel_by_type()[rel_type], end)
    return merge_supports(key, (support_from_json(s) for s in supports))


def node_from_row(props: Mapping[str, Any], labels: Iterable[str]) -> Node:
    """The node of an entity read back with its properties and labels."""
    properties = dict(props)
    node_id = properties.pop("id")
    name = properties.pop("name", "")
    properties.setdefault("aliases", [])
    return Node(node_id, type_of(labels), name, properties)


def edge_props(edge: Edge, sources: list[str], supports: list[str]) -> dict[str, Any]:
    """What a relationship stores: its attributes, then the provenance lists."""
    props: dict[str, Any] = dict(edge.properties)
    props["sources"] = sources
    props["supports"] = supports
    props["evidence"] = [p.evidence for p in edge.provenance]
    props["confidence"] = max(p.confidence for p in edge.provenance)
    return props


def document_row(d: NormalisedDocument, now: str) -> dict[str, Any]:
    """The row creating or replacing a Document node."""
    facts = d.facts
    return {
        "source": facts.source,
        "props": {
            "doc": facts.doc,
            "content_hash": facts.content_hash,
            "lang": facts.lang,
            "ingested_at": now,
            "title": facts.title,
            "attributes": stable_json(facts.attributes),
            "merges": [
                stable_json([m.canonical_id, m.name, m.method, float(m.score)])
                for m in facts.merges
            ],
        },
    }


def mention_props(mention: Mention) -> dict[str, Any]:
    """What a MENTIONS relationship stores of a document's mention."""
    return {
        "type": mention.type,
        "name": mention.name,
        "aliases": list(mention.aliases),
        "attributes": stable_json(dict(mention.attributes)),
    }


def mention_row(source: str, cid: str, mention: Mention) -> dict[str, Any]:
    """The row of a MENTIONS relationship from ``source`` to entity ``cid``."""
    return {"source": source, "id": cid, **mention_props(mention)}
