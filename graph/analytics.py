"""Analytics of the organisation–organisation collaboration network, on sparse matrices.

Backend-independent: everything is built from ``store.iter_nodes()``/``iter_edges()``
once per graph version (``store.version()``) and cached. Two organisations collaborate
when both lead or take part in the same Project, S3Platform or Event; the weight of the
pair is the number of such shared items. The projection is the sparse product
``B @ B.T`` of the organisation × item incidence matrix ``B``: at the scale of the EU's
project data (24.6M pairs) networkx cannot even hold the network, so centrality works on
the sparse matrix, Louvain on a bounded projection, and the response says when a figure
is sampled or bounded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp
from innograph.graph.store import PARTNERSHIP_RELATIONS, SHARED_ITEM_TYPES, GraphStore
from innograph.graph.types import Node
from innograph.ontology.terms import ontology
from scipy.sparse.linalg import ArpackNoConvergence, eigsh

CENTRALITY_MEASURES: tuple[str, ...] = ("degree", "betweenness", "eigenvector")
# A suggestion lists at most this many common partners (its count says how many in all).
MAX_LISTED = 20
# Item properties read as themes (lists or "a; b" strings) for partner suggestions.
THEME_PROPERTIES: tuple[str, ...] = ("themes", "theme", "topics")
# Relations that mean two organisations already work together without a shared item.
DIRECT_RELATIONS: tuple[str, ...] = ("COLLABORATES_WITH", "MEMBER_OF")
_INDEX_RELATIONS = (*PARTNERSHIP_RELATIONS, "FUNDED_BY", "LOCATED_IN", *DIRECT_RELATIONS)
_MAX_REGION_DEPTH = 6
# Betweenness batches bigger than this many (non-zeros × sources) start with one source.
_BATCH_WORK = 50_000_000  # LOCATED_IN chains (city -> province -> country) are short


@cache
def organisation_types() -> tuple[str, ...]:
    """Entity types that are organisations: Organisation and its subclasses (Cluster)."""
    classes = ontology().entity_types

    def is_org(name: str | None) -> bool:
        while name:
            if name == "Organisation":
                return True
            name = classes[name].parent if name in classes else None
        return False

    return tuple(name for name in classes if is_org(name))


class Budget:
    """A time budget: long computations check it and stop early, saying so."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def exceeded(self) -> bool:
        """True once the budget is spent."""
        return time.monotonic() > self.deadline


# -- results ------------------------------------------------------------------------


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


@dataclass(slots=True)
class SuggestionResult:
    """Suggestions for one organisation; ``note`` explains an empty or filtered answer."""

    organisation: Node
    suggestions: list[Suggestion]
    note: str = ""


# -- the index: matrices built once per graph version ----------------------------------


@dataclass(slots=True)
class _Attribute:
    """Which organisations hold which attribute (programme, theme), for Adamic–Adar."""

    holders: sp.csr_matrix  # orgs × attributes, 0/1
    by_attribute: sp.csr_matrix  # attributes × orgs (the transpose, row-sliceable)
    weight: np.ndarray  # per attribute: 1 / log(1 + number of holders)

    @classmethod
    def of(cls, holders: sp.csr_matrix) -> _Attribute:
        """From the org × attribute matrix."""
        count = np.asarray(holders.sum(axis=0)).ravel()
        weight = 1.0 / np.log1p(np.maximum(count, 1.0))
        return cls(holders, holders.T.tocsr(), weight)

    def scores(self, i: int) -> tuple[np.ndarray, set[int]]:
        """Adamic–Adar of org ``i`` with every org over shared attributes, and ``i``'s own."""
        own = self.holders.indices[self.holders.indptr[i] : self.holders.indptr[i + 1]]
        holders, weight = _two_hops(self.by_attribute, own, self.weight)
        scores = np.bincount(holders, weights=weight, minlength=self.holders.shape[0])
        return scores, set(own.tolist())


