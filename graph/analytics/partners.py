"""Partner search: organisations by country, NUTS region, type, programme, theme and name,
with facet counts, in the manner of keep.eu and the European Cluster Collaboration Platform.

Built once per graph version from the collaboration network's index
(:class:`~innograph.graph.analytics.collaboration_network.NetworkIndex`, read through the
store interface, so both backends answer alike) into per-organisation arrays and sparse
organisation × value matrices; a search is a few boolean masks over them.

Facets are counted as shops and Datasette's faceted tables do for a filter with several
choices: each facet's counts are of the selection under every *other* filter, so that
its values show what choosing them (or one more of them) would give. Within a facet the
chosen values are alternatives (OR); facets combine with AND. Countries and types are
one per organisation, so a facet's counts and its ``missing`` add up to its selection;
an organisation may be in several regions (NL, NL4, NL41), programmes and themes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from innograph.graph.analytics.collaboration_network import (
    THEME_PROPERTIES,
    NetworkIndex,
    ones_matrix,
)
from innograph.graph.domain import kind_label, organisation_kind
from innograph.graph.search import normalise
from innograph.graph.types import Node
from innograph.ontology.ids import make_canonical_id
from innograph.ontology.nuts import is_nuts_code

FACETS: tuple[str, ...] = ("country", "region", "type", "programme", "theme")
SORTS: tuple[str, ...] = ("projects", "partners", "name")
_NUTS_KEYS = ("nuts_id", "nuts_code", "nuts")


@dataclass(frozen=True, slots=True)
class PartnerFilters:
    """What a partner search asks for: values per facet (alternatives) and a name text."""

    country: tuple[str, ...] = ()
    region: tuple[str, ...] = ()  # NUTS codes; a code includes every code it prefixes
    type: tuple[str, ...] = ()  # activity types (HES, REC, ...) or entity types (Cluster)
    programme: tuple[str, ...] = ()  # FundingProgramme ids
    theme: tuple[str, ...] = ()  # as the facet lists them (case does not matter)
    q: str = ""  # in the name or an alias, case and accents ignored

    def of(self, facet: str) -> tuple[str, ...]:
        """The values chosen for ``facet``."""
        values: tuple[str, ...] = getattr(self, facet)
        return values


@dataclass(frozen=True, slots=True)
class PartnerRow:
    """One organisation of the answer."""

    organisation: Node
    kind: str  # activity type or entity type (see organisation_kind)
    kind_label: str
    country: str | None
    region: str | None  # its most specific NUTS code below the country, if any
    region_name: str | None
    projects: int  # projects it leads or takes part in
    partners: int  # distinct organisations it shares a project, platform or event with


@dataclass(frozen=True, slots=True)
class FacetValue:
    """A value of a facet, how many organisations the selection has with it, chosen or not."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True, slots=True)
class Facet:
    """A facet over the selection under every other filter."""

    name: str
    values: list[FacetValue]  # the largest counts first (chosen values always listed)
    distinct: int  # how many values have a count, listed or not
    missing: int  # organisations of that selection with no value for this facet
    truncated: bool  # values were left off the list


@dataclass(slots=True)
class PartnerResult:
    """A page of the selection, its total and its facets."""

    total: int
    rows: list[PartnerRow]
    facets: list[Facet] = field(default_factory=list)


