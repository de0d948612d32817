"""The collaboration network as sparse matrices, built once per graph version.

Two organisations collaborate when both lead or take part in the same Project,
S3Platform or Event; the weight of the pair is the number of such shared items: the
sparse product ``B @ B.T`` of the organisation × item incidence matrix ``B``
(:func:`project`). :func:`build_index` reads the store once into every matrix the
analytics need (:class:`NetworkIndex`); :func:`project_selection` is the projection of a
selection of items and organisations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from innograph.gc_pause import collector_paused
from innograph.graph.domain import country_of, organisation_kind, organisation_types
from innograph.graph.store import PARTNERSHIP_RELATIONS, SHARED_ITEM_TYPES, GraphStore
from innograph.graph.types import Node

# Item properties read as themes (lists or "a; b" strings) for partner suggestions.
THEME_PROPERTIES: tuple[str, ...] = ("themes", "theme", "topics")
# Relations that mean two organisations already work together without a shared item.
DIRECT_RELATIONS: tuple[str, ...] = ("COLLABORATES_WITH", "MEMBER_OF")
_INDEX_RELATIONS = (*PARTNERSHIP_RELATIONS, "FUNDED_BY", "LOCATED_IN", *DIRECT_RELATIONS)
_MAX_REGION_DEPTH = 6  # LOCATED_IN chains (city -> province -> country) are short
# How a region selects partnerships: "touching" keeps a pair when at least one end is
# located in the region (its organisations and their partners anywhere), "inside" only
# when both are.
REGION_SCOPES: tuple[str, ...] = ("touching", "inside")


@dataclass(slots=True)
class AttributeHolders:
    """Which organisations hold which attribute (programme, theme), for Adamic–Adar."""

    holders: sp.csr_matrix  # orgs × attributes, 0/1
    by_attribute: sp.csr_matrix  # attributes × orgs (the transpose, row-sliceable)
    weight: np.ndarray  # per attribute: 1 / log(1 + number of holders)

    @classmethod
    def of(cls, holders: sp.csr_matrix) -> AttributeHolders:
        """From the org × attribute matrix."""
        count = np.asarray(holders.sum(axis=0)).ravel()
        weight = 1.0 / np.log1p(np.maximum(count, 1.0))
        return cls(holders, holders.T.tocsr(), weight)

    def scores(self, i: int) -> tuple[np.ndarray, set[int]]:
        """Adamic–Adar of org ``i`` with every org over shared attributes, and ``i``'s own."""
        own = self.holders.indices[self.holders.indptr[i] : self.holders.indptr[i + 1]]
        holders, weight = two_hops(self.by_attribute, own, self.weight)
        scores = np.bincount(holders, weights=weight, minlength=self.holders.shape[0])
        return scores, set(own.tolist())


@dataclass(slots=True)
class NetworkIndex:
    """The organisations, items and programmes of one graph version, as matrices."""

    orgs: list[Node]  # sorted by id, so index order is id order
    org_pos: dict[str, int]
    items: list[Node]
    item_pos: dict[str, int]
    programmes: list[Node]
    programme_pos: dict[str, int]
    themes: list[str]  # folded to lower case: what is compared
    theme_labels: list[str]  # per theme, as written (one spelling), to show
    nodes: dict[str, Node]
    incidence: sp.csr_matrix  # orgs × items
    item_programme: sp.csr_matrix  # items × programmes (FUNDED_BY)
    item_theme: sp.csr_matrix  # items × themes
    direct: sp.csr_matrix  # orgs × orgs, COLLABORATES_WITH / MEMBER_OF either way
    countries: list[str | None]  # per org
    kinds: np.ndarray  # per org (object array): CORDIS activity type, else entity type
    regions: list[frozenset[str]]  # per org: regions it is located in, transitively
    weights: sp.csr_matrix  # orgs × orgs, shared items, no diagonal
    adjacency: sp.csr_matrix  # weights > 0 as 1.0
    org_programme: AttributeHolders  # programmes of the items each org takes part in
    org_theme: AttributeHolders  # themes of those items

    degree: np.ndarray  # distinct partners per org
    country_codes: np.ndarray  # per org, "" where unknown (object array, for masks)
    inv_log_degree: np.ndarray  # 1 / log(degree), 0 where degree < 2 (Adamic–Adar)


