"""Analytics of the organisation–organisation collaboration network, on sparse matrices.

Backend-independent: everything is built from ``store.iter_nodes()``/``iter_edges()``
once per graph version (``store.version()``) and cached. Two organisations collaborate
when both lead or take part in the same Project, S3Platform or Event; the weight of the
pair is the number of such shared items. The projection is the sparse product
``B @ B.T`` of the organisation × item incidence matrix ``B``: at the scale of the EU's
project data (24.6M pairs) networkx cannot even hold the network, so centrality works on
the sparse matrix, Louvain on a bounded projection, and the response says when a figure
is sampled or bounded.

The work is split by job: :mod:`.collaboration_network` (the sparse projection and its
index), :mod:`.centrality`, :mod:`.communities`, :mod:`.suggestions` and the answer types
in :mod:`.results`. This module caches them per graph version behind :class:`Analytics`;
each name is imported from the module that defines it (the domain helpers
``organisation_types`` and ``country_of`` from :mod:`innograph.graph.domain`).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

from innograph.graph.analytics.centrality import (
    CENTRALITY_MEASURES,
    compute_centrality,
)
from innograph.graph.analytics.collaboration_network import (
    NetworkIndex,
    build_index,
    heaviest_pairs,
    in_region,
    project_selection,
)
from innograph.graph.analytics.communities import compute_communities
from innograph.graph.analytics.partners import PartnerIndex, build_partner_index
from innograph.graph.analytics.results import (
    CentralityResult,
    CentralityScore,
    CollaborationNetwork,
    Community,
    CommunityResult,
    NetworkEdge,
    SuggestionResult,
)
from innograph.graph.analytics.suggestions import suggest_partners
from innograph.graph.store import GraphStore


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
        self._index: NetworkIndex | None = None
        self._cache: dict[str, Any] = {}

    def index(self) -> NetworkIndex:
        """The matrices of the current graph version (rebuilt when the graph changed)."""
        version = self.store.version()
        with self._lock:
            if self._index is None or self._version != version:
                self._index = build_index(self.store)
                self._version = version
                self._cache = {}
            return self._index

    def cached(self, key: str, compute: Any) -> Any:
        """``compute(index)`` for ``key``, computed once per graph version of this store:
        for views that derive their own results from the network (the map's communities)."""
        return self._cached(key, compute)

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
        org_types: Sequence[str] = (),
        countries: Sequence[str] = (),
        region_scope: str = "touching",
        limit: int = 1000,
    ) -> CollaborationNetwork:
        """The weighted org–org network of a selection, heaviest pairs first.

        ``programme`` keeps the items it funds; ``project`` keeps the organisations taking
        part in it (and every item they share); ``region`` keeps the pairs with at least
        one end located in it (transitively), or with ``region_scope="inside"`` both;
        ``item_types`` keeps items of those types; ``org_types`` and ``countries`` keep
        organisations of those types and countries. With a region, ``inside`` counts the
        organisations of the network located in it.
        """
        index = self.index()
        inside: int | None = None
        if programme or region or project or item_types or org_types or countries:
            weights = project_selection(
                index,
                programme,
                region,
                project,
                item_types,
                org_types,
                countries,
                region_scope,
            )
            rows, cols, data, total = heaviest_pairs(weights, limit)
            linked = np.diff(weights.indptr) > 0
            organisations = int(np.count_nonzero(linked))
            if region:
                inside = int(np.count_nonzero(linked & in_region(index, region)))
        else:  # the whole network: its heaviest pairs are cached for the largest limit asked
            with self._lock:
                cached = self._cache.get("network")
                if cached is None or cached[0] < limit:
                    whole = index.weights
                    organisations = int(np.count_nonzero(np.diff(whole.indptr)))
                    cached = (limit, *heaviest_pairs(whole, limit), organisations)
                    self._cache["network"] = cached
            _, rows, cols, data, total, organisations = cached
            rows, cols, data = rows[:limit], cols[:limit], data[:limit]
        edges = [
            NetworkEdge(index.orgs[r], index.orgs[c], int(w))
            for r, c, w in zip(rows, cols, data, strict=True)
        ]
        return CollaborationNetwork(edges, organisations, total, total > limit, inside)

    # -- centrality -------------------------------------------------------------------
    def centrality(
        self, measure: str, *, top: int = 20, offset: int = 0, region: str | None = None
    ) -> CentralityResult:
        """The ``top`` organisations by ``measure`` on the whole network, after the first
        ``offset``; ``region`` keeps only organisations located in that region.
        ``ranked`` counts the organisations of the whole ranking (of the region)."""
        if measure not in CENTRALITY_MEASURES:
            known = ", ".join(CENTRALITY_MEASURES)
            raise ValueError(f"unknown measure {measure!r} (one of {known})")
        computed: tuple[CentralityResult, np.ndarray] = self._cached(
            f"centrality:{measure}",
            lambda index: compute_centrality(
                index, measure, budget_seconds=self.budget_seconds, seed=self.seed
            ),
        )
        full, vector = computed
        index = self.index()
        order = np.lexsort((np.arange(len(vector)), -vector))
        if region:
            inside = (region in index.regions[i] for i in order)
            order = order[np.fromiter(inside, dtype=bool, count=len(order))]
        scores = [
            CentralityScore(index.orgs[i], float(vector[i])) for i in order[offset : offset + top]
        ]
        return CentralityResult(
            measure=measure,
            scores=scores,
            organisations=full.organisations,
            ranked=len(order),
            sampled=full.sampled,
            sample_size=full.sample_size,
            note=full.note,
            seconds=full.seconds,
        )

    # -- communities ------------------------------------------------------------------
    def communities(
        self, *, limit: int = 20, offset: int = 0, members: int = 50, brokers: int = 20
    ) -> CommunityResult:
        """Louvain communities (seeded) of the bounded network, ``limit`` of them after the
        first ``offset``, and the brokers between countries and communities. Lists are
        capped; sizes and totals are not."""
        full: CommunityResult = self._cached(
            "communities",
            lambda index: compute_communities(
                index,
                budget_seconds=self.budget_seconds,
                max_edges=self.max_louvain_edges,
                seed=self.seed,
            ),
        )
        out = CommunityResult(
            communities=[
                Community(c.members[:members], c.size, c.countries)
                for c in full.communities[offset : offset + limit]
            ],
            brokers=full.brokers[:brokers],
            modularity=full.modularity,
            seed=full.seed,
            total=len(full.communities),
            brokers_total=full.brokers_total,
            bounded=full.bounded,
            min_weight=full.min_weight,
            levels_completed=full.levels_completed,
            note=full.note,
            seconds=full.seconds,
        )
        return out

    # -- suggestions ------------------------------------------------------------------
    def suggestions(
        self,
        org_id: str,
        *,
        cross_border: bool = False,
        countries: Collection[str] = (),
        kinds: Collection[str] = (),
        programme: str | None = None,
        offset: int = 0,
        limit: int = 10,
    ) -> SuggestionResult:
        """A page of the organisations ``org_id`` does not yet work with, ranked by link
        prediction and filtered (see
        :func:`innograph.graph.analytics.suggestions.suggest_partners`). KeyError if
        ``org_id`` is not an organisation of the graph, ValueError if ``programme`` is not
        a funding programme of it."""
        return suggest_partners(
            self.index(),
            org_id,
            cross_border=cross_border,
            countries=countries,
            kinds=kinds,
            programme=programme,
            offset=offset,
            limit=limit,
            max_two_hop=self.max_two_hop,
        )

    # -- partner search ---------------------------------------------------------------
    def partners(self) -> PartnerIndex:
        """The partner search of the current graph version (see
        :mod:`innograph.graph.analytics.partners`), built once per version."""
        partners: PartnerIndex = self._cached("partners", build_partner_index)
        return partners