@dataclass(slots=True)
class _Values:
    """The values of a many-valued facet: an organisation × value 0/1 matrix."""

    keys: list[str]
    labels: list[str]
    holders: sp.csr_matrix  # orgs × values
    by_value: sp.csc_matrix  # the same, column-sliceable
    pos: dict[str, int]

    @classmethod
    def of(cls, keys: list[str], labels: list[str], holders: sp.csr_matrix) -> _Values:
        holders = sp.csr_matrix(holders)
        return cls(keys, labels, holders, holders.tocsc(), {k: i for i, k in enumerate(keys)})

    def mask(self, chosen: Sequence[str]) -> np.ndarray:
        """Organisations holding any of ``chosen`` (unknown values hold nobody)."""
        cols = [self.pos[c] for c in chosen if c in self.pos]
        mask = np.zeros(self.holders.shape[0], dtype=bool)
        for col in cols:
            mask[
                self.by_value.indices[self.by_value.indptr[col] : self.by_value.indptr[col + 1]]
            ] = True
        return mask

    def counts(self, base: np.ndarray) -> tuple[np.ndarray, int]:
        """Per value, how many organisations of ``base`` hold it; and how many hold none."""
        counts = np.asarray(self.holders.T @ base.astype(np.float32)).ravel().astype(np.int64)
        has_any = np.diff(self.holders.indptr) > 0
        return counts, int(np.count_nonzero(base & ~has_any))


@dataclass(slots=True)
class _Single:
    """The values of a one-valued facet: a code per organisation, -1 when unknown."""

    keys: list[str]
    labels: list[str]
    codes: np.ndarray
    pos: dict[str, int]

    @classmethod
    def of(cls, per_org: Sequence[str | None], labels: dict[str, str]) -> _Single:
        keys = sorted({v for v in per_org if v})
        pos = {k: i for i, k in enumerate(keys)}
        codes = np.array([pos[v] if v else -1 for v in per_org], dtype=np.int64)
        return cls(keys, [labels.get(k, k) for k in keys], codes, pos)

    def mask(self, chosen: Sequence[str]) -> np.ndarray:
        wanted = [self.pos[c] for c in chosen if c in self.pos]
        return np.isin(self.codes, np.asarray(wanted, dtype=np.int64))

    def counts(self, base: np.ndarray) -> tuple[np.ndarray, int]:
        known = base & (self.codes >= 0)
        counts = np.bincount(self.codes[known], minlength=len(self.keys))
        return counts, int(np.count_nonzero(base) - np.count_nonzero(known))


