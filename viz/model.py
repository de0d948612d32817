"""What a network view is: nodes, edges and a legend, plain data that the page draws.

Shapes and colours by entity type come from the ontology's order (``legend``); the
constants bound what a view shows (caps, labels, evidence lines, sizes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

from innograph.ontology.terms import ontology

# Above this many nodes the layout is computed here and the browser's physics is off:
# vis-network's physics takes seconds at a few hundred nodes and minutes at thousands.
LAYOUT_THRESHOLD = 150
# The collaboration map draws at most this many organisations (the most connected).
DEFAULT_MAP_CAP = 300
# The map outlines at most this many brokers (the analytics' top ones in the view).
MAX_BROKERS_SHOWN = 10
# Evidence sentences shown per edge in a tooltip, and their length.
MAX_EVIDENCE_LINES = 3
MAX_EVIDENCE_CHARS = 200
# Node sizes (vis-network "size" units) grow with degree between these bounds.
MIN_SIZE, MAX_SIZE = 10, 40
SIZE_PER_ROOT_DEGREE = 5.0

# Shapes and colours handed out to entity types in the ontology's order. vis-network shapes
# whose label is drawn below the symbol, so the label never hides the shape.
_SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon", "ellipse")
_TYPE_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
# Community colours on the collaboration map (cycled when there are more communities).
COMMUNITY_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
)
NO_COMMUNITY_COLOUR = "#bab0ac"
BROKER_BORDER = "#111111"
CROSS_BORDER_COLOUR = "#c2185b"
EDGE_COLOUR = "#9e9e9e"


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """How one entity type is drawn."""

    type: str
    label: str
    shape: str
    colour: str


@cache
def legend() -> dict[str, LegendEntry]:
    """Shape and colour of every entity type of the ontology, in the ontology's order."""
    entries: dict[str, LegendEntry] = {}
    for i, (name, term) in enumerate(ontology().entity_types.items()):
        entries[name] = LegendEntry(
            type=name,
            label=term.labels.get("en", name),
            shape=_SHAPES[i % len(_SHAPES)],
            colour=_TYPE_COLOURS[i % len(_TYPE_COLOURS)],
        )
    return entries


def style_of(entity_type: str) -> LegendEntry:
    """The legend entry of a type; an unknown type is drawn grey, as itself."""
    return legend().get(entity_type) or LegendEntry(entity_type, entity_type, "dot", "#7f7f7f")


@dataclass(slots=True)
class ViewNode:
    """A node as drawn: every field is plain data for the page's script."""

    id: str
    label: str
    type: str
    shape: str
    colour: str
    size: float = MIN_SIZE
    degree: int = 0
    country: str | None = None
    tooltip: list[str] = field(default_factory=list)
    community: int | None = None
    broker: bool = False
    centre: bool = False
    inside: bool = False  # on a region's map: located in the region (outlined)
    # Small views: vis-network draws every label. Large views (precomputed layout) draw
    # labels by ``rank`` (0 = the most connected) wherever one fits at the current zoom.
    show_label: bool = True
    rank: int = 0
    x: float | None = None
    y: float | None = None


@dataclass(slots=True)
class ViewEdge:
    """An edge as drawn, with its tooltip lines (the evidence)."""

    id: str
    source: str
    target: str
    label: str
    tooltip: list[str] = field(default_factory=list)
    cross_border: bool = False
    faded: bool = False  # on a map with a home country: a pair without it
    width: float = 1.0
    path: int | None = None  # on the path view: the number of the first path using it


@dataclass(slots=True)
class NetworkView:
    """What one page draws: nodes, edges, the legend of the types present, and a message
    saying what was left out."""

    nodes: list[ViewNode]
    edges: list[ViewEdge]
    legend: list[LegendEntry]
    physics: bool = True
    message: str = ""
    total_nodes: int | None = None
    centre: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The view as JSON-ready data (the page embeds it in a script block). Built field
        by field: ``dataclasses.asdict`` deep-copies every string and took seconds on a
        2,000-node map."""
        return {
            "nodes": [{f: getattr(n, f) for f in _NODE_FIELDS} for n in self.nodes],
            "edges": [{f: getattr(e, f) for f in _EDGE_FIELDS} for e in self.edges],
            "legend": [{f: getattr(e, f) for f in _LEGEND_FIELDS} for e in self.legend],
            "physics": self.physics,
            "message": self.message,
            "total_nodes": self.total_nodes,
            "centre": self.centre,
        }

    def node(self, node_id: str) -> ViewNode:
        """The view's node with this id (KeyError if absent)."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)


_NODE_FIELDS = tuple(f.name for f in fields(ViewNode))
_EDGE_FIELDS = tuple(f.name for f in fields(ViewEdge))
_LEGEND_FIELDS = tuple(f.name for f in fields(LegendEntry))