def _themes_of(node: Node) -> dict[str, str]:
    """An item's themes: each folded to lower case (so "Hydrogen" and "hydrogen" are one)
    with the spelling it was written in, to show."""
    out: list[str] = []
    for prop in THEME_PROPERTIES:
        value = node.properties.get(prop)
        if isinstance(value, str):
            out.extend(t.strip() for t in value.replace(",", ";").split(";"))
        elif isinstance(value, list | tuple):
            out.extend(str(t).strip() for t in value)
    spelt: dict[str, str] = {}
    for theme in sorted(t for t in out if t):  # the same spelling whatever the order
        spelt.setdefault(theme.lower(), theme)
    return spelt


def ones_matrix(rows: list[int], cols: list[int], shape: tuple[int, int]) -> sp.csr_matrix:
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


def build_index(store: GraphStore) -> NetworkIndex:
    """Read the store once and build every matrix the analytics need."""
    # Copies of every node and relationship of the graph: the cyclic GC would rescan them
    # over and over (a third of the build on the real data); they hold no cycles.
    with collector_paused():
        return _build_index(store)


def _build_index(store: GraphStore) -> NetworkIndex:
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
    spelling: dict[str, str] = {}
    for ts in themes_per_item:
        for key, spelt in ts.items():
            spelling[key] = min(spelling.get(key, spelt), spelt)
    themes = sorted(spelling)  # folded to lower case
    theme_pos = {t: i for i, t in enumerate(themes)}
    th_r = [i for i, ts in enumerate(themes_per_item) for _ in ts]
    th_c = [theme_pos[t] for ts in themes_per_item for t in ts]

    regions = [frozenset(_regions_of(o.id, located)) for o in orgs]
    countries = [
        country_of(o, (nodes[r] for r in sorted(regions[i]) if r in nodes))
        for i, o in enumerate(orgs)
    ]
    incidence = ones_matrix(inc_r, inc_c, (len(orgs), len(items)))
    item_programme = ones_matrix(fund_r, fund_c, (len(items), len(programmes)))
    item_theme = ones_matrix(th_r, th_c, (len(items), len(themes)))
    weights = project(incidence)
    adjacency = weights.copy()
    adjacency.data[:] = 1.0
    degree = np.diff(adjacency.indptr)
    return NetworkIndex(
        orgs=orgs,
        org_pos=org_pos,
        items=items,
        item_pos=item_pos,
        programmes=programmes,
        programme_pos=programme_pos,
        themes=themes,
        theme_labels=[spelling[t] for t in themes],
        nodes=nodes,
        incidence=incidence,
        item_programme=item_programme,
        item_theme=item_theme,
        direct=ones_matrix(dir_r, dir_c, (len(orgs), len(orgs))),
        countries=countries,
        kinds=np.array([organisation_kind(o) for o in orgs], dtype=object),
        regions=regions,
        weights=weights,
        adjacency=adjacency,
        degree=degree,
        country_codes=np.array([c or "" for c in countries], dtype=object),
        inv_log_degree=np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0),
        org_programme=AttributeHolders.of(_binary(incidence @ item_programme)),
        org_theme=AttributeHolders.of(_binary(incidence @ item_theme)),
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