@dataclass(slots=True)
class PartnerIndex:
    """Everything a partner search reads, per organisation (index order of NetworkIndex)."""

    orgs: list[Node]
    search_text: list[str]  # normalised name and aliases, one per line
    country: _Single
    kind: _Single
    region: _Values  # NUTS codes with every prefix (NL, NL4, NL41)
    programme: _Values
    theme: _Values
    deepest_region: list[str | None]
    region_names: dict[str, str]
    projects: np.ndarray
    partners: np.ndarray
    orders: dict[str, np.ndarray]  # per sort: the organisations in answer order

    def kinds(self) -> list[str]:
        """The types present in the graph."""
        return list(self.kind.keys)

    def search(
        self,
        filters: PartnerFilters,
        *,
        sort: str = "projects",
        offset: int = 0,
        limit: int | None = 50,
        facet_size: int = 30,
    ) -> PartnerResult:
        """The organisations ``filters`` select, in ``sort`` order, from ``offset``
        (``limit`` of them, all when None), with every facet when ``facet_size`` > 0."""
        masks = self._masks(filters)
        chosen = self._selected(masks, sort)
        end = None if limit is None else offset + limit
        rows = [self.row(int(i)) for i in chosen[offset:end]]
        facets = [self._facet(name, filters, masks, facet_size) for name in FACETS]
        return PartnerResult(int(chosen.size), rows, facets if facet_size > 0 else [])

    def selection(self, filters: PartnerFilters, *, sort: str = "projects") -> np.ndarray:
        """The positions of every organisation ``filters`` select, in ``sort`` order (see
        :meth:`row`): a whole CSV without building a page."""
        return self._selected(self._masks(filters), sort)

    def row(self, i: int) -> PartnerRow:
        """Organisation ``i`` as an answer row."""
        kind = self.kind.keys[self.kind.codes[i]]
        country_code = self.country.codes[i]
        region = self.deepest_region[i]
        return PartnerRow(
            organisation=self.orgs[i],
            kind=kind,
            kind_label=kind_label(kind),
            country=self.country.keys[country_code] if country_code >= 0 else None,
            region=region,
            region_name=self.region_names.get(region) if region else None,
            projects=int(self.projects[i]),
            partners=int(self.partners[i]),
        )

    # -- internals --------------------------------------------------------------------
    def _selected(self, masks: dict[str, np.ndarray], sort: str) -> np.ndarray:
        """The positions of the organisations every mask keeps, in ``sort`` order."""
        selection = np.ones(len(self.orgs), dtype=bool)
        for mask in masks.values():
            selection &= mask
        order = self.orders[sort]
        chosen: np.ndarray = order[selection[order]]
        return chosen

    def _masks(self, filters: PartnerFilters) -> dict[str, np.ndarray]:
        masks: dict[str, np.ndarray] = {}
        for name in FACETS:
            chosen = filters.of(name)
            if chosen:
                facet: _Single | _Values = getattr(self, _FIELD[name])
                masks[name] = facet.mask([_key(name, c) for c in chosen])
        if filters.q.strip():
            needle = normalise(filters.q)
            masks["q"] = np.fromiter(
                (needle in text for text in self.search_text), dtype=bool, count=len(self.orgs)
            )
        return masks

    def _facet(
        self, name: str, filters: PartnerFilters, masks: dict[str, np.ndarray], size: int
    ) -> Facet:
        base = np.ones(len(self.orgs), dtype=bool)
        for other, mask in masks.items():
            if other != name:
                base &= mask
        facet: _Single | _Values = getattr(self, _FIELD[name])
        counts, missing = facet.counts(base)
        chosen = {_key(name, c) for c in filters.of(name)}
        listed = np.arange(len(facet.keys))
        if name == "region":  # one level at a time: below the chosen codes, else NUTS 1
            listed = np.array(
                [i for i, k in enumerate(facet.keys) if _region_listed(k, chosen)], dtype=np.int64
            )
        values = [
            FacetValue(facet.keys[i], facet.labels[i], int(counts[i]), facet.keys[i] in chosen)
            for i in listed
            if counts[i] > 0 or facet.keys[i] in chosen
        ]
        # Chosen but absent from the graph: listed with 0, so they can be taken off.
        values += [FacetValue(k, k, 0, True) for k in sorted(chosen - set(facet.keys))]
        values.sort(key=lambda v: (-v.count, v.label.casefold(), v.value))
        room = max(size - len(chosen), 0)  # the largest unchosen values that fit
        shown = [v for v in values if v.selected or (not v.selected and (room := room - 1) >= 0)]
        return Facet(name, shown, len(values), missing, len(shown) < len(values))


# The PartnerIndex field of each facet.
_FIELD = {f: f for f in FACETS} | {"type": "kind"}


def _key(facet: str, value: str) -> str:
    """A chosen value as the index keys it: themes lower case, codes upper case."""
    value = value.strip()
    if facet == "theme":
        return value.casefold()
    if facet in ("country", "region"):
        return value.upper()
    if facet == "type" and value.upper() in ("HES", "REC", "PRC", "PUB", "OTH"):
        return value.upper()
    return value


def _region_listed(code: str, chosen: set[str]) -> bool:
    """Whether the region facet lists ``code``: a chosen code, a child of one, or (nothing
    chosen) a NUTS 1 region."""
    if code in chosen:
        return True
    if not chosen:
        return len(code) == 3
    return any(len(code) == len(c) + 1 and code.startswith(c) for c in chosen)


# -- building ---------------------------------------------------------------------------


def _nuts_of(node: Node) -> str | None:
    for key in _NUTS_KEYS:
        value = node.properties.get(key)
        if isinstance(value, str) and 2 <= len(value.strip()) <= 5 and value.strip().isalnum():
            return value.strip().upper()
    return None


def _split_themes(node: Node) -> list[str]:
    """Themes as the network index reads them (see ``THEME_PROPERTIES``), as written."""
    out: list[str] = []
    for prop in THEME_PROPERTIES:
        value = node.properties.get(prop)
        if isinstance(value, str):
            out.extend(t.strip() for t in value.replace(",", ";").split(";"))
        elif isinstance(value, list | tuple):
            out.extend(str(t).strip() for t in value)
    return [t for t in out if t]