@dataclass(slots=True)
class _Index:
    orgs: list[Node]  # sorted by id, so index order is id order
    org_pos: dict[str, int]
    items: list[Node]
    item_pos: dict[str, int]
    programmes: list[Node]
    programme_pos: dict[str, int]
    themes: list[str]
    nodes: dict[str, Node]
    incidence: sp.csr_matrix  # orgs × items
    item_programme: sp.csr_matrix  # items × programmes (FUNDED_BY)
    item_theme: sp.csr_matrix  # items × themes
    direct: sp.csr_matrix  # orgs × orgs, COLLABORATES_WITH / MEMBER_OF either way
    countries: list[str | None]  # per org
    regions: list[frozenset[str]]  # per org: regions it is located in, transitively
    weights: sp.csr_matrix  # orgs × orgs, shared items, no diagonal
    adjacency: sp.csr_matrix  # weights > 0 as 1.0
    org_programme: _Attribute  # programmes of the items each org takes part in
    org_theme: _Attribute  # themes of those items

    degree: np.ndarray  # distinct partners per org
    inv_log_degree: np.ndarray  # 1 / log(degree), 0 where degree < 2 (Adamic–Adar)


def _themes_of(node: Node) -> list[str]:
    out: list[str] = []
    for prop in THEME_PROPERTIES:
        value = node.properties.get(prop)
        if isinstance(value, str):
            out.extend(t.strip() for t in value.replace(",", ";").split(";"))
        elif isinstance(value, list | tuple):
            out.extend(str(t).strip() for t in value)
    return sorted({t.lower() for t in out if t})


def _country_code(value: Any) -> str | None:
    if isinstance(value, str) and len(value.strip()) == 2 and value.strip().isalpha():
        return value.strip().upper()
    return None


def _matrix(rows: list[int], cols: list[int], shape: tuple[int, int]) -> sp.csr_matrix:
    """A 0/1 float32 csr matrix with ones at (rows, cols)."""
    data = np.ones(len(rows), dtype=np.float32)
    m = sp.csr_matrix((data, (np.asarray(rows, np.int64), np.asarray(cols, np.int64))), shape)
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


def project(incidence: sp.csr_matrix) -> sp.csr_matrix:
    """The weighted organisation–organisation projection ``B @ B.T`` without its diagonal."""
    weights = (incidence @ incidence.T).tocsr()
    weights = (weights - sp.diags(weights.diagonal())).tocsr()
    weights.eliminate_zeros()
    return weights


def build_index(store: GraphStore) -> _Index:
    """Read the store once and build every matrix the analytics need."""
    org_types = set(organisation_types())
    nodes: dict[str, Node] = {}
    for node in store.iter_nodes():
        nodes[node.id] = node
    orgs = sorted((n for n in nodes.values() if n.type in org_types), key=lambda n: n.id)
    items = sorted((n for n in nodes.values() if n.type in SHARED_ITEM_TYPES), key=lambda n: n.id)
    programmes = sorted(
        (n for n in nodes.values() if n.type == "FundingProgramme"), key=lambda n: n.id
    )
    org_pos = {n.id: i for i, n in enumerate(orgs)}
    item_pos = {n.id: i for i, n in enumerate(items)}
    programme_pos = {n.id: i for i, n in enumerate(programmes)}
    inc_r: list[int] = []
    inc_c: list[int] = []
    fund_r: list[int] = []
    fund_c: list[int] = []
    dir_r: list[int] = []
    dir_c: list[int] = []
    located: dict[str, set[str]] = {}
    for edge in store.iter_edges(types=_INDEX_RELATIONS):
        if edge.type in PARTNERSHIP_RELATIONS:
            if edge.source in org_pos and edge.target in item_pos:
                inc_r.append(org_pos[edge.source])
                inc_c.append(item_pos[edge.target])
        elif edge.type == "FUNDED_BY":
            if edge.source in item_pos and edge.target in programme_pos:
                fund_r.append(item_pos[edge.source])
                fund_c.append(programme_pos[edge.target])
        elif edge.type == "LOCATED_IN":
            located.setdefault(edge.source, set()).add(edge.target)
        elif edge.source in org_pos and edge.target in org_pos and edge.source != edge.target:
            a, b = org_pos[edge.source], org_pos[edge.target]
            dir_r += [a, b]
            dir_c += [b, a]
    themes_per_item = [_themes_of(n) for n in items]
    themes = sorted({t for ts in themes_per_item for t in ts})
    theme_pos = {t: i for i, t in enumerate(themes)}
    th_r = [i for i, ts in enumerate(themes_per_item) for _ in ts]
    th_c = [theme_pos[t] for ts in themes_per_item for t in ts]

    regions = [frozenset(_regions_of(o.id, located)) for o in orgs]
    countries = [
        country_of(o, (nodes[r] for r in sorted(regions[i]) if r in nodes))
        for i, o in enumerate(orgs)
    ]
    incidence = _matrix(inc_r, inc_c, (len(orgs), len(items)))
    item_programme = _matrix(fund_r, fund_c, (len(items), len(programmes)))
    item_theme = _matrix(th_r, th_c, (len(items), len(themes)))
    weights = project(incidence)
    adjacency = weights.copy()
    adjacency.data[:] = 1.0
    degree = np.diff(adjacency.indptr)
    return _Index(
        orgs=orgs,
        org_pos=org_pos,
        items=items,
        item_pos=item_pos,
        programmes=programmes,
        programme_pos=programme_pos,
        themes=themes,
        nodes=nodes,
        incidence=incidence,
        item_programme=item_programme,
        item_theme=item_theme,
        direct=_matrix(dir_r, dir_c, (len(orgs), len(orgs))),
        countries=countries,
        regions=regions,
        weights=weights,
        adjacency=adjacency,
        degree=degree,
        inv_log_degree=np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0),
        org_programme=_Attribute.of(_binary(incidence @ item_programme)),
        org_theme=_Attribute.of(_binary(incidence @ item_theme)),
    )


