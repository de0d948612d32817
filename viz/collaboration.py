"""The organisation network of a map's selection: its pairs, its communities and their
names, the cross-border rule, and the same network as GEXF and CSV for download.

A community is found by Louvain (networkx, seeded) on the selection's own network, so
the colours show the groups of the map being looked at, not of the whole graph; it is
named by what dominates it: its members' leading countries and the shared items (in the
selection) that most of its members take part in, e.g. "NL/BE · 3Ccar, ENABLE-S3".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from innograph.graph.analytics.collaboration_network import NetworkIndex, selection_masks
from innograph.graph.analytics.results import CollaborationNetwork
from innograph.graph.analytics.service import Analytics
from innograph.graph.exchange.network import GexfElement, gexf_text
from innograph.graph.types import Node
from innograph.viz.borders import are_neighbours

# The map reads at most this many heaviest pairs of a selection before capping nodes.
MAP_PAIRS = 20_000
# A download holds at most this many heaviest pairs of a selection (and says so).
MAX_DOWNLOAD_PAIRS = 500_000
# A country names a community when at least this share of its members is there.
NAMING_COUNTRY_SHARE = 0.2
NAMING_COUNTRIES = 3  # at most
NAMING_ITEMS = 2  # shared items in a community's name
ITEM_LABEL_CHARS = 28
LOUVAIN_SEED = 42

BORDER_RULES = ("neighbours", "any", "none")


@dataclass(frozen=True, slots=True)
class Selection:
    """What a map shows: entity ids of the selection and its filters."""

    programme: str | None = None
    region: str | None = None
    item: str | None = None  # a project, platform or event: its partners
    item_types: tuple[str, ...] = ()
    org_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    region_scope: str = "touching"  # see REGION_SCOPES


@dataclass(slots=True)
class SelectionNetwork:
    """A selection's pairs (heaviest first, at most ``limit``), its exact totals, the
    organisations' countries and the communities of the pairs read."""

    network: CollaborationNetwork
    countries: dict[str, str | None]
    communities: dict[str, int] = field(default_factory=dict)  # org id -> number
    names: list[str] = field(default_factory=list)  # per community number
    sizes: list[int] = field(default_factory=list)  # members per community

    @property
    def organisations(self) -> int:
        """Organisations with at least one partnership in the selection."""
        return self.network.organisations

    @property
    def inside(self) -> int | None:
        """With a region: the organisations counted that are located in it."""
        return self.network.inside

    @property
    def partnerships(self) -> int:
        """Pairs of organisations sharing at least one item in the selection."""
        return self.network.total_edges


def read_selection(analytics: Analytics, selection: Selection, limit: int) -> SelectionNetwork:
    """The selection's network (its ``limit`` heaviest pairs) with named communities.

    The communities are always those of the selection's ``MAP_PAIRS`` heaviest pairs (the
    map's), cached per graph version, so a download names the communities the map shows
    and never runs Louvain on more than the map does."""
    network = _network(analytics, selection, limit)
    index = analytics.index()
    countries = {org.id: index.countries[i] for i, org in enumerate(index.orgs)}
    found = SelectionNetwork(network, countries)

    def compute(index: NetworkIndex) -> tuple[dict[str, int], list[str]]:
        read = network if limit == MAP_PAIRS else _network(analytics, selection, MAP_PAIRS)
        communities = louvain_communities(
            [(e.source.id, e.target.id, e.weight) for e in read.edges]
        )
        return communities, community_names(index, selection, communities)

    # Per store and graph version (the analytics' cache), per selection.
    cached: tuple[dict[str, int], list[str]] = analytics.cached(
        f"map-communities:{selection!r}", compute
    )
    found.communities, found.names = cached
    found.sizes = [0] * len(found.names)
    for number in found.communities.values():
        found.sizes[number] += 1
    return found


def _network(analytics: Analytics, selection: Selection, limit: int) -> CollaborationNetwork:
    return analytics.network(
        programme=selection.programme,
        region=selection.region,
        project=selection.item,
        item_types=selection.item_types,
        org_types=selection.org_types,
        countries=selection.countries,
        region_scope=selection.region_scope,
        limit=limit,
    )


def louvain_communities(pairs: Sequence[tuple[str, str, int]]) -> dict[str, int]:
    """Louvain communities (seeded) of weighted pairs: each organisation's community
    number, largest community first (ties by the smallest id); groups of one are left
    out."""
    graph = nx.Graph()
    graph.add_weighted_edges_from(pairs)
    if graph.number_of_edges() == 0:
        return {}
    parts = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
    groups = sorted((sorted(p) for p in parts if len(p) > 1), key=lambda g: (-len(g), g[0]))
    return {member: number for number, group in enumerate(groups) for member in group}


def item_label(node: Node) -> str:
    """A shared item as a community name shows it: its acronym, else its name, short."""
    acronym = node.properties.get("acronym")
    text = str(acronym) if acronym else node.name
    text = " ".join(text.split())
    return text if len(text) <= ITEM_LABEL_CHARS else text[: ITEM_LABEL_CHARS - 1] + "…"


