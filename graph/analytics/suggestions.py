"""Partner suggestions: link prediction on the collaboration network.

An organisation's candidates are its partners' partners (Adamic–Adar over the common
partners, walked from the least connected partners when a hub would make it too long)
and the organisations sharing its programmes or themes; each suggestion says why.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

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


def suggest_partners(
    index: NetworkIndex,
    org_id: str,
    *,
    cross_border: bool = False,
    limit: int = 10,
    max_two_hop: int = 2_000_000,
) -> SuggestionResult:
    """Organisations ``org_id`` does not yet work with, ranked by link prediction.

    Score = Adamic–Adar over common partners + half an Adamic–Adar over shared
    programmes and over shared themes (rarer ones count more). KeyError if
    ``org_id`` is not an organisation of the graph.
    """
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
    for j in picks.tolist():
        partners_j = row_indices_array(adjacency, j)
        shared = partners_j[is_own_partner[partners_j]]
        shared = shared[np.lexsort((shared, -degree[shared]))]  # best connected first
        programmes = [
            index.programmes[p]
            for p in row_indices(index.org_programme.holders, j)
            if p in programme_row
        ]
        themes = [
            index.themes[t] for t in row_indices(index.org_theme.holders, j) if t in theme_row
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
    note = "" if out else f"no organisation shares a partner, programme or theme with {org.name}"
    if cross_border and out:
        note = f"only organisations outside {own_country}"
    if len(via) < len(own_partners):
        out.sort(key=lambda g: (-g.score, -g.partners_in_common, g.organisation.id))
        skipped = len(own_partners) - len(via)
        note = (
            f"{note}; " if note else ""
        ) + f"candidates found through all but the {skipped} best connected partners"
    return SuggestionResult(org, out, note)


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
