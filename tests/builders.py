"""Small graphs written in the tests, where the exact answers are known.

``make_facts`` builds a DocumentFacts from compact tuples, minting canonical ids the way
ingestion does, so that a test can write e.g. two organisations sharing a project in
three lines and upsert it into any store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from innograph.ontology.facts import DocumentFacts, EntityFact, RelationFact
from innograph.ontology.ids import make_canonical_id

# (key, type, name) or (key, type, name, {attributes})
EntitySpec = tuple[str, str, str] | tuple[str, str, str, Mapping[str, Any]]
# (type, source key, target key) or (type, source key, target key, {amount_eur, evidence, ...})
RelationSpec = tuple[str, str, str] | tuple[str, str, str, Mapping[str, Any]]


def make_facts(
    source: str,
    entities: Iterable[EntitySpec],
    relations: Iterable[RelationSpec] = (),
    *,
    lang: str = "en",
    content: str | None = None,
) -> DocumentFacts:
    """A DocumentFacts for ``source``; the content hash derives from ``content`` (or the facts)."""
    ents = []
    for spec in entities:
        key, etype, name = spec[0], spec[1], spec[2]
        attrs = dict(spec[3]) if len(spec) > 3 else {}
        ents.append(
            EntityFact(
                key=key,
                type=etype,
                name=name,
                canonical_id=attrs.pop("canonical_id", None) or make_canonical_id(etype, name),
                canonical_name=name,
                attributes=attrs,
            )
        )
    rels = []
    for spec in relations:
        rtype, src, dst = spec[0], spec[1], spec[2]
        extra = dict(spec[3]) if len(spec) > 3 else {}
        rels.append(
            RelationFact(
                type=rtype,
                source=src,
                target=dst,
                evidence=str(extra.pop("evidence", f"{src} {rtype} {dst}.")),
                confidence=float(extra.pop("confidence", 0.9)),
                amount_eur=extra.pop("amount_eur", None),
                attributes=extra,
            )
        )
    body = content if content is not None else repr((source, ents, rels))
    return DocumentFacts(
        doc=source.rsplit("/", 1)[-1],
        source=source,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        lang=lang,
        entities=ents,
        relations=rels,
    )
