"""The GraphStore contract, partnership paths: by default a path passes only through what
partners share, never a Region or a FundingProgramme; an empty answer says why. Run on
the embedded store and on Neo4j."""

from __future__ import annotations

import networkx as nx

from innograph.graph.partnership import (
    default_scope,
    explain_no_paths,
    partnership_relations,
    path_scope,
    widest_scope,
)
from innograph.graph.store import GraphStore
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts
from innograph.tests.store_contract_data import (
    ALPHA,
    BETA,
    DELTA,
    EPS,
    S3,
    ecosystem,
    ids,
    load,
    org,
    project,
)

A, B, C, E = org("Part A"), org("Part B"), org("Part C"), org("Part E")
K = make_canonical_id("Cluster", "Part K")
P, Q, P2 = project("Part P"), project("Part Q"), project("Part P2")
R = make_canonical_id("Region", "Vlaanderen")
F = make_canonical_id("FundingProgramme", "Part Fund")


def shortcut_graph() -> DocumentFacts:
    """A and B are partners only through A-P2-C-K-B (4 hops); shorter ways run through
    their Region (2 hops), a successor project (3) and their programme (4). E is alone."""
    return make_facts(
        "mem://partnership.txt",
        [
            ("a", "Organisation", "Part A"),
            ("b", "Organisation", "Part B"),
            ("c", "Organisation", "Part C"),
            ("e", "Organisation", "Part E"),
            ("k", "Cluster", "Part K"),
            ("p", "Project", "Part P"),
            ("q", "Project", "Part Q"),
            ("p2", "Project", "Part P2"),
            ("r", "Region", "Vlaanderen"),
            ("f", "FundingProgramme", "Part Fund"),
        ],
        [
            ("LOCATED_IN", "a", "r"),
            ("LOCATED_IN", "b", "r"),
            ("LEADS", "a", "p"),
            ("PARTICIPATES_IN", "b", "q"),
            ("SUCCESSOR_OF", "p", "q"),
            ("FUNDED_BY", "p", "f"),
            ("FUNDED_BY", "q", "f"),
            ("PARTICIPATES_IN", "a", "p2"),
            ("PARTICIPATES_IN", "c", "p2"),
            ("MEMBER_OF", "c", "k"),
            ("MEMBER_OF", "b", "k"),
        ],
    )


def path_ids(store: GraphStore, src: str, dst: str, **options: object) -> list[list[str]]:
    return [ids(p.nodes) for p in store.paths(src, dst, **options)]  # type: ignore[arg-type]


def every(store: GraphStore, src: str, dst: str, **options: object) -> list[list[str]]:
    widest = widest_scope()
    return path_ids(
        store,
        src,
        dst,
        via=sorted(widest.node_types),
        relations=sorted(widest.relations),
        **options,
    )


def test_partnership_relations_come_from_the_ontology() -> None:
    assert partnership_relations() == {"LEADS", "PARTICIPATES_IN", "MEMBER_OF", "COLLABORATES_WITH"}
    assert "Region" not in default_scope().node_types
    assert "FundingProgramme" not in default_scope().node_types
    assert "Cluster" in default_scope().node_types
    assert path_scope(["Organisation", "Region"]).relations >= {"LOCATED_IN"}
    assert "SUCCESSOR_OF" not in path_scope(["Project", "FundingProgramme"]).relations


def test_paths_by_default_never_pass_a_region_or_a_programme(store: GraphStore) -> None:
    store.upsert_document(shortcut_graph())
    # The shorter ways through the region, the successor project and the programme exist:
    assert every(store, A, B, k=9)[:4] == [
        [A, R, B],
        [A, P, Q, B],
        [A, P, F, Q, B],
        [A, P2, C, K, B],
    ]
    found = store.paths(A, B, k=9)
    assert [ids(p.nodes) for p in found] == [[A, P2, C, K, B]]
    for path in found:
        assert not {n.type for n in path.nodes} & {"Region", "FundingProgramme"}
        assert {e.type for e in path.edges} <= partnership_relations()
    assert [e.type for e in found[0].edges] == [
        "PARTICIPATES_IN",
        "PARTICIPATES_IN",
        "MEMBER_OF",
        "MEMBER_OF",
    ]


def test_naming_a_type_in_via_opens_it(store: GraphStore) -> None:
    store.upsert_document(shortcut_graph())
    assert path_ids(store, A, B, via=["Organisation", "Region"], k=5) == [[A, R, B]]
    assert path_ids(store, A, B, via=["Project", "FundingProgramme"], k=5) == [[A, P, F, Q, B]]
    assert path_ids(
        store, A, B, via=["Project"], relations=["LEADS", "PARTICIPATES_IN", "SUCCESSOR_OF"]
    ) == [[A, P, Q, B]]


def test_an_empty_answer_says_why(store: GraphStore) -> None:
    store.upsert_document(shortcut_graph())
    scope = default_scope()
    assert store.paths(A, B, max_hops=3) == []
    reason = explain_no_paths(store, A, B, max_hops=3, scope=scope)
    assert "connected within 2 hops only through a Region (Vlaanderen)" in reason
    assert "no path within 3 hops" in reason
    # The only partnership path of 2 hops from A to C runs through the avoided project.
    assert store.paths(A, C, max_hops=2, avoid=[P2]) == []
    reason = explain_no_paths(store, A, C, max_hops=2, scope=scope, avoid=[P2])
    assert f"only through the avoided Part P2 ({P2})" in reason
    # A successor project is no partnership: the relation itself is named.
    via_projects = path_scope(["Project"])
    assert store.paths(A, B, max_hops=3, via=["Project"]) == []
    reason = explain_no_paths(store, A, B, max_hops=3, scope=via_projects)
    assert "only through a Region (Vlaanderen)" in reason
    assert explain_no_paths(store, A, E, max_hops=4, scope=scope) == ("no connection within 4 hops")


def test_partnership_paths_agree_with_brute_force_on_the_ecosystem(store: GraphStore) -> None:
    load(store, ecosystem())
    graph = nx.Graph()
    graph.add_edges_from(
        (e.source, e.target) for e in store.iter_edges(types=sorted(partnership_relations()))
    )
    for src, dst in ((ALPHA, EPS), (DELTA, EPS), (BETA, S3), (DELTA, ALPHA)):
        expected = sorted(
            nx.all_simple_paths(graph, src, dst, cutoff=4), key=lambda p: (len(p), p)
        )[:4]
        assert path_ids(store, src, dst, k=4, max_hops=4) == expected


def test_the_one_shortest_path_is_the_first_of_the_k_shortest(store: GraphStore) -> None:
    """k=1 in the widest scope (the explanation's search; Neo4j answers it with the
    server's own shortest-path search) gives the first of the k shortest, ties by ids."""
    load(store, ecosystem())
    store.upsert_document(shortcut_graph())
    widest = widest_scope()
    everything: dict[str, object] = {
        "via": sorted(widest.node_types),
        "relations": sorted(widest.relations),
    }
    pairs = [(A, B), (A, C), (B, C), (A, E), (A, K), (ALPHA, EPS), (DELTA, EPS), (BETA, S3)]
    for src, dst in pairs:
        for hops in (1, 2, 3, 4):
            one = store.paths(src, dst, k=1, max_hops=hops, **everything)  # type: ignore[arg-type]
            first = store.paths(src, dst, k=9, max_hops=hops, **everything)[:1]  # type: ignore[arg-type]
            assert one == first, (src, dst, hops)