def heaviest_pairs(
    weights: sp.csr_matrix, limit: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The ``limit`` heaviest pairs (rows, cols, weights) and the total. Ties go to the
    best connected pair (the most partners of its two ends together), then by index."""
    upper = sp.triu(weights, k=1).tocoo()
    total = int(upper.nnz)
    rows, cols, data = upper.row, upper.col, upper.data
    if total > limit:  # keep the candidates for the top ``limit`` before sorting
        threshold = np.partition(data, total - limit)[total - limit]
        keep = data >= threshold
        rows, cols, data = rows[keep], cols[keep], data[keep]
    partners = np.diff(weights.indptr)
    order = np.lexsort((cols, rows, -(partners[rows] + partners[cols]), -data))[:limit]
    return rows[order], cols[order], data[order], total


def _binary(matrix: sp.spmatrix) -> sp.csr_matrix:
    out = sp.csr_matrix(matrix)
    out.data[:] = 1.0
    return out


def row_indices_array(matrix: sp.csr_matrix, row: int) -> np.ndarray:
    return np.asarray(matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]])


def two_hops(
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


def row_indices(matrix: sp.csr_matrix, row: int) -> list[int]:
    indices: list[int] = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tolist()
    return indices


def selection_masks(
    index: NetworkIndex,
    programme: str | None,
    region: str | None,
    project_id: str | None,
    item_types: Sequence[str],
    org_types: Sequence[str] = (),
    countries: Sequence[str] = (),
    region_scope: str = "touching",
) -> tuple[np.ndarray, np.ndarray]:
    """Which organisations and which items a selection keeps, as boolean masks.

    ``programme`` keeps the items it funds, ``item_types`` items of those types;
    ``region`` with ``region_scope="inside"`` keeps organisations located in it
    (transitively), with "touching" (the default) the items with at least one kept
    organisation located in it (the pairs with no end in it are dropped by
    :func:`project_selection`); ``project_id`` keeps the project's partners,
    ``org_types`` organisations of those types and ``countries`` organisations in those
    countries (ISO codes as the index knows them).
    """
    n_orgs, n_items = index.incidence.shape
    item_keep = np.ones(n_items, dtype=bool)
    org_keep = np.ones(n_orgs, dtype=bool)
    if item_types:
        wanted = set(item_types)
        item_keep &= np.array([n.type in wanted for n in index.items], dtype=bool)
    if programme:  # items the programme funds
        item_keep &= _rows_in(index.item_programme, index.programme_pos.get(programme))
    if region and region_scope == "inside":
        org_keep &= in_region(index, region)
    if project_id:  # the project's partners
        org_keep &= _rows_in(index.incidence, index.item_pos.get(project_id))
    if org_types:
        kinds = set(org_types)
        org_keep &= np.array([o.type in kinds for o in index.orgs], dtype=bool)
    if countries:
        codes = {c.upper() for c in countries}
        org_keep &= np.array([c in codes for c in index.countries], dtype=bool)
    if region and region_scope != "inside":  # items a kept organisation of the region is in
        inside = org_keep & in_region(index, region)
        item_keep &= np.asarray(index.incidence[inside].sum(axis=0)).ravel() > 0
    return org_keep, item_keep


def in_region(index: NetworkIndex, region: str) -> np.ndarray:
    """A mask of the organisations located in ``region`` (transitively)."""
    return np.array([region in r for r in index.regions], dtype=bool)


def project_selection(
    index: NetworkIndex,
    programme: str | None,
    region: str | None,
    project_id: str | None,
    item_types: Sequence[str],
    org_types: Sequence[str] = (),
    countries: Sequence[str] = (),
    region_scope: str = "touching",
) -> sp.csr_matrix:
    """The projection restricted to a selection of items and organisations (see
    :func:`selection_masks`); with a ``region`` "touching", the pairs with at least one
    end located in it."""
    org_keep, item_keep = selection_masks(
        index, programme, region, project_id, item_types, org_types, countries, region_scope
    )
    selected = (
        sp.diags(org_keep.astype(np.float32))
        @ index.incidence
        @ sp.diags(item_keep.astype(np.float32))
    )
    weights = project(sp.csr_matrix(selected))
    if region and region_scope != "inside":  # drop the pairs of two outside organisations
        outside = sp.diags((~in_region(index, region)).astype(np.float32))
        weights = (weights - outside @ weights @ outside).tocsr()
        weights.eliminate_zeros()
    return weights


def _rows_in(matrix: sp.csr_matrix, col: int | None) -> np.ndarray:
    """A mask of the rows with a non-zero in column ``col`` (none when ``col`` is None)."""
    mask = np.zeros(matrix.shape[0], dtype=bool)
    if col is not None:
        mask[matrix[:, col].nonzero()[0]] = True
    return mask