def community_names(
    index: NetworkIndex, selection: Selection, communities: Mapping[str, int]
) -> list[str]:
    """A name per community: the countries of at least a fifth of its members (at most
    three, most first; else the first two "and others") and the shared items of the
    selection most particular to it (the members taking part, squared, over all the
    selection's partners in the item). Communities with the same name are told apart by
    a number."""
    count = max(communities.values(), default=-1) + 1
    if count == 0:
        return []
    org_keep, item_keep = selection_masks(
        index,
        selection.programme,
        selection.region,
        selection.item,
        selection.item_types,
        selection.org_types,
        selection.countries,
        selection.region_scope,
    )
    incidence = index.incidence
    item_size = np.asarray(incidence[org_keep].sum(axis=0)).ravel()
    members: list[list[int]] = [[] for _ in range(count)]
    for org_id, number in communities.items():
        members[number].append(index.org_pos[org_id])
    names: list[str] = []
    for rows in members:
        countries = Counter(c for c in (index.countries[i] for i in rows) if c)
        ranked = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))
        leading = [c for c, n in ranked if n >= NAMING_COUNTRY_SHARE * len(rows)]
        leading = leading[:NAMING_COUNTRIES]
        inside = np.asarray(incidence[rows].sum(axis=0)).ravel()
        inside[~item_keep] = 0
        score = np.where(inside >= 2, inside * inside / np.maximum(item_size, 1), 0.0)
        top = [i for i in np.lexsort((np.arange(len(score)), -score)) if score[i] > 0]
        items = [item_label(index.items[i]) for i in top[:NAMING_ITEMS]]
        if leading:
            where = "/".join(leading)
        else:  # no country holds a fifth of the members: the first two, and the rest
            where = "/".join(c for c, _ in ranked[:2]) + " and others" if ranked else "no country"
        names.append(f"{where} · {', '.join(items)}" if items else where)
    seen: Counter[str] = Counter(names)
    numbered: Counter[str] = Counter()
    for i, name in enumerate(names):
        if seen[name] > 1:
            numbered[name] += 1
            names[i] = f"{name} ({numbered[name]})"
    return names


# -- cross-border -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BorderRule:
    """Which partnerships a map marks as cross-border: ``rule`` is "neighbours" (the two
    countries share a border), "any" (two different countries) or "none"; with a
    ``home`` country only partnerships of its organisations count."""

    rule: str = "neighbours"
    home: str | None = None

    def marks(self, a: str | None, b: str | None) -> bool:
        """True when a partnership between countries ``a`` and ``b`` is marked."""
        if self.rule == "none" or not (a and b) or a == b:
            return False
        if self.home and self.home not in (a, b):
            return False
        return self.rule == "any" or are_neighbours(a, b)

    def faded(self, a: str | None, b: str | None) -> bool:
        """True when a home country is chosen and the partnership does not touch it."""
        return bool(self.home and self.home not in (a, b))

    def describe(self) -> str:
        """What the mark means, in words for the page."""
        if self.rule == "none":
            return "no partnership marked as cross-border"
        what = (
            "organisations of neighbouring countries (a land border, or the Øresund or "
            "Channel fixed link)"
            if self.rule == "neighbours"
            else "organisations of different countries"
        )
        if self.home:
            other = "a neighbouring country" if self.rule == "neighbours" else "another country"
            return (
                f"partnerships between {self.home} and {other}; partnerships without "
                f"an organisation in {self.home} are faded"
            )
        return f"partnerships between {what}"


# -- downloads ----------------------------------------------------------------------------

CSV_HEADER = (
    "source",
    "source_name",
    "source_country",
    "target",
    "target_name",
    "target_country",
    "weight",
    "cross_border",
)


def csv_rows(found: SelectionNetwork, rule: BorderRule) -> Iterator[tuple[object, ...]]:
    """The selection's pairs as CSV rows (``CSV_HEADER``), heaviest first."""
    for e in found.network.edges:
        a, b = found.countries.get(e.source.id), found.countries.get(e.target.id)
        yield (
            e.source.id,
            e.source.name,
            a,
            e.target.id,
            e.target.name,
            b,
            e.weight,
            "true" if rule.marks(a, b) else "false",
        )


def gexf_chunks(found: SelectionNetwork, rule: BorderRule, description: str) -> Iterator[str]:
    """The selection's network as undirected GEXF 1.3: organisations with type, country,
    community and partners; pairs with their weight (shared items) and the border mark."""
    nodes: dict[str, Node] = {}
    partners: Counter[str] = Counter()
    for e in found.network.edges:
        nodes[e.source.id], nodes[e.target.id] = e.source, e.target
        partners[e.source.id] += 1
        partners[e.target.id] += 1

    def community(org_id: str) -> str:
        number = found.communities.get(org_id)
        return found.names[number] if number is not None else ""

    return gexf_text(
        description=description,
        node_attributes=(
            ("type", "string"),
            ("country", "string"),
            ("community", "string"),
            ("partners", "integer"),
        ),
        edge_attributes=(("cross_border", "boolean"),),
        nodes=(
            GexfElement(
                nid,
                node.name,
                values={
                    "type": node.type,
                    "country": found.countries.get(nid) or "",
                    "community": community(nid),
                    "partners": str(partners[nid]),
                },
            )
            for nid, node in sorted(nodes.items())
        ),
        edges=(
            GexfElement(
                str(number),
                source=e.source.id,
                target=e.target.id,
                weight=float(e.weight),
                values={
                    "cross_border": "true"
                    if rule.marks(
                        found.countries.get(e.source.id), found.countries.get(e.target.id)
                    )
                    else "false"
                },
            )
            for number, e in enumerate(found.network.edges)
        ),
        directed=False,
    )
