"""The backend-independent rules of graph/algorithms.py, on small graphs with known answers."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innograph.graph.algorithms import (
    Mention,
    Support,
    edge_key,
    expand_types,
    intermediate_filter,
    k_shortest_paths,
    merge_mentions,
    merge_supports,
    most_specific_type,
    neighbourhood_ids,
)
from innograph.graph.collaborators import active_between, rank_collaborators
from innograph.graph.search import SearchEntry, normalise, rank_search
from innograph.graph.types import Node


def _entries(*nodes: tuple[str, str, str] | tuple[str, str, str, list[str]]) -> list[SearchEntry]:
    out = []
    for spec in nodes:
        aliases = spec[3] if len(spec) > 3 else []
        out.append(SearchEntry.of(Node(spec[0], spec[1], spec[2], {"aliases": aliases})))
    return out


# -- types and merging -------------------------------------------------------------------


def test_expand_types_adds_subtypes_only() -> None:
    assert expand_types(["Organisation"]) == {"Organisation", "Cluster"}
    assert expand_types(["Cluster"]) == {"Cluster"}
    assert expand_types(["Project", "Event"]) == {"Project", "Event"}


def test_most_specific_type_prefers_the_subclass() -> None:
    assert most_specific_type(["Organisation", "Cluster", "Organisation"]) == "Cluster"
    assert most_specific_type(["Organisation"]) == "Organisation"


def test_merge_mentions_is_independent_of_order() -> None:
    a = Mention("doc-a", "Organisation", "Acme", ("ACME NV",), {"country": "BE", "url": "u1"})
    b = Mention("doc-b", "Cluster", "Acme Cluster", (), {"country": "NL"})
    one = merge_mentions("org-acme", [a, b])
    two = merge_mentions("org-acme", [b, a])
    assert one == two
    assert one.type == "Cluster"
    # The mention of the last source (doc-b) wins per key; other keys survive.
    assert one.name == "Acme Cluster"
    assert one.properties == {"country": "NL", "url": "u1", "aliases": ["ACME NV", "Acme"]}


def test_a_register_s_capitals_never_win_over_a_name_written_otherwise() -> None:
    register = Mention("a.csv#row=1", "Organisation", "ZEBRA LAB VZW", (), {})
    brand = Mention("b.md", "Organisation", "zebralab", (), {})
    mixed = Mention("c.md", "Organisation", "Zebra Lab", (), {})
    assert merge_mentions("org-zebra", [register, brand]).name == "zebralab"
    assert merge_mentions("org-zebra", [brand, register]).name == "zebralab"
    assert merge_mentions("org-zebra", [register, brand, mixed]).name == "Zebra Lab"


def test_merge_mentions_refuses_an_empty_node() -> None:
    with pytest.raises(ValueError):
        merge_mentions("org-x", [])


def test_edge_key_orders_only_symmetric_relations() -> None:
    assert edge_key("COLLABORATES_WITH", "org-b", "org-a") == (
        "org-a",
        "COLLABORATES_WITH",
        "org-b",
    )
    assert edge_key("MEMBER_OF", "org-b", "org-a") == ("org-b", "MEMBER_OF", "org-a")


def test_merge_supports_orders_provenance_and_keeps_last_amount() -> None:
    key = ("project-p", "FUNDED_BY", "programme-f")
    edge = merge_supports(
        key,
        [
            Support("z.txt", "Z says so.", 0.5, 20.0),
            Support("a.txt", "A says so.", 0.9, 10.0),
            Support("m.txt", "M says so.", 0.7, None),
        ],
    )
    assert [p.document for p in edge.provenance] == ["a.txt", "m.txt", "z.txt"]
    assert edge.properties == {"amount_eur": 20.0}
    assert (edge.source, edge.type, edge.target) == key


# -- search ----------------------------------------------------------------------------


def test_normalise_folds_case_accents_and_punctuation() -> None:
    assert normalise("  Université de Liège -- Campus ") == "universite de liege campus"


def test_search_ranks_exact_prefix_word_prefix_substring_fuzzy() -> None:
    entries = _entries(
        ("org-5", "Organisation", "Marble"),  # fuzzy ("marble" ~ "marbel")
        ("org-4", "Organisation", "Submarbel Labs"),  # substring
        ("org-3", "Organisation", "Old Marbel Works"),  # word prefix
        ("org-2", "Organisation", "Marbel Institute"),  # prefix
        ("org-1", "Organisation", "Marbel"),  # exact
        ("org-6", "Organisation", "Unrelated"),
    )
    assert rank_search("marbel", entries) == ["org-1", "org-2", "org-3", "org-4", "org-5"]


def test_search_is_case_and_accent_insensitive_and_uses_aliases() -> None:
    entries = _entries(
        ("org-1", "Organisation", "Hôpital Général", ["HG Zuid"]),
        ("org-2", "Organisation", "Other"),
    )
    assert rank_search("HOPITAL general", entries) == ["org-1"]
    assert rank_search("hg zuid", entries) == ["org-1"]


def test_search_ties_by_name_then_id_and_respects_limit_and_types() -> None:
    entries = _entries(
        ("org-b", "Organisation", "Delta Two"),
        ("org-a", "Cluster", "Delta Two"),
        ("project-c", "Project", "Delta One"),
    )
    assert rank_search("delta", entries) == ["project-c", "org-a", "org-b"]
    assert rank_search("delta", entries, limit=2) == ["project-c", "org-a"]
    assert rank_search("delta", entries, types=["Organisation"]) == ["org-a", "org-b"]
    assert rank_search("delta", entries, types=["Cluster"]) == ["org-a"]


def test_search_fuzzy_matches_a_misspelt_word_but_not_noise() -> None:
    entries = _entries(
        ("org-1", "Organisation", "Hogeschool Vrijstad"),
        ("org-2", "Organisation", "Quantum Bakery"),
    )
    assert rank_search("vrijstda", entries) == ["org-1"]
    assert rank_search("zzzzzz", entries) == []
    assert rank_search("   ", entries) == []


# -- neighbourhood ---------------------------------------------------------------------------


def _adjacency(edges: list[tuple[str, str]]) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {}
    for a, b in edges:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    return adj


def test_neighbourhood_is_layered_nearest_first_and_capped() -> None:
    adj = _adjacency([("c", "b"), ("c", "a"), ("a", "x"), ("b", "y"), ("y", "z")])
    ids, total = neighbourhood_ids(lambda n: adj.get(n, ()), "c", depth=2, limit=10)
    # Within a hop the most connected first: y (b, z) before x (a only).
    assert ids == ["c", "a", "b", "y", "x"] and total == 5
    ids, total = neighbourhood_ids(lambda n: adj.get(n, ()), "c", depth=2, limit=3)
    assert ids == ["c", "a", "b"] and total == 5
    ids, total = neighbourhood_ids(lambda n: adj.get(n, ()), "c", depth=2, limit=4)
    assert ids == ["c", "a", "b", "y"] and total == 5
    ids, total = neighbourhood_ids(
        lambda n: adj.get(n, ()), "c", depth=3, keep=lambda n: n in {"z", "a"}, limit=10
    )
    # The filter does not stop the traversal: z is reached through b and y.
    assert ids == ["c", "a", "z"] and total == 3


def test_neighbourhood_cut_by_links_then_degree_then_name() -> None:
    # From c: p and q are projects; h shares both with c, k one but has many partners,
    # a1..a3 share one and nothing else. Names would put the a's first.
    adj = _adjacency(
        [("c", "p"), ("c", "q"), ("h", "p"), ("h", "q"), ("k", "p"), ("k", "x"), ("k", "y")]
        + [(f"a{i}", "p") for i in range(3)]
    )
    names = {"h": "Zz", "k": "Yy", "a0": "Aa0", "a1": "Aa1", "a2": "Aa2"}
    asked: list[str] = []

    def weights(found: Sequence[str]) -> dict[str, tuple[int, str]]:
        asked.extend(found)
        return {n: (len(adj[n]), names.get(n, n)) for n in found}

    nb = lambda n: adj.get(n, ())  # noqa: E731
    ids, total = neighbourhood_ids(nb, "c", depth=2, limit=4, weights=weights)
    assert ids == ["c", "p", "q", "h"] and total == 8
    # Only nodes the order needs are weighed: the hop the cut falls in only as far as
    # those with enough links to compete (h shares two projects; k and the a's one).
    assert sorted(asked) == ["h", "p", "q"]
    ids, _ = neighbourhood_ids(nb, "c", depth=2, limit=5, weights=weights)
    assert ids == ["c", "p", "q", "h", "k"]
    ids, _ = neighbourhood_ids(nb, "c", depth=2, limit=7, weights=weights)
    assert ids == ["c", "p", "q", "h", "k", "a0", "a1"]


# -- paths -------------------------------------------------------------------------------


def test_paths_shortest_first_ties_by_ids_and_max_hops() -> None:
    adj = _adjacency(
        [("s", "p2"), ("s", "p1"), ("p1", "t"), ("p2", "t"), ("s", "q"), ("q", "r"), ("r", "t")]
    )
    nb = lambda n: adj.get(n, ())  # noqa: E731
    assert k_shortest_paths(nb, "s", "t", k=3) == [
        ["s", "p1", "t"],
        ["s", "p2", "t"],
        ["s", "q", "r", "t"],
    ]
    assert k_shortest_paths(nb, "s", "t", k=3, max_hops=2) == [["s", "p1", "t"], ["s", "p2", "t"]]
    assert k_shortest_paths(nb, "s", "t", k=1) == [["s", "p1", "t"]]
    assert k_shortest_paths(nb, "s", "t", k=3, allowed=lambda n: n != "p1") == [
        ["s", "p2", "t"],
        ["s", "q", "r", "t"],
    ]
    assert k_shortest_paths(nb, "s", "s") == []
    assert k_shortest_paths(nb, "s", "nowhere") == []


def test_intermediate_filter_uses_via_types_with_subtypes_and_avoid() -> None:
    types = {"a": "Cluster", "b": "Project", "c": "Organisation"}
    allowed = intermediate_filter(types.get, via=["Organisation"], avoid=["c"])
    assert [n for n in "abc" if allowed(n)] == ["a"]
    assert all(intermediate_filter(types.get)(n) for n in "abc")


@settings(max_examples=60, deadline=None)
@given(
    edges=st.sets(
        st.tuples(st.integers(0, 7), st.integers(0, 7)).filter(lambda e: e[0] != e[1]),
        max_size=20,
    ),
    k=st.integers(1, 6),
    max_hops=st.integers(1, 5),
    banned=st.sets(st.integers(2, 7), max_size=2),
)
def test_paths_match_brute_force_enumeration(
    edges: set[tuple[int, int]], k: int, max_hops: int, banned: set[int]
) -> None:
    """Against every simple path networkx enumerates, sorted by (hops, node ids)."""
    graph = nx.Graph()
    graph.add_nodes_from(f"n{i}" for i in range(8))
    graph.add_edges_from((f"n{a}", f"n{b}") for a, b in edges)
    avoid = {f"n{i}" for i in banned}
    expected = sorted(
        (
            p
            for p in nx.all_simple_paths(graph, "n0", "n1", cutoff=max_hops)
            if not avoid.intersection(p[1:-1])
        ),
        key=lambda p: (len(p), p),
    )[:k]
    got = k_shortest_paths(
        lambda n: graph.adj[n], "n0", "n1", k=k, max_hops=max_hops, allowed=lambda n: n not in avoid
    )
    assert got == expected


# -- collaborators -----------------------------------------------------------------------


def _org(i: str, name: str, country: str | None = None) -> Node:
    return Node(i, "Organisation", name, {"country": country} if country else {})


def test_rank_collaborators_scores_filters_and_ties() -> None:
    nodes = {
        "org-me": _org("org-me", "Me"),
        "org-b": _org("org-b", "Bravo", "NL"),
        "org-a": _org("org-a", "Alfa", "BE"),
        "org-c": _org("org-c", "Charlie", "be"),
        "person-p": Node("person-p", "Person", "Pat"),
        "project-1": Node("project-1", "Project", "P1", {"start_date": "2016-01-01"}),
        "project-2": Node(
            "project-2", "Project", "P2", {"start_date": "2019-01-01", "end_date": "2021-12-31"}
        ),
        "event-3": Node("event-3", "Event", "E3", {"start_date": "2023-05-04"}),
    }
    partners = {
        "project-1": ["org-me", "org-a", "org-b", "person-p"],
        "project-2": ["org-me", "org-b", "org-c"],
        "event-3": ["org-me", "org-a", "org-c"],
    }
    programmes = {"project-1": ["programme-x"], "project-2": ["programme-y"]}
    ranked = rank_collaborators("org-me", partners, nodes, programmes)
    # a, b and c share two items each: ties by name.
    assert [(c.organisation.id, c.score) for c in ranked] == [
        ("org-a", 2),
        ("org-b", 2),
        ("org-c", 2),
    ]
    assert [s.id for s in ranked[0].shared] == ["event-3", "project-1"]
    by_country = rank_collaborators("org-me", partners, nodes, programmes, country="BE")
    assert [c.organisation.id for c in by_country] == ["org-a", "org-c"]
    funded = rank_collaborators("org-me", partners, nodes, programmes, programme="programme-y")
    assert [(c.organisation.id, c.score) for c in funded] == [("org-b", 1), ("org-c", 1)]
    recent = rank_collaborators("org-me", partners, nodes, programmes, since="2022-01-01")
    # project-2 ended in 2021; project-1 has no end (open) and the event is in 2023.
    assert [(c.organisation.id, c.score) for c in recent] == [
        ("org-a", 2),
        ("org-b", 1),
        ("org-c", 1),
    ]
    assert len(rank_collaborators("org-me", partners, nodes, programmes, limit=1)) == 1


@pytest.mark.parametrize(
    ("props", "since", "until", "expected"),
    [
        ({"start_date": "2018-01-01", "end_date": "2019-12-31"}, "2020-01-01", None, False),
        ({"start_date": "2018-01-01", "end_date": "2019-12-31"}, None, "2017-12-31", False),
        ({"start_date": "2018-01-01", "end_date": "2019-12-31"}, "2019", "2019", True),
        ({}, "2000-01-01", "2001-01-01", True),
    ],
)
def test_active_between(props: dict[str, str], since: str, until: str, expected: bool) -> None:
    assert active_between(props, since, until) is expected


def test_brute_force_helper_sanity() -> None:
    """The hypothesis test above compares against something non-trivial."""
    graph = nx.cycle_graph(["n0", "a", "n1", "b"])
    paths = sorted(nx.all_simple_paths(graph, "n0", "n1", cutoff=3), key=lambda p: (len(p), p))
    assert paths == [["n0", "a", "n1"], ["n0", "b", "n1"]]
    assert list(itertools.islice(paths, 1)) == [["n0", "a", "n1"]]
