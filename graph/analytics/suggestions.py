"""Partner suggestions: link prediction on the collaboration network.

An organisation's candidates are its partners' partners (Adamic–Adar over the common
partners, walked from the least connected partners when a hub would make it too long)
and the organisations sharing its programmes or themes; each suggestion says why.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
import scipy.sparse as sp

from innograph.graph.analytics.collaboration_network import (
    NetworkIndex,
    row_indices,
    row_indices_array,
    two_hops,
)
from innograph.graph.analytics.results import Suggestion, SuggestionResult
from innograph.graph.types import Node

# A suggestion lists at most this many common partners (its count says how many in all).
MAX_LISTED = 20
# A programme or theme that at least this many and half of the suggestions share is
# left out of their reasons (see _telling).
UBIQUITOUS = 10


def suggest_partners(
    index: NetworkIndex,
    org_id: str,
    *,
    cross_border: bool = False,
    countries: Collection[str] = (),
    kinds: Collection[str] = (),
    programme: str | None = None,
    offset: int = 0,
    limit: int = 10,
    max_two_hop: int = 2_000_000,
) -> SuggestionResult:
    """Organisations ``org_id`` does not yet work with, ranked by link prediction.

    Score = Adamic–Adar over common partners + half an Adamic–Adar over shared
    programmes and over shared themes (rarer ones count more). The candidates can be
    narrowed: ``cross_border`` keeps those with a known country other than its own,
    ``countries`` those in one of these ISO codes, ``kinds`` those of one of these kinds
    (``innograph.graph.domain.organisation_kind``: a CORDIS activity type or an
    entity type), ``programme``
    those taking part in an item that programme (a FundingProgramme id) funds. The
    answer is the page ``offset``..``offset + limit`` of the ranking, with the total and
    facet counts. KeyError if ``org_id`` is not an organisation of the graph, ValueError
    if ``programme`` is not a funding programme of it.
    """
    if org_id not in index.org_pos:
        raise KeyError(org_id)
    if programme is not None and programme not in index.programme_pos:
        raise ValueError(f"no funding programme with id {programme!r}")
    i = index.org_pos[org_id]
    org = index.orgs[i]
    own_country = index.countries[i]
    if cross_border and not own_country:
        note = f"{org.name} has no known country, so cross-border cannot be decided"
        return SuggestionResult(org, [], note, offset=offset, limit=limit)
    adjacency = index.adjacency
    degree = index.degree
    inv_log_degree = index.inv_log_degree
    own_partners = row_indices_array(adjacency, i)
    via = own_partners
    if int(degree[own_partners].sum()) > max_two_hop:
        # Bound the work: candidates are reached through the least connected partners
        # (a hub adds at most 1/log(degree) per candidate); the picks are then scored
        # exactly below.
        by_degree = own_partners[np.argsort(degree[own_partners], kind="stable")]
        via = by_degree[np.cumsum(degree[by_degree]) <= max_two_hop]
    reached, weight = two_hops(adjacency, via, inv_log_degree)
    n = adjacency.shape[0]
    common = np.bincount(reached, minlength=n)
    adamic = np.bincount(reached, weights=weight, minlength=n)
    programme_score, programme_row = index.org_programme.scores(i)
    theme_score, theme_row = index.org_theme.scores(i)
    score = adamic + 0.5 * programme_score + 0.5 * theme_score
    candidate = (common > 0) | (programme_score > 0) | (theme_score > 0)
    candidate[i] = False
    candidate[own_partners] = False
    candidate[row_indices(index.direct, i)] = False  # symmetric by construction
    unfiltered = candidate.copy()  # the filters narrow what is shown, not what is telling
    codes = index.country_codes
    if cross_border:
        candidate &= (codes != "") & (codes != own_country)
    if programme is not None:  # holders of the programme: a column of org × programme
        column = index.org_programme.by_attribute[index.programme_pos[programme]]
        held = np.zeros(n, dtype=bool)
        held[column.indices] = True
        candidate &= held
    in_country = np.isin(codes, list(countries)) if countries else np.ones(n, dtype=bool)
    of_kind = np.isin(index.kinds, list(kinds)) if kinds else np.ones(n, dtype=bool)
    # Facets as Datasette counts them: each under every filter but its own, so a
    # country list offers the countries the other filters leave.
    country_facet = _counts(codes[candidate & of_kind])
    kind_facet = _counts(index.kinds[candidate & in_country])
    picks = np.flatnonzero(candidate & in_country & of_kind)
    total = len(picks)
    wanted = offset + limit
    if len(picks) > wanted:  # only those scoring at least the wanted-th best can rank
        threshold = np.partition(score[picks], len(picks) - wanted)[len(picks) - wanted]
        picks = picks[score[picks] >= threshold]
    picks = picks[np.lexsort((picks, -common[picks], -score[picks]))][offset:wanted]
    is_own_partner = np.zeros(n, dtype=bool)
    is_own_partner[own_partners] = True
    own_weight = np.zeros(n)  # shared items with each of its partners
    own_weight[own_partners] = _row(index.weights, i)[1]
    # A programme or theme that half the suggestions share too tells none of them apart
    # (Horizon 2020 in a Horizon 2020 extract): it counts in the score, not in the reason.
    everyone = int(unfiltered.sum())
    telling_programmes = _telling(
        index.org_programme.by_attribute, programme_row, unfiltered, everyone
    )
    telling_themes = _telling(index.org_theme.by_attribute, theme_row, unfiltered, everyone)
    out = []
    for j in picks.tolist():
        partners_j, weights_j = _row(index.weights, j)
        mine = is_own_partner[partners_j]
        shared, joint = partners_j[mine], np.minimum(weights_j[mine], own_weight[partners_j[mine]])
        # The partners both work with most first (then the less connected, the more
        # telling): the hubs everyone shares come last unless the ties are strong.
        shared = shared[np.lexsort((shared, degree[shared], -joint))]
        programme_ids = [
            p for p in row_indices(index.org_programme.holders, j) if p in programme_row
        ]
        theme_ids = [t for t in row_indices(index.org_theme.holders, j) if t in theme_row]
        programmes = [index.programmes[p] for p in programme_ids]
        themes = [index.theme_labels[t] for t in theme_ids]
        exact_adamic = float(inv_log_degree[shared].sum())
        exact_score = exact_adamic + 0.5 * programme_score[j] + 0.5 * theme_score[j]
        out.append(
            Suggestion(
                organisation=index.orgs[j],
                score=round(float(exact_score), 6),
                reason=_reason(
                    [index.orgs[p] for p in shared[:3]],
                    len(shared),
                    [index.programmes[p] for p in programme_ids if p in telling_programmes],
                    [index.theme_labels[t] for t in theme_ids if t in telling_themes],
                    index.countries[j],
                    cross_border,
                ),
                common_partners=[index.orgs[p] for p in shared[:MAX_LISTED]],
                partners_in_common=len(shared),
                shared_programmes=programmes,
                shared_themes=themes,
                adamic_adar=round(exact_adamic, 6),
                country=index.countries[j],
                kind=str(index.kinds[j]),
            )
        )
    notes = []
    if not total:
        if countries or kinds or programme or cross_border:
            notes.append("no suggestion passes these filters")
        else:
            notes.append(f"no organisation shares a partner, programme or theme with {org.name}")
    elif cross_border:
        notes.append(f"only organisations outside {own_country}")
    if len(via) < len(own_partners):
        out.sort(key=lambda g: (-g.score, -g.partners_in_common, g.organisation.id))
        skipped = len(own_partners) - len(via)
        notes.append(f"candidates found through all but the {skipped} best connected partners")
    return SuggestionResult(
        org,
        out,
        "; ".join(notes),
        total=total,
        offset=offset,
        limit=limit,
        countries=country_facet,
        kinds=kind_facet,
    )


def _row(matrix: sp.csr_matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
    """The column indices and values of one row of a csr matrix."""
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    return matrix.indices[start:end], matrix.data[start:end]


def _telling(by_attribute: sp.csr_matrix, own: set[int], kept: np.ndarray, total: int) -> set[int]:
    """Of the organisation's own attributes, those that set a suggestion apart: all but
    those held by half or more of the ``total`` suggestions (``kept``, before any filter),
    when that is at least ``UBIQUITOUS`` of them."""
    telling = set()
    for a in own:
        holders = int(kept[_row(by_attribute, a)[0]].sum())
        if holders < UBIQUITOUS or 2 * holders < total:
            telling.add(a)
    return telling


def _counts(values: np.ndarray) -> dict[str, int]:
    """How often each non-empty value occurs, the most frequent first (ties by value)."""
    keys, counts = np.unique(values.astype(str), return_counts=True)
    pairs = sorted(zip(keys.tolist(), counts.tolist(), strict=True), key=lambda p: (-p[1], p[0]))
    return {key: int(count) for key, count in pairs if key}


def _names(nodes: Iterable[Node], limit: int = 3) -> str:
    names = [n.name for n in nodes]
    text = ", ".join(names[:limit])
    return text + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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
