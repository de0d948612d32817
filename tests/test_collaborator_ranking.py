"""Collaborator ranking's top-k cut gives what ordering every partner would give."""

from __future__ import annotations

import random

from innograph.graph.collaborators import SortNames, rank_collaborators
from innograph.graph.types import Node
from innograph.ontology.ids import fold


def _graph(seed: int) -> tuple[dict[str, list[str]], dict[str, Node]]:
    rng = random.Random(seed)
    # Few distinct names, with case and accent variants, so ties on counts and names abound.
    names = ["Alpha Lab", "alpha lab", "Álpha Lab", "Beta Works", "Gamma", "gamma"]
    nodes = {f"org-{i}": Node(f"org-{i}", "Organisation", rng.choice(names), {}) for i in range(60)}
    items: dict[str, list[str]] = {}
    for p in range(25):
        pid = f"project-{p}"
        nodes[pid] = Node(pid, "Project", f"Project {p}", {})
        items[pid] = ["org-0", *rng.sample(sorted(nodes)[:60], rng.randint(1, 12))]
    return items, nodes


def _reference(items: dict[str, list[str]], nodes: dict[str, Node], limit: int) -> list[str]:
    shared: dict[str, set[str]] = {}
    for item, partners in items.items():
        for p in partners:
            if p != "org-0":
                shared.setdefault(p, set()).add(item)
    order = sorted(shared, key=lambda p: (-len(shared[p]), fold(nodes[p].name), nodes[p].name, p))
    return order[:limit]


def test_top_k_cut_matches_a_full_sort() -> None:
    for seed in range(20):
        items, nodes = _graph(seed)
        for limit in (0, 1, 3, 7, 20, 100):
            got = rank_collaborators("org-0", items, nodes, {}, limit=limit)
            assert [c.organisation.id for c in got] == _reference(items, nodes, limit)
            cached = rank_collaborators(
                "org-0", items, nodes, {}, limit=limit, sort_names=SortNames(nodes)
            )
            assert cached == got


def test_sort_names_fold_once_and_on_demand() -> None:
    nodes = {"org-a": Node("org-a", "Organisation", "École Nord", {})}
    names = SortNames(nodes)
    assert len(names) == 0
    assert names["org-a"] == fold("École Nord")
    assert dict(names) == {"org-a": fold("École Nord")}
