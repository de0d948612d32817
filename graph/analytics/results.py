"""The answers of the collaboration-network analytics (see :mod:`.service`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from innograph.graph.types import Node


@dataclass(slots=True)
class NetworkEdge:
    """One weighted pair of the collaboration network."""

    source: Node
    target: Node
    weight: int  # number of shared items


@dataclass(slots=True)
class CollaborationNetwork:
    """An edge list, heaviest first, capped; ``total_edges`` counts them before the cap."""

    edges: list[NetworkEdge]
    organisations: int  # organisations with at least one edge in the selection
    total_edges: int
    truncated: bool
    inside: int | None = None  # of ``organisations``: those located in the region asked for


@dataclass(slots=True)
class CentralityScore:
    """An organisation and its score."""

    organisation: Node
    score: float


@dataclass(slots=True)
class CentralityResult:
    """A ranking by one centrality measure, with how it was computed."""

    measure: str
    scores: list[CentralityScore]
    organisations: int  # size of the network ranked
    ranked: int = 0  # organisations in the ranking asked for (all, or those of a region)
    sampled: bool = False
    sample_size: int | None = None  # sources used by sampled betweenness
    note: str = ""
    seconds: float = 0.0


@dataclass(slots=True)
class Community:
    """A community of the network: members by degree, and their countries."""

    members: list[Node]
    size: int
    countries: dict[str, int]


@dataclass(slots=True)
class Broker:
    """An organisation whose partners span several countries or communities."""

    organisation: Node
    countries: list[str]
    communities: int
    reason: str


@dataclass(slots=True)
class CommunityResult:
    """Louvain communities (largest first), modularity, and the brokers between them."""

    communities: list[Community]
    brokers: list[Broker]
    modularity: float
    seed: int
    total: int = 0  # communities found (``communities`` may be a page of them)
    brokers_total: int = 0  # brokers found (``brokers`` may be the first of them)
    bounded: bool = False  # the projection was cut to its heaviest edges
    min_weight: int = 1
    levels_completed: int = 0
    note: str = ""
    seconds: float = 0.0


@dataclass(slots=True)
class Suggestion:
    """A suggested partner and why, in plain words."""

    organisation: Node
    score: float
    reason: str
    common_partners: list[Node] = field(default_factory=list)  # the first MAX_LISTED
    partners_in_common: int = 0
    shared_programmes: list[Node] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)
    adamic_adar: float = 0.0
    country: str | None = None
    kind: str = ""  # CORDIS activity type, else entity type (see organisation_kind)


@dataclass(slots=True)
class SuggestionResult:
    """One page of suggestions for one organisation; ``note`` explains an empty or
    filtered answer. ``total`` counts every suggestion passing the filters; the facets
    count them per country and per kind, each under the other filters only."""

    organisation: Node
    suggestions: list[Suggestion]
    note: str = ""
    total: int = 0
    offset: int = 0
    limit: int = 10
    countries: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