def _regions_of(entity_id: str, located: dict[str, set[str]]) -> set[str]:
    """Regions an entity is located in, following LOCATED_IN up a few levels."""
    seen: set[str] = set()
    frontier = set(located.get(entity_id, ()))
    for _ in range(_MAX_REGION_DEPTH):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        frontier = {r for f in frontier for r in located.get(f, ())}
    return seen


def _first(properties: dict[str, Any], *keys: str) -> Any:
    return next((properties[k] for k in keys if properties.get(k)), None)


def country_of(entity: Node, regions: Iterable[Node] = ()) -> str | None:
    """An entity's ISO country code: its own ``country``, else the first of ``regions``
    (the regions it is located in) with a ``country`` or a NUTS code (its first two
    letters); None when unknown."""
    own = _country_code(_first(entity.properties, "country", "country_code"))
    if own:
        return own
    for region in regions:
        code = _country_code(_first(region.properties, "country", "country_code"))
        nuts = _first(region.properties, "nuts_id", "nuts_code", "nuts")
        if not code and isinstance(nuts, str) and len(nuts) >= 2:
            code = _country_code(nuts[:2])
        if code:
            return code
    return None


# -- algorithms on the sparse network ------------------------------------------------------


def degree_centrality(adjacency: sp.csr_matrix) -> np.ndarray:
    """Number of distinct partners of each organisation (exact)."""
    return np.diff(adjacency.indptr).astype(np.float64)


def _brandes_batch(adjacency: sp.csr_matrix, sources: np.ndarray) -> np.ndarray:
    """Brandes' dependency sums from a batch of sources at once, as sparse × dense products."""
    n, b = adjacency.shape[0], len(sources)
    cols = np.arange(b)
    sigma = np.zeros((n, b))
    sigma[sources, cols] = 1.0
    depth = np.full((n, b), -1, dtype=np.int32)
    depth[sources, cols] = 0
    frontier = sigma.copy()
    level = 0
    while True:  # breadth-first, counting shortest paths level by level
        reached = np.asarray(adjacency @ frontier)
        reached[depth >= 0] = 0.0
        if not reached.any():
            break
        level += 1
        depth[reached > 0] = level
        sigma += reached
        frontier = reached
    delta = np.zeros((n, b))
    safe_sigma = np.where(sigma > 0, sigma, 1.0)
    for lvl in range(level, 0, -1):  # accumulate dependencies back towards the sources
        share = np.where(depth == lvl, (1.0 + delta) / safe_sigma, 0.0)
        back = np.asarray(adjacency @ share)
        delta += np.where(depth == lvl - 1, back * sigma, 0.0)
    delta[sources, cols] = 0.0
    return np.asarray(delta.sum(axis=1))


