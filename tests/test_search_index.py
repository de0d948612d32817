"""The search index: its shortcuts (word-start ranges, trigrams, the fuzzy prefilter and
the best-first fuzzy cut) give exactly what scoring every name would."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from innograph.graph.search import (
    _FUZZY_FILTER_MIN,
    FUZZY_THRESHOLD,
    SearchEntry,
    SearchIndex,
    normalise,
    rank_search,
)
from innograph.graph.types import Node

LETTERS = "abcdeilmnorstu"


def _entries(count: int, seed: int) -> list[SearchEntry]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = [
            "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 9)))
            for _ in range(rng.randint(1, 3))
        ]
        text = " ".join(words)
        out.append(SearchEntry(f"org-{i}", "Organisation", text, (text,), text))
    return out


def _brute_force(index: SearchIndex, query: str) -> dict[int, float]:
    scores: dict[int, float] = {}
    for c, choice in enumerate(index._choices):
        score = round(float(fuzz.ratio(query, choice)), 6)
        if score >= FUZZY_THRESHOLD:
            for owner in index._owner_flat[index._owner_start[c] : index._owner_start[c + 1]]:
                scores[int(owner)] = max(scores.get(int(owner), 0.0), score)
    return scores


def _tier(query: str, text: str) -> int | None:
    """0 exact, 1 prefix, 2 word prefix, 3 substring (the rule, spelt out slowly)."""
    if text == query:
        return 0
    if text.startswith(query):
        return 1
    if (" " + query) in (" " + text):
        return 2
    return 3 if query in text else None


def _slow_rank(entries: list[SearchEntry], query: str, limit: int) -> list[str]:
    """rank_search by scoring every entry: the reference the index must match."""
    q = normalise(query)
    keys: dict[int, tuple[int, float]] = {}
    for i, entry in enumerate(entries):
        tiers = [t for t in (_tier(q, text) for text in entry.texts) if t is not None]
        if tiers:
            keys[i] = (min(tiers), 0.0)
    if len(keys) < limit:
        owners, choices = [], []
        for i, entry in enumerate(entries):
            for text in entry.texts:
                words = [w for w in text.split() if len(w) >= 4] if " " in text else []
                for choice in (text, *words):
                    owners.append(i)
                    choices.append(choice)
        scores = process.cdist([q], choices, scorer=fuzz.ratio, dtype=np.float64)[0]
        for i, score in zip(owners, scores.tolist(), strict=True):
            rounded = round(score, 6)
            if i not in keys and rounded >= FUZZY_THRESHOLD:
                keys[i] = (4, -rounded)
            elif i in keys and keys[i][0] == 4 and -rounded < keys[i][1]:
                keys[i] = (4, -rounded)

    def order(i: int) -> tuple[int, float, str, str, str]:
        e = entries[i]
        return (*keys[i], e.sort_name, e.name, e.id)

    return [entries[i].id for i in sorted(keys, key=order)[:limit]]


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


def _numbered(count: int) -> list[SearchEntry]:
    """Names like the benchmark's ("Org 4711"): a typo ties with hundreds of others."""
    return [SearchEntry.of(Node(f"org-{i}", "Organisation", f"Org {i}")) for i in range(count)]


def _swaps() -> list[SearchEntry]:
    """Swapped letters (bound 100, score 90) and replaced ones (bound and score 90) among
    filler: once the swaps fill the answer, a replacement still enters by name order."""
    names = ["bacdefghij", "abcdefghji", "abcdefghix", "xbcdefghij", "zbcdefghij"]
    names += [f"filler {i}" for i in range(_FUZZY_FILTER_MIN)]
    return [SearchEntry(f"org-{i}", "Organisation", n, (n,), n) for i, n in enumerate(names)]


