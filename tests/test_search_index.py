"""The search index's fuzzy prefilter loses no match and its top-k cut keeps every tie."""

from __future__ import annotations

import random

from innograph.graph.algorithms import (
    _FUZZY_FILTER_MIN,
    FUZZY_THRESHOLD,
    SearchEntry,
    SearchIndex,
)
from rapidfuzz import fuzz


def _entries(count: int, seed: int) -> list[SearchEntry]:
    rng = random.Random(seed)
    letters = "abcdeilmnorstu"
    out = []
    for i in range(count):
        words = [
            "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
            for _ in range(rng.randint(1, 3))
        ]
        text = " ".join(words)
        out.append(SearchEntry(f"org-{i}", "Organisation", text, (text,), text))
    return out


def _brute_force(index: SearchIndex, query: str) -> dict[int, float]:
    scores: dict[int, float] = {}
    for choice, owners in zip(index._choices, index._choice_owners, strict=True):
        score = round(float(fuzz.ratio(query, choice)), 6)
        if score >= FUZZY_THRESHOLD:
            for owner in owners:
                scores[owner] = max(scores.get(owner, 0.0), score)
    return scores


def test_filtered_fuzzy_matches_scoring_every_choice() -> None:
    entries = _entries(3 * _FUZZY_FILTER_MIN, seed=3)
    index = SearchIndex(entries)
    rng = random.Random(5)
    queries = [e.texts[0] for e in rng.sample(entries, 30)]
    # Typos: a dropped, a doubled and a swapped letter.
    queries += [q[1:] for q in queries[:10]] + [q[0] + q for q in queries[10:20]]
    queries += [q[1] + q[0] + q[2:] for q in queries[20:30] if len(q) > 2]
    for query in queries:
        assert index.fuzzy(query) == _brute_force(index, query), query


def test_fuzzy_cut_keeps_the_best_and_every_tie() -> None:
    entries = _entries(3 * _FUZZY_FILTER_MIN, seed=8)
    index = SearchIndex(entries)
    query = entries[0].texts[0]
    full = _brute_force(index, query)
    for need in (1, 3, 10):
        cut = index.fuzzy(query, need=need)
        kth = sorted(full.values(), reverse=True)[:need][-1] if full else None
        expected = {i: s for i, s in full.items() if kth is not None and s >= kth}
        assert cut == expected
    odd = index.fuzzy(query, accept=lambda i: i % 2 == 1)
    assert odd == {i: s for i, s in full.items() if i % 2 == 1}