def betweenness_centrality(
    adjacency: sp.csr_matrix, *, budget: Budget, seed: int = 42, batch: int = 32
) -> tuple[np.ndarray, int]:
    """Normalised betweenness (networkx's scale) and the number of sources used.

    Exact when every source fits in the budget; otherwise sampled: sources in a seeded
    random order until the budget is spent, the sum scaled by n / sources. On a large
    network the first batch is one source, and later batches are sized from the time a
    source took, so that the budget is kept.
    """
    n = adjacency.shape[0]
    scores = np.zeros(n)
    if n <= 2:
        return scores, n
    adjacency = adjacency.astype(np.float64)
    order = np.random.default_rng(seed).permutation(n)
    used = 0
    size = batch if adjacency.nnz * batch <= _BATCH_WORK else 1
    while used < n:
        started = time.monotonic()
        sources = order[used : used + size]
        scores += _brandes_batch(adjacency, sources)
        used += len(sources)
        left = budget.deadline - time.monotonic()
        if left <= 0:
            break
        per_source = (time.monotonic() - started) / len(sources)
        # half of what seems to fit: sources vary, and the budget is a promise
        size = int(max(1, min(batch, left / max(per_source, 1e-9) / 2)))
    scale = 1.0 / ((n - 1) * (n - 2))
    if used < n:
        scale *= n / used
    return scores * scale, used


def eigenvector_centrality(weights: sp.csr_matrix) -> np.ndarray:
    """The leading eigenvector of the weighted network (unit length, non-negative)."""
    n = weights.shape[0]
    if n == 0 or weights.nnz == 0:
        return np.zeros(n)
    matrix = weights.astype(np.float64)
    if n < 64:
        _, vectors = np.linalg.eigh(matrix.toarray())
        vector = vectors[:, -1]
    else:
        try:
            _, vectors = eigsh(matrix, k=1, which="LA", v0=np.ones(n), maxiter=20 * n, tol=1e-8)
            vector = vectors[:, 0]
        except ArpackNoConvergence:
            vector = _power_iteration(matrix)
    vector = np.abs(vector)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _power_iteration(matrix: sp.csr_matrix, iterations: int = 1000) -> np.ndarray:
    """Power iteration on (A + I), which converges for bipartite-like networks too."""
    vector = np.ones(matrix.shape[0])
    for _ in range(iterations):
        nxt = matrix @ vector + vector
        nxt /= np.linalg.norm(nxt)
        if np.allclose(nxt, vector, atol=1e-10):
            break
        vector = nxt
    return vector


def bounded_graph(weights: sp.csr_matrix, max_edges: int) -> tuple[nx.Graph, int]:
    """The network as a networkx Graph, cut to its heaviest ``max_edges`` pairs.

    Returns the graph and the smallest weight kept (1 when nothing was cut).
    """
    upper = sp.triu(weights, k=1).tocoo()
    min_weight = 1
    keep = np.ones(upper.nnz, dtype=bool)
    if upper.nnz > max_edges:
        data = upper.data
        threshold = np.partition(data, upper.nnz - max_edges)[upper.nnz - max_edges]
        keep = data >= threshold
        if keep.sum() > max_edges:  # ties at the threshold overflow the cap
            keep = data > threshold
            if not keep.any():  # every pair shares one weight: keep the first ones
                keep = data >= threshold
                keep[np.flatnonzero(keep)[max_edges:]] = False
        min_weight = int(data[keep].min())
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        zip(
            upper.row[keep].tolist(),
            upper.col[keep].tolist(),
            upper.data[keep].tolist(),
            strict=True,
        )
    )
    return graph, min_weight


def _names(nodes: Iterable[Node], limit: int = 3) -> str:
    names = [n.name for n in nodes]
    text = ", ".join(names[:limit])
    return text + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# -- the cached analytics ------------------------------------------------------------------