def build_partner_index(index: NetworkIndex) -> PartnerIndex:
    """The partner search's arrays, from the collaboration network's index."""
    orgs = index.orgs
    n = len(orgs)
    region_names: dict[str, str] = {}
    country_names: dict[str, str] = {}
    for node in index.nodes.values():
        if node.type != "Region":
            continue
        code = _nuts_of(node)
        if code:
            region_names.setdefault(code, node.name)
        own = node.properties.get("country")
        # A country is the Region the importers mint from its code (a city has a country too).
        if isinstance(own, str) and node.id == make_canonical_id("Region", own):
            country_names.setdefault(own.upper(), node.name)
    rows: list[int] = []
    cols: list[int] = []
    region_keys: dict[str, int] = {}
    deepest: list[str | None] = []
    for i in range(n):
        located = (index.nodes[r] for r in index.regions[i] if r in index.nodes)
        codes = {code for code in map(_nuts_of, located) if code}
        country = index.countries[i]
        if country and is_nuts_code(country):  # known from its own country property
            codes.add(country)
        prefixes = {code[:k] for code in codes for k in range(2, len(code) + 1)}
        for code in prefixes:
            rows.append(i)
            cols.append(region_keys.setdefault(code, len(region_keys)))
        below = sorted((c for c in codes if len(c) > 2), key=lambda c: (-len(c), c))
        deepest.append(below[0] if below else None)
    region_list = sorted(region_keys)
    sorted_pos = {k: i for i, k in enumerate(region_list)}
    remap = [sorted_pos[k] for k in region_keys]  # insertion order -> sorted order
    regions = ones_matrix(rows, [remap[c] for c in cols], (n, len(region_list)))
    theme_labels: dict[str, str] = {}
    for item in index.items:
        for theme in _split_themes(item):
            theme_labels.setdefault(theme.casefold(), theme)
    is_project = np.array([item.type == "Project" for item in index.items], dtype=np.float32)
    projects = np.asarray(index.incidence @ is_project).ravel().astype(np.int64)
    kinds = [organisation_kind(o) for o in orgs]
    names = [normalise(o.name) for o in orgs]
    ids = np.array([o.id for o in orgs], dtype=object)
    by_name = np.lexsort((ids, np.array(names, dtype=object)))
    partners = np.asarray(index.degree, dtype=np.int64)
    return PartnerIndex(
        orgs=orgs,
        search_text=[
            "\n".join([names[i], *(normalise(a) for a in _aliases(o))]) for i, o in enumerate(orgs)
        ],
        country=_Single.of(index.countries, country_names),
        kind=_Single.of(kinds, {k: kind_label(k) for k in kinds}),
        region=_Values.of(
            region_list,
            [f"{c} {region_names[c]}" if c in region_names else c for c in region_list],
            regions,
        ),
        programme=_Values.of(
            [p.id for p in index.programmes],
            [p.name for p in index.programmes],
            index.org_programme.holders,
        ),
        theme=_Values.of(
            list(index.themes),
            [theme_labels.get(t, t) for t in index.themes],
            index.org_theme.holders,
        ),
        deepest_region=deepest,
        region_names=region_names,
        projects=projects,
        partners=partners,
        orders={
            "name": by_name,
            "projects": _ranked(projects, by_name),
            "partners": _ranked(partners, by_name),
        },
    )


def _ranked(values: np.ndarray, by_name: np.ndarray) -> np.ndarray:
    """Largest ``values`` first, ties in name order."""
    name_rank = np.empty_like(by_name)
    name_rank[by_name] = np.arange(by_name.size)
    return np.lexsort((name_rank, -values))


def _aliases(node: Node) -> list[str]:
    aliases = node.properties.get("aliases")
    return [str(a) for a in aliases] if isinstance(aliases, list | tuple) else []