@pytest.mark.parametrize(
    "entries",
    [_entries(50, seed=8), _entries(3 * _FUZZY_FILTER_MIN, seed=8), _numbered(30_000), _swaps()],
    ids=["unfiltered", "filtered", "many-ties", "ties-across-bounds"],
)
def test_fuzzy_cut_keeps_the_best_in_name_order(entries: list[SearchEntry]) -> None:
    index = SearchIndex(entries)
    rng = random.Random(2)
    queries = [e.texts[0] for e in rng.sample(entries[:50], 10)]
    queries += [q[:-1] for q in queries] + [q[:-1] + "7" for q in queries] + ["abcdefghij"]
    for query in queries:
        full = _brute_force(index, query)
        by_rank = sorted(full, key=lambda i: (-full[i], entries[i].sort_name, entries[i].id))
        for need in (1, 2, 3, 10, 40):
            cut = index.fuzzy(query, need=need)
            assert list(cut) == by_rank[:need], (query, need)
            assert cut == {i: full[i] for i in by_rank[:need]}
        odd = index.fuzzy(query, exclude=range(0, len(entries), 2), need=5)
        assert list(odd) == [i for i in by_rank if i % 2 == 1][:5]


def test_index_ranks_like_scoring_every_entry() -> None:
    """Tiers, ties, limits and the fuzzy fill-up on many short, similar names."""
    entries = _entries(3 * _FUZZY_FILTER_MIN, seed=11)
    # Aliases and a second word give entries several texts.
    entries += [
        SearchEntry.of(Node(f"org-x{i}", "Organisation", f"Alpha {w}", {"aliases": [f"ab {w}"]}))
        for i, w in enumerate(["mort", "mortis", "amort", "tromso", "mor"])
    ]
    index = SearchIndex(entries)
    rng = random.Random(4)
    queries = ["mor", "ab mo", "alpha", "lpha mor", "m", "t", "rt", "zz", "ort"]
    queries += [e.texts[0][: rng.randint(1, len(e.texts[0]))] for e in rng.sample(entries, 40)]
    queries += [e.texts[0][1:] + "e" for e in rng.sample(entries, 20)]  # typos
    for query in queries:
        expected = _slow_rank(entries, query, 20)
        for limit in (1, 5, 20):  # a total order: each answer is the start of the next
            assert rank_search(query, index, limit=limit) == expected[:limit], (query, limit)


def test_a_typo_still_finds_the_entity() -> None:
    entries = [
        SearchEntry.of(Node(f"org-{i}", "Organisation", f"Org {i}")) for i in range(6000)
    ] + [SearchEntry.of(Node("org-kul", "Organisation", "Katholieke Universiteit Leuven"))]
    index = SearchIndex(entries)
    assert rank_search("universitiet", index, limit=3)[0] == "org-kul"  # swapped letters
    assert rank_search("katholike", index, limit=3)[0] == "org-kul"  # dropped letter
    assert rank_search("org 1234x", index, limit=1) == ["org-1234"]
    assert rank_search("qqqq zzzz", index) == []  # nothing close enough


def test_a_prefix_ranks_before_a_fuzzy_match_and_accents_do_not_count() -> None:
    entries = [
        SearchEntry.of(Node("org-1", "Organisation", "Marbel")),  # fuzzy for "marble"
        SearchEntry.of(Node("org-2", "Organisation", "Marblehead Labs")),  # prefix
        SearchEntry.of(Node("org-3", "Organisation", "Université de Liège")),
        # An exact alias beats a prefix whose name sorts first.
        SearchEntry.of(Node("org-4", "Organisation", "Zeta", {"aliases": ["Marble!"]})),
    ]
    index = SearchIndex(entries)
    assert rank_search("marble", index) == ["org-4", "org-2", "org-1"]
    assert rank_search("UNIVERSITE DE LIEGE", index) == ["org-3"]
    assert rank_search("liège", index) == ["org-3"]


def test_type_filter_includes_subtypes_and_applies_to_every_tier() -> None:
    entries = [
        SearchEntry.of(Node("org-a", "Organisation", "Delta Works")),
        SearchEntry.of(Node("org-b", "Cluster", "Delta Cluster")),
        SearchEntry.of(Node("project-c", "Project", "Delta")),
        SearchEntry.of(Node("project-d", "Project", "Detla Plan")),  # fuzzy only
    ]
    index = SearchIndex(entries)
    assert rank_search("delta", index, types=["Organisation"]) == ["org-b", "org-a"]
    assert rank_search("delta", index, types=["Project"]) == ["project-c", "project-d"]
    assert rank_search("delta", index, types=["Cluster"], limit=5) == ["org-b"]