class Analytics:
    """Collaboration-network analytics for one store, cached per graph version.

    Thread-safe: one lock guards the cache; computations for a version run once.
    """

    def __init__(
        self,
        store: GraphStore,
        *,
        budget_seconds: float = 30.0,
        max_louvain_edges: int = 300_000,
        max_two_hop: int = 2_000_000,
        seed: int = 42,
    ) -> None:
        self.store = store
        self.budget_seconds = budget_seconds
        self.max_louvain_edges = max_louvain_edges
        self.max_two_hop = max_two_hop  # bound on the partners' partners walked per suggestion
        self.seed = seed
        self._lock = threading.RLock()
        self._version: str | None = None
        self._index: _Index | None = None
        self._cache: dict[str, Any] = {}

    def index(self) -> _Index:
        """The matrices of the current graph version (rebuilt when the graph changed)."""
        version = self.store.version()
        with self._lock:
            if self._index is None or self._version != version:
                self._index = build_index(self.store)
                self._version = version
                self._cache = {}
            return self._index

    def _cached(self, key: str, compute: Any) -> Any:
        index = self.index()
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute(index)
            return self._cache[key]

    # -- the network ------------------------------------------------------------------
    def network(
        self,
        *,
        programme: str | None = None,
        region: str | None = None,
        project: str | None = None,
        item_types: Sequence[str] = (),
        limit: int = 1000,
    ) -> CollaborationNetwork:
        """The weighted org–org network of a selection, heaviest pairs first.

        ``programme`` keeps the items it funds; ``project`` keeps the organisations taking
        part in it (and every item they share); ``region`` keeps organisations located in
        it (transitively); ``item_types`` keeps items of those types.
        """
        index = self.index()
        if programme or region or project or item_types:
            weights = project_selection(index, programme, region, project, item_types)
            rows, cols, data, total = _heaviest_pairs(weights, limit)
            organisations = int(np.count_nonzero(np.diff(weights.indptr)))
        else:  # the whole network: its heaviest pairs are cached for the largest limit asked
            with self._lock:
                cached = self._cache.get("network")
                if cached is None or cached[0] < limit:
                    whole = index.weights
                    organisations = int(np.count_nonzero(np.diff(whole.indptr)))
                    cached = (limit, *_heaviest_pairs(whole, limit), organisations)
                    self._cache["network"] = cached
            _, rows, cols, data, total, organisations = cached
            rows, cols, data = rows[:limit], cols[:limit], data[:limit]
        edges = [
            NetworkEdge(index.orgs[r], index.orgs[c], int(w))
            for r, c, w in zip(rows, cols, data, strict=True)
        ]
        return CollaborationNetwork(edges, organisations, total, total > limit)

    # -- centrality -------------------------------------------------------------------
    def centrality(
        self, measure: str, *, top: int = 20, region: str | None = None
    ) -> CentralityResult:
        """The ``top`` organisations by ``measure`` on the whole network; ``region``
        keeps only organisations located in that region (ranks stay network-wide)."""
        if measure not in CENTRALITY_MEASURES:
            known = ", ".join(CENTRALITY_MEASURES)
            raise ValueError(f"unknown measure {measure!r} (one of {known})")
        computed: tuple[CentralityResult, np.ndarray] = self._cached(
            f"centrality:{measure}", lambda index: self._compute_centrality(index, measure)
        )
        full, vector = computed
        index = self.index()
        order = np.lexsort((np.arange(len(vector)), -vector))
        scores: list[CentralityScore] = []
        for i in order:
            if region and region not in index.regions[i]:
                continue
            scores.append(CentralityScore(index.orgs[i], float(vector[i])))
            if len(scores) >= top:
                break
        return CentralityResult(
            measure=measure,
            scores=scores,
            organisations=full.organisations,
            sampled=full.sampled,
            sample_size=full.sample_size,
            note=full.note,
            seconds=full.seconds,
        )

    def _compute_centrality(
        self, index: _Index, measure: str
    ) -> tuple[CentralityResult, np.ndarray]:
        started = time.monotonic()
        n = len(index.orgs)
        result = CentralityResult(measure=measure, scores=[], organisations=n)
        if measure == "degree":
            vector = degree_centrality(index.adjacency)
            result.note = "number of distinct partners (exact)"
        elif measure == "betweenness":
            vector, used = betweenness_centrality(
                index.adjacency, budget=Budget(self.budget_seconds), seed=self.seed
            )
            result.sampled = used < n
            result.sample_size = used
            result.note = (
                f"sampled: shortest paths from {used} of {n} organisations "
                f"(seed {self.seed}, time budget {self.budget_seconds:g} s), "
                "scaled to the whole network"
                if result.sampled
                else "exact (all shortest paths), normalised as networkx does"
            )
        else:
            vector = eigenvector_centrality(index.weights)
            result.note = (
                "leading eigenvector of the weighted network; on a disconnected "
                "network it concentrates on the strongest component"
            )
        result.seconds = round(time.monotonic() - started, 3)
        return result, vector

    # -- communities ------------------------------------------------------------------
    def communities(
        self, *, limit: int = 20, members: int = 50, brokers: int = 20
    ) -> CommunityResult:
        """Louvain communities (seeded) of the bounded network, and the brokers between
        countries and communities. Lists are capped; sizes are not."""
        full: CommunityResult = self._cached("communities", self._compute_communities)
        out = CommunityResult(
            communities=[
                Community(c.members[:members], c.size, c.countries)
                for c in full.communities[:limit]
            ],
            brokers=full.brokers[:brokers],
            modularity=full.modularity,
            seed=full.seed,
            bounded=full.bounded,
            min_weight=full.min_weight,
            levels_completed=full.levels_completed,
            note=full.note,
            seconds=full.seconds,
        )
        return out

    def _compute_communities(self, index: _Index) -> CommunityResult:
        started = time.monotonic()
        budget = Budget(self.budget_seconds)
        graph, min_weight = bounded_graph(index.weights, self.max_louvain_edges)
        partition: list[set[int]] = [{v} for v in graph.nodes]
        levels = 0
        if graph.number_of_edges():
            for level in nx.community.louvain_partitions(graph, weight="weight", seed=self.seed):
                partition = [set(c) for c in level]
                levels += 1
                if budget.exceeded():
                    break
        modularity = (
            float(nx.community.modularity(graph, partition, weight="weight"))
            if graph.number_of_edges()
            else 0.0
        )
        degree = index.degree
        groups = [sorted(c, key=lambda i: (-degree[i], index.orgs[i].id)) for c in partition]
        groups = [g for g in groups if len(g) > 1]
        groups.sort(key=lambda g: (-len(g), index.orgs[g[0]].id))
        label = np.full(len(index.orgs), -1, dtype=np.int64)
        for number, group in enumerate(groups):
            label[group] = number
        communities = []
        for group in groups:
            countries: dict[str, int] = {}
            for i in group:
                code = index.countries[i]
                if code:
                    countries[code] = countries.get(code, 0) + 1
            communities.append(
                Community(
                    [index.orgs[i] for i in group],
                    len(group),
                    dict(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
                )
            )
        total_pairs = int(index.weights.nnz // 2)  # symmetric, no diagonal
        bounded = graph.number_of_edges() < total_pairs
        notes = []
        if bounded:
            notes.append(
                f"bounded: Louvain ran on the {graph.number_of_edges()} heaviest pairs "
                f"(weight >= {min_weight}) of {total_pairs}"
            )
        if budget.exceeded():
            notes.append(f"time budget reached after {levels} Louvain level(s)")
        return CommunityResult(
            communities=communities,
            brokers=self._brokers(index, label),
            modularity=round(modularity, 6),
            seed=self.seed,
            bounded=bounded,
            min_weight=min_weight,
            levels_completed=levels,
            note="; ".join(notes) or f"Louvain (seed {self.seed}) on the whole network",
            seconds=round(time.monotonic() - started, 3),
        )

    def _brokers(self, index: _Index, label: np.ndarray, cap: int = 200) -> list[Broker]:
        """Organisations whose partners span the most countries, then communities."""
        n = len(index.orgs)
        if n == 0:
            return []
        codes = sorted({c for c in index.countries if c})
        code_pos = {c: i for i, c in enumerate(codes)}
        country_rows = [i for i, c in enumerate(index.countries) if c]
        by_country = _matrix(
            country_rows,
            [code_pos[index.countries[i]] for i in country_rows],
            (n, len(codes)),  # type: ignore[index]
        )
        labelled = np.flatnonzero(label >= 0)
        by_community = _matrix(
            labelled.tolist(),
            label[labelled].tolist(),
            (n, int(label.max()) + 1 if len(labelled) else 0),
        )
        partner_countries = (index.adjacency @ by_country).tocsr()
        partner_communities = (index.adjacency @ by_community).tocsr()
        n_countries = np.diff(partner_countries.indptr)
        n_communities = np.diff(partner_communities.indptr)
        own_community = (label >= 0).astype(np.int64)
        spans = np.maximum(n_countries - 1, 0) + np.maximum(n_communities - own_community, 0)
        order = np.lexsort((np.arange(n), -index.degree, -n_communities, -n_countries))
        out: list[Broker] = []
        for i in order[:cap]:
            if spans[i] <= 0:
                break
            row = partner_countries.indices[
                partner_countries.indptr[i] : partner_countries.indptr[i + 1]
            ]
            countries = sorted(codes[j] for j in row)
            parts = []
            if len(countries) > 1:
                parts.append(f"partners in {len(countries)} countries ({', '.join(countries)})")
            if n_communities[i] > 1:
                parts.append(f"partners in {n_communities[i]} communities")
            if not parts:
                continue
            out.append(Broker(index.orgs[i], countries, int(n_communities[i]), "; ".join(parts)))
        return out

    # -- suggestions ------------------------------------------------------------------
    def suggestions(
        self, org_id: str, *, cross_border: bool = False, limit: int = 10
    ) -> SuggestionResult:
        """Organisations ``org_id`` does not yet work with, ranked by link prediction.

        Score = Adamic–Adar over common partners + half an Adamic–Adar over shared
        programmes and over shared themes (rarer ones count more). KeyError if
        ``org_id`` is not an organisation of the graph.
        """
        index = self.index()
        if org_id not in index.org_pos:
            raise KeyError(org_id)
        i = index.org_pos[org_id]
        org = index.orgs[i]
        own_country = index.countries[i]
        if cross_border and not own_country:
            return SuggestionResult(
                org, [], f"{org.name} has no known country, so cross-border cannot be decided"
            )
        adjacency = index.adjacency
        degree = index.degree
        inv_log_degree = index.inv_log_degree
        own_partners = _row_indices_array(adjacency, i)
        via = own_partners
        if int(degree[own_partners].sum()) > self.max_two_hop:
            # Bound the work: candidates are reached through the least connected partners
            # (a hub adds at most 1/log(degree) per candidate); the picks are then scored
            # exactly below.
            by_degree = own_partners[np.argsort(degree[own_partners], kind="stable")]
            via = by_degree[np.cumsum(degree[by_degree]) <= self.max_two_hop]
        reached, weight = _two_hops(adjacency, via, inv_log_degree)
        n = adjacency.shape[0]
        common = np.bincount(reached, minlength=n)
        adamic = np.bincount(reached, weights=weight, minlength=n)
        programme_score, programme_row = index.org_programme.scores(i)
        theme_score, theme_row = index.org_theme.scores(i)
        score = adamic + 0.5 * programme_score + 0.5 * theme_score
        candidate = (common > 0) | (programme_score > 0) | (theme_score > 0)
        candidate[i] = False
        candidate[own_partners] = False
        candidate[_row_indices(index.direct, i)] = False  # symmetric by construction
        if cross_border:
            codes = np.array([c or "" for c in index.countries], dtype=object)
            candidate &= (codes != "") & (codes != own_country)
        picks = np.flatnonzero(candidate)
        if len(picks) > limit:  # only those scoring at least the limit-th best can rank
            threshold = np.partition(score[picks], len(picks) - limit)[len(picks) - limit]
            picks = picks[score[picks] >= threshold]
        picks = picks[np.lexsort((picks, -common[picks], -score[picks]))][:limit]
        is_own_partner = np.zeros(n, dtype=bool)
        is_own_partner[own_partners] = True
        out = []
        for j in picks:
            partners_j = _row_indices_array(adjacency, j)
            shared = partners_j[is_own_partner[partners_j]]
            shared = shared[np.lexsort((shared, -degree[shared]))]  # best connected first
            programmes = [
                index.programmes[p]
                for p in _row_indices(index.org_programme.holders, j)
                if p in programme_row
            ]
            themes = [
                index.themes[t] for t in _row_indices(index.org_theme.holders, j) if t in theme_row
            ]
            exact_adamic = float(inv_log_degree[shared].sum())
            exact_score = exact_adamic + 0.5 * programme_score[j] + 0.5 * theme_score[j]
            out.append(
                Suggestion(
                    organisation=index.orgs[j],
                    score=round(float(exact_score), 6),
                    reason=_reason(
                        [index.orgs[p] for p in shared[:3]],
                        len(shared),
                        programmes,
                        themes,
                        index.countries[j],
                        cross_border,
                    ),
                    common_partners=[index.orgs[p] for p in shared[:MAX_LISTED]],
                    partners_in_common=len(shared),
                    shared_programmes=programmes,
                    shared_themes=themes,
                    adamic_adar=round(exact_adamic, 6),
                    country=index.countries[j],
                )
            )
        note = (
            "" if out else f"no organisation shares a partner, programme or theme with {org.name}"
        )
        if cross_border and out:
            note = f"only organisations outside {own_country}"
        if len(via) < len(own_partners):
            out.sort(key=lambda g: (-g.score, -g.partners_in_common, g.organisation.id))
            skipped = len(own_partners) - len(via)
            note = (
                f"{note}; " if note else ""
            ) + f"candidates found through all but the {skipped} best connected partners"
        return SuggestionResult(org, out, note)


def _heaviest_pairs(
    weights: sp.csr_matrix, limit: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The ``limit`` heaviest pairs (rows, cols, weights; ties by index) and the total."""
    upper = sp.triu(weights, k=1).tocoo()
    total = int(upper.nnz)
    rows, cols, data = upper.row, upper.col, upper.data
    if total > limit:  # keep the candidates for the top ``limit`` before sorting
        threshold = np.partition(data, total - limit)[total - limit]
        keep = data >= threshold
        rows, cols, data = rows[keep], cols[keep], data[keep]
    order = np.lexsort((cols, rows, -data))[:limit]
    return rows[order], cols[order], data[order], total


def _binary(matrix: sp.spmatrix) -> sp.csr_matrix:
    out = sp.csr_matrix(matrix)
    out.data[:] = 1.0
    return out


def _row_indices_array(matrix: sp.csr_matrix, row: int) -> np.ndarray:
    return matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]


def _two_hops(
    adjacency: sp.csr_matrix, rows: np.ndarray, row_weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every column of the given rows (with repeats) and the weight of the row it came
    from: what ``bincount`` turns into common-neighbour counts and Adamic–Adar sums."""
    starts = adjacency.indptr[rows]
    lengths = adjacency.indptr[rows + 1] - starts
    if lengths.sum() == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    shift = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    positions = shift + np.arange(int(lengths.sum()))
    return adjacency.indices[positions], np.repeat(row_weight[rows], lengths)


def _row_indices(matrix: sp.csr_matrix, row: int) -> list[int]:
    return matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tolist()


def _reason(
    partners: list[Node],
    partner_count: int,
    programmes: list[Node],
    themes: list[str],
    country: str | None,
    cross_border: bool,
) -> str:
    """The suggestion's reason in plain words, e.g. "3 shared partners: A, B, C"."""
    parts = []
    if partner_count:
        more = f" and {partner_count - len(partners)} more" if partner_count > len(partners) else ""
        names = ", ".join(n.name for n in partners)
        parts.append(f"{_plural(partner_count, 'shared partner')}: {names}{more}")
    if programmes:
        parts.append(f"{_plural(len(programmes), 'shared programme')}: {_names(programmes)}")
    if themes:
        shown = ", ".join(themes[:3]) + (f" and {len(themes) - 3} more" if len(themes) > 3 else "")
        parts.append(f"{_plural(len(themes), 'shared theme')}: {shown}")
    if cross_border and country:
        parts.append(f"based in {country}")
    return "; ".join(parts)


def project_selection(
    index: _Index,
    programme: str | None,
    region: str | None,
    project_id: str | None,
    item_types: Sequence[str],
) -> sp.csr_matrix:
    """The projection restricted to a selection of items and organisations."""
    n_orgs, n_items = index.incidence.shape
    item_keep = np.ones(n_items, dtype=bool)
    org_keep = np.ones(n_orgs, dtype=bool)
    if item_types:
        wanted = set(item_types)
        item_keep &= np.array([n.type in wanted for n in index.items], dtype=bool)
    if programme:
        col = index.programme_pos.get(programme)
        funded = np.zeros(n_items, dtype=bool)
        if col is not None:
            funded[index.item_programme[:, col].nonzero()[0]] = True
        item_keep &= funded
    if region:
        org_keep &= np.array([region in r for r in index.regions], dtype=bool)
    if project_id:
        col = index.item_pos.get(project_id)
        partners = np.zeros(n_orgs, dtype=bool)
        if col is not None:
            partners[index.incidence[:, col].nonzero()[0]] = True
        org_keep &= partners
    selected = (
        sp.diags(org_keep.astype(np.float32))
        @ index.incidence
        @ sp.diags(item_keep.astype(np.float32))
    )
    return project(sp.csr_matrix(selected))
