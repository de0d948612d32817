"""The API's response bodies, named by role (``EntityPublic``, ``CollaboratorsPublic`` ...).

Lists come as ``data`` + ``count`` (the items of this page), and a paged list carries
``PageInfo``'s ``total``, ``offset``, ``limit`` and ``next`` (api/pagination.py). The hot
routes write these shapes as plain data (``api/representation.py``, held to the models
by tests/test_api_documented.py); the others build the models (``NodeRef.from_node``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from innograph.api.pagination import PageInfo
from innograph.graph.types import Node


class ErrorPublic(BaseModel):
    """Every error: a one-line message naming the problem, and optional detail."""

    error: str
    detail: Any = None


class NodeRef(BaseModel):
    """An entity in a list: id, type and name."""

    id: str
    type: str
    name: str

    @classmethod
    def from_node(cls, node: Node) -> NodeRef:
        """From a graph node."""
        return cls(id=node.id, type=node.type, name=node.name)


class NodePublic(NodeRef):
    """An entity with its properties."""

    properties: dict[str, Any] = Field(default_factory=dict)


class ProvenancePublic(BaseModel):
    """Where a fact comes from: document, evidence sentence, confidence."""

    document: str
    evidence: str
    confidence: float


class EdgePublic(BaseModel):
    """A relationship with the documents that support it."""

    source: str
    target: str
    type: str
    properties: dict[str, Any] = Field(default_factory=dict)
    provenance: list[ProvenancePublic] = Field(default_factory=list)


class DocumentPublic(BaseModel):
    """A source document as stored."""

    source: str
    doc: str
    content_hash: str
    lang: str
    ingested_at: str
    title: str | None = None


class SearchPublic(PageInfo):
    """Entities matching a name, best first; ``total`` counts the matches ranked (at most
    the search's cap)."""

    query: str
    data: list[NodePublic]
    count: int


class RelationPublic(BaseModel):
    """One relation of an entity, seen from it: direction, the other end, provenance."""

    direction: Literal["out", "in"]
    other: NodeRef
    properties: dict[str, Any] = Field(default_factory=dict)
    provenance: list[ProvenancePublic] = Field(default_factory=list)


class RelationItemPublic(RelationPublic):
    """One relation of an entity, with its type (a list of several types)."""

    type: str


class RelationsPublic(PageInfo):
    """An entity's relations of one type (or all, by type), the heaviest first: the most
    documents supporting it, then the amount, then the confidence."""

    entity: NodeRef
    type: str | None
    data: list[RelationItemPublic]
    count: int


class EntityPublic(BaseModel):
    """An entity, its relations grouped by type, and the documents mentioning it."""

    entity: NodePublic
    relations: dict[str, list[RelationPublic]]
    documents: list[DocumentPublic]


class SubgraphPublic(PageInfo):
    """A neighbourhood: nodes nearest first (the heaviest first within a hop), and the
    edges among them; ``truncated`` if more follow. A page beyond the first carries the
    edges from its nodes to those of earlier pages, so the pages add up to the whole."""

    centre: str
    nodes: list[NodePublic]
    edges: list[EdgePublic]
    count: int
    truncated: bool
    total_nodes: int | None = None


class CollaboratorPublic(BaseModel):
    """A collaborating organisation with the shared items as evidence."""

    organisation: NodeRef
    country: str | None = Field(description="The partner's ISO country code, when known.")
    activity_type: str | None = Field(
        description="The partner's CORDIS activity type (PRC, HES, REC, PUB, OTH), when known."
    )
    score: int = Field(description="Shared projects, platforms and events.")
    projects: int = Field(description="How many of the shared items are projects.")
    first_year: int | None = Field(description="Earliest year of the shared items' dates.")
    last_year: int | None = Field(description="Latest year of the shared items' dates.")
    contribution_eur: float | None = Field(
        description="The partner's summed EC contribution to the shared items, where known."
    )
    shared: list[NodeRef]


class CollaboratorsPublic(PageInfo):
    """Organisations sharing projects, platforms or events with one organisation: one
    page of them (``total``, ``offset``, ``limit``, ``next`` place it in the list)."""

    organisation: NodeRef
    data: list[CollaboratorPublic]
    count: int


class NetworkEdgePublic(BaseModel):
    """A weighted pair of the collaboration network."""

    source: str
    source_name: str
    target: str
    target_name: str
    weight: int


class CollaborationNetworkPublic(PageInfo):
    """The weighted organisation–organisation network of a selection, heaviest first."""

    data: list[NetworkEdgePublic]
    count: int
    organisations: int
    total_edges: int
    truncated: bool
    # With a region: how many of ``organisations`` are located in it (the rest are partners).
    inside_organisations: int | None = None


class HopPublic(BaseModel):
    """One step of a path: the relationship walked, in the path's direction, with evidence."""

    source: NodeRef
    target: NodeRef
    type: str
    reversed: bool  # True when the stored relationship points from target to source
    provenance: list[ProvenancePublic]


class PathPublic(BaseModel):
    """A partnership path: its nodes in order and each hop with its evidence."""

    hops: int
    nodes: list[NodeRef]
    steps: list[HopPublic]
    countries: list[str | None]  # per organisation on the path, in order
    crosses_border: bool


class PathsPublic(BaseModel):
    """The k shortest partnership paths between two entities."""

    source: NodeRef
    target: NodeRef
    data: list[PathPublic]
    count: int
    notes: list[str] = Field(default_factory=list)
    reason: str | None = Field(
        default=None,
        description="Why there is no path (no connection within max_hops, or which filter "
        "removed it); null when paths were found.",
    )


class SuggestionPublic(BaseModel):
    """A suggested partner, its score and the reason in plain words."""

    organisation: NodeRef
    country: str | None
    kind: str  # CORDIS activity type (HES, PRC, REC, PUB, OTH), else the entity type
    kind_label: str  # the kind in words: "Research organisation"
    score: float
    reason: str
    common_partners: list[NodeRef]  # the best connected first, at most 20
    partners_in_common: int
    shared_programmes: list[NodeRef]
    shared_themes: list[str]
    adamic_adar: float


class KindFacetPublic(BaseModel):
    """How many suggestions are of one organisation kind, and the kind in words."""

    count: int
    label: str


class SuggestionFacetsPublic(BaseModel):
    """Suggestions per country and per kind, each counted under the other filters."""

    country: dict[str, int]
    type: dict[str, KindFacetPublic]


class SuggestionsPublic(PageInfo):
    """Organisations one does not yet work with, ranked by link prediction, a page at a
    time (``total`` counts all that pass the filters)."""

    organisation: NodeRef
    data: list[SuggestionPublic]
    count: int
    facets: SuggestionFacetsPublic
    note: str = ""


class CentralityScorePublic(BaseModel):
    """An organisation's rank and score."""

    rank: int
    organisation: NodeRef
    score: float


class CentralityPublic(PageInfo):
    """Organisations ranked by a centrality measure; says when the figure is sampled."""

    measure: str
    data: list[CentralityScorePublic]
    count: int
    organisations: int
    sampled: bool
    sample_size: int | None = None
    note: str
    graph_version: str
    seconds: float


class CommunityPublic(BaseModel):
    """A community: its size, its members (largest degree first, capped), its countries."""

    id: int
    size: int
    members: list[NodeRef]
    countries: dict[str, int]


class BrokerPublic(BaseModel):
    """An organisation whose partners span several countries or communities."""

    organisation: NodeRef
    countries: list[str]
    communities: int
    reason: str


class CommunitiesPublic(PageInfo):
    """Louvain communities of the collaboration network (paged, largest first) and the
    brokers between them (the first ``brokers`` of ``brokers_total``)."""

    algorithm: str
    seed: int
    modularity: float
    data: list[CommunityPublic]
    count: int
    brokers: list[BrokerPublic]
    brokers_total: int
    bounded: bool
    min_weight: int
    note: str
    graph_version: str
    seconds: float


class DocumentsPublic(PageInfo):
    """The source documents in the graph, by source."""

    data: list[DocumentPublic]
    count: int


class StatsPublic(BaseModel):
    """Counts of entities by type, relationships by type, documents, and the last update."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    total_nodes: int
    total_relationships: int
    documents: int
    last_update: str | None = None


class IngestResultPublic(BaseModel):
    """What ingesting one uploaded document did."""

    file: str = Field(description="The file's name as uploaded (without any folder)")
    source: str = Field(description="Its identity in the graph: upload:<file name>")
    status: Literal["created", "updated", "unchanged", "refused"] = Field(
        description="created / updated: stored; unchanged: stored before with the same "
        "bytes; refused: not stored, see code and error"
    )
    code: int = Field(
        default=200,
        description="This file's own status: 200 stored or unchanged; 413 larger than the "
        "limit; 422 unreadable (damaged, a zip bomb, no text, text too long, an invalid "
        "fact); 500 the extraction failed; 503 the upload's time ran out before this file",
    )
    nodes: int = 0
    relationships: int = 0
    error: str | None = Field(default=None, description="Why it was refused, in one line")


class IngestPublic(BaseModel):
    """The outcome of an upload, one entry per file, in the order sent."""

    data: list[IngestResultPublic]
    count: int = Field(description="Files in the upload")
    ingested: int = Field(description="Files stored or unchanged")
    failed: int = Field(description="Files refused")


class HealthPublic(BaseModel):
    """Whether the API and its store answer."""

    status: Literal["ok"]
    store: str
    graph_version: str


class VersionPublic(BaseModel):
    """The running innograph version."""

    name: str
    version: str


# Documented error answers of the read endpoints (the body is always ErrorPublic).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorPublic, "description": "No entity with that id"},
    422: {"model": ErrorPublic, "description": "A parameter is invalid; the error names it"},
    503: {
        "model": ErrorPublic,
        "description": "The graph store is unavailable or the query ran out of time; "
        "retry after the Retry-After header's seconds",
    },
}
