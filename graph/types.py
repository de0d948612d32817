"""Plain data the graph store returns; api/ and viz/ choose the representation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact comes from: a document, the sentence that states it, and how sure."""

    document: str  # Document source (path, URL or file#row)
    evidence: str
    confidence: float


@dataclass(slots=True)
class Node:
    """An entity node: its canonical id, contract type, canonical name and properties."""

    id: str
    type: str
    name: str
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Edge:
    """A relationship between two entity nodes, with the documents that support it."""

    source: str
    target: str
    type: str
    properties: dict[str, Any] = field(default_factory=dict)
    provenance: list[Provenance] = field(default_factory=list)


@dataclass(slots=True)
class DocumentInfo:
    """A source document as stored: identity, content hash, language, ingest time."""

    source: str
    doc: str
    content_hash: str
    lang: str
    ingested_at: str  # ISO 8601, UTC
    title: str | None = None


@dataclass(slots=True)
class EntityDetail:
    """An entity with all its relations (both directions) and the documents mentioning it."""

    node: Node
    outgoing: list[Edge]
    incoming: list[Edge]
    neighbours: dict[str, Node]  # id -> node, for every other end of the edges above
    documents: list[DocumentInfo]


@dataclass(slots=True)
class Subgraph:
    """Nodes and edges of a neighbourhood or selection; ``truncated`` says a cap cut it."""

    nodes: list[Node]
    edges: list[Edge]
    truncated: bool = False
    total_nodes: int | None = None  # how many there were before the cap, when known


def _code(value: Any) -> str | None:
    """A code-like property (a country, an activity type) upper-cased; None when empty."""
    return (str(value).strip().upper() or None) if value is not None else None


@dataclass(slots=True)
class Collaborator:
    """An organisation sharing projects, platforms or events with another one."""

    organisation: Node
    shared: list[Node]  # the shared projects / platforms / events: the evidence
    score: int  # number of shared items; the default ranking key
    projects: int = 0  # how many of the shared items are projects
    first_year: int | None = None  # earliest start (or end) year of the shared items
    last_year: int | None = None  # latest end (or start) year of the shared items
    # The partner's summed EC contribution (its participation edges' ``amount_eur``) to
    # the shared items, where any is known.
    contribution_eur: float | None = None

    @property
    def country(self) -> str | None:
        """The partner's own ``country`` property, upper-cased; None when it has none."""
        return _code(self.organisation.properties.get("country"))

    @property
    def activity_type(self) -> str | None:
        """The partner's CORDIS activity type (PRC, HES, REC, PUB, OTH), when known."""
        return _code(self.organisation.properties.get("activity_type"))


@dataclass(slots=True)
class CollaboratorPage:
    """One page of an organisation's collaborators, and how many there are in all.

    Iterates (and indexes, and has a length) as the list of its ``items``."""

    items: list[Collaborator]
    total: int  # collaborators matching the filters, before paging
    offset: int = 0
    limit: int | None = None  # None: the whole list from ``offset``

    def __iter__(self) -> Iterator[Collaborator]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Collaborator:
        return self.items[index]


@dataclass(slots=True)
class PartnershipPath:
    """A path between two organisations: nodes in order and the edges between them."""

    nodes: list[Node]
    edges: list[Edge]

    @property
    def hops(self) -> int:
        """Number of edges on the path."""
        return len(self.edges)


@dataclass(slots=True)
class IngestResult:
    """What one upsert did: 'created', 'updated' or 'unchanged', with counts."""

    source: str
    status: str
    nodes: int = 0
    relationships: int = 0


@dataclass(slots=True)
class GraphStats:
    """Counts of nodes by type, relationships by type and documents."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    documents: int
    last_update: str | None = None

    @property
    def total_nodes(self) -> int:
        """All entity nodes (a Cluster counts once, under Cluster)."""
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        """All relationships between entities."""
        return sum(self.relationships.values())
