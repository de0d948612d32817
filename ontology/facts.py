"""The facts that flow from ``ingest`` (and the importers) into ``graph``.

Plain dataclasses in the shared vocabulary room, so that the producer (ingest) and the
consumer (graph) agree without importing each other. ``DocumentFacts.to_contract()``
gives the JSON object of ``shared/spec/extraction.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Scalar attribute values that both Neo4j properties and RDF literals can hold.
AttributeValue = str | int | float | bool | list[str]


@dataclass(slots=True)
class EntityFact:
    """An entity as one document states it.

    ``key`` is local to the document (the contract's ``id``); ``canonical_id`` is the
    graph-wide, URL-safe identity (``<prefix>-<slug>``, see ``ontology.ids``) that entity
    resolution assigns, so that the same organisation in two documents is one node.
    """

    key: str
    type: str
    name: str
    canonical_id: str
    canonical_name: str = ""
    aliases: list[str] = field(default_factory=list)
    # budget_eur, country (ISO 3166-1 alpha-2), nuts_id, start_date, end_date (ISO 8601),
    # url, pic, wikidata, ror, cci ...
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    confidence: float = 1.0

    def to_contract(self) -> dict[str, Any]:
        """The contract's entity object (extra fields are allowed by the contract)."""
        out: dict[str, Any] = {
            "id": self.key,
            "type": self.type,
            "name": self.name,
            "canonical_id": self.canonical_id,
            "canonical_name": self.canonical_name or self.name,
        }
        if self.aliases:
            out["aliases"] = list(self.aliases)
        out.update(self.attributes)
        out["confidence"] = round(self.confidence, 3)
        return out


@dataclass(slots=True)
class RelationFact:
    """A directed relation between two entities of the same document, with its evidence."""

    type: str
    source: str  # EntityFact.key
    target: str  # EntityFact.key
    evidence: str = ""
    confidence: float = 1.0
    amount_eur: float | None = None
    attributes: dict[str, AttributeValue] = field(default_factory=dict)

    def to_contract(self) -> dict[str, Any]:
        """The contract's relation object."""
        out: dict[str, Any] = {"type": self.type, "source": self.source, "target": self.target}
        if self.amount_eur is not None:
            out["amount_eur"] = self.amount_eur
        out["evidence"] = self.evidence
        out["confidence"] = round(self.confidence, 3)
        out.update(self.attributes)
        return out


# The method prefix of a logged refusal to merge (never an owl:sameAs).
REFUSED = "refused:"


@dataclass(slots=True)
class MergeRecord:
    """One decision of entity resolution: ``name`` was taken to be ``canonical_id``.

    The RDF export turns these into owl:sameAs links; ``method`` says why
    (e.g. "acronym", "registry:nuts", "fuzzy:92").
    """

    canonical_id: str
    name: str
    method: str
    score: float = 1.0

    @property
    def refused(self) -> bool:
        """Whether this records a refusal: ``name`` was kept apart from ``canonical_id``
        (the method says why, e.g. "refused:different pic (1 vs 2); kept apart as org-x")."""
        return self.method.startswith(REFUSED)


@dataclass(slots=True)
class DocumentFacts:
    """Everything one source document (or one structured file's rows) contributes."""

    doc: str  # file name, as the contract's "doc"
    source: str  # the document's identity: absolute path, URL or "file.csv#row=12"
    content_hash: str
    lang: str
    entities: list[EntityFact] = field(default_factory=list)
    relations: list[RelationFact] = field(default_factory=list)
    merges: list[MergeRecord] = field(default_factory=list)
    title: str | None = None
    attributes: dict[str, AttributeValue] = field(default_factory=dict)

    def entity(self, key: str) -> EntityFact:
        """The entity with this local key (KeyError if absent)."""
        for ent in self.entities:
            if ent.key == key:
                return ent
        raise KeyError(key)

    def to_contract(self) -> dict[str, Any]:
        """The contract's per-document JSON object."""
        return {
            "doc": self.doc,
            "lang": self.lang,
            "source": self.source,
            "entities": [e.to_contract() for e in self.entities],
            "relations": [r.to_contract() for r in self.relations],
        }
